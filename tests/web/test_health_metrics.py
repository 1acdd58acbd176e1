"""``/api/health/`` and ``/metrics`` without a worker: who may read them and what they say.

The live checks with workers and a bucket are in ``test_two_hosts.py``.
"""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.django_db


def test_health_and_metrics_need_no_sign_in_and_give_no_data(anon, api, settings):
    """``/api/health/`` answers anyone with the checks' states only; ``/metrics`` is off unless asked for.

    Once asked for, ``/metrics`` is behind its token.
    """
    body = anon.get("/api/health/").json()
    assert set(body) == {"status", "checks"} and set(body["checks"]) == {"database", "broker", "storage", "workers"}
    assert set(body["checks"].values()) <= {"ok", "unavailable"}
    settings.IAL_METRICS, settings.IAL_METRICS_TOKEN = "off", ""
    assert anon.get("/metrics").status_code == 404
    settings.IAL_METRICS, settings.IAL_METRICS_TOKEN = "token", "t-" + uuid.uuid4().hex
    assert anon.get("/metrics").status_code == 401
    assert api.get("/metrics").status_code == 401  # an API token is not the metrics token
    assert anon.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    resp = anon.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {settings.IAL_METRICS_TOKEN}")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/plain")
    text = resp.content.decode()
    for name in ("ial_http_requests_total", "ial_analyses", "ial_analysis_stage_seconds", "ial_queue_messages",
                 "ial_workers"):
        assert f"# TYPE {name.removesuffix('_total')}" in text, name
    assert 'ial_http_requests_total{method="GET",status="4xx",view="metrics"}' in text  # the refused scrapes
