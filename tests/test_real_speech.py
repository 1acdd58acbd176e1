"""Real recorded speech (LibriVox, from the pocketsphinx sdist): the words survive a quiet microphone.

The same five real utterances (one reader, 71 words, then 6 s of silence: Whisper's favourite place to
write "I'll see you in the next video.") at a normal level (-20 dBFS) and at -45 dBFS go through the
real stages (FFmpeg, levelling, faster-whisper base, speech metrics). About 1 minute of audio is decoded
in this module.
"""

from __future__ import annotations

import pytest

from tests.media.real_speech import build_clip, words_of

jiwer = pytest.importorskip("jiwer")


def _script(utts, gap=0.8, tail=6.0):
    parts = [0.6]
    for u in utts:
        parts += [u, gap]
    parts[-1] = tail
    return parts


@pytest.fixture(scope="module")
def runs(librivox_utts, tmp_path_factory):
    from tests.fixtures_audio import run_speech_stages

    out = {}
    for name, level in (("normal", -20.0), ("quiet", -45.0)):
        d = tmp_path_factory.mktemp(f"real-{name}")
        clip = build_clip(_script(librivox_utts), d / f"{name}.wav", level_db=level)
        transcript, speech = run_speech_stages(clip.path, d)
        out[name] = (clip, transcript, speech)
    return out


def _wer(clip, transcript):
    return jiwer.wer(" ".join(clip.words), " ".join(words_of(transcript["text"])))


def test_normal_level_is_transcribed_well(runs):
    clip, t, s = runs["normal"]
    assert t["language"] == "en"
    assert _wer(clip, t) <= 0.15, t["text"]
    sp = s["speech"]
    assert sp["wpm"] == pytest.approx(clip.wpm, rel=0.10)
    assert sp["coverage"] >= 0.9


def test_minus_45_dbfs_keeps_95_percent_of_the_words(runs):
    normal, quiet = runs["normal"], runs["quiet"]
    n_normal = len(words_of(normal[1]["text"]))
    n_quiet = len(words_of(quiet[1]["text"]))
    assert n_quiet >= 0.95 * n_normal, (quiet[1]["text"], normal[1]["text"])
    assert _wer(quiet[0], quiet[1]) <= 0.15
    sp = quiet[2]["speech"]
    # The gain is recorded: about +22 dB brings -45 dBFS speech to the -23 LUFS target.
    assert sp["levelling"]["method"] == "bs1770"
    assert 15.0 <= sp["levelling"]["gain_db_median"] <= 30.0
    assert runs["normal"][2]["speech"]["levelling"]["gain_db_median"] < 5.0
    # The quiet clip is not "silence": its pauses match those of the normal clip.
    assert sp["silence_sec"] == pytest.approx(normal[2]["speech"]["silence_sec"], abs=1.0)
    assert sp["pause_count"] == normal[2]["speech"]["pause_count"]
    assert sp["speech_level_db"] < normal[2]["speech"]["speech_level_db"] - 20  # measured on the recorded signal


def test_every_inserted_pause_is_found(runs):
    for clip, _, s in runs.values():
        found = [(p["start"], p["end"]) for p in s["speech"]["pauses"]]
        for a, b in clip.pauses:
            assert any(min(b, d) - max(a, c) >= 0.8 * (b - a) for c, d in found), ((a, b), found)


def test_no_word_is_put_in_a_pause(runs):
    """Every transcribed word lies on the reader's voice: none in the pauses of 0.8 s or more (the 6-s tail included)."""
    for clip, t, _ in runs.values():
        words = [w for seg in t["segments"] for w in seg["words"]]
        inside = [w for w in words for a, b in clip.pauses
                  if b - a >= 0.8 and a + 0.1 < (w["start"] + w["end"]) / 2 < b - 0.1]
        assert not inside, (inside, t["dropped"])
        assert len(words_of(t["text"])) <= len(clip.words) + 1, t["text"]
