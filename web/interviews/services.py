"""What the views and the tasks do with interviews: probe uploads, queue jobs, run the pipeline.

The pipeline runs as a subprocess (``python run_all.py … --progress-json --quiet``):
a crash, a memory blow-up or a hung model ends that process only, the time limit
is a hard kill of its process group, and the worker's memory stays flat between
jobs. Its ``--progress-json`` lines on stderr feed ``Interview.progress``; its
``error: …`` line becomes ``Interview.error``.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import queue
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .models import Interview, ReportVersion

logger = logging.getLogger(__name__)

ERROR_MAX_CHARS = 500


class JobConflict(Exception):
    """An analysis of this interview is already queued or running."""


# --------------------------------------------------------------------------- uploads


def probe_upload(upload: UploadedFile) -> dict[str, Any]:
    """Probe an uploaded file with ffprobe (``scripts.core.media.ffmpeg.probe``); return its facts.

    The file is read from Django's temporary file, or written to one first when it
    was kept in memory; the client's name never reaches the filesystem.

    Raises:
        scripts.core.runtime.errors.InputError: not a readable audio/video file.
    """
    from scripts.core.media.ffmpeg import probe

    temp_path = getattr(upload, "temporary_file_path", None)
    if temp_path is not None:
        return probe(Path(temp_path())).as_dict()
    fd, name = tempfile.mkstemp(prefix="ial-upload-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in upload.chunks():
                f.write(chunk)
        return probe(Path(name)).as_dict()
    finally:
        os.unlink(name)
        upload.seek(0)


def remove_tree(path: Path, *, tries: int = 5) -> bool:
    """Remove ``path`` (a folder, a file or a symbolic link — never what a link points to); True once it is gone.

    A folder still being written to (a file created while it is removed) is removed
    again, up to ``tries`` times, 0.2 s apart.
    """
    for attempt in range(tries):
        if not os.path.lexists(path):
            return True
        try:
            if path.is_symlink() or not path.is_dir():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path)  # (fd-based on Linux: never follows a link inside the tree)
        except FileNotFoundError:
            pass
        except OSError as e:
            logger.debug("removing %s (try %d): %s", path, attempt + 1, e)
            time.sleep(0.2)
    gone = not os.path.lexists(path)
    if not gone:
        logger.error("could not remove %s", path)
    return gone


def remove_interview_files(interview: Interview) -> bool:
    """Delete the stored video and the analysis folder of ``interview`` (missing ones are fine); True when gone."""
    try:
        path = interview.video_path()
    except ValueError:
        logger.error("interview %s: refusing to delete a video outside MEDIA_ROOT", interview.pk)
        path = None
    gone = True
    if path is not None:
        gone = remove_tree(path)
    return remove_tree(interview.analysis_dir()) and gone


def erase_deleted_interview(interview: Interview, *, recheck_sec: float = 1.0) -> bool:
    """Remove the files of an interview whose row is gone, once its pipeline has stopped, then look again.

    Called by the worker after the process group of the job is dead: what a stage
    wrote after the DELETE is removed, and ``recheck_sec`` later the folder is checked
    (and removed) once more. True when nothing is left.
    """
    remove_interview_files(interview)
    time.sleep(recheck_sec)
    gone = remove_interview_files(interview)
    logger.info("interview %s: deleted while its job ran; files %s", interview.pk, "erased" if gone else "NOT erased")
    return gone


def interview_exists(interview_id: Any) -> bool:
    """True while the interview's row exists (a cheap ``SELECT … LIMIT 1``)."""
    return Interview.objects.filter(pk=interview_id).exists()


# --------------------------------------------------------------------------- queueing


