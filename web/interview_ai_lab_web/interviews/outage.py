"""PostgreSQL out of reach: the API answers 503 with a JSON body, and a running job waits for it instead of failing.

- :class:`DatabaseUnavailableMiddleware`: a view that meets a database error (the server is down,
  restarting, or its connection was cut) answers **503** ``{"detail", "error_code":
  "database_unavailable"}`` with ``Retry-After`` instead of a 500, logs one line, and drops the
  broken connection so the next request opens a new one (``CONN_HEALTH_CHECKS`` checks a kept
  one before use).
- :func:`tolerant`: a job's heartbeat, progress write or "still wanted?" check that meets a
  database error is skipped (logged) and the job goes on; the next one retries with a new
  connection. A job whose heartbeat stayed older than ``IAL_STALE_SEC`` is requeued by the stale
  sweep once the database is back (:func:`interviews.jobs.sweep`).
- :func:`wait_for_database`: a job whose process ended while the database is away waits for it
  (up to ``IAL_STALE_SEC``) before storing its end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

#: What Django raises when PostgreSQL cannot be reached or the connection was lost.
DATABASE_ERRORS = (OperationalError, InterfaceError)
#: Seconds a client is asked to wait (``Retry-After``) before trying again.
RETRY_AFTER_SEC = 10
UNAVAILABLE = {"detail": "The database is unavailable for a moment; try again shortly.",
               "error_code": "database_unavailable", "error_params": {}}


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


def drop_connections() -> None:
    """Close this thread's database connections (a broken one is replaced by the next query)."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # already gone: nothing to close
            pass


class DatabaseUnavailableMiddleware:
    """A database error in a view answers 503 (JSON under ``/api/``, plain text elsewhere), never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request`` (the view's exceptions go to :meth:`process_exception`)."""
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """503 for a database error; None (Django's handling) for anything else."""
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("database unavailable: %s %s answered 503 (%s)", request.method, request.path,
                     _one_line(exception))
        drop_connections()
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(UNAVAILABLE, status=503)
        else:
            response = HttpResponse(UNAVAILABLE["detail"], status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SEC)
        return response


def tolerant(call: Callable[[], Any], *, what: str, interview_id: Any, default: Any = True) -> Any:
    """``call()``, or ``default`` (logged) when the database cannot be reached: the job goes on without it."""
    try:
        return call()
    except DATABASE_ERRORS as e:
        logger.warning("interview %s: database unavailable, %s skipped; the job goes on (%s)", interview_id, what,
                       _one_line(e))
        drop_connections()
        return default


def wait_for_database(*, timeout: float, interview_id: Any, every: float = 2.0) -> bool:
    """Wait until the database answers (True), at most ``timeout`` seconds (False); logged when it had to wait."""
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
            if waited:
                logger.warning("interview %s: the database is back", interview_id)
            return True
        except DATABASE_ERRORS as e:
            drop_connections()
            if not waited:
                logger.warning("interview %s: database unavailable at the end of the job, waiting up to %d s (%s)",
                               interview_id, timeout, _one_line(e))
                waited = True
            if time.monotonic() >= deadline:
                return False
            time.sleep(every)
