"""Who runs a job: the identity of a worker process, whether it is still alive, and which workers are up.

A RUNNING analysis stores ``host#boot:pid`` of its worker (:func:`worker_identity`); a job
whose worker process is gone from this machine is taken over at once, one of another
machine once its heartbeat is too old (see :mod:`interviews.jobs`). The host name is
``IAL_WORKER_HOST`` when set (containers that share one name), else the machine's.

Every worker also says it is up (:func:`announce`): a key ``ial:workers:<queue>:<node>`` in
the broker's Redis, refreshed every ``IAL_HEARTBEAT_SEC`` seconds and expiring three beats
after the last, removed at once when the worker shuts down. :func:`live_workers` lists them
and asks each to answer a Celery ``ping``: that is what ``/api/health/`` and ``/metrics`` read,
the same from every web server.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


def host_identity() -> str:
    """This machine: its host name plus the start of the kernel's boot id (two hosts named alike still differ).

    The host name is ``IAL_WORKER_HOST``, else the system's.
    """
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    except OSError:
        boot = ""
    host = getattr(settings, "IAL_WORKER_HOST", "") or socket.gethostname()
    return f"{host}#{boot}" if boot else host


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
    return not process_alive(int(pid))


def process_alive(pid: int) -> bool:
    """True while process ``pid`` of this machine runs (this process always; a zombie does not run)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


# --------------------------------------------------------------------------- which workers are up

#: The announcement thread of this worker process, and the event that stops it.
_announcer: dict[str, object] = {}


def _presence_prefix() -> str:
    return f"ial:workers:{settings.CELERY_TASK_DEFAULT_QUEUE}:"


def broker_client():
    """A Redis client of the broker (``CELERY_BROKER_URL``)."""
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2)


def presence_ttl() -> int:
    """Seconds an announcement lasts without a refresh (three heartbeats, at least 15)."""
    return max(15, 3 * settings.IAL_HEARTBEAT_SEC)


def announce(node: str) -> None:
    """Say that worker ``node`` (Celery's node name, ``name@host``) is up, now and every heartbeat, from a thread."""
    stop = threading.Event()
    key = _presence_prefix() + node
    value = json.dumps({"node": node, "worker": worker_identity(), "since": time.time()})

    def loop() -> None:
        client = broker_client()
        while True:
            try:
                client.set(key, value, ex=presence_ttl())
            except Exception as e:  # Redis down: the worker is down for the health check too
                logger.warning("could not announce worker %s: %s", node, e)
            if stop.wait(settings.IAL_HEARTBEAT_SEC):
                break

    thread = threading.Thread(target=loop, name="ial-worker-presence", daemon=True)
    _announcer.update(thread=thread, stop=stop, key=key)
    thread.start()


def withdraw() -> None:
    """This worker is shutting down: stop announcing it and remove its key at once."""
    stop, key = _announcer.get("stop"), _announcer.get("key")
    if stop is None or key is None:
        return
    stop.set()  # type: ignore[attr-defined]
    try:
        broker_client().delete(str(key))
    except Exception as e:
        logger.warning("could not withdraw worker %s: %s", key, e)


def announced_workers() -> list[str]:
    """Node names of the workers of this queue whose announcement is current."""
    prefix = _presence_prefix()
    client = broker_client()
    return sorted(k.decode()[len(prefix):] for k in client.scan_iter(match=prefix + "*", count=500))


def live_workers(*, timeout: float = 1.0) -> list[str]:
    """The announced workers of this queue that answer a Celery ``ping`` within ``timeout`` seconds.

    Only announced workers are asked (their node names), so the answer comes as soon as they
    have all answered; a worker of another deployment on the same broker is never counted.
    """
    names = announced_workers()
    if not names:
        return []
    from interview_ai_lab_web.celery import app

    replies = app.control.ping(destination=names, timeout=timeout, limit=len(names)) or []
    return sorted(node for reply in replies for node, answer in reply.items() if answer == {"ok": "pong"})