def queue_analysis(interview_id: uuid.UUID, *, owner_id: int | None = None, options: dict[str, Any] | None = None,
                   send: Callable[[Interview], str] | None = None, user: Any = None) -> Interview:
    """Queue an analysis of the interview, or raise :class:`JobConflict` if one is queued/running.

    The row is locked (``SELECT … FOR UPDATE``) so two concurrent requests cannot both
    queue a job. A DONE report is already kept as a :class:`ReportVersion`; ``report``
    is cleared until the new analysis ends. The Celery message is sent after commit.

    Args:
        interview_id: The interview.
        owner_id: When given, only this user's interview (others: ``Interview.DoesNotExist``).
        options: ``language``/``mode``/``questions``/``force`` overriding the stored ones.
        send: Sends the message and returns the Celery task id (default: ``run_analysis.apply_async``).
    """
    options = dict(options or {})
    with transaction.atomic():
        qs = Interview.objects.select_for_update()
        if owner_id is not None:
            qs = qs.filter(owner_id=owner_id)
        interview = qs.get(pk=interview_id)
        if interview.job_active:
            raise JobConflict(f"an analysis of this interview is already {_state_words(interview)}")
        if interview.blur_active:
            raise JobConflict("the faces of this interview's video are being blurred; analyse once that is done")
        for key in ("language", "mode", "questions"):
            if key in options:
                setattr(interview, key, options[key])
        from .rubrics import ensure_rubrics

        ensure_rubrics(interview, user=user)  # new or changed questions (or an interview of before rubrics)
        interview.status = Interview.Status.PENDING
        interview.progress = {"stage": "queued", "percent": 0.0}
        interview.error = ""
        interview.report = None
        interview.job_id = uuid.uuid4()
        interview.task_id = ""
        interview.attempts = 0
        interview.worker = ""
        interview.queued_at = timezone.now()
        interview.started_at = interview.finished_at = interview.heartbeat_at = None
        interview.options = {"language": interview.language, "mode": interview.mode,
                             "questions": bool(interview.questions), "force": bool(options.get("force"))}
        interview.save()
        job_id = interview.job_id
    try:
        task_id = (send or _send_task)(interview)
    except Exception as e:  # broker down: do not leave a job that will never run
        logger.error("interview %s: could not queue the analysis: %s", interview.pk, e)
        Interview.objects.filter(pk=interview.pk, job_id=job_id, status=Interview.Status.PENDING).update(
            queued_at=None, job_id=None, progress={}, error="the analysis could not be queued (task broker unreachable)")
        raise
    Interview.objects.filter(pk=interview.pk, job_id=job_id).update(task_id=task_id or "")
    interview.task_id = task_id or ""
    return interview


def _send_task(interview: Interview) -> str:
    from .tasks import run_analysis

    result = run_analysis.apply_async(args=[str(interview.pk), str(interview.job_id)])
    return result.id


def _state_words(interview: Interview) -> str:
    if interview.status == Interview.Status.RUNNING:
        p = interview.progress or {}
        return f"running ({p.get('stage', 'starting')}, {p.get('percent', 0)}%)"
    return "queued"


# --------------------------------------------------------------------------- worker identity and liveness


def host_identity() -> str:
    """This machine: host name plus the start of the kernel boot id (two hosts named alike still differ)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    except OSError:
        boot = ""
    return f"{socket.gethostname()}#{boot}" if boot else socket.gethostname()


def worker_identity() -> str:
    """``host#boot:pid`` of this process (stored on a RUNNING interview)."""
    return f"{host_identity()}:{os.getpid()}"


def worker_is_dead(identity: str) -> bool:
    """True when ``identity`` names a process of THIS machine that no longer exists.

    Processes of other machines cannot be checked: their heartbeat tells.
    """
    host, _, pid = identity.rpartition(":")
    if host != host_identity() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def is_stale(interview: Interview, now=None) -> bool:
    """A RUNNING interview whose worker is gone: heartbeat too old, or its process died on this host."""
    if interview.status != Interview.Status.RUNNING:
        return False
    now = now or timezone.now()
    beat = interview.heartbeat_at or interview.started_at
    if beat is None or now - beat > timedelta(seconds=settings.IAL_STALE_SEC):
        return True
    return bool(interview.worker) and worker_is_dead(interview.worker)


