"""Rubrics for interview answers: generated from the question, scored on the answer with evidence.

A **rubric** is plain JSON, the contract with the web API (editable by the recruiter,
versioned and stored by the web app)::

    {"version": 1, "question": "Tell me about a time…", "language": "en",
     "question_type": "behavioural", "method": "template+embeddings",
     "criteria": [{"id": "action", "name": "Action",
                   "description": "Explains the concrete actions they personally took, step by step.",
                   "weight": 0.3,
                   "examples": ["First I analysed the problem, then I implemented a fix."],   # optional
                   "keywords": ["i decided", "i organi", "first", "then"]}]}               # optional

``id``, ``name``, ``description`` and ``weight`` (≥ 0, relative) are required;
``examples`` (sentences a good answer could contain) and ``keywords`` (word starts
that signal the criterion, any language) are optional and help the matching.

**Generation** (:func:`generate_rubric`), offline: the question type (behavioural/STAR,
motivation, technical, strengths & weaknesses, situational, self-presentation,
career goals, generic) is chosen from keyword rules plus, when an embedding model is
loaded, the nearest prototype questions (FR and EN); the type's template (data file
``rubric_templates.json``, next to this module) gives the criteria in the question's
language, a ``relevance`` criterion built from the question itself is always added,
and the embedding model adds the closest criterion of the other templates when it is
clearly related to the question.

**Scoring** (:func:`score_answer`): each answer sentence is compared with each
criterion. Semantic similarity = the highest cosine between the sentence and the
criterion's description and examples, calibrated against the same criterion's
similarity to off-topic sentences of the same language (so a model that finds every
French sentence alike, such as the English-only MiniLM fallback, does not inflate
coverage): ``(sim - background) / margin`` clipped to [0, 1]. Lexical match =
keyword starts found in the sentence (half credit per keyword, full from two;
accents, French elisions, English contractions and hesitations such as *euh*/*um* do
not matter, see :func:`_norm_tokens`). A
sentence's support of a criterion is the larger of the two; the criterion's
``coverage`` (0-1) is the best sentence's support and its ``evidence`` the sentences
supporting it at least ``evidence_threshold``, best first. The rubric ``score`` is
``100 × Σ weight × coverage / Σ weight``.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import math
import re
import unicodedata
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.resources import data_path
from interview_ai_lab.text.lexicon import is_filler
from interview_ai_lab.text.textutils import content_words, language_of, normalize_space, tokenize

logger = logging.getLogger(__name__)

RUBRIC_VERSION = 1


class Embedder(Protocol):
    """Anything with ``encode(texts) -> (n, d)`` unit vectors and a ``name`` (e.g. ``SentenceEncoder``)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts``, one row each: shape (n, d), float."""


_CACHE: weakref.WeakKeyDictionary[Any, dict[str, np.ndarray]] = weakref.WeakKeyDictionary()


def _encode(embedder: Embedder, texts: Sequence[str], *, cache: bool = False) -> np.ndarray:
    """``embedder.encode(texts)``; with ``cache``, texts seen before (templates, background) are not re-encoded."""
    if not cache:
        return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
    try:
        store = _CACHE.setdefault(embedder, {})
    except TypeError:  # not weak-referenceable: no cache
        return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in store))
    if missing:
        for t, v in zip(missing, np.asarray(embedder.encode(missing), dtype=np.float32)):
            store[t] = v
    return np.stack([store[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


# --------------------------------------------------------------------------- templates
# The data are in rubric_templates.json next to this module (package data): each question type's criteria (id,
# weight, keywords — word starts, any language — and per language name, description, examples), the keyword rules
# and prototype questions of the types, the off-topic background sentences and the relevance criterion.

_T = dict[str, Any]
_TEMPLATE_FILE = "rubric_templates.json"


def _strings(value: Any, where: str) -> list[str]:
    """``value`` when it is a non-empty list of non-empty strings, else ValueError naming ``where``."""
    if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
        raise ValueError(f"{_TEMPLATE_FILE}: {where} must be a non-empty list of non-empty strings")
    return value


def _check_templates(data: Any) -> dict[str, Any]:
    """Check the shape of the template data (see :func:`template_data`) and return it.

    Raises:
        ValueError: A section, type, criterion field or language is missing or has the wrong type.
    """
    if not isinstance(data, dict):
        raise ValueError(f"{_TEMPLATE_FILE}: expected a JSON object")
    templates = data.get("templates")
    if not isinstance(templates, dict) or "generic" not in templates:
        raise ValueError(f"{_TEMPLATE_FILE}: 'templates' must map question types (with 'generic') to criteria")
    for qtype, entries in templates.items():
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"{_TEMPLATE_FILE}: template '{qtype}' must be a non-empty list of criteria")
        for e in entries:
            where = f"template '{qtype}', criterion {e.get('id') if isinstance(e, dict) else e!r}"
            if not isinstance(e, dict) or not isinstance(e.get("id"), str) or isinstance(e.get("weight"), bool) \
                    or not isinstance(e.get("weight"), (int, float)) or e["weight"] <= 0:
                raise ValueError(f"{_TEMPLATE_FILE}: {where} needs a string 'id' and a 'weight' > 0")
            _strings(e.get("keywords"), f"{where}: 'keywords'")
            for lang in ("en", "fr"):
                text = e.get(lang)
                if not isinstance(text, dict) or not all(isinstance(text.get(k), str) and text[k].strip()
                                                         for k in ("name", "description")):
                    raise ValueError(f"{_TEMPLATE_FILE}: {where} needs '{lang}' with a 'name' and a 'description'")
                _strings(text.get("examples"), f"{where}: '{lang}.examples'")
    for section in ("type_rules", "prototypes"):
        table = data.get(section)
        if not isinstance(table, dict) or not set(table) <= set(templates) - {"generic"}:
            raise ValueError(f"{_TEMPLATE_FILE}: '{section}' must map question types of 'templates' to lists")
        for qtype, items in table.items():
            _strings(items, f"'{section}.{qtype}'")
    for lang in ("en", "fr"):
        _strings((data.get("background") or {}).get(lang), f"'background.{lang}'")
        rel = (data.get("relevance") or {}).get(lang)
        if not isinstance(rel, dict) or not isinstance(rel.get("name"), str) \
                or "{q}" not in str(rel.get("description", "")):
            raise ValueError(f"{_TEMPLATE_FILE}: 'relevance.{lang}' needs a 'name' and a 'description' with {{q}}")
    _strings(data.get("relevance_skip_words"), "'relevance_skip_words'")
    return data


@functools.cache
def template_data() -> dict[str, Any]:
    """The rubric template data, read once from ``rubric_templates.json`` and checked.

    Returns:
        ``{"templates": {type: [{"id", "weight", "keywords", "en": {"name", "description", "examples"}, "fr": …}]},
        "type_rules": {type: [rule]}, "prototypes": {type: [question]}, "background": {lang: [sentence]},
        "relevance": {lang: {"name", "description"}}, "relevance_skip_words": [word]}``; types in file order.

    Raises:
        ValueError: The file is malformed (see :func:`_check_templates`).
    """
    path = data_path(_TEMPLATE_FILE)
    data = _check_templates(json.loads(path.read_text(encoding="utf-8")))
    logger.debug("rubric templates: %d question types", len(data["templates"]))
    return data


#: Criteria of each question type (see :func:`template_data`).
TEMPLATES: dict[str, list[_T]] = template_data()["templates"]
#: Keyword rules of the question types (question text, folded); weight 1 each.
TYPE_RULES: dict[str, list[str]] = template_data()["type_rules"]
#: Prototype questions of each type (FR and EN), for the embedding vote.
PROTOTYPES: dict[str, list[str]] = template_data()["prototypes"]
#: Off-topic sentences: the similarity a criterion gets from them is its background level.
BACKGROUND: dict[str, list[str]] = template_data()["background"]
#: Name and description (with ``{q}``, the question) of the relevance criterion, per language.
_RELEVANCE: dict[str, dict[str, str]] = template_data()["relevance"]
#: Common question words left out of the relevance criterion's stems.
_STEM_SKIP: frozenset[str] = frozenset(template_data()["relevance_skip_words"])


# --------------------------------------------------------------------------- validation


def validate_rubric(rubric: Any, *, where: str = "rubric") -> dict[str, Any]:
    """Check a rubric's shape and return a normalised deep copy.

    Raises:
        InputError: Not an object, no criteria, a criterion without ``id``/``name``/
            ``description``, a negative or non-numeric weight, duplicate ids, all weights 0.
    """
    if not isinstance(rubric, Mapping):
        raise InputError(f"{where}: must be a JSON object with a 'criteria' list")
    criteria = rubric.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        raise InputError(f"{where}: 'criteria' must be a non-empty list")
    out = copy.deepcopy(dict(rubric))
    seen: set[str] = set()
    norm = []
    for k, c in enumerate(criteria):
        if not isinstance(c, Mapping):
            raise InputError(f"{where}: criterion {k + 1} must be an object")
        for key in ("id", "name", "description"):
            if not isinstance(c.get(key), str) or not c.get(key, "").strip():
                raise InputError(f"{where}: criterion {k + 1} needs a non-empty string '{key}'")
        w = c.get("weight", 1.0)
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(float(w)) or float(w) < 0:
            raise InputError(f"{where}: criterion '{c['id']}' has an invalid weight {w!r} (a number ≥ 0)")
        if c["id"] in seen:
            raise InputError(f"{where}: duplicate criterion id '{c['id']}'")
        seen.add(c["id"])
        for key in ("examples", "keywords"):
            if key in c and not (isinstance(c[key], list) and all(isinstance(x, str) for x in c[key])):
                raise InputError(f"{where}: criterion '{c['id']}': '{key}' must be a list of strings")
        norm.append({**copy.deepcopy(dict(c)), "weight": float(w)})
    if sum(c["weight"] for c in norm) <= 0:
        raise InputError(f"{where}: at least one criterion needs a weight > 0")
    out["criteria"] = norm
    out.setdefault("version", RUBRIC_VERSION)
    return out


# --------------------------------------------------------------------------- generation


#: English contractions spelled out, so "I'm looking" matches the cue "i am looking" and the other way round.
_CONTRACTIONS = ((re.compile(r"(?i)\b(i)['’]m\b"), r"\1 am"), (re.compile(r"(?i)['’]ve\b"), " have"),
                 (re.compile(r"(?i)['’]re\b"), " are"), (re.compile(r"(?i)['’]ll\b"), " will"),
                 (re.compile(r"(?i)\b(i|we|you|he|she|they)['’]d\b"), r"\1 would"),
                 (re.compile(r"(?i)\bcan['’]t\b"), "can not"), (re.compile(r"(?i)n['’]t\b"), " not"))


def _strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _norm_tokens(text: str) -> list[str]:
    """Tokens of ``text`` for keyword matching.

    Lower-case, accents removed, French elisions and hyphens split (``j'ai travaillé`` → ``j ai travaille``,
    ``cherchez-vous`` → ``cherchez vous``), English contractions spelled out, fillers of both languages dropped
    (:func:`~interview_ai_lab.text.lexicon.is_filler`: "je euh travaille" matches "je travaille").
    """
    for rx, rep in _CONTRACTIONS:
        text = rx.sub(rep, text)
    out: list[str] = []
    for tok in tokenize(text, split_elisions=True):
        for part in re.split(r"[-'’]+", _strip_accents(tok)):
            if part and not is_filler(part):
                out.append(part)
    return out


def _norm_text(text: str) -> str:
    """Normalised text (see :func:`_norm_tokens`) with spaces around (for keyword-start matching)."""
    return " " + " ".join(_norm_tokens(text)) + " "


def _keyword_hits(norm: str, keywords: Sequence[str]) -> int:
    """Keywords (word starts, possibly several words) found in a :func:`_norm_text` string.

    A keyword and the text are normalised alike, so accents, elisions, contractions
    and hesitations do not matter; a keyword matches at the start of a word.
    """
    found = {kn for kn in (" ".join(_norm_tokens(k)) for k in keywords) if kn and (" " + kn) in norm}
    # "i am looking" and "i am looking for" in the same place are one cue, not two
    return sum(1 for k in found if not any(o != k and o.startswith(k) for o in found))


_SUFFIXES = ("ations", "ation", "ements", "ement", "ings", "ing", "ies", "ied", "ed", "es", "ez", "er", "s", "e")


def question_stems(question: str, language: str) -> list[str]:
    """Word starts of the question's content words, for the ``relevance`` criterion.

    Accents folded, one inflection suffix removed (``cherchez`` → ``cherch``,
    ``solved`` → ``solv``, ``problème`` → ``problem``), at most 6 letters kept, so an
    answer matches the question's words in any tense or number.
    """
    tokens = _norm_tokens(question)
    # content words; for a question made only of common words ("What are you looking for?"), its longer words
    words = content_words(tokens, language, min_len=4) or [t for t in tokens if len(t) >= 5]
    stems: list[str] = []
    for w in words:
        if w in _STEM_SKIP:
            continue
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w = w[:-len(suf)]
                break
        stems.append(w[:6])
    return list(dict.fromkeys(stems))


def classify_question(question: str, *, embedder: Embedder | None = None) -> tuple[str, dict[str, float]]:
    """The question's type and the score of every type.

    Score of a type = keyword rules found (1 each) + the highest cosine between the
    question and the type's prototype questions (when ``embedder`` is given). The
    ``generic`` type wins when no type scores at least 0.5.
    """
    norm = _norm_text(question)
    scores = {t: float(_keyword_hits(norm, rules)) for t, rules in TYPE_RULES.items()}
    if embedder is not None:
        names = list(PROTOTYPES)
        texts = [p for t in names for p in PROTOTYPES[t]]
        q = _encode(embedder, [question])[0]
        sims = _encode(embedder, texts, cache=True) @ q
        k = 0
        for t in names:
            n = len(PROTOTYPES[t])
            scores[t] += float(np.max(sims[k:k + n]))
            k += n
    best = max(scores, key=lambda t: scores[t])
    return (best if scores[best] >= 0.5 else "generic"), {t: round(s, 3) for t, s in scores.items()}


def _criterion(entry: _T, language: str) -> dict[str, Any]:
    text = entry[language]
    return {"id": entry["id"], "name": text["name"], "description": text["description"], "weight": entry["weight"],
            "examples": list(text["examples"]), "keywords": list(entry["keywords"])}


def generate_rubric(question: str, *, language: str | None = None, embedder: Embedder | None = None,
                    relevance_weight: float = 0.15, extra_threshold: float = 0.45) -> dict[str, Any]:
    """Build a rubric for ``question`` from the templates (and the embedding model when given).

    Args:
        question: The question text.
        language: ``fr`` or ``en``; detected from the question when None.
        embedder: Sentence embedder used to classify the question and pick an extra
            criterion from the other templates; None: keyword rules only.
        relevance_weight: Weight of the ``relevance`` criterion (the question itself).
        extra_threshold: Cosine between the question and another template's criterion
            (description and examples) above which that criterion is added.

    Returns:
        The rubric (see the module docstring); weights sum to 1.
    """
    question = normalize_space(question)
    lang = language if language in ("fr", "en") else language_of(question)
    qtype, type_scores = classify_question(question, embedder=embedder)
    criteria = [_criterion(e, lang) for e in TEMPLATES[qtype]]
    if embedder is not None:
        taken = {c["id"] for c in criteria}
        others = [e for t, es in TEMPLATES.items() if t != qtype for e in es if e["id"] not in taken]
        if others:
            texts = [" ".join([e[lang]["description"], *e[lang]["examples"]]) for e in others]
            sims = _encode(embedder, texts, cache=True) @ _encode(embedder, [question])[0]
            k = int(np.argmax(sims))
            if sims[k] >= extra_threshold:
                extra = _criterion(others[k], lang)
                extra["weight"] = 0.15
                criteria.append(extra)
    rel = _RELEVANCE[lang]
    criteria.append({"id": "relevance", "name": rel["name"], "description": rel["description"].format(q=question),
                     "weight": relevance_weight,
                     "examples": [], "keywords": question_stems(question, lang)})
    total = sum(c["weight"] for c in criteria)
    for c in criteria:
        c["weight"] = round(c["weight"] / total, 3)
    criteria.sort(key=lambda c: (c["id"] == "relevance", -c["weight"]))
    return {"version": RUBRIC_VERSION, "question": question, "language": lang, "question_type": qtype,
            "type_scores": type_scores, "method": "template+embeddings" if embedder is not None else "template",
            "model": getattr(embedder, "name", None), "criteria": criteria}


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class ScoringOptions:
    """How coverage is computed.

    Attributes:
        margin: Cosine above the background level that gives full semantic support.
        evidence_threshold: Lowest support (0-1) for a sentence to be cited as evidence.
        max_evidence: Most sentences cited per criterion.
        keywords_for_full: Keyword hits in one sentence that give full lexical support.
    """

    margin: float = 0.25
    evidence_threshold: float = 0.5
    max_evidence: int = 3
    keywords_for_full: int = 2


def _criterion_keywords(c: Mapping[str, Any], language: str) -> list[str]:
    """Given keywords, else the content words of the name and description (5-letter starts)."""
    if c.get("keywords"):
        return [str(k) for k in c["keywords"]]
    words = content_words(tokenize(f"{c['name']} {c['description']}", split_elisions=False), language, min_len=4)
    return sorted({w[:5] if len(w) > 5 else w for w in words})


def support_matrix(*, sentences: Sequence[str], criteria: Sequence[Mapping[str, Any]], language: str,
                   embedder: Embedder | None, opts: ScoringOptions = ScoringOptions()
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Support of every criterion by every sentence, ``(n_sentences, n_criteria)`` in [0, 1].

    Returns:
        The support matrix; the same before clipping to [0, 1] (ranks the evidence when
        several sentences reach full support); the raw cosine similarity matrix (None
        without embedder).
    """
    n, m = len(sentences), len(criteria)
    lex = np.zeros((n, m), dtype=np.float32)
    norms = [_norm_text(s) for s in sentences]
    for j, c in enumerate(criteria):
        kws = _criterion_keywords(c, language)
        for i, s in enumerate(norms):
            lex[i, j] = min(1.0, _keyword_hits(s, kws) / max(1, opts.keywords_for_full))
    if embedder is None or n == 0:
        return lex, lex.copy(), None
    refs: list[str] = []
    owner: list[int] = []
    for j, c in enumerate(criteria):
        for r in [str(c["description"]), *[str(x) for x in c.get("examples") or []]]:
            refs.append(r)
            owner.append(j)
    background = list(BACKGROUND.get(language, BACKGROUND["en"]))
    sv = _encode(embedder, sentences)
    bv, rv = _encode(embedder, background, cache=True), _encode(embedder, refs, cache=True)
    owner_arr = np.asarray(owner)
    sim = np.full((n, m), -1.0, dtype=np.float32)
    bg = np.full(m, -1.0, dtype=np.float32)
    s_r, b_r = sv @ rv.T, bv @ rv.T
    for j in range(m):
        cols = owner_arr == j
        sim[:, j] = s_r[:, cols].max(axis=1)
        bg[j] = b_r[:, cols].max()
    sem = (sim - bg[None, :]) / opts.margin
    return np.maximum(np.clip(sem, 0.0, 1.0), lex), np.maximum(sem, lex), sim


