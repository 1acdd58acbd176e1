"""One-way interviews recorded in the candidate's browser: invitations, the candidate API, tus uploads, submit.

Real parts only: PostgreSQL, the storage API on a temporary ``MEDIA_ROOT``, ffmpeg/ffprobe on WebM files written as
a stream (as a browser's ``MediaRecorder`` writes them: no duration in the header, no index), Django's e-mail
backend (locmem), DRF's throttling on the Redis cache. The browser side (Chromium recording from a fake camera) is
``frontend/e2e/walk_candidate.mjs``.
"""

from __future__ import annotations

import base64
import doctest
import hashlib
import io
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.web.conftest import upload

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


# --------------------------------------------------------------------------- media


def _stream_webm(path: Path, *, seconds: float, freq: int = 440, size: str = "160x120") -> Path:
    """A VP8 + Opus WebM written to a pipe, as MediaRecorder writes it (no duration, no cues)."""
    with open(path, "wb") as out:
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                        f"testsrc=size={size}:rate=15:duration={seconds}", "-f", "lavfi", "-i",
                        f"sine=f={freq}:duration={seconds}", "-c:v", "libvpx", "-b:v", "150k", "-c:a", "libopus",
                        "-f", "webm", "pipe:1"], stdout=out, check=True)
    return path


@pytest.fixture(scope="session")
def takes_media(media_dir) -> dict[str, Path]:
    folder = media_dir / "takes"
    folder.mkdir(exist_ok=True)
    return {"a": _stream_webm(folder / "a.webm", seconds=3.0, freq=300),
            "b": _stream_webm(folder / "b.webm", seconds=2.2, freq=600),
            "c": _stream_webm(folder / "c.webm", seconds=4.4, freq=900),
            "long": _stream_webm(folder / "long.webm", seconds=20.0)}


def test_a_streamed_webm_has_no_duration_in_its_header_but_probes_by_its_packets(takes_media):
    from interview_ai_lab.media.ffmpeg import probe

    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                          str(takes_media["a"])], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "N/A"  # what made the upload fail before
    assert probe(takes_media["a"]).duration_sec == pytest.approx(3.0, abs=0.08)


def test_the_recruiter_upload_accepts_a_webm_written_as_a_stream(api, takes_media):
    resp = upload(api, takes_media["c"], name="Streamed")
    assert resp.status_code == 201, resp.content  # was 400 not_a_video ("has no readable duration")
    assert resp.json()["media_info"]["duration_sec"] == pytest.approx(4.4, abs=0.08)


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def oneway(position):
    """The position as a one-way interview: three questions, 5 s of think time, 60 s answers, two takes."""
    position.questions = [{"text": "Introduce yourself.", "weight": 1}, {"text": "Why this job?", "weight": 1},
                          {"text": "A hard problem you solved?", "weight": 1}]
    position.think_time_sec, position.answer_time_sec, position.takes = 5, 10, 2
    position.save()
    from interview_ai_lab_web.interviews.positions import ensure_rubrics

    ensure_rubrics(position)
    return position


def invite(client, position, **fields):
    body = {"candidate_name": "Chloé Durand", "email": "chloe@example.com", "language": "fr", **fields}
    resp = client.post(f"/api/positions/{position.pk}/invitations/", body, format="json")
    assert resp.status_code == 201, resp.content
    data = resp.json()
    return data, data["link"].split("#/invitation/")[1]


def cand(anon, token):
    """A candidate's client: the link's token in the X-Invitation-Token header."""
    anon.credentials(HTTP_X_INVITATION_TOKEN=token)
    return anon


