"""Answer boundaries of a one-way interview, and the run's measures sliced to one answer.

A one-way interview is a series of questions, each followed by the candidate's
answer. Given the questions (text, start time when known), :func:`answer_windows`
finds where each answer starts and ends, question by question, by the first method
that applies:

1. ``given`` — the start time came with the question (seconds from the start); with an ``end`` too
   (an answer recorded on its own, e.g. in the candidate's browser), the answer is exactly
   ``[start, end)`` and nothing is guessed.
2. ``transcript`` — the question's words appear in the transcript (the candidate, or a
   recorded interviewer, reads the question aloud): a fuzzy match on word unigrams
   and bigrams (:func:`match_question`); the answer starts where the question ends.
3. ``pause`` — between two known boundaries, the answers are split at the ``k``
   longest pauses (``k`` = answers to split), at least ``min_pause`` seconds long,
   kept in time order; the answer starts where the pause ends. When there are not
   enough such pauses, shorter ones are used (``short_pause``), then the longest
   remaining stretches are cut into equal parts (``even_split``).
4. The first answer, without a start time or a match, starts at the first word
   (``first_speech``).

An answer ends at its given ``end``, else where the next boundary begins (the next start, the start
of the next question's reading, the start of the splitting pause) or at the end of the recording.

The second half of the module gives one answer window the whole run's measures
(:func:`window_speech`, :func:`window_nonverbal`, :func:`window_emotions`): they call the
functions that measure the whole interview (:func:`~interview_ai_lab.speech.audio_metrics.speech_rates`,
:func:`~interview_ai_lab.vision.nonverbal_metrics.contact_shares`) on the answer's window, so an
answer's figure and the interview's follow one rule. They are pure and keyword-only, and times
are in seconds from the start of the video.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from interview_ai_lab.speech.audio_metrics import MIN_PAUSE_SEC, speech_rates
from interview_ai_lab.text.textutils import tokenize
from interview_ai_lab.vision.nonverbal_metrics import contact_shares, in_window

#: Boundary methods, as recorded in ``report.questions[].boundary_method``.
METHODS = ("given", "transcript", "pause", "short_pause", "even_split", "first_speech")


@dataclass(frozen=True)
class Word:
    """A transcribed word with its times in seconds."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class QuestionMatch:
    """Where a question's text was found in the transcript.

    Attributes:
        start: Time the first matched word starts, seconds.
        end: Time the last matched word ends, seconds.
        first_word: Index of the first matched word.
        last_word: Index of the last matched word (inclusive).
        score: Match score in [0, 1]: mean of unigram and bigram recall of the question.
    """

    start: float
    end: float
    first_word: int
    last_word: int
    score: float


@dataclass(frozen=True)
class Window:
    """The time span of one answer.

    Attributes:
        start: Answer start, seconds.
        end: Answer end, seconds (``end > start``).
        method: How the start was found (one of :data:`METHODS`).
        question_span: ``(start, end)`` of the question read aloud, when found in the transcript.
        match_score: Score of the transcript match (``transcript`` method only).
    """

    start: float
    end: float
    method: str
    question_span: tuple[float, float] | None = None
    match_score: float | None = None

    @property
    def duration(self) -> float:
        """Length of the answer, seconds."""
        return max(0.0, self.end - self.start)


def words_from_transcript(transcript: Mapping[str, Any] | None) -> list[Word]:
    """The timed words of a ``transcript.json`` (segments → words), in time order.

    Segments without word timestamps contribute one pseudo-word per whitespace token,
    spread evenly over the segment.
    """
    words: list[Word] = []
    for seg in (transcript or {}).get("segments") or []:
        seg_words = seg.get("words") or []
        if seg_words:
            for w in seg_words:
                text = str(w.get("word", "")).strip()
                if text:
                    words.append(Word(text, float(w.get("start", seg.get("start", 0.0))), float(w.get("end", seg.get("end", 0.0)))))
            continue
        tokens = str(seg.get("text", "")).split()
        s, e = float(seg.get("start", 0.0)), float(seg.get("end", 0.0))
        step = (e - s) / max(1, len(tokens))
        words.extend(Word(t, s + i * step, s + (i + 1) * step) for i, t in enumerate(tokens))
    words.sort(key=lambda w: w.start)
    return words


