"""Hard cases made from real recorded speech (LibriVox utterances of the pocketsphinx sdist).

A level change in the middle (two takes 40 dB apart), a long pause between two takes of
different level, telephone-band speech under steady noise; then the coverage check and
the re-decoding of a voiced stretch that lost its words. About 50 s of audio is decoded
in this module (faster-whisper base), the rest is measured on the signal.
"""

from __future__ import annotations

import copy

import pytest

from interview_ai_lab.stages import speech_metrics, transcribe
from tests.media.real_speech import SR, build_clip, words_of

jiwer = pytest.importorskip("jiwer")


def _run(clip):
    from tests.fixtures_audio import run_speech_stages

    t, s = run_speech_stages(clip.path, clip.path.parent)
    return t, s


@pytest.fixture(scope="module")
def level_change(librivox_utts, tmp_path_factory):
    d = tmp_path_factory.mktemp("level-change")
    clip = build_clip([0.6, librivox_utts[0], 0.8, librivox_utts[1], 0.8, librivox_utts[2], 0.8], d / "clip.wav", gains_db=[0, -40, -40])
    return (clip, *_run(clip))


@pytest.fixture(scope="module")
def takes(librivox_utts, tmp_path_factory):
    d = tmp_path_factory.mktemp("takes")
    parts = [0.6, librivox_utts[1], 0.6, librivox_utts[4], 3.0, librivox_utts[2], 0.6]
    clip = build_clip(parts, d / "clip.wav", gains_db=[0, 0, -35])
    same = build_clip(parts, d / "same_level.wav", gains_db=[0, 0, 0])
    return (clip, same, *_run(clip))


@pytest.fixture(scope="module")
def telephone(librivox_utts, tmp_path_factory):
    d = tmp_path_factory.mktemp("telephone")
    clip = build_clip([0.6, librivox_utts[3], 0.8, librivox_utts[1], 0.8], d / "clip.wav", telephone=True, snr_db=15, noise="pink",
                      gains_db=[0, -6])
    return (clip, *_run(clip))


def _wer(clip, t):
    return jiwer.wer(" ".join(clip.words), " ".join(words_of(t["text"])))


def _found(pauses, a, b):
    return any(min(b, p["end"]) - max(a, p["start"]) >= 0.8 * (b - a) for p in pauses)


def test_a_take_40_db_quieter_keeps_its_words(level_change, librivox_utts):
    clip, t, s = level_change
    assert t["language"] == "en"
    assert _wer(clip, t) <= 0.15, t["text"]
    quiet = [w for seg in t["segments"] for w in seg["words"] if w["start"] >= clip.spans[1][0] - 0.3]
    assert len(quiet) >= 0.9 * (len(words_of(librivox_utts[1].text)) + len(words_of(librivox_utts[2].text)))
    sp = s["speech"]
    assert sp["levelling"]["gain_db_max"] - sp["levelling"]["gain_db_min"] >= 30.0  # it followed the level change
    assert sp["coverage"] >= 0.9
    assert sp["wpm"] == pytest.approx(clip.wpm, rel=0.10)
    assert not [w for w in s["warnings"] if isinstance(w, dict) and w["code"] == "speech_coverage_low"]


def test_a_long_pause_between_takes_of_different_level(takes):
    clip, same, t, s = takes
    sp = s["speech"]
    for a, b in clip.pauses:
        assert _found(sp["pauses"], a, b), ((a, b), sp["pauses"])
    # The quiet take is not silence: the silence matches that of the same clip at one level.
    import numpy as np

    ref = speech_metrics.measure(same.audio, SR, transcript=None, opts=speech_metrics.Options(), warnings=[])
    assert 0.8 * ref["silence_sec"] <= sp["silence_sec"] <= ref["silence_sec"] + 1.0, (sp["silence_sec"], ref)
    assert _wer(clip, t) <= 0.15, t["text"]
    assert np.isfinite(sp["levelling"]["gain_db_max"])


def test_telephone_band_under_steady_noise(telephone):
    clip, t, s = telephone
    assert t["language"] == "en"
    assert _wer(clip, t) <= 0.2, t["text"]
    for a, b in clip.pauses:
        if b - a >= 0.6:
            assert _found(s["speech"]["pauses"], a, b), ((a, b), s["speech"]["pauses"])


def _without_utterance(t, span):
    """The transcript with the words of one utterance removed (as if the VAD had dropped it)."""
    out = copy.deepcopy(t)
    for seg in out["segments"]:
        seg["words"] = [w for w in seg["words"] if not (w["start"] >= span[0] - 0.2 and w["end"] <= span[1] + 0.2)]
    out["segments"] = [seg for seg in out["segments"] if seg["words"]]
    return out


def test_uncovered_voiced_stretch_is_warned_then_recovered(level_change, librivox_utts):
    import soundfile as sf
    from faster_whisper import WhisperModel

    clip, t, _ = level_change
    span = clip.spans[2]
    cut = _without_utterance(t, span)
    y_lev, sr = sf.read(str(clip.path.parent / "audio_levelled.wav"), dtype="float32")
    # The coverage check sees the hole and names its time.
    warnings: list = []
    sp = speech_metrics.measure(clip.audio, SR, transcript=cut, opts=speech_metrics.Options(), warnings=warnings,
                                levelled=y_lev)
    assert sp["coverage"] < 0.9
    low = [w for w in warnings if isinstance(w, dict) and w["code"] == "speech_coverage_low"]
    assert low and low[0]["params"]["coverage"] == sp["coverage"]
    assert any(st["start"] < span[1] and st["end"] > span[0] for st in low[0]["params"]["stretches"])
    # Re-decoding only that stretch brings its words back.
    from interview_ai_lab.runtime.model_resolver import resolve_asr

    model = WhisperModel(str(resolve_asr(None).path), device="cpu", compute_type="int8", cpu_threads=2)
    segments = cut["segments"]
    rec = transcribe.recover_uncovered(model, y_lev, segments, language="en", prompt=None, opts=transcribe.Options())
    assert rec["stretches"] and all(st["end"] - st["start"] >= 1.0 for st in rec["stretches"])
    assert rec["seconds"] <= (span[1] - span[0]) + 1.0  # only the hole was decoded again (with 1 s of context)
    assert rec["decoded_sec"] <= (span[1] - span[0]) + 2 * transcribe.RECOVER_CONTEXT_SEC + 1.0
    back = [w["word"] for seg in segments if seg.get("recovered") for w in seg["words"]]
    truth = words_of(librivox_utts[2].text)
    assert len(back) >= 0.8 * len(truth), back
    assert [s["id"] for s in segments] == list(range(1, len(segments) + 1))
    assert [s["start"] for s in segments] == sorted(s["start"] for s in segments)
