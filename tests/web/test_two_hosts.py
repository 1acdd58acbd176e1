"""Two workers as two hosts sharing only PostgreSQL, Redis and a real S3 bucket (SeaweedFS on the loopback).

Each worker has its own host name (``IAL_WORKER_HOST``), its own scratch folder and its own
(empty, unused) ``MEDIA_ROOT``, logs JSON lines, and runs the real pipeline; a real ``celery
beat`` requeues the jobs of a dead worker. As an operator would see it:

1. with no worker, ``/api/health/`` says 503 (workers unavailable); with both, 200;
2. three interviews are queued; host A is killed (SIGKILL) in the middle of its analysis;
   host B's analysis of another interview is deleted while it runs: nothing of it is left in
   the bucket nor in B's scratch folder;
3. B finishes the third, then the one A was running (requeued by beat once A's heartbeat is
   stale: attempt 2, run by host B); every report and kept file is in the bucket, no worker
   wrote to a ``MEDIA_ROOT``, B's scratch is empty, and A's (left by the kill) is removed
   when A starts again;
4. ``/metrics`` counts what happened (2 done, each stage timed twice, an empty queue, the live
   workers); every log line of both workers is one JSON object, each line of a job names its
   interview, and none holds the candidate's words or name;
5. both workers stopped: ``/api/health/`` says 503 again.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web.conftest import WEB_DIR, pipeline_pids, stop_process_group, upload, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TIMEOUT = 600  # seconds; a safety net (each analysis of the ~8 s clip takes well under a minute)


def _db_url(settings) -> str:
    db = settings.DATABASES["default"]
    auth = f"{db['USER']}:{db['PASSWORD']}" if db.get("PASSWORD") else db["USER"]
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Host:
    """One "host": a worker process with its own name, scratch folder, media folder and log."""

    def __init__(self, name: str, root: Path, env: dict[str, str]) -> None:
        self.name, self.root = name, root
        root.mkdir(parents=True, exist_ok=True)
        self.scratch, self.media, self.log = root / "scratch", root / "media", root / "worker.log"
        self.env = dict(env, IAL_WORKER_HOST=name, IAL_SCRATCH_DIR=str(self.scratch), MEDIA_ROOT=str(self.media),
                        IAL_STATE_DIR=str(root / "var"))
        self.proc: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "--quiet", "-A", "interview_ai_lab_web", "worker", "--pool=solo",
             "--concurrency=1", "--loglevel=INFO", "-Q", self.env["IAL_CELERY_QUEUE"], "-n", f"w@{self.name}",
             "--without-gossip", "--without-mingle"],
            cwd=str(WEB_DIR), env=self.env, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT,
            start_new_session=True)
        return self.proc

    def jobs_in_scratch(self) -> list[str]:
        return sorted(p.name for p in self.scratch.iterdir()) if self.scratch.is_dir() else []


def test_two_hosts_share_only_the_database_the_broker_and_the_bucket(api, anon, bucket, interview_clip, settings,
                                                                     tmp_path):
    from interview_ai_lab_web.interviews.models import Interview

    store, bucket_name, prefix = bucket
    settings.IAL_METRICS = "public"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_TEST_NAME",)}
    env.update(store.env(bucket=bucket_name, prefix=prefix), DATABASE_URL=_db_url(settings), PYTHONUNBUFFERED="1",
               IAL_LOGGING="true", IAL_LOG_FORMAT="json", IAL_PIPELINE_THREADS="1")
    hosts = {name: Host(name, tmp_path / name, env) for name in ("host-a", "host-b")}
    beat = None
    try:
        # 1. Health: no worker → 503; both workers up → 200.
        resp = anon.get("/api/health/")
        assert resp.status_code == 503
        assert resp.json() == {"status": "unavailable", "checks": {"database": "ok", "broker": "ok", "storage": "ok",
                                                                   "workers": "unavailable"}}
        for host in hosts.values():
            host.start()
        wait_for(lambda: anon.get("/api/health/").status_code == 200, timeout=120, what="both workers to answer")
        from interview_ai_lab_web.interviews.workers import live_workers

        wait_for(lambda: len(live_workers()) == 2, timeout=60, what="two live workers")
        beat_root = tmp_path / "beat"
        beat = subprocess.Popen([sys.executable, "-m", "celery", "--quiet", "-A", "interview_ai_lab_web", "beat",
                                 "--loglevel=INFO"], cwd=str(WEB_DIR), env=dict(env, IAL_STATE_DIR=str(beat_root)),
                                stdout=open(tmp_path / "beat.log", "ab"), stderr=subprocess.STDOUT,
                                start_new_session=True)

        # 2. Three interviews queued; A is killed mid-analysis; B's running analysis is deleted.
        ids = [upload(api, interview_clip).json()["id"] for _ in range(3)]
        for iid in ids:
            assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202

        def running_on(host: str) -> str | None:
            for row in Interview.objects.filter(pk__in=ids, status=Interview.Status.RUNNING,
                                                worker__startswith=f"{host}#"):
                if (row.progress or {}).get("stage") not in (None, "queued", "starting") and pipeline_pids(str(row.pk)):
                    return str(row.pk)
            return None

        a = hosts["host-a"]
        on_a = wait_for(lambda: running_on("host-a"), timeout=180, what="host A's analysis", proc=a.proc, log=a.log)
        os.kill(a.proc.pid, signal.SIGKILL)
        a.proc.wait(timeout=30)
        assert a.jobs_in_scratch(), "host A was killed in the middle of a job: its scratch folder is still there"

        b = hosts["host-b"]
        on_b = wait_for(lambda: running_on("host-b"), timeout=180, what="host B's analysis", proc=b.proc, log=b.log)
        deleted_video = Interview.objects.get(pk=on_b).video.name
        assert api.delete(f"/api/interviews/{on_b}/").status_code == 204
        wait_for(lambda: not [k for k in store.keys(bucket_name, prefix) if on_b in k or deleted_video in k]
                 and not [n for n in b.jobs_in_scratch() if on_b in n], timeout=20, what="the deleted interview's files")
        time.sleep(3)  # and they stay gone
        assert not [k for k in store.keys(bucket_name, prefix) if on_b in k or deleted_video in k]
        assert not [n for n in b.jobs_in_scratch() if on_b in n]

        # 3. B finishes the third interview, then A's (requeued by beat).
        rest = [iid for iid in ids if iid != on_b]
        assert on_a in rest

        def all_done():
            rows = list(Interview.objects.filter(pk__in=rest))
            for row in rows:
                assert row.status != Interview.Status.ERROR, row.error + b.log.read_text(errors="replace")[-3000:]
            return len(rows) == 2 and all(r.status == Interview.Status.DONE for r in rows)

        wait_for(all_done, timeout=TIMEOUT, what="host B to finish both analyses", proc=b.proc, log=b.log, every=1)
        taken_over = Interview.objects.get(pk=on_a)
        assert taken_over.attempts == 2 and taken_over.worker.startswith("host-b#")
        assert Interview.objects.get(pk=on_a).report["speech"]["duration_sec"] == pytest.approx(8.3, abs=0.7)
        keys = store.keys(bucket_name, prefix)
        for iid in rest:
            video = Interview.objects.get(pk=iid).video.name
            assert f"{prefix}/{video}" in keys
            for kept in ("report.json", "transcript.json", "faces.json", "audio.json"):
                assert f"{prefix}/analyses/{iid}/{kept}" in keys, kept
        report = json.loads(store.client().get_object(Bucket=bucket_name, Key=f"{prefix}/analyses/{on_a}/report.json")
                            ["Body"].read())
        assert report["transcript"] == Interview.objects.get(pk=on_a).report["transcript"]
        # A face blurring on host B: the copy lands in the bucket and plays through the app.
        assert api.post(f"/api/interviews/{on_a}/blur/").status_code == 202

        def blurred():
            row = Interview.objects.get(pk=on_a)
            assert row.blur_status != Interview.BlurStatus.ERROR, row.blur_error
            return row.blur_status == Interview.BlurStatus.DONE

        wait_for(blurred, timeout=TIMEOUT, what="the blurring", proc=b.proc, log=b.log, every=1)
        assert f"{prefix}/analyses/{on_a}/video_blurred.mp4" in store.keys(bucket_name, prefix)
        played = api.get(f"/api/interviews/{on_a}/video/?blurred=1", HTTP_RANGE="bytes=0-1023")
        assert played.status_code == 206 and b"ftyp" in b"".join(played.streaming_content)[:64]
        assert b.jobs_in_scratch() == []
        assert not any((h.media).exists() and any(h.media.iterdir()) for h in hosts.values())
        a.start()  # host A comes back: it removes what its killed predecessor left
        wait_for(lambda: a.jobs_in_scratch() == [], timeout=120, what="host A's scratch sweep", proc=a.proc, log=a.log)

        # 4. Metrics and logs.
        metrics = anon.get("/metrics")
        assert metrics.status_code == 200
        text = metrics.content.decode()
        assert 'ial_analyses{error_code="",state="done"} 2.0' in text
        assert 'ial_analysis_stage_seconds_count{stage="transcribe"} 2.0' in text
        assert 'ial_analysis_seconds_count 2.0' in text
        assert f'ial_queue_messages{{queue="{env["IAL_CELERY_QUEUE"]}"}} 0.0' in text
        assert "ial_workers 2.0" in text or "ial_workers 1.0" in text  # A may still be starting
        lines = [ln for h in hosts.values() for ln in h.log.read_text(errors="replace").splitlines() if ln.strip()]
        records = [json.loads(ln) for ln in lines]  # one JSON object a line, or this fails
        of_jobs = [r for r in records if r["logger"].startswith(("interview_ai_lab_web.interviews.jobs",
                                                                 "interview_ai_lab.pipeline"))]
        # Every line of a job carries its interview's id (a message an earlier test left in the session's queue is
        # taken and skipped under its own id); the jobs of this test's interviews all logged.
        assert of_jobs and all(r["interview_id"] for r in of_jobs), [r for r in of_jobs if not r["interview_id"]]
        assert set(ids) <= {r["interview_id"] for r in of_jobs}, sorted({r["interview_id"] for r in of_jobs})
        assert {r["interview_id"] for r in records if "started" in r["message"]} >= set(rest)
        logged = "\n".join(lines).lower()
        for word in ("anna", "analyst", "martin", "problems with my team"):
            assert word not in logged, word
    finally:
        for host in hosts.values():
            if host.proc is not None:
                stop_process_group(host.proc, timeout=20)
        if beat is not None:
            stop_process_group(beat, timeout=20)

    # 5. No worker answers any more.
    wait_for(lambda: anon.get("/api/health/").status_code == 503, timeout=30, what="health to say 503")
    assert anon.get("/api/health/").json()["checks"]["workers"] == "unavailable"
