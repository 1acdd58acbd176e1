"""What the API shows a reader: failure reasons as codes without internal names, consent per language.

A failed analysis and a refused upload must never show a UUID file name or a server path:
the API gives a stable ``error_code`` (+ ``error_params``) the front end translates, and an
English sentence with the internal names replaced; the full reason stays in the database
and in the server log.
"""

from __future__ import annotations

import logging
import re
import uuid

from .conftest import upload

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)
PATH = re.compile(r"/(tmp|srv|var|home|root|work)/|ial-upload-|\.upload\b")


def _internal(text: str) -> list[str]:
    return UUID.findall(text) + [m.group(0) for m in PATH.finditer(text)]


def test_a_failed_analysis_shows_a_code_and_no_internal_name(api, interview_clip, caplog, settings):
    from interview_ai_lab_web.interviews import jobs
    from interview_ai_lab_web.interviews.analysis import ANALYSIS
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    job = uuid.uuid4()
    Interview.objects.filter(pk=iid).update(status="RUNNING", job_id=job)
    video = Interview.objects.get(pk=iid).video_path()
    reason = f"{video} is truncated or corrupt: only 2.0 s of its 8.1 s could be decoded"
    assert UUID.search(str(video)), "uploads are stored under a UUID name (the case this test is about)"
    with caplog.at_level(logging.WARNING, logger="interview_ai_lab_web.interviews.jobs"):
        assert jobs.finish(ANALYSIS, iid, str(job), Interview.Status.ERROR, error=reason)
    assert str(video) in caplog.text  # the details are logged on the server

    detail = api.get(f"/api/interviews/{iid}/").json()
    assert detail["status"] == "ERROR"
    assert detail["error_code"] == "video_truncated" and detail["error_params"] == {}
    assert detail["error"] == "the video file is truncated or corrupt: only 2.0 s of its 8.1 s could be decoded"
    listed = next(r for r in api.get("/api/interviews/").json()["results"] if r["id"] == iid)
    assert listed["error_code"] == "video_truncated"
    conflict = api.get(f"/api/interviews/{iid}/report/")
    assert conflict.status_code == 409 and conflict.json()["error_code"] == "video_truncated"
    for body in (detail, listed, conflict.json()):
        assert _internal(str({k: v for k, v in body.items() if k not in ("id", "video_url", "report_url")})) == []
    assert Interview.objects.get(pk=iid).error == reason  # kept whole for the administrators


def test_a_time_limit_failure_gives_its_seconds(api, interview_clip):
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    Interview.objects.filter(pk=iid).update(
        status="ERROR", error="the analysis took longer than the time limit (900 s) and was stopped")
    detail = api.get(f"/api/interviews/{iid}/").json()
    assert (detail["error_code"], detail["error_params"]) == ("time_limit", {"seconds": 900})


def test_a_refused_upload_shows_a_code_and_no_server_path(api, not_a_video, caplog):
    with caplog.at_level(logging.INFO, logger="interview_ai_lab_web.interviews.serializers"):
        resp = upload(api, not_a_video)
    assert resp.status_code == 400
    body = resp.json()
    assert body["error_code"] == "not_a_video" and body["error_params"] == {}
    assert body["video"] == ["not a readable video file"]
    assert _internal(resp.content.decode()) == [], resp.content
    assert "not a readable video" in caplog.text and re.search(r"ial-upload-\w+\.bin|\.upload", caplog.text)


def test_other_refusals_carry_their_code(api, interview_clip, media_dir, settings):
    resp = upload(api, interview_clip, consent="false")
    assert resp.status_code == 400 and resp.json()["error_code"] == "consent_required"
    empty = media_dir / "empty.mp4"
    empty.write_bytes(b"")
    resp = upload(api, empty)
    assert resp.status_code == 400 and resp.json()["error_code"] in ("file_empty", "invalid")
    big = media_dir / "big-reader.mp4"
    big.write_bytes(b"\0" * (settings.IAL_UPLOAD_MAX_MB * 1024 * 1024 + 200 * 1024))
    resp = upload(api, big)
    assert resp.status_code == 413
    assert resp.json()["error_code"] == "file_too_large"
    assert resp.json()["error_params"] == {"max_mb": settings.IAL_UPLOAD_MAX_MB}
    resp = upload(api, interview_clip, mode="spying")
    assert resp.status_code == 400 and resp.json()["error_code"] == "invalid"


