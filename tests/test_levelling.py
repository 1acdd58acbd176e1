"""Loudness levelling and coverage on arrays: real LibriVox speech (no ASR), steady noise, masks."""

from __future__ import annotations

import numpy as np
import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.speech import coverage as cv
from interview_ai_lab.speech.levelling import level_speech, levelling_gain
from tests.media.real_speech import SR, build_clip

pyln = pytest.importorskip("pyloudnorm")


def _lufs(x):
    return pyln.Meter(SR).integrated_loudness(np.asarray(x, dtype=np.float64))


def _pink(n, seed=0):
    spec = np.fft.rfft(np.random.default_rng(seed).standard_normal(n))
    f = np.fft.rfftfreq(n, 1.0 / SR)
    spec[1:] /= np.sqrt(f[1:])
    spec[0] = 0
    x = np.fft.irfft(spec, n)
    return x / np.sqrt(np.mean(x ** 2))


def test_steady_noise_is_never_amplified():
    noise = (0.01 * _pink(20 * SR)).astype(np.float32)  # -40 dBFS fan, nothing else
    lev = levelling_gain(y=noise, sr=SR)
    assert lev.speech_share == 0.0 and np.all(lev.gain_db == 0.0)
    assert lev.loudness_lufs is None


@pytest.mark.parametrize("level", [-20.0, -45.0, -60.0])
def test_speech_is_brought_to_the_target(librivox_utts, tmp_path, level):
    clip = build_clip([0.5, librivox_utts[0], 0.5, librivox_utts[2], 0.5], tmp_path / "c.wav", level_db=level)
    z, lev = level_speech(y=clip.audio, sr=SR)
    assert _lufs(z) == pytest.approx(-23.0, abs=2.0)
    assert lev.summary()["gain_db_median"] == pytest.approx(-23.0 - _lufs(clip.audio), abs=3.0)


def test_level_change_is_followed(librivox_utts, tmp_path):
    clip = build_clip([0.5, librivox_utts[0], 0.5, librivox_utts[1], 0.5, librivox_utts[2], 0.5, librivox_utts[3], 0.5], tmp_path / "c.wav",
                      gains_db=[0, 0, -40, -40])
    z, lev = level_speech(y=clip.audio, sr=SR)
    loud = [_lufs(z[int(a * SR):int(b * SR)]) for a, b in clip.spans]
    assert max(loud) - min(loud) <= 6.0, loud  # 40 dB apart before, within a few LU after
    assert lev.summary()["gain_db_max"] - lev.summary()["gain_db_min"] >= 30.0


def test_a_long_noisy_pause_keeps_its_contrast(librivox_utts, tmp_path):
    """Speech, 6 s of steady noise only, speech: the noise is lifted no more than the speech around it."""
    clip = build_clip([0.5, librivox_utts[0], 6.0, librivox_utts[2], 0.5], tmp_path / "c.wav", level_db=-30, snr_db=25)
    z, _ = level_speech(y=clip.audio, sr=SR)
    (a, b), = clip.pauses[1:2]
    mid = z[int((a + 1) * SR):int((b - 1) * SR)]
    speech = z[int(clip.spans[0][0] * SR):int(clip.spans[0][1] * SR)]
    contrast_before = 10 * np.log10(np.mean(clip.audio[int(clip.spans[0][0] * SR):int(clip.spans[0][1] * SR)] ** 2)
                                    / np.mean(clip.audio[int((a + 1) * SR):int((b - 1) * SR)] ** 2))
    contrast_after = 10 * np.log10(np.mean(speech ** 2) / np.mean(mid ** 2))
    assert contrast_after >= contrast_before - 3.0, (contrast_before, contrast_after)


def test_uncovered_stretches_and_coverage():
    hop = 0.01
    voiced = np.zeros(1000, dtype=bool)
    voiced[100:300] = True   # 1.0-3.0 s, worded
    voiced[400:420] = True   # 4.0-4.2 s and 4.3-5.5 s: one stretch once the 0.1-s dip is bridged
    voiced[430:550] = True
    voiced[700:760] = True   # 0.6 s, too short
    covered = cv.span_mask(spans=[(0.95, 3.05)], n=1000, hop_sec=hop)
    assert cv.uncovered_stretches(voiced=voiced, covered=covered, hop_sec=hop, min_sec=1.0) == [(3.995, 5.495)]
    assert cv.coverage(voiced=voiced, covered=covered) == pytest.approx(200 / 400)
    assert cv.coverage(voiced=np.zeros(10, dtype=bool), covered=np.zeros(10, dtype=bool)) is None


def test_extract_audio_writes_the_levelled_wav_and_records_the_gain(librivox_utts, tmp_path):
    import json

    import soundfile as sf

    from interview_ai_lab.runtime.errors import InputError
    from interview_ai_lab.runtime.stage import Context
    from interview_ai_lab.stages import extract_audio

    clip = build_clip([0.5, librivox_utts[1], 0.5], tmp_path / "quiet.wav", level_db=-45)
    ctx = Context(video=clip.path, outdir=tmp_path / "out", threads=1)
    info = json.loads(run_stage(extract_audio.STAGE, ctx, extract_audio.Options()).read_text(encoding="utf-8"))
    assert info["levelled_path"] == "audio_levelled.wav" and info["levelling"]["method"] == "bs1770"
    assert info["levelling"]["gain_db_median"] == pytest.approx(-23.0 - _lufs(clip.audio), abs=3.0)
    z, sr = sf.read(str(ctx.path("audio_levelled.wav")), dtype="float32")
    y, _ = sf.read(str(ctx.path("audio.wav")), dtype="float32")
    assert sr == SR and len(z) == len(y)
    assert _lufs(z) == pytest.approx(-23.0, abs=2.0) and _lufs(y) < -40  # the recorded WAV is kept as it was
    off = json.loads(run_stage(extract_audio.STAGE, Context(video=clip.path, outdir=tmp_path / "off", threads=1),
                                       extract_audio.Options(levelling="off")).read_text(encoding="utf-8"))
    assert off["levelled_path"] is None and off["levelling"] is None
    assert not (tmp_path / "off" / "audio_levelled.wav").exists()
    with pytest.raises(InputError, match="levelling"):
        run_stage(extract_audio.STAGE, Context(video=clip.path, outdir=tmp_path / "bad", threads=1),
                          extract_audio.Options(levelling="loud"))


def test_window_loudness_is_pyloudnorms_bs1770(librivox_utts):
    from interview_ai_lab.speech.levelling import window_loudness

    y = np.concatenate([np.zeros(SR // 2), librivox_utts[0].audio, np.zeros(SR), librivox_utts[2].audio * 0.1]).astype(np.float32)
    centres = np.array([2.0, 5.0, 9.0, 11.0])
    ours = window_loudness(y=y, sr=SR, centres_sec=centres, window_sec=3.0)
    ref = [_lufs(y[int((c - 1.5) * SR):int((c + 1.5) * SR)]) for c in centres]
    assert ours == pytest.approx(ref, abs=0.3)  # same K-weighting and gating, filtered once instead of per window
