"""Rubrics: generation from the question, validation, coverage with evidence (real MiniLM embeddings)."""

from __future__ import annotations

import copy

import pytest

from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.text.rubrics import (
    answer_sentences,
    classify_question,
    generate_rubric,
    score_answer,
    validate_rubric,
)

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
    from interview_ai_lab.runtime.model_resolver import resolve_embedding
    from interview_ai_lab.text.embeddings import load_encoder

    enc = load_encoder(resolve_embedding(language="en"), threads=1)
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


# --------------------------------------------------------------------------- spoken answers, FR and EN
# (question, relevant answer sentences as transcribed — hesitations, elisions, short —, off-topic sentences)
SPOKEN = {
    "fr": [
        ("Présentez-vous.",
         ["Bonjour, je m'appelle Claire Martin, euh...",
          "Je travaille en équipe de police et moi, et j'aime résoudre des problèmes pour créer..."],
         ["Il fait beau aujourd'hui, euh, le soleil brille.", "Hier soir j'ai regardé le match de football à la télé."]),
        ("Que cherchez-vous aujourd'hui ?", ["Je cherche maintenant un poste de développeuse, euh...", "Merci beaucoup..."],
         ["Le football, c'est mon sport préféré.", "Il pleut souvent en novembre."]),
        ("Pourquoi voulez-vous rejoindre notre entreprise ?",
         ["Euh, votre entreprise a une très bonne réputation.",
          "Je suis motivée par ce poste parce qu'il correspond à mon expérience."],
         ["J'ai mangé une pizza hier soir.", "Mon chat dort beaucoup."]),
        ("Racontez une situation où vous avez résolu un problème difficile.",
         ["L'an dernier, notre client avait un gros problème de livraison.",
          "J'ai proposé une solution avec mon équipe et on a réduit les retards de moitié."],
         ["Le week-end, je vais souvent au marché.", "J'adore la musique classique."]),
        ("Quels sont vos points forts et vos points faibles ?",
         ["Mon point fort, c'est que je suis très organisée.",
          "Mon point faible, je suis un peu impatiente, mais je travaille dessus."],
         ["La mer était froide cet été.", "Nous avons acheté une nouvelle voiture."]),
        ("Où vous voyez-vous dans cinq ans ?",
         ["Dans cinq ans, je souhaite devenir chef de projet.", "Mon objectif est d'évoluer et de me former au management."],
         ["Mon frère joue au football le dimanche.", "Il a neigé en montagne."]),
        ("Que feriez-vous si un client était mécontent ?",
         ["D'abord j'écouterais le client pour comprendre le problème.",
          "Ensuite j'en parlerais à mon responsable et je proposerais une solution."],
         ["J'aime les films d'action.", "Le boulanger ouvre à sept heures."]),
    ],
    "en": [
        ("Tell me about yourself.",
         ["Hello, my name is Anna.", "I worked five years as a software engineer in a great team.",
          "I love solving difficult problems."],
         ["The weather is really nice today, um, sunny.", "Last night I watched the football match on TV."]),
        ("What are you looking for today?", ["I'm looking for a developer position, um...", "Thank you very much."],
         ["Football is my favourite sport.", "It often rains in November."]),
        ("Why do you want to join our company?",
         ["Um, your company has a very good reputation.", "I'm motivated by this role because it matches my experience."],
         ["I ate a pizza last night.", "My cat sleeps a lot."]),
        ("Tell me about a time you solved a difficult problem.",
         ["Last year our customer had a big delivery problem.",
          "I proposed a solution with my team and we cut the delays by half."],
         ["At the weekend I often go to the market.", "I love classical music."]),
        ("What are your strengths and weaknesses?",
         ["My strength is that I'm very organised.", "My weakness is that I'm a bit impatient, but I'm working on it."],
         ["The sea was cold this summer.", "We bought a new car."]),
        ("Where do you see yourself in five years?",
         ["In five years I want to become a project manager.", "My goal is to grow and get trained in management."],
         ["My brother plays football on Sundays.", "It snowed in the mountains."]),
        ("What would you do if a customer was unhappy?",
         ["First I'd listen to the customer to understand the problem.",
          "Then I'd talk to my manager and propose a solution."],
         ["I like action movies.", "The baker opens at seven."]),
    ],
}
SPOKEN_CASES = [(lang, *case) for lang, cases in SPOKEN.items() for case in cases]


@pytest.mark.parametrize("with_model", [True, False], ids=["embeddings", "keywords"])
@pytest.mark.parametrize("lang,question,good,off", SPOKEN_CASES, ids=[f"{c[0]}-{c[1][:24]}" for c in SPOKEN_CASES])
def test_spoken_relevant_answers_score_well_and_off_topic_ones_stay_low(request, with_model, lang, question, good, off):
    enc = request.getfixturevalue("encoder") if with_model else None
    r = generate_rubric(question, language=lang, embedder=enc)
    assert r["question_type"] != "generic"
    hi = score_answer(r, good, enc, language=lang)
    lo = score_answer(r, off, enc, language=lang)
    assert hi["score"] >= 35, hi
    assert lo["score"] <= 15, lo
    assert hi["score"] - lo["score"] >= 30
    assert any(c["evidence"] for c in hi["criteria"]) and not any(c["evidence"] for c in lo["criteria"])


def test_keyword_matching_ignores_accents_elisions_contractions_and_hesitations():
    from interview_ai_lab.text.rubrics import _keyword_hits, _norm_text

    assert _keyword_hits(_norm_text("J’ai, euh, travaille en equipe"), ["j'ai travaillé", "équipe"]) == 2
    assert _keyword_hits(_norm_text("I'm, um, looking for a job"), ["i am looking for", "i'm looking"]) == 1
    assert _keyword_hits(_norm_text("Cherchez-vous ?"), ["cherchez vous"]) == 1
    assert _keyword_hits(_norm_text("Il fait beau"), ["j'ai travaillé", "équipe"]) == 0


def test_relevance_criterion_gets_question_stems():
    from interview_ai_lab.text.rubrics import question_stems

    assert "cherch" in question_stems("Que cherchez-vous aujourd'hui ?", "fr")
    assert {"solv", "proble"} <= set(question_stems("Tell me about a time you solved a difficult problem.", "en"))
    assert "proble" in question_stems("Quel problème avez-vous résolu ?", "fr")
    rel = next(c for c in generate_rubric("Que cherchez-vous aujourd'hui ?")["criteria"] if c["id"] == "relevance")
    assert "cherch" in rel["keywords"]
