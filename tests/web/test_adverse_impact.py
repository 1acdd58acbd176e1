"""Adverse impact: the pure table on hand-computed cases, then the endpoint, its CSV and its audit trail."""

from __future__ import annotations

import pytest

from interview_ai_lab_web.interviews.impact import impact_csv, impact_table, median_total
from tests.web.org_fixtures import finish_with_report, report_with, upload_to

SEX = {"sex": ["female", "male", "another"]}


def _rows(spec: list[tuple[float | None, str, str | None]]) -> list[dict]:
    return [{"total": t, "decision": d, "demographics": None if g is None else {"sex": g}} for t, d, g in spec]


def _group(table: dict, name: str, category: str = "sex") -> dict:
    cat = next(c for c in table["categories"] if c["category"] == category)
    return next(g for g in cat["groups"] if g["group"] == name)


# Ten candidates: six women, four men.
#   women: 95 85 75 (advanced) 45 35 25 (rejected)
#   men:   90 80 (advanced) 70 (advanced) 10 (rejected)
# All ten totals sorted: 10 25 35 45 70 | 75 80 85 90 95 → median = (70 + 75) / 2 = 72.5.
# Above 72.5: women 95 85 75 → 3 / 6 = 0.5; men 90 80 → 2 / 4 = 0.5 → scoring ratios 0.5 / 0.5 = 1 for both.
# Selection: women 3 advanced / 6 decided = 0.5; men 3 / 4 = 0.75 → women's ratio 0.5 / 0.75 = 0.667 < 0.8: flagged.
TEN = _rows([(95, "advance", "female"), (85, "advance", "female"), (75, "advance", "female"),
             (45, "reject", "female"), (35, "reject", "female"), (25, "reject", "female"),
             (90, "advance", "male"), (80, "advance", "male"), (70, "advance", "male"), (10, "reject", "male")])


def test_ten_candidates_hand_computed_rates_ratios_and_the_four_fifths_flag():
    t = impact_table(TEN, min_group_size=4, categories=SEX)
    assert t["median_total"] == 72.5 and t["candidates"] == 10 and t["min_group_size"] == 4
    women, men, another = _group(t, "female"), _group(t, "male"), _group(t, "another")
    assert (women["n"], women["scored_n"], women["above_median"]) == (6, 6, 3)
    assert (men["n"], men["scored_n"], men["above_median"]) == (4, 4, 2)
    assert women["scoring_rate"] == 0.5 and men["scoring_rate"] == 0.5
    assert women["scoring_impact_ratio"] == 1.0 and men["scoring_impact_ratio"] == 1.0
    assert (women["decided_n"], women["selected"], women["selection_rate"]) == (6, 3, 0.5)
    assert (men["decided_n"], men["selected"], men["selection_rate"]) == (4, 3, 0.75)
    assert women["selection_impact_ratio"] == pytest.approx(0.5 / 0.75) and round(
        women["selection_impact_ratio"], 3) == 0.667
    assert men["selection_impact_ratio"] == 1.0
    assert women["four_fifths_flag"] is True and men["four_fifths_flag"] is False
    # A configured group nobody declared: too few to say, no rate, no ratio, no flag.
    assert another["n"] == 0 and another["too_few"] is True
    assert another["scoring_rate"] is None and another["selection_impact_ratio"] is None
    assert another["four_fifths_flag"] is None
    assert t["categories"][0]["unknown"] == 0
    assert "median" in t["method"] and "four-fifths" in t["method"]


def test_a_group_below_the_minimum_size_is_too_few_to_say_and_never_the_reference():
    # Same ten, minimum 5: the four men are too few → no rate, no ratio; the women are the only reference.
    t = impact_table(TEN, min_group_size=5, categories=SEX)
    men, women = _group(t, "male"), _group(t, "female")
    assert men["too_few"] is True and men["n"] == 4
    assert all(men[k] is None for k in ("scoring_rate", "scoring_impact_ratio", "selection_rate",
                                        "selection_impact_ratio", "four_fifths_flag"))
    assert women["too_few"] is False
    assert women["selection_impact_ratio"] == 1.0 and women["four_fifths_flag"] is False


