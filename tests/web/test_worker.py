"""Through a REAL Celery worker process on Redis and PostgreSQL, with the real pipeline.

One scenario, as a recruiter and an operator would live it: upload a clip and a
broken one, analyse, kill the worker mid-job (SIGKILL), restart it, and get the
report; the broken upload ends in ERROR with its reason and is kept; a second
analysis keeps the first report as a version; delete removes everything.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from tests.web.conftest import SPOKEN_TEXT, pipeline_pids, upload, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PIPELINE_TIMEOUT = 480  # seconds; a safety net only (the clip takes well under a minute)


def _status(api, iid: str) -> dict:
    resp = api.get(f"/api/interviews/{iid}/")
    assert resp.status_code == 200
    return resp.json()


def test_real_worker_analyses_survives_a_kill_and_keeps_versions(api, interview_clip, truncated_clip,
                                                                celery_worker_process, settings):
    from interview_ai_lab_web.interviews.models import Interview

    log = celery_worker_process.log
    good = upload(api, interview_clip, questions='[{"text": "Tell me about yourself.", "start": 0}]').json()["id"]
    broken = upload(api, truncated_clip, name="Broken File").json()["id"]
    worker = celery_worker_process()
    assert api.post(f"/api/interviews/{good}/analyze/").status_code == 202

    # 1. The job runs: RUNNING with the pipeline's stages as progress.
    stages_seen: set[str] = set()

    def pipeline_started():
        body = _status(api, good)
        stages_seen.add(body["progress"]["stage"])
        return body["status"] == "RUNNING" and body["progress"]["stage"] not in ("queued", "starting") \
            and pipeline_pids(good)

    pids = wait_for(pipeline_started, timeout=120, what="the analysis to start", proc=worker, log=log, every=0.2)
    assert Interview.objects.get(pk=good).worker.endswith(f":{worker.pid}")

    # 2. The worker dies mid-job; its pipeline process dies with it; the job stays RUNNING (not lost).
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    wait_for(lambda: not any(p in pipeline_pids(good) for p in pids), timeout=30, what="the pipeline to stop")
    assert _status(api, good)["status"] == "RUNNING"
    assert api.post(f"/api/interviews/{good}/analyze/").status_code == 409  # still one job
    assert api.post(f"/api/interviews/{broken}/analyze/").status_code == 202  # queued while no worker runs

    # 3. A new worker requeues the dead worker's job at start and runs both.
    worker = celery_worker_process()
    wait_for(lambda: _status(api, broken)["status"] == "ERROR", timeout=PIPELINE_TIMEOUT,
             what="the broken upload to fail", proc=worker, log=log)
    body = _status(api, broken)
    assert "truncated or corrupt" in body["error"] and "Traceback" not in body["error"]
    assert Interview.objects.get(pk=broken).video_path().read_bytes() == truncated_clip.read_bytes()  # kept
    assert api.get(f"/api/interviews/{broken}/report/").status_code == 409

    def done(iid):
        def check():
            body = _status(api, iid)
            stages_seen.add(body["progress"]["stage"])
            assert body["status"] != "ERROR", body["error"] + "\n" + log.read_text(errors="replace")[-3000:]
            return body if body["status"] == "DONE" else None
        return check

    body = wait_for(done(good), timeout=PIPELINE_TIMEOUT, what="the report", proc=worker, log=log)
    assert body["attempts"] == 2  # killed once, requeued, finished
    assert body["progress"] == {"stage": "done", "percent": 100.0}
    from interview_ai_lab.pipeline import STAGE_NAMES

    assert len(set(STAGE_NAMES) & stages_seen) >= 2, stages_seen  # the pipeline's own stages, live
    assert body["duration_sec"] == pytest.approx(8.3, abs=0.7)
    assert body["report_version"] == 1 and body["report_url"].endswith(f"/api/interviews/{good}/report/")

    # 4. The report: valid against the schema, faithful to the clip.
    resp = api.get(f"/api/interviews/{good}/report/")
    assert resp.status_code == 200
    report = resp.json()
    import jsonschema

    schema = json.loads((Path(settings.REPO_ROOT) / "interview_ai_lab" / "data" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["meta"]["mode"] == "recruitment"
    assert report["nonverbal"]["emotions"] is None  # recruitment mode: no emotion inference
    assert report["speech"]["duration_sec"] == pytest.approx(8.3, abs=0.7)
    assert report["speech"]["wpm"] > 60
    spoken = set(SPOKEN_TEXT.lower().replace(",", "").replace(".", "").split())
    heard = set(report["transcript"].lower().replace(",", "").replace(".", "").split())
    assert len(spoken & heard) >= 0.8 * len(spoken), report["transcript"]  # espeak-ng's words, transcribed
    assert body["scores"] == report["scores"]
    listed = {r["id"]: r for r in api.get("/api/interviews/").json()["results"]}
    assert listed[good]["scores"] == report["scores"] and listed[broken]["scores"] is None
    assert str(settings.MEDIA_ROOT) not in json.dumps(report)  # no server paths in the API

    # 5. Analyse again: the first report stays as version 1.
    assert api.post(f"/api/interviews/{good}/analyze/").status_code == 202
    assert api.post(f"/api/interviews/{good}/analyze/").status_code == 409
    assert api.get(f"/api/interviews/{good}/report/").status_code == 409
    second = wait_for(done(good), timeout=PIPELINE_TIMEOUT, what="the second report", proc=worker, log=log)
    assert second["report_version"] == 2
    versions = api.get(f"/api/interviews/{good}/reports/").json()
    assert [v["version"] for v in versions] == [2, 1]
    assert api.get(f"/api/interviews/{good}/reports/1/").json() == report

    # 6. Delete removes the row, the video and the analysis folder.
    interview = Interview.objects.get(pk=good)
    video, folder = interview.video_path(), interview.analysis_dir()
    assert video.is_file() and (folder / "report.json").is_file()
    sent = json.loads((folder / "input_questions.json").read_text())  # each question with its current rubric
    assert [{k: q[k] for k in ("text", "start")} for q in sent] == [{"text": "Tell me about yourself.", "start": 0.0}]
    assert sent[0]["rubric"]["criteria"] and sent[0]["rubric"]["question"] == "Tell me about yourself."
    assert api.delete(f"/api/interviews/{good}/").status_code == 204
    assert not video.exists() and not folder.exists()
    assert api.get(f"/api/interviews/{good}/").status_code == 404
