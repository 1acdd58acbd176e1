"""Pure speech-signal metrics on numpy arrays with known answers (speech/audio_metrics.py, text/lexicon.py)."""

import numpy as np
import pytest

from interview_ai_lab.speech import audio_metrics as am
from interview_ai_lab.text.lexicon import filler_prompt, is_filler, normalize

SR = 16000
HOP = 0.010


def harmonic(f0, seconds, *, sr=SR, amp=0.3, glide_to=None):
    """A voiced-like sound: 6 harmonics of ``f0`` Hz (optionally gliding to ``glide_to``)."""
    t = np.arange(int(seconds * sr)) / sr
    f = np.full_like(t, f0) if glide_to is None else np.linspace(f0, glide_to, len(t))
    phase = 2 * np.pi * np.cumsum(f) / sr
    x = sum(np.sin(k * phase) / k for k in range(1, 7))
    return (amp * x / np.max(np.abs(x))).astype(np.float32)


def babble(seconds, *, sr=SR, seed=0):
    """Word-like sound: 80 ms syllables of changing pitch and timbre, no pause between them."""
    rng = np.random.default_rng(seed)
    parts = []
    for _ in range(int(seconds / 0.08)):
        f0 = rng.uniform(90, 220)
        t = np.arange(int(0.08 * sr)) / sr
        k = rng.integers(1, 8, size=3)
        x = sum(np.sin(2 * np.pi * f0 * kk * t) * rng.uniform(0.2, 1) for kk in k) + 0.3 * rng.standard_normal(len(t))
        parts.append(0.2 * np.hanning(len(t)) * x / np.max(np.abs(x)))  # syllabic envelope
    return np.concatenate(parts).astype(np.float32)


def silence(seconds):
    return np.zeros(int(seconds * SR), dtype=np.float32)


def test_frame_energy_of_a_full_scale_sine_and_of_silence():
    t = np.arange(SR) / SR
    sine = np.sin(2 * np.pi * 440 * t).astype(np.float32)
    e = am.frame_energy_db(y=sine, sr=SR)
    assert len(e) == 1 + SR // 160
    assert np.median(e) == pytest.approx(-3.01, abs=0.1)
    assert np.all(am.frame_energy_db(y=silence(1.0), sr=SR) == am.SILENCE_DB)


def test_noise_floor_ignores_digital_silence_and_follows_the_noise():
    rng = np.random.default_rng(1)
    y = np.concatenate([silence(0.03), 0.01 * rng.standard_normal(3 * SR).astype(np.float32)])  # encoder priming
    e = am.frame_energy_db(y=y, sr=SR, highpass_hz=None)
    floor = am.noise_floor_db(energy_db=e, hop_sec=HOP)
    assert floor.mean() == pytest.approx(-40.0, abs=1.5)  # 0.01 RMS = -40 dB; the zeros are left out


@pytest.mark.parametrize("snr_db", [None, 15.0])
def test_detect_pauses_finds_known_pauses_with_and_without_steady_noise(snr_db):
    # lead-in 0.7 s, sound, 0.8 s, sound, 0.3 s (too short), sound, 1.6 s, sound, tail 1.0 s
    layout = [silence(0.7), harmonic(120, 1.0), silence(0.8), babble(1.2), silence(0.3), harmonic(150, 0.6),
              silence(1.6), babble(0.9, seed=2), silence(1.0)]
    y = np.concatenate(layout)
    if snr_db is not None:
        rng = np.random.default_rng(7)
        loud = np.abs(y) > 0
        noise = rng.standard_normal(len(y)).astype(np.float32)
        y = y + noise * np.sqrt(np.mean(y[loud] ** 2) / 10 ** (snr_db / 10))
    e = am.frame_energy_db(y=y, sr=SR)
    pauses = am.detect_pauses(energy_db=e, hop_sec=HOP, min_pause_sec=0.5, duration_sec=len(y) / SR)
    truth = [(0.0, 0.7), (1.7, 2.5), (4.6, 6.2), (7.1, 8.1)]
    assert len(pauses) == len(truth)
    for (a, b), (ta, tb) in zip(pauses, truth):
        assert a == pytest.approx(ta, abs=0.05) and b == pytest.approx(tb, abs=0.05)


