"""Who runs a job: the identity of a worker process and whether it is still alive.

A RUNNING analysis stores ``host#boot:pid`` of its worker (:func:`worker_identity`); a job
whose worker process is gone from this machine is taken over at once, one of another
machine once its heartbeat is too old (see :mod:`interviews.jobs`).
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

logger = logging.getLogger(__name__)


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

