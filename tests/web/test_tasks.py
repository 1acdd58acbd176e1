"""The analysis job: running the real pipeline process, readable errors, time limit, claims and stale-job recovery."""

from __future__ import annotations

import signal
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from tests.web.conftest import upload

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- readable errors (pure)


def test_error_reason_prefers_the_pipelines_error_line():
    from interview_ai_lab_web.interviews.pipeline_process import error_reason

    lines = ["WARNING something", "error: clip.mp4 is truncated or corrupt: only 0.7 s of its 8.3 s could be decoded"]
    assert error_reason(2, lines) == "clip.mp4 is truncated or corrupt: only 0.7 s of its 8.3 s could be decoded"


def test_error_reason_never_shows_a_traceback():
    from interview_ai_lab_web.interviews.pipeline_process import error_reason

    lines = ["Traceback (most recent call last):", '  File "x.py", line 1, in <module>', "    import nope",
             "ModuleNotFoundError: No module named 'nope'"]
    reason = error_reason(1, lines)
    assert reason == "the analysis failed (exit code 1): ModuleNotFoundError: No module named 'nope'"
    assert "Traceback" not in reason and "File" not in reason
    assert error_reason(-signal.SIGKILL, []) == "the analysis process was killed by SIGKILL (out of memory?)"
    assert error_reason(1, []) == "the analysis failed (exit code 1)"
    assert "time limit (30 s)" in error_reason(-9, [], timed_out=True, limit=30)
    assert len(error_reason(3, ["error: " + "x" * 5000])) <= 500


# --------------------------------------------------------------------------- the pipeline process


def test_pipeline_process_is_killed_when_the_job_is_taken_away(tmp_path):
    from interview_ai_lab_web.interviews.pipeline_process import Cancelled, run_pipeline_process

    marker = tmp_path / "alive"
    code = f"import time, pathlib\nwhile True:\n    pathlib.Path({str(marker)!r}).touch()\n    time.sleep(0.1)\n"
    beats = []

    def heartbeat() -> bool:
        beats.append(1)
        return len(beats) < 2  # the second beat finds the job gone

    with pytest.raises(Cancelled):
        run_pipeline_process([sys.executable, "-c", code], outdir=tmp_path, time_limit=600, heartbeat_sec=0.5,
                             on_progress=lambda s, p: None, on_heartbeat=heartbeat)
    marker.unlink()
    subprocess.run([sys.executable, "-c", "import time; time.sleep(0.5)"])
    assert not marker.exists()  # the process is gone


def _queued(api, clip) -> tuple[str, str]:
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, clip).json()["id"]
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202
    return iid, str(Interview.objects.get(pk=iid).job_id)


def test_a_truncated_video_ends_in_error_with_the_reason_and_the_upload_kept(api, truncated_clip):
    """The file passes the upload probe (its header is intact) but the pipeline cannot decode it."""
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_analysis

    iid, job = _queued(api, truncated_clip)
    result = run_analysis.apply(args=[iid, job]).get()
    assert result["status"] == "ERROR"
    interview = Interview.objects.get(pk=iid)
    assert interview.status == "ERROR"
    assert "truncated or corrupt" in interview.error and "Traceback" not in interview.error
    assert interview.progress["stage"] == "extract_audio"  # where it stopped, from --progress-json
    assert interview.started_at and interview.finished_at and interview.attempts == 1
    assert interview.video_path().read_bytes() == truncated_clip.read_bytes()  # the upload is kept
    body = api.get(f"/api/interviews/{iid}/").json()
    assert body["status"] == "ERROR" and body["job_active"] is False
    # The reader gets a code and the sentence without the stored file's internal (UUID) name; the server keeps it.
    assert body["error_code"] == "video_truncated"
    assert "truncated or corrupt" in body["error"] and interview.video_path().name not in body["error"]
    assert interview.video_path().name in interview.error
    assert api.get(f"/api/interviews/{iid}/report/").status_code == 409


def test_the_time_limit_stops_the_pipeline(api, interview_clip, settings):
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_analysis

    settings.IAL_TASK_TIME_LIMIT = 1
    settings.IAL_HEARTBEAT_SEC = 0.2
    iid, job = _queued(api, interview_clip)
    assert run_analysis.apply(args=[iid, job]).get()["status"] == "ERROR"
    interview = Interview.objects.get(pk=iid)
    assert interview.error == "the analysis took longer than the time limit (1 s) and was stopped"
    assert not (interview.analysis_dir() / "report.json").exists()


