"""Fixtures of the positions tests: an organisation with an admin, a recruiter, two reviewers, and an outsider.

Import the fixtures into a test module (``from tests.web.org_fixtures import *``-style names).
``finish_with_report`` stores a finished analysis through the app's own
:func:`interviews.analysis.finish_done`, as a worker does when ``run_all.py`` ends.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.web.conftest import REPO_ROOT, _token_client, upload

SAMPLE_REPORT = json.loads((REPO_ROOT / "frontend" / "src" / "fixtures" / "sample-report.json").read_text())
QUESTIONS = [{"text": "Tell me about yourself and your experience.", "weight": 1},
             {"text": "Why do you want to join our company?", "weight": 2}]


def make_user(name: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name, f"{name}@example.com", f"{name}-pass-123456")


@pytest.fixture
def org(db, recruiter):
    """The organisation "Acme" with ``alice`` (the ``recruiter`` fixture) as its admin."""
    from interview_ai_lab_web.interviews.models import Membership, Organisation

    o = Organisation.objects.create(name="Acme")
    Membership.objects.create(user=recruiter, organisation=o, role="admin")
    return o


@pytest.fixture
def team(org):
    """``{"admin", "recruiter", "reviewer", "reviewer2", "outsider"}``: API clients (``.user`` on each)."""
    from interview_ai_lab_web.interviews.models import Membership, Organisation

    users = {"admin": org.memberships.get().user}
    for name, role in (("rita", "recruiter"), ("rene", "reviewer"), ("remy", "reviewer")):
        users[name] = make_user(name)
        Membership.objects.create(user=users[name], organisation=org, role=role)
    other = Organisation.objects.create(name="Other Corp")
    users["olga"] = make_user("olga")
    Membership.objects.create(user=users["olga"], organisation=other, role="admin")
    clients = {}
    for key, name in (("admin", "admin"), ("recruiter", "rita"), ("reviewer", "rene"), ("reviewer2", "remy"),
                      ("outsider", "olga")):
        c = _token_client(users[name])
        c.user = users[name]
        clients[key] = c
    return clients


@pytest.fixture
def position(team, org):
    """A position of Acme with two questions, ``rene`` as its reviewer (``remy`` is not on it)."""
    resp = team["recruiter"].post("/api/positions/", {
        "organisation": str(org.pk), "title": "Data analyst", "language": "en", "questions": QUESTIONS,
        "weights": "verbal=50,paraverbal=20,nonverbal=30", "retention_days": 30}, format="json")
    assert resp.status_code == 201, resp.content
    pid = resp.json()["id"]
    assert team["recruiter"].post(f"/api/positions/{pid}/reviewers/", {"username": "rene"},
                                  format="json").status_code == 200
    from interview_ai_lab_web.interviews.models import Position

    return Position.objects.get(pk=pid)


def upload_to(client, clip: Path, position, name: str = "Anna Martin", **fields):
    """Upload ``clip`` to ``position`` through the API (asserts 201); the interview's id."""
    resp = upload(client, clip, name=name, position=str(position.pk), **fields)
    assert resp.status_code == 201, resp.content
    return resp.json()["id"]


def report_with(total: float | None, *, verbal: float = 30.0, reasons: list | None = None) -> dict:
    """The sample report with its scores set: ``total`` None makes it incomplete (non-verbal not measured)."""
    report = copy.deepcopy(SAMPLE_REPORT)
    if total is None:
        report["scores"] = {"verbal": verbal, "paraverbal": 15.0, "nonverbal": None, "total": None,
                            "measured": {"points": verbal + 15.0, "out_of": 60.0, "parts": ["verbal", "paraverbal"]},
                            "incomplete": {"reasons": reasons or [{"part": "nonverbal", "code": "no_face",
                                                                   "params": {}}]}}
    else:
        report["scores"] = {"verbal": verbal, "paraverbal": 15.0, "nonverbal": round(total - verbal - 15.0, 2),
                            "total": total, "measured": {"points": total, "out_of": 100,
                                                         "parts": ["verbal", "paraverbal", "nonverbal"]},
                            "incomplete": None}
    report["questions"] = [
        {"index": 1, "text": QUESTIONS[0]["text"], "weight": 1.0, "start": 0.0, "end": 4.0,
         "scores": {"verbal": 30.0, "paraverbal": 15.0, "nonverbal": 30.0, "total": 75.0},
         "rubric": {"score": 60.0, "criteria": [{"name": "Experience", "coverage": 0.6,
                                                 "evidence": ["I have worked as a data analyst for five years."]}]}},
        {"index": 2, "text": QUESTIONS[1]["text"], "weight": 2.0, "start": 4.0, "end": 8.0,
         "scores": {"verbal": 20.0, "paraverbal": 15.0, "nonverbal": 30.0, "total": 65.0},
         "rubric": {"score": 40.0, "criteria": [{"name": "Company", "coverage": 0.4, "evidence": []}]}}]
    return report


def finish_with_report(interview_id: str, report: dict, *, user=None) -> None:
    """Queue an analysis (the app's own queue, the message not sent), claim it and store ``report`` as DONE."""
    from interview_ai_lab_web.interviews import jobs
    from interview_ai_lab_web.interviews.analysis import ANALYSIS, finish_done, queue_analysis
    from interview_ai_lab_web.interviews.models import Interview

    queue_analysis(interview_id, user=user, send=lambda i: "not-sent")
    interview = Interview.objects.get(pk=interview_id)
    assert jobs.claim(ANALYSIS, interview_id, interview.job_id) is not None
    assert finish_done(interview_id, str(interview.job_id), report, 1.0)
