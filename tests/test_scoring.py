"""Pure scoring rules, tested on values: criteria → part points, parts → total, measured, incomplete."""

import math

import pytest

from interview_ai_lab.report.scoring import (
    Criterion,
    band_fraction,
    descending_fraction,
    guiraud_index,
    parse_criteria_weights,
    parse_weights,
    part_detail,
    summarise,
    total_detail,
)

W = {"verbal": 40.0, "paraverbal": 20.0, "nonverbal": 40.0}


def test_band_fraction_shape():
    kw = dict(zero_below=60, full_from=120, full_to=160, zero_above=220)
    assert band_fraction(60, **kw) == 0.0
    assert band_fraction(90, **kw) == pytest.approx(0.5)
    assert band_fraction(140, **kw) == 1.0
    assert band_fraction(190, **kw) == pytest.approx(0.5)
    assert band_fraction(250, **kw) == 0.0
    assert band_fraction(math.nan, **kw) == 0.0


def test_descending_fraction():
    assert descending_fraction(1.0, full_to=2, zero_from=10) == 1.0
    assert descending_fraction(6.0, full_to=2, zero_from=10) == pytest.approx(0.5)
    assert descending_fraction(12.0, full_to=2, zero_from=10) == 0.0


def test_part_points_are_the_sum_of_its_criteria_scaled_to_the_part():
    d = part_detail("nonverbal", [Criterion("eye_contact", 0.45, 0.5, 20, "r", {"full_from": 0.7}),
                                  Criterion("nods", 2, 1.0, 20, "r")], out_of=40, rule="x")
    assert [p["max"] for p in d["parts"]] == [20.0, 20.0]
    assert [p["points"] for p in d["parts"]] == [10.0, 20.0]
    assert d["points"] == 30.0 and d["reason"] is None
    assert d["parts"][0]["rule_params"] == {"full_from": 0.7} and d["parts"][0]["name"] == "eye_contact"


def test_a_criterion_not_measured_leaves_its_part_not_measured_never_rescaled():
    d = part_detail("paraverbal", [Criterion("speaking_rate", 140, 1.0, 8, "r"),
                                   Criterion("voice_variation", None, None, 3, "not measured", reason="not_measured")],
                    out_of=20, rule="x")
    assert d["points"] is None  # not 20 (8/8 re-scaled), not 14.5 (the measured criterion alone)
    assert d["parts"][0]["points"] == pytest.approx(20 * 8 / 11, abs=0.01)
    assert d["parts"][1]["points"] is None and d["parts"][1]["reason"]["code"] == "not_measured"
    assert d["reason"] == {"code": "not_measured", "params": {"criterion": "voice_variation"}}
    whole = part_detail("verbal", [Criterion("elaboration", None, None, 1, "r", reason="no_speech")], out_of=40, rule="x",
                        reason="no_speech")
    assert whole["points"] is None and whole["reason"] == {"code": "no_speech", "params": {}}


def _details(v, p, n, reasons=None):
    reasons = reasons or {}
    return {k: {"points": pts, "reason": reasons.get(k)} for k, pts in (("verbal", v), ("paraverbal", p), ("nonverbal", n))}


def test_total_is_null_when_a_part_is_not_measured_and_measured_says_what_was():
    s = summarise(_details(None, None, 40.0, {"verbal": {"code": "no_audio_track", "params": {}},
                                              "paraverbal": {"code": "no_audio_track", "params": {}}}), weights=W)
    assert s["total"] is None
    assert s["measured"] == {"points": 40.0, "out_of": 40.0, "parts": ["nonverbal"]}
    assert s["incomplete"] == {"reasons": [{"part": "verbal", "code": "no_audio_track", "params": {}},
                                           {"part": "paraverbal", "code": "no_audio_track", "params": {}}]}
    full = summarise(_details(30.0, 15.0, 35.0), weights=W)
    assert full["total"] == 80.0 and full["incomplete"] is None
    assert full["measured"] == {"points": 80.0, "out_of": 100.0, "parts": ["verbal", "paraverbal", "nonverbal"]}
    # weights that do not sum to 100: the complete total is re-scaled to 100, never a partial one
    double = {k: 2 * v for k, v in W.items()}
    assert summarise(_details(60.0, 30.0, 70.0), weights=double)["total"] == 80.0
    assert summarise(_details(60.0, None, 70.0), weights=double)["total"] is None
    # a part without a reason given is "not_measured"
    assert summarise(_details(1.0, None, 1.0), weights=W)["incomplete"]["reasons"][0]["code"] == "not_measured"