def _bigrams(tokens: Sequence[str]) -> Counter[tuple[str, str]]:
    return Counter(zip(tokens, tokens[1:]))


def _recall(wanted: Counter[Any], have: Counter[Any]) -> float:
    total = sum(wanted.values())
    return sum((wanted & have).values()) / total if total else 0.0


def match_question(*, question: str, words: Sequence[Word], t_from: float = 0.0, t_to: float = math.inf,
                   min_score: float = 0.6, min_tokens: int = 3) -> QuestionMatch | None:
    """Find the question's text read aloud in the transcript words.

    Slides a window of ``len(question tokens) + slack`` tokens over the words that start
    in ``[t_from, t_to)``; the score of a window is the mean of the question's unigram
    recall and bigram recall in it (word order matters through the bigrams, so an answer
    that merely reuses the question's words scores low). The best window (the earliest
    on ties) is trimmed to its first and last question token.

    Args:
        question: The question text.
        words: Timed words of the transcript (:func:`words_from_transcript`).
        t_from: Search words starting at or after this time, seconds.
        t_to: ... and before this time, seconds.
        min_score: Lowest score accepted as a match, 0-1.
        min_tokens: Questions with fewer tokens are never matched (too ambiguous).

    Returns:
        The match, or None when no window reaches ``min_score``.
    """
    q = tokenize(question, split_elisions=False)
    if len(q) < min_tokens:
        return None
    toks: list[str] = []
    owner: list[int] = []
    for i, w in enumerate(words):
        if w.start < t_from or w.start >= t_to:
            continue
        for t in tokenize(w.text, split_elisions=False):
            toks.append(t)
            owner.append(i)
    if not toks:
        return None
    q_uni, q_bi = Counter(q), _bigrams(q)

    def _score(win: Sequence[str]) -> float:
        return 0.5 * _recall(q_uni, Counter(win)) + 0.5 * (_recall(q_bi, _bigrams(win)) if q_bi else 1.0)

    qset = set(q)
    size = len(q) + max(2, len(q) // 4)
    best: tuple[float, int, int] | None = None
    for p in range(max(1, len(toks) - len(q) // 2)):
        if toks[p] not in qset:
            continue  # a match starts on a question word
        win = toks[p:p + size]
        score = _score(win)
        if score < min_score or (best is not None and score <= best[0] + 1e-9):
            continue
        # the shortest prefix of the window with the same score: the question ends there, the
        # answer's first words (which may repeat the question's words) are not part of it
        last = len(win) - 1
        for e in range(max(1, len(q) // 2), len(win) + 1):
            if _score(win[:e]) >= score - 1e-9:
                last = e - 1
                break
        best = (score, p, p + last)
    if best is None or best[0] < min_score:
        return None
    score, a, b = best
    wa, wb = words[owner[a]], words[owner[b]]
    return QuestionMatch(wa.start, wb.end, owner[a], owner[b], round(score, 3))


def _pause_candidates(pauses: Iterable[Mapping[str, Any] | Sequence[float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """Pauses ``(start, end)`` lying strictly inside ``(lo, hi)``."""
    out = []
    for p in pauses:
        s, e = (float(p["start"]), float(p["end"])) if isinstance(p, Mapping) else (float(p[0]), float(p[1]))
        if s > lo and e < hi and e > s:
            out.append((s, e))
    return out


def split_points(*, pauses: Iterable[Mapping[str, Any] | Sequence[float]], count: int, lo: float, hi: float,
                 min_pause: float = 1.5) -> list[tuple[float, float, str]]:
    """``count`` boundaries inside ``(lo, hi)``, in time order, as ``(prev_end, next_start, method)``.

    The ``count`` longest pauses inside the interval are used (``pause`` when at least
    ``min_pause`` seconds, ``short_pause`` otherwise); missing boundaries cut the longest
    remaining stretches into equal parts (``even_split``, ``prev_end == next_start``).

    Args:
        pauses: Pauses as ``{"start", "end"}`` dicts or ``(start, end)`` pairs, seconds.
        count: Number of boundaries wanted.
        lo: Start of the interval, seconds (a boundary is never at ``lo``).
        hi: End of the interval, seconds.
        min_pause: Shortest pause that counts as a clear answer boundary, seconds.
    """
    if count <= 0:
        return []
    cands = sorted(_pause_candidates(pauses, lo, hi), key=lambda p: (-(p[1] - p[0]), p[0]))[:count]
    points = [(s, e, "pause" if e - s >= min_pause else "short_pause") for s, e in cands]
    missing = count - len(points)
    if missing > 0:
        edges = sorted([lo, hi] + [x for s, e, _ in points for x in (s, e)])
        # stretches between consecutive boundaries: (edges[0], edges[1]), (edges[2], edges[3]), ...
        spans = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]
        cuts = [0] * len(spans)
        for _ in range(missing):  # each cut goes where the parts are longest
            k = max(range(len(spans)), key=lambda j: (spans[j][1] - spans[j][0]) / (cuts[j] + 1))
            cuts[k] += 1
        for (a, b), c in zip(spans, cuts):
            for m in range(1, c + 1):
                t = a + (b - a) * m / (c + 1)
                points.append((t, t, "even_split"))
    return sorted(points)


def answer_windows(*, questions: Sequence[Mapping[str, Any]], words: Sequence[Word],
                   pauses: Iterable[Mapping[str, Any] | Sequence[float]], duration: float,
                   min_pause: float = 1.5, match_threshold: float = 0.6) -> list[Window]:
    """The answer window of every question (see the module docstring for the methods).

    Args:
        questions: ``[{"text": str, "start": seconds or None, "end": seconds (optional)}, ...]`` in interview
            order; a given ``end`` ends the answer there (clipped to the recording).
        words: Timed transcript words (:func:`words_from_transcript`).
        pauses: The run's pauses, ``{"start", "end"}`` seconds (``speech.json``).
        duration: Length of the recording, seconds.
        min_pause: Shortest pause that splits two answers without a doubt, seconds.
        match_threshold: Lowest :func:`match_question` score accepted.

    Raises:
        ValueError: Given start times are negative, beyond ``duration`` or not increasing.
    """
    n = len(questions)
    if n == 0:
        return []
    pauses = list(pauses)
    duration = max(float(duration), max((w.end for w in words), default=0.0))
    starts: list[float | None] = []
    for i, q in enumerate(questions):
        s = q.get("start")
        if s is not None:
            s = float(s)
            if s < 0 or s >= duration:
                raise ValueError(f"question {i + 1}: start {s:g} s is outside the recording (0–{duration:.1f} s)")
            if starts and any(p is not None and s <= p for p in starts):
                raise ValueError(f"question {i + 1}: start {s:g} s is not after the previous question's start")
        starts.append(s)

    # boundary[i] = (previous answer's end, this answer's start, method, question span, score)
    bounds: list[tuple[float, float, str, tuple[float, float] | None, float | None] | None] = [
        (s, s, "given", None, None) if s is not None else None for s in starts]

    # 2. the question read aloud in the transcript, in order, between the known anchors
    t_from = 0.0
    for i in range(n):
        b = bounds[i]
        if b is not None:
            t_from = b[1]
            continue
        t_to = next((bounds[j][0] for j in range(i + 1, n) if bounds[j] is not None), math.inf)  # type: ignore[index]
        m = match_question(question=str(questions[i].get("text", "")), words=words, t_from=t_from, t_to=t_to,
                           min_score=match_threshold)
        if m is not None:
            # the answer starts with the first word after the question (else where the question ends)
            nxt = next((w.start for w in words[m.last_word + 1:] if w.start >= m.end - 0.05), None)
            start = nxt if nxt is not None and nxt < t_to else m.end
            # ASR word starts drift into the silence before them: the end of the measured pause
            # that follows the question is the exact onset of the answer
            gap = list(_pause_candidates(pauses, m.end - 0.4, min(t_to, start + 1.0)))
            if gap:
                start = max(gap, key=lambda p: p[1] - p[0])[1]
            bounds[i] = (m.start, start, "transcript", (m.start, m.end), m.score)
            t_from = m.end

    # 3./4. runs of unknown starts: first answer at the first word, the others at pauses
    i = 0
    while i < n:
        if bounds[i] is not None:
            i += 1
            continue
        j = i
        while j + 1 < n and bounds[j + 1] is None:
            j += 1
        hi = bounds[j + 1][0] if j + 1 < n else duration  # type: ignore[index]
        if i == 0:
            first = next((w.start for w in words if w.start < hi), 0.0)
            # the first word's start drifts into the lead-in silence: the measured pause ends at the onset
            first = next((e for s0, e in _pause_candidates(pauses, -1.0, hi) if s0 <= first < e and e - first < 1.0), first)
            bounds[0] = (first, first, "first_speech", None, None)
            lo, k, first_idx = first, j, 1
        else:
            lo, k, first_idx = bounds[i - 1][1], j - i + 1, i  # type: ignore[index]
        # a boundary pause has speech on both sides: never the silence before the first or after the last word
        inner = [w for w in words if lo <= w.start < hi]
        usable = pauses
        if inner:
            first_end, last_start = inner[0].end, inner[-1].start
            usable = [p for p in _pause_candidates(pauses, lo, hi) if p[0] >= first_end - 0.3 and p[1] <= last_start + 0.3]
        for idx, (pe, ns, method) in enumerate(split_points(pauses=usable, count=k, lo=lo, hi=hi, min_pause=min_pause)):
            bounds[first_idx + idx] = (pe, ns, method, None, None)
        i = j + 1

    windows: list[Window] = []
    for i, b in enumerate(bounds):
        assert b is not None
        _, start, method, span, score = b
        given_end = questions[i].get("end")
        if given_end is not None:
            end = min(float(given_end), duration)
        else:
            end = bounds[i + 1][0] if i + 1 < n else duration  # type: ignore[index]
        windows.append(Window(round(start, 3), round(max(end, start), 3), method, span, score))
    return windows


# --------------------------------------------------------------------------- measures in a window


def assign_words(*, windows: Sequence[Window], words: Sequence[Word], exact: Sequence[bool] = (),
                 slack: float = 0.3) -> list[list[Word]]:
    """The words of each answer, one list per window.

    The time is cut halfway through the gap between two answers (the first answer takes
    everything before it, the last everything after it), and the words of a question read
    aloud belong to no answer.

    ASR word times drift by a few tenths of a second; cutting in the middle of the gaps
    keeps a word at the edge of an answer with it (a plain ``[start, end)`` test on the
    word's midpoint may drop the first word of the recording).

    Args:
        windows: The answers' windows, in time order.
        words: The timed words.
        exact: Per window, True when its start and end were given (an answer recorded on its
            own): it then keeps only the words whose midpoint lies in it, give or take ``slack``
            seconds, and a word between two such answers belongs to none.
        slack: Seconds a word of an exact window may spill over its edges (ASR drift).
    """
    out: list[list[Word]] = [[] for _ in windows]
    if not windows:
        return out
    cuts = [(windows[i - 1].end + windows[i].start) / 2.0 for i in range(1, len(windows))]
    spans = [w.question_span for w in windows if w.question_span is not None]
    for word in words:
        mid = (word.start + word.end) / 2.0
        if any(a - 0.05 <= mid <= b + 0.05 for a, b in spans):
            continue
        k = sum(1 for c in cuts if mid >= c)
        if k < len(exact) and exact[k] and not windows[k].start - slack <= mid < windows[k].end + slack:
            continue
        out[k].append(word)
    return out


def window_speech(*, words: Sequence[Word], pauses: Iterable[Mapping[str, Any]],
                  filler_events: Iterable[Mapping[str, Any]], start: float, end: float,
                  min_pause: float = MIN_PAUSE_SEC) -> dict[str, Any]:
    """Speech measures of one answer, by the interview's rule (:func:`~interview_ai_lab.speech.audio_metrics.speech_rates`).

    Over the whole recording, with all the words the speech stage counted, its pauses and
    fillers, this gives the interview's ``wpm``, ``articulation_rate``, ``silence_sec`` and
    ``fillers`` (``speech.json``).

    Args:
        words: The answer's counted words: those the speech stage counted (``speech.json``
            ``counted_words``: fillers, loops and words without sound left out), given to the
            answers by :func:`assign_words`.
        pauses: The run's pauses ``{"start", "end"}`` (seconds), clipped to the window.
        filler_events: The run's fillers ``{"word", "t", ...}`` (seconds).
        start: Window start, seconds.
        end: Window end, seconds.
        min_pause: Clipped pauses shorter than this are not counted, seconds.

    Returns:
        ``duration_sec`` (s), ``words`` (count), ``wpm`` (words/min over the window),
        ``articulation_wpm`` (words/min over the time not in pauses), ``silence_sec`` (s, pauses ≥
        ``min_pause`` inside the window), ``min_pause_sec`` (``min_pause``), ``pauses`` (clipped), ``fillers``
        (count), ``filler_events`` (in the window).
    """
    rates = speech_rates(word_count=len(words), pauses=[(float(p["start"]), float(p["end"])) for p in pauses],
                         start_sec=start, end_sec=end, min_pause_sec=min_pause)
    events = [dict(e) for e in filler_events if start <= float(e.get("t", -1.0)) < end]
    return {
        "duration_sec": rates.duration_sec,
        "words": rates.word_count,
        "wpm": rates.wpm,
        "articulation_wpm": rates.articulation_rate,
        "silence_sec": rates.silence_sec,
        "min_pause_sec": min_pause,
        "pauses": [{"start": a, "end": b} for a, b in rates.pauses],
        "fillers": len(events),
        "filler_events": events,
    }


def window_nonverbal(*, times: Sequence[float], face: Sequence[bool], contact: Sequence[bool],
                     nod_events: Iterable[Mapping[str, Any]], start: float, end: float) -> dict[str, Any] | None:
    """Non-verbal measures of one answer, by the interview's rule.

    That rule is :func:`~interview_ai_lab.vision.nonverbal_metrics.contact_shares` of the answer's frames.

    Each frame's eye contact was decided once for the whole interview (``gaze.json``
    ``eye_contact``, :func:`~interview_ai_lab.vision.nonverbal_metrics.eye_contact_frames`);
    a frame without a face is no contact. Over the whole recording this gives the interview's
    ``eye_contact_ratio``, ``face_detected_ratio`` and ``nods``.

    Args:
        times: ``faces.json`` frame times, seconds.
        face: The candidate's face is seen, per frame.
        contact: Eye contact, per frame (``gaze.json`` ``eye_contact``).
        nod_events: ``gaze.json`` nods ``{"t", ...}`` (seconds).
        start: Window start, seconds.
        end: Window end, seconds.

    Returns:
        ``eye_contact_ratio`` (0-1), ``nods`` (count), ``nod_events``, ``face_detected_ratio``
        (0-1), ``frames`` (landmark frames in the window); None when no frame falls in the window.

    Raises:
        ValueError: ``times``, ``face`` and ``contact`` differ in length.
    """
    if not len(times) == len(face) == len(contact):
        raise ValueError(f"{len(times)} frame times, {len(face)} face flags and {len(contact)} eye-contact flags")
    sel = in_window(np.asarray(times, dtype=float), start_sec=start, end_sec=end)
    if not sel.any():
        return None
    nods = [dict(e) for e in nod_events if start <= float(e.get("t", -1.0)) < end]
    shares = contact_shares(face=np.asarray(face, dtype=bool)[sel], contact=np.asarray(contact, dtype=bool)[sel])
    return {
        "eye_contact_ratio": shares["eye_contact_ratio"],
        "nods": len(nods),
        "nod_events": nods,
        "face_detected_ratio": shares["face_detected_ratio"],
        "frames": int(sel.sum()),
    }


def window_emotions(*, timeline: Sequence[Mapping[str, Any]], start: float, end: float) -> dict[str, Any] | None:
    """Emotion ``distribution`` (shares summing to 1) and ``dominant_emotion`` of the timeline points in the window.

    Args:
        timeline: ``[{"t": seconds, "e": label}]`` (the run's emotion timeline).
        start: Window start, seconds.
        end: Window end, seconds.

    Returns:
        ``{"dominant_emotion", "distribution"}``, or None when no point is in the window.
    """
    labels = [str(p["e"]) for p in timeline if start <= float(p.get("t", -1.0)) < end and p.get("e")]
    if not labels:
        return None
    counts = Counter(labels)
    dist = {k: round(v / len(labels), 3) for k, v in sorted(counts.items())}
    return {"dominant_emotion": counts.most_common(1)[0][0], "distribution": dist}
