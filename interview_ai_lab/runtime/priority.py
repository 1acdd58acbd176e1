"""CPU priority: a stage off the critical path yields to the one on it.

On 2 cores the audio and video branches run side by side, and transcription is the longer of the two. When the
face stage competes with it as an equal, transcription slows down more than the face stage gains, and the whole
analysis takes longer. Running the face stage at a lower priority (its thread, the threads MediaPipe and ONNX
Runtime then start, and the FFmpeg decoder it spawns all inherit it) lets transcription keep the CPU it can use;
the face stage takes the rest. Linux sets the priority per thread; elsewhere the work runs at the usual priority.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


def lower_thread_priority(*, by: int) -> bool:
    """Raise the calling thread's nice value by ``by`` (0-19); True when it was changed.

    The threads and processes this thread starts afterwards inherit the new priority. An unprivileged
    process cannot raise it back: use :func:`run_at_lower_priority` so the priority ends with the work.
    """
    if by <= 0 or not sys.platform.startswith("linux") or not hasattr(os, "setpriority"):
        return False
    tid = threading.get_native_id()
    try:
        now = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, now + int(by)))
    except OSError as e:  # a sandbox may forbid it: run at the normal priority
        logger.debug("could not lower the thread priority: %s", e)
        return False
    return True


def run_at_lower_priority(work: Callable[[], T], *, by: int) -> T:
    """``work()`` in a thread of its own whose nice value is raised by ``by``; its result, or its exception.

    The calling thread keeps its priority (it only waits), so a pool thread can go on to other work.
    """
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        lower_thread_priority(by=by)
        try:
            result.append(work())
        except BaseException as e:  # re-raised in the caller
            error.append(e)

    thread = threading.Thread(target=target, name=f"{threading.current_thread().name}-yielding")
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]
