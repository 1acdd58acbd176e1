"""Comparison of a position's candidates: only complete scores are ranked, the others say why."""

from __future__ import annotations

import pytest

from tests.web.org_fixtures import QUESTIONS, finish_with_report, report_with, upload_to

pytestmark = pytest.mark.django_db

EDITED = {"criteria": [{"id": "sql", "name": "SQL", "description": "Mentions SQL.", "weight": 1}]}


def test_comparison_ranks_complete_scores_only_and_says_why_the_others_are_not(team, position, interview_clip):
    rec = team["recruiter"]
    ids = {}
    for name, total in (("Ana", 70.0), ("Ben", 85.0), ("Cleo", None), ("Dan", 70.0), ("Eve", "pending")):
        ids[name] = upload_to(rec, interview_clip, position, name=name)
        if total != "pending":
            finish_with_report(ids[name], report_with(total))
    resp = rec.get(f"/api/positions/{position.pk}/comparison/")
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["position"] == str(position.pk)
    assert body["questions"] == [{"index": i, "text": q["text"]} for i, q in enumerate(QUESTIONS, 1)]
    assert body["rubric_versions"] == {"1": 1, "2": 1}
    assert body["median_total"] == 70.0  # complete totals 70 70 85
    assert "never replace a human decision" in body["disclaimer"]
    rows = {r["candidate_name"]: r for r in body["rows"]}
    assert [r["candidate_name"] for r in body["rows"]][:3] == ["Ben", "Ana", "Dan"]
    assert (rows["Ben"]["rank"], rows["Ana"]["rank"], rows["Dan"]["rank"]) == (1, 2, 2)  # a tie shares its rank
    cleo = rows["Cleo"]
    assert cleo["complete"] is False and cleo["rank"] is None and cleo["scores"]["total"] is None
    assert cleo["incomplete_reasons"] == [{"part": "nonverbal", "code": "no_face", "params": {}}]
    assert cleo["measured"] == {"points": 45.0, "out_of": 60.0, "parts": ["verbal", "paraverbal"]}
    eve = rows["Eve"]
    assert eve["rank"] is None and eve["status"] == "PENDING" and eve["report_version"] == 0
    assert eve["incomplete_reasons"][0]["code"] == "not_analysed" and eve["questions"][0]["coverage"] is None
    ben = rows["Ben"]
    assert ben["complete"] is True and ben["scores"] == {"verbal": 30.0, "paraverbal": 15.0, "nonverbal": 40.0,
                                                         "total": 85.0}
    q1 = ben["questions"][0]
    assert q1 == {"index": 1, "coverage": 0.6, "rubric_score": 60.0, "answer_score": 75.0, "start": 0.0,
                  "end": 4.0, "evidence": ["I have worked as a data analyst for five years."],
                  "link": f"/interviews/{ids['Ben']}?t=0&q=1",
                  # nobody rated it yet (people's ratings: test_scorecards.py); coverage 0.6 is 3.4 on 1-5
                  "ratings": {"visible": False, "count": 0, "mean": None, "spread": None, "range": None, "people": [],
                              "automatic": 3.4, "flags": []}}
    assert ben["questions"][1]["link"] == f"/interviews/{ids['Ben']}?t=4&q=2"
    assert ben["report_version"] == 1 and ben["rubric_versions"] == {"1": 1, "2": 1} and ben["stale_rubric"] is False
    assert ben["decision"] == "" and ben["decided_by"] is None
    # Reviewers of the position see it, names included; a reviewer not on it and an outsider get 404.
    assert team["reviewer"].get(f"/api/positions/{position.pk}/comparison/").json()["rows"][0]["candidate_name"] \
        == "Ben"
    assert team["reviewer2"].get(f"/api/positions/{position.pk}/comparison/").status_code == 404
    assert team["outsider"].get(f"/api/positions/{position.pk}/comparison/").status_code == 404


def test_a_rubric_edit_marks_older_scores_stale_until_reanalysed(team, position, interview_clip):
    rec = team["recruiter"]
    iid = upload_to(rec, interview_clip, position)
    finish_with_report(iid, report_with(80.0))
    rec.patch(f"/api/interviews/{iid}/assessment/", {"decision": "hold"}, format="json")
    rec.post(f"/api/positions/{position.pk}/rubrics/", {"question_index": 2, "rubric": EDITED}, format="json")
    body = rec.get(f"/api/positions/{position.pk}/comparison/").json()
    row = body["rows"][0]
    assert body["rubric_versions"] == {"1": 1, "2": 2}
    assert row["stale_rubric"] is True and row["rubric_versions"] == {"1": 1, "2": 1} and row["rank"] == 1
    assert row["decision"] == "hold" and row["decided_by"] == "rita" and row["decided_at"]
    finish_with_report(iid, report_with(78.0))
    row = rec.get(f"/api/positions/{position.pk}/comparison/").json()["rows"][0]
    assert row["stale_rubric"] is False and row["rubric_versions"] == {"1": 1, "2": 2} and row["report_version"] == 2


def test_an_empty_position_compares_nothing(team, position):
    body = team["recruiter"].get(f"/api/positions/{position.pk}/comparison/").json()
    assert body["rows"] == [] and body["median_total"] is None
