"""Is this deployment able to take and analyse an interview? The checks behind ``/api/health/``.

Four checks of django-health-check, each answering within a few seconds:

- ``database``: ``SELECT 1`` on PostgreSQL;
- ``broker``: a ``PING`` to the Celery broker (Redis);
- ``storage``: a small file written, read back and deleted in the media storage (the bucket,
  or ``MEDIA_ROOT``);
- ``workers``: at least one worker of this deployment's queue has announced itself and
  answers a Celery ``ping`` (:func:`interviews.workers.live_workers`).
"""

from __future__ import annotations

import asyncio
import dataclasses
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from health_check.base import HealthCheck
from health_check.checks import Database, Storage
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable

from . import workers


@dataclasses.dataclass
class Workers(HealthCheck):
    """At least one worker of the analyses' queue is up and answers a ping."""

    def run(self) -> None:
        """Ping the workers (1 s timeout).

        Raises:
            ServiceUnavailable: The broker cannot be reached, or no worker answers.
        """
        try:
            alive = workers.live_workers(timeout=1.0)
        except Exception as e:  # the broker is down: no worker can be reached either
            raise ServiceUnavailable("workers unreachable") from e
        if not alive:
            raise ServiceUnavailable("no worker answers")


def _broker() -> Redis:
    from redis.asyncio import Redis as AsyncRedis

    return Redis(client_factory=lambda: AsyncRedis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2,
                                                            socket_timeout=2))


#: The checks by the name ``/api/health/`` gives them.
CHECKS = {"database": Database, "broker": _broker, "storage": Storage, "workers": Workers}

#: Threads that run the synchronous checks (kept, so a storage client is not rebuilt at every probe).
_EXECUTOR = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="ial-health")


def run_checks() -> dict[str, bool]:
    """Every check, side by side: ``{name: passed}``."""

    async def gather() -> list[bool]:
        results = await asyncio.gather(*(make().get_result(_EXECUTOR) for make in CHECKS.values()))
        return [r.error is None for r in results]

    return dict(zip(CHECKS, asyncio.run(gather()), strict=True))
