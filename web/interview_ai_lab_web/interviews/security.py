"""HTTP hardening: ``Cache-Control: no-store`` on the API, and the login lockout's 429 (django-axes glue).

Every login (``/api/auth/token/``, ``/api/auth/login/``, ``/admin/login/``) calls
``django.contrib.auth.authenticate``, which django-axes watches (settings ``AXES_*``). When a
client is locked out, axes flags the request; :class:`axes.middleware.AxesMiddleware` then
replaces the view's answer with :func:`lockout_response` (429, ``Retry-After``), and
:func:`_on_locked_out` writes the refused try to the audit log.

Failures are counted per username and address (``AXES_FAILURE_LIMIT``) and, by
:class:`AddressLimitHandler`, per address whatever the username (``IAL_LOGIN_ADDRESS_FAILURE_LIMIT``
within the cool-off): one address guessing many usernames is locked out too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from . import audit
from .models import AuditEvent

logger = logging.getLogger(__name__)


class NoStoreAPIMiddleware:
    """``Cache-Control: no-store`` (and ``private``, ``max-age=0``) on every response under ``IAL_NO_STORE_PREFIXES``.

    API answers carry personal data (names, transcripts, reports, videos): no browser or
    proxy cache may keep a copy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "IAL_NO_STORE_PREFIXES", ("/api/",)))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request``; under the prefixes, replace the response's caching headers by ``no-store``."""
        response = self.get_response(request)
        if request.path.startswith(self.prefixes):
            if "Cache-Control" in response:
                del response["Cache-Control"]  # e.g. a file response's own caching policy
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: ``{"detail": "Not found."}`` under ``/api/``, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


class AddressLimitHandler(AxesDatabaseHandler):
    """``AXES_HANDLER``: axes' database handler, plus a limit of failures per client address (any username).

    axes compares one count with one limit (``AXES_FAILURE_LIMIT``, per username and address); an
    address that reached ``IAL_LOGIN_ADDRESS_FAILURE_LIMIT`` failures within the cool-off counts as
    having reached that limit for every username, so it is locked out (429) like one username is.
    """

    def address_failures(self, request: Any) -> int:
        """Failed sign-ins from the request's address within the cool-off, whatever the username."""
        ip = getattr(request, "axes_ip_address", None)
        if not ip:
            return 0
        total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=get_cool_off_threshold(request)) \
            .aggregate(n=Sum("failures_since_start"))["n"]
        return total or 0

    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        """The username-and-address count, or the limit itself once the address reached its own limit."""
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.IAL_LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_address_locked = True
            return max(failures, get_failure_limit(request, credentials))
        return failures


def retry_after_seconds(request: HttpRequest | None = None) -> int:
    """Seconds a locked-out client waits: the cool-off (each refused try restarts it)."""
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds())) if cool_off else 3600


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: 429 with ``Retry-After`` (JSON under ``/api/``, plain text for the admin)."""
    wait = retry_after_seconds(request)
    detail = f"Too many failed sign-in attempts. Try again in {max(1, round(wait / 60))} minutes."
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": detail}, status=429)
    else:
        response = HttpResponse(detail, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response


@receiver(user_locked_out, dispatch_uid="interview_ai_lab_web.interviews.security.locked_out")
def _on_locked_out(sender: Any, request: Any, username: str | None = None, ip_address: str | None = None,
                   **kwargs: Any) -> None:
    """Audit-log a refused login; carry axes' lockout flag from a DRF request to the Django one.

    ``/api/auth/token/`` authenticates with DRF's ``Request``: axes sets its flag on that
    wrapper, which the middleware never sees, so the flag is copied to ``request._request``.
    """
    django_request = getattr(request, "_request", request)
    if django_request is not request:
        django_request.axes_locked_out = True
        django_request.axes_credentials = getattr(request, "axes_credentials", None)
    path = getattr(django_request, "path", "")
    failures = getattr(request, "axes_failures_since_start", None)
    scope = "address" if getattr(request, "axes_address_locked", False) else "username_and_address"
    logger.warning("login locked out (%s): username=%r ip=%s path=%s", scope, username, ip_address, path)
    audit.record(AuditEvent.Action.LOGIN_LOCKED, interview_id=None,
                 details={"username": (username or "")[:150], "ip": ip_address or "", "path": path,
                          "failures": failures, "scope": scope, "retry_after_s": retry_after_seconds(django_request)})
