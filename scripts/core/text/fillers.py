"""Hesitation fillers of spoken French and English: lexicons, normalisation, prompts.

Only hesitation sounds are counted as fillers (``euh``, ``heu``, ``hum``, ``ben``,
``bah`` in French; ``um``, ``uh``, ``er``, ``hmm`` in English). Discourse markers
(``like``, ``so``, ``voilà``, ``genre``…) are words with a meaning as often as not,
so they are not counted.

Whisper writes fillers in many spellings ("Euh,", "Ummm", "Hmm..."): :func:`normalize`
lowercases, strips punctuation and collapses repeated letters before the lookup.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FILLERS", "FILLER_PROMPTS", "normalize", "is_filler", "filler_lexicon", "filler_prompt"]

#: Hesitations heard in both languages (after :func:`normalize`: repeated letters collapsed).
_COMMON = frozenset({"euh", "heu", "euhm", "eum", "hum", "hm", "mh", "mhm", "m", "um", "uh", "uhm", "er", "erm", "eh",
                     "ah"})

#: Filler lexicon of each language, in normalised spelling (see :func:`normalize`).
FILLERS: dict[str, frozenset[str]] = {
    "fr": _COMMON | {"ben", "bah", "beh"},
    "en": _COMMON,
}

#: ``initial_prompt`` for Whisper, written with fillers so that the model keeps them in its text.
FILLER_PROMPTS: dict[str, str] = {
    "fr": "Euh, alors, euh… hum, je pense que, euh…",
    "en": "Um, so, uh… hmm, I think, uh…",
}

_PUNCT_RE = re.compile(r"[^\w'’-]+", re.UNICODE)
_REPEAT_RE = re.compile(r"(\w)\1+", re.UNICODE)


def normalize(word: str) -> str:
    """Lowercase, strip punctuation and collapse repeated letters: ``"Euhhh…,"`` → ``"euh"``."""
    w = unicodedata.normalize("NFC", word).strip().lower()
    w = _PUNCT_RE.sub("", w).strip("'’-")
    return _REPEAT_RE.sub(r"\1", w)


def filler_lexicon(language: str | None) -> frozenset[str]:
    """The fillers of ``language`` (``fr``/``en``); both languages' when unknown."""
    if language in FILLERS:
        return FILLERS[language]  # type: ignore[index]
    return frozenset().union(*FILLERS.values())


def is_filler(word: str, language: str | None = None) -> bool:
    """True when ``word`` (as Whisper wrote it) is a hesitation filler in ``language``."""
    w = normalize(word)
    if w == "m" and word.lower().count("m") < 2:
        return False  # "M." is "Monsieur", not "mmm"
    return bool(w) and w in filler_lexicon(language)


def filler_prompt(language: str | None) -> str | None:
    """The Whisper ``initial_prompt`` that keeps fillers in ``language``, or None for other languages."""
    return FILLER_PROMPTS.get(language or "")
