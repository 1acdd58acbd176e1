"""Team review: the deciders' notes and decision, each person's own scorecard, independence, the comparison's ratings.

The team: ``alice`` (admin), ``rita`` (recruiter), ``rene`` (reviewer of the position), ``remy`` (a reviewer not on
it), ``olga`` (another organisation), as :mod:`tests.web.org_fixtures` makes them.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest

from tests.web.org_fixtures import finish_with_report, report_with, upload_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(team, position, interview_clip):
    """An interview of the position, analysed (coverage 0.6 on question 1, 0.4 on question 2)."""
    iid = upload_to(team["recruiter"], interview_clip, position)
    finish_with_report(iid, report_with(70.0))
    return iid


def _criteria(client, iid: str, question: int) -> list[str]:
    body = client.get(f"/api/interviews/{iid}/scorecard/").json()
    return [c["id"] for q in body["questions"] if q["index"] == question for c in q["criteria"]]


def _put(client, iid: str, ratings: list[dict], *, notes: str = "", submit: bool = False):
    return client.put(f"/api/interviews/{iid}/scorecard/", {"ratings": ratings, "notes": notes, "submit": submit},
                      format="json")


# --------------------------------------------------------------------------- the deciders' notes and decision


def test_a_reviewer_no_longer_overwrites_the_deciders_notes_nor_decides(team, analysed):
    """The problem as it was: a reviewer's notes replaced alice's and made the reviewer the decider."""
    alice, rev = team["admin"], team["reviewer"]
    url = f"/api/interviews/{analysed}/assessment/"
    resp = alice.patch(url, {"assessment": "alice: strong", "decision": "advance"}, format="json")
    assert resp.status_code == 200, resp.content
    decided_at = resp.json()["decided_at"]
    for body in ({"assessment": "reviewer overwrote"}, {"decision": "reject"}, {"assessment": "x", "decision": ""}):
        refused = rev.patch(url, body, format="json")
        assert refused.status_code == 403, refused.content
        assert refused.json()["error_code"] == "reviewer_uses_scorecard"
    detail = alice.get(f"/api/interviews/{analysed}/").json()
    assert detail["assessment"] == "alice: strong" and detail["decision"] == "advance"
    assert detail["decided_by"] == "alice" and detail["decided_at"] == decided_at
    assert detail["assessment_by"] == "alice" and detail["assessment_history"] == []
    # An outsider still cannot tell the interview exists.
    assert team["outsider"].patch(url, {"assessment": "x"}, format="json").status_code == 404


def test_decided_by_and_at_change_only_with_the_decision_and_no_notes_are_lost(team, analysed):
    from interview_ai_lab_web.interviews.models import AuditEvent, Interview

    alice, rita = team["admin"], team["recruiter"]
    url = f"/api/interviews/{analysed}/assessment/"
    first = alice.patch(url, {"assessment": "alice: strong", "decision": "advance"}, format="json").json()
    notes_only = rita.patch(url, {"assessment": "rita: agree, ask about SQL"}, format="json").json()
    assert notes_only["decided_by"] == "alice" and notes_only["decided_at"] == first["decided_at"]
    assert notes_only["assessment_by"] == "rita" and notes_only["assessment"] == "rita: agree, ask about SQL"
    same = rita.patch(url, {"decision": "advance"}, format="json").json()  # the same value: not a change
    assert same["decided_by"] == "alice" and same["decided_at"] == first["decided_at"]
    changed = rita.patch(url, {"decision": "hold"}, format="json").json()
    assert changed["decided_by"] == "rita" and changed["decided_at"] > first["decided_at"]
    history = alice.get(f"/api/interviews/{analysed}/").json()["assessment_history"]
    assert [(h["author"], h["text"]) for h in history] == [("alice", "alice: strong")]
    rita.patch(url, {"assessment": ""}, format="json")
    history = alice.get(f"/api/interviews/{analysed}/").json()["assessment_history"]
    assert [(h["author"], h["text"]) for h in history] == [("rita", "rita: agree, ask about SQL"),
                                                           ("alice", "alice: strong")]
    # The history is the deciders': a reviewer sees none of it.
    assert team["reviewer"].get(f"/api/interviews/{analysed}/").json()["assessment_history"] == []
    events = list(AuditEvent.objects.filter(action="assessment", interview_id=analysed).order_by("created_at", "id"))
    assert [(e.actor_username, e.details["previous_decision"], e.details["decision"], e.details["decision_changed"],
             e.details["assessment_changed"]) for e in events] == [
        ("alice", "", "advance", True, True), ("rita", "advance", "advance", False, True),
        ("rita", "advance", "advance", False, False), ("rita", "advance", "hold", True, False),
        ("rita", "hold", "hold", False, True)]
    assert "SQL" not in json.dumps([e.details for e in events])
    assert Interview.objects.get(pk=analysed).decided_by.username == "rita"


# --------------------------------------------------------------------------- scorecards


def test_a_scorecard_is_ones_own_versioned_and_stays_submitted(team, analysed):
    from interview_ai_lab_web.interviews.models import Scorecard

    alice, rev = team["admin"], team["reviewer"]
    empty = rev.get(f"/api/interviews/{analysed}/scorecard/").json()
    assert empty["version"] == 0 and empty["submitted"] is False and empty["ratings"] == [] and empty["notes"] == ""
    assert empty["reviewer"]["username"] == "rene" and empty["role"] == "reviewer"
    assert empty["scale"] == {"min": 1, "max": 5, "anchors": {}}
    assert [q["index"] for q in empty["questions"]] == [1, 2] and empty["questions"][0]["criteria"]
    crit = _criteria(alice, analysed, 1)[0]
    a1 = _put(alice, analysed, [{"question": 1, "rating": 1, "criteria": [{"criterion": crit, "rating": 2}],
                                 "evidence": [{"time": 1.5, "note": "no example given"}]}], notes="alice's own")
    assert a1.status_code == 200, a1.content
    assert a1.json()["version"] == 1 and a1.json()["role"] == "admin"
    # rene's PUT writes rene's own scorecard: alice's is untouched (no route names another person's).
    r1 = _put(rev, analysed, [{"question": 1, "rating": 5}], notes="rene's own")
    assert r1.json()["reviewer"]["username"] == "rene" and r1.json()["version"] == 1
    mine = alice.get(f"/api/interviews/{analysed}/scorecard/").json()
    assert mine["notes"] == "alice's own" and mine["ratings"][0]["rating"] == 1 and mine["version"] == 1
    assert rev.put(f"/api/interviews/{analysed}/scorecards/", {}, format="json").status_code == 405
    # Versions are kept; a submitted scorecard stays submitted.
    a2 = _put(alice, analysed, [{"question": 1, "rating": 2}], submit=True).json()
    a3 = _put(alice, analysed, [{"question": 1, "rating": 1}], notes="back to 1").json()
    assert (a2["version"], a2["submitted"], a3["version"], a3["submitted"]) == (2, True, 3, True)
    assert a3["submitted_at"] == a2["submitted_at"] and a3["updated_at"] > a2["updated_at"]
    kept = Scorecard.objects.filter(interview_id=analysed, reviewer=alice.user).order_by("version")
    assert [(c.version, c.ratings[0]["rating"], c.submitted) for c in kept] == [(1, 1, False), (2, 2, True),
                                                                               (3, 1, True)]
    assert Scorecard.objects.filter(interview_id=analysed, reviewer=rev.user).count() == 1
    # Someone who cannot see the interview keeps no scorecard of it.
    assert _put(team["reviewer2"], analysed, []).status_code == 404


@pytest.mark.parametrize(("rating", "code"), [
    ({"question": 3, "rating": 4}, "no_such_question"),
    ({"question": 1, "rating": 6}, "rating_outside_scale"),
    ({"question": 1, "rating": 0}, "rating_outside_scale"),
    ({"question": 1, "criteria": [{"criterion": "no-such-criterion", "rating": 3}]}, "unknown_criterion"),
    ({"question": 1, "evidence": [{"time": 9999, "note": "after the end"}]}, "evidence_outside_video"),
])
def test_a_scorecard_is_checked_against_the_interview(team, analysed, rating, code):
    from interview_ai_lab_web.interviews.models import Scorecard

    resp = _put(team["reviewer"], analysed, [rating])
    assert resp.status_code == 400, resp.content
    assert resp.json()["error_code"] == code and resp.json()["ratings"]
    assert not Scorecard.objects.filter(interview_id=analysed).exists()


def test_a_rating_must_be_an_integer(team, analysed):
    assert _put(team["reviewer"], analysed, [{"question": 1, "rating": 4.5}]).status_code == 400
    assert _put(team["reviewer"], analysed, [{"question": 1, "rating": 1}, {"question": 1, "rating": 2}]).json()[
        "error_code"] == "question_twice"


def test_others_ratings_are_hidden_until_one_submits_ones_own(team, analysed, position):
    alice, rev, rita = team["admin"], team["reviewer"], team["recruiter"]
    _put(alice, analysed, [{"question": 1, "rating": 1}], notes="alice's reasons", submit=True)
    hidden = rev.get(f"/api/interviews/{analysed}/scorecards/").json()
    assert hidden == {"visible": False, "hidden_reason": "submit_first", "scale": {"min": 1, "max": 5, "anchors": {}},
                      "scorecards": []}
    _put(rev, analysed, [{"question": 1, "rating": 5}])  # a draft is not enough
    assert rev.get(f"/api/interviews/{analysed}/scorecards/").json()["visible"] is False
    _put(rev, analysed, [{"question": 1, "rating": 5}], submit=True)
    seen = rev.get(f"/api/interviews/{analysed}/scorecards/").json()
    assert seen["visible"] is True and seen["hidden_reason"] is None
    cards = {c["reviewer"]["username"]: c for c in seen["scorecards"]}
    assert set(cards) == {"alice", "rene"} and cards["alice"]["ratings"][0]["rating"] == 1
    assert cards["alice"]["notes"] == "alice's reasons" and cards["alice"]["role"] == "admin"
    # rita (recruiter) has not submitted: hidden, until the review deadline has passed (editors only).
    assert rita.get(f"/api/interviews/{analysed}/scorecards/").json()["visible"] is False
    from django.utils import timezone

    past = (timezone.now() - timedelta(minutes=1)).isoformat()
    assert rita.patch(f"/api/positions/{position.pk}/", {"review_deadline": past}, format="json").status_code == 200
    assert rita.get(f"/api/interviews/{analysed}/scorecards/").json()["visible"] is True
    # Without independent ratings everyone who sees the interview sees them.
    rita.patch(f"/api/positions/{position.pk}/", {"independent_ratings": False, "review_deadline": None},
               format="json")
    assert rita.get(f"/api/interviews/{analysed}/scorecards/").json()["visible"] is True


def test_the_deadline_opens_the_ratings_to_editors_only(team, analysed, position):
    from django.utils import timezone

    from interview_ai_lab_web.interviews.models import Position

    Position.objects.filter(pk=position.pk).update(review_deadline=timezone.now() - timedelta(hours=1))
    _put(team["admin"], analysed, [{"question": 1, "rating": 3}], submit=True)
    assert team["recruiter"].get(f"/api/interviews/{analysed}/scorecards/").json()["visible"] is True
    assert team["reviewer"].get(f"/api/interviews/{analysed}/scorecards/").json()["visible"] is False


# --------------------------------------------------------------------------- the position's settings


def test_the_rating_scale_and_independence_are_position_settings(team, position, analysed):
    rita, rev = team["recruiter"], team["reviewer"]
    url = f"/api/positions/{position.pk}/"
    body = rita.get(url).json()
    assert body["rating_scale"] == {"min": 1, "max": 5, "anchors": {}}
    assert body["independent_ratings"] is True and body["review_deadline"] is None
    for bad in ({"min": 1, "max": 1}, {"min": 0, "max": 11}, {"min": 1, "max": 5, "anchors": {"7": "too high"}},
                {"min": 1.5, "max": 5}, {"min": 1, "max": 5, "anchors": {"3": " "}}, "1-5"):
        assert rita.patch(url, {"rating_scale": bad}, format="json").status_code == 400, bad
    scale = {"min": 0, "max": 10, "anchors": {"0": "no answer", "10": "outstanding"}}
    resp = rita.patch(url, {"rating_scale": scale}, format="json")
    assert resp.status_code == 200 and resp.json()["rating_scale"] == scale
    assert rev.patch(url, {"independent_ratings": False}, format="json").status_code == 403
    assert _put(rev, analysed, [{"question": 1, "rating": 9}]).status_code == 200  # on the new scale
    assert rev.get(f"/api/interviews/{analysed}/scorecard/").json()["scale"] == scale


# --------------------------------------------------------------------------- the comparison


def test_the_comparison_shows_people_ratings_summaries_and_flags(team, analysed, position):
    alice, rev, rita = team["admin"], team["reviewer"], team["recruiter"]
    _put(alice, analysed, [{"question": 1, "rating": 1}, {"question": 2, "rating": 5}], submit=True)
    _put(rev, analysed, [{"question": 1, "rating": 5}, {"question": 2, "rating": 5}], submit=True)
    cells = alice.get(f"/api/positions/{position.pk}/comparison/").json()["rows"][0]["questions"]
    q1, q2 = cells[0]["ratings"], cells[1]["ratings"]
    # 1 and 5 on 1-5: range 4, population spread 2.0, mean 3; the automatic 0.6 coverage is 3.4 on the scale.
    assert q1 == {"visible": True, "count": 2, "mean": 3.0, "spread": 2.0, "range": 4.0,
                  "people": [{"reviewer": "alice", "rating": 1}, {"reviewer": "rene", "rating": 5}],
                  "automatic": 3.4, "flags": ["people_disagree"]}
    # 5 and 5: they agree, but the automatic 0.4 coverage (2.6) is 2.4 away (>= 40 % of the span 4).
    assert (q2["range"], q2["spread"], q2["automatic"], q2["flags"]) == (0.0, 0.0, 2.6, ["people_vs_automatic"])
    # rita has not submitted: counts only, no people, no mean, no flags.
    hidden = rita.get(f"/api/positions/{position.pk}/comparison/").json()["rows"][0]["questions"][0]["ratings"]
    assert hidden == {"visible": False, "count": 2, "mean": None, "spread": None, "range": None, "people": [],
                      "automatic": 3.4, "flags": []}
    assert alice.get(f"/api/positions/{position.pk}/comparison/").json()["scale"] == {"min": 1, "max": 5,
                                                                                      "anchors": {}}


def _csv(client, position) -> tuple[object, str, list[dict[str, str]]]:
    """GET the comparison as CSV: the response, its ``#`` header line and its rows (column name -> text)."""
    import csv

    resp = client.get(f"/api/positions/{position.pk}/comparison/?format=csv")
    assert resp.status_code == 200, resp.content
    text = resp.content.decode("utf-8")
    first, _, rest = text.partition("\n")
    return resp, first, list(csv.DictReader(io.StringIO(rest)))


