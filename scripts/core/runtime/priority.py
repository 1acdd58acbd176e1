"""CPU priority of the calling thread: a stage that is not on the critical path yields to the one that is.

On 2 cores the audio and video branches run side by side, and transcription is the longer of the two. When the
face stage competes with it as an equal, transcription slows down more than the face stage gains, and the whole
analysis takes longer. Lowering the face stage's priority (its thread, the threads MediaPipe and ONNX Runtime then
start, and the FFmpeg decoder it spawns all inherit it) lets transcription keep the CPU it can use; the face stage
takes the rest. Linux sets the priority per thread; elsewhere this is a no-op.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

logger = logging.getLogger(__name__)


def lower_thread_priority(*, by: int) -> bool:
    """Raise the calling thread's nice value by ``by`` (0-19); True when it was changed.

    The threads and processes this thread starts afterwards inherit the new priority. An unprivileged
    process cannot raise it back, so call it from a thread whose remaining work can run at the lower priority.
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
