"""The C heap of an analysis process: keep the pages the models reuse, give them back between stages.

faster-whisper's encoder allocates and frees buffers of hundreds of MB for every batch of windows
(the attention of 4 windows of 1500 frames). With glibc's defaults, each allocation that large
is a fresh ``mmap`` (and a thread's own arena can hold nothing over 64 MB), so the kernel maps and
zeroes it again, page by page, every batch: on 2 cores a 10-minute transcription spent 8-9 of its
47 CPU-s in the kernel (3.5 million page faults). :func:`keep_heap_pages` makes every thread
allocate from the one main heap, never through ``mmap``, and never shrink it automatically: the
same pages serve batch after batch (page faults 3.5 M → 0.18 M, kernel time 8.2 → 2.3 CPU-s, the
transcription 28.6 → 25.1 s wall, peak memory 1113 → 995 MB). :func:`release_free_pages` gives the
free pages back to the system; the runner calls it after every stage, so memory one stage no longer
needs is not held while the next ones run.

Both use glibc's public ``mallopt(3)`` and ``malloc_trim(3)``; elsewhere (macOS, Windows, musl)
they do nothing. ``IAL_HEAP_TUNING=0`` leaves glibc's defaults. Only a process that runs one stage calls
:func:`keep_heap_pages`, first thing, before any thread starts: each stage's own script (``python
scripts/transcribe.py``) and the child process in which ``run_all.py`` runs the transcription
(:mod:`interview_ai_lab.stage_process`); a library call never changes the allocator of the program that
imports it. The analysis' own process keeps glibc's defaults: there the face stage allocates in the same
heap, and a heap kept at its largest beside the transcription raised the peak memory by 100-150 MB
(1375-1429 → 1524-1540 MB on the 10-min bench clip, over the 1.5 GB bar).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import sys
from typing import Any

logger = logging.getLogger(__name__)

#: ``mallopt`` parameters (glibc's ``<malloc.h>``).
M_TRIM_THRESHOLD = -1
M_MMAP_MAX = -4
M_ARENA_MAX = -8
#: Free bytes at the top of the heap before glibc shrinks it by itself: never (``mallopt`` takes an int).
NEVER_TRIM = 2**31 - 1
#: The environment variable that turns the tuning off (``0``, ``false``, ``no``, ``off``).
ENV_SWITCH = "IAL_HEAP_TUNING"

_tuned = False


@functools.cache
def _glibc() -> Any | None:
    """The C library when it is glibc (ctypes), else None (another C library or platform)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.gnu_get_libc_version.restype = ctypes.c_char_p
        libc.gnu_get_libc_version()
    except (OSError, AttributeError):  # not glibc (musl has no gnu_get_libc_version)
        return None
    return libc


def keep_heap_pages() -> bool:
    """One heap for every thread, no ``mmap`` for large blocks, no automatic shrinking; True when set.

    Call it first thing in a process that runs the analysis, before any thread starts (a thread that
    already allocated keeps its own arena). Idempotent. Nothing happens off glibc or with
    ``IAL_HEAP_TUNING=0``.
    """
    global _tuned
    if _tuned:
        return True
    if os.environ.get(ENV_SWITCH, "1").strip().lower() in ("0", "false", "no", "off"):
        logger.debug("%s is off: glibc's allocator keeps its defaults", ENV_SWITCH)
        return False
    libc = _glibc()
    if libc is None:
        return False
    done = all(libc.mallopt(param, value) == 1
               for param, value in ((M_ARENA_MAX, 1), (M_MMAP_MAX, 0), (M_TRIM_THRESHOLD, NEVER_TRIM)))
    _tuned = done
    logger.debug("heap pages kept between allocations: %s", done)
    return done


def release_free_pages() -> None:
    """Give the heap's free pages back to the system (``malloc_trim(0)``) when :func:`keep_heap_pages` is on."""
    if _tuned and (libc := _glibc()) is not None:
        libc.malloc_trim(0)