def meta(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def create_upload(client, question: int, length: int, filetype: str = "video/webm"):
    return client.generic("POST", "/api/candidate/uploads/", HTTP_UPLOAD_LENGTH=str(length),
                          HTTP_UPLOAD_METADATA=meta(question=str(question), filetype=filetype), **TUS)


def patch(client, url: str, offset: int, data: bytes):
    return client.generic("PATCH", url, data, content_type="application/offset+octet-stream",
                          HTTP_UPLOAD_OFFSET=str(offset), **TUS)


def record(client, question: int, path: Path, chunk: int = 40_000) -> str:
    """Upload ``path`` as a take of ``question`` in chunks; the take's upload URL."""
    data = path.read_bytes()
    resp = create_upload(client, question, len(data))
    assert resp.status_code == 201, resp.content
    url = resp["Location"]
    for offset in range(0, len(data), chunk):
        r = patch(client, url, offset, data[offset:offset + chunk])
        assert r.status_code == 204, r.content
        assert int(r["Upload-Offset"]) == min(len(data), offset + chunk)
    return url


# --------------------------------------------------------------------------- tokens, states, the recruiter API


def test_token_is_256_bits_and_only_its_hash_is_stored(api, oneway):
    from interview_ai_lab_web.interviews import invitations
    from interview_ai_lab_web.interviews.models import Invitation

    data, token = invite(api, oneway)
    assert len(base64.urlsafe_b64decode(token + "=")) == 32
    row = Invitation.objects.get(pk=data["invitation"]["id"])
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.filter(pk=row.pk).values().first())
    assert invitations.find(token) == row and invitations.find(token[:-1] + "x") is None
    assert data["link"].startswith("http://testserver/#/invitation/")
    assert data["invitation"]["state"] == "sent" and data["invitation"]["answered"] == 0
    assert data["invitation"]["questions"] == 3


def test_states_from_sent_to_submitted_and_the_list(api, anon, oneway, takes_media):
    data, token = invite(api, oneway)
    iid = data["invitation"]["id"]
    c = cand(anon, token)

    def state():
        rows = api.get(f"/api/positions/{oneway.pk}/invitations/").json()
        row = next(r for r in rows if r["id"] == iid)
        return row["state"], row["answered"]

    assert state() == ("sent", 0)
    s = c.get("/api/candidate/session/").json()
    assert s["position"]["title"] == "Data analyst" and s["language"] == "fr"
    assert s["settings"] == {"think_time_sec": 5, "answer_time_sec": 10, "takes": 2, "practice_question": "",
                             "max_take_mb": 300}
    assert "Ma vidéo" in s["consent"]["text"] and s["next_question"] == 1
    assert state() == ("opened", 0)
    # no recording before consent
    assert create_upload(c, 1, 100).status_code == 403
    assert c.post("/api/candidate/consent/").status_code == 200
    assert state() == ("in_progress", 0)
    record(c, 1, takes_media["a"])
    assert state() == ("in_progress", 1)
    s = c.get("/api/candidate/session/").json()
    assert s["next_question"] == 2 and s["questions"][0]["status"] == "answered"


def test_forged_expired_and_revoked_links_open_nothing(api, anon, oneway):
    from interview_ai_lab_web.interviews.models import Invitation

    forged = cand(anon, "x" * 43).get("/api/candidate/session/")
    assert forged.status_code == 404 and forged.json() == {
        "detail": "this link does not open any interview", "code": "invalid", "language": ""}
    data, token = invite(api, oneway, language="en")
    Invitation.objects.filter(pk=data["invitation"]["id"]).update(deadline=timezone.now() - timedelta(seconds=1))
    gone = cand(anon, token).get("/api/candidate/session/")
    assert gone.status_code == 410 and gone.json() == {"detail": "this link has expired", "code": "expired",
                                                       "language": "en"}
    assert api.get(f"/api/positions/{oneway.pk}/invitations/").json()[0]["state"] == "expired"
    data, token = invite(api, oneway)
    assert api.post(f"/api/positions/{oneway.pk}/invitations/{data['invitation']['id']}/revoke/").json()[
        "state"] == "revoked"
    resp = cand(anon, token).get("/api/candidate/session/")
    assert resp.status_code == 410 and resp.json()["code"] == "revoked" and set(resp.json()) == {
        "detail", "code", "language"}
    # (and the candidate's other endpoints too)
    assert cand(anon, token).post("/api/candidate/consent/").status_code == 410


