"""Rubrics: generation from the question, validation, coverage with evidence (real MiniLM embeddings)."""

from __future__ import annotations

import copy

import pytest

from scripts.core.errors import InputError
from scripts.core.rubrics import (answer_sentences, classify_question, generate_rubric, score_answer,
                                  validate_rubric)

Q_EN = "Tell me about a time you solved a difficult problem at work."
GOOD_EN = ("Last year I was working in a small logistics team and our delivery system kept failing every night. "
           "My role was to find the cause quickly. I first analysed the logs, then I wrote a script to reroute the "
           "orders and I trained my colleagues. As a result, customer complaints dropped by thirty percent in two "
           "months. I learned that monitoring early saves a lot of time.")
OFF_EN = ("I really like hiking in the mountains during the holidays. My favourite food is pizza with mushrooms. "
          "On Sundays I usually watch football with my brother. The weather here is often rainy.")
Q_FR = "Racontez une situation où vous avez dû résoudre un problème difficile au travail."
GOOD_FR = ("L'année dernière, je travaillais dans une petite équipe logistique et notre système de livraison tombait en "
           "panne chaque nuit. Mon rôle était de trouver la cause rapidement. D'abord j'ai analysé les journaux, puis "
           "j'ai écrit un script pour rediriger les commandes et j'ai formé mes collègues. Au final, les réclamations "
           "des clients ont baissé de trente pour cent en deux mois. J'ai appris qu'il faut surveiller tôt.")
OFF_FR = ("J'aime beaucoup faire de la randonnée en montagne pendant les vacances. Mon plat préféré est la pizza aux "
          "champignons. Le dimanche je regarde souvent le football avec mon frère. Il pleut souvent ici.")
Q_MOT = "Why do you want to work for our company?"
GOOD_MOT = ("Your company builds software that helps hospitals, and I share your mission of improving patient care. "
            "This position matches my five years of experience in data engineering. I am passionate about building "
            "tools that people use every day. I could bring my experience with automation to your team.")


@pytest.fixture(scope="module")
def encoder():
    from scripts.core.embeddings import load_encoder
    from scripts.core.models import resolve_embedding

    enc = load_encoder(resolve_embedding(), threads=1)
    assert enc is not None, "the packaged all-MiniLM-L6-v2 must resolve offline"
    return enc


@pytest.mark.parametrize("question,expected", [
    (Q_EN, "behavioural"), (Q_FR, "behavioural"), (Q_MOT, "motivation"),
    ("Pourquoi voulez-vous rejoindre notre entreprise ?", "motivation"),
    ("Explain the difference between a process and a thread.", "technical"),
    ("Quels sont vos points forts et vos points faibles ?", "strengths_weaknesses"),
    ("What would you do if a client was unhappy with a delivery?", "situational"),
    ("Présentez-vous.", "self_presentation"),
    ("Where do you see yourself in five years?", "career_goals"),
    ("Do you have a driving licence?", "generic"),
])
def test_question_types_from_keywords(question, expected):
    assert classify_question(question)[0] == expected


def test_generated_rubric_shape_language_and_weights(encoder):
    r = generate_rubric(Q_FR, embedder=encoder)
    assert r["language"] == "fr" and r["question_type"] == "behavioural" and r["version"] == 1
    ids = [c["id"] for c in r["criteria"]]
    assert {"situation", "task", "action", "result", "reflection", "relevance"} <= set(ids)
    assert "Résultat" in [c["name"] for c in r["criteria"]]
    assert sum(c["weight"] for c in r["criteria"]) == pytest.approx(1.0, abs=0.01)
    assert Q_FR in next(c["description"] for c in r["criteria"] if c["id"] == "relevance")
    assert validate_rubric(r)["criteria"][0].keys() >= {"id", "name", "description", "weight"}
    assert r["method"] == "template+embeddings" and r["model"]


@pytest.mark.parametrize("question,good,off", [(Q_EN, GOOD_EN, OFF_EN), (Q_FR, GOOD_FR, OFF_FR), (Q_MOT, GOOD_MOT, OFF_EN)])
def test_relevant_answers_cover_the_rubric_and_off_topic_ones_do_not(encoder, question, good, off):
    r = generate_rubric(question, embedder=encoder)
    hi = score_answer(r, answer_sentences(good), encoder)
    lo = score_answer(r, answer_sentences(off), encoder)
    assert hi["score"] >= 60, hi
    assert lo["score"] <= 20, lo
    assert hi["method"] == "embeddings+keywords"
    assert all(not c["evidence"] for c in lo["criteria"])


def test_evidence_is_the_sentence_that_shows_the_criterion(encoder):
    res = score_answer(generate_rubric(Q_EN, embedder=encoder), answer_sentences(GOOD_EN), encoder)
    by_id = {c["id"]: c for c in res["criteria"]}
    assert by_id["result"]["evidence"][0].startswith("As a result")
    assert by_id["action"]["evidence"][0].startswith("I first analysed")
    assert by_id["reflection"]["evidence"][0].startswith("I learned")
    assert all(0.0 <= c["coverage"] <= 1.0 for c in res["criteria"])


def test_an_edited_rubric_changes_the_score(encoder):
    r = generate_rubric(Q_EN, embedder=encoder)
    base = score_answer(r, answer_sentences(GOOD_EN), encoder)["score"]
    edited = copy.deepcopy(r)
    # the recruiter replaces the criteria with one the answer does not address
    edited["criteria"] = [{"id": "k8s", "name": "Kubernetes", "weight": 1.0,
                           "description": "Explains how they configured autoscaling of Kubernetes pods."}]
    assert score_answer(edited, answer_sentences(GOOD_EN), encoder)["score"] < base - 40
    # ... or only re-weights them towards a criterion the answer misses
    reweighted = copy.deepcopy(r)
    reweighted["criteria"].append({"id": "salary", "name": "Salary", "weight": 5.0,
                                   "description": "States the salary they expect for the position."})
    assert score_answer(reweighted, answer_sentences(GOOD_EN), encoder)["score"] < base - 30


def test_keywords_only_without_a_model():
    r = generate_rubric(Q_EN)
    assert r["method"] == "template" and r["model"] is None
    good = score_answer(r, answer_sentences(GOOD_EN), None)
    off = score_answer(r, answer_sentences(OFF_EN), None)
    assert good["method"] == "keywords"
    assert good["score"] >= 50 > 10 >= off["score"]


def test_empty_answer_scores_zero(encoder):
    res = score_answer(generate_rubric(Q_EN, embedder=encoder), [], encoder)
    assert res["score"] == 0.0 and all(c["coverage"] == 0.0 and not c["evidence"] for c in res["criteria"])


@pytest.mark.parametrize("bad,msg", [
    ([], "JSON object"), ({"criteria": []}, "non-empty"),
    ({"criteria": [{"id": "a", "name": "A"}]}, "description"),
    ({"criteria": [{"id": "a", "name": "A", "description": "d", "weight": -1}]}, "weight"),
    ({"criteria": [{"id": "a", "name": "A", "description": "d", "weight": "x"}]}, "weight"),
    ({"criteria": [{"id": "a", "name": "A", "description": "d"}, {"id": "a", "name": "B", "description": "e"}]}, "duplicate"),
    ({"criteria": [{"id": "a", "name": "A", "description": "d", "weight": 0}]}, "weight > 0"),
    ({"criteria": [{"id": "a", "name": "A", "description": "d", "examples": "x"}]}, "list of strings"),
])
def test_invalid_rubrics_are_clear_errors(bad, msg):
    with pytest.raises(InputError, match=msg):
        validate_rubric(bad)
