"""The pipeline subprocess of a job: its environment, its supervision, the kill of its process group, its error.

A job's script (``run_all.py … --progress-json --quiet`` or ``blur_faces.py``) runs as a
subprocess leading its own session: a crash, a memory blow-up or a hung model ends that
process only, the time limit is a hard kill of its process group, and the worker's memory
stays flat between jobs. Its ``--progress-json`` lines on stderr are forwarded as progress;
its ``error: …`` line becomes the job's reason (:func:`error_reason`); every other line is
logged again by the worker (logger ``interview_ai_lab.pipeline``), with the job's interview id.
"""

from __future__ import annotations

import collections
import contextvars
import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)
#: The pipeline's own lines (stderr), logged again by the worker.
pipeline_logger = logging.getLogger("interview_ai_lab.pipeline")

#: The longest stored failure reason, characters.
ERROR_MAX_CHARS = 500


@dataclass
class PipelineResult:
    """Outcome of one pipeline process (``run_all.py`` or ``blur_faces.py``).

    Attributes:
        returncode: Exit code (negative: killed by that signal).
        report_path: The report written, or None.
        error: The readable reason of a failure, or "".
        seconds: Wall time, seconds.
        stderr_tail: The last lines the process wrote on stderr (progress lines left out).
        outdir: The folder it wrote (the analysis folder, or the job's scratch copy of it).
        shown_paths: Local path prefixes of the run → what the API may show instead (set by the job).
    """

    returncode: int
    report_path: Path | None
    error: str
    seconds: float
    stderr_tail: list[str] = field(default_factory=list)
    outdir: Path | None = None
    shown_paths: dict[str, str] = field(default_factory=dict)


class Cancelled(Exception):
    """The job was taken away (interview deleted or requeued) while running."""


def _set_parent_death_signal() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the pipeline dies with the worker process that started it (no orphan keeps running)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def error_reason(returncode: int, stderr_lines: list[str], *, timed_out: bool = False, limit: int = 0) -> str:
    """One readable sentence for a failed run, never a traceback.

    The pipeline's own ``error: …`` line wins; else the signal or exit code, with the
    last line of output (an exception's one-line message) when there is one.
    """
    if timed_out:
        return f"the analysis took longer than the time limit ({limit} s) and was stopped"
    for line in reversed(stderr_lines):
        text = line.strip()
        if text.startswith("error:"):
            return clip_reason(text[len("error:"):].strip() or "the analysis failed")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        hint = " (out of memory?)" if -returncode == signal.SIGKILL else ""
        return f"the analysis process was killed by {name}{hint}"
    last = next((ln.strip() for ln in reversed(stderr_lines)
                 if ln.strip() and not ln.startswith((" ", "\t", "Traceback", "{"))), "")
    detail = f": {clip_reason(last)}" if last else ""
    return f"the analysis failed (exit code {returncode}){detail}"



def clip_reason(text: str) -> str:
    """``text`` on one line, at most :data:`ERROR_MAX_CHARS` characters (an ellipsis ends a cut one)."""
    text = " ".join(text.split())
    return text if len(text) <= ERROR_MAX_CHARS else text[: ERROR_MAX_CHARS - 1] + "…"