def test_a_new_link_ends_the_old_one_and_is_emailed(api, anon, oneway, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    data, old = invite(api, oneway, send_email=True)
    assert data["emailed"] is True and len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["chloe@example.com"] and "Data analyst" in msg.subject and data["link"] in msg.body
    assert msg.body.startswith("Bonjour Chloé Durand")
    iid = data["invitation"]["id"]
    resp = api.post(f"/api/positions/{oneway.pk}/invitations/{iid}/link/", {"email": True}, format="json")
    assert resp.status_code == 200 and resp.json()["emailed"]
    new = resp.json()["link"].split("#/invitation/")[1]
    assert new != old and len(mail.outbox) == 2 and resp.json()["invitation"]["email_count"] == 2
    assert cand(anon, old).get("/api/candidate/session/").status_code == 404
    assert cand(anon, new).get("/api/candidate/session/").status_code == 200


def test_a_mail_server_that_cannot_be_reached_is_said_and_the_link_still_given(api, oneway, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    resp = api.post(f"/api/positions/{oneway.pk}/invitations/", {
        "candidate_name": "Sam", "email": "sam@example.com", "language": "en", "send_email": True}, format="json")
    assert resp.status_code == 201
    body = resp.json()
    assert body["emailed"] is False and "could not be reached" in body["email_error"] and body["link"]


def test_who_manages_invitations(team, oneway, anon):
    url = f"/api/positions/{oneway.pk}/invitations/"
    body = {"candidate_name": "X", "language": "en"}
    assert team["reviewer"].get(url).status_code == 403
    assert team["reviewer"].post(url, body, format="json").status_code == 403
    assert team["outsider"].get(url).status_code == 404
    assert anon.get(url).status_code == 401
    assert team["recruiter"].post(url, body, format="json").status_code == 201
    resp = team["recruiter"].post(url, {"candidate_name": "X", "deadline": "2001-01-01T00:00:00Z"}, format="json")
    assert resp.status_code == 400 and "deadline" in resp.json()


def test_deadline_changes_and_closed_invitations_refuse_changes(api, anon, oneway):
    data, token = invite(api, oneway)
    iid = data["invitation"]["id"]
    later = (timezone.now() + timedelta(days=30)).isoformat()
    resp = api.patch(f"/api/positions/{oneway.pk}/invitations/{iid}/", {"deadline": later}, format="json")
    assert resp.status_code == 200 and resp.json()["deadline"][:16] == later[:16]
    api.post(f"/api/positions/{oneway.pk}/invitations/{iid}/revoke/")
    assert api.patch(f"/api/positions/{oneway.pk}/invitations/{iid}/", {"deadline": later},
                     format="json").status_code == 409
    assert api.post(f"/api/positions/{oneway.pk}/invitations/{iid}/link/", {}, format="json").status_code == 409


def test_candidate_endpoints_are_throttled_and_send_the_csp(api, anon, oneway, settings):
    settings.IAL_CANDIDATE_RATE = "4/min"
    from django.core.cache import caches

    caches["throttle"].clear()
    _, token = invite(api, oneway)
    c = cand(anon, token)
    answers = [c.get("/api/candidate/session/") for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert "script-src 'self'" in answers[0]["Content-Security-Policy"]
    assert "no-store" in answers[0]["Cache-Control"]
    caches["throttle"].clear()


# --------------------------------------------------------------------------- tus


def test_tus_resumes_from_the_last_byte_and_never_writes_a_chunk_twice(api, anon, oneway, takes_media):
    from interview_ai_lab_web.interviews.models import Take

    _, token = invite(api, oneway)
    c = cand(anon, token)
    c.post("/api/candidate/consent/")
    opts = c.options("/api/candidate/uploads/")
    assert opts.status_code == 204 and opts["Tus-Version"] == "1.0.0" and "termination" in opts["Tus-Extension"]
    data = takes_media["a"].read_bytes()
    resp = create_upload(c, 1, len(data))
    assert resp.status_code == 201
    url = resp["Location"]
    head = c.generic("HEAD", url, **TUS)
    assert head.status_code == 200 and head["Upload-Offset"] == "0" and head["Upload-Length"] == str(len(data))
    assert "no-store" in head["Cache-Control"]
    cut = len(data) // 3
    assert patch(c, url, 0, data[:cut]).status_code == 204
    # the same chunk again (a retry after a cut whose answer was lost): refused, not appended
    again = patch(c, url, 0, data[:cut])
    assert again.status_code == 409 and again["Upload-Offset"] == str(cut)
    # a client that lost track asks where to resume, and resumes there
    assert c.generic("HEAD", url, **TUS)["Upload-Offset"] == str(cut)
    assert patch(c, url, cut, data[cut:2 * cut]).status_code == 204
    # the protocol's refusals
    assert c.generic("PATCH", url, b"x", content_type="application/octet-stream", HTTP_UPLOAD_OFFSET=str(2 * cut),
                     **TUS).status_code == 415
    assert c.generic("PATCH", url, b"x", content_type="application/offset+octet-stream",
                     HTTP_UPLOAD_OFFSET=str(2 * cut)).status_code == 412
    assert patch(c, url, 2 * cut, data[2 * cut:] + b"extra").status_code == 413
    last = patch(c, url, 2 * cut, data[2 * cut:])
    assert last.status_code == 204 and last["Upload-Offset"] == str(len(data))
    take = Take.objects.get(pk=url.rstrip("/").rsplit("/", 1)[1])
    assert take.state == "received" and take.chosen and take.parts == []
    assert take.duration_sec == pytest.approx(3.0, abs=0.08)
    with default_storage.open(take.file.name, "rb") as f:
        assert f.read() == data  # no byte lost, none twice
    assert not default_storage.exists(f"takes/{take.invitation_id}/{take.pk}")  # the chunks are gone
    assert default_storage.listdir(f"takes/{take.invitation_id}")[1] == [Path(take.file.name).name]


def test_takes_limits_failures_and_termination(api, anon, oneway, takes_media,
                                                django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews.models import Take

    _, token = invite(api, oneway)
    c = cand(anon, token)
    c.post("/api/candidate/consent/")
    # a recording that is not one fails, and its bytes are kept; one take is left
    url = create_upload(c, 2, 2000)["Location"]
    assert patch(c, url, 0, b"not a video at all " * 105 + b"12345").status_code == 204
    bad = Take.objects.get(pk=url.rstrip("/").rsplit("/", 1)[1])
    assert bad.state == "failed" and bad.error == "not_a_video" and default_storage.exists(bad.file.name)
    s = c.get("/api/candidate/session/").json()
    assert s["questions"][1]["status"] == "open" and s["questions"][1]["takes_left"] == 1
    # longer than the answer time (10 s + 5 s of tolerance): failed, too_long
    record(c, 2, takes_media["long"], chunk=10_000_000)
    s = c.get("/api/candidate/session/").json()
    assert s["questions"][1]["status"] == "failed" and s["questions"][1]["takes"][-1]["error"] == "too_long"
    # no take left
    refused = create_upload(c, 2, 100)
    assert refused.status_code == 403 and refused.json()["code"] == "no_take_left"
    # too large, no such question
    assert create_upload(c, 1, 301 * 1024 * 1024).status_code == 413
    assert create_upload(c, 4, 100).json()["code"] == "no_question"
    # termination: the upload is given up, its bytes deleted, it still counts
    url = create_upload(c, 3, 5000)["Location"]
    patch(c, url, 0, b"0" * 1000)
    take = Take.objects.get(pk=url.rstrip("/").rsplit("/", 1)[1])
    part = take.parts[0]["name"]
    with django_capture_on_commit_callbacks(execute=True):
        assert c.generic("DELETE", url, **TUS).status_code == 204
    assert not default_storage.exists(part)
    assert c.generic("HEAD", url, **TUS).status_code == 404
    assert c.get("/api/candidate/session/").json()["questions"][2]["takes_left"] == 1


def test_a_take_of_another_invitation_is_not_found(api, anon, oneway, takes_media):
    from rest_framework.test import APIClient

    _, t1 = invite(api, oneway)
    _, t2 = invite(api, oneway, candidate_name="Other")
    c1, c2 = cand(anon, t1), cand(APIClient(), t2)
    c1.post("/api/candidate/consent/")
    url = create_upload(c1, 1, 100)["Location"]
    assert c2.generic("HEAD", url, **TUS).status_code == 404
    assert patch(c2, url, 0, b"x").status_code == 404


# --------------------------------------------------------------------------- submit, the interview, privacy


def _answer_all(c, takes_media):
    c.post("/api/candidate/consent/")
    record(c, 1, takes_media["a"])
    record(c, 1, takes_media["b"])  # a retake…
    record(c, 2, takes_media["b"])
    record(c, 3, takes_media["c"])
    s = c.get("/api/candidate/session/").json()
    first = s["questions"][0]["takes"][0]
    assert [t["chosen"] for t in s["questions"][0]["takes"]] == [False, True]  # the newest is chosen…
    resp = c.post(f"/api/candidate/takes/{first['id']}/choose/")  # …until the candidate picks the first
    assert resp.status_code == 200
    assert [t["chosen"] for t in resp.json()["questions"][0]["takes"]] == [True, False]
    return first


def test_submit_keeps_the_chosen_takes_deletes_the_others_and_nothing_changes_after(
        api, anon, oneway, takes_media, django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews import answers_video
    from interview_ai_lab_web.interviews.models import AuditEvent, Invitation, Take

    data, token = invite(api, oneway)
    c = cand(anon, token)
    chosen = _answer_all(c, takes_media)
    dropped = Take.objects.get(invitation_id=data["invitation"]["id"], question_index=1, number=2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        resp = c.post("/api/candidate/submit/")
    assert resp.status_code == 200 and resp.json()["state"] == "submitted"
    for cb in callbacks[:-1]:  # delete the dropped takes' files (the last one queues the worker's job)
        cb()
    assert not default_storage.exists(dropped.file.name)
    kept = Take.objects.filter(invitation_id=data["invitation"]["id"]).order_by("question_index")
    assert [(t.question_index, t.number, t.chosen) for t in kept] == [(1, 1, True), (2, 1, True), (3, 1, True)]
    assert str(kept[0].pk) == chosen["id"]
    # nothing changes once sent
    assert c.post("/api/candidate/submit/").json()["code"] == "submitted"
    assert c.post("/api/candidate/consent/").status_code == 409
    assert create_upload(c, 2, 100).status_code == 403
    assert c.post(f"/api/candidate/takes/{chosen['id']}/choose/").status_code == 409
    assert c.get("/api/candidate/session/").json()["state"] == "submitted"  # the confirmation page still opens
    # the worker's job: the chosen takes joined in question order, each answer's span exact
    with django_capture_on_commit_callbacks(execute=False):
        interview = answers_video.assemble(data["invitation"]["id"])
    assert interview is not None and answers_video.assemble(data["invitation"]["id"]) is None  # made once
    spans = interview.answer_spans
    lengths = [t.duration_sec for t in kept]
    assert [round(s["end"] - s["start"], 2) for s in spans] == pytest.approx(lengths, abs=0.05)
    assert spans[0]["start"] == 0.0 and spans[1]["start"] == spans[0]["end"]
    assert interview.questions == [{"text": q["text"], "weight": 1.0, "start": s["start"], "end": s["end"]}
                                   for q, s in zip(oneway.questions, spans)]
    assert interview.position_id == oneway.pk and interview.consent and interview.consent_version == "1"
    inv = Invitation.objects.get(pk=data["invitation"]["id"])
    assert inv.interview_id == interview.pk and inv.state == "submitted"
    # the candidate's journey is in the interview's audit trail
    actions = set(AuditEvent.objects.filter(interview_id=interview.pk).values_list("action", flat=True))
    assert {"invite", "invite_open", "consent", "take", "submit", "upload"} <= actions
    # the questions file of the analysis carries the exact boundaries
    from interview_ai_lab_web.interviews.positions import questions_with_recorded_rubrics

    items, _ = questions_with_recorded_rubrics(interview)
    assert [(i["start"], i["end"]) for i in items] == [(s["start"], s["end"]) for s in spans]


def test_a_question_whose_takes_all_failed_is_sent_unanswered(api, anon, oneway, takes_media,
                                                              django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews import answers_video

    data, token = invite(api, oneway)
    c = cand(anon, token)
    c.post("/api/candidate/consent/")
    record(c, 1, takes_media["a"])
    early = c.post("/api/candidate/submit/")
    assert early.status_code == 409 and early.json()["code"] == "unanswered" and early.json()["params"] == {
        "question": 2}
    for _ in range(2):
        url = create_upload(c, 2, 3000)["Location"]
        patch(c, url, 0, b"\0" * 3000)
    record(c, 3, takes_media["c"])
    with django_capture_on_commit_callbacks(execute=False):
        assert c.post("/api/candidate/submit/").status_code == 200
        interview = answers_video.assemble(data["invitation"]["id"])
    assert interview.answer_spans[1] == {"question_index": 2, "start": None, "end": None}
    assert interview.questions[1] == {"text": "Why this job?", "weight": 1.0, "answered": False}
    assert interview.answer_spans[2]["start"] == interview.answer_spans[0]["end"]


def test_erasure_export_and_retention_cover_invitations_and_takes(api, anon, oneway, takes_media,
                                                                  django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews import answers_video, privacy
    from interview_ai_lab_web.interviews.models import AuditEvent, Interview, Invitation, Take

    # export of an invitation in progress: the invitation and its recordings
    data, token = invite(api, oneway)
    iid = data["invitation"]["id"]
    c = cand(anon, token)
    c.post("/api/candidate/consent/")
    record(c, 1, takes_media["a"])
    resp = api.get(f"/api/positions/{oneway.pk}/invitations/{iid}/export/")
    assert resp.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    assert {"invitation.json", "audit.json", "README.txt", "video/answers/q1-take1.webm"} <= set(z.namelist())
    assert z.read("video/answers/q1-take1.webm") == takes_media["a"].read_bytes()
    assert "chloe@example.com" in z.read("invitation.json").decode()
    # erasure of the invitation: rows and stored files
    files = [t.file.name for t in Take.objects.filter(invitation_id=iid)]
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/positions/{oneway.pk}/invitations/{iid}/").status_code == 204
    assert not Invitation.objects.filter(pk=iid).exists() and not Take.objects.filter(invitation_id=iid).exists()
    assert files and not any(default_storage.exists(f) for f in files)
    event = AuditEvent.objects.get(action="invite_delete", details__invitation=iid)
    assert event.details["takes"] == 1 and "Chlo" not in str(event.details)

    # a submitted one becomes an interview: deleting the interview deletes the invitation and the kept takes
    data, token = invite(api, oneway, candidate_name="Léa")
    iid = data["invitation"]["id"]
    c = cand(anon, token)
    c.post("/api/candidate/consent/")
    for q in (1, 2, 3):
        record(c, q, takes_media["b"])
    with django_capture_on_commit_callbacks(execute=False):
        c.post("/api/candidate/submit/")
        interview = answers_video.assemble(iid)
    resp = api.get(f"/api/interviews/{interview.pk}/export/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content))).namelist()
    assert "invitation.json" in names and "video/answers/q3-take1.webm" in names
    files = [t.file.name for t in Take.objects.filter(invitation_id=iid)]
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/interviews/{interview.pk}/").status_code == 204
    assert not Interview.objects.filter(pk=interview.pk).exists() and not Invitation.objects.filter(pk=iid).exists()
    assert not any(default_storage.exists(f) for f in files)

    # retention: an invitation never made into an interview goes the position's retention after its deadline
    data, token = invite(api, oneway, candidate_name="Old")
    old = Invitation.objects.get(pk=data["invitation"]["id"])
    Invitation.objects.filter(pk=old.pk).update(deadline=timezone.now() - timedelta(days=oneway.retention_days + 1))
    data, _ = invite(api, oneway, candidate_name="Recent")
    with django_capture_on_commit_callbacks(execute=True):
        gone = privacy.purge_expired_invitations()
    assert gone == [str(old.pk)]
    assert Invitation.objects.filter(pk=data["invitation"]["id"]).exists()
    assert AuditEvent.objects.filter(action="invite_expire", details__invitation=str(old.pk)).exists()


def test_orphan_sweep_removes_stored_take_files_no_take_names(db):
    from interview_ai_lab_web.interviews import privacy

    kept = default_storage.save("takes/00000000-0000-0000-0000-000000000000/x.webm", io.BytesIO(b"orphan"))
    assert kept in privacy.sweep_orphans(min_age_sec=-1)
    assert not default_storage.exists(kept)


def test_the_services_docstring_examples():
    from interview_ai_lab_web.interviews import answers_video, invitations, positions, takes, tus

    for module in (answers_video, invitations, positions, takes, tus):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_the_admin_shows_positions_settings_and_invitations_read_only(api, anon, oneway, takes_media, client):
    from django.contrib.auth import get_user_model

    data, token = invite(api, oneway)
    c = cand(anon, token)
    c.post("/api/candidate/consent/")
    record(c, 1, takes_media["a"])
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "root-pass-123456")
    client.force_login(admin)
    page = client.get(f"/admin/interviews/position/{oneway.pk}/change/").content.decode()
    assert 'name="think_time_sec"' in page and 'name="takes"' in page and 'name="practice_question"' in page
    page = client.get(f"/admin/interviews/invitation/{data['invitation']['id']}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Chloé Durand" in text and "received" in text and data["invitation"]["id"] in text
    assert "token_hash" not in text and 'name="candidate_name"' not in text  # read-only, no hash shown
    assert client.get("/admin/interviews/invitation/add/").status_code == 403
