"""Answer boundaries and per-window measures (pure functions, synthetic timed words)."""

from __future__ import annotations

import pytest

from interview_ai_lab.report.segmentation import (
    Word,
    answer_windows,
    assign_words,
    match_question,
    split_points,
    window_emotions,
    window_nonverbal,
    window_speech,
    words_from_transcript,
)


def timed(text: str, start: float, step: float = 0.4) -> list[Word]:
    """Words of ``text`` one every ``step`` seconds from ``start`` (each lasting 0.3 s)."""
    return [Word(w, start + i * step, start + i * step + 0.3) for i, w in enumerate(text.split())]


Q1 = "Tell me about yourself and your background."
Q2 = "Why do you want to join our company?"
Q3 = "Describe a difficult problem you solved at work."
A1 = "I studied chemistry in Lyon and then worked five years as an engineer in a plant."
A2 = "Because I admire the products and I want to work on software that helps hospitals."
A3 = "Our main server failed one night and I rebuilt it from backups before the morning."


def interview(read_questions: bool) -> tuple[list[Word], list[dict], list[float]]:
    """Three answers (questions read aloud or not) separated by 2.5 s pauses; returns words, pauses, true starts."""
    words: list[Word] = []
    pauses: list[dict] = []
    starts: list[float] = []
    t = 1.0
    for i, (q, a) in enumerate(((Q1, A1), (Q2, A2), (Q3, A3))):
        if read_questions:
            qw = timed(q, t)
            words += qw
            t = qw[-1].end + 0.8
        aw = timed(a, t)
        starts.append(aw[0].start)
        words += aw
        t = aw[-1].end
        # a short hesitation inside each answer, shorter than the boundary pauses
        pauses.append({"start": aw[5].end, "end": aw[5].end + 0.7})
        if i < 2:
            pauses.append({"start": t, "end": t + 2.5})
            t += 2.5
    return words, pauses, starts


def test_words_from_transcript_reads_segments_and_words():
    tr = {"segments": [{"start": 0.0, "end": 1.0, "text": " Hello there",
                        "words": [{"word": " Hello", "start": 0.0, "end": 0.4}, {"word": " there", "start": 0.5, "end": 0.9}]},
                       {"start": 2.0, "end": 3.0, "text": " no words here"}]}
    words = words_from_transcript(tr)
    assert [w.text for w in words] == ["Hello", "there", "no", "words", "here"]
    assert words[2].start == pytest.approx(2.0) and words[4].end == pytest.approx(3.0)


def test_match_question_finds_the_read_question_not_an_answer_reusing_its_words():
    words = timed("so yes " + Q2 + " well I want to join because our company is great", 0.0)
    m = match_question(question=Q2, words=words)
    assert m is not None and m.score >= 0.9
    assert m.start == pytest.approx(words[2].start) and m.end == pytest.approx(words[9].end)
    shuffled = timed("company our join to want I do why you and", 0.0)
    assert match_question(question=Q2, words=shuffled) is None


def test_given_starts_are_used_and_answers_end_at_the_next_start():
    words, pauses, _ = interview(read_questions=False)
    ws = answer_windows(questions=[{"text": Q1, "start": 0.5}, {"text": Q2, "start": 10.0}, {"text": Q3, "start": 20.0}],
                        words=words, pauses=pauses, duration=30.0)
    assert [(w.start, w.end, w.method) for w in ws] == [(0.5, 10.0, "given"), (10.0, 20.0, "given"), (20.0, 30.0, "given")]


@pytest.mark.parametrize("read", [True, False])
def test_boundaries_without_start_times(read):
    words, pauses, truth = interview(read_questions=read)
    ws = answer_windows(questions=[{"text": Q1}, {"text": Q2}, {"text": Q3}], words=words, pauses=pauses, duration=60.0)
    if read:
        assert [w.method for w in ws] == ["transcript"] * 3
        # the answer starts with the first word after the reading
        assert all(abs(w.start - t) <= 0.01 for w, t in zip(ws, truth))
        assert ws[0].end == pytest.approx(ws[1].question_span[0])
    else:
        assert [w.method for w in ws] == ["first_speech", "pause", "pause"]
        assert all(abs(w.start - t) <= 0.05 for w, t in zip(ws, truth))
        assert ws[0].end == pytest.approx(truth[1] - 2.5, abs=0.01)  # the splitting pause belongs to no answer
    assert ws[-1].end == 60.0


