"""Filter the noise native libraries write straight to file descriptor 2.

MediaPipe's C++ core (absl logging, TensorFlow Lite) prints INFO/WARNING lines such as
``W0000 00:00:… inference_feedback_manager.cc:114] …`` to the process's stderr, past
Python's logging and ``--quiet``. :func:`filtered_native_stderr` swaps fd 2 for a pipe
while the analysis runs; a thread forwards every line except those, and the original
stderr comes back (everything drained) when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
from collections.abc import Iterator

#: Lines of MediaPipe / TFLite / absl chatter (not errors of ours).
NATIVE_NOISE = re.compile(
    rb"^(?:[IW]\d{4} [\d:.]+ +\d+ \S+:\d+\] "
    rb"|INFO: Created TensorFlow Lite"
    rb"|INFO: \[\w+\.cc:\d+\] "  # mediapipe 1.x (LiteRT): environment, accelerators, model loading
    rb"|WARNING: Logging before InitGoogle\(\) is written to STDERR"
    rb"|WARNING: All log messages before absl::InitializeLog\(\) is called)"
)


def _forward(read_fd: int, target_fd: int) -> None:
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        pending = b""
        while True:
            chunk = pipe.read(65536)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            out = b"".join(line + b"\n" for line in lines if not NATIVE_NOISE.match(line))
            if pending and pending[:1] not in (b"I", b"W"):
                out, pending = out + pending, b""  # a progress bar redrawn with \r: pass it on at once
            if out:
                os.write(target_fd, out)
        if pending and not NATIVE_NOISE.match(pending):
            os.write(target_fd, pending)


@contextlib.contextmanager
def filtered_native_stderr(enabled: bool = True) -> Iterator[None]:
    """Within the block, drop native libraries' log lines from fd 2 (all other output passes)."""
    if not enabled:
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
        read_fd, write_fd = os.pipe()
    except OSError:  # no usable fd 2 (e.g. a GUI process): nothing to filter
        yield
        return
    reader = threading.Thread(target=_forward, args=(read_fd, saved), name="stderr-filter", daemon=True)
    reader.start()
    os.dup2(write_fd, 2)
    os.close(write_fd)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)  # closes the pipe's last write end: the reader drains and stops
        reader.join(timeout=5)
        os.close(saved)