def test_detect_pauses_on_silence_and_on_continuous_sound():
    e = am.frame_energy_db(y=silence(5.0), sr=SR)
    assert am.detect_pauses(energy_db=e, hop_sec=HOP, duration_sec=5.0) == [(0.0, 5.0)]
    e = am.frame_energy_db(y=babble(4.0), sr=SR)
    assert am.detect_pauses(energy_db=e, hop_sec=HOP, duration_sec=4.0) == []
    # A steady noise alone is the floor itself: no speech, one pause over the whole clip.
    noise = (0.05 * np.random.default_rng(2).standard_normal(4 * SR)).astype(np.float32)
    e = am.frame_energy_db(y=noise, sr=SR)
    assert am.detect_pauses(energy_db=e, hop_sec=HOP, duration_sec=4.0) == [(0.0, 4.0)]


def test_speech_activity_drops_clicks_and_uses_hysteresis():
    e = np.full(300, -60.0)
    e[100:102] = -10.0  # a 20 ms click
    e[200:240] = -20.0  # a sound...
    e[240:250] = -52.0  # ...whose decay stays above floor + exit_db
    act = am.speech_activity(energy_db=e, hop_sec=HOP, floor_db=-60.0, min_speech_sec=0.05)
    assert not act[100:102].any()
    assert act[200:250].all() and not act[250:].any()


def test_rates():
    assert am.words_per_minute(word_count=50, duration_sec=30.0) == pytest.approx(100.0)
    assert am.words_per_minute(word_count=10, duration_sec=0.0) == 0.0
    assert am.articulation_rate(word_count=50, speaking_time_sec=20.0) == pytest.approx(150.0)
    assert am.articulation_rate(word_count=0, speaking_time_sec=0.0) == 0.0


def test_window_pauses_clips_to_the_window_and_drops_the_short_pieces():
    pauses = [(0.0, 1.2), (3.0, 3.4), (5.0, 7.0), (9.5, 12.0)]
    # 1.0-1.2 (clipped) and the 0.4-s pause are too short
    assert am.window_pauses(pauses=pauses, start_sec=1.0, end_sec=10.0, min_pause_sec=0.5) == [(5.0, 7.0), (9.5, 10.0)]
    assert am.window_pauses(pauses=pauses, start_sec=0.0, end_sec=12.0, min_pause_sec=0.5) == [
        (0.0, 1.2), (5.0, 7.0), (9.5, 12.0)]
    assert am.window_pauses(pauses=pauses, start_sec=7.0, end_sec=9.5) == []  # touching pauses are not inside


def test_speech_rates_of_a_window_and_of_the_whole_recording_by_one_rule():
    # 20 s: speech 1-5 s, 6-12 s and 15-19 s; silence elsewhere (-80 dB against speech at -20 dB)
    e = np.full(2001, -80.0)
    for a, b in ((1.0, 5.0), (6.0, 12.0), (15.0, 19.0)):
        e[int(a / HOP):int(b / HOP)] = -20.0
    pauses = am.detect_pauses(energy_db=e, hop_sec=HOP, min_pause_sec=0.5, duration_sec=20.0)
    assert pauses == [(0.0, 0.995), (4.995, 5.995), (11.995, 14.995), (18.995, 20.0)]
    whole = am.speech_rates(word_count=50, pauses=pauses, start_sec=0.0, end_sec=20.0, min_pause_sec=0.5)
    silence = sum(b - a for a, b in pauses)
    assert whole.pauses == pauses and whole.silence_sec == pytest.approx(silence) == pytest.approx(6.0, abs=0.01)
    assert whole.wpm == round(am.words_per_minute(word_count=50, duration_sec=20.0), 2) == 150.0
    assert whole.articulation_rate == round(am.articulation_rate(word_count=50, speaking_time_sec=20.0 - silence), 2)
    assert whole.speaking_time_sec == pytest.approx(14.0, abs=0.01) and whole.duration_sec == 20.0
    # an answer from 5.5 s to 13 s: 0.495 s of the first pause (dropped), 1.005 s of the second (clipped)
    answer = am.speech_rates(word_count=20, pauses=pauses, start_sec=5.5, end_sec=13.0, min_pause_sec=0.5)
    assert answer.pauses == [(11.995, 13.0)] and answer.silence_sec == 1.005 and answer.duration_sec == 7.5
    assert answer.wpm == 160.0 and answer.articulation_rate == round(20 / (6.495 / 60), 2)
    assert am.speech_rates(word_count=3, pauses=[], start_sec=4.0, end_sec=4.0).wpm == 0.0


