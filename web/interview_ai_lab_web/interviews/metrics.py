"""What ``/metrics`` says, in Prometheus' text format (the official ``prometheus-client``).

Two sources, so that the numbers are right however many processes and hosts there are:

- **Requests** (``ial_http_requests_total``, ``ial_http_request_duration_seconds``) are counted by
  :class:`RequestMetricsMiddleware` in each web process. Under gunicorn (several processes) the
  client's multiprocess mode adds them up: ``PROMETHEUS_MULTIPROC_DIR`` names an empty folder of
  this web host, set before the server starts (``start_stack.py --prod`` does it). Each web host
  is scraped on its own, as usual.
- **Analyses, stage durations, queue depth, workers** are read at scrape time from where the
  truth is, shared by every host: PostgreSQL (the interviews and every kept report), the
  broker (the queue's length, the workers' announcements) and a Celery ``ping``
  (:class:`SharedStateCollector`). Any web host gives the same answer, and a worker on
  another host needs no port of its own. These are the current state of the database: deleting
  interviews lowers them (a Prometheus ``rate()`` sees a reset).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector

from .models import Interview, ReportVersion
from .reasons import failure_code

logger = logging.getLogger(__name__)

#: Upper bounds of the duration buckets of a stage and of an analysis, seconds.
STAGE_BUCKETS_SEC = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600)

REQUESTS = Counter("ial_http_requests", "HTTP requests answered, by method, route and status class",
                   ["method", "view", "status"])
REQUEST_SECONDS = Histogram("ial_http_request_duration_seconds", "Time to answer an HTTP request (until the "
                            "response started), seconds", ["method", "view"],
                            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300))


class RequestMetricsMiddleware:
    """Counts every request reaching Django by method, route name (never the path: no ids) and status class."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Answer ``request``, then count it and its duration (seconds) under its method, route and status class."""
        t0 = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match.url_name or "other") if match is not None else "unmatched"
        method = request.method if request.method in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
                                                       "OPTIONS") else "other"
        REQUESTS.labels(method, view, f"{response.status_code // 100}xx").inc()
        REQUEST_SECONDS.labels(method, view).observe(time.perf_counter() - t0)
        return response


class SharedStateCollector(Collector):
    """The metrics read at scrape time from PostgreSQL, the broker and the workers (see the module docstring)."""

    def collect(self) -> Iterator[Any]:
        """Yield the analyses, durations, queue and worker metrics; a source that cannot be read sets an error."""
        yield from self._guarded("database", self._analyses)
        yield from self._guarded("database", self._durations)
        yield from self._guarded("broker", self._queue)
        yield from self._guarded("workers", self._workers)

    def _guarded(self, source: str, read: Callable[[], list[Any]]) -> Iterator[Any]:
        error = GaugeMetricFamily("ial_scrape_error", "1 when a source of the metrics could not be read",
                                  labels=["source", "metric"])
        try:
            yield from read()
            return
        except Exception:
            logger.exception("metrics: could not read %s (%s)", source, read.__name__)
        error.add_metric([source, read.__name__.lstrip("_")], 1)
        yield error

    def _analyses(self) -> list[Any]:
        family = GaugeMetricFamily("ial_analyses", "Interviews by the state of their analysis: not_queued, queued, "
                                   "running, done, failed (with its error_code)", labels=["state", "error_code"])
        counts = {("not_queued", ""): 0, ("queued", ""): 0, ("running", ""): 0, ("done", ""): 0}
        rows = (Interview.objects.values("status", "error").annotate(queued=Count("queued_at"), n=Count("pk"))
                .order_by())
        for row in rows:
            status, n = row["status"], row["n"]
            if status == Interview.Status.PENDING:
                counts[("queued", "")] += row["queued"]
                counts[("not_queued", "")] += n - row["queued"]
            elif status == Interview.Status.RUNNING:
                counts[("running", "")] += n
            elif status == Interview.Status.DONE:
                counts[("done", "")] += n
            else:
                key = ("failed", failure_code(row["error"])[0] or "failed")
                counts[key] = counts.get(key, 0) + n
        for (state, code), n in sorted(counts.items()):
            family.add_metric([state, code], n)
        return [family]

    def _durations(self) -> list[Any]:
        """Per-stage seconds of every kept report (``meta.stage_seconds``) and the wall time of each analysis."""
        table = connection.ops.quote_name(ReportVersion._meta.db_table)
        le = ", ".join(f"count(*) FILTER (WHERE v <= {b})" for b in STAGE_BUCKETS_SEC)
        stages = HistogramMetricFamily("ial_analysis_stage_seconds", "Seconds each pipeline stage took, per finished "
                                       "analysis still held (the report's meta.stage_seconds)", labels=["stage"])
        total = HistogramMetricFamily("ial_analysis_seconds", "Wall time of each finished analysis still held, "
                                      "seconds", labels=[])
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.key, count(*), sum(v), {le} FROM {table} rv, "  # (names and numbers of this module only)
                "LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(rv.report->'meta'->'stage_seconds') = 'object' "
                "THEN rv.report->'meta'->'stage_seconds' ELSE '{}'::jsonb END) s, "
                "LATERAL (SELECT CASE WHEN s.value ~ '^[0-9.eE+-]+$' THEN s.value::float END AS v) x "
                "WHERE v IS NOT NULL GROUP BY s.key ORDER BY s.key")
            for key, count, sum_v, *cumulative in cursor.fetchall():
                stages.add_metric([key], _buckets(cumulative, count), float(sum_v or 0))
            cursor.execute(f"SELECT count(*), sum(v), {le} FROM (SELECT analysis_sec AS v FROM {table} "
                           "WHERE analysis_sec IS NOT NULL) t")
            count, sum_v, *cumulative = cursor.fetchone()
            total.add_metric([], _buckets(cumulative, count), float(sum_v or 0))
        return [stages, total]

    def _queue(self) -> list[Any]:
        from django.conf import settings

        from . import workers

        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        family = GaugeMetricFamily("ial_queue_messages", "Messages waiting in the broker's queue of the analyses "
                                   "(not yet taken by a worker)", labels=["queue"])
        client = workers.broker_client()
        # kombu's Redis transport keeps a queue as a list, plus one list per priority step (queue\x06\x16<n>).
        names = [queue.encode(), *client.scan_iter(match=f"{queue}\x06\x16*")]
        family.add_metric([queue], sum(int(client.llen(n)) for n in names))
        return [family]

    def _workers(self) -> list[Any]:
        from . import workers

        announced = workers.announced_workers()
        live = workers.live_workers(timeout=1.0) if announced else []
        up = GaugeMetricFamily("ial_workers", "Workers of the analyses' queue that answered a ping at this scrape")
        up.add_metric([], len(live))
        known = GaugeMetricFamily("ial_workers_announced", "Workers of the analyses' queue that announced "
                                  "themselves in the last heartbeats")
        known.add_metric([], len(announced))
        return [up, known]


def _buckets(cumulative: list[int], count: int) -> list[tuple[str, float]]:
    return [*((str(float(b)), float(n)) for b, n in zip(STAGE_BUCKETS_SEC, cumulative, strict=True)),
            ("+Inf", float(count))]


_SHARED = SharedStateCollector()
_registered = False


def exposition() -> tuple[bytes, str]:
    """The body and content type of ``/metrics``.

    That is this host's request counts (all its processes) and the shared state.
    """
    global _registered
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_SHARED)
    else:
        registry = REGISTRY
        if not _registered:
            REGISTRY.register(_SHARED)
            _registered = True
    return generate_latest(registry), CONTENT_TYPE_LATEST