def test_consent_text_in_the_candidates_language(api, interview_clip):
    config = api.get("/api/config/").json()
    texts = config["consent_texts"]
    assert set(texts) == {"fr", "en"}
    assert texts["fr"].startswith("J'accepte") and "jours" in texts["fr"] and "{days}" not in texts["fr"]
    assert texts["en"] == config["consent_text"]
    from interview_ai_lab_web.interviews.models import Interview

    fr = upload(api, interview_clip, consent_language="fr").json()
    assert fr["consent_language"] == "fr"
    assert Interview.objects.get(pk=fr["id"]).consent_text == texts["fr"]
    by_interview = upload(api, interview_clip, language="en").json()  # no choice: the interview's language
    assert by_interview["consent_language"] == "en"
    assert Interview.objects.get(pk=by_interview["id"]).consent_text == texts["en"]
    assert upload(api, interview_clip, consent_language="de").status_code == 400


def test_a_report_stored_before_the_rule_shows_incomplete_not_a_rescaled_total(api, interview_clip):
    """An older report re-scaled its total over the measured parts (no audio: 100 / 100): the API says incomplete."""
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    old = {"transcript": "", "meta": {"mode": "recruitment"},
           "scores": {"verbal": None, "paraverbal": None, "nonverbal": 40.0, "total": 100.0},
           "score_details": {"nonverbal": {"points": 40.0, "max": 40.0, "rule": "what the face showed"}},
           "questions": [{"index": 1, "text": "Présentez-vous.",
                          "scores": {"verbal": 30.0, "paraverbal": 15.0, "nonverbal": None, "total": 75.0}}]}
    Interview.objects.filter(pk=iid).update(status="DONE", report=old, report_version=1)
    expected = {"verbal": None, "paraverbal": None, "nonverbal": 40.0, "total": None,
                "measured": {"points": 40.0, "out_of": 40.0, "parts": ["nonverbal"]},
                "incomplete": {"reasons": [{"part": "verbal", "code": "not_measured", "params": {}},
                                           {"part": "paraverbal", "code": "not_measured", "params": {}}]}}
    listed = next(r for r in api.get("/api/interviews/").json()["results"] if r["id"] == iid)
    assert listed["scores"] == expected
    assert api.get(f"/api/interviews/{iid}/").json()["scores"] == expected
    report = api.get(f"/api/interviews/{iid}/report/").json()
    assert report["scores"] == expected
    q = report["questions"][0]["scores"]
    assert q["total"] is None and q["measured"] == {"points": 45.0, "out_of": 60.0, "parts": ["verbal", "paraverbal"]}
    assert Interview.objects.get(pk=iid).report["scores"]["total"] == 100.0  # the stored report is untouched


def test_a_complete_report_keeps_its_total(api, interview_clip):
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    scores = {"verbal": 30.0, "paraverbal": 15.0, "nonverbal": 33.0, "total": 78.0,
              "measured": {"points": 78.0, "out_of": 100.0, "parts": ["verbal", "paraverbal", "nonverbal"]},
              "incomplete": None}
    Interview.objects.filter(pk=iid).update(status="DONE", report={"transcript": "", "meta": {}, "scores": scores},
                                            report_version=1)
    assert api.get(f"/api/interviews/{iid}/").json()["scores"] == scores
    assert api.get(f"/api/interviews/{iid}/report/").json()["scores"] == scores


def test_the_emotions_redaction_is_a_notice_the_interface_translates(api, interview_clip, settings):
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.privacy import REDACTED_WARNING

    iid = upload(api, interview_clip).json()["id"]
    report = {"transcript": "", "scores": {"verbal": 30.0, "paraverbal": 15.0, "nonverbal": 33.0, "total": 78.0},
              "nonverbal": {"eye_contact_ratio": 0.8, "emotions": {"distribution": {"happy": 1.0}}},
              "notices": [{"code": "no_frames", "params": {}, "message": "No frame could be decoded."}],
              "warnings": ["No frame could be decoded."], "meta": {"mode": "coaching"}}
    Interview.objects.filter(pk=iid).update(status="DONE", report=report, report_version=1)
    settings.IAL_ALLOWED_MODES = ["recruitment"]
    served = api.get(f"/api/interviews/{iid}/report/").json()
    assert served["nonverbal"]["emotions"] is None
    assert [n["code"] for n in served["notices"]] == ["no_frames", "emotions_redacted"]
    assert served["notices"][1]["message"] == REDACTED_WARNING and REDACTED_WARNING in served["warnings"]
