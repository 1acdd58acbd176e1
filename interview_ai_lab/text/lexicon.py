"""The lexicon of spoken French and English: hesitation fillers, discourse markers, stop words, ASR prompts.

The one place these word lists live; the data are ``lexicon_fr.json`` and ``lexicon_en.json`` next to this
module (shipped as package data), read once. Each language has:

* **hesitations**: pure hesitation sounds, never words (``euh``, ``heu``, ``hum``, ``um``, ``uh``, ``er``,
  ``hmm``, ``mmm``…). They are counted as fillers, removed from the sentences the report quotes
  (:func:`hesitation_regex`, used by ``textutils.strip_hesitations``), ignored by rubric keyword matching and not
  counted as words in the speaking rate.
* **hesitation words**: counted as fillers as well, but they are words too (``ben``, ``bah``, ``beh`` in French;
  ``ah``, ``eh`` in both), so quoted text keeps them.
* **discourse markers**: words and phrases that have a meaning as often as not (``alors``, ``bon``, ``voilà``,
  ``en fait``; ``so``, ``well``, ``like``, ``you know``…). They are **not** counted as fillers, and they are never
  keywords.
* **stop words**: function words and the light words of interviews; never keywords, and the vote of
  ``textutils.language_of``.

Whisper writes fillers in many spellings ("Euh,", "Ummm", "Hmm..."): :func:`normalize` lowercases, strips
punctuation and collapses repeated letters before the lookup, and the data are normalised the same way when
loaded (``mm`` stands for ``mmm``). A one-letter form is a filler only when the letter is repeated ("mmm"), so
"M." (Monsieur) is not one.

Decisions where the former copies disagreed:

* What counts as a filler is the rule of the former ``fillers.py``: hesitation sounds and hesitation words only.
  The text helpers' list also held discourse markers (``like``, ``so``, ``well``, ``voilà``, ``genre``, ``bon``,
  ``quoi``…) and ``oh``: these are discourse markers now, still kept out of keywords, still not counted.
* The hesitation sounds are the same in both languages (Whisper writes a French speaker's "euh" in an English
  transcript and the other way round), as the counting did; so "hum", "euh" are no longer English keywords.
* Removing hesitations from quoted sentences and from the speaking rate's words keeps the strictest list (sounds
  that are never words, the former strip and segmentation lists); ``eum`` and long spellings ("Euhhh", "Ummm")
  are now removed too.
* Rubric keyword matching used its own list (the sounds plus ``ben``, ``bah``): it now ignores every counted
  filler of both languages (sounds and hesitation words, ``ah``/``eh``/``beh`` added).
* Stop words are the text helpers' lists unchanged; they keep ``euh``, ``um``, ``ben``, ``ok``…, because the
  language guess votes with them.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from interview_ai_lab.runtime.resources import data_path

logger = logging.getLogger(__name__)

__all__ = ["FILLERS", "FILLER_PROMPTS", "LANGUAGES", "STOPWORDS", "Lexicon", "discourse_markers", "filler_lexicon",
           "filler_prompt", "hesitation_regex", "is_discourse_marker", "is_filler", "is_hesitation", "lexicon",
           "normalize", "stopwords"]

#: Languages with a lexicon, i.e. a ``lexicon_<code>.json`` file.
LANGUAGES: tuple[str, ...] = ("fr", "en")

_LIST_KEYS = ("hesitations", "hesitation_words", "discourse_markers", "stopwords")
_PUNCT_RE = re.compile(r"[^\w'’-]+", re.UNICODE)
_REPEAT_RE = re.compile(r"(\w)\1+", re.UNICODE)


def normalize(word: str) -> str:
    """Lowercase, strip punctuation and collapse repeated letters: ``"Euhhh…,"`` → ``"euh"``."""
    w = unicodedata.normalize("NFC", word).strip().lower()
    w = _PUNCT_RE.sub("", w).strip("'’-")
    return _REPEAT_RE.sub(r"\1", w)


def _fold_phrase(text: str) -> str:
    """Lower case, NFC, typographic apostrophe as ``'``, single spaces, end punctuation dropped (markers)."""
    t = unicodedata.normalize("NFC", text.replace("’", "'")).lower()
    return " ".join(t.split()).strip(" ,.;:!?…\"«»")


@dataclass(frozen=True)
class Lexicon:
    """One language's word lists (see the module docstring).

    Attributes:
        language: ``fr`` or ``en``.
        hesitations: Pure hesitation sounds, in :func:`normalize` spelling.
        hesitation_words: Words counted as fillers too, in :func:`normalize` spelling.
        discourse_markers: Words and phrases (lower case, ``'`` apostrophe), never fillers.
        stopwords: Stop words (lower case, ``'`` apostrophe, accents kept).
        whisper_prompt: ``initial_prompt`` for Whisper, written with fillers so that it keeps them.
    """

    language: str
    hesitations: frozenset[str]
    hesitation_words: frozenset[str]
    discourse_markers: frozenset[str]
    stopwords: frozenset[str]
    whisper_prompt: str

    @property
    def fillers(self) -> frozenset[str]:
        """Everything counted as a filler: hesitations and hesitation words (normalised spelling)."""
        return self.hesitations | self.hesitation_words


