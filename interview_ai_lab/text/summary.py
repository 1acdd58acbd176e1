"""Extractive summary and keywords of a transcript, in the transcript's own language.

Summary (``embedding-mmr``): every sentence is embedded
(:class:`~interview_ai_lab.text.embeddings.SentenceEncoder`); a sentence's relevance is its
cosine similarity to the document centroid (the word-weighted mean of the sentence
vectors); up to ``max_sentences`` sentences are picked by Maximal Marginal Relevance
(Carbonell & Goldstein 1998: relevance minus redundancy with those already picked)
and given back in their original order. Without an embedding model
(``textrank-tfidf``): TF-IDF sentence vectors, TextRank (PageRank over the cosine
graph) for relevance, the same MMR selection.

Keywords: single words and two-word phrases that are neither stop words (FR/EN), fillers
nor discourse markers (:mod:`interview_ai_lab.text.lexicon`), scored by frequency and spread over sentences, plurals folded into the
singular when both occur; with an embedding model, re-ranked by similarity to the
document; no overlapping words among the chosen ones.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from interview_ai_lab.text.embeddings import SentenceEncoder, cosine_matrix, l2_normalize
from interview_ai_lab.text.textutils import content_words, strip_hesitations, tokenize, word_count

logger = logging.getLogger(__name__)


@dataclass
class Summary:
    """An extractive summary.

    Attributes:
        text: The chosen sentences joined by spaces ("" for an empty transcript).
        sentences: The chosen sentences, in transcript order.
        indices: Their positions among the transcript's sentences.
        method: ``embedding-mmr``, ``textrank-tfidf`` or ``all-sentences`` (the
            transcript has no more sentences than asked).
        model: The embedding model's name, or None.
    """

    text: str
    sentences: list[str]
    indices: list[int]
    method: str
    model: str | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return asdict(self)


# --------------------------------------------------------------------------- pure selection


def mmr_select(relevance: np.ndarray, similarity: np.ndarray, *, k: int, diversity: float = 0.3,
               max_similarity: float = 0.95) -> list[int]:
    """Maximal Marginal Relevance selection.

    Picks, one at a time, the item maximising
    ``(1 − diversity) · relevance[i] − diversity · max_{j picked} similarity[i, j]``.

    Args:
        relevance: ``(n,)`` relevance of each item (e.g. similarity to the centroid).
        similarity: ``(n, n)`` pairwise similarity of the items.
        k: Items to pick (fewer when there are fewer items).
        diversity: 0 = pure relevance, 1 = pure novelty.
        max_similarity: An item at least this similar to a picked one (a repeated
            sentence) is never picked while other items remain.

    Returns:
        Indices of the picked items, sorted ascending (original order).
    """
    relevance = np.asarray(relevance, dtype=np.float64)
    n = relevance.shape[0]
    picked: list[int] = []
    for _ in range(min(k, n)):
        best, best_key = -1, (True, -np.inf)
        for i in range(n):
            if i in picked:
                continue
            redundancy = max((similarity[i, j] for j in picked), default=0.0)
            score = (1.0 - diversity) * relevance[i] - diversity * redundancy
            key = (bool(redundancy < max_similarity), score)  # non-duplicates first, then MMR score
            if best < 0 or key > best_key:
                best, best_key = i, key
        picked.append(best)
    return sorted(picked)


def textrank(similarity: np.ndarray, *, damping: float = 0.85, iterations: int = 100, tol: float = 1e-8) -> np.ndarray:
    """PageRank scores of a weighted undirected graph (TextRank, Mihalcea & Tarau 2004).

    Args:
        similarity: ``(n, n)`` non-negative edge weights (the diagonal is ignored).
        damping: PageRank damping factor.
        iterations: Most power iterations.
        tol: Stop when the L1 change is below this.

    Returns:
        ``(n,)`` scores summing to 1.

    A hub linked to two leaves gets the most rank, the leaves share the rest equally:

    >>> textrank(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])).round(3).tolist()
    [0.486, 0.257, 0.257]
    """
    w = np.clip(np.asarray(similarity, dtype=np.float64), 0.0, None).copy()
    n = w.shape[0]
    if n == 0:
        return np.zeros(0)
    np.fill_diagonal(w, 0.0)
    out = w.sum(axis=1, keepdims=True)
    transition = np.where(out > 0, w / np.where(out > 0, out, 1.0), 1.0 / n)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1.0 - damping) / n + damping * transition.T @ scores
        if np.abs(new - scores).sum() < tol:
            scores = new
            break
        scores = new
    return scores / scores.sum()


def tfidf_matrix(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[str]]:
    """TF-IDF vectors (rows L2-normalised) of token lists, with smoothed IDF ``ln((1+n)/(1+df)) + 1``.

    Returns:
        ``(matrix, vocabulary)``: ``(len(docs), len(vocabulary))`` and the terms.
    """
    vocab = sorted({t for d in docs for t in d})
    index = {t: i for i, t in enumerate(vocab)}
    m = np.zeros((len(docs), len(vocab)))
    for r, d in enumerate(docs):
        for t, c in Counter(d).items():
            m[r, index[t]] = c
    df = (m > 0).sum(axis=0)
    idf = np.log((1.0 + len(docs)) / (1.0 + df)) + 1.0
    return l2_normalize(m * idf), vocab


# --------------------------------------------------------------------------- summary


def summarize(sentences: Sequence[str], *, language: str, encoder: SentenceEncoder | None = None,
              max_sentences: int = 3, diversity: float = 0.3, min_words: int = 5) -> Summary:
    """Pick at most ``max_sentences`` transcript sentences that cover it best.

    Args:
        sentences: The transcript's sentences, in order.
        language: ``fr`` or ``en`` (stopwords for the TF-IDF fallback).
        encoder: Sentence-embedding model; None → the TextRank/TF-IDF fallback.
        max_sentences: Most sentences in the summary.
        diversity: MMR trade-off between relevance and novelty (0–1).
        min_words: Sentences shorter than this (in words) are not picked unless
            nothing longer exists.

    Returns:
        The summary; sentences are the transcript's own, hesitations (``euh``, ``um``)
        removed.
    """
    cleaned = [strip_hesitations(s) for s in sentences]
    nonempty = [i for i, s in enumerate(cleaned) if word_count(s) > 0]
    if not nonempty or max_sentences <= 0:
        return Summary("", [], [], "all-sentences", None)
    candidates = [i for i in nonempty if word_count(cleaned[i]) >= min_words]
    if len(nonempty) <= max_sentences or not candidates:
        candidates = nonempty
    if len(candidates) <= max_sentences:
        chosen = candidates
        method, model = "all-sentences", None
    else:
        texts = [cleaned[i] for i in candidates]
        weights = np.array([word_count(t) for t in texts], dtype=np.float64)
        if encoder is not None:
            vecs = encoder.encode(texts)
            centroid = l2_normalize((vecs * weights[:, None]).sum(axis=0))
            relevance = vecs @ centroid
            similarity = cosine_matrix(vecs, vecs)
            method, model = "embedding-mmr", encoder.name
        else:
            docs = [content_words(tokenize(t), language) for t in texts]
            vecs, _ = tfidf_matrix(docs)
            similarity = vecs @ vecs.T
            ranks = textrank(similarity)
            relevance = ranks / ranks.max() if ranks.max() > 0 else ranks
            method, model = "textrank-tfidf", None
        picked = mmr_select(relevance, similarity, k=max_sentences, diversity=diversity)
        chosen = [candidates[i] for i in picked]
    out = [cleaned[i] for i in chosen]
    return Summary(" ".join(out), out, chosen, method, model)


# --------------------------------------------------------------------------- keywords


def _fold_plurals(counts: Counter[str]) -> dict[str, str]:
    """Map plural forms to their singular when both occur (``projets`` → ``projet``, ``travaux`` stays)."""
    mapping: dict[str, str] = {}
    for w in counts:
        if len(w) > 3 and w.endswith(("s", "x")) and w[:-1] in counts:
            mapping[w] = w[:-1]
    return mapping


def keyword_candidates(sentences: Sequence[str], language: str) -> dict[str, dict[str, Any]]:
    """Single words and adjacent word pairs that carry meaning, with their statistics.

    Returns:
        ``{term: {"count": n, "sentences": m, "words": (w1, …)}}``; terms use the most
        frequent surface form; a pair is kept only when it occurs at least twice.
    """
    token_lists = [tokenize(strip_hesitations(s)) for s in sentences]
    counts: Counter[str] = Counter()
    for toks in token_lists:
        counts.update(content_words(toks, language))
    fold = _fold_plurals(counts)
    unigrams: dict[str, dict[str, Any]] = {}
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for si, toks in enumerate(token_lists):
        content = set(content_words(toks, language))
        prev: str | None = None
        for tok in toks:
            if tok not in content:
                prev = None
                continue
            key = fold.get(tok, tok)
            entry = unigrams.setdefault(key, {"count": 0, "sentences": set(), "words": (key,), "forms": Counter()})
            entry["count"] += 1
            entry["sentences"].add(si)
            entry["forms"][tok] += 1
            if prev is not None and prev != key:
                pe = pairs.setdefault((prev, key), {"count": 0, "sentences": set(), "words": (prev, key)})
                pe["count"] += 1
                pe["sentences"].add(si)
            prev = key
    out: dict[str, dict[str, Any]] = {}
    for key, e in unigrams.items():
        form = e["forms"].most_common(1)[0][0]
        out[form] = {"count": e["count"], "sentences": len(e["sentences"]), "words": (key,)}
    for (a, b), e in pairs.items():
        if e["count"] >= 2:
            out[f"{a} {b}"] = {"count": e["count"], "sentences": len(e["sentences"]), "words": (a, b)}
    return out


def extract_keywords(sentences: Sequence[str], *, language: str, top_k: int = 8,
                     encoder: SentenceEncoder | None = None, similarity_weight: float = 0.3) -> list[str]:
    """The ``top_k`` keywords of a transcript, best first.

    Score: ``count · (1 + sentences/N) · (2 for a pair)``, normalised to [0, 1];
    with ``encoder``, blended with the cosine similarity of the term to the text's
    centroid (word-weighted mean of its sentence vectors; ``similarity_weight``). Greedy pick skipping terms that share a word with
    one already picked.

    Args:
        sentences: The transcript's sentences.
        language: ``fr`` or ``en`` (stopword list).
        top_k: Most keywords returned.
        encoder: Optional sentence-embedding model for the re-ranking.
        similarity_weight: Share of the embedding similarity in the score (0–1).
    """
    cands = keyword_candidates(sentences, language)
    if not cands or top_k <= 0:
        return []
    n = max(1, len(sentences))
    terms = list(cands)
    freq = np.array([c["count"] * (1.0 + c["sentences"] / n) * (2.0 if len(c["words"]) > 1 else 1.0)
                     + 0.01 * min(len(t), 12) for t, c in cands.items()])
    score = freq / freq.max()
    if encoder is not None and similarity_weight > 0:
        # Only the frequent head is embedded: cheap and enough to re-rank.
        head = np.argsort(-score)[: max(4 * top_k, 30)]
        texts = [t for t in (strip_hesitations(s) for s in sentences) if t]
        weights = np.array([max(1, word_count(t)) for t in texts], dtype=np.float64)
        doc = l2_normalize((encoder.encode(texts) * weights[:, None]).sum(axis=0))  # as the summary's centroid
        sims = encoder.encode([terms[i] for i in head]) @ doc
        blended = np.full_like(score, -np.inf)
        blended[head] = (1.0 - similarity_weight) * score[head] + similarity_weight * np.clip(sims, 0.0, None)
        score = blended
    order = np.argsort(-score, kind="stable")
    picked: list[str] = []
    used: set[str] = set()
    for i in order:
        if not math.isfinite(score[i]) or len(picked) >= top_k:
            break
        words = set(cands[terms[i]]["words"])
        if words & used:
            continue
        picked.append(terms[i])
        used |= words
    return picked
