"""GDPR and AI Act: consent, retention purge, delete, export, audit log, face blurring, emotion redaction by mode."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from tests.web.conftest import upload

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- consent


def test_upload_requires_the_candidates_consent_and_records_it(api, interview_clip, settings):
    resp = upload(api, interview_clip, consent="false")
    assert resp.status_code == 400 and "consent is required" in resp.json()["consent"][0]
    with open(interview_clip, "rb") as f:  # no consent field at all
        resp = api.post("/api/interviews/", {"video": f, "candidate_name": "Anna"}, format="multipart")
    assert resp.status_code == 400 and "consent" in resp.json()
    from interview_ai_lab_web.interviews.models import Interview

    assert not Interview.objects.exists()  # nothing stored without consent
    body = upload(api, interview_clip).json()
    assert body["consent"] is True and body["consent_at"] and body["consent_version"] == "1"
    interview = Interview.objects.get(pk=body["id"])
    assert "at most 180 days" in interview.consent_text  # the server's text, with the retention period
    assert body["expires_at"].startswith(str((interview.created_at + timedelta(days=180)).date()))
    custom = upload(api, interview_clip, consent_text="J'accepte l'analyse.", consent_version="fr-2").json()
    interview = Interview.objects.get(pk=custom["id"])
    assert interview.consent_text == "J'accepte l'analyse." and interview.consent_version == "fr-2"
    config = api.get("/api/config/").json()
    assert config["consent_required"] is True and config["retention_days"] == 180
    assert "180 days" in config["consent_text"] and config["consent_version"] == "1"
    settings.IAL_REQUIRE_CONSENT = False  # a deployment that records consent elsewhere
    resp = upload(api, interview_clip, consent="false")
    assert resp.status_code == 201 and resp.json()["consent"] is False and resp.json()["consent_at"] is None


# --------------------------------------------------------------------------- helpers


def _done_interview(api, clip, *, report: dict, questions=None) -> str:
    """An uploaded interview made DONE with ``report`` (as a finished analysis stores it), files included."""
    from interview_ai_lab_web.interviews.models import Interview, ReportVersion

    fields = {"questions": json.dumps(questions)} if questions else {}
    iid = upload(api, clip, **fields).json()["id"]
    interview = Interview.objects.get(pk=iid)
    for v in (1, 2):
        ReportVersion.objects.create(interview=interview, version=v, report=report, options={"mode": "x"})
    Interview.objects.filter(pk=iid).update(status="DONE", report=report, report_version=2)
    folder = interview.analysis_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report))
    (folder / "video_blurred.mp4").write_bytes(b"blurred")
    return iid


def _coaching_report() -> dict:
    emotions = {"distribution": {"happy": 0.7, "neutral": 0.3}, "dominant": "happy", "timeline": [[0.0, "happy"]]}
    return {
        "transcript": "Hello.", "scores": {"total": 70, "nonverbal": 30},
        "nonverbal": {"eye_contact_ratio": 0.8, "emotions": emotions},
        "score_details": {"nonverbal": {"points": 30, "parts": [
            {"name": "eye contact", "value": 0.8, "points": 20, "max": 20, "rule": "r"},
            {"name": "expression", "value": 0.7, "points": 9.6, "max": 12, "rule": "calm share"}]}},
        "questions": [{"index": 1, "nonverbal": {"emotions": emotions}, "rubric": {"score": 50, "criteria": [
            {"id": "a", "coverage": 0.5, "evidence": [{"text": "Hello.", "support": 0.5}]}]}}],
        "limits": {"emotions": "posed photos", "speech": "…"}, "warnings": [],
        "meta": {"mode": "coaching", "emotion_model": {"name": "fer"}, "emotions_enabled": True,
                 "options": {"emotions": True}, "stage_seconds": {"face_emotions_onnx": 3.0}},
    }


# --------------------------------------------------------------------------- mode: no emotion where forbidden


def test_emotions_are_served_only_for_coaching_reports_on_a_coaching_deployment(api, interview_clip, settings):
    report = _coaching_report()
    iid = _done_interview(api, interview_clip, report=report)
    settings.IAL_ALLOWED_MODES = ["recruitment", "coaching"]
    assert api.get(f"/api/interviews/{iid}/report/").json() == report  # coaching allowed: as stored
    settings.IAL_ALLOWED_MODES = ["recruitment"]  # the deployment forbids coaching: even old reports hide emotions
    for url in (f"/api/interviews/{iid}/report/", f"/api/interviews/{iid}/reports/1/"):
        served = api.get(url).json()
        assert served["nonverbal"]["emotions"] is None and served["questions"][0]["nonverbal"]["emotions"] is None
        assert served["meta"]["emotion_model"] is None and served["meta"]["emotions_enabled"] is False
        assert served["meta"]["emotions_redacted"] is True and "emotions" not in served["limits"]
        parts = {p["name"]: p for p in served["score_details"]["nonverbal"]["parts"]}
        assert parts["expression"]["value"] is None and parts["expression"]["points"] is None
        assert parts["eye contact"] == report["score_details"]["nonverbal"]["parts"][0]  # the rest is untouched
        assert served["questions"][0]["rubric"] == report["questions"][0]["rubric"]  # evidence untouched
        assert any("coaching mode" in w for w in served["warnings"])
        assert served["meta"]["options"] == {"emotions": True}  # settings, not data
        text = json.dumps(served)
        assert "happy" not in text and '"fer"' not in text
    from interview_ai_lab_web.interviews.models import Interview

    assert Interview.objects.get(pk=iid).report == report  # stored as the pipeline wrote it
    # A report that claims recruitment mode never shows an emotion, whatever the deployment allows.
    settings.IAL_ALLOWED_MODES = ["recruitment", "coaching"]
    stray = {**report, "meta": {**report["meta"], "mode": "recruitment"}}
    Interview.objects.filter(pk=iid).update(report=stray)
    assert api.get(f"/api/interviews/{iid}/report/").json()["nonverbal"]["emotions"] is None


# --------------------------------------------------------------------------- delete, retention


def _leftovers(iid: str) -> dict:
    from interview_ai_lab_web.interviews.models import AuditEvent, Interview, ReportVersion, RubricVersion

    return {"interview": Interview.objects.filter(pk=iid).count(),
            "reports": ReportVersion.objects.filter(interview_id=iid).count(),
            "rubrics": RubricVersion.objects.filter(interview_id=iid).count(),
            "audit": AuditEvent.objects.filter(interview_id=iid).count()}


def test_delete_removes_everything_and_the_audit_keeps_no_personal_data(api, interview_clip,
                                                                         django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews.models import AuditEvent, Interview

    iid = _done_interview(api, interview_clip, report={"scores": {}, "meta": {"mode": "recruitment"}},
                          questions=[{"text": "Tell me about yourself."}])
    interview = Interview.objects.get(pk=iid)
    api.put(f"/api/interviews/{iid}/questions/1/rubric/", {"criteria": [
        {"id": "a", "name": "A", "description": "d", "weight": 1}]}, format="json")
    api.patch(f"/api/interviews/{iid}/assessment/", {"assessment": "Anna Martin was great", "decision": "advance"},
              format="json")
    video, folder = interview.video_path(), interview.analysis_dir()
    assert video.is_file() and (folder / "video_blurred.mp4").is_file()
    assert _leftovers(iid)["reports"] == 2 and _leftovers(iid)["rubrics"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/interviews/{iid}/").status_code == 204
    left = _leftovers(iid)
    assert left["interview"] == left["reports"] == left["rubrics"] == 0
    assert not video.exists() and not folder.exists()
    events = list(AuditEvent.objects.filter(interview_id=iid).order_by("created_at", "id"))
    assert [e.action for e in events] == ["upload", "edit_rubric", "assessment", "delete"]
    assert all(e.actor_username == "alice" for e in events)
    text = json.dumps([e.details for e in events])
    assert "Anna" not in text and "interview.mp4" not in text and "great" not in text


def test_expired_interviews_are_purged_by_the_beat_task(api, interview_clip, settings,
                                                         django_capture_on_commit_callbacks):
    from django.utils import timezone

    from interview_ai_lab_web.interviews.models import AuditEvent, Interview
    from interview_ai_lab_web.interviews.tasks import purge_expired_interviews

    assert settings.CELERY_BEAT_SCHEDULE["purge-expired-interviews"]["task"] == purge_expired_interviews.name
    assert "requeue-stale-analyses" in settings.CELERY_BEAT_SCHEDULE  # next to the stale-job sweep
    old = _done_interview(api, interview_clip, report={"meta": {"mode": "recruitment"}},
                          questions=[{"text": "Why us?"}])
    young = upload(api, interview_clip).json()["id"]
    Interview.objects.filter(pk=old).update(created_at=timezone.now() - timedelta(days=181))
    Interview.objects.filter(pk=young).update(created_at=timezone.now() - timedelta(days=179))
    old_files = [Interview.objects.get(pk=old).video_path(), Interview.objects.get(pk=old).analysis_dir()]
    settings.IAL_RETENTION_DAYS = 0  # 0: keep until deleted by hand
    assert purge_expired_interviews.apply().get() == []
    settings.IAL_RETENTION_DAYS = 180
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired_interviews.apply().get() == [old]
    assert _leftovers(old)["interview"] == _leftovers(old)["reports"] == _leftovers(old)["rubrics"] == 0
    assert not any(p.exists() for p in old_files)
    assert Interview.objects.filter(pk=young).exists() and Interview.objects.get(pk=young).video_path().is_file()
    event = AuditEvent.objects.get(interview_id=old, action="expire")
    assert event.actor is None and event.actor_username == "" and event.details == {"retention_days": 180,
                                                                                  "age_days": 181}


# --------------------------------------------------------------------------- export, audit


def test_export_holds_everything_about_the_candidate(api, other_api, anon, interview_clip, settings):
    settings.IAL_ALLOWED_MODES = ["recruitment"]
    iid = _done_interview(api, interview_clip, report=_coaching_report(), questions=[{"text": "Why us?"}])
    api.patch(f"/api/interviews/{iid}/assessment/", {"assessment": "Solid answer.", "decision": "hold"}, format="json")
    assert other_api.get(f"/api/interviews/{iid}/export/").status_code == 404
    assert anon.get(f"/api/interviews/{iid}/export/").status_code == 401
    resp = api.get(f"/api/interviews/{iid}/export/")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/zip"
    assert f'filename="interview-{iid}.zip"' in resp["Content-Disposition"]
    z = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    names = set(z.namelist())
    assert {"README.txt", "interview.json", "report.json", "reports/v1.json", "reports/v2.json", "rubrics.json",
            "audit.json", "video/interview.mp4", "video/video_blurred.mp4"} <= names
    assert z.read("video/interview.mp4") == interview_clip.read_bytes()
    data = json.loads(z.read("interview.json"))
    assert data["candidate_name"] == "Anna Martin" and data["consent"] is True and data["consent_text"]
    assert data["assessment"] == "Solid answer." and data["decision"] == "hold" and data["owner"] == "alice"
    assert json.loads(z.read("report.json"))["nonverbal"]["emotions"] is None  # exported as served
    assert json.loads(z.read("rubrics.json"))[0]["question_text"] == "Why us?"
    actions = [e["action"] for e in json.loads(z.read("audit.json"))]
    assert actions == ["upload", "assessment", "export"]


def test_audit_log_records_who_did_what_and_only_the_owner_reads_it(api, other_api, interview_clip, admin_client):
    iid = _done_interview(api, interview_clip, report={"meta": {"mode": "recruitment"}})
    api.get(f"/api/interviews/{iid}/report/")
    api.get(f"/api/interviews/{iid}/reports/1/")
    api.get(f"/api/interviews/{iid}/video/")
    api.get(f"/api/interviews/{iid}/video/", HTTP_RANGE="bytes=1000-")  # a seek: not logged again
    api.post(f"/api/interviews/{iid}/analyze/", {"force": True}, format="json")
    log = api.get(f"/api/interviews/{iid}/audit/").json()
    assert [e["action"] for e in log] == ["analyse", "view_video", "view_report", "view_report", "upload"]
    assert log[0]["actor"] == "alice" and log[0]["details"]["force"] is True and log[0]["interview_id"] == iid
    assert [e["details"].get("version") for e in log[2:4]] == [1, 2]
    assert other_api.get(f"/api/interviews/{iid}/audit/").status_code == 404
    page = admin_client.get("/admin/interviews/auditevent/")
    assert page.status_code == 200 and b"view_report" in page.content


# --------------------------------------------------------------------------- face blurring


def _faces_found(path: Path, frames: int = 6) -> list[int]:
    """Faces MediaPipe finds in ``frames`` frames spread over the video.

    MediaPipe's Tasks face detector: the short-range model, confidence 0.5.
    """
    import cv2

    from interview_ai_lab.runtime.model_resolver import resolve_face_landmarker
    from interview_ai_lab.vision import face as F

    cap = cv2.VideoCapture(str(path))
    total = int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
    found = []
    fd = F.create_detector(str(resolve_face_landmarker(allow_download=False).path), min_confidence=0.5)
    try:
        for k in range(frames):
            cap.set(cv2.CAP_PROP_POS_FRAMES, int(k * (total - 1) / max(frames - 1, 1)))
            ok, frame = cap.read()
            assert ok
            found.append(len(fd.detect(F.mp_image(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))).detections or []))
    finally:
        fd.close()
        cap.release()
    return found


@pytest.mark.slow
def test_blur_button_makes_a_blurred_copy_served_by_the_video_endpoint(api, other_api, interview_clip,
                                                                       django_capture_on_commit_callbacks):
    from interview_ai_lab.media.ffmpeg import probe
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_blur

    iid = upload(api, interview_clip).json()["id"]
    assert api.get(f"/api/interviews/{iid}/video/?blurred=1").status_code == 404
    assert other_api.post(f"/api/interviews/{iid}/blur/").status_code == 404
    resp = api.post(f"/api/interviews/{iid}/blur/")
    assert resp.status_code == 202 and resp.json()["blur_status"] == "PENDING"
    assert api.post(f"/api/interviews/{iid}/blur/").status_code == 409
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 409  # both write analyses/<id>/
    job = str(Interview.objects.get(pk=iid).blur_job_id)
    assert run_blur.apply(args=[iid, job]).get() == {"status": "DONE"}
    body = api.get(f"/api/interviews/{iid}/").json()
    assert body["blur_status"] == "DONE" and body["blur_error"] == "" and body["blur_finished_at"]
    assert body["blurred_video_url"].endswith(f"/api/interviews/{iid}/video/?blurred=1")
    resp = api.get(f"/api/interviews/{iid}/video/?blurred=1")
    assert resp.status_code == 200
    out = Path(Interview.objects.get(pk=iid).analysis_dir()) / "got.mp4"
    out.write_bytes(b"".join(resp.streaming_content))
    original, blurred = probe(interview_clip), probe(out)
    assert blurred.has_audio and blurred.has_video
    assert abs(blurred.duration_sec - original.duration_sec) < 0.3
    assert min(_faces_found(interview_clip)) >= 1  # the face is found in the original…
    assert _faces_found(out) == [0] * 6  # …and in no frame of the blurred copy
    partial = api.get(f"/api/interviews/{iid}/video/?blurred=1", HTTP_RANGE="bytes=0-99")
    assert partial.status_code == 206
    log = api.get(f"/api/interviews/{iid}/audit/").json()
    assert [e["action"] for e in log][:3] == ["view_video", "view_video", "blur"]
    assert log[0]["details"] == {"blurred": True}
    folder = Interview.objects.get(pk=iid).analysis_dir()
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/interviews/{iid}/").status_code == 204
    assert not (folder / "video_blurred.mp4").exists()


@pytest.mark.slow
def test_a_real_coaching_analysis_shows_emotions_only_where_coaching_is_allowed(api, interview_clip, settings):
    """Both modes on the real pipeline: coaching emotions are hidden once the deployment forbids coaching.

    The same clip analysed in coaching mode has emotions; the API hides them as soon as the deployment forbids
    coaching (the recruitment run is in test_rubrics_api).
    """
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_analysis

    settings.IAL_ALLOW_DOWNLOADS = False  # the worker's default
    iid = upload(api, interview_clip, mode="coaching", language="en").json()["id"]
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202
    job = str(Interview.objects.get(pk=iid).job_id)
    assert run_analysis.apply(args=[iid, job]).get()["status"] == "DONE", Interview.objects.get(pk=iid).error
    shown = api.get(f"/api/interviews/{iid}/report/").json()
    # Every model came from this machine (packaged fallbacks where missing): no download was even tried.
    assert shown["meta"]["network"] == {"downloads_allowed": False, "attempted": False, "models": []}
    assert shown["meta"]["mode"] == "coaching" and shown["meta"]["emotion_model"] is not None
    assert shown["nonverbal"]["emotions"]["distribution"]
    assert "expression" in {p["name"] for p in shown["score_details"]["nonverbal"]["parts"]}
    settings.IAL_ALLOWED_MODES = ["recruitment"]
    hidden = api.get(f"/api/interviews/{iid}/report/").json()
    assert hidden["nonverbal"]["emotions"] is None and hidden["meta"]["emotion_model"] is None
    assert hidden["meta"]["emotions_redacted"] is True
    assert hidden["transcript"] == shown["transcript"] and hidden["scores"] == shown["scores"]


def test_a_blurring_job_whose_worker_died_does_not_block_the_interview(api, interview_clip, settings):
    from django.utils import timezone

    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_blur, sweep_stale_jobs

    iid = upload(api, interview_clip).json()["id"]
    assert api.post(f"/api/interviews/{iid}/blur/").status_code == 202
    job = str(Interview.objects.get(pk=iid).blur_job_id)
    Interview.objects.filter(pk=iid).update(blur_status="RUNNING")  # a worker took it, then died
    assert sweep_stale_jobs.apply().get() == []  # its heartbeat is fresh: left alone
    Interview.objects.filter(pk=iid).update(updated_at=timezone.now() - timedelta(seconds=settings.IAL_STALE_SEC + 1))
    assert sweep_stale_jobs.apply().get() == [iid]
    body = api.get(f"/api/interviews/{iid}/").json()
    assert body["blur_status"] == "ERROR" and "interrupted" in body["blur_error"]
    assert run_blur.apply(args=[iid, job]).get() == {"status": "skipped"}  # a late redelivery does nothing
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202  # not blocked any more
    assert api.post(f"/api/interviews/{iid}/blur/").status_code == 409  # …and a blur waits for the analysis


def test_the_new_endpoints_require_authentication(anon, api, interview_clip):
    iid = upload(api, interview_clip, questions='[{"text": "Why us?"}]').json()["id"]
    for method, url in [("get", "questions/"), ("get", "questions/1/rubric/"), ("put", "questions/1/rubric/"),
                        ("get", "questions/1/rubric/versions/"), ("get", "export/"), ("get", "audit/"),
                        ("post", "blur/"), ("get", "video/?blurred=1")]:
        resp = getattr(anon, method)(f"/api/interviews/{iid}/{url}")
        assert resp.status_code == 401, (method, url, resp.status_code)
    from interview_ai_lab_web.interviews.models import Interview

    assert Interview.objects.get(pk=iid).blur_status == ""  # the anonymous POST did nothing


# --------------------------------------------------------------------------- audit outside the views


def test_operations_done_outside_a_view_are_audited_too(api, recruiter, interview_clip, admin_client, admin_user):
    """The services write the audit trail, so a script (a direct call) and the Django admin leave one as well."""
    from interview_ai_lab_web.interviews import access, assessments, jobs, rubrics
    from interview_ai_lab_web.interviews.analysis import queue_analysis
    from interview_ai_lab_web.interviews.blur import BLUR
    from interview_ai_lab_web.interviews.models import AuditEvent, Interview

    iid = upload(api, interview_clip, questions=json.dumps([{"text": "Why us?"}])).json()["id"]
    interview = Interview.objects.get(pk=iid)

    def trail() -> list[tuple[str, str]]:
        return [(e.action, e.actor_username) for e in AuditEvent.objects.filter(interview_id=iid)
                .order_by("created_at", "id")]

    jobs.queue(BLUR, iid)  # a script, as the system
    with pytest.raises(jobs.JobConflict):  # refused: nothing happened, nothing is logged
        queue_analysis(iid, user=recruiter)
    job = str(Interview.objects.get(pk=iid).blur_job_id)
    assert jobs.claim(BLUR, iid, job) is not None and jobs.finish(BLUR, iid, job, "DONE")  # a worker's steps
    queue_analysis(iid, user=recruiter, options={"force": True})
    rubrics.save_edit(interview, 1, {"criteria": [{"id": "a", "name": "A", "description": "d", "weight": 1}]},
                      user=recruiter)
    with pytest.raises(ValueError):
        assessments.save_assessment(interview, user=recruiter, decision="maybe")
    assessments.save_assessment(interview, user=recruiter, decision="advance")
    assert access.read_report_version(interview, 7, user=recruiter) is None  # no such version: no read logged
    assert access.video_file(interview, user=None) is not None
    assert trail() == [("upload", "alice"), ("blur", ""), ("analyse", "alice"), ("edit_rubric", "alice"),
                       ("assessment", "alice"), ("view_video", "")]
    events = {e.action: e for e in AuditEvent.objects.filter(interview_id=iid)}
    assert events["analyse"].details == {"mode": "recruitment", "language": "auto", "force": True, "questions": 1}
    assert events["edit_rubric"].details == {"question_index": 1, "version": 2, "criteria": 1}
    decided = Interview.objects.get(pk=iid)
    assert decided.decided_by == recruiter
    # Human oversight: who (the actor), when, and the report and rubric versions the decision was made on.
    assert events["assessment"].details == {"decision": "advance", "previous_decision": "",
                                            "assessment_changed": False, "decision_changed": True,
                                            "decided_at": decided.decided_at.isoformat(),
                                            "report_version": 0, "rubric_versions": None, "ratings_seen": []}

    # The admin's "delete selected" action (no API view involved).
    resp = admin_client.post("/admin/interviews/interview/", {"action": "delete_selected", "_selected_action": [iid],
                                                              "post": "yes"})
    assert resp.status_code == 302 and not Interview.objects.filter(pk=iid).exists()
    deleted = AuditEvent.objects.get(interview_id=iid, action="delete")
    assert deleted.actor == admin_user and deleted.actor_username == admin_user.username
    assert deleted.details == {"report_versions": 0, "blurred_video": True, "scorecards": 0, "assessment_notes": 0,
                               "via": "admin"}