def test_a_missing_video_file_is_a_readable_error(api, interview_clip):
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_analysis

    iid, job = _queued(api, interview_clip)
    Interview.objects.get(pk=iid).video_path().unlink()
    run_analysis.apply(args=[iid, job]).get()
    assert Interview.objects.get(pk=iid).error == "the uploaded video file is missing on the server"


# --------------------------------------------------------------------------- claims: one run per job


def test_a_message_runs_only_for_the_current_job(api, interview_clip):
    from django.utils import timezone

    from interview_ai_lab_web.interviews.analysis import ANALYSIS
    from interview_ai_lab_web.interviews.jobs import claim
    from interview_ai_lab_web.interviews.models import Interview

    def claim_job(interview_id: str, job_id: str):
        return claim(ANALYSIS, interview_id, job_id)

    iid, job = _queued(api, interview_clip)
    assert claim_job(iid, str(uuid.uuid4())) is None  # an old message of a replaced job
    first = claim_job(iid, job)
    assert first is not None and first.status == "RUNNING" and first.attempts == 1
    assert claim_job(iid, job) is None  # a duplicate while it runs (fresh heartbeat, live worker)
    Interview.objects.filter(pk=iid).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    again = claim_job(iid, job)  # redelivered after the worker died: taken over
    assert again is not None and again.attempts == 2
    Interview.objects.filter(pk=iid).update(status="DONE")
    assert claim_job(iid, job) is None
    assert claim_job(str(uuid.uuid4()), job) is None  # deleted interview


# --------------------------------------------------------------------------- stale-job recovery


def _running(iid: str, *, worker: str, heartbeat_age: float, attempts: int = 1) -> None:
    from django.utils import timezone

    from interview_ai_lab_web.interviews.models import Interview

    now = timezone.now()
    Interview.objects.filter(pk=iid).update(status="RUNNING", worker=worker, attempts=attempts,
                                            started_at=now - timedelta(seconds=heartbeat_age + 5),
                                            heartbeat_at=now - timedelta(seconds=heartbeat_age),
                                            progress={"stage": "transcribe", "percent": 40.0})


def test_stale_running_jobs_are_requeued_and_live_ones_left_alone(api, interview_clip, settings):
    import redis

    from interview_ai_lab_web.interviews.analysis import ANALYSIS
    from interview_ai_lab_web.interviews.jobs import sweep
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.workers import host_identity

    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    host = host_identity()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale_id, stale_job = _queued(api, interview_clip)
        _running(stale_id, worker="other-host:123", heartbeat_age=settings.IAL_STALE_SEC + 30)
        dead_id, dead_job = _queued(api, interview_clip)
        _running(dead_id, worker=f"{host}:{dead.pid}", heartbeat_age=1)  # fresh beat, but its process is gone
        live_id, _ = _queued(api, interview_clip)
        _running(live_id, worker=f"{host}:{alive.pid}", heartbeat_age=1)
        remote_id, _ = _queued(api, interview_clip)
        _running(remote_id, worker="other-host:123", heartbeat_age=1)
        twin_id, _ = _queued(api, interview_clip)  # another machine with the same host name (its boot id differs)
        _running(twin_id, worker=f"{host.split('#')[0]}#00000000:{dead.pid}", heartbeat_age=1)
        spent_id, _ = _queued(api, interview_clip)
        _running(spent_id, worker="other-host:9", heartbeat_age=3600, attempts=settings.IAL_MAX_ATTEMPTS)
        before = r.llen(queue)

        acted = sweep(ANALYSIS)

        assert sorted(acted) == sorted([stale_id, dead_id, spent_id])
        for iid, old_job in [(stale_id, stale_job), (dead_id, dead_job)]:
            interview = Interview.objects.get(pk=iid)
            assert interview.status == "PENDING" and interview.job_active
            assert interview.progress == {"stage": "requeued", "percent": 0.0}
            assert str(interview.job_id) != old_job  # the old message, if redelivered, is ignored
        assert r.llen(queue) == before + 2
        assert Interview.objects.get(pk=live_id).status == "RUNNING"
        assert Interview.objects.get(pk=remote_id).status == "RUNNING"
        assert Interview.objects.get(pk=twin_id).status == "RUNNING"
        spent = Interview.objects.get(pk=spent_id)
        assert spent.status == "ERROR" and "interrupted 3 times" in spent.error
    finally:
        alive.kill()
        alive.wait()