def test_mixed_given_and_found_starts():
    words, pauses, truth = interview(read_questions=False)
    ws = answer_windows(questions=[{"text": Q1}, {"text": Q2}, {"text": Q3, "start": truth[2]}], words=words,
                        pauses=pauses, duration=60.0)
    assert [w.method for w in ws] == ["first_speech", "pause", "given"]
    assert ws[1].start == pytest.approx(truth[1], abs=0.05)


def test_split_points_longest_pauses_in_time_order_then_short_then_even():
    pauses = [{"start": 5, "end": 7}, {"start": 10, "end": 10.6}, {"start": 15, "end": 18}, {"start": 20, "end": 21.6}]
    assert split_points(pauses=pauses, count=2, lo=0, hi=30) == [(5, 7, "pause"), (15, 18, "pause")]
    pts = split_points(pauses=pauses, count=5, lo=0, hi=30)
    assert [m for *_, m in pts].count("short_pause") == 1 and [m for *_, m in pts].count("even_split") == 1
    assert pts == sorted(pts)
    assert split_points(pauses=[], count=1, lo=0, hi=10) == [(5.0, 5.0, "even_split")]
    assert [p[0] for p in split_points(pauses=[], count=3, lo=0, hi=12)] == [3.0, 6.0, 9.0]


def test_bad_given_starts_raise():
    with pytest.raises(ValueError, match="outside"):
        answer_windows(questions=[{"text": "a", "start": 50}], words=[], pauses=[], duration=20.0)
    with pytest.raises(ValueError, match="not after"):
        answer_windows(questions=[{"text": "a", "start": 5}, {"text": "b", "start": 5}], words=[], pauses=[], duration=20.0)


def test_window_speech_counts_words_fillers_and_pauses_in_the_window():
    words = timed("hello I am here and I like data", 10.0, step=0.6)  # the counted words: 8 over 10.0-14.5 s
    fillers = [{"word": "um", "t": 10.6, "source": "asr"}, {"word": "uh", "t": 12.6, "source": "asr"},
               {"word": "euh", "t": 30.0, "source": "acoustic"}]
    pauses = [{"start": 8.0, "end": 10.0}, {"start": 12.0, "end": 12.2}, {"start": 15.0, "end": 21.0}]
    s = window_speech(words=words, pauses=pauses, filler_events=fillers, start=9.0, end=21.0)
    assert s["duration_sec"] == 12.0
    assert s["words"] == 8
    assert s["wpm"] == 40.0
    assert s["fillers"] == 2
    assert s["pauses"] == [{"start": 9.0, "end": 10.0}, {"start": 15.0, "end": 21.0}]  # clipped; 0.2 s too short (< 0.25 s)
    assert s["silence_sec"] == pytest.approx(7.0)
    assert s["articulation_wpm"] == round(8 / (5 / 60), 2) == 96.0


def test_window_nonverbal_and_emotions():
    times = [i / 10 for i in range(100)]  # 10 s at 10 fps, no face every 10th frame, looking away 2.0-3.0 s
    face = [i % 10 != 0 for i in range(100)]
    contact = [f and not 2.0 <= t < 3.0 for t, f in zip(times, face)]
    nods = [{"t": 1.5}, {"t": 6.0}]
    nv = window_nonverbal(times=times, face=face, contact=contact, nod_events=nods, start=0.0, end=5.0)
    assert nv["frames"] == 50 and nv["face_detected_ratio"] == 0.9
    assert nv["eye_contact_ratio"] == pytest.approx((45 - 9) / 50)  # 2.0-3.0 s look away: 9 face frames in it
    assert nv["nods"] == 1 and nv["nod_events"] == [{"t": 1.5}]
    assert window_nonverbal(times=times, face=face, contact=contact, nod_events=[], start=20, end=30) is None
    with pytest.raises(ValueError, match="100 frame times, 100 face flags and 99 eye-contact flags"):
        window_nonverbal(times=times, face=face, contact=contact[1:], nod_events=[], start=0, end=5)
    em = window_emotions(timeline=[{"t": 1, "e": "happiness"}, {"t": 2, "e": "happiness"}, {"t": 3, "e": "neutral"},
                                   {"t": 9, "e": "sadness"}], start=0, end=5)
    assert em == {"dominant_emotion": "happiness", "distribution": {"happiness": 0.667, "neutral": 0.333}}


