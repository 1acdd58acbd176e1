"""``/api/health/`` for a load balancer or a monitor (no sign-in, no data) and ``/metrics`` for Prometheus.

``/api/health/`` answers 200 ``{"status": "ok", "checks": {...: "ok"}}`` when the database, the
broker, the media storage and at least one worker answer, else 503 with the failed checks
marked ``"unavailable"`` (:mod:`interviews.health`; why is in the server log, never here).

``/metrics`` is the Prometheus text format (:mod:`interviews.metrics`). It is off (404) unless
``IAL_METRICS_TOKEN`` is set (then ``Authorization: Bearer <token>`` is required, else 401) or
``IAL_METRICS=public`` (no token: a private network only).
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import health, metrics


@never_cache
@require_GET
def health_view(request: HttpRequest) -> JsonResponse:
    """200 when every check passes, else 503; the body names the checks and says ok or unavailable."""
    results = health.run_checks()
    ok = all(results.values())
    return JsonResponse({"status": "ok" if ok else "unavailable",
                         "checks": {name: "ok" if passed else "unavailable" for name, passed in results.items()}},
                        status=200 if ok else 503)


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """The metrics in Prometheus' text format, behind ``IAL_METRICS_TOKEN`` (or ``IAL_METRICS=public``)."""
    token = settings.IAL_METRICS_TOKEN
    if not token and settings.IAL_METRICS != "public":
        raise Http404
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            resp = HttpResponse("metrics need 'Authorization: Bearer <IAL_METRICS_TOKEN>'\n", status=401,
                                content_type="text/plain; charset=utf-8")
            resp["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return resp
    body, content_type = metrics.exposition()
    return HttpResponse(body, content_type=content_type)
