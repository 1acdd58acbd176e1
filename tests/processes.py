"""Stopping the process groups that the tests and the benchmarks start (servers, workers, stacks).

Plain standard library, so a benchmark run as a script imports it as well as a test does.
"""

from __future__ import annotations

import os
import signal
import subprocess


def stop_process_group(proc: subprocess.Popen, *, timeout: float) -> None:
    """SIGTERM the process group ``proc`` leads (started with ``start_new_session``), SIGKILL it after ``timeout`` s.

    Nothing happens when ``proc`` has already exited.

    Args:
        proc: The group's leader.
        timeout: Seconds given to a warm shutdown before the group is killed.
    """
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