def requeue_stale_jobs(*, send: Callable[[Interview], str] | None = None) -> list[str]:
    """Requeue RUNNING jobs whose worker died, and resend PENDING jobs queued too long ago.

    A job that already started ``IAL_MAX_ATTEMPTS`` times is marked ERROR instead
    (a video that kills its worker each time must not loop forever). Returns the
    ids acted on.
    """
    now = timezone.now()
    acted: list[str] = []
    candidates = Interview.objects.filter(status=Interview.Status.RUNNING).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            interview = Interview.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if interview is None or not is_stale(interview, now):
                continue
            if interview.attempts >= settings.IAL_MAX_ATTEMPTS:
                logger.warning("interview %s: worker lost %d times, giving up", pk, interview.attempts)
                interview.status = Interview.Status.ERROR
                interview.error = (f"the analysis was interrupted {interview.attempts} times (its worker stopped or "
                                   f"ran out of memory); giving up")
                interview.finished_at = now
                interview.save()
                acted.append(str(pk))
                continue
            logger.warning("interview %s: worker %s lost (heartbeat %s), requeuing", pk, interview.worker,
                           interview.heartbeat_at)
            interview.status = Interview.Status.PENDING
            interview.progress = {"stage": "requeued", "percent": 0.0}
            interview.job_id = uuid.uuid4()  # a late redelivery of the old message is ignored
            interview.queued_at = now
            interview.heartbeat_at = None
            interview.save()
            acted.append(str(pk))
        _resend(interview, send)
    resend_before = now - timedelta(seconds=settings.IAL_PENDING_RESEND_SEC)
    for interview in Interview.objects.filter(status=Interview.Status.PENDING, queued_at__lt=resend_before,
                                              job_id__isnull=False):
        # A lost message (broker flushed) must not block the interview forever. A duplicate
        # is harmless: the first message to claim the job runs it, the other finds it taken.
        Interview.objects.filter(pk=interview.pk, job_id=interview.job_id).update(queued_at=now)
        _resend(interview, send)
        acted.append(str(interview.pk))
    return acted


def _resend(interview: Interview, send: Callable[[Interview], str] | None) -> None:
    try:
        task_id = (send or _send_task)(interview)
        Interview.objects.filter(pk=interview.pk, job_id=interview.job_id).update(task_id=task_id or "")
    except Exception as e:  # the next sweep tries again
        logger.error("interview %s: could not requeue: %s", interview.pk, e)


def claim_job(interview_id: str, job_id: str, *, task_id: str = "") -> Interview | None:
    """Mark the job RUNNING for this process, or return None when it is not ours to run.

    Runs when the interview's current job is ``job_id`` and it is PENDING, or RUNNING
    with a dead worker (a redelivered message after a crash). Else (deleted, finished,
    requeued under another job, or running elsewhere) the message is dropped.
    """
    now = timezone.now()
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(pk=interview_id).first()
        if interview is None or str(interview.job_id) != str(job_id):
            return None
        if interview.status == Interview.Status.RUNNING and not is_stale(interview, now):
            return None
        if interview.status not in (Interview.Status.PENDING, Interview.Status.RUNNING):
            return None
        if interview.attempts >= settings.IAL_MAX_ATTEMPTS:
            interview.status = Interview.Status.ERROR
            interview.error = f"the analysis was interrupted {interview.attempts} times; giving up"
            interview.finished_at = now
            interview.save()
            return None
        interview.status = Interview.Status.RUNNING
        interview.attempts += 1
        interview.worker = worker_identity()
        interview.task_id = task_id or interview.task_id
        interview.started_at = interview.heartbeat_at = now
        interview.finished_at = None
        interview.progress = {"stage": "starting", "percent": 0.0}
        interview.save()
        return interview


# --------------------------------------------------------------------------- running the pipeline


