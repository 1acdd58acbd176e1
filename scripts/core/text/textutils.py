"""Plain-text helpers for transcripts: sentences, tokens, stopwords, fillers (French and English).

Nothing here loads a model; every function is pure and cheap. Transcripts come from
Whisper: mostly punctuated, sometimes long unpunctuated runs, French elisions
(``j'adore``, ``n'aime``), fillers (``euh``, ``um``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

#: Spoken fillers (hesitations), never content: removed from summaries and keywords.
FILLERS: dict[str, frozenset[str]] = {
    "fr": frozenset({"euh", "euhh", "euhm", "heu", "hum", "hmm", "hm", "mmh", "mh", "ben", "bah", "beh", "bof", "hein",
                     "ouais", "voilà", "genre", "quoi", "enfin", "bref", "ah", "oh", "eh", "bon"}),
    "en": frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "err", "ah", "hmm", "hm", "mm", "mmm", "mhm", "oh",
                     "eh", "like", "yeah", "okay", "ok", "well", "so", "basically", "actually", "literally"}),
}

# Stopwords: function words plus the light verbs and discourse words of spoken interviews.
_EN_STOP = """
a about above after again against all almost also although always am among an and another any anybody anyone
anything anyway are aren't around as at away back be became because become been before being below between both
but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during each either else
enough even ever every everybody everyone everything few for from further get gets getting give given go goes going
gone got gotten had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
his how how's however i i'd i'll i'm i've if in instead into is isn't it it's its itself just keep kind know knew
known last least less let let's lot lots made make makes making many may maybe me mean means might mine more most
much must mustn't my myself need needs never new next no nobody none nor not nothing now of off often on once one
ones only onto or other others otherwise our ours ourselves out over own part per perhaps pretty put quite rather
really right said same say saying says see seem seemed seems seen several shall shan't she she'd she'll she's should
shouldn't since so some somebody someone something sometimes somewhat soon sort still such sure take taken takes
taking tell than that that's the their theirs them themselves then there there's these they they'd they'll they're
they've thing things think thinking thought this those though through thus to today together too took toward
towards try trying two under until up upon us use used using very via want wanted wants was wasn't way we we'd
we'll we're we've well went were weren't what what's whatever when when's where where's whether which while who
who's whoever whole whom whose why why's will with within without won't would wouldn't yes yet you you'd you'll
you're you've your yours yourself yourselves first second third three four five years year time times day days
able across already bit came come comes coming definitely especially etc example feel felt find found gave goes
going guess hello hi let look looked looking lots okay ok probably saw stuff sure thank thanks told uh um went
name named called six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand
"""

_FR_STOP = """
a à afin ai aie aient aies ailleurs ainsi ait alors as assez au aucun aucune aujourd'hui aupres auprès aura aurai
auraient aurais aurait auras aurez auriez aurions aurons auront autant autre autres aux avaient avais avait avant
avec avez aviez avions avoir avons ayant ayez ayons bah beaucoup ben bien bon c c' ça car ce ceci cela celle celles
celui cependant certes ces cet cette ceux chacun chaque chez ci comme comment contre d d' dans de dedans dehors
déjà depuis des dès donc dont du elle elles en encore entre es est et étaient étais était étant été êtes étiez
étions être eu eue eues eûmes eurent eus eusse eut eux fais faisais faisait faire fait faites fois font fut furent
gens grand grande hors ici il ils j j' jamais je jusqu jusque l l' la là laquelle le lequel les lesquels leur leurs
lorsque lui m m' ma maintenant mais mal me même mêmes mes moi moins mon n n' ne ni non nos notre nous on ont ou où
par parce parfois pas peu peut peuvent peux plupart plus plusieurs pour pourquoi pourrait pouvait pouvoir
premier première presque puis puisque qu qu' quand que quel quelle quelles quels qui quoi s s' sa sans sais sait
se sera serai seraient serais serait seras serez seriez serions serons seront ses seul seule si sien soi soient
sois soit sommes son sont sous souvent suis sur t t' ta tant te tes toi ton toujours tous tout toute toutes très
trop tu un une unes uns va vais vas veux vers voici voilà vont vos votre vous vu y oui non alors voilà euh chose
choses truc trucs genre enfin bref quoi effectivement vraiment justement notamment également aussi ensuite
d'abord abord vraiment dire dit disons faut falloir fallait avoir eu ayant ai as a avons avez ont avais avait
avions aviez avaient aurai aura aurons auront aurais aurait faisons font fais fait faisait peut pu pouvons
pouvez sais savoir sait savons savez savent veut voulu voulais voulait vouloir deux trois quatre cinq an ans année
années jour jours temps moment peu petit petite certain certaine certains certaines autre autres cas côté façon
manière niveau part point sorte type bonjour merci madame monsieur ok okay hein ouais bon ben
appelle appelais appeler nom prénom zéro six sept huit neuf dix onze douze quinze vingt trente quarante
cinquante soixante cent cents mille
"""

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN_STOP.split()),
    "fr": frozenset(_FR_STOP.split()),
}

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


def is_filler(token: str, language: str) -> bool:
    """True when ``token`` (lower-case) is a hesitation/filler in ``language`` (or in either language if unknown)."""
    if language in FILLERS:
        return token in FILLERS[language]
    return any(token in f for f in FILLERS.values())


_STRICT_FILLERS = frozenset({"euh", "euhh", "euhm", "heu", "hum", "hmm", "hm", "mmh", "mh", "um", "umm", "uh", "uhh",
                             "uhm", "er", "erm", "err", "mm", "mmm", "mhm"})
_STRICT_FILLER_RE = re.compile(r"(?i),?\s*(?<![\w'’-])(?:" + "|".join(sorted(_STRICT_FILLERS, key=len, reverse=True))
                               + r")(?![\w'’-])(?P<punct>[,.!?…]*)")


def strip_hesitations(sentence: str) -> str:
    """Remove pure hesitations (``euh``, ``um``, ``uh``, ``hmm``…) from a sentence, keeping its other words.

    Only sounds that are never words are removed (``like``, ``bon``, ``quoi`` stay),
    so the result still reads as what was said. The first letter is re-capitalised.
    """
    def keep_final_punct(m: re.Match[str]) -> str:
        at_end = not sentence[m.end():].strip()
        return (m.group("punct").lstrip(",") if at_end else "") + " "

    out = _STRICT_FILLER_RE.sub(keep_final_punct, sentence)
    out = normalize_space(re.sub(r"\s+([,.!?…])", r"\1", out)).lstrip(",;: ")
    return out[:1].upper() + out[1:] if out else out


def content_words(tokens: Iterable[str], language: str, *, min_len: int = 3) -> list[str]:
    """Tokens that carry meaning: no stopword (FR and EN lists), filler, number or short word."""
    stop = STOPWORDS["fr"] | STOPWORDS["en"] if language not in STOPWORDS else STOPWORDS[language]
    return [t for t in tokens
            if len(t) >= min_len and not t.isdigit() and t not in stop and not is_filler(t, language)
            and not t.endswith("'")]


def word_count(text: str) -> int:
    """Number of word tokens in ``text`` (elisions count as one word)."""
    return len(tokenize(text, split_elisions=False))
