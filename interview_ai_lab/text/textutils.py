"""Plain-text helpers for transcripts: sentences, tokens, content words, language (French and English).

Nothing here loads a model; every function is pure and cheap. Transcripts come from
Whisper: mostly punctuated, sometimes long unpunctuated runs, French elisions
(``j'adore``, ``n'aime``), fillers (``euh``, ``um``). The word lists (stop words,
fillers, discourse markers) are :mod:`interview_ai_lab.text.lexicon`'s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from interview_ai_lab.text.lexicon import STOPWORDS, discourse_markers, hesitation_regex, is_filler, stopwords

#: Abbreviations whose final dot does not end a sentence.
_ABBREVIATIONS = frozenset({"etc", "e.g", "i.e", "cf", "approx", "no", "fig", "p.ex", "ex", "env", "av", "apr", "j.-c",
                            "inc", "ltd", "vs"})
#: Titles: a dot after them never ends a sentence.
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "m", "mme", "mlle", "me", "jr", "sr"})

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\d+(?:[.,]\d+)?", re.UNICODE)
#: French elided prefixes split off a token (``j'adore`` → ``j'`` + ``adore``).
_ELISION_RE = re.compile(r"^(?i:(j|l|d|n|m|t|s|c|qu|jusqu|lorsqu|puisqu|quoiqu))['’](?=\w)", re.UNICODE)
_SENT_END_RE = re.compile(r"([.!?…]+[\"'»”)]*)\s+")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace into single spaces and strip the ends."""
    return re.sub(r"\s+", " ", text or "").strip()


def fold(word: str) -> str:
    """Lower-case, typographic apostrophe replaced by ``'``, Unicode NFC (accents kept)."""
    return unicodedata.normalize("NFC", word.replace("’", "'").lower())


def tokenize(text: str, *, split_elisions: bool = True) -> list[str]:
    """Words of ``text``, lower-cased (see :func:`fold`), punctuation dropped.

    Args:
        text: Any text.
        split_elisions: Split French elisions into two tokens (``j'adore`` →
            ``["j'", "adore"]``, ``aujourd'hui`` stays whole).

    Returns:
        The tokens in order; numbers are kept as tokens.

    >>> tokenize("J'adore l'équipe, aujourd'hui!")
    ["j'", 'adore', "l'", 'équipe', "aujourd'hui"]
    """
    out: list[str] = []
    for m in _TOKEN_RE.finditer(text or ""):
        tok = fold(m.group(0))
        if split_elisions and tok != "aujourd'hui":
            em = _ELISION_RE.match(tok)
            if em:
                out.append(em.group(1) + "'")
                tok = tok[em.end():]
        out.append(tok)
    return out


