"""The scores stage on artefacts written by hand (known inputs → known points, reasons and rules)."""

import json

import pytest

from interview_ai_lab.report.schema import ScoreDetail, Scores
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import scores

NAMES = {"elaboration", "vocabulary", "structure", "rubric_coverage", "speaking_rate", "fillers", "pauses",
         "voice_variation", "eye_contact", "nods", "expression"}


def _write(d, name, obj):
    (d / name).write_text(json.dumps(obj), encoding="utf-8")


def _speech(**kw):
    base = dict(duration_sec=60.0, wpm=140.0, silence_sec=6.0, fillers=1, filler_events=[], pauses=[],
                pitch_variability_st=4.0)
    base.update(kw)
    return {"speech": base, "warnings": []}


@pytest.fixture
def outdir(tmp_path):
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = " ".join("mot" + letters[i // 26] + letters[i % 26] for i in range(150)) + "."
    _write(tmp_path, "audio.json", {"media": {"duration_sec": 60.0, "has_audio": True, "has_video": True},
                                    "audio_path": "audio.wav"})
    _write(tmp_path, "transcript.json", {"text": words, "language": "fr", "segments": []})
    _write(tmp_path, "speech.json", _speech())
    _write(tmp_path, "text.json", {"text": {"sentiment": {"label": "positive", "score": 1.0}, "summary": "x"}})
    _write(tmp_path, "faces.json", {"has_video": True, "emotions_disabled_reason": None,
                                    "emotions": {"dominant_emotion": "happiness", "distribution": {"happiness": 0.9, "sadness": 0.1}}})
    _write(tmp_path, "gaze.json", {"nonverbal": {"eye_contact_ratio": 0.8, "nods": 3, "face_detected_ratio": 1.0}})
    return tmp_path


def _run(outdir, mode="coaching", **opts):
    ctx = Context(video=outdir / "v.mp4", outdir=outdir, force=True, mode=mode)
    res = json.loads(run_stage(scores.STAGE, ctx, scores.Options(**opts)).read_text())
    Scores.model_validate(res["scores"])  # the report's schema
    for d in res["score_details"].values():
        ScoreDetail.model_validate(d)
    return res


def _parts(res, part):
    return {p["name"]: p for p in res["score_details"][part]["parts"]}


def test_full_marks_on_ideal_inputs(outdir):
    res = _run(outdir)
    s = res["scores"]
    assert s["paraverbal"] == pytest.approx(20.0)
    assert s["nonverbal"] == pytest.approx(40.0)
    # 150 distinct words: elaboration 16/16, vocabulary 14/14, but one 150-word sentence: structure 0/10
    assert s["verbal"] == pytest.approx(30.0)
    assert s["total"] == pytest.approx(90.0)
    assert s["measured"] == {"points": 90.0, "out_of": 100.0, "parts": ["verbal", "paraverbal", "nonverbal"]}
    assert s["incomplete"] is None and res["warnings"] == []
    rate = _parts(res, "paraverbal")["speaking_rate"]
    assert rate["points"] == pytest.approx(8.0) and "words per minute" in rate["rule"]
    assert rate["rule_params"] == {"full_from": 120, "full_to": 160, "zero_below": 60, "zero_above": 220}
    # every criterion has a stable name and the numbers of its rule; the points add up
    for part in ("verbal", "paraverbal", "nonverbal"):
        d = res["score_details"][part]
        assert d["name"] == part and d["points"] == pytest.approx(sum(p["points"] for p in d["parts"]), abs=0.02)
        assert sum(p["max"] for p in d["parts"]) == pytest.approx(d["max"], abs=0.02)
        for p in d["parts"]:
            assert p["name"] in NAMES and isinstance(p["rule_params"], dict) and p["rule"]
    assert "{" not in json.dumps([p["rule"] for d in res["score_details"].values() for p in d["parts"]])
    assert "sum of the three parts" in res["score_details"]["total"]["rule"]


def test_sentiment_earns_no_points_and_is_kept_as_information(outdir):
    before = _run(outdir)["scores"]
    _write(outdir, "text.json", {"text": {"sentiment": {"label": "negative", "score": 0.99}, "summary": "x"}})
    res = _run(outdir)
    assert res["scores"] == before
    assert "tone" not in _parts(res, "verbal")
    info = res["score_details"]["verbal"]["information"]["sentiment"]
    assert info["label"] == "negative" and info["scored"] is False
    assert "sentiment earns no points" in res["score_details"]["verbal"]["rule"]


def test_slow_speech_loses_points(outdir):
    _write(outdir, "speech.json", _speech(wpm=90.0))
    assert _parts(_run(outdir), "paraverbal")["speaking_rate"]["points"] == pytest.approx(4.0)  # halfway 60 → 120


def test_no_audio_track_gives_no_total_and_says_what_was_measured(outdir):
    _write(outdir, "audio.json", {"media": {"duration_sec": 60.0, "has_audio": False, "has_video": True}, "audio_path": None})
    _write(outdir, "transcript.json", {"text": "", "language": None, "segments": []})
    _write(outdir, "speech.json", {"speech": None})
    _write(outdir, "text.json", {"text": None})
    res = _run(outdir)
    s = res["scores"]
    assert s["verbal"] is None and s["paraverbal"] is None and s["total"] is None  # never 100 from 40/40
    assert s["nonverbal"] == pytest.approx(40.0)
    assert s["measured"] == {"points": 40.0, "out_of": 40.0, "parts": ["nonverbal"]}
    assert s["incomplete"]["reasons"] == [{"part": "verbal", "code": "no_audio_track", "params": {}},
                                          {"part": "paraverbal", "code": "no_audio_track", "params": {}}]
    assert [(w["code"], w["params"]["part"], w["params"]["reason"]) for w in res["warnings"]] == [
        ("part_not_measured", "verbal", "no_audio_track"), ("part_not_measured", "paraverbal", "no_audio_track")]
    assert "40 of the 40 points" in res["warnings"][0]["message"]
    assert res["score_details"]["total"]["points"] is None
    assert all(p["points"] is None and p["reason"]["code"] == "no_audio_track" for p in res["score_details"]["verbal"]["parts"])


def test_silence_is_no_speech_not_zero_points(outdir):
    _write(outdir, "transcript.json", {"text": "", "language": None, "segments": []})
    _write(outdir, "speech.json", _speech(wpm=0.0, silence_sec=60.0, pitch_variability_st=None))
    s = _run(outdir)["scores"]
    assert s["verbal"] is None and s["paraverbal"] is None and s["total"] is None
    assert {r["code"] for r in s["incomplete"]["reasons"]} == {"no_speech"}


@pytest.mark.parametrize("gaze,faces,code,params", [
    ({"nonverbal": {"eye_contact_ratio": 0.0, "nods": 0, "face_detected_ratio": 0.0}}, None, "no_face", {}),
    ({"nonverbal": {"eye_contact_ratio": 0.05, "nods": 0, "face_detected_ratio": 0.05}}, None, "face_too_rarely_visible",
     {"ratio": 0.05, "min_ratio": 0.1}),
    ({"nonverbal": None}, {"has_video": False, "emotions": None}, "no_video_stream", {}),
])
def test_no_face_or_no_video_makes_nonverbal_null_and_no_total(outdir, gaze, faces, code, params):
    _write(outdir, "gaze.json", gaze)
    if faces is not None:
        _write(outdir, "faces.json", faces)
    res = _run(outdir)
    s = res["scores"]
    assert s["nonverbal"] is None and s["total"] is None
    assert s["measured"] == {"points": 50.0, "out_of": 60.0, "parts": ["verbal", "paraverbal"]}
    assert s["incomplete"]["reasons"] == [{"part": "nonverbal", "code": code, "params": params}]


def test_emotions_analysed_but_missing_is_not_measured(outdir):
    _write(outdir, "faces.json", {"has_video": True, "emotions": None, "emotions_disabled_reason": None})
    res = _run(outdir)
    assert res["scores"]["nonverbal"] is None and res["scores"]["total"] is None
    assert res["scores"]["incomplete"]["reasons"][0]["params"] == {"criterion": "expression"}


@pytest.mark.parametrize("mode,reason", [("recruitment", "recruitment mode"), ("coaching", "disabled with --no-emotions")])
def test_without_emotion_inference_the_expression_criterion_does_not_exist(outdir, mode, reason):
    _write(outdir, "faces.json", {"has_video": True, "emotions": None, "emotions_disabled_reason": reason})
    res = _run(outdir, mode=mode)
    assert set(_parts(res, "nonverbal")) == {"eye_contact", "nods"}
    assert "expression" not in res["score_details"]["nonverbal"]["rule"]
    assert res["scores"]["nonverbal"] == pytest.approx(40.0)  # eye contact 20 + nods 8 of 28, scaled to 40
    assert _parts(res, "nonverbal")["eye_contact"]["max"] == pytest.approx(40 * 20 / 28, abs=0.01)
    assert res["scores"]["total"] is not None


def test_custom_weights(outdir):
    res = _run(outdir, weights="verbal=50,paraverbal=30,nonverbal=20", criteria_weights="structure=0")
    assert res["scores"]["paraverbal"] == pytest.approx(30.0)
    assert res["scores"]["nonverbal"] == pytest.approx(20.0)
    assert res["scores"]["verbal"] == pytest.approx(50.0)  # structure (0 points here) no longer counts
    assert "structure" not in _parts(res, "verbal")


def _questions(outdir, items):
    qs = [{"index": i, "text": f"Q{i}?", "weight": w, "rubric": {"score": cov}} for i, (w, cov) in enumerate(items, 1)]
    _write(outdir, "questions.json", {"questions": qs})


def test_with_rubrics_the_verbal_part_is_the_coverage_weighted_per_question(outdir):
    _questions(outdir, [(1.0, 80.0), (3.0, 20.0)])
    res = _run(outdir)
    assert res["scores"]["verbal"] == pytest.approx(40 * (0.25 * 0.8 + 0.75 * 0.2))  # 14
    parts = res["score_details"]["verbal"]["parts"]
    assert [(p["name"], p["question_index"], p["weight"], p["coverage"], p["points"], p["max"], p["off_topic"])
            for p in parts] == [("rubric_coverage", 1, 0.25, 0.8, 8.0, 10.0, False),
                                ("rubric_coverage", 2, 0.75, 0.2, 6.0, 30.0, True)]
    assert res["score_details"]["total"]["answers"] == [{"question_index": 1, "weight": 1.0},
                                                        {"question_index": 2, "weight": 3.0}]
    assert "rubric" in res["score_details"]["verbal"]["rule"]


def test_off_topic_answers_get_at_most_a_third_of_the_verbal_points(outdir):
    # perfect amount, vocabulary and delivery, but answers that cover a third of their rubric or less
    _questions(outdir, [(1.0, 33.3), (2.0, 10.0)])
    res = _run(outdir)
    assert res["scores"]["verbal"] <= 40 / 3
    _questions(outdir, [(1.0, 90.0)])
    assert _run(outdir)["scores"]["verbal"] == pytest.approx(36.0)


def test_bad_weights_are_input_errors(outdir):
    from interview_ai_lab.runtime.errors import InputError

    with pytest.raises(InputError, match="unknown criterion"):
        _run(outdir, criteria_weights="tone=10")
    with pytest.raises(InputError, match="missing weight"):
        _run(outdir, weights="verbal=40")
