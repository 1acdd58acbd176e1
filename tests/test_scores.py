"""The scores stage on artefacts written by hand (known inputs → known points)."""

import json

import pytest

from scripts import scores
from scripts.core.stage import Context


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
    _write(tmp_path, "transcript.json", {"text": words, "language": "fr", "segments": []})
    _write(tmp_path, "speech.json", _speech())
    _write(tmp_path, "text.json", {"text": {"sentiment": {"label": "positive", "score": 1.0}, "summary": "x"}})
    _write(tmp_path, "faces.json", {"emotions": {"dominant_emotion": "happiness", "distribution": {"happiness": 0.9, "sadness": 0.1}}})
    _write(tmp_path, "gaze.json", {"nonverbal": {"eye_contact_ratio": 0.8, "nods": 3, "face_detected_ratio": 1.0}})
    return tmp_path


def _run(outdir, **opts):
    ctx = Context(video=outdir / "v.mp4", outdir=outdir, force=True)
    return json.loads(scores.run(ctx, scores.Options(**opts)).read_text())


def test_full_marks_on_ideal_inputs(outdir):
    res = _run(outdir)
    s = res["scores"]
    assert s["paraverbal"] == pytest.approx(20.0)
    assert s["nonverbal"] == pytest.approx(40.0)
    # 150 distinct words: elaboration 12, vocabulary full, tone 10, but one 150-word sentence: structure 0
    assert s["verbal"] == pytest.approx(32.0)
    assert s["total"] == pytest.approx(92.0)
    parts = {p["name"]: p for p in res["score_details"]["paraverbal"]["parts"]}
    assert parts["speaking rate"]["points"] == pytest.approx(8.0)
    assert "words per minute" in parts["speaking rate"]["rule"]


def test_slow_speech_loses_points(outdir):
    _write(outdir, "speech.json", _speech(wpm=90.0))
    parts = {p["name"]: p for p in _run(outdir)["score_details"]["paraverbal"]["parts"]}
    assert parts["speaking rate"]["points"] == pytest.approx(4.0)  # halfway between 60 and 120


def test_no_face_makes_nonverbal_null_and_rescales_total(outdir):
    _write(outdir, "gaze.json", {"nonverbal": {"eye_contact_ratio": 0.0, "nods": 0, "face_detected_ratio": 0.0}})
    res = _run(outdir)
    assert res["scores"]["nonverbal"] is None
    assert res["scores"]["total"] == pytest.approx(100 * (32.0 + 20.0) / 60.0, abs=0.01)
    assert any(w["code"] == "part_not_measured" and w["params"]["part"] == "nonverbal" for w in res["warnings"])


def test_recruitment_mode_scores_nonverbal_without_emotions(outdir):
    _write(outdir, "faces.json", {"emotions": None, "emotions_disabled_reason": "recruitment mode"})
    ctx = Context(video=outdir / "v.mp4", outdir=outdir, force=True, mode="recruitment")
    res = json.loads(scores.run(ctx, scores.Options()).read_text())
    parts = {p["name"]: p for p in res["score_details"]["nonverbal"]["parts"]}
    assert set(parts) == {"eye contact", "nods"}
    assert "expression" not in res["score_details"]["nonverbal"]["rule"]
    assert res["scores"]["nonverbal"] == pytest.approx(40.0)  # 28/28 re-scaled to 40


def test_coaching_without_emotions_says_why(outdir):
    _write(outdir, "faces.json", {"emotions": None, "emotions_disabled_reason": "--no-emotions"})
    parts = {p["name"]: p for p in _run(outdir)["score_details"]["nonverbal"]["parts"]}
    assert parts["expression"]["points"] is None and "--no-emotions" in parts["expression"]["rule"]


def test_custom_weights(outdir):
    res = _run(outdir, weights="verbal=50,paraverbal=30,nonverbal=20")
    assert res["scores"]["paraverbal"] == pytest.approx(30.0)
    assert res["scores"]["nonverbal"] == pytest.approx(20.0)