@dataclass
class PipelineResult:
    """Outcome of one ``run_all.py`` process.

    Attributes:
        returncode: Exit code (negative: killed by that signal).
        report_path: The report written, or None.
        error: The readable reason of a failure, or "".
        seconds: Wall time, seconds.
    """

    returncode: int
    report_path: Path | None
    error: str
    seconds: float
    stderr_tail: list[str] = field(default_factory=list)


class Cancelled(Exception):
    """The job was taken away (interview deleted or requeued) while running."""


def pipeline_command(interview: Interview, video: Path, outdir: Path) -> list[str]:
    """The ``run_all.py`` command line of an analysis (a list: no shell ever parses it)."""
    threads = settings.IAL_PIPELINE_THREADS or (os.cpu_count() or 1)
    cmd = [settings.IAL_PIPELINE_PYTHON, str(settings.IAL_RUN_ALL),
           "--video", str(video), "--outdir", str(outdir),
           "--lang", interview.language, "--mode", interview.mode,
           "--threads", str(threads), "--progress-json", "--quiet"]
    if interview.questions:
        from .rubrics import questions_for_pipeline

        qfile = outdir / "input_questions.json"  # (questions.json is the questions stage's artefact)
        # Each question with its current rubric (generated at upload or edited by a recruiter).
        qfile.write_text(json.dumps(questions_for_pipeline(interview), ensure_ascii=False), encoding="utf-8")
        cmd += ["--questions", str(qfile)]
    if interview.blur_status == "DONE":  # keep the blurred copy up to date (reused when unchanged)
        cmd.append("--blur-faces")
    if (interview.options or {}).get("force"):
        cmd.append("--force")
    cmd += shlex.split(settings.IAL_PIPELINE_ARGS)
    return cmd


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
            return _clip(text[len("error:"):].strip() or "the analysis failed")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        hint = " (out of memory?)" if -returncode == signal.SIGKILL else ""
        return f"the analysis process was killed by {name}{hint}"
    last = next((ln.strip() for ln in reversed(stderr_lines)
                 if ln.strip() and not ln.startswith((" ", "\t", "Traceback", "{"))), "")
    detail = f": {_clip(last)}" if last else ""
    return f"the analysis failed (exit code {returncode}){detail}"