def _chop_long(sentence: str, max_words: int) -> list[str]:
    """Split an over-long sentence at commas/semicolons, then every ``max_words`` words."""
    words = sentence.split()
    if len(words) <= max_words:
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    for w in words:
        current.append(w)
        at_clause = w.endswith((",", ";", ":"))
        if (at_clause and len(current) >= max_words // 2) or len(current) >= max_words:
            pieces.append(" ".join(current))
            current = []
    if current:
        if pieces and len(current) < max(3, max_words // 6):
            pieces[-1] = pieces[-1] + " " + " ".join(current)
        else:
            pieces.append(" ".join(current))
    return pieces


def split_sentences(text: str, *, max_words: int = 60) -> list[str]:
    """Split a transcript into sentences (original wording, whitespace normalised).

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space, except after
    a title (``M.``, ``Dr.``) or a single letter, after an abbreviation (``etc.``,
    ``e.g.``) or an ellipsis followed by a lower-case word. Sentences
    longer than ``max_words`` words (unpunctuated speech) are split at commas, then
    every ``max_words`` words.

    >>> split_sentences("M. Dupont est arrivé. Il a dit bonjour, etc. et puis il est parti! Bien?")
    ['M. Dupont est arrivé.', 'Il a dit bonjour, etc. et puis il est parti!', 'Bien?']
    """
    text = normalize_space(text)
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        candidate = text[start:m.end(1)]
        last_word = candidate.rstrip(".!?…\"'»”)").split(" ")[-1]
        last = last_word.lower()
        nxt = text[m.end():m.end() + 1]
        if m.group(1).startswith(("…", "..")) and nxt.islower():
            continue  # "Euh… j'adore": a trailing-off hesitation, not the end of the sentence
        if m.group(1) == ".":
            if last_word[:1].isupper() and (last in _TITLES or (len(last) == 1 and last.isalpha())):
                continue  # "M. Dupont", "J. Smith" (but "it taught me. I…" ends)
            if nxt.islower() and (last in _ABBREVIATIONS or "." in last):
                continue  # "etc. and", "e.g. this"
        sentences.append(candidate.strip())
        start = m.end()
    if start < len(text):
        sentences.append(text[start:].strip())
    out: list[str] = []
    for s in sentences:
        if s:
            out.extend(_chop_long(s, max_words))
    return out


def language_of(text: str, hint: str | None = None) -> str:
    """``fr`` or ``en``: the hint when it is one of them, else a stopword vote.

    Args:
        text: The text to look at.
        hint: A language code from the ASR (``fr``, ``en``, ``fr-FR``…) or None.

    >>> language_of("I think that the team is great"), language_of("Présentez-vous."), language_of("ok", "fr-FR")
    ('en', 'fr', 'fr')
    """
    if hint:
        code = hint.lower().split("-")[0].split("_")[0]
        if code in ("fr", "en"):
            return code
    toks = [part for tok in tokenize(text) for part in re.split(r"[-'’]", tok) if part]  # "présentez-vous", "l'équipe"
    fr = sum(t in STOPWORDS["fr"] for t in toks)
    en = sum(t in STOPWORDS["en"] for t in toks)
    if fr == en:  # a short question ("Présentez-vous.") can tie: French accents break it
        return "fr" if _FRENCH_LETTERS.search(text) else "en"
    return "fr" if fr > en else "en"


_FRENCH_LETTERS = re.compile(r"[éèêëàâçùûôîïœ]", re.IGNORECASE)


#: A pure hesitation (any spelling, see :func:`~interview_ai_lab.text.lexicon.hesitation_regex`) with its comma before.
_STRICT_FILLER_RE = re.compile(r"(?i),?\s*(?<![\w'’-])(?:" + hesitation_regex() + r")(?![\w'’-])(?P<punct>[,.!?…]*)")


def strip_hesitations(sentence: str) -> str:
    """Remove pure hesitations (``euh``, ``um``, ``uh``, ``hmm``…) from a sentence, keeping its other words.

    Only sounds that are never words are removed (``like``, ``bon``, ``quoi`` stay),
    so the result still reads as what was said. The first letter is re-capitalised.

    >>> strip_hesitations("Euh, je pense que, um, oui.")
    'Je pense que oui.'
    """
    def keep_final_punct(m: re.Match[str]) -> str:
        at_end = not sentence[m.end():].strip()
        return (m.group("punct").lstrip(",") if at_end else "") + " "

    out = _STRICT_FILLER_RE.sub(keep_final_punct, sentence)
    out = normalize_space(re.sub(r"\s+([,.!?…])", r"\1", out)).lstrip(",;: ")
    return out[:1].upper() + out[1:] if out else out


def content_words(tokens: Iterable[str], language: str, *, min_len: int = 3) -> list[str]:
    """Tokens that carry meaning: no stop word, filler, discourse marker, number, elided prefix or short word.

    Args:
        tokens: Tokens from :func:`tokenize`.
        language: ``fr``/``en``; any other value uses both languages' lists.
        min_len: Shortest kept token, in characters.
    """
    stop, markers = stopwords(language), discourse_markers(language)
    return [t for t in tokens
            if len(t) >= min_len and not t.isdigit() and t not in stop and t not in markers
            and not is_filler(t, language) and not t.endswith("'")]


def word_count(text: str) -> int:
    """Number of word tokens in ``text`` (elisions count as one word).

    >>> word_count("J'adore l'équipe")
    2
    """
    return len(tokenize(text, split_elisions=False))