def score_answer(rubric: Mapping[str, Any], sentences: Sequence[str], embedder: Embedder | None, *,
                 language: str | None = None, opts: ScoringOptions = ScoringOptions()) -> dict[str, Any]:
    """Coverage of each rubric criterion by the answer, with the sentences that show it.

    Args:
        rubric: A rubric (validated with :func:`validate_rubric`).
        sentences: The answer's sentences (fillers may remain; empty ones are dropped).
        embedder: Sentence embedder, or None for keyword matching only (``method``
            says which).
        language: ``fr``/``en`` of the answer (else the rubric's, else detected).
        opts: Thresholds (see :class:`ScoringOptions`).

    Returns:
        ``{"criteria": [{id, name, description, weight, coverage 0-1, evidence:[sentences],
        similarity}], "score": 0-100, "method", "model", "version"}``.
    """
    rubric = validate_rubric(rubric)
    sentences = [normalize_space(s) for s in sentences if normalize_space(s)]
    lang = language or rubric.get("language") or language_of(" ".join(sentences))
    lang = lang if lang in ("fr", "en") else "en"
    crits = rubric["criteria"]
    support, rank, sim = support_matrix(sentences=sentences, criteria=crits, language=lang, embedder=embedder,
                                        opts=opts)
    out = []
    for j, c in enumerate(crits):
        col = support[:, j] if sentences else np.zeros(0)
        order = np.argsort(-rank[:, j], kind="stable") if len(col) else []
        evidence = [sentences[i] for i in order[:opts.max_evidence] if col[i] >= opts.evidence_threshold]
        out.append({"id": c["id"], "name": c["name"], "description": c["description"], "weight": c["weight"],
                    "coverage": round(float(col.max()) if len(col) else 0.0, 3), "evidence": evidence,
                    "similarity": round(float(sim[:, j].max()), 3) if sim is not None and len(col) else None})
    wsum = sum(c["weight"] for c in out)
    score = 100.0 * sum(c["weight"] * c["coverage"] for c in out) / wsum
    return {"version": rubric.get("version", RUBRIC_VERSION), "criteria": out, "score": round(score, 1),
            "method": "embeddings+keywords" if embedder is not None else "keywords",
            "model": getattr(embedder, "name", None) if embedder is not None else None}


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer transcript (see :func:`interview_ai_lab.text.textutils.split_sentences`)."""
    from interview_ai_lab.text.textutils import split_sentences

    return split_sentences(text, max_words=40)


__all__ = ["RUBRIC_VERSION", "TEMPLATES", "Embedder", "ScoringOptions", "answer_sentences", "classify_question",
           "generate_rubric", "question_stems", "score_answer", "support_matrix", "validate_rubric"]