QUESTION_COLUMNS = ["coverage", "answer_score", "ratings_count", "ratings_mean", "ratings_spread", "ratings_range",
                    "automatic", "flags"]


def test_the_comparison_csv_has_one_row_per_candidate_with_the_ratings_the_json_shows(team, analysed, position,
                                                                                     interview_clip):
    from interview_ai_lab_web.interviews.models import AuditEvent

    alice, rev, rita = team["admin"], team["reviewer"], team["recruiter"]
    # A second candidate, incomplete (never ranked), whose name a spreadsheet would read as a formula.
    other = upload_to(rita, interview_clip, position, name="=Bob Stone")
    finish_with_report(other, report_with(None))
    assert rita.put(f"/api/interviews/{other}/demographics/", {"consent": True, "categories": {"sex": "female"}},
                    format="json").status_code == 200
    assert alice.patch(f"/api/interviews/{analysed}/assessment/", {"decision": "advance"},
                       format="json").status_code == 200
    _put(alice, analysed, [{"question": 1, "rating": 1}, {"question": 2, "rating": 5}], submit=True)
    _put(rev, analysed, [{"question": 1, "rating": 5}, {"question": 2, "rating": 5}], submit=True)

    resp, first, rows = _csv(alice, position)
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    assert resp["Content-Disposition"] == f'attachment; filename="comparison-{position.pk}.csv"'
    assert first.startswith(f"# comparison, position {position.pk}, ") and " UTC; ratings on 1-5; " in first
    assert first.endswith("they never replace a human decision. Read each report with its known limits, "
                          "and listen to the interview before deciding.")
    assert list(rows[0]) == ["rank", "candidate_name", "status", "total", "incomplete_reasons", "decision",
                             "decided_by", "decided_at"] + [f"q{i}_{c}" for i in (1, 2) for c in QUESTION_COLUMNS]
    body = alice.get(f"/api/positions/{position.pk}/comparison/").json()
    anna, bob = rows
    assert {k: anna[k] for k in ("rank", "candidate_name", "status", "total", "incomplete_reasons", "decision",
                                 "decided_by")} == {
        "rank": "1", "candidate_name": "Anna Martin", "status": "DONE", "total": "70.0", "incomplete_reasons": "",
        "decision": "advance", "decided_by": "alice"}
    assert anna["decided_at"] == body["rows"][0]["decided_at"] and anna["decided_at"]
    # 1 and 5 on 1-5: mean 3, spread 2, range 4, people_disagree; question 2: 5 and 5 against the automatic 2.6.
    assert [anna[f"q1_{c}"] for c in QUESTION_COLUMNS] == ["0.6", "75.0", "2", "3.0", "2.0", "4.0", "3.4",
                                                         "people_disagree"]
    assert [anna[f"q2_{c}"] for c in QUESTION_COLUMNS] == ["0.4", "65.0", "2", "5.0", "0.0", "0.0", "2.6",
                                                         "people_vs_automatic"]
    assert {k: bob[k] for k in ("rank", "candidate_name", "total", "incomplete_reasons", "decision",
                                "decided_by", "decided_at")} == {
        "rank": "", "candidate_name": "'=Bob Stone", "total": "", "incomplete_reasons": "nonverbal:no_face",
        "decision": "", "decided_by": "", "decided_at": ""}
    assert [bob[f"q1_{c}"] for c in QUESTION_COLUMNS] == ["0.6", "75.0", "0", "", "", "", "3.4", ""]
    # No demographics ever (bob declared some), and only the download is audited, not the page.
    assert "female" not in resp.content.decode() and "sex" not in resp.content.decode()
    events = AuditEvent.objects.filter(action="comparison_csv")
    assert [(e.actor_username, e.details) for e in events] == [
        ("alice", {"position": str(position.pk), "format": "csv", "candidates": 2})]


