"""A stage run in a process of its own: its heap apart from the other stages', its progress and error relayed.

The transcription allocates and frees blocks of hundreds of MB every batch of windows. Run by its own script it keeps
those heap pages (:func:`~interview_ai_lab.runtime.heap.keep_heap_pages`: no page faults, no zeroing again); in
the analysis' process the face stage allocates in the same heap beside it, and a kept heap grows past the memory bar.
In a process of its own the transcription keeps its pages and gives them all back when it ends.

:func:`run_stage_in_process` starts ``python -m interview_ai_lab.stage_process``, writes one pickled request
(the stage's name, the context's settings, the options, the log level) to its standard input and keeps that pipe
open: the child exits when it closes (the parent is gone). The child runs the stage through the runner (inputs,
freshness, atomic write) and answers with JSON lines on its standard output::

    {"progress": [completed, total]}                       # the stage's own hook, relayed to ctx.hook
    {"done": {"path": "...", "seconds": 12.3}}              # the artefact written, the stage's wall time
    {"error": {"type": "InputError", "message": "..."}}     # raised again here, same class and message

Its logs go to the same standard error as the parent's.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from interview_ai_lab.runtime import errors
from interview_ai_lab.runtime.heap import keep_heap_pages
from interview_ai_lab.runtime.stage import Context, Stage

logger = logging.getLogger(__name__)

__all__ = ["StageRequest", "run_stage_in_process", "main"]


@dataclass(frozen=True)
class StageRequest:
    """What the child process needs to run one stage.

    Attributes:
        stage: The stage's name.
        video: The input video file.
        outdir: The analysis' output folder.
        threads: CPU threads the stage may use.
        device: ``cpu``, ``cuda`` or ``auto``.
        force: Rerun even when the artefact is up to date.
        mode: ``coaching`` or ``recruitment``.
        options: The stage's ``Options`` instance.
        log_level: The parent's root log level (``logging.INFO``…).
    """

    stage: str
    video: Path
    outdir: Path
    threads: int
    device: str
    force: bool
    mode: str
    options: Any
    log_level: int


def _package_root() -> str:
    """The folder holding the ``interview_ai_lab`` package (put on the child's ``PYTHONPATH``)."""
    return str(Path(__file__).resolve().parent.parent)


def _raise_from_child(stage: Stage, answer: dict[str, Any] | None, returncode: int) -> None:
    """Raise what the child reported (the same error class and message), or a :class:`StageError`."""
    if answer is None:
        raise errors.StageError(f"the '{stage.name}' stage's process ended without an answer (exit code {returncode})")
    cls = getattr(errors, str(answer.get("type")), None)
    message = str(answer.get("message") or "")
    if isinstance(cls, type) and issubclass(cls, errors.AnalysisError):
        raise cls(message)
    raise errors.StageError(f"{stage.name} failed: {answer.get('type')}: {message}")


def run_stage_in_process(stage: Stage, ctx: Context, opts: Any) -> Path:
    """Run ``stage`` through the runner in a child process; return the path of its artefact.

    Progress is relayed to ``ctx.hook`` and the stage's wall time recorded in ``ctx.record``, as
    :func:`~interview_ai_lab.runner.run_stage` does in this process.

    Raises:
        AnalysisError: What the stage raised in the child (same class and message), or a :class:`StageError`
            when the child died without an answer.
    """
    request = StageRequest(stage=stage.name, video=Path(ctx.video), outdir=Path(ctx.outdir), threads=ctx.threads,
                           device=ctx.device, force=ctx.force, mode=ctx.mode, options=opts,
                           log_level=logging.getLogger().getEffectiveLevel())
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_package_root(), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.Popen([sys.executable, "-m", "interview_ai_lab.stage_process"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    done: dict[str, Any] | None = None
    failed: dict[str, Any] | None = None
    try:
        pickle.dump(request, proc.stdin)
        proc.stdin.flush()  # the pipe stays open: its end tells the child that this process is gone
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                logger.debug("%s process wrote: %r", stage.name, line)
                continue
            if "progress" in message:
                ctx.hook(stage.name, *message["progress"])
            elif "done" in message:
                done = message["done"]
            elif "error" in message:
                failed = message["error"]
    finally:
        proc.stdin.close()
        returncode = proc.wait()
        proc.stdout.close()
    if done is None:
        _raise_from_child(stage, failed, returncode)
    assert done is not None
    ctx.record.timed(stage.name, float(done["seconds"]))
    return Path(done["path"])


class _Answers:
    """The child's answer channel: one JSON object a line, written whole from any thread."""

    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, **message: Any) -> None:
        with self._lock:
            self._stream.write(json.dumps(message) + "\n")
            self._stream.flush()


def _exit_when_orphaned(fd: int) -> None:
    """Read the request pipe to its end (the parent closed it or died), then end this process at once.

    It reads the file descriptor itself, not ``sys.stdin``: a daemon thread blocked inside the buffered reader
    would hold its lock while the interpreter shuts down (a fatal error at exit).
    """
    while os.read(fd, 1 << 16):
        pass
    os._exit(1)


def main() -> int:
    """The child: read the request, run the stage through the runner, answer on standard output (exit code)."""
    keep_heap_pages()  # before the stage's modules (NumPy starts threads) and threads: the point of running apart
    answers = _Answers(sys.stdout)
    sys.stdout = sys.stderr  # anything else printed goes to the logs, not into the answers
    request: StageRequest = pickle.load(sys.stdin.buffer)
    threading.Thread(target=_exit_when_orphaned, args=(sys.stdin.fileno(),), name="orphan-watch", daemon=True).start()

    from interview_ai_lab.registry import stage_named
    from interview_ai_lab.runner import run_stage
    from interview_ai_lab.runtime.console import setup_logging

    setup_logging(debug=request.log_level <= logging.DEBUG, quiet=request.log_level >= logging.WARNING)
    ctx = Context(video=request.video, outdir=request.outdir, threads=request.threads, device=request.device,
                  force=request.force, mode=request.mode,
                  hook=lambda name, completed, total: answers.send(progress=[completed, total]))
    try:
        path = run_stage(stage_named(request.stage), ctx, request.options)
    except errors.AnalysisError as e:
        logger.debug("%s failed", request.stage, exc_info=True)
        answers.send(error={"type": type(e).__name__, "message": str(e)})
        return e.exit_code
    except Exception as e:  # an unexpected failure: its class and message, the traceback in the logs
        logger.exception("%s failed", request.stage)
        answers.send(error={"type": type(e).__name__, "message": str(e)})
        return 1
    answers.send(done={"path": str(path), "seconds": ctx.record.stage_seconds.get(request.stage, 0.0)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
