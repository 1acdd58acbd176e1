"""The REST API on the real PostgreSQL (and Redis for queued messages): auth, upload, jobs, reports, delete."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest

from tests.web.conftest import upload

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- authentication


def test_every_endpoint_requires_authentication(anon, api, interview_clip):
    iid = upload(api, interview_clip).json()["id"]
    calls = [("get", "/api/interviews/"), ("post", "/api/interviews/"), ("get", f"/api/interviews/{iid}/"),
             ("delete", f"/api/interviews/{iid}/"), ("post", f"/api/interviews/{iid}/analyze/"),
             ("get", f"/api/interviews/{iid}/report/"), ("get", f"/api/interviews/{iid}/reports/"),
             ("get", f"/api/interviews/{iid}/video/"), ("get", "/api/auth/me/"), ("post", "/api/auth/logout/"),
             ("get", "/api/config/")]
    for method, url in calls:
        resp = getattr(anon, method)(url)
        assert resp.status_code == 401, (method, url, resp.status_code)
        assert resp["WWW-Authenticate"] == "Token"
    from interview_ai_lab_web.interviews.models import Interview

    assert Interview.objects.filter(pk=iid).exists()  # the anonymous DELETE did nothing


def test_token_endpoint_returns_a_working_token(anon, recruiter):
    resp = anon.post("/api/auth/token/", {"username": "alice", "password": "alice-pass-123"}, format="json")
    assert resp.status_code == 200
    token = resp.json()["token"]
    assert anon.post("/api/auth/token/", {"username": "alice", "password": "wrong"}, format="json").status_code == 400
    anon.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = anon.get("/api/auth/me/")
    assert me.status_code == 200 and me.json()["username"] == "alice"
    anon.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert anon.get("/api/interviews/").status_code == 401


def test_session_login_requires_csrf_and_logout_ends_the_session(recruiter):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    creds = {"username": "alice", "password": "alice-pass-123"}
    assert browser.post("/api/auth/login/", creds, format="json").status_code == 403  # no CSRF token
    assert browser.get("/api/auth/me/").status_code == 401
    token = browser.get("/api/auth/csrf/").json()["csrfToken"]
    assert browser.cookies["csrftoken"].value
    bad = browser.post("/api/auth/login/", {"username": "alice", "password": "nope"}, format="json",
                       HTTP_X_CSRFTOKEN=token)
    assert bad.status_code == 400
    resp = browser.post("/api/auth/login/", creds, format="json", HTTP_X_CSRFTOKEN=token)
    assert resp.status_code == 200 and resp.json()["username"] == "alice"
    assert browser.get("/api/auth/me/").json()["username"] == "alice"
    assert browser.get("/api/interviews/").status_code == 200
    # A state-changing request of the session without the CSRF header is refused.
    token = browser.cookies["csrftoken"].value  # rotated at login
    assert browser.post("/api/auth/logout/").status_code == 403
    assert browser.post("/api/auth/logout/", HTTP_X_CSRFTOKEN=token).status_code == 204
    assert browser.get("/api/auth/me/").status_code == 401


# --------------------------------------------------------------------------- upload


def test_upload_stores_the_video_under_a_safe_name(api, recruiter, interview_clip, settings):
    resp = upload(api, interview_clip, name="  Anna   Martin ", language="en",
                  questions='[{"text": "Tell me about yourself."}, {"text": "Why us?", "start": 4.5}]')
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["candidate_name"] == "Anna Martin"
    assert body["status"] == "PENDING" and body["job_active"] is False
    assert body["language"] == "en" and body["mode"] == "recruitment"  # the deployment default
    assert body["questions"] == [{"text": "Tell me about yourself."}, {"text": "Why us?", "start": 4.5}]
    assert body["original_filename"] == "interview.mp4"
    assert body["media_info"]["has_video"] and body["media_info"]["has_audio"]
    assert body["media_info"]["duration_sec"] == pytest.approx(8.3, abs=0.6)
    from interview_ai_lab_web.interviews.models import Interview

    interview = Interview.objects.get(pk=body["id"])
    assert interview.owner == recruiter
    path = interview.video_path()
    rel = path.relative_to(settings.MEDIA_ROOT)
    assert rel.parts[0] == "videos" and len(rel.parts) == 5  # videos/YYYY/MM/DD/<uuid>.mp4
    assert uuid.UUID(path.stem) and path.suffix == ".mp4"
    assert path.read_bytes() == interview_clip.read_bytes()


def test_upload_can_queue_the_analysis_at_once(api, interview_clip):
    body = upload(api, interview_clip, analyze="true").json()
    assert body["status"] == "PENDING" and body["job_active"] is True and body["progress"]["stage"] == "queued"
    assert api.post(f"/api/interviews/{body['id']}/analyze/").status_code == 409


def test_upload_rejects_a_file_that_is_not_a_video(api, not_a_video, settings):
    before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    resp = upload(api, not_a_video)
    assert resp.status_code == 400
    assert "not a readable video" in resp.json()["video"][0]
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == before  # nothing stored


def test_upload_rejects_hostile_names_and_fields(api, interview_clip, settings):
    with open(interview_clip, "rb") as f:
        from django.core.files.uploadedfile import SimpleUploadedFile

        hostile = SimpleUploadedFile("../../../etc/passwd;rm -rf ~.mp4", f.read(), content_type="video/mp4")
    resp = api.post("/api/interviews/", {"video": hostile, "candidate_name": "Eve", "consent": "true"},
                    format="multipart")
    assert resp.status_code == 201
    from interview_ai_lab_web.interviews.models import Interview

    path = Interview.objects.get(pk=resp.json()["id"]).video_path()
    assert Path(settings.MEDIA_ROOT) in path.parents and ".." not in path.parts and ";" not in path.name
    assert upload(api, interview_clip, name="   ").status_code == 400
    assert upload(api, interview_clip, language="de").status_code == 400
    assert upload(api, interview_clip, mode="spying").status_code == 400
    assert upload(api, interview_clip, questions="[{]").status_code == 400
    assert upload(api, interview_clip, questions='[{"text": "a", "start": -1}]').status_code == 400


def test_upload_size_limit(api, media_dir, settings):
    big = media_dir / "big.mp4"
    big.write_bytes(b"\0" * (settings.IAL_UPLOAD_MAX_MB * 1024 * 1024 + 200 * 1024))
    resp = upload(api, big)
    assert resp.status_code == 413
    assert "limit" in resp.json()["detail"]


def test_mode_can_be_restricted_by_the_deployment(api, interview_clip, settings):
    settings.IAL_ALLOWED_MODES = ["recruitment"]
    resp = upload(api, interview_clip, mode="coaching")
    assert resp.status_code == 400 and "not allowed" in resp.json()["mode"][0]
    settings.IAL_ALLOWED_MODES = ["recruitment", "coaching"]
    assert upload(api, interview_clip, mode="coaching").json()["mode"] == "coaching"


# --------------------------------------------------------------------------- list, detail, ownership


def test_list_is_paginated_and_holds_only_my_interviews(api, other_api, interview_clip):
    mine = [upload(api, interview_clip, name=f"Candidate {i}").json()["id"] for i in range(3)]
    theirs = upload(other_api, interview_clip, name="Someone else").json()["id"]
    page1 = api.get("/api/interviews/?page_size=2").json()
    assert page1["count"] == 3 and len(page1["results"]) == 2 and page1["next"]
    page2 = api.get(page1["next"]).json()
    ids = [r["id"] for r in page1["results"] + page2["results"]]
    assert sorted(ids) == sorted(mine) and theirs not in ids
    assert [r["candidate_name"] for r in page1["results"]] == ["Candidate 2", "Candidate 1"]  # newest first
    assert "report" not in page1["results"][0]
    assert set(page1["results"][0]) >= {"id", "status", "progress", "error", "scores", "created_at"}


def test_another_recruiters_interview_is_404(api, other_api, interview_clip):
    iid = upload(api, interview_clip).json()["id"]
    for method, url in [("get", f"/api/interviews/{iid}/"), ("delete", f"/api/interviews/{iid}/"),
                        ("post", f"/api/interviews/{iid}/analyze/"), ("get", f"/api/interviews/{iid}/report/"),
                        ("get", f"/api/interviews/{iid}/video/"), ("get", f"/api/interviews/{iid}/reports/")]:
        assert getattr(other_api, method)(url).status_code == 404, (method, url)
    assert api.get(f"/api/interviews/{iid}/").status_code == 200
    assert api.get(f"/api/interviews/{uuid.uuid4()}/").status_code == 404
    assert api.get("/api/interviews/not-a-uuid/").status_code == 404


def test_detail_shows_status_progress_and_error(api, interview_clip):
    body = api.get(f"/api/interviews/{upload(api, interview_clip).json()['id']}/").json()
    assert body["status"] == "PENDING"
    assert body["progress"] == {"stage": "", "percent": 0.0}
    assert body["error"] == "" and body["report_url"] is None and body["report_versions"] == []


def test_video_download_supports_ranges(api, interview_clip):
    iid = upload(api, interview_clip).json()["id"]
    data = interview_clip.read_bytes()
    full = api.get(f"/api/interviews/{iid}/video/")
    assert full.status_code == 200 and b"".join(full.streaming_content) == data
    part = api.get(f"/api/interviews/{iid}/video/", HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert b"".join(part.streaming_content) == data[100:200]
    assert api.get(f"/api/interviews/{iid}/video/", HTTP_RANGE=f"bytes={len(data)}-").status_code == 416


# --------------------------------------------------------------------------- analyse and report


def test_analyze_queues_one_job_and_refuses_a_second(api, interview_clip):
    import redis
    from django.conf import settings

    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    before = r.llen(queue)
    iid = upload(api, interview_clip).json()["id"]
    resp = api.post(f"/api/interviews/{iid}/analyze/")
    assert resp.status_code == 202
    assert resp.json()["status"] == "PENDING" and resp.json()["job_active"] is True
    assert resp.json()["progress"]["stage"] == "queued"
    assert r.llen(queue) == before + 1  # the message is in Redis
    again = api.post(f"/api/interviews/{iid}/analyze/")
    assert again.status_code == 409
    assert "already queued" in again.json()["detail"] and again.json()["status"] == "PENDING"
    assert r.llen(queue) == before + 1
    report = api.get(f"/api/interviews/{iid}/report/")
    assert report.status_code == 409
    assert report.json()["detail"] == "The report is not ready: the analysis is queued."


@pytest.mark.django_db(transaction=True)
def test_concurrent_analyze_requests_start_one_job(recruiter, interview_clip):
    """Two simultaneous requests (two connections to PostgreSQL): one 202, one 409, one message."""
    import redis
    from django.conf import settings
    from django.db import connection

    from tests.web.conftest import _token_client

    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    iid = upload(_token_client(recruiter), interview_clip).json()["id"]
    before = r.llen(queue)
    barrier = threading.Barrier(4)
    codes: list[int] = []

    def hit() -> None:
        client = _token_client(recruiter)
        barrier.wait()
        try:
            codes.append(client.post(f"/api/interviews/{iid}/analyze/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [202, 409, 409, 409]
    assert r.llen(queue) == before + 1


def test_report_of_a_failed_analysis_says_why(api, interview_clip):
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    Interview.objects.filter(pk=iid).update(status="ERROR", error="the video has no audio track")
    resp = api.get(f"/api/interviews/{iid}/report/")
    assert resp.status_code == 409
    assert resp.json()["detail"] == "The report is not ready: the analysis failed: the video has no audio track."
    assert resp.json()["status"] == "ERROR"
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202  # an ERROR can be analysed again


def test_analyze_validates_its_options(api, interview_clip):
    iid = upload(api, interview_clip).json()["id"]
    assert api.post(f"/api/interviews/{iid}/analyze/", {"mode": "bogus"}, format="json").status_code == 400
    resp = api.post(f"/api/interviews/{iid}/analyze/", {"mode": "coaching", "language": "fr"}, format="json")
    assert resp.status_code == 202
    assert resp.json()["mode"] == "coaching" and resp.json()["language"] == "fr"
    assert resp.json()["options"] == {"language": "fr", "mode": "coaching", "questions": False, "force": False}


def test_a_job_that_cannot_be_queued_does_not_block_the_interview(api, interview_clip):
    """Broker unreachable while queuing: the interview is not left 'queued' forever."""
    from kombu.exceptions import OperationalError

    from interview_ai_lab_web.interviews.analysis import queue_analysis

    iid = upload(api, interview_clip).json()["id"]

    def broker_down(interview):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with pytest.raises(OperationalError):
        queue_analysis(iid, send=broker_down)
    detail = api.get(f"/api/interviews/{iid}/").json()
    assert detail["job_active"] is False and "could not be queued" in detail["error"]
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202


# --------------------------------------------------------------------------- delete


def test_delete_removes_the_row_the_video_and_the_analysis_folder(api, interview_clip, django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    interview = Interview.objects.get(pk=iid)
    video = interview.video_path()
    folder = interview.analysis_dir()
    folder.mkdir(parents=True)
    (folder / "audio.json").write_text("{}")
    assert video.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/interviews/{iid}/").status_code == 204
    assert not Interview.objects.filter(pk=iid).exists()
    assert not video.exists() and not folder.exists()
    assert api.get(f"/api/interviews/{iid}/").status_code == 404


# --------------------------------------------------------------------------- schema, docs, admin, front end


def test_openapi_schema_and_docs_are_served(api, anon):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for p in ["/api/interviews/", "/api/interviews/{id}/", "/api/interviews/{id}/analyze/",
              "/api/interviews/{id}/report/", "/api/auth/token/", "/api/auth/login/"]:
        assert p in paths
    assert "202" in paths["/api/interviews/{id}/analyze/"]["post"]["responses"]
    assert api.get("/api/docs/").status_code == 200
    # Schema and docs need a signed-in user unless IAL_PUBLIC_API_DOCS=true.
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
        assert anon.get(url).status_code == 401, url


def test_admin_and_front_end_hook(client, anon, tmp_path, settings):
    assert client.get("/admin/login/").status_code == 200
    settings.IAL_FRONTEND_DIST = tmp_path / "not-built"
    notice = anon.get("/interviews/123")
    assert notice.status_code == 200 and b"/api/docs/" in notice.content
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text("<!doctype html><div id=root></div>")
    settings.IAL_FRONTEND_DIST = tmp_path / "dist"
    page = anon.get("/interviews/123")
    assert page.status_code == 200 and b"<div id=root>" in page.content
    assert anon.get("/api/nothing-here/").status_code == 404


def test_recruiter_assessment_is_saved_with_who_and_when(api, other_api, interview_clip):
    iid = upload(api, interview_clip).json()["id"]
    resp = api.patch(f"/api/interviews/{iid}/assessment/", {"assessment": "Clear answers.", "decision": "advance"},
                     format="json")
    assert resp.status_code == 200
    body = resp.json()
    assert body["assessment"] == "Clear answers." and body["decision"] == "advance"
    assert body["decided_by"] == "alice" and body["decided_at"]
    detail = api.get(f"/api/interviews/{iid}/").json()
    assert detail["decision"] == "advance" and detail["decided_by"] == "alice"
    assert api.patch(f"/api/interviews/{iid}/assessment/", {"decision": "maybe"}, format="json").status_code == 400
    assert other_api.patch(f"/api/interviews/{iid}/assessment/", {"decision": "reject"},
                           format="json").status_code == 404


# --------------------------------------------------------------------------- models


def test_every_status_is_a_choice_with_the_stored_values_and_no_migration_is_missing():
    from django.core.management import call_command

    from interview_ai_lab_web.interviews.models import Interview

    assert Interview.Status.values == ["PENDING", "RUNNING", "DONE", "ERROR"]
    assert Interview.BlurStatus.values == ["", *Interview.Status.values]  # "": never asked
    assert Interview.Decision.values == ["", "advance", "hold", "reject"]
    call_command("makemigrations", "interviews", "--check", "--dry-run", verbosity=0)  # exits 1 when one is missing
