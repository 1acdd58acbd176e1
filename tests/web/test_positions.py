"""Positions through the API.

Creation with rubrics, edits, uploads to a position, re-analysis, decisions, demographics.
"""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import pytest

from tests.web.conftest import upload
from tests.web.org_fixtures import QUESTIONS, finish_with_report, report_with, upload_to

pytestmark = pytest.mark.django_db

EDITED = {"criteria": [{"id": "sql", "name": "SQL", "description": "Mentions SQL and databases.", "weight": 2,
                        "keywords": ["sql"]},
                       {"id": "team", "name": "Team", "description": "Works with a team.", "weight": 1}]}


def test_a_new_position_gets_a_generated_rubric_per_question_and_the_contract_fields(team, position, org):
    body = team["recruiter"].get(f"/api/positions/{position.pk}/").json()
    assert set(body) == {"id", "organisation", "title", "language", "description", "questions", "weights",
                         "retention_days", "mode", "think_time_sec", "answer_time_sec", "takes", "practice_question",
                         "rating_scale", "independent_ratings", "review_deadline", "reviewers", "role", "interview_count", "rubrics", "created_at", "updated_at"}
    # the one-way interview's defaults: 30 s to read each question, 2-minute answers, one take, no practice question
    assert (body["think_time_sec"], body["answer_time_sec"], body["takes"], body["practice_question"]) == (
        30, 120, 1, "")
    assert body["organisation"] == str(org.pk) and body["title"] == "Data analyst" and body["mode"] == "recruitment"
    assert body["questions"] == [{"text": q["text"], "weight": float(q["weight"])} for q in QUESTIONS]
    assert body["weights"] == "verbal=50,paraverbal=20,nonverbal=30" and body["retention_days"] == 30
    assert body["reviewers"] == ["rene"] and body["role"] == "recruiter" and body["interview_count"] == 0
    assert [(r["question_index"], r["version"], r["source"]) for r in body["rubrics"]] == [
        (1, 1, "generated"), (2, 1, "generated")]
    assert body["rubrics"][1]["rubric"]["question_type"] == "motivation"
    assert team["reviewer"].get(f"/api/positions/{position.pk}/").json()["role"] == "reviewer"
    listed = team["admin"].get("/api/positions/").json()
    assert [p["id"] for p in listed] == [str(position.pk)] and listed[0]["role"] == "admin"
    assert team["reviewer2"].get("/api/positions/").json() == []  # a reviewer not on it does not see it
    assert team["outsider"].get("/api/positions/").json() == []


def test_position_input_is_validated(team, org):
    rec = team["recruiter"]
    base = {"organisation": str(org.pk), "title": "X"}
    for extra, field in [({"weights": "verbal=40"}, "weights"), ({"questions": [{"text": " "}]}, "questions"),
                         ({"questions": [{"text": "Q", "weight": 0}]}, "questions"), ({"language": "de"}, "language"),
                         ({"title": "  "}, "title"), ({"retention_days": -1}, "retention_days"),
                         ({"questions": [{"text": "Q", "rubric": {"criteria": []}}]}, "questions")]:
        resp = rec.post("/api/positions/", {**base, **extra}, format="json")
        assert resp.status_code == 400 and field in resp.json(), (extra, resp.content)
    other = team["outsider"].get("/api/organisations/").json()[0]["id"]
    resp = rec.post("/api/positions/", {**base, "organisation": other}, format="json")
    assert resp.status_code == 400 and "organisation" in resp.json()
    assert team["reviewer"].post("/api/positions/", base, format="json").status_code == 403
    given = rec.post("/api/positions/", {**base, "questions": [{"text": "Do you know SQL?", "rubric": EDITED}]},
                     format="json").json()
    assert given["rubrics"][0]["source"] == "given" and given["rubrics"][0]["rubric"]["criteria"][0]["id"] == "sql"
    assert given["retention_days"] == 180  # the deployment's default


