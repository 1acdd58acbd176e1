"""Sentiment of a transcript: a transformers 3-class classifier, or a labelled lexicon fallback.

Two methods give the same result shape (:class:`SentimentResult`):

* ``transformers`` — a sequence classifier (default
  ``cardiffnlp/twitter-xlm-roberta-base-sentiment``, multilingual, 3 classes). The
  transcript is packed into chunks of at most ``max_tokens`` tokens at sentence
  boundaries; the chunks' class probabilities are averaged, weighted by their length
  in tokens. Any label set is mapped onto negative/neutral/positive
  (:func:`label_projection`: names, ``LABEL_k``, 1–5 stars, binary).
* ``lexicon`` — used when no classifier can be had (offline). English: VADER
  (``vaderSentiment``: valence lexicon + rules for negation, intensifiers, "but").
  French: the polarity lexicon of ``textblob-fr`` (``fr-sentiment.xml``, shipped in the
  package's data: :data:`FR_LEXICON_PATH`) plus a short supplement of interview words, scored with VADER-like rules:
  negation (``ne … pas``, ``pas``, ``jamais``, ``sans``…) scales a word by −0.74,
  intensifiers (``très``, ``vraiment``…) by 1 + b, ``mais`` halves what precedes it
  and weighs what follows by 1.5, sums are squashed by ``s / sqrt(s² + 15)``.
  Sentence scores in [−1, 1] are averaged, weighted by words; the mean ``polarity``
  becomes pseudo-probabilities with :func:`probs_from_polarity` (not calibrated).

The result always says which method and model produced it.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from interview_ai_lab.runtime.errors import DependencyError, InputError, StageError
from interview_ai_lab.runtime.model_resolver import ResolvedModel
from interview_ai_lab.runtime.resources import data_path
from interview_ai_lab.text.textutils import strip_hesitations, tokenize, word_count

logger = logging.getLogger(__name__)

#: Class order used everywhere in this module.
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")

#: VADER's constants (Hutto & Gilbert 2014), reused by the French scorer.
NEGATION_SCALAR = -0.74
NORMALIZE_ALPHA = 15.0
#: Lexicon polarities in [-1, 1] (textblob-fr) are scaled to VADER's valence range [-4, 4].
FR_VALENCE_SCALE = 4.0


@dataclass
class SentimentResult:
    """The sentiment of a whole text.

    Attributes:
        label: ``positive``, ``neutral`` or ``negative`` (the most probable class).
        score: Probability of ``label``, 0–1 (pseudo-probability for the lexicon method).
        method: ``transformers`` or ``lexicon``.
        model: The classifier's name, or the lexicon's (``vader`` / ``textblob-fr``).
        scores: ``{positive, neutral, negative}`` probabilities summing to 1.
        polarity: ``P(positive) − P(negative)`` for the classifier; the mean sentence
            score in [−1, 1] for the lexicon.
        units: Number of chunks (classifier) or sentences (lexicon) scored.
    """

    label: str
    score: float
    method: str
    model: str | None
    scores: dict[str, float]
    polarity: float
    units: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form written into ``text.json``."""
        d = asdict(self)
        d.update(d.pop("extra"))
        return d


# --------------------------------------------------------------------------- pure helpers


def probs_from_polarity(polarity: float, *, neutral_band: float = 0.1, sharpness: float = 8.0) -> np.ndarray:
    """Pseudo-probabilities ``[negative, neutral, positive]`` from a polarity in [−1, 1].

    A softmax over the logits ``[k(−p − t), 0, k(p − t)]`` (``t`` = ``neutral_band``,
    ``k`` = ``sharpness``): the arg-max is ``positive`` exactly when ``p > t``,
    ``negative`` when ``p < −t``, ``neutral`` in between. Not calibrated.
    """
    p = float(np.clip(polarity, -1.0, 1.0))
    logits = np.array([sharpness * (-p - neutral_band), 0.0, sharpness * (p - neutral_band)])
    e = np.exp(logits - logits.max())
    return e / e.sum()


