"""The transcript guards, the chunk planner and the one timeline, on arrays and word lists with known truth."""

import numpy as np
import pytest

from interview_ai_lab.speech.chunking import chunk_end_of, plan_chunks
from interview_ai_lab.stages.transcribe import one_timeline
from interview_ai_lab.text import asr_guards as g

HOP = 0.01


def _w(word, start, end, p=0.9):
    return {"word": word, "start": start, "end": end, "probability": p}


def _guard(words, text=None, **kw):
    kw.setdefault("no_speech_prob", 0.01)
    kw.setdefault("avg_logprob", -0.2)
    kw.setdefault("voice_near", lambda a, b: True)
    return g.guard_segment(words, text=text or " ".join(w["word"] for w in words), **kw)


def test_words_without_voice_are_dropped_and_said_why():
    voiced = lambda a, b: b > 1.0 and a < 3.0
    words = [_w("Hello", 1.0, 1.4), _w("there.", 1.5, 1.9), _w("I'll", 5.0, 5.2), _w("see", 5.2, 5.4), _w("you", 5.4, 5.6)]
    out = _guard(words, voice_near=voiced)
    assert [w["word"] for w in out.kept] == ["Hello", "there."]
    assert [(w["word"], r) for w, r in out.dropped] == [("I'll", "no_voice"), ("see", "no_voice"), ("you", "no_voice")]
    assert g.dropped_items(out.dropped) == [{"start": 5.0, "end": 5.6, "text": "I'll see you", "reason": "no_voice"}]


def test_whisper_no_speech_rule_drops_the_whole_segment():
    words = [_w("Thank", 1.0, 1.2), _w("you.", 1.2, 1.4)]
    assert [r for _, r in _guard(words, no_speech_prob=0.8, avg_logprob=-1.3).dropped] == ["no_speech"] * 2
    assert len(_guard(words, no_speech_prob=0.8, avg_logprob=-0.4).kept) == 2  # a confident decoding stays


def test_loops_keep_their_first_copy():
    phrase = "pour que tu as appliqué son mobile".split()
    words = [_w(w, 0.3 * i, 0.3 * i + 0.2) for i, w in enumerate(["Merci."] + phrase * 3)]
    out = _guard(words, text="Merci. " + " ".join(phrase))  # a text that does not compress like a loop
    assert [w["word"] for w in out.kept] == ["Merci.", *phrase]
    assert {r for _, r in out.dropped} == {"loop"} and len(out.dropped) == 2 * len(phrase)
    assert all(r == "loop" for _, r in _guard(words, text="ha " * 60).dropped)  # compresses like a loop
    # A long sentence said again (the text compresses like a loop): its first copy stays, the copies go.
    said = "Hello, my name is Anna. I have worked as a data analyst for five years.".split()
    again = [_w(w, 0.4 * i, 0.4 * i + 0.3) for i, w in enumerate(said * 3)]
    out = _guard(again)
    assert [w["word"] for w in out.kept] == said and {r for _, r in out.dropped} == {"loop"}
    twice = [_w(w, 0.3 * i, 0.3 * i + 0.2) for i, w in enumerate("very very good I I said".split())]
    assert len(_guard(twice).kept) == 6  # two copies are ordinary speech


def test_prompt_echo_and_piled_words():
    echo = [_w(w, 40 + 0.3 * i, 40.2 + 0.3 * i) for i, w in enumerate("I think, uh, I think, uh…".split())]
    assert {r for _, r in _guard(echo, prompt="Um, so, uh… hmm, I think, uh…").dropped} == {"prompt_echo"}
    assert len(_guard(echo, prompt=None).kept) == 6
    piled = [_w("We", 10.0, 10.3), _w("did.", 10.3, 10.6), _w("Thank", 27.9, 27.9), _w("you.", 27.9, 27.9)]
    out = _guard(piled, chunk_end=28.0)
    assert [w["word"] for w in out.kept] == ["We", "did."] and {r for _, r in out.dropped} == {"zero_length"}
    fast = [_w(w, 29.82 + 0.03 * i, 29.85 + 0.03 * i) for i, w in enumerate("You know what I mean?".split())]
    assert {r for _, r in _guard(fast).dropped} == {"zero_length"}
    assert len(_guard(fast[:2]).kept) == 2  # "Oh, no" can be quick


