"""Rubrics per question through the API: generated at upload, edited (versioned), passed to the real pipeline."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import upload

pytestmark = pytest.mark.django_db

QUESTIONS = [{"text": "Tell me about yourself and your experience."},
             {"text": "Why do you want to join our company?", "start": 4.0}]


def _rubric(*criteria: tuple[str, str, str, float, list[str]]) -> dict:
    return {"criteria": [{"id": i, "name": n, "description": d, "weight": w, "keywords": k}
                         for i, n, d, w, k in criteria]}


def test_upload_generates_a_rubric_per_question_from_its_text(api, interview_clip):
    iid = upload(api, interview_clip, questions=json.dumps(QUESTIONS)).json()["id"]
    rows = api.get(f"/api/interviews/{iid}/questions/").json()
    assert [r["index"] for r in rows] == [1, 2]
    assert [r["text"] for r in rows] == [q["text"] for q in QUESTIONS] and rows[1]["start"] == 4.0
    first, second = rows
    assert first["rubric_version"] == 1 and first["rubric_source"] == "generated"
    # The question type decides the template: self-presentation vs motivation criteria.
    assert first["rubric"]["question_type"] == "self_presentation"
    assert second["rubric"]["question_type"] == "motivation"
    assert {"company", "role_fit"} <= {c["id"] for c in second["rubric"]["criteria"]}
    assert all(c["description"] and c["weight"] > 0 for r in rows for c in r["rubric"]["criteria"])
    assert abs(sum(c["weight"] for c in first["rubric"]["criteria"]) - 1) < 0.01
    # The stored questions stay text + start; an interview without questions has none.
    assert api.get(f"/api/interviews/{iid}/").json()["questions"] == [QUESTIONS[0], {**QUESTIONS[1], "start": 4.0}]
    other = upload(api, interview_clip).json()["id"]
    assert api.get(f"/api/interviews/{other}/questions/").json() == []
    assert api.get(f"/api/interviews/{other}/questions/1/rubric/").status_code == 404


def test_a_rubric_given_at_upload_is_validated_and_stored(api, interview_clip):
    given = _rubric(("data", "Data", "Talks about data analysis.", 2, ["data"]))
    bad = [{"text": "Tell me about yourself.", "rubric": {"criteria": [{"id": "x", "name": "X", "weight": 1}]}}]
    resp = upload(api, interview_clip, questions=json.dumps(bad))
    assert resp.status_code == 400 and "description" in json.dumps(resp.json()["questions"])
    iid = upload(api, interview_clip, questions=json.dumps([{"text": "Tell me about yourself.", "rubric": given}])
                 ).json()["id"]
    row = api.get(f"/api/interviews/{iid}/questions/").json()[0]
    assert row["rubric_source"] == "given" and row["rubric"]["criteria"][0]["id"] == "data"
    assert "rubric" not in api.get(f"/api/interviews/{iid}/").json()["questions"][0]


def test_editing_a_rubric_makes_a_new_version_and_bad_ones_are_400(api, other_api, interview_clip):
    iid = upload(api, interview_clip, questions=json.dumps(QUESTIONS)).json()["id"]
    url = f"/api/interviews/{iid}/questions/2/rubric/"
    v1 = api.get(url).json()
    assert v1["version"] == 1 and v1["question_index"] == 2
    for bad, words in [({"criteria": []}, "non-empty list"),
                       (_rubric(("a", "A", "", 1, [])), "description"),
                       (_rubric(("a", "A", "d", -1, [])), "invalid weight"),
                       (_rubric(("a", "A", "d", 1, []), ("a", "B", "e", 1, [])), "duplicate"),
                       (_rubric(("a", "A", "d", 0, [])), "weight > 0"),
                       ([1, 2], "JSON object")]:
        resp = api.put(url, bad, format="json")
        assert resp.status_code == 400, (bad, resp.content)
        assert words in json.dumps(resp.json()["rubric"]), resp.json()
    resp = api.put(url, "{not json", content_type="application/json")
    assert resp.status_code == 400 and "JSON parse error" in resp.json()["detail"]
    assert api.get(url).json()["version"] == 1  # nothing stored by the bad ones
    edited = _rubric(("fit", "Fit", "Links the role to their skills.", 3, ["skills"]),
                     ("care", "Care", "Cares about our customers.", 1, []))
    resp = api.put(url, edited, format="json")
    assert resp.status_code == 201, resp.content
    v2 = resp.json()
    assert v2["version"] == 2 and v2["source"] == "edited" and v2["created_by"] == "alice"
    assert [c["id"] for c in v2["rubric"]["criteria"]] == ["fit", "care"]
    assert api.put(url, {"rubric": edited}, format="json").json()["version"] == 3  # the wrapped form too
    versions = api.get(url + "versions/").json()
    assert [v["version"] for v in versions] == [3, 2, 1] and versions[-1]["source"] == "generated"
    rows = api.get(f"/api/interviews/{iid}/questions/").json()
    assert rows[1]["rubric_version"] == 3 and rows[1]["rubric_updated_by"] == "alice"
    assert rows[0]["rubric_version"] == 1  # the other question is untouched
    assert api.put(f"/api/interviews/{iid}/questions/3/rubric/", edited, format="json").status_code == 404
    assert other_api.get(url).status_code == 404 and other_api.put(url, edited, format="json").status_code == 404
    assert other_api.get(f"/api/interviews/{iid}/questions/").status_code == 404
    edits = [e for e in api.get(f"/api/interviews/{iid}/audit/").json() if e["action"] == "edit_rubric"]
    assert [e["details"]["version"] for e in edits] == [3, 2] and edits[0]["actor"] == "alice"


def test_new_questions_at_analyse_get_new_rubrics_and_the_pipeline_gets_the_current_ones(api, interview_clip, tmp_path):
    from interview_ai_lab_web.interviews.analysis import pipeline_command
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip, questions=json.dumps(QUESTIONS)).json()["id"]
    edited = _rubric(("x", "X", "Says x.", 1, ["x"]))
    api.put(f"/api/interviews/{iid}/questions/1/rubric/", edited, format="json")
    new_q = [{"text": "Tell me about yourself and your experience."}, {"text": "Explain what an index is in a database."}]
    assert api.post(f"/api/interviews/{iid}/analyze/", {"questions": new_q}, format="json").status_code == 202
    rows = api.get(f"/api/interviews/{iid}/questions/").json()
    assert rows[0]["rubric_version"] == 2 and rows[0]["rubric_source"] == "edited"  # same text: the edit stays
    assert rows[1]["rubric_version"] == 2 and rows[1]["rubric"]["question_type"] == "technical"  # new text: new one
    interview = Interview.objects.get(pk=iid)
    cmd = pipeline_command(interview, interview.video_path(), tmp_path)
    sent = json.loads(tmp_path.joinpath("input_questions.json").read_text())
    assert cmd[cmd.index("--questions") + 1] == str(tmp_path / "input_questions.json")
    assert [q["text"] for q in sent] == [q["text"] for q in new_q]
    assert sent[0]["rubric"]["criteria"][0]["id"] == "x" and sent[1]["rubric"] == rows[1]["rubric"]


@pytest.mark.slow
def test_an_edited_rubric_changes_the_score_after_reanalysis(api, interview_clip):
    """Real pipeline (eager task): generated rubric → score; edit → analyse again → the new rubric's score + evidence.

    The clip says (espeak-ng): "Hello, my name is Anna. I have worked as a data analyst for five
    years, and I enjoy solving problems with my team." The edited rubric has a criterion the
    answer meets (data analyst, weight 1) and one it cannot (baking bread, weight 3): its score is
    about 25 and the met criterion cites the sentence as evidence.
    """
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.tasks import run_analysis

    q = [{"text": "Tell me about yourself and your experience.", "start": 0}]
    iid = upload(api, interview_clip, questions=json.dumps(q), language="en").json()["id"]

    def analyse() -> dict:
        assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202
        job = str(Interview.objects.get(pk=iid).job_id)
        assert run_analysis.apply(args=[iid, job]).get()["status"] == "DONE", Interview.objects.get(pk=iid).error
        resp = api.get(f"/api/interviews/{iid}/report/")
        assert resp.status_code == 200
        return resp.json()

    first = analyse()
    stored = Interview.objects.get(pk=iid).report
    # A recruitment report is served untouched: score_details, rubric evidence and all.
    assert first == stored, [k for k in stored if first.get(k) != stored[k]]
    r1 = first["questions"][0]["rubric"]
    generated = api.get(f"/api/interviews/{iid}/questions/1/rubric/").json()["rubric"]
    assert [c["id"] for c in r1["criteria"]] == [c["id"] for c in generated["criteria"]]
    assert "experience" in {c["id"] for c in r1["criteria"]}
    assert first["score_details"] and first["scores"]["total"] is not None
    # Recruitment mode (the deployment default): no emotion anywhere.
    assert first["meta"]["mode"] == "recruitment" and first["meta"]["emotion_model"] is None
    assert first["nonverbal"]["emotions"] is None and first["questions"][0]["nonverbal"]["emotions"] is None

    edited = _rubric(("analyst", "Data analysis", "Says they worked as a data analyst.", 1, ["data analyst", "analyst"]),
                     ("bread", "Baking", "Explains how to bake sourdough bread in an oven.", 3,
                      ["sourdough", "oven", "flour"]))
    assert api.put(f"/api/interviews/{iid}/questions/1/rubric/", edited, format="json").status_code == 201
    second = analyse()
    r2 = second["questions"][0]["rubric"]
    by_id = {c["id"]: c for c in r2["criteria"]}
    assert set(by_id) == {"analyst", "bread"}
    assert by_id["analyst"]["coverage"] == pytest.approx(1.0)
    assert any("analyst" in e["text"].lower() if isinstance(e, dict) else "analyst" in e.lower()
               for e in by_id["analyst"]["evidence"])
    assert by_id["bread"]["coverage"] < 0.3 and not by_id["bread"]["evidence"]
    assert r2["score"] != r1["score"] and 20 <= r2["score"] <= 45
    versions = api.get(f"/api/interviews/{iid}/reports/").json()
    assert [v["version"] for v in versions] == [2, 1]
    old = api.get(f"/api/interviews/{iid}/reports/1/").json()
    assert old["questions"][0]["rubric"]["score"] == r1["score"]  # the earlier score is kept with its rubric


def test_an_interview_uploaded_before_rubrics_gets_them_when_read_or_analysed(api, interview_clip):
    from interview_ai_lab_web.interviews.models import RubricVersion

    iid = upload(api, interview_clip, questions=json.dumps(QUESTIONS)).json()["id"]
    RubricVersion.objects.filter(interview_id=iid).delete()  # as after the migration
    rows = api.get(f"/api/interviews/{iid}/questions/").json()
    assert [r["rubric_version"] for r in rows] == [1, 1] and rows[0]["rubric_source"] == "generated"
    RubricVersion.objects.filter(interview_id=iid).delete()
    assert api.post(f"/api/interviews/{iid}/analyze/").status_code == 202
    assert RubricVersion.objects.filter(interview_id=iid).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_on_an_interview_before_rubrics_make_one_version_each(recruiter, interview_clip):
    """Two connections read an interview without rubrics at the same moment: each question gets version 1 once."""
    import threading

    from django.db import connection

    from interview_ai_lab_web.interviews.models import RubricVersion
    from tests.web.conftest import _token_client

    iid = upload(_token_client(recruiter), interview_clip, questions=json.dumps(QUESTIONS)).json()["id"]
    RubricVersion.objects.filter(interview_id=iid).delete()  # as after the migration
    barrier = threading.Barrier(4)
    codes: list[int] = []

    def read(path: str) -> None:
        client = _token_client(recruiter)
        barrier.wait()
        try:
            codes.append(client.get(f"/api/interviews/{iid}/{path}/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(p,)) for p in ("questions", "scorecard", "questions", "scorecard")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [200] * 4
    assert sorted(RubricVersion.objects.filter(interview_id=iid).values_list("question_index", "version")) == \
        [(1, 1), (2, 1)]
