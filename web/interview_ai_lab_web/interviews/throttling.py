"""Throttling of the candidate pages' API (no account: the link's token is the key, so guessing is slowed down).

:class:`CandidateRateThrottle` is DRF's rate throttle keyed by the client's address, at
``IAL_CANDIDATE_RATE`` (``300/min`` by default: uploads send one request a MiB), counted in the
``throttle`` cache (Redis, shared by every web process, ``IAL_CACHE_URL``). When that cache
cannot be reached the request is let through (and logged): a candidate is never stopped by it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)


class CandidateRateThrottle(SimpleRateThrottle):
    """``IAL_CANDIDATE_RATE`` requests per client address on every candidate endpoint (429 with Retry-After)."""

    scope = "candidate"

    def __init__(self) -> None:  # the rate is read at each request (settings may change in tests)
        self.cache = caches["throttle"]
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_rate(self) -> str:
        """``IAL_CANDIDATE_RATE``, e.g. ``300/min``."""
        return settings.IAL_CANDIDATE_RATE

    def get_cache_key(self, request: Any, view: Any) -> str:
        """The key of the request's client address (every request is counted, signed in or not)."""
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request: Any, view: Any) -> bool:
        """True when the address is within its rate, or when the throttle cache cannot be reached."""
        try:
            return super().allow_request(request, view)
        except Exception as e:  # the cache is down: let the candidate through
            logger.warning("candidate throttle cache unavailable (%s): request let through", type(e).__name__)
            return True