def test_pitch_track_and_stats_on_a_steady_and_a_gliding_tone():
    y = np.concatenate([harmonic(150, 1.0), silence(0.2), harmonic(100, 1.0, glide_to=200)])
    f0, per = am.pitch_track(y=y, sr=SR)
    steady = slice(10, 90)
    assert np.median(f0[steady]) == pytest.approx(150, rel=0.02)
    assert np.median(per[steady]) > 0.9
    med, sd = am.pitch_stats(f0_hz=f0[steady], voiced=np.ones(80, bool))
    assert med == pytest.approx(150, rel=0.02) and sd < 0.2
    glide = slice(130, 210)
    _, sd_glide = am.pitch_stats(f0_hz=f0[glide], voiced=np.ones(80, bool))
    assert sd_glide > 2.0  # one octave spread over the stretch: several semitones
    assert am.pitch_stats(f0_hz=np.zeros(5), voiced=np.ones(5, bool)) == (None, None)


def test_pitch_track_in_threads_gives_the_same_values_chunk_by_chunk():
    """Chunks of 0.5 s analysed by 3 threads: every frame as one thread gives it, across the chunks' seams."""
    y = np.concatenate([harmonic(150, 1.0), silence(0.3), harmonic(100, 1.2, glide_to=200), silence(0.2)])
    one = am.pitch_track(y=y, sr=SR, chunk_sec=0.5)
    three = am.pitch_track(y=y, sr=SR, chunk_sec=0.5, workers=3)
    assert np.array_equal(one[0], three[0]) and np.array_equal(one[1], three[1])
    assert np.median(three[0][10:90]) == pytest.approx(150, rel=0.02)  # not all zeros: the chunks were analysed


def test_periodicity_is_low_on_white_noise():
    rng = np.random.default_rng(0)
    _, per = am.pitch_track(y=(0.1 * rng.standard_normal(SR)).astype(np.float32), sr=SR)
    assert np.median(per) < 0.3


def _filler_inputs(y):
    e = am.frame_energy_db(y=y, sr=SR)
    act = am.speech_activity(energy_db=e, hop_sec=HOP)
    f0, per = am.pitch_track(y=y, sr=SR)
    chg = am.spectral_change(y=y, sr=SR)
    n = min(len(act), len(f0), len(chg))
    return dict(active=act[:n], f0_hz=f0[:n], periodicity=per[:n], change=chg[:n], hop_sec=HOP)


def test_acoustic_fillers_finds_an_uncovered_sustained_vowel_only():
    # babble (a word, covered by the ASR) | pause | steady 0.5 s vowel (a filler, not covered) | pause | babble
    y = np.concatenate([silence(0.5), babble(1.0), silence(0.4), harmonic(110, 0.5), silence(0.4),
                        babble(1.2, seed=3), silence(0.5)])
    words = [(0.5, 1.5), (2.4, 3.6)]
    found = am.acoustic_fillers(word_spans=words, **_filler_inputs(y))
    assert len(found) == 1
    assert found[0][0] == pytest.approx(1.9, abs=0.06) and found[0][1] == pytest.approx(2.4, abs=0.06)
    # The same vowel inside a recognised word, or next to a filler the ASR wrote, is not counted again.
    assert am.acoustic_fillers(word_spans=words + [(1.85, 2.45)], **_filler_inputs(y)) == []
    assert am.acoustic_fillers(word_spans=words, filler_spans=[(1.9, 2.1)], **_filler_inputs(y)) == []


