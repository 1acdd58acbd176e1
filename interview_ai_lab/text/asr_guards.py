"""Guards on a speech recogniser's output: what Whisper wrote that was not said is dropped, and said why.

Whisper is a language model as much as an acoustic one: over silence, breath, noise or the end of a
chunk it can write fluent text nobody said ("I'll see you in the next video."), loop on a phrase, or
repeat its prompt. A report that quotes a candidate must never contain such words, so each decoded
segment goes through :func:`guard_segment`, which keeps the words that lie on a voice and drops the
rest with a reason:

* ``no_speech``: Whisper itself rates the segment as no speech (no-speech probability above
  ``NO_SPEECH_PROB`` with a mean token log-probability below ``LOW_LOGPROB``);
* ``loop``: a phrase of 1-10 words comes back three times or more in a row (its copies after the first), or
  the segment's text compresses too well (gzip ratio above ``MAX_COMPRESSION``) and a phrase comes back twice
  or more in a row (its copies after the first; the whole segment when no repeated phrase explains it);
* ``prompt_echo``: the segment only repeats the words of the decoding prompt (``initial_prompt``);
* ``zero_length``: words of (nearly) no length piled at the end of a chunk or of the recording, or three
  or more words squeezed into under 50 ms each;
* ``no_voice``: a word with no voiced frame under it (``margin_sec`` either side): silence, a breath, a
  cough, a click;
* ``filler_sound``: a short word written over a hesitation sound alone in its sound island (a steady
  "uh"/"um"/"euh" that Whisper heard as "Done."): decided on the signal by the transcription stage
  (:func:`interview_ai_lab.speech.voicing.steady_vowel`); the speech measures count it as a filler.

:func:`dropped_items` groups the dropped words into ``{start, end, text, reason}`` items for
``transcript.dropped``; :func:`join_words` builds a text from timed words.

Pure functions on word dicts ``{"word", "start", "end", "probability"}`` (seconds).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from interview_ai_lab.text.lexicon import normalize

__all__ = ["REASONS", "NO_SPEECH_PROB", "LOW_LOGPROB", "MAX_COMPRESSION", "Guarded", "compression_ratio",
           "loop_copies", "collapse_loops", "prompt_echo", "piled_words", "guard_segment", "dropped_items",
           "join_words"]

#: Why a word was dropped (the ``reason`` of a ``transcript.dropped`` item).
REASONS = ("no_speech", "loop", "prompt_echo", "zero_length", "no_voice", "filler_sound")
#: Whisper's own no-speech rule: probability of "no speech" above this ...
NO_SPEECH_PROB = 0.6
#: ... with a mean token log-probability below this.
LOW_LOGPROB = -1.0
#: A segment whose text compresses better than this (gzip) is a loop (Whisper's own threshold).
MAX_COMPRESSION = 2.4
#: A word shorter than this is "zero-length", seconds.
ZERO_LENGTH_SEC = 0.03
_ELISION = ("'", "’")
#: A token starting with one of these continues the word before it ("ill" + "-disposed", "l'" + "homme").
_GLUED = ("-", "'", "’")


def compression_ratio(text: str) -> float:
    """Length of ``text`` (UTF-8 bytes) over its zlib-compressed length; 0 for an empty text."""
    raw = text.encode("utf-8")
    return len(raw) / len(zlib.compress(raw)) if raw else 0.0


def loop_copies(words: Sequence[dict[str, Any]], *, max_ngram: int = 10, min_repeats: int = 3) -> list[bool]:
    """For each word, True when it is a repeated copy of a loop, the first copy excepted.

    A loop is ``min_repeats`` or more back-to-back copies of the same 1..``max_ngram``-word phrase (compared by
    :func:`normalize`).

    Genuine speech rarely says the same phrase three times in a row; Whisper's decoder does so over
    noise-only stretches ("pour que tu as appliqué son mobile pour que tu as appliqué son mobile ...").
    """
    keys = [normalize(str(w["word"])) for w in words]
    copy = [False] * len(words)
    i = 0
    while i < len(words):
        best = None
        for n in range(1, max_ngram + 1):
            reps = 1
            while i + (reps + 1) * n <= len(keys) and keys[i + reps * n:i + (reps + 1) * n] == keys[i:i + n]:
                reps += 1
            if reps >= min_repeats and (best is None or reps * n > best[0] * best[1]):
                best = (reps, n)
        if best is None:
            i += 1
            continue
        reps, n = best
        for j in range(i + n, i + reps * n):
            copy[j] = True
        i += reps * n
    return copy


def collapse_loops(words: list[dict[str, Any]], *, max_ngram: int = 10, min_repeats: int = 3) -> list[dict[str, Any]]:
    """``words`` without the repeated copies of a loop (see :func:`loop_copies`): each loop keeps its first copy."""
    return [w for w, c in zip(words, loop_copies(words, max_ngram=max_ngram, min_repeats=min_repeats)) if not c]


def prompt_echo(words: Sequence[dict[str, Any]], prompt: str | None, *, min_words: int = 3) -> bool:
    """True when ``words`` (``min_words`` or more) are only words of the decoding ``prompt`` ("Um, so, uh… I think").

    Over breath or noise Whisper may write its prompt back ("I think, uh, I think, uh…").
    """
    if not prompt or len(words) < min_words:
        return False
    vocab = {normalize(w) for w in prompt.split()} - {""}
    keys = [normalize(str(w["word"])) for w in words]
    return all(k in vocab for k in keys if k)


def piled_words(words: Sequence[dict[str, Any]], *, chunk_end: float | None, zero_sec: float = ZERO_LENGTH_SEC,
                end_margin_sec: float = 0.3, min_fast: int = 3, fast_sec_per_word: float = 0.05) -> list[bool]:
    """For each word, True when it is "zero-length" material (see the module docstring).

    Args:
        words: Timed words of one segment, in order.
        chunk_end: End of the chunk the words were decoded from (or of the recording), seconds; None: no end rule.
        zero_sec: Words shorter than this at the end count as piled, seconds.
        end_margin_sec: How close to ``chunk_end`` a piled word starts, seconds.
        min_fast: Runs of at least this many words ...
        fast_sec_per_word: ... under this many seconds each are dropped whole, seconds.
    """
    out = [False] * len(words)
    if chunk_end is not None:
        i = len(words) - 1
        while i >= 0 and float(words[i]["end"]) - float(words[i]["start"]) < zero_sec \
                and float(words[i]["start"]) >= chunk_end - end_margin_sec:
            out[i] = True
            i -= 1
    # Runs of words squeezed into no time ("You know what I mean?" in 0.16 s), anywhere.
    i = 0
    while i < len(words):
        j = i
        while j + 1 < len(words) and float(words[j + 1]["end"]) - float(words[i]["start"]) < fast_sec_per_word * (j + 2 - i):
            j += 1
        if j + 1 - i >= min_fast:
            for k in range(i, j + 1):
                out[k] = True
            i = j + 1
        else:
            i += 1
    return out


@dataclass
class Guarded:
    """A segment's words after the guards.

    Attributes:
        kept: The words kept, in order.
        dropped: ``(word, reason)`` of each word dropped, in order.
    """

    kept: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def guard_segment(words: Sequence[dict[str, Any]], *, text: str, no_speech_prob: float | None,
                  avg_logprob: float | None, voice_near: Callable[[float, float], bool] | None,
                  prompt: str | None = None, chunk_end: float | None = None,
                  max_compression: float = MAX_COMPRESSION, no_speech_prob_max: float = NO_SPEECH_PROB,
                  low_logprob: float = LOW_LOGPROB) -> Guarded:
    """Keep the words of one decoded segment that were said (see the module docstring for the rules, in order).

    Args:
        words: The segment's timed words.
        text: The segment's text as decoded.
        no_speech_prob: Whisper's probability that the segment holds no speech (None: not known).
        avg_logprob: Mean log-probability of the segment's tokens (None: not known).
        voice_near: ``voice_near(start, end)`` says whether a voice lies under (or next to) a word;
            None skips the ``no_voice`` rule.
        prompt: The ``initial_prompt`` the segment was decoded with.
        chunk_end: End of the decoded chunk, seconds (the ``zero_length`` rule at the end).
        max_compression: See :data:`MAX_COMPRESSION`.
        no_speech_prob_max: See :data:`NO_SPEECH_PROB`.
        low_logprob: See :data:`LOW_LOGPROB`.
    """
    words = list(words)
    out = Guarded()
    whole = None
    copies = loop_copies(words)
    if (no_speech_prob is not None and avg_logprob is not None and no_speech_prob > no_speech_prob_max
            and avg_logprob < low_logprob):
        whole = "no_speech"
    elif compression_ratio(text.strip()) > max_compression:
        # A text that compresses like a loop: the copies of its repeated phrase go (the first copy stays, as for
        # a short loop); a text that compresses so well with no phrase to explain it is dropped whole.
        copies = loop_copies(words, max_ngram=max(10, len(words) // 2), min_repeats=2)
        if not any(copies):
            whole = "loop"
    elif prompt_echo(words, prompt):
        whole = "prompt_echo"
    if whole is not None:
        out.dropped = [(w, whole) for w in words]
        return out
    piled = piled_words(words, chunk_end=chunk_end)
    for w, is_copy, is_piled in zip(words, copies, piled):
        if is_copy:
            out.dropped.append((w, "loop"))
        elif is_piled:
            out.dropped.append((w, "zero_length"))
        elif voice_near is not None and not voice_near(float(w["start"]), float(w["end"])):
            out.dropped.append((w, "no_voice"))
        else:
            out.kept.append(w)
    return out


def join_words(words: Sequence[dict[str, Any]]) -> str:
    """The text of timed words, in their order.

    Words are joined by spaces; a word's pieces and French elisions are kept together (``ill`` + ``-disposed``
    → ``ill-disposed``, ``l'`` + ``homme`` → ``l'homme``).
    """
    text = ""
    for w in words:
        token = str(w.get("word", "")).strip()
        if not token:
            continue
        if text and not (text.endswith(_ELISION) or token.startswith(_GLUED)):
            text += " "
        text += token
    return text


def dropped_items(dropped: Sequence[tuple[dict[str, Any], str]], *, max_gap_sec: float = 1.0) -> list[dict[str, Any]]:
    """``{start, end, text, reason}`` items for ``transcript.dropped`` (times in seconds).

    Consecutive dropped words with the same reason and less than ``max_gap_sec`` seconds apart make one item.

    Args:
        dropped: ``(word, reason)`` pairs in time order.
        max_gap_sec: Largest gap between two words of one item, seconds.
    """
    items: list[dict[str, Any]] = []
    group: list[dict[str, Any]] = []
    reason = None

    def flush() -> None:
        if group:
            items.append({"start": round(float(group[0]["start"]), 3), "end": round(float(group[-1]["end"]), 3),
                          "text": join_words(group), "reason": reason})

    for w, r in dropped:
        if group and (r != reason or float(w["start"]) - float(group[-1]["end"]) > max_gap_sec):
            flush()
            group = []
        group.append(w)
        reason = r
    flush()
    return items