def test_requeued_job_can_not_be_analysed_twice(api, interview_clip, settings):
    from interview_ai_lab_web.interviews.analysis import ANALYSIS
    from interview_ai_lab_web.interviews.jobs import sweep

    iid, _ = _queued(api, interview_clip)
    _running(iid, worker="gone:1", heartbeat_age=settings.IAL_STALE_SEC + 5)
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 409  # RUNNING, even if stale
    sweep(ANALYSIS)
    resp = api.post(f"/api/interviews/{iid}/analyze/")
    assert resp.status_code == 409 and resp.json()["status"] == "PENDING"


def test_pipeline_command_is_a_list_built_from_checked_values(api, interview_clip, tmp_path):
    from interview_ai_lab_web.interviews.analysis import pipeline_command
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip, language="fr", mode="coaching",
                 questions='[{"text": "Présentez-vous; $(rm -rf /)"}]').json()["id"]
    interview = Interview.objects.get(pk=iid)
    cmd = pipeline_command(interview, interview.video_path(), tmp_path)
    assert cmd[1:3] == ["-m", "interview_ai_lab"]
    assert cmd[cmd.index("--lang") + 1] == "fr" and cmd[cmd.index("--mode") + 1] == "coaching"
    assert "--progress-json" in cmd and "--quiet" in cmd
    qfile = Path(cmd[cmd.index("--questions") + 1])
    assert qfile.parent == tmp_path and "$(rm -rf /)" in qfile.read_text(encoding="utf-8")


def test_a_queued_job_whose_message_was_lost_is_sent_again(api, interview_clip, settings):
    """Redis flushed while a job waited: the sweep sends the same job again (a duplicate is harmless)."""
    import redis
    from django.utils import timezone

    from interview_ai_lab_web.interviews.analysis import ANALYSIS
    from interview_ai_lab_web.interviews.jobs import sweep
    from interview_ai_lab_web.interviews.models import Interview

    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    iid, job = _queued(api, interview_clip)
    fresh_id, _ = _queued(api, interview_clip)
    old = timezone.now() - timedelta(seconds=settings.IAL_PENDING_RESEND_SEC + 60)
    Interview.objects.filter(pk=iid).update(queued_at=old)
    before = r.llen(queue)
    assert sweep(ANALYSIS) == [iid]
    interview = Interview.objects.get(pk=iid)
    assert str(interview.job_id) == job and interview.queued_at > old and interview.status == "PENDING"
    assert r.llen(queue) == before + 1
    assert Interview.objects.get(pk=fresh_id).status == "PENDING"


def test_the_sweep_is_scheduled_and_the_limits_are_consistent(settings):
    from interview_ai_lab_web.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE["requeue-stale-analyses"]
    assert schedule["task"] in app.tasks and "interviews.tasks.run_analysis" in app.tasks
    assert schedule["schedule"] <= settings.IAL_STALE_SEC
    task = app.tasks["interviews.tasks.run_analysis"]
    assert task.acks_late and task.reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    # Redis must not redeliver a message while its job may still run.
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > settings.IAL_TASK_TIME_LIMIT


@pytest.mark.parametrize("env, message", [
    ({"DATABASE_URL": "sqlite:///tmp/x.db"}, "must point to PostgreSQL"),
    ({"IAL_ANALYSIS_MODE": "spying"}, "unknown analysis mode"),
    ({"DEBUG": "maybe"}, "expected true/false"),
])
def test_settings_refuse_bad_configuration(env, message, tmp_path):
    import os

    code = "import django; django.setup()"
    full = dict(os.environ, DJANGO_SETTINGS_MODULE="interview_ai_lab_web.settings", **env)
    proc = subprocess.run([sys.executable, "-c", code], cwd=str(Path(__file__).resolve().parents[2] / "web"),
                          env=full, capture_output=True, text=True)
    assert proc.returncode != 0 and message in proc.stderr