def test_the_comparison_csv_hides_the_ratings_the_caller_may_not_see_yet(team, analysed, position):
    alice, rev = team["admin"], team["reviewer"]
    _put(alice, analysed, [{"question": 1, "rating": 1}, {"question": 2, "rating": 4}], submit=True)
    _put(rev, analysed, [{"question": 1, "rating": 5}])  # a draft: rene has not submitted
    hidden = _csv(rev, position)[2][0]
    assert [hidden[f"q1_{c}"] for c in QUESTION_COLUMNS] == ["0.6", "75.0", "1", "", "", "", "3.4", ""]
    json_cell = rev.get(f"/api/positions/{position.pk}/comparison/").json()["rows"][0]["questions"][0]["ratings"]
    assert json_cell["visible"] is False and json_cell["count"] == 1 and json_cell["mean"] is None
    # Once rene submits, his download shows the two ratings as his JSON does.
    _put(rev, analysed, [{"question": 1, "rating": 5}], submit=True)
    seen = _csv(rev, position)[2][0]
    assert [seen[f"q1_{c}"] for c in QUESTION_COLUMNS] == ["0.6", "75.0", "2", "3.0", "2.0", "4.0", "3.4",
                                                         "people_disagree"]
    assert seen["q2_ratings_count"] == "1" and seen["q2_ratings_mean"] == "4.0"  # rene did not rate question 2