def aggregate_probs(probs: np.ndarray, weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """Weighted mean of per-chunk class probabilities.

    Args:
        probs: ``(n, 3)`` probabilities ``[negative, neutral, positive]`` per chunk.
        weights: ``(n,)`` non-negative weights (tokens or words per chunk).

    Returns:
        ``(3,)`` probabilities summing to 1 (uniform when there is nothing to weigh).
    """
    probs = np.asarray(probs, dtype=np.float64).reshape(-1, 3)
    w = np.clip(np.asarray(weights, dtype=np.float64).reshape(-1), 0.0, None)
    if probs.shape[0] == 0 or w.sum() <= 0:
        return np.full(3, 1.0 / 3.0)
    out = (probs * w[:, None]).sum(axis=0) / w.sum()
    return out / out.sum()


def _label_kind(label: str) -> str | None:
    s = label.strip().lower()
    if s.startswith("neg") or s in ("bad", "very negative"):
        return "negative"
    if s.startswith("neu") or s in ("mixed", "none", "objective"):
        return "neutral"
    if s.startswith("pos") or s in ("good", "very positive"):
        return "positive"
    m = re.match(r"^(\d)\s*stars?$", s)
    if m:
        n = int(m.group(1))
        return "negative" if n <= 2 else ("neutral" if n == 3 else "positive")
    return None


def label_projection(id2label: Mapping[int, str] | Sequence[str]) -> np.ndarray:
    """Matrix mapping a classifier's classes onto ``[negative, neutral, positive]``.

    Recognised label sets: names starting with ``neg``/``neu``/``pos`` (any case, e.g.
    ``Negative``, ``very positive``), ``1 star`` … ``5 stars`` (1–2 negative, 3 neutral,
    4–5 positive), and anonymous ``LABEL_0..2`` (cardiffnlp order: negative, neutral,
    positive) or ``LABEL_0..1`` (negative, positive). A binary model never says
    neutral.

    Args:
        id2label: The model's ``config.id2label`` (``{0: "negative", ...}``) or a list.

    Returns:
        ``(n_labels, 3)`` 0/1 matrix: ``probs3 = probs @ matrix``.

    Raises:
        InputError: A label cannot be mapped (not a sentiment classifier).
    """
    if isinstance(id2label, Mapping):
        labels = [str(id2label[k]) for k in sorted(id2label, key=int)]
    else:
        labels = [str(x) for x in id2label]
    n = len(labels)
    kinds = [_label_kind(lab) for lab in labels]
    if any(k is None for k in kinds):
        anon = [re.fullmatch(r"label_(\d+)", lab.strip().lower()) for lab in labels]
        if all(anon) and n in (2, 3):
            order = ("negative", "neutral", "positive") if n == 3 else ("negative", "positive")
            kinds = [order[int(m.group(1))] for m in anon]  # type: ignore[union-attr]
        else:
            raise InputError(
                f"the sentiment model's labels {labels} cannot be mapped to negative/neutral/positive; "
                "use a sentiment classifier (e.g. cardiffnlp/twitter-xlm-roberta-base-sentiment)")
    matrix = np.zeros((n, 3))
    for i, kind in enumerate(kinds):
        matrix[i, LABELS.index(kind)] = 1.0  # type: ignore[arg-type]
    return matrix


def pack_chunks(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Group consecutive sentences into chunks of at most ``max_tokens`` tokens.

    Greedy, order kept; a sentence longer than ``max_tokens`` is a chunk of its own
    (truncated by the tokenizer).

    Args:
        lengths: Tokens per sentence.
        max_tokens: Largest chunk, in tokens (special tokens excluded).

    Returns:
        Lists of sentence indices, one list per chunk.
    """
    chunks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i, n in enumerate(lengths):
        if current and size + n > max_tokens:
            chunks.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        chunks.append(current)
    return chunks


def result_from_probs(probs: np.ndarray, *, method: str, model: str | None, polarity: float | None = None,
                      units: int = 0, **extra: Any) -> SentimentResult:
    """Build a :class:`SentimentResult` from ``[negative, neutral, positive]`` probabilities."""
    probs = np.asarray(probs, dtype=np.float64)
    best = int(np.argmax(probs))
    scores = {lab: round(float(probs[i]), 4) for i, lab in enumerate(LABELS)}
    pol = float(probs[2] - probs[0]) if polarity is None else float(polarity)
    return SentimentResult(label=LABELS[best], score=round(float(probs[best]), 4), method=method, model=model,
                           scores=scores, polarity=round(pol, 4), units=units, extra=dict(extra))


# --------------------------------------------------------------------------- lexicons


#: The French polarity lexicon (PDDL), a copy of ``textblob_fr/fr-sentiment.xml`` from PyPI ``textblob-fr==0.2.0``
#: (its provenance in ``interview_ai_lab/data/models/README.md``).
FR_LEXICON_PATH = data_path("models", "fr-sentiment.xml")


#: Interview words missing from (or mis-scored in) textblob-fr's adjective lexicon; polarity in [-1, 1].
FR_SUPPLEMENT: dict[str, float] = {
    **dict.fromkeys(["motivé", "motivée", "motivés", "motivées", "motivant", "motivante"], 0.6),
    **dict.fromkeys(["ravi", "ravie", "ravis", "ravies", "enchanté", "enchantée"], 0.8),
    **dict.fromkeys(["épanouissant", "épanouissante", "enrichissant", "enrichissante", "gratifiant",
                     "gratifiante", "stimulant", "stimulante"], 0.6),
    **dict.fromkeys(["réussi", "réussie", "réussis", "réussite", "succès", "progrès", "chance", "opportunité",
                     "fierté", "compétent", "compétente", "top", "cool", "bravo", "félicitations", "hâte",
                     "mieux", "impatient", "impatiente", "intéressé", "intéressée"], 0.4),
    **dict.fromkeys(["aime", "aimer", "aimais", "aimait", "aimons", "aimé", "apprécie", "apprécier", "apprécié",
                     "appréciais", "adore", "adorer", "adorais", "adoré", "plais", "plaît", "plu"], 0.6),
    **dict.fromkeys(["déteste", "détester", "détestais", "détesté", "regrette", "regretté", "regret", "regrets"],
                    -0.6),
    **dict.fromkeys(["échec", "échecs", "échoué", "problème", "problèmes", "difficulté", "difficultés", "conflit",
                     "conflits", "peur", "angoisse", "stress", "fatigue", "galère", "colère", "souffrance",
                     "injustice", "licencié", "licenciée", "viré", "virée"], -0.5),
    **dict.fromkeys(["stressant", "stressante", "stressé", "stressée", "démotivé", "démotivée", "frustré",
                     "frustrée", "frustrant", "frustrante", "frustration", "énervé", "énervée", "lassé", "lassée",
                     "toxique", "catastrophique", "épuisant", "épuisante", "harcèlement", "souffert", "souffrir",
                     "ennuyé", "ennuyée", "négatif", "négative", "déçu", "déçue"], -0.7),
    **dict.fromkeys(["positif", "positive", "dynamique", "rigoureux", "rigoureuse", "curieux", "curieuse"], 0.3),
}
#: Lexicon entries too ambiguous in speech to count as sentiment (kept as intensifiers where listed below).
FR_IGNORED = frozenset({"plus", "si", "peu", "beaucoup", "bien", "non", "oui", "n'", "tellement", "plein",
                        "particulièrement", "probablement", "largement", "certainement", "simplement", "clairement",
                        # nouns tagged as adjectives ("le matériel" = the equipment), a number ("neuf" = nine)
                        "matériel", "matériels", "neuf"})
#: Entries less subjective than this are facts ("actuel", "passé", "industriel"), not sentiment.
FR_MIN_SUBJECTIVITY = 0.3
FR_NEGATIONS = frozenset({"ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "guère", "nullement"})
#: Negations that may follow the word they negate in spoken French ("j'aime pas").
FR_POST_NEGATIONS = frozenset({"pas", "jamais", "guère", "point"})
#: Intensifiers: the next sentiment word's valence is multiplied by (1 + b).
FR_BOOSTERS: dict[str, float] = {
    "très": 0.3, "vraiment": 0.3, "tellement": 0.3, "trop": 0.3, "super": 0.3, "hyper": 0.3, "vachement": 0.3,
    "extrêmement": 0.4, "absolument": 0.4, "complètement": 0.3, "totalement": 0.3, "particulièrement": 0.3,
    "profondément": 0.3, "énormément": 0.4, "incroyablement": 0.4, "si": 0.2, "beaucoup": 0.2, "fort": 0.2,
    "assez": -0.2, "plutôt": -0.2, "légèrement": -0.4, "moyennement": -0.5,
}
FR_CONTRAST = frozenset({"mais", "cependant", "pourtant", "toutefois", "néanmoins"})
#: Fixed phrases scored as a whole (valence on VADER's ±4 scale).
FR_IDIOMS: dict[tuple[str, ...], float] = {
    ("pas", "mal"): 1.5, ("pas", "terrible"): -1.5, ("pas", "de", "problème"): 0.5, ("pas", "de", "souci"): 0.5,
    ("sans", "problème"): 0.5, ("sans", "souci"): 0.5, ("tant", "pis"): -1.0, ("bien", "sûr"): 0.0,
}

#: Additions to VADER for interview vocabulary (valence on its ±4 scale).
EN_SUPPLEMENT: dict[str, float] = {
    "toxic": -2.2, "burnout": -2.2, "overworked": -1.8, "underpaid": -1.8, "micromanaged": -1.6, "quit": -0.8,
    "fulfilling": 2.0, "achieve": 1.2, "achieved": 1.5, "fortunately": 1.4, "thrive": 1.8, "thrived": 1.8,
}


@dataclass(frozen=True)
class FrenchLexicon:
    """Valences (±4 scale) by word form, and the words that behave as verbs (negated by a following ``pas``)."""

    valence: dict[str, float]
    verbs: frozenset[str]


@functools.lru_cache(maxsize=1)
def french_lexicon() -> FrenchLexicon:
    """Load the French sentiment lexicon: textblob-fr's ``fr-sentiment.xml`` plus :data:`FR_SUPPLEMENT`.

    The XML is :data:`FR_LEXICON_PATH` (PDDL, De Smedt & Daelemans).

    Raises:
        DependencyError: The packaged lexicon is missing (a damaged install).
    """
    xml_path = FR_LEXICON_PATH
    if not xml_path.is_file():
        raise DependencyError(f"the French sentiment lexicon {xml_path} is missing from the package's data; "
                              "reinstall interview-ai-lab")
    sums: dict[str, list[float]] = {}
    verbs: set[str] = set()
    for w in ET.parse(xml_path).getroot().iter("word"):
        form = (w.get("form") or "").strip().lower()
        if not form or form in FR_IGNORED:
            continue
        try:
            polarity = float(w.get("polarity") or 0.0)
            subjectivity = float(w.get("subjectivity") or 0.0)
        except ValueError:
            continue
        if subjectivity < FR_MIN_SUBJECTIVITY and w.get("pos") != "RB":
            continue
        sums.setdefault(form, []).append(polarity)
        if w.get("pos") == "VB":
            verbs.add(form)
    valence = {k: FR_VALENCE_SCALE * sum(v) / len(v) for k, v in sums.items()}
    valence.update({k: FR_VALENCE_SCALE * v for k, v in FR_SUPPLEMENT.items()})
    verbs.update(k for k in FR_SUPPLEMENT if k.endswith(("er", "e", "é", "ais", "ait", "ons", "plaît", "plu", "plais")))
    return FrenchLexicon(valence={k: v for k, v in valence.items() if v != 0.0}, verbs=frozenset(verbs))


def _fr_lookup(lex: FrenchLexicon, tok: str) -> float:
    v = lex.valence.get(tok)
    if v is None and len(tok) > 4 and tok.endswith(("s", "x")):
        v = lex.valence.get(tok[:-1])
    return v or 0.0


def french_sentence_score(sentence: str, lexicon: FrenchLexicon | None = None) -> float:
    """VADER-like compound score in [−1, 1] of one French sentence (see the module docstring)."""
    lex = lexicon or french_lexicon()
    toks = tokenize(sentence)
    valences: list[float] = []
    contrast_at: int | None = None
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in FR_CONTRAST:
            contrast_at = len(valences)
        idiom = next((ph for ph in FR_IDIOMS if tuple(toks[i:i + len(ph)]) == ph), None)
        if idiom is not None:
            quantity = idiom == ("pas", "mal") and i + 2 < len(toks) and toks[i + 2] in ("de", "d'")
            valences.append(0.0 if quantity else FR_IDIOMS[idiom])  # "pas mal de" = "quite a lot of"
            i += len(idiom)
            continue
        v = _fr_lookup(lex, tok)
        if v == 0.0 or (tok in FR_BOOSTERS and i + 1 < len(toks) and _fr_lookup(lex, toks[i + 1]) != 0.0):
            valences.append(0.0)
            i += 1
            continue
        before = toks[max(0, i - 3):i]
        for j, b in enumerate(reversed(before)):  # nearest intensifier, weaker further away (as VADER)
            if b in FR_BOOSTERS:
                v *= 1.0 + FR_BOOSTERS[b] * (1.0, 0.95, 0.9)[j]
                break
        if "peu" in before[-2:] and "un" not in before[-3:-1]:
            v *= -0.5  # "peu motivé" ≈ not very motivated
        elif "peu" in before[-2:]:
            v *= 0.6  # "un peu déçu"
        negated = any(b in FR_NEGATIONS for b in before)
        if not negated and tok in lex.verbs and i + 1 < len(toks) and toks[i + 1] in FR_POST_NEGATIONS:
            negated = True
        if negated:
            v *= NEGATION_SCALAR
        valences.append(v)
        i += 1
    if contrast_at is not None:
        valences = [v * 0.5 for v in valences[:contrast_at]] + [v * 1.5 for v in valences[contrast_at:]]
    s = float(sum(valences))
    return s / math.sqrt(s * s + NORMALIZE_ALPHA) if s else 0.0


@functools.lru_cache(maxsize=1)
def _vader() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as e:
        raise DependencyError("the English sentiment lexicon is missing; install it with: "
                              "pip install vaderSentiment==3.3.2") from e
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update(EN_SUPPLEMENT)
    return analyzer


_EN_LIKE_COMMAS = re.compile(r"(?i),\s*like\s*,")
_EN_LIKE_AFTER_BE = re.compile(r"(?i)\b(was|were|is|it's|i'm|and)\s+like\b,?")


def english_sentence_score(sentence: str) -> float:
    """VADER compound score in [−1, 1] of one English sentence.

    The filler "like" (``, like,``; ``it was like``) is removed first: VADER would
    count it as the positive verb.
    """
    text = _EN_LIKE_AFTER_BE.sub(r"\1", _EN_LIKE_COMMAS.sub(",", sentence))
    return float(_vader().polarity_scores(text)["compound"])


class LexiconSentiment:
    """The lexicon method for one language (``fr`` → textblob-fr lexicon, anything else → VADER).

    Args:
        language: ``fr`` or ``en``.
        neutral_band: Mean polarity within ±this is ``neutral`` (see :func:`probs_from_polarity`).
    """

    def __init__(self, language: str, *, neutral_band: float = 0.1):
        self.language = "fr" if language == "fr" else "en"
        self.neutral_band = neutral_band
        self.model = "textblob-fr lexicon (fr-sentiment.xml) + rules" if self.language == "fr" else "VADER lexicon"

    def sentence_score(self, sentence: str) -> float:
        """Compound score of one sentence, in [−1, 1]."""
        sentence = strip_hesitations(sentence)
        if self.language == "fr":
            return french_sentence_score(sentence)
        return english_sentence_score(sentence)

    def analyse(self, sentences: Sequence[str]) -> SentimentResult:
        """Sentiment of a text given as sentences (word-weighted mean of sentence scores)."""
        scores = np.array([self.sentence_score(s) for s in sentences], dtype=np.float64)
        weights = np.array([max(1, word_count(s)) for s in sentences], dtype=np.float64)
        polarity = float((scores * weights).sum() / weights.sum()) if len(scores) else 0.0
        probs = probs_from_polarity(polarity, neutral_band=self.neutral_band)
        return result_from_probs(probs, method="lexicon", model=self.model, polarity=polarity, units=len(sentences),
                                 language=self.language)


# --------------------------------------------------------------------------- transformers


class TransformersSentiment:
    """A sequence-classification model used on long transcripts.

    Args:
        model: A loaded ``AutoModelForSequenceClassification``.
        tokenizer: Its tokenizer.
        name: Name reported in ``text.json``.
        threads: CPU threads torch may use.
        device: ``cpu`` or ``cuda``.
        max_tokens: Largest chunk, in tokens (special tokens included); capped by the
            tokenizer's ``model_max_length``.
        batch_size: Chunks per forward pass.
    """

    def __init__(self, model: Any, tokenizer: Any, *, name: str, threads: int = 1, device: str = "cpu",
                 max_tokens: int = 512, batch_size: int = 8):
        self._model = model
        self._tokenizer = tokenizer
        self.name = name
        self.threads = max(1, int(threads))
        self.device = device
        limit = getattr(tokenizer, "model_max_length", None) or max_tokens
        self.max_tokens = int(min(max_tokens, limit if limit < 100_000 else max_tokens))
        self.batch_size = max(1, int(batch_size))
        self.projection = label_projection(getattr(model.config, "id2label", {}) or {})

    @classmethod
    def load(cls, resolved: ResolvedModel, *, threads: int = 1, device: str = "cpu", max_tokens: int = 512,
             batch_size: int = 8) -> TransformersSentiment:
        """Load tokenizer and classifier from ``resolved.path``.

        Raises:
            StageError: The folder is not a loadable sequence classifier.
            InputError: Its labels are not sentiment classes.
        """
        from interview_ai_lab.text.embeddings import import_transformers, torch_device, torch_threads

        transformers = import_transformers()
        dev = torch_device(device)
        with torch_threads(threads):
            try:
                tokenizer = transformers.AutoTokenizer.from_pretrained(str(resolved.path))
                model, info = transformers.AutoModelForSequenceClassification.from_pretrained(
                    str(resolved.path), output_loading_info=True)
            except (OSError, ValueError) as e:
                raise StageError(f"could not load the sentiment model {resolved.name} from {resolved.path}: {e}") from e
        if info.get("missing_keys"):
            raise InputError(
                f"{resolved.name} ({resolved.path}) is not a trained classifier: its checkpoint lacks "
                f"{', '.join(sorted(info['missing_keys'])[:3])}; use a sentiment model "
                "(e.g. cardiffnlp/twitter-xlm-roberta-base-sentiment)")
        model.eval().to(dev)
        logger.info("Sentiment model: %s (%s)", resolved.name, resolved.source)
        return cls(model, tokenizer, name=resolved.name, threads=threads, device=dev, max_tokens=max_tokens,
                   batch_size=batch_size)

    def chunks(self, sentences: Sequence[str]) -> list[str]:
        """The texts fed to the model: sentences packed into chunks of at most ``max_tokens`` tokens."""
        sentences = [s for s in sentences if s.strip()]
        if not sentences:
            return []
        special = self._tokenizer.num_special_tokens_to_add(pair=False)
        lengths = [len(ids) for ids in self._tokenizer(list(sentences), add_special_tokens=False)["input_ids"]]
        return [" ".join(sentences[i] for i in idx) for idx in pack_chunks(lengths, self.max_tokens - special)]

    def chunk_probs(self, chunks: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(probs, tokens)``: ``(n, 3)`` ``[negative, neutral, positive]`` per chunk and its length in tokens."""
        from interview_ai_lab.text.embeddings import import_torch, torch_threads

        torch = import_torch()
        probs: list[np.ndarray] = []
        lengths: list[np.ndarray] = []
        with torch_threads(self.threads), torch.inference_mode():
            for i in range(0, len(chunks), self.batch_size):
                enc = self._tokenizer(list(chunks[i:i + self.batch_size]), padding=True, truncation=True,
                                      max_length=self.max_tokens, return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                logits = self._model(**enc).logits.float()
                p = torch.softmax(logits, dim=-1).cpu().numpy().astype(np.float64)
                probs.append(p @ self.projection)
                lengths.append(enc["attention_mask"].sum(dim=1).cpu().numpy())
        if not probs:
            return np.zeros((0, 3)), np.zeros(0)
        return np.concatenate(probs), np.concatenate(lengths).astype(np.float64)

    def analyse(self, sentences: Sequence[str]) -> SentimentResult:
        """Sentiment of a text given as sentences (token-weighted mean over chunks)."""
        chunks = self.chunks(sentences)
        probs, tokens = self.chunk_probs(chunks)
        return result_from_probs(aggregate_probs(probs, tokens), method="transformers", model=self.name,
                                 units=len(chunks))