def _parse(language: str, data: Any) -> Lexicon:
    """Check the shape of a lexicon file and build the :class:`Lexicon` (spellings normalised).

    Raises:
        ValueError: A key is missing or not a list of non-empty strings, the language does not match, or a word
            is both a filler and a discourse marker.
    """
    where = f"lexicon_{language}.json"
    if not isinstance(data, dict) or data.get("language") != language:
        raise ValueError(f"{where}: expected an object with \"language\": \"{language}\"")
    lists: dict[str, list[str]] = {}
    for key in _LIST_KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ValueError(f"{where}: '{key}' must be a non-empty list of non-empty strings")
        lists[key] = words
    prompt = data.get("whisper_prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ValueError(f"{where}: 'whisper_prompt' must be a non-empty string")
    hesitations = frozenset(normalize(w) for w in lists["hesitations"])
    hesitation_words = frozenset(normalize(w) for w in lists["hesitation_words"])
    markers = frozenset(_fold_phrase(w) for w in lists["discourse_markers"])
    both = (hesitations | hesitation_words) & {normalize(m) for m in markers}
    if both:
        raise ValueError(f"{where}: {sorted(both)} listed both as fillers and as discourse markers")
    stop = frozenset(unicodedata.normalize("NFC", w.replace("’", "'")).lower() for w in lists["stopwords"])
    return Lexicon(language, hesitations, hesitation_words, markers, stop, prompt)


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` (``fr``/``en``), read once from its package data file.

    Raises:
        KeyError: No lexicon for ``language``.
        ValueError: The data file is malformed (see :func:`_parse`).
    """
    if language not in LANGUAGES:
        raise KeyError(f"no lexicon for language {language!r} (known: {', '.join(LANGUAGES)})")
    path = data_path(f"lexicon_{language}.json")
    lex = _parse(language, json.loads(path.read_text(encoding="utf-8")))
    logger.debug("lexicon %s: %d fillers, %d discourse markers, %d stop words", language, len(lex.fillers),
                 len(lex.discourse_markers), len(lex.stopwords))
    return lex


def _languages(language: str | None) -> tuple[str, ...]:
    """``(language,)`` when it has a lexicon, else every language (unknown language: both lists)."""
    return (language,) if language in LANGUAGES else LANGUAGES  # type: ignore[return-value]


@functools.cache
def filler_lexicon(language: str | None) -> frozenset[str]:
    """The fillers of ``language`` (``fr``/``en``; both languages' when unknown), normalised spelling."""
    return frozenset().union(*(lexicon(lang).fillers for lang in _languages(language)))


@functools.cache
def _hesitations(language: str | None) -> frozenset[str]:
    return frozenset().union(*(lexicon(lang).hesitations for lang in _languages(language)))


@functools.cache
def discourse_markers(language: str | None) -> frozenset[str]:
    """Discourse markers of ``language`` (both languages' when unknown): words and phrases, lower case."""
    return frozenset().union(*(lexicon(lang).discourse_markers for lang in _languages(language)))


@functools.cache
def stopwords(language: str | None) -> frozenset[str]:
    """Stop words of ``language`` (both languages' when unknown), lower case with ``'`` apostrophes."""
    return frozenset().union(*(lexicon(lang).stopwords for lang in _languages(language)))


def _lookup(word: str, forms: frozenset[str]) -> bool:
    w = normalize(word)
    if len(w) == 1 and word.lower().count(w) < 2:
        return False  # "M." is "Monsieur", not "mmm"
    return bool(w) and w in forms


def is_filler(word: str, language: str | None = None) -> bool:
    """True when ``word`` (as Whisper wrote it) is counted as a filler in ``language`` (either when None)."""
    return _lookup(word, filler_lexicon(language))


def is_hesitation(word: str, language: str | None = None) -> bool:
    """True when ``word`` is a pure hesitation sound (``euh``, ``um``, ``hmm``…; not ``ben``/``ah``)."""
    return _lookup(word, _hesitations(language))


def is_discourse_marker(text: str, language: str | None = None) -> bool:
    """True when ``text`` (a word or a phrase such as "you know") is a discourse marker of ``language``."""
    return _fold_phrase(text) in discourse_markers(language)


@functools.cache
def hesitation_regex(language: str | None = None) -> str:
    """A regular expression matching any spelling of a pure hesitation of ``language`` (both when None).

    It has no anchors and is lower case: compile it ignoring case.

    Each letter of a normalised form may be repeated (``e+u+h+`` matches "euhhh"); a one-letter form needs the
    letter at least twice (``m{2,}``: "mmm", not "M"). Longest forms first.
    """
    forms = sorted(_hesitations(language), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f) + "{2,}" if len(f) == 1 else "".join(re.escape(c) + "+" for c in f)
                    for f in forms)


def filler_prompt(language: str | None) -> str | None:
    """The Whisper ``initial_prompt`` that keeps fillers in ``language``, or None for other languages."""
    return lexicon(language).whisper_prompt if language in LANGUAGES else None


#: Fillers of each language (normalised spelling, see :func:`normalize`).
FILLERS: dict[str, frozenset[str]] = {lang: lexicon(lang).fillers for lang in LANGUAGES}
#: ``initial_prompt`` for Whisper of each language.
FILLER_PROMPTS: dict[str, str] = {lang: lexicon(lang).whisper_prompt for lang in LANGUAGES}
#: Stop words of each language.
STOPWORDS: dict[str, frozenset[str]] = {lang: lexicon(lang).stopwords for lang in LANGUAGES}