def test_rubric_edits_make_versions_and_question_changes_new_rubrics(team, position):
    rec, url = team["recruiter"], f"/api/positions/{position.pk}/rubrics/"
    assert rec.post(url, {"question_index": 3, "rubric": EDITED}, format="json").status_code == 400
    bad = rec.post(url, {"question_index": 1, "rubric": {"criteria": [{"id": "a", "name": "A", "weight": 1}]}},
                   format="json")
    assert bad.status_code == 400 and "description" in json.dumps(bad.json()["rubric"])
    resp = rec.post(url, {"question_index": 1, "rubric": EDITED}, format="json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["version"] == 2 and resp.json()["source"] == "edited" and resp.json()["created_by"] == "rita"
    versions = rec.get(url).json()
    assert [(v["question_index"], v["version"]) for v in versions] == [(1, 2), (1, 1), (2, 1)]
    assert team["reviewer"].get(url).status_code == 200
    assert team["reviewer"].post(url, {"question_index": 1, "rubric": EDITED}, format="json").status_code == 403
    # A changed question text gets a new generated rubric; the other question keeps its version.
    patched = rec.patch(f"/api/positions/{position.pk}/", {"questions": [
        {"text": QUESTIONS[0]["text"], "weight": 1}, {"text": "What is your greatest strength?", "weight": 3}]},
        format="json")
    assert patched.status_code == 200, patched.content
    assert {r["question_index"]: r["version"] for r in patched.json()["rubrics"]} == {1: 2, 2: 2}
    assert rec.patch(f"/api/positions/{position.pk}/", {"organisation": team["outsider"].get(
        "/api/organisations/").json()[0]["id"]}, format="json").status_code == 400
    assert team["reviewer"].patch(f"/api/positions/{position.pk}/", {"title": "Y"}, format="json").status_code == 403


def test_reviewers_are_members_only_and_can_be_removed(team, position):
    rec, url = team["recruiter"], f"/api/positions/{position.pk}/reviewers/"
    assert rec.post(url, {"username": "olga"}, format="json").status_code == 400  # not a member of Acme
    assert rec.post(url, {"username": "nobody"}, format="json").status_code == 400
    assert team["reviewer"].post(url, {"username": "remy"}, format="json").status_code == 403
    assert rec.post(url, {"username": "remy"}, format="json").json()["reviewers"] == ["remy", "rene"]
    assert team["reviewer2"].get(f"/api/positions/{position.pk}/").status_code == 200
    assert rec.delete(url + "remy/").json()["reviewers"] == ["rene"]
    assert rec.delete(url + "remy/").status_code == 404
    assert team["reviewer2"].get(f"/api/positions/{position.pk}/").status_code == 404


def test_upload_to_a_position_takes_its_questions_weights_mode_and_retention(team, position, interview_clip):
    from interview_ai_lab_web.interviews.analysis import pipeline_command
    from interview_ai_lab_web.interviews.models import AuditEvent, Interview

    rec = team["recruiter"]
    for field, value in (("mode", "coaching"), ("questions", json.dumps([{"text": "Q?"}])), ("language", "fr")):
        resp = upload(rec, interview_clip, position=str(position.pk), **{field: value})
        assert resp.status_code == 400 and field in resp.json(), resp.content
    assert upload(team["reviewer"], interview_clip, position=str(position.pk)).status_code == 403
    assert upload(team["outsider"], interview_clip, position=str(position.pk)).status_code == 400
    iid = upload_to(rec, interview_clip, position)
    body = rec.get(f"/api/interviews/{iid}/").json()
    assert body["position"] == str(position.pk) and body["rubric_versions"] is None and body["mode"] == "recruitment"
    assert body["questions"] == [{"text": q["text"], "weight": float(q["weight"])} for q in QUESTIONS]
    interview = Interview.objects.get(pk=iid)
    assert interview.organisation_id == position.organisation_id and interview.owner.username == "rita"
    assert interview.retention_days == 30 and interview.rubric_versions.count() == 0  # the position's rubrics
    assert AuditEvent.objects.get(action="upload", interview_id=iid).details["position"] == str(position.pk)
    # Every member with access sees it; the admin too; a reviewer not on the position and an outsider do not.
    assert team["admin"].get(f"/api/interviews/{iid}/").status_code == 200
    assert team["reviewer"].get(f"/api/interviews/{iid}/").status_code == 200
    assert team["reviewer2"].get(f"/api/interviews/{iid}/").status_code == 404
    assert [r["id"] for r in team["reviewer"].get("/api/interviews/").json()["results"]] == [iid]
    # The run's command line: the position's weights, its questions with their weights and current rubrics.
    rec.post(f"/api/positions/{position.pk}/rubrics/", {"question_index": 2, "rubric": EDITED}, format="json")
    from interview_ai_lab_web.interviews.analysis import queue_analysis

    queue_analysis(iid, user=team["recruiter"].user, send=lambda i: "not-sent")
    interview.refresh_from_db()
    assert interview.options["rubric_versions"] == {"1": 1, "2": 2}
    outdir = interview.analysis_dir()
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = pipeline_command(interview, interview.video_path(), outdir)
    assert cmd[cmd.index("--weights") + 1] == "verbal=50,paraverbal=20,nonverbal=30"
    qfile = json.loads((outdir / "input_questions.json").read_text())
    assert [q["weight"] for q in qfile] == [1.0, 2.0]
    assert [c["id"] for c in qfile[1]["rubric"]["criteria"]] == ["sql", "team"]
    # A rubric edited after the analysis was queued does not change what this run scores with.
    rec.post(f"/api/positions/{position.pk}/rubrics/", {"question_index": 2, "rubric": {"criteria": [
        {"id": "late", "name": "Late", "description": "Edited later.", "weight": 1}]}}, format="json")
    pipeline_command(interview, interview.video_path(), outdir)
    assert json.loads((outdir / "input_questions.json").read_text())[1]["rubric"]["criteria"][0]["id"] == "sql"


def test_reanalysis_records_the_rubric_versions_that_scored_it(team, position, interview_clip):
    from interview_ai_lab_web.interviews.models import ReportVersion

    rec = team["recruiter"]
    iid = upload_to(rec, interview_clip, position)
    finish_with_report(iid, report_with(70.0), user=rec.user)
    assert rec.get(f"/api/interviews/{iid}/").json()["rubric_versions"] == {"1": 1, "2": 1}
    rec.post(f"/api/positions/{position.pk}/rubrics/", {"question_index": 1, "rubric": EDITED}, format="json")
    assert rec.post(f"/api/interviews/{iid}/analyze/", {"mode": "coaching"}, format="json").status_code == 400
    finish_with_report(iid, report_with(72.0), user=rec.user)
    body = rec.get(f"/api/interviews/{iid}/").json()
    assert body["rubric_versions"] == {"1": 2, "2": 1} and body["report_version"] == 2
    assert dict(ReportVersion.objects.filter(interview_id=iid).values_list("version", "rubric_versions")) == {
        1: {"1": 1, "2": 1}, 2: {"1": 2, "2": 1}}
    # The interview's own rubric endpoints show the position's rubric and refuse edits there.
    assert rec.get(f"/api/interviews/{iid}/questions/1/rubric/").json()["version"] == 2
    assert rec.put(f"/api/interviews/{iid}/questions/1/rubric/", EDITED, format="json").status_code == 400
    assert [q["rubric_version"] for q in rec.get(f"/api/interviews/{iid}/questions/").json()] == [2, 1]


def test_a_decision_is_a_recruiters_and_is_audited_with_versions(team, position, interview_clip):
    from interview_ai_lab_web.interviews.models import AuditEvent

    rec, rev = team["recruiter"], team["reviewer"]
    iid = upload_to(rec, interview_clip, position)
    finish_with_report(iid, report_with(70.0))
    url = f"/api/interviews/{iid}/assessment/"
    assert rev.patch(url, {"decision": "advance"}, format="json").status_code == 403
    assert rev.patch(url, {"assessment": "Clear answers.", "decision": ""}, format="json").status_code == 403
    resp = rev.patch(url, {"assessment": "Clear answers."}, format="json")  # a reviewer's words: their scorecard
    assert resp.status_code == 403 and resp.json()["error_code"] == "reviewer_uses_scorecard"
    assert rec.patch(url, {"assessment": "Clear answers."}, format="json").json()["decided_by"] is None
    resp = rec.patch(url, {"decision": "advance"}, format="json")
    assert resp.status_code == 200 and resp.json()["decided_by"] == "rita"
    event = AuditEvent.objects.filter(action="assessment", interview_id=iid).order_by("-created_at", "-id").first()
    assert event.actor_username == "rita" and event.details["decision"] == "advance"
    assert event.details["report_version"] == 1 and event.details["rubric_versions"] == {"1": 1, "2": 1}
    assert event.details["decided_at"].startswith(resp.json()["decided_at"][:16])
    assert "Clear answers" not in json.dumps(event.details)


@pytest.mark.parametrize("call", ["analyze", "blur", "delete", "demographics", "export"])
def test_a_reviewer_changes_nothing(team, position, interview_clip, call):
    iid = upload_to(team["recruiter"], interview_clip, position)
    rev, base = team["reviewer"], f"/api/interviews/{iid}/"
    resp = {"analyze": lambda: rev.post(base + "analyze/", {}, format="json"),
            "blur": lambda: rev.post(base + "blur/"),
            "delete": lambda: rev.delete(base),
            "demographics": lambda: rev.put(base + "demographics/", {"consent": True, "categories": {}},
                                            format="json"),
            "export": lambda: rev.get(base + "export/")}[call]()
    assert resp.status_code == 403, resp.content
    assert team["reviewer"].get(base).status_code == 200  # still there, unchanged


def test_demographics_are_kept_apart_never_served_erased_and_exported_to_the_candidate(team, position,
                                                                                      interview_clip):
    from interview_ai_lab_web.interviews.models import Demographics

    rec = team["recruiter"]
    iid = upload_to(rec, interview_clip, position)
    finish_with_report(iid, report_with(70.0))
    url = f"/api/interviews/{iid}/demographics/"
    assert rec.get(url).json() == {"declared": False, "consent_at": None}
    for bad in ({"consent": False, "categories": {"sex": "female"}}, {"consent": True, "categories": {"sex": "x"}},
                {"consent": True, "categories": {"height": "tall"}}):
        assert rec.put(url, bad, format="json").status_code == 400, bad
    resp = rec.put(url, {"consent": True, "categories": {"sex": "female", "age_band": "40+", "race_ethnicity": ""}},
                   format="json")
    assert resp.status_code == 200 and resp.json()["declared"] is True and resp.json()["consent_at"]
    assert set(rec.get(url).json()) == {"declared", "consent_at"}  # never the values
    for path in ("", "report/", "questions/", "audit/"):
        assert "female" not in rec.get(f"/api/interviews/{iid}/{path}").content.decode(), path
    assert "female" not in rec.get(f"/api/positions/{position.pk}/comparison/").content.decode()
    with zipfile.ZipFile(BytesIO(b"".join(rec.get(f"/api/interviews/{iid}/export/").streaming_content))) as z:
        exported = json.loads(z.read("demographics.json"))
        assert exported["categories"] == {"sex": "female", "age_band": "40+", "race_ethnicity": ""}
        assert "female" not in z.read("interview.json").decode() and "female" not in z.read("report.json").decode()
    assert rec.delete(url).status_code == 204 and not Demographics.objects.filter(interview_id=iid).exists()
    rec.put(url, {"consent": True, "categories": {"sex": "male"}}, format="json")
    assert rec.delete(f"/api/interviews/{iid}/").status_code == 204
    assert not Demographics.objects.filter(interview_id=iid).exists()  # erasure takes them too


def test_a_position_with_interviews_is_not_deleted(team, position, interview_clip):
    iid = upload_to(team["recruiter"], interview_clip, position)
    assert team["reviewer"].delete(f"/api/positions/{position.pk}/").status_code == 403
    assert team["recruiter"].delete(f"/api/positions/{position.pk}/").status_code == 409
    assert team["recruiter"].delete(f"/api/interviews/{iid}/").status_code == 204
    assert team["recruiter"].delete(f"/api/positions/{position.pk}/").status_code == 204


def test_retention_follows_the_position(team, position, interview_clip):
    from datetime import timedelta

    from django.utils import timezone

    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.privacy import purge_expired

    young = upload_to(team["recruiter"], interview_clip, position)
    old = upload_to(team["recruiter"], interview_clip, position, name="Old Candidate")
    Interview.objects.filter(pk=old).update(created_at=timezone.now() - timedelta(days=31))
    Interview.objects.filter(pk=young).update(created_at=timezone.now() - timedelta(days=29))
    assert purge_expired() == [old]  # 30 days for this position (the deployment keeps 180)
    assert Interview.objects.filter(pk=young).exists()


def test_management_commands_create_an_organisation_and_add_members(db, recruiter, other_recruiter):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from interview_ai_lab_web.interviews.models import Membership

    call_command("create_organisation", "Hiring Team", "--admin", "alice", verbosity=0)
    call_command("add_member", "Hiring Team", "bob", "--role", "reviewer", verbosity=0)
    assert dict(Membership.objects.values_list("user__username", "role")) == {"alice": "admin", "bob": "reviewer"}
    call_command("add_member", "Hiring Team", "bob", "--role", "recruiter", verbosity=0)
    assert Membership.objects.get(user__username="bob").role == "recruiter"
    with pytest.raises(CommandError):
        call_command("create_organisation", "Hiring Team", "--admin", "alice", verbosity=0)
    with pytest.raises(CommandError):
        call_command("add_member", "Nope", "bob", verbosity=0)