def test_an_answer_spanning_the_whole_interview_has_the_interview_speech_measures():
    """The speech stage's measures and an answer window over the whole signal give the same numbers.

    They do though the transcript has a filler, a speech-recognition loop, an elision cut in two and a word in
    silence.
    """
    import numpy as np

    from interview_ai_lab.stages import speech_metrics as sm

    sr = 16000
    y = 0.001 * np.random.default_rng(0).standard_normal(12 * sr).astype(np.float32)  # room noise, -63 dB
    t = np.arange(len(y)) / sr
    for a, b in ((0.5, 3.0), (4.0, 7.0), (8.5, 11.0)):  # three stretches of a voice-like 120 Hz harmonic sound
        on = (t >= a) & (t < b)
        y[on] += 0.3 * sum(np.sin(2 * np.pi * 120 * k * t[on]) / k for k in range(1, 6)) / 2.3
    said = [("Je", 0.6, 0.8), ("pense", 0.9, 1.3), ("um", 1.4, 1.9), ("que", 2.0, 2.2), ("j", 2.3, 2.4),
            ("'ai", 2.4, 2.8), ("la", 4.1, 4.3), ("la", 4.4, 4.6), ("la", 4.7, 4.9), ("réponse", 5.0, 5.6),
            ("Bonjour", 7.5, 7.8), ("voilà", 8.6, 9.1), ("merci", 9.3, 10.0)]
    transcript = {"language": "fr", "segments": [{"start": 0.5, "end": 11.0, "text": " ".join(w for w, *_ in said),
                                                  "words": [{"word": w, "start": a, "end": b} for w, a, b in said]}]}
    counted: list = []
    interview = sm.measure(y, sr, transcript=transcript, opts=sm.Options(), warnings=[], counted_words=counted)
    # counted: Je pense que j'ai la réponse voilà merci (um is a filler, la la la a loop, Bonjour has no sound)
    assert [w["word"] for w in counted] == ["Je", "pense", "que", "j'ai", "la", "réponse", "voilà", "merci"]
    answer = window_speech(words=[Word(w["word"], w["start"], w["end"]) for w in counted],
                           pauses=interview["pauses"], filler_events=interview["filler_events"],
                           start=0.0, end=interview["duration_sec"])
    assert interview["word_count"] == answer["words"] == 8
    assert (answer["wpm"], answer["articulation_wpm"], answer["silence_sec"], answer["pauses"], answer["fillers"]) == (
        interview["wpm"], interview["articulation_rate"], interview["silence_sec"], interview["pauses"],
        interview["fillers"])
    assert interview["wpm"] == 40.0 and interview["fillers"] >= 1