def pipeline_env() -> dict[str, str]:
    """The environment of a pipeline process: this one's, with downloads allowed only when the deployment says so.

    ``IAL_ALLOW_DOWNLOADS`` is always set (``0`` by default); when it is 0, the Hugging
    Face libraries are put offline too, so no stage can reach the network by itself.
    """
    env = dict(os.environ)
    env.update(PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if settings.IAL_ALLOW_DOWNLOADS:
        env["IAL_ALLOW_DOWNLOADS"] = "1"
    else:
        env.update(IAL_ALLOW_DOWNLOADS="0", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return env


def run_pipeline_process(cmd: list[str], *, outdir: Path, time_limit: float, heartbeat_sec: float,
                         on_progress: Callable[[str, float], None], on_heartbeat: Callable[[], bool],
                         still_wanted: Callable[[], bool] | None = None,
                         cancel_check_sec: float = 1.0) -> PipelineResult:
    """Run ``cmd``, forwarding progress and beating the heart; stop it on time limit or cancel.

    Args:
        cmd: The command (a list: no shell ever parses it).
        outdir: The analysis folder; the report must be inside it.
        time_limit: Seconds after which the process group is killed.
        heartbeat_sec: Seconds between ``on_heartbeat`` calls.
        on_progress: ``f(stage, percent)`` with the latest progress line (called from this thread,
            at most twice a second).
        on_heartbeat: Returns False when the job was taken away: the process is killed and
            :class:`Cancelled` raised.
        still_wanted: Checked every ``cancel_check_sec`` seconds (a cheap read, e.g. "the row
            exists"); False: the process group is killed and :class:`Cancelled` raised, so
            a deleted interview's pipeline stops within about a second.
        cancel_check_sec: Seconds between two ``still_wanted`` checks.

    Whenever the process is stopped, its whole process group is killed and waited for:
    no stage of it writes anything afterwards.
    """
    env = pipeline_env()
    t0 = time.monotonic()
    popen_kw: dict[str, Any] = {}
    if os.name == "posix":
        popen_kw.update(start_new_session=True,
                        preexec_fn=_set_parent_death_signal if sys.platform == "linux" else None)
    proc = subprocess.Popen(cmd, cwd=str(settings.REPO_ROOT), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            errors="replace", bufsize=1, **popen_kw)
    stdout_tail: collections.deque[str] = collections.deque(maxlen=50)
    stderr_tail: collections.deque[str] = collections.deque(maxlen=200)
    events: queue.SimpleQueue[tuple[str, float]] = queue.SimpleQueue()

    def read_stderr() -> None:  # no database access here: the calling thread writes progress
        assert proc.stderr is not None
        for line in proc.stderr:
            line = line.rstrip("\n")
            if line.startswith("{"):
                try:
                    event = json.loads(line)
                except ValueError:
                    event = None
                if isinstance(event, dict) and event.get("event") == "progress":
                    try:
                        events.put((str(event.get("stage", "")), float(event.get("percent", 0.0))))
                    except (TypeError, ValueError):
                        pass
                    continue
            stderr_tail.append(line)
            if line.strip():  # the pipeline runs --quiet: its lines are warnings and errors about the run
                pipeline_logger.log(logging.ERROR if line.startswith(("error:", "Traceback")) else logging.WARNING,
                                    "%s", line)

    def read_stdout() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            stdout_tail.append(line.rstrip("\n"))

    def forward_progress() -> None:
        latest = None
        while True:
            try:
                latest = events.get_nowait()
            except queue.Empty:
                break
        if latest is not None:
            on_progress(*latest)

    # The readers log in this thread's context (the job's interview id on every line).
    readers = [threading.Thread(target=contextvars.copy_context().run, args=(read_stderr,), daemon=True),
               threading.Thread(target=read_stdout, daemon=True)]
    for r in readers:
        r.start()
    timed_out = False
    next_beat = time.monotonic() + heartbeat_sec
    next_check = time.monotonic() + cancel_check_sec
    try:
        while True:
            try:
                proc.wait(timeout=min(0.5, heartbeat_sec, cancel_check_sec))
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if still_wanted is not None and now >= next_check:
                next_check = now + cancel_check_sec
                if not still_wanted():
                    _kill(proc)
                    raise Cancelled()
            forward_progress()
            if now - t0 > time_limit:
                timed_out = True
                _kill(proc)
                break
            if now >= next_beat:
                next_beat = now + heartbeat_sec
                if not on_heartbeat():
                    _kill(proc)
                    raise Cancelled()
    except BaseException:
        _kill(proc)  # SoftTimeLimitExceeded, worker shutdown…: never leave the pipeline running
        raise
    finally:
        for r in readers:
            r.join(timeout=5)
        if os.name == "posix":  # a stage's own child (ffmpeg…) outliving run_all.py is stopped too
            _kill_group(proc.pid)
    forward_progress()
    seconds = time.monotonic() - t0
    err_lines = list(stderr_tail)
    if proc.returncode != 0 or timed_out:
        return PipelineResult(proc.returncode, None, error_reason(proc.returncode, err_lines, timed_out=timed_out,
                                                                  limit=int(time_limit)), seconds, err_lines, outdir)
    expected = (outdir / "report.json").resolve()
    printed = next((ln.strip() for ln in reversed(stdout_tail) if ln.strip()), "")
    if printed and Path(printed).resolve() != expected:
        logger.warning("pipeline printed %r, expected %s", printed, expected)
    if not expected.is_file():
        return PipelineResult(proc.returncode, None, "the analysis ended without writing a report", seconds, err_lines,
                              outdir)
    return PipelineResult(0, expected, "", seconds, err_lines, outdir)


def _kill(proc: subprocess.Popen) -> None:
    """Kill the pipeline's whole process group (it leads its own session) and wait until none of it runs."""
    if os.name != "posix":  # pragma: no cover
        if proc.poll() is None:
            proc.kill()
        return
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            logger.error("pipeline process %d did not stop", proc.pid)
    _kill_group(proc.pid)


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group ``pgid`` (Linux ``/proc``; elsewhere: [pgid] while it answers)."""
    proc_dir = Path("/proc")
    if not (proc_dir / "self" / "stat").exists():  # pragma: no cover - not Linux
        try:
            os.killpg(pgid, 0)
            return [pgid]
        except (ProcessLookupError, PermissionError):
            return []
    members = []
    for entry in proc_dir.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[0] != "Z" and fields[2] == str(pgid):  # state, ppid, pgrp
            members.append(int(entry.name))
    return members


def _kill_group(pgid: int, *, timeout: float = 10.0) -> bool:
    """SIGKILL every process left in group ``pgid`` until none is left (or ``timeout`` s); True when empty."""
    deadline = time.monotonic() + timeout
    while True:
        members = group_members(pgid)
        if not members:
            return True
        if time.monotonic() > deadline:
            logger.error("process group %d still has %s after %.0f s", pgid, members, timeout)
            return False
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        time.sleep(0.05)