def test_acoustic_fillers_rejects_uncovered_babble_and_glides():
    y = np.concatenate([silence(0.5), babble(0.6, seed=5), silence(0.5), harmonic(100, 0.8, glide_to=190),
                        silence(0.5)])
    assert am.acoustic_fillers(**_filler_inputs(y)) == []


def test_acoustic_fillers_rejects_the_tail_of_a_word_timed_short():
    # One sound island: a word the ASR timed 0.5-1.3 s, then a steady vowel 1.3-1.6 s inside the same island.
    y = np.concatenate([silence(0.5), babble(0.8, seed=4), harmonic(120, 0.3), silence(0.6)])
    assert am.acoustic_fillers(word_spans=[(0.5, 1.25)], **_filler_inputs(y)) == []


@pytest.mark.parametrize("word,lang,expected", [
    ("Euhhh…,", "fr", True), ("Heu", "fr", True), ("Ben,", "fr", True), ("Bonjour", "fr", False),
    ("Mmm", "fr", True), ("M.", "fr", False), ("Ummm", "en", True), ("Uh,", "en", True), ("Hmm...", "en", True), ("under", "en", False), ("Ben", "en", False),
])
def test_fillers_lexicon(word, lang, expected):
    assert is_filler(word, lang) is expected


def test_filler_normalisation_and_prompts():
    assert normalize("  Euhhh…, ") == "euh"
    assert normalize("Mmmh") == "mh"
    assert "euh" in filler_prompt("fr").lower() and "um" in filler_prompt("en").lower()
    assert filler_prompt("de") is None


def _lecture_signal():
    from tests.media.real_speech import SR, FetchError, lecture

    try:
        y = lecture().audio
    except FetchError as e:
        pytest.skip(f"real lecture not available: {e}")
    energy = am.frame_energy_db(y=y, sr=SR)
    floor = am.noise_floor_db(energy_db=energy, hop_sec=0.01)
    active = am.speech_activity(energy_db=energy, hop_sec=0.01, floor_db=floor)
    f0, per = am.pitch_track(y=y, sr=SR)
    n = min(len(f0), len(active))
    return y, SR, dict(active=active[:n], f0_hz=f0[:n], periodicity=per[:n], energy_db=energy[:n], hop_sec=0.01)


def test_sustained_vowels_find_real_fillers_inside_stretched_words_and_not_the_words():
    """Words Whisper stretched over a filler on a real lecture are found; long but genuine words are not.

    Whisper timed "that" over 14.75-16.41 s (a lone "uh" at 15.37-15.70 s inside it) and "where" over
    18.63-20.51 s (an "um" at 19.02-19.55 s); "of" (17.81-18.63 s, a held vowel alone) and "global"
    (44.38-45.52 s, a stressed vowel with a rising pitch) are words, not fillers.
    """
    y, sr, kw = _lecture_signal()
    assert am.stretched_word(word="that", duration_sec=16.41 - 14.75)
    uh = am.sustained_vowels(y=y, sr=sr, start_sec=14.65, end_sec=16.51, **kw)
    assert len(uh) == 1 and abs(uh[0][0] - 15.37) < 0.1 and abs(uh[0][1] - 15.70) < 0.1, uh
    um = am.sustained_vowels(y=y, sr=sr, start_sec=18.53, end_sec=20.61, **kw)
    assert len(um) == 1 and abs(um[0][0] - 19.02) < 0.1 and abs(um[0][1] - 19.55) < 0.1, um
    assert am.sustained_vowels(y=y, sr=sr, start_sec=17.71, end_sec=18.73, **kw) == []
    assert am.sustained_vowels(y=y, sr=sr, start_sec=44.28, end_sec=45.62, **kw) == []