def test_the_comparison_csv_is_refused_to_whom_the_json_is_refused(team, analysed, position):
    from rest_framework.test import APIClient

    url = f"/api/positions/{position.pk}/comparison/"
    for who, code in (("outsider", 404), ("reviewer2", 404), ("reviewer", 200), ("recruiter", 200)):
        as_json, as_csv = team[who].get(url), team[who].get(url + "?format=csv")
        assert (as_json.status_code, as_csv.status_code) == (code, code), who
        if code != 200:  # the refusal says why, in JSON, as the page's refusal does
            assert as_csv["Content-Type"] == "application/json" and as_csv.json() == as_json.json()
    anonymous = APIClient().get(url + "?format=csv")
    assert anonymous.status_code == 401 and anonymous["Content-Type"] == "application/json"


def test_summaries_follow_the_flag_rule():
    from interview_ai_lab_web.interviews.scorecards import DISAGREE_SHARE, automatic_on_scale, summarize

    assert DISAGREE_SHARE == 0.4
    assert summarize(ratings=[1, 5], scale_min=1, scale_max=5) == {
        "count": 2, "mean": 3.0, "spread": 2.0, "range": 4.0, "flags": ["people_disagree"]}
    assert summarize(ratings=[2, 4], scale_min=1, scale_max=5)["flags"] == ["people_disagree"]  # 2 >= 1.6
    assert summarize(ratings=[3, 4], scale_min=1, scale_max=5)["flags"] == []
    assert summarize(ratings=[1], scale_min=1, scale_max=5, automatic=5.0)["flags"] == ["people_vs_automatic"]
    assert summarize(ratings=[6, 10], scale_min=0, scale_max=10)["flags"] == ["people_disagree"]  # 4 of 10
    assert summarize(ratings=[6, 9], scale_min=0, scale_max=10)["flags"] == []
    assert summarize(ratings=[], scale_min=1, scale_max=5) == {"count": 0, "mean": None, "spread": None,
                                                               "range": None, "flags": []}
    assert summarize(ratings=[1, 2, 3, 4], scale_min=1, scale_max=5)["spread"] == 1.12  # sqrt(1.25)
    assert automatic_on_scale(coverage=0.5, scale_min=1, scale_max=5) == 3.0
    assert automatic_on_scale(coverage=None, scale_min=1, scale_max=5) is None