def test_join_words_keeps_pieces_and_elisions_together():
    words = [_w(t, 0, 0) for t in ["He", "was", "ill", "-disposed.", "l'", "homme", "J", "'ai"]]
    assert g.join_words(words) == "He was ill-disposed. l'homme J'ai"


def test_chunks_hold_every_sound_and_cut_in_pauses():
    rng = np.random.default_rng(0)
    sound = np.zeros(9000, dtype=bool)  # 90 s
    spans = [(0.5, 3.0), (3.4, 9.0), (12.0, 40.0), (40.3, 41.0), (70.0, 70.02), (80.0, 85.0)]
    for a, b in spans:
        sound[int(a / HOP): int(b / HOP)] = True
    energy = np.where(sound, -20.0, -60.0) + rng.normal(0, 1, len(sound))
    chunks = plan_chunks(sound=sound, hop_sec=HOP, duration_sec=90.0, energy_db=energy, max_sec=28.0)
    assert all(b - a <= 28.0 + 1e-6 for a, b in chunks)
    assert all(chunks[i][1] <= chunks[i + 1][0] for i in range(len(chunks) - 1))
    for a, b in spans:
        if b - a >= 0.05:  # a click (70.00-70.02 s) starts no chunk
            assert all(any(c <= t <= d for c, d in chunks) for t in np.arange(a, b, HOP)), (a, b, chunks)
    assert not any(c <= 70.01 <= d for c, d in chunks)
    assert not any(c < 60.0 < d for c, d in chunks)  # no chunk over the long silence
    # The 28-s run of speech (12-40 s) is cut once, and never in the lead-in silence of a chunk.
    assert sum(1 for c, d in chunks if c < 40.0 and d > 12.0) >= 2


def test_a_segment_at_a_cut_belongs_to_the_chunk_that_starts_there():
    """Touching chunks: the words of the second chunk are not clipped to the first chunk's end.

    Chunks touch where a long run of speech was cut at its quietest frame. The words were clipped once, and a
    whole 27-s chunk was dropped as zero-length.
    """
    chunks = [(0.0, 7.24), (8.93, 32.7), (32.7, 60.0)]
    assert chunk_end_of(32.7, chunks) == 60.0
    assert chunk_end_of(32.66, chunks) == 60.0
    assert chunk_end_of(20.0, chunks) == 32.7
    assert chunk_end_of(8.9, chunks) == 32.7
    assert chunk_end_of(0.0, chunks) == 7.24
    words = [_w(w, 32.7 + 0.4 * i, 33.0 + 0.4 * i) for i, w in enumerate("made by other scholars".split())]
    end = chunk_end_of(32.7, chunks)
    clipped = [dict(w, end=min(w["end"], end)) for w in words]
    assert not any(g.piled_words(clipped, chunk_end=end))


def test_one_timeline_merges_recovered_words_into_their_segment():
    first = [{"start": 25.2, "end": 36.5, "text": "Hold, so I probably sound quite acoustic corpus.",
              "words": [_w("Hold,", 25.2, 25.6), _w("so", 25.7, 26.0), _w("corpus.", 36.0, 36.5)]},
             {"start": 37.0, "end": 38.0, "text": "Next.", "words": [_w("Next.", 37.0, 38.0)]}]
    rec = [{"start": 28.6, "end": 35.4, "recovered": True, "text": "this is the sick corpus",
            "words": [dict(_w("this", 28.6, 28.9), recovered=True), dict(_w("corpus", 35.0, 35.4), recovered=True)]},
           {"start": 40.0, "end": 41.0, "recovered": True, "text": "Bye.", "words": [dict(_w("Bye.", 40.0, 41.0), recovered=True)]}]
    segs = one_timeline(first + rec)
    assert [s["id"] for s in segs] == [1, 2, 3]
    assert [w["word"] for w in segs[0]["words"]] == ["Hold,", "so", "this", "corpus", "corpus."]
    assert segs[0]["text"] == "Hold, so this corpus corpus." and "recovered" not in segs[0]
    assert segs[2].get("recovered") is True
    starts = [w["start"] for s in segs for w in s["words"]]
    assert starts == sorted(starts)
    assert all(a["end"] <= b["start"] for a, b in zip(segs, segs[1:]))


@pytest.mark.parametrize("text,ratio_above", [("ha " * 80, True), ("And Mr. John Dashwood had then leisure.", False)])
def test_compression_ratio(text, ratio_above):
    assert (g.compression_ratio(text) > g.MAX_COMPRESSION) is ratio_above
