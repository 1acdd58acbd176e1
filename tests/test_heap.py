"""``runtime.heap``: with the heap kept, a thread's large blocks reuse the same pages; a trim gives them back.

Each check runs in a fresh Python process (the allocator's settings only hold when made before any thread
starts) and measures what the kernel counts: minor page faults (``getrusage``) and the resident memory
(``/proc/self/statm``). The block size is that of the encoder's buffers the tuning is for (hundreds of MB).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from interview_ai_lab.runtime import heap

pytestmark = pytest.mark.skipif(heap._glibc() is None, reason="glibc's allocator only")

#: A thread allocates, fills and frees a block of BLOCK_MB this many times, as the encoder does per batch.
PROBE = textwrap.dedent("""
    import ctypes, json, os, resource, sys, threading
    from interview_ai_lab.runtime import heap
    tuned = heap.keep_heap_pages()
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    BLOCK = 256 << 20
    faults = []

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def batches():
        for _ in range(4):
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            p = libc.malloc(BLOCK)
            ctypes.memset(p, 1, BLOCK)
            libc.free(p)
            faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)

    t = threading.Thread(target=batches)
    t.start(); t.join()
    held = rss_mb()
    heap.release_free_pages()
    print(json.dumps({"tuned": tuned, "faults": faults, "held_mb": held, "after_trim_mb": rss_mb()}))
""")


def _probe(**env: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                          env={**os.environ, **env})
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_threads_large_blocks_reuse_their_pages_and_a_trim_gives_them_back():
    tuned = _probe()
    plain = _probe(**{heap.ENV_SWITCH: "0"})
    assert tuned["tuned"] is True and plain["tuned"] is False
    pages = (256 << 20) // os.sysconf("SC_PAGE_SIZE")
    # glibc's defaults: every batch maps and touches the block's pages again
    assert all(f >= 0.9 * pages for f in plain["faults"])
    # kept: the first batch maps them, the next ones reuse them
    assert tuned["faults"][0] >= 0.9 * pages
    assert all(f < 0.05 * pages for f in tuned["faults"][1:])
    # the freed block stays in the process until the trim, which gives it back
    assert tuned["held_mb"] - tuned["after_trim_mb"] > 200


def test_the_switch_and_other_platforms_leave_the_allocator_alone(monkeypatch):
    monkeypatch.setattr(heap, "_tuned", False)
    monkeypatch.setenv(heap.ENV_SWITCH, "off")
    assert heap.keep_heap_pages() is False
    heap.release_free_pages()  # nothing to release: no error