# --------------------------------------------------------------------------- audit, export, erasure


def test_the_audit_log_says_who_rated_and_what_the_decider_had_seen(team, analysed):
    from interview_ai_lab_web.interviews.models import AuditEvent

    alice, rev = team["admin"], team["reviewer"]
    _put(rev, analysed, [{"question": 1, "rating": 4}], notes="secret reasons", submit=True)
    alice.patch(f"/api/interviews/{analysed}/assessment/", {"decision": "hold"}, format="json")  # not submitted
    _put(alice, analysed, [{"question": 1, "rating": 2}], submit=True)
    alice.patch(f"/api/interviews/{analysed}/assessment/", {"decision": "advance"}, format="json")
    trail = alice.get(f"/api/interviews/{analysed}/audit/").json()
    mine = [(e["actor"], e["action"]) for e in reversed(trail) if e["action"] in ("scorecard", "assessment")]
    assert mine == [("rene", "scorecard"), ("alice", "assessment"), ("alice", "scorecard"), ("alice", "assessment")]
    events = list(AuditEvent.objects.filter(interview_id=analysed, action__in=["scorecard", "assessment"])
                  .order_by("created_at", "id"))
    assert events[0].details == {"version": 1, "submitted": True, "submitted_now": True, "questions_rated": 1,
                                 "criteria_rated": 0, "evidence": 0, "notes_changed": True}
    assert events[1].details["ratings_seen"] == []  # alice had not submitted: rene's ratings were hidden
    assert events[3].details["ratings_seen"] == [{"reviewer": "alice", "version": 1},
                                                 {"reviewer": "rene", "version": 1}]
    assert "secret reasons" not in json.dumps([e.details for e in events])