def test_ties_at_the_median_are_not_above_and_unknowns_and_incomplete_scores_are_counted():
    # Complete totals: 40 50 50 50 60 (women) and 90 (an undeclared candidate) and 20 (prefers not to say).
    # Sorted: 20 40 50 50 50 60 90 → median = 50; the three 50s are not above it: women above = 60 only → 1 / 5.
    # One woman has an incomplete score: counted in n (6), not in scored_n (5).
    rows = _rows([(40, "", "female"), (50, "", "female"), (50, "", "female"), (50, "hold", "female"),
                  (60, "advance", "female"), (None, "", "female"), (90, "advance", None), (20, "reject", "")])
    t = impact_table(rows, min_group_size=1, categories=SEX)
    assert t["median_total"] == 50.0 and t["candidates"] == 8
    women = _group(t, "female")
    assert (women["n"], women["scored_n"], women["above_median"]) == (6, 5, 1)
    assert women["scoring_rate"] == pytest.approx(1 / 5) and women["scoring_impact_ratio"] == 1.0
    assert (women["decided_n"], women["selected"], women["selection_rate"]) == (2, 1, 0.5)
    assert t["categories"][0]["unknown"] == 2  # no declaration + prefers not to say


def test_no_complete_score_gives_no_median_and_no_scoring_rate():
    t = impact_table(_rows([(None, "", "female")] * 3), min_group_size=1, categories=SEX)
    assert t["median_total"] is None and median_total([None, None]) is None
    women = _group(t, "female")
    assert women["scoring_rate"] is None and women["scoring_impact_ratio"] is None and women["four_fifths_flag"] is None


def test_zero_best_rate_gives_no_ratio():
    t = impact_table(_rows([(10, "reject", "female"), (10, "reject", "male")]), min_group_size=1, categories=SEX)
    assert _group(t, "female")["selection_rate"] == 0.0 and _group(t, "female")["selection_impact_ratio"] is None


def test_csv_has_a_comment_line_a_header_and_one_row_per_group():
    t = impact_table(TEN, min_group_size=4, categories=SEX)
    lines = impact_csv(t, header="adverse impact, position p, 2026-01-01").splitlines()
    assert lines[0] == "# adverse impact, position p, 2026-01-01"
    assert lines[1].startswith("category,group,n,scored_n,above_median,scoring_rate")
    assert "sex,female,6,6,3,0.5000,1.0000,6,3,0.5000,0.6667,false,true" in lines
    assert "sex,another,0,0,0,,,0,0,,,true," in lines and "sex,unknown,0,,,,,,,,,," in lines
    assert len(lines) == 2 + 4


# --------------------------------------------------------------------------- the endpoint


@pytest.mark.django_db
def test_adverse_impact_endpoint_counts_declared_groups_audits_and_gives_csv(team, position, interview_clip):
    from interview_ai_lab_web.interviews.models import AuditEvent

    rec = team["recruiter"]
    specs = [(80.0, "advance", "female"), (60.0, "reject", "female"), (None, "", "male"), (90.0, "advance", None)]
    for n, (total, decision, sex) in enumerate(specs):
        iid = upload_to(rec, interview_clip, position, name=f"Candidate {n}")
        finish_with_report(iid, report_with(total))
        if decision:
            assert rec.patch(f"/api/interviews/{iid}/assessment/", {"decision": decision},
                             format="json").status_code == 200
        if sex:
            assert rec.put(f"/api/interviews/{iid}/demographics/", {"consent": True, "categories": {"sex": sex}},
                           format="json").status_code == 200
    url = f"/api/positions/{position.pk}/adverse-impact/"
    assert team["reviewer"].get(url).status_code == 403  # a reviewer of the position: not this report
    assert team["outsider"].get(url).status_code == 404
    resp = rec.get(url)
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["position"] == str(position.pk) and body["candidates"] == 4 and body["min_group_size"] == 5
    assert body["median_total"] == 80.0  # complete totals 60 80 90
    sex = next(c for c in body["categories"] if c["category"] == "sex")
    assert sex["unknown"] == 1
    women = next(g for g in sex["groups"] if g["group"] == "female")
    assert women["n"] == 2 and women["scored_n"] == 2 and women["above_median"] == 0  # 80 is the median, not above
    assert women["too_few"] is True and women["scoring_rate"] is None  # 2 < IAL_IMPACT_MIN_GROUP (5)
    assert "Anna" not in resp.content.decode() and "Candidate" not in resp.content.decode()  # never a name
    events = AuditEvent.objects.filter(action="view_impact")
    assert events.count() == 1 and events.get().details["position"] == str(position.pk)
    assert events.get().actor_username == "rita"

    csv = rec.get(url + "?format=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv["Content-Disposition"].startswith("attachment;")
    text = csv.content.decode()
    assert text.startswith(f"# adverse impact, position {position.pk}, ")
    assert "sex,female,2,2,0,,,2,1,,,true," in text.splitlines()
    assert AuditEvent.objects.filter(action="view_impact", details__format="csv").count() == 1