def test_an_answer_spanning_the_whole_interview_has_the_interview_eye_contact():
    """The gaze stage's measures and an answer window over all the face frames give the same numbers.

    They do though one look-away is shorter than a reported look-away event and one frame flickers.
    """
    import numpy as np

    from interview_ai_lab.stages import gaze_nods

    t = np.arange(150) / 10.0  # 15 s at 10 fps
    yaw = np.where(((t >= 3.0) & (t < 3.3)) | ((t >= 8.0) & (t < 10.0)), 30.0, 1.0)  # looks away 0.3 s and 2 s
    yaw[60] = 25.0  # one frame of landmark jitter
    pitch = np.where(np.abs(t - 5.0) < 0.3, -9.0 * (1 + np.cos(np.pi * (t - 5.0) / 0.3)) / 2, -1.0)  # a nod at 5 s
    face = (t < 12.0) | (t >= 13.0)  # no face 12-13 s
    frames = [{"t": round(float(tt), 2), "face": bool(f), "yaw": float(yw) if f else None,
               "pitch": float(p) if f else None, "iris": [0.0, 0.0] if f else None}
              for tt, f, yw, p in zip(t, face, yaw, pitch)]
    opts = gaze_nods.Options()
    interview = gaze_nods.measure(frames, fps=10.0, opts=opts)
    contact = gaze_nods.contact_frames(frames, opts=opts)[0]
    answer = window_nonverbal(times=t.tolist(), face=face.tolist(), contact=contact.tolist(),
                              nod_events=interview["nod_events"], start=0.0, end=15.0)
    assert (answer["eye_contact_ratio"], answer["face_detected_ratio"], answer["nods"], answer["frames"]) == (
        interview["eye_contact_ratio"], interview["face_detected_ratio"], interview["nods"], interview["frames"])
    # 150 frames: 3 + 20 looking away, 10 without a face; the look-away events leave out the 0.3-s one
    assert interview["eye_contact_ratio"] == round(117 / 150, 4) and interview["nods"] == 1
    assert interview["look_away_events"] == [{"start": 8.0, "end": 10.0}]


def test_match_stops_at_the_end_of_the_question_even_if_the_answer_repeats_its_words():
    words = timed("why do you want to work for our company your company builds software", 0.0)
    m = match_question(question="Why do you want to work for our company?", words=words)
    assert m is not None and m.last_word == 8 and m.score == 1.0


def test_the_silence_after_the_last_word_is_never_a_boundary():
    words = timed("one two three four five six", 1.0) + timed("seven eight nine ten", 5.0)
    pauses = [{"start": 3.4, "end": 5.0}, {"start": 6.5, "end": 20.0}]  # a long tail of silence
    ws = answer_windows(questions=[{"text": "a"}, {"text": "b"}], words=words, pauses=pauses, duration=20.0)
    assert [w.method for w in ws] == ["first_speech", "pause"] and ws[1].start == 5.0


def test_assign_words_cuts_in_the_gaps_and_skips_the_question_read_aloud():
    from interview_ai_lab.report.segmentation import Window, assign_words

    words = [Word("Hello", 0.0, 1.2), Word("a", 2.0, 2.3), Word("b", 5.0, 5.3), Word("Why?", 6.0, 6.5), Word("c", 7.5, 7.8)]
    ws = [Window(0.9, 3.0, "first_speech"), Window(4.8, 5.6, "pause"), Window(7.4, 9.0, "transcript", (6.0, 6.5))]
    got = assign_words(windows=ws, words=words)
    assert [[w.text for w in g] for g in got] == [["Hello", "a"], ["b"], ["c"]]


def test_given_ends_end_the_answers_exactly():
    """An answer recorded on its own (start and end given) is exactly its span; the last is clipped to the recording."""
    questions = [{"text": "a", "start": 0.0, "end": 4.0}, {"text": "b", "start": 4.0, "end": 6.52},
                 {"text": "c", "start": 6.52, "end": 9.9}]
    w = answer_windows(questions=questions, words=[], pauses=[], duration=9.84)
    assert [(x.start, x.end, x.method) for x in w] == [(0.0, 4.0, "given"), (4.0, 6.52, "given"),
                                                       (6.52, 9.84, "given")]
    # a word lies in an exact span or in none (a gap between two given spans belongs to no answer)
    words = [Word("one", 1.0, 1.4), Word("gap", 5.0, 5.3), Word("two", 7.0, 7.3)]
    spans = [{"text": "a", "start": 0.0, "end": 4.0}, {"text": "c", "start": 6.52, "end": 9.9}]
    w = answer_windows(questions=spans, words=words, pauses=[], duration=9.84)
    assert [[x.text for x in ws] for ws in assign_words(windows=w, words=words, exact=[True, True])] == [
        ["one"], ["two"]]