def test_export_holds_and_deletion_erases_scorecards_and_note_history(team, analysed):
    from interview_ai_lab_web.interviews.models import AssessmentNote, AuditEvent, Scorecard

    alice, rev = team["admin"], team["reviewer"]
    _put(rev, analysed, [{"question": 1, "rating": 4}], notes="rene's words")
    _put(rev, analysed, [{"question": 1, "rating": 3}], notes="rene's words, again", submit=True)
    url = f"/api/interviews/{analysed}/assessment/"
    alice.patch(url, {"assessment": "first notes"}, format="json")
    alice.patch(url, {"assessment": "second notes"}, format="json")
    resp = alice.get(f"/api/interviews/{analysed}/export/")
    assert resp.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content))) as z:
        cards = json.loads(z.read("scorecards.json"))
        history = json.loads(z.read("assessment_history.json"))
    assert [(c["reviewer"], c["version"], c["notes"]) for c in cards] == [("rene", 1, "rene's words"),
                                                                         ("rene", 2, "rene's words, again")]
    assert [(h["author"], h["text"]) for h in history] == [("alice", "first notes")]
    assert alice.delete(f"/api/interviews/{analysed}/").status_code == 204
    assert not Scorecard.objects.filter(interview_id=analysed).exists()
    assert not AssessmentNote.objects.filter(interview_id=analysed).exists()
    deleted = AuditEvent.objects.get(action="delete", interview_id=analysed)
    assert deleted.details["scorecards"] == 2 and deleted.details["assessment_notes"] == 1