def _clip(text: str) -> str:
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
        cmd: The command (see :func:`pipeline_command`).
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

    Whenever the process is stopped, its whole process group is killed and waited for:
    no stage of it writes anything afterwards.
    """
    env = pipeline_env()
    t0 = time.monotonic()
    popen_kw: dict[str, Any] = {}
    if os.name == "posix":
        popen_kw.update(start_new_session=True, preexec_fn=_set_parent_death_signal if sys.platform == "linux" else None)
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

    readers = [threading.Thread(target=read_stderr, daemon=True), threading.Thread(target=read_stdout, daemon=True)]
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
                                                                  limit=int(time_limit)), seconds, err_lines)
    expected = (outdir / "report.json").resolve()
    printed = next((ln.strip() for ln in reversed(stdout_tail) if ln.strip()), "")
    if printed and Path(printed).resolve() != expected:
        logger.warning("pipeline printed %r, expected %s", printed, expected)
    if not expected.is_file():
        return PipelineResult(proc.returncode, None, "the analysis ended without writing a report", seconds, err_lines)
    return PipelineResult(0, expected, "", seconds, err_lines)


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


# --------------------------------------------------------------------------- finishing


def report_duration(report: dict[str, Any], interview: Interview) -> float | None:
    """Length of the video in seconds: from the report, else from the upload probe."""
    for getter in (lambda r: r["media"]["duration_sec"], lambda r: r["speech"]["duration_sec"]):
        try:
            value = getter(report)
            if value is not None:
                return float(value)
        except (KeyError, TypeError, ValueError):
            continue
    return (interview.media_info or {}).get("duration_sec")


def _strip_server_paths(value: Any, root: str) -> Any:
    """The report as the API shows it: paths inside ``MEDIA_ROOT`` made relative (no server layout leaks)."""
    if isinstance(value, str):
        return value[len(root):] if value.startswith(root) else value
    if isinstance(value, list):
        return [_strip_server_paths(v, root) for v in value]
    if isinstance(value, dict):
        return {k: _strip_server_paths(v, root) for k, v in value.items()}
    return value


def finish_done(interview_id: str, job_id: str, report: dict[str, Any], seconds: float) -> bool:
    """Store the report as DONE (and as a new :class:`ReportVersion`); False if the job is no longer ours."""
    report = _strip_server_paths(report, str(Path(settings.MEDIA_ROOT)) + os.sep)
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(
            pk=interview_id, job_id=job_id, status=Interview.Status.RUNNING).first()
        if interview is None:
            return False
        last = interview.report_versions.order_by("-version").values_list("version", flat=True).first() or 0
        interview.report = report
        interview.report_version = last + 1
        interview.duration_sec = report_duration(report, interview)
        interview.analysis_sec = round(seconds, 3)
        interview.status = Interview.Status.DONE
        interview.error = ""
        interview.progress = {"stage": "done", "percent": 100.0}
        interview.finished_at = timezone.now()
        interview.heartbeat_at = None
        interview.save()
        ReportVersion.objects.create(interview=interview, version=last + 1, report=report, options=interview.options,
                                     duration_sec=interview.duration_sec, analysis_sec=interview.analysis_sec)
    return True


def finish_error(interview_id: str, job_id: str, reason: str, seconds: float | None = None) -> bool:
    """Mark the job ERROR with ``reason`` (the upload is kept); False if the job is no longer ours.

    The full reason is logged and stored; the API shows its code and a version without internal
    names or paths (:mod:`interviews.reasons`).
    """
    logger.warning("interview %s: analysis failed: %s", interview_id, reason)
    updated = Interview.objects.filter(pk=interview_id, job_id=job_id, status=Interview.Status.RUNNING).update(
        status=Interview.Status.ERROR, error=_clip(reason), finished_at=timezone.now(), heartbeat_at=None,
        analysis_sec=round(seconds, 3) if seconds is not None else None, updated_at=timezone.now())
    return bool(updated)


# --------------------------------------------------------------------------- face blurring


def queue_blur(interview_id: uuid.UUID, *, owner_id: int | None = None,
               send: Callable[[Interview], str] | None = None) -> Interview:
    """Queue the face blurring of the interview's video, or raise :class:`JobConflict`.

    Refused while an analysis or a blurring of the interview is queued or running (both
    write into ``analyses/<id>/``).
    """
    with transaction.atomic():
        qs = Interview.objects.select_for_update()
        if owner_id is not None:
            qs = qs.filter(owner_id=owner_id)
        interview = qs.get(pk=interview_id)
        if interview.blur_active:
            raise JobConflict("the faces of this video are already being blurred")
        if interview.job_active:
            raise JobConflict(f"an analysis of this interview is {_state_words(interview)}; blur once it is done")
        interview.blur_status = "PENDING"
        interview.blur_error = ""
        interview.blur_job_id = uuid.uuid4()
        interview.blur_requested_at = timezone.now()
        interview.blur_finished_at = None
        interview.save(update_fields=["blur_status", "blur_error", "blur_job_id", "blur_requested_at",
                                      "blur_finished_at", "updated_at"])
        job_id = interview.blur_job_id
    try:
        (send or _send_blur_task)(interview)
    except Exception as e:
        logger.error("interview %s: could not queue the blurring: %s", interview.pk, e)
        Interview.objects.filter(pk=interview.pk, blur_job_id=job_id).update(
            blur_status="ERROR", blur_error="the blurring could not be queued (task broker unreachable)")
        raise
    return interview


def _send_blur_task(interview: Interview) -> str:
    from .tasks import run_blur

    return run_blur.apply_async(args=[str(interview.pk), str(interview.blur_job_id)]).id


def blur_command(interview: Interview, video: Path, outdir: Path) -> list[str]:
    """``scripts/blur_faces.py`` on the interview (reuses the face boxes of the analysis when present)."""
    threads = settings.IAL_PIPELINE_THREADS or (os.cpu_count() or 1)
    return [settings.IAL_PIPELINE_PYTHON, str(settings.REPO_ROOT / "scripts" / "blur_faces.py"),
            "--video", str(video), "--outdir", str(outdir), "--threads", str(threads), "--blur-faces"]


def run_blur_job(interview_id: str, job_id: str) -> str:
    """Run one blurring job: PENDING → RUNNING → DONE (``video_blurred.mp4`` written) or ERROR; returns the status.

    A message whose ``job_id`` is not the interview's current blurring job is dropped.
    A redelivered message (worker lost) runs the job again.
    """
    claimed = Interview.objects.filter(pk=interview_id, blur_job_id=job_id, blur_status__in=["PENDING", "RUNNING"]
                                       ).update(blur_status="RUNNING", updated_at=timezone.now())
    if not claimed:
        return "skipped"
    interview = Interview.objects.get(pk=interview_id)
    video = interview.video_path()

    def done(status: str, error: str = "") -> str:
        Interview.objects.filter(pk=interview_id, blur_job_id=job_id).update(
            blur_status=status, blur_error=_clip(error), blur_finished_at=timezone.now(), updated_at=timezone.now())
        return status

    if video is None or not video.is_file():
        return done("ERROR", "the uploaded video file is missing on the server")
    outdir = interview.analysis_dir()
    outdir.mkdir(parents=True, exist_ok=True)

    def still_ours() -> bool:  # also the heartbeat of the job (updated_at), see sweep_stale_blurs
        return bool(Interview.objects.filter(pk=interview_id, blur_job_id=job_id, blur_status="RUNNING")
                    .update(updated_at=timezone.now()))

    try:
        result = run_pipeline_process(blur_command(interview, video, outdir), outdir=outdir,
                                      time_limit=settings.IAL_BLUR_TIME_LIMIT, heartbeat_sec=settings.IAL_HEARTBEAT_SEC,
                                      on_progress=lambda stage, percent: None, on_heartbeat=still_ours,
                                      still_wanted=lambda: interview_exists(interview_id))
    except Cancelled:
        if not interview_exists(interview_id):
            erase_deleted_interview(interview)  # deleted mid-run: remove what was written since
        return "cancelled"
    if not interview_exists(interview_id):  # deleted as it ended
        erase_deleted_interview(interview)
        return "cancelled"
    if result.returncode != 0:
        return done("ERROR", result.error)
    if not interview.blurred_video_path().is_file():
        try:
            first = (json.loads((outdir / "blur.json").read_text(encoding="utf-8")).get("warnings") or [""])[0]
            why = first.get("message", "") if isinstance(first, dict) else str(first)  # a notice, or an older bare text
        except (OSError, ValueError, AttributeError):
            why = ""
        return done("ERROR", why or "no blurred video was written")
    return done("DONE")


def sweep_stale_blurs(now=None) -> list[str]:
    """End blurring jobs whose worker is gone, so they never block the interview.

    RUNNING with no heartbeat (``updated_at``) for ``IAL_STALE_SEC``, or PENDING for longer
    than ``IAL_PENDING_RESEND_SEC`` (message lost) → ERROR with a reason; press Blur again.
    """
    now = now or timezone.now()
    acted: list[str] = []
    stale = Interview.objects.filter(blur_status="RUNNING", updated_at__lt=now - timedelta(seconds=settings.IAL_STALE_SEC))
    lost = Interview.objects.filter(blur_status="PENDING",
                                    blur_requested_at__lt=now - timedelta(seconds=settings.IAL_PENDING_RESEND_SEC))
    for qs, reason in ((stale, "the blurring was interrupted (its worker stopped); press Blur again"),
                       (lost, "the blurring never started (no worker took it); press Blur again")):
        for pk in list(qs.values_list("pk", flat=True)):
            if qs.filter(pk=pk).update(blur_status="ERROR", blur_error=reason, blur_finished_at=now, updated_at=now):
                acted.append(str(pk))
    return acted
