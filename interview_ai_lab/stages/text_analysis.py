"""Stage 4 — text analysis of the transcript: sentiment, extractive summary, keywords.

Reads ``transcript.json`` (from ``transcribe``) and writes ``text.json``::

    {"text": {"sentiment": {"label", "score", "method", "model", "scores", "polarity", …},
              "summary": "≤ 3 sentences, the transcript's own, in its language",
              "summary_method": "embedding-mmr" | "textrank-tfidf" | "all-sentences",
              "summary_model": name | null, "keywords": [...], "language": "fr" | "en",
              "sentences": n, "words": n} | null,
     "models": {"sentiment": {...} | null, "embedding": {...} | null},
     "warnings": [...]}

Sentiment uses a transformers classifier when one can be had (flag, ``IAL_SENTIMENT_MODEL``,
``models/``, the HF cache or a download; default the multilingual 3-class
``cardiffnlp/twitter-xlm-roberta-base-sentiment``), else a lexicon method, labelled
``method: "lexicon"`` with a warning. The summary ranks sentences with sentence
embeddings (default ``paraphrase-multilingual-MiniLM-L12-v2``; offline, the packaged
multilingual USE v3, else ``all-MiniLM-L6-v2``), else TextRank over TF-IDF. A transcript without words
gives ``"text": null`` and a warning.

    python scripts/text_analysis.py --outdir outputs/sample1
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.model_resolver import (
    ResolvedModel,
    resolve_embedding,
    resolve_sentiment,
    transformer_extra_installed,
)
from interview_ai_lab.runtime.stage import Context, Payload, Stage
from interview_ai_lab.text.textutils import language_of, normalize_space, split_sentences, strip_hesitations, word_count

if TYPE_CHECKING:
    from interview_ai_lab.text.sentiment import SentimentResult

logger = logging.getLogger(__name__)

#: The artefact read: the transcript.
TRANSCRIPT = "transcript.json"
STEPS = 4  # load, sentiment, summary, keywords


@dataclass
class Options:
    """Options of the text analysis.

    Attributes:
        sentiment_model: Sentiment classifier: Hugging Face repo id or local folder
            (default: $IAL_SENTIMENT_MODEL, else cardiffnlp/twitter-xlm-roberta-base-sentiment;
            when none can be had, a labelled lexicon method is used).
        embedding_model: Sentence-embedding model for the summary and keywords: repo id or
            folder (default: $IAL_EMBEDDING_MODEL, else paraphrase-multilingual-MiniLM-L12-v2;
            offline, the packaged multilingual USE v3, else all-MiniLM-L6-v2; with none, TextRank over TF-IDF).
        summary_sentences: Most sentences in the summary.
        keywords: Most keywords returned.
        max_tokens: Longest chunk given to the sentiment classifier, in tokens (long
            transcripts are split at sentence boundaries and averaged by length).
        max_sentence_words: Unpunctuated stretches longer than this, in words, are split
            into several sentences.
        diversity: Summary sentence selection: 0 = most central sentences, 1 = most
            different from those already picked (MMR).
    """

    sentiment_model: str | None = None
    embedding_model: str | None = None
    summary_sentences: int = 3
    keywords: int = 8
    max_tokens: int = 512
    max_sentence_words: int = 60
    diversity: float = 0.3


def _model_key(m: ResolvedModel | None) -> str | None:
    return f"{m.name}@{m.path}" if m is not None else None


def analyse_sentiment(sentences: Sequence[str], *, language: str, model: ResolvedModel | None, threads: int = 1,
                      device: str = "cpu", max_tokens: int = 512) -> tuple[SentimentResult, list[dict[str, Any]]]:
    """Sentiment of ``sentences`` with the classifier ``model``, or the lexicon when it is None, and its notices.

    Returns:
        The result and the warnings (notices) to put in ``text.json`` (the fallback is never silent).
    """
    from interview_ai_lab.text.sentiment import LexiconSentiment, TransformersSentiment

    warnings: list[dict[str, Any]] = []
    if model is not None:
        clf = TransformersSentiment.load(model, threads=threads, device=device, max_tokens=max_tokens)
        result = clf.analyse(sentences)
        if model.fallback:
            warnings.append(notice("sentiment_model_fallback", technical=f"wanted '{model.wanted}', used '{model.name}'"))
        return result, warnings
    lex = LexiconSentiment(language)
    warnings.append(notice("sentiment_lexicon", technical=lexicon_reason(lex.model)))
    return lex.analyse(sentences), warnings


def lexicon_reason(method: str) -> str:
    """The ``technical`` text of the ``sentiment_lexicon`` notice: why no classifier ran, and how to get one.

    Args:
        method: The lexicon method used (:attr:`LexiconSentiment.model`).
    """
    if not transformer_extra_installed():
        return (f"the transformer sentiment model needs the 'transformers' extra (transformers and torch), which is "
                f"not installed; used the {method} method (method: lexicon). Install it with: "
                'pip install "interview-ai-lab[transformers]" (torch\'s CPU build: see docs/install.md).')
    return (f"no transformer sentiment model (offline, nothing in models/ or the Hugging Face cache); used the "
            f"{method} method (method: lexicon). Put a model in models/ or set IAL_SENTIMENT_MODEL / "
            "--sentiment-model to use one.")


def analyse_text(text: str, *, language: str | None, opts: Options, sentiment_model: ResolvedModel | None,
                 embedding_model: ResolvedModel | None, threads: int = 1, device: str = "cpu",
                 hook: Any = None) -> tuple[dict[str, Any] | None, list[str]]:
    """Sentiment, summary and keywords of ``text``.

    Args:
        text: The transcript.
        language: The ASR's language code (``fr``, ``en``…) or None (guessed from stopwords).
        opts: Stage options.
        sentiment_model: Resolved classifier, or None for the lexicon method.
        embedding_model: Resolved sentence-embedding model, or None for TextRank.
        threads: CPU threads for torch.
        device: ``cpu``, ``cuda`` or ``auto``.
        hook: Optional ``hook(stage, completed, total)``.

    Returns:
        ``(text_block, warnings)``; ``text_block`` is None when the text has no words.
    """
    from interview_ai_lab.text.embeddings import load_encoder
    from interview_ai_lab.text.summary import extract_keywords, summarize

    def progress(step: int) -> None:
        if hook is not None:
            hook(STAGE.name, step, STEPS)

    warnings: list[str] = []
    text = normalize_space(text)
    if word_count(strip_hesitations(text)) == 0:
        warnings.append(notice("text_no_words"))
        logger.warning(warnings[-1]["message"])
        return None, warnings
    lang = language_of(text, language)
    if language and lang != language.lower().split("-")[0]:
        warnings.append(notice("language_unsupported", language=language, used=lang))
    sentences = split_sentences(text, max_words=opts.max_sentence_words)
    progress(1)

    sentiment, sw = analyse_sentiment(sentences, language=lang, model=sentiment_model, threads=threads,
                                      device=device, max_tokens=opts.max_tokens)
    warnings.extend(sw)
    progress(2)

    encoder = load_encoder(embedding_model, threads=threads, device=device)
    if encoder is None:
        warnings.append(notice("no_embedding_model", technical="method: textrank-tfidf "
                               "(TextRank over TF-IDF); put a sentence-embedding model in models/ to use one"))
    else:
        assert embedding_model is not None
        if embedding_model.fallback:
            warnings.append(notice("embedding_model_fallback",
                                   technical=f"wanted '{embedding_model.wanted}', used '{embedding_model.name}'"))
        if not encoder.multilingual and lang != "en":
            warnings.append(notice("english_embedding_model", language=lang,
                                   technical=f"model '{encoder.name}'"))
    summary = summarize(sentences, language=lang, encoder=encoder, max_sentences=opts.summary_sentences,
                        diversity=opts.diversity)
    progress(3)
    keywords = extract_keywords(sentences, language=lang, top_k=opts.keywords, encoder=encoder)
    progress(4)
    for w in warnings:
        logger.info(w)
    block = {
        "sentiment": sentiment.as_dict(),
        "summary": summary.text,
        "summary_method": summary.method,
        "summary_model": summary.model or (encoder.name if encoder is not None else None),
        "summary_sentence_indices": summary.indices,
        "keywords": keywords,
        "language": lang,
        "sentences": len(sentences),
        "words": word_count(text),
    }
    return block, warnings


def check(opts: Options) -> None:
    """Raise :class:`InputError` for options out of range."""
    if opts.summary_sentences < 0 or opts.keywords < 0 or opts.max_tokens < 16:
        raise InputError("text_analysis: summary_sentences and keywords must be ≥ 0 and max_tokens ≥ 16")


def prepare(ctx: Context, opts: Options) -> tuple[ResolvedModel | None, ResolvedModel | None]:
    """The sentiment classifier and the sentence-embedding model, resolved (not loaded)."""
    return resolve_sentiment(opts.sentiment_model), resolve_embedding(opts.embedding_model)


def run(ctx: Context, opts: Options, models: tuple[ResolvedModel | None, ResolvedModel | None]) -> Payload:
    """Analyse ``transcript.json`` in ``ctx.outdir``; the payload of ``text.json``.

    Raises:
        InputError: ``transcript.json`` is unreadable.
    """
    sentiment_model, embedding_model = models
    src = ctx.path(TRANSCRIPT)
    try:
        transcript = read_json(src)
    except (OSError, ValueError) as e:
        raise InputError(f"{src} is not readable JSON: {e}") from e
    if not isinstance(transcript, dict):
        raise InputError(f"{src} is not a transcript (expected a JSON object)")
    text = transcript.get("text")
    if not isinstance(text, str):
        text = " ".join(str(s.get("text", "")) for s in transcript.get("segments") or [] if isinstance(s, dict))
    ctx.hook(STAGE.name, 0, STEPS)
    block, warnings = analyse_text(text, language=transcript.get("language"), opts=opts,
                                   sentiment_model=sentiment_model, embedding_model=embedding_model,
                                   threads=ctx.threads, device=ctx.device, hook=ctx.hook)
    ctx.hook(STAGE.name, STEPS, STEPS)
    return {
        "text": block,
        "models": {"sentiment": sentiment_model.as_dict() if sentiment_model else None,
                   "embedding": embedding_model.as_dict() if embedding_model else None},
        "warnings": warnings,
    }


STAGE = Stage(name="text_analysis", version="1", inputs=(TRANSCRIPT,), output="text.json", options=Options, run=run,
              check=check, prepare=prepare,
              fingerprint=lambda ctx, opts, models: {"sentiment": _model_key(models[0]),
                                                     "embedding": _model_key(models[1])},
              weight=10)

