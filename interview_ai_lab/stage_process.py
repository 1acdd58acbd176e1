"""A stage run in a process of its own: its heap apart from the other stages', its progress and error relayed.

The transcription allocates and frees blocks of hundreds of MB every batch of windows. Run by its own script it keeps
those heap pages (:func:`~interview_ai_lab.runtime.heap.keep_heap_pages`: no page faults, no zeroing again); in
the analysis' process the face stage allocates in the same heap beside it, and a kept heap grows past the memory bar.
In a process of its own the transcription keeps its pages and gives them all back when it ends.

:class:`StageProcess` starts ``python -m interview_ai_lab.stage_process``: the pipeline starts it with the analysis,
and the child imports the stage's heavy modules (``Stage.preload``) while the stages before it run, then waits.
:meth:`~StageProcess.run` writes one pickled request (the stage's name, the context's settings, the options, the
log level) to the child's standard input and keeps that pipe open: the child exits when it closes (the parent is
gone, or the stage was not needed). The child runs the stage through the runner (inputs, freshness, atomic
write) and answers with JSON lines on its standard output::

    {"progress": [completed, total]}                       # the stage's own hook, relayed to ctx.hook
    {"done": {"path": "...", "seconds": 12.3}}              # the artefact written, the stage's wall time
    {"error": {"type": "InputError", "message": "..."}}     # raised again here, same class and message

Its logs go to the same standard error as the parent's.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from interview_ai_lab.runtime import errors
from interview_ai_lab.runtime.heap import keep_heap_pages
from interview_ai_lab.runtime.stage import Context, Stage

logger = logging.getLogger(__name__)

__all__ = ["StageRequest", "StageProcess", "run_stage_in_process", "main"]

#: Seconds a child that was sent its request is given to end once its pipe is closed, before it is killed.
END_WAIT_SEC = 30.0


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


class StageProcess:
    """A child process for one stage, started ahead of it: it imports ``stage.preload`` until :meth:`run` is called.

    Use it once, as a context manager (or call :meth:`close`): a child never sent its request is killed at once
    (it holds nothing); one that was is given :data:`END_WAIT_SEC` to end.
    """

    def __init__(self, stage: Stage):
        self.stage = stage
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_package_root(), env.get("PYTHONPATH", "")) if p)
        self._proc = subprocess.Popen([sys.executable, "-m", "interview_ai_lab.stage_process", *stage.preload],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self._sent = False

    def __enter__(self) -> StageProcess:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def run(self, ctx: Context, opts: Any) -> Path:
        """Run the stage through the runner in the child; return the path of its artefact.

        Progress is relayed to ``ctx.hook`` and the stage's wall time recorded in ``ctx.record``, as
        :func:`~interview_ai_lab.runner.run_stage` does in this process.

        Raises:
            AnalysisError: What the stage raised in the child (same class and message), or a :class:`StageError`
                when the child died without an answer.
        """
        if self._sent:
            raise RuntimeError("a StageProcess runs its stage once")
        stage, proc = self.stage, self._proc
        assert proc.stdin is not None and proc.stdout is not None
        request = StageRequest(stage=stage.name, video=Path(ctx.video), outdir=Path(ctx.outdir), threads=ctx.threads,
                               device=ctx.device, force=ctx.force, mode=ctx.mode, options=opts,
                               log_level=logging.getLogger().getEffectiveLevel())
        done: dict[str, Any] | None = None
        failed: dict[str, Any] | None = None
        self._sent = True
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
        except BrokenPipeError:  # the child died before reading its request: reported below
            pass
        finally:
            returncode = self.close()
        if done is None:
            _raise_from_child(stage, failed, returncode)
        assert done is not None
        ctx.record.timed(stage.name, float(done["seconds"]))
        return Path(done["path"])

    def close(self) -> int:
        """End the child (killed when it was never sent its request); its exit code."""
        proc = self._proc
        if proc.returncode is None and not self._sent:
            proc.kill()
        if proc.stdin is not None and not proc.stdin.closed:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            returncode = proc.wait(timeout=END_WAIT_SEC)
        except subprocess.TimeoutExpired:
            proc.kill()
            returncode = proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
        return returncode


def run_stage_in_process(stage: Stage, ctx: Context, opts: Any, *, started: StageProcess | None = None) -> Path:
    """Run ``stage`` through the runner in a child process (``started`` ahead of it, else a new one).

    See :meth:`StageProcess.run`.
    """
    with started or StageProcess(stage) as process:
        return process.run(ctx, opts)


def _preload(modules: Sequence[str]) -> None:
    """Import ``modules`` before the request comes; one that cannot be imported is the stage's to report.

    One at a time, in the main thread: no two threads import the same package at once.
    """
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as e:
            logger.debug("preloading %s: %s", name, e)


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


def main(preload: Sequence[str] = ()) -> int:
    """The child: import ``preload``, read the request, run the stage through the runner, answer on standard output.

    Returns the exit code: 1 when the pipe closed before a request came (the stage was not needed).
    """
    keep_heap_pages()  # before the stage's modules (NumPy starts threads) and threads: the point of running apart
    answers = _Answers(sys.stdout)
    sys.stdout = sys.stderr  # anything else printed goes to the logs, not into the answers
    from interview_ai_lab.registry import stage_named
    from interview_ai_lab.runner import run_stage
    from interview_ai_lab.runtime.console import setup_logging

    _preload(preload)
    try:
        request: StageRequest = pickle.load(sys.stdin.buffer)
    except EOFError:  # closed before a request: the stage was not needed, or the parent is gone
        return 1
    threading.Thread(target=_exit_when_orphaned, args=(sys.stdin.fileno(),), name="orphan-watch", daemon=True).start()

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
    sys.exit(main(sys.argv[1:]))
