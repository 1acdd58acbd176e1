"""An interview of a position analysed by the real pipeline: its questions, weights and rubrics reach run_all.py."""

from __future__ import annotations

import pytest

from tests.web.org_fixtures import upload_to

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_pipeline_scores_with_the_positions_questions_weights_and_rubric_versions(team, position,
                                                                                      interview_clip):
    from interview_ai_lab_web.interviews.models import Interview, ReportVersion
    from interview_ai_lab_web.interviews.tasks import run_analysis

    rec = team["recruiter"]
    edited = {"criteria": [{"id": "analyst", "name": "Analyst", "description": "Says they work as a data analyst.",
                            "weight": 1, "keywords": ["analyst", "data"]}]}
    assert rec.post(f"/api/positions/{position.pk}/rubrics/", {"question_index": 1, "rubric": edited},
                    format="json").status_code == 201
    iid = upload_to(rec, interview_clip, position)
    assert rec.post(f"/api/interviews/{iid}/analyze/", {}, format="json").status_code == 202
    job = str(Interview.objects.get(pk=iid).job_id)
    result = run_analysis.apply(args=[iid, job]).get()
    assert result["status"] == "DONE", Interview.objects.get(pk=iid).error
    report = rec.get(f"/api/interviews/{iid}/report/").json()
    assert [q["weight"] for q in report["questions"]] == [1.0, 2.0]
    assert report["questions"][0]["rubric"]["source"] == "given"  # (the position's edited version, passed in)
    assert [c["id"] for c in report["questions"][0]["rubric"]["criteria"]] == ["analyst"]
    assert report["score_details"]["verbal"]["max"] == 50.0 and report["score_details"]["nonverbal"]["max"] == 30.0
    assert ReportVersion.objects.get(interview_id=iid, version=1).rubric_versions == {"1": 2, "2": 1}
    row = rec.get(f"/api/positions/{position.pk}/comparison/").json()["rows"][0]
    assert row["report_version"] == 1 and row["rubric_versions"] == {"1": 2, "2": 1} and row["stale_rubric"] is False
    assert row["rank"] == (1 if row["complete"] else None)
    assert [q["index"] for q in row["questions"]] == [1, 2] and row["questions"][0]["rubric_score"] is not None