def test_total_detail_explains_the_sum_and_the_answers():
    s = summarise(_details(30.0, 15.0, None, {"nonverbal": {"code": "no_face", "params": {}}}), weights=W)
    d = total_detail(s, weights=W, answers=[{"question_index": 1, "weight": 2.0}])
    assert d["points"] is None and d["reason"] == {"code": "no_face", "params": {"part": "nonverbal"}}
    assert [p["name"] for p in d["parts"]] == ["verbal", "paraverbal", "nonverbal"]
    assert "sum of the three parts" in d["rule"] and "rubric" in d["rule"]
    assert d["answers"] == [{"question_index": 1, "weight": 2.0}]


def test_guiraud_index():
    assert guiraud_index(tokens=[]) == 0.0
    assert guiraud_index(tokens=["a", "b", "c", "d"]) == pytest.approx(2.0)
    assert guiraud_index(tokens=["a"] * 16) == pytest.approx(0.25)


def test_parse_weights():
    assert parse_weights("verbal=50,paraverbal=10,nonverbal=40") == {"verbal": 50, "paraverbal": 10, "nonverbal": 40}
    with pytest.raises(ValueError):
        parse_weights("verbal=40,paraverbal=20")
    with pytest.raises(ValueError):
        parse_weights("verbal=40,paraverbal=20,nonverbal=0")
    with pytest.raises(ValueError):
        parse_weights("verbal=40,paraverbal=20,face=40")


def test_parse_criteria_weights():
    d = parse_criteria_weights("")
    assert d["elaboration"] == 16 and d["eye_contact"] == 20 and "tone" not in d  # sentiment earns no points
    d = parse_criteria_weights("eye_contact=30, nods=0")
    assert d["eye_contact"] == 30 and d["nods"] == 0 and d["expression"] == 12
    for bad in ("tone=5", "nods=-1", "nods=x", "eye_contact=0,nods=0", "elaboration=0,vocabulary=0,structure=0"):
        with pytest.raises(ValueError):
            parse_criteria_weights(bad)


def test_the_pauses_rule_names_the_runs_shortest_pause():
    """The rule says the pause threshold the run measured with; a part not measured names none."""
    from interview_ai_lab.report.criteria import paraverbal_criteria
    from interview_ai_lab.stages.merge_report import limits

    cw = parse_criteria_weights("")
    speech = {"duration_sec": 100.0, "wpm": 130.0, "fillers": 2, "silence_sec": 30.0, "min_pause_sec": 0.6,
              "pitch_variability_st": 3.0}
    pauses = next(c for c in paraverbal_criteria(speech=speech, wpm_band=(120, 160), cw=cw) if c.name == "pauses")
    assert pauses.rule.startswith("share of the recording in pauses of 0.6 s or more: full points up to 20%")
    assert pauses.rule_params["min_pause_sec"] == 0.6 and pauses.value == pytest.approx(0.3)
    older = next(c for c in paraverbal_criteria(speech={**speech, "min_pause_sec": None}, wpm_band=(120, 160), cw=cw)
                 if c.name == "pauses")
    assert "pauses of 0.25 s or more" in older.rule  # written before the setting was recorded: the default then
    unmeasured = next(c for c in paraverbal_criteria(speech=None, wpm_band=(120, 160), cw=cw) if c.name == "pauses")
    assert unmeasured.fraction is None and "min_pause_sec" not in unmeasured.rule_params
    assert limits(speech=speech, mode="coaching")["silence_sec"].startswith("Pauses of at least 0.6 s found")
    assert "{" not in "".join(limits(speech=None, mode="coaching").values())
    assert "emotions" not in limits(speech=speech, mode="recruitment")
