"""The one lexicon of spoken French and English (interview_ai_lab/text/lexicon.py and its JSON data).

Fillers, discourse markers, stop words, per language, and that no other module keeps its own copy of them.
"""

from __future__ import annotations

import ast
import copy
import fnmatch
import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from interview_ai_lab.text import lexicon as L
from interview_ai_lab.text.textutils import content_words, language_of, strip_hesitations, tokenize

ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = ("lexicon_fr.json", "lexicon_en.json", "rubric_templates.json")


# --------------------------------------------------------------------------- the data files


def test_the_data_files_load_and_ship_as_package_data():
    package = resources.files("interview_ai_lab")
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["interview_ai_lab"]
    for name in DATA_FILES:
        assert package.joinpath("data", name).is_file(), name
        assert any(fnmatch.fnmatch(f"data/{name}", p) for p in patterns), f"{name} would not ship"
        json.loads(package.joinpath("data", name).read_text(encoding="utf-8"))
    for lang in L.LANGUAGES:
        lex = L.lexicon(lang)
        assert lex.language == lang and lex.whisper_prompt
        assert len(lex.hesitations) >= 10 and len(lex.discourse_markers) >= 10 and len(lex.stopwords) >= 300
        assert lex.fillers == lex.hesitations | lex.hesitation_words
        assert not lex.fillers & {L.normalize(m) for m in lex.discourse_markers}
    assert L.lexicon("fr") is L.lexicon("fr")  # read once
    with pytest.raises(KeyError, match="de"):
        L.lexicon("de")


def _lexicon_file(lang: str) -> dict:
    return json.loads(resources.files("interview_ai_lab").joinpath("data", f"lexicon_{lang}.json").read_text("utf-8"))


@pytest.mark.parametrize("change,msg", [
    (lambda d: d.update(language="en"), "language"),
    (lambda d: d.pop("stopwords"), "stopwords"),
    (lambda d: d.update(hesitations=["euh", 3]), "hesitations"),
    (lambda d: d["discourse_markers"].append("Euhhh"), "both as fillers and as discourse markers"),
    (lambda d: d.update(whisper_prompt=""), "whisper_prompt"),
])
def test_a_malformed_lexicon_is_a_clear_error(change, msg):
    data = _lexicon_file("fr")
    assert L._parse("fr", copy.deepcopy(data)).stopwords == L.lexicon("fr").stopwords
    change(data)
    with pytest.raises(ValueError, match=msg):
        L._parse("fr", data)


def test_rubric_templates_come_from_their_data_file():
    from interview_ai_lab.text import rubrics as R

    data = json.loads(resources.files("interview_ai_lab").joinpath("data", "rubric_templates.json").read_text("utf-8"))
    assert R.TEMPLATES == data["templates"] and list(R.TYPE_RULES) == list(data["type_rules"])
    r = R.generate_rubric("Quels sont vos points forts et vos points faibles ?")
    assert r["language"] == "fr" and r["question_type"] == "strengths_weaknesses"
    expected = [e["fr"]["name"] for e in data["templates"]["strengths_weaknesses"]]
    assert set(expected) <= {c["name"] for c in r["criteria"]}
    broken = copy.deepcopy(data)
    del broken["templates"]["motivation"][0]["fr"]["description"]
    with pytest.raises(ValueError, match="motivation"):
        R._check_templates(broken)
    broken = copy.deepcopy(data)
    broken["relevance"]["en"]["description"] = "Answers the question."
    with pytest.raises(ValueError, match="relevance.en"):
        R._check_templates(broken)


# --------------------------------------------------------------------------- per-language facts


@pytest.mark.parametrize("word,lang", [
    ("euh", "fr"), ("Euhhh…,", "fr"), ("Heu", "fr"), ("hum", "fr"), ("Ben,", "fr"), ("bah", "fr"), ("Mmm", "fr"),
    ("um", "en"), ("Ummm", "en"), ("Uh,", "en"), ("er", "en"), ("Erm", "en"), ("Hmm...", "en"), ("mhm", "en"),
    ("euh", "en"),  # a French speaker's "euh" in an English transcript
])
def test_a_hesitation_is_a_filler(word, lang):
    assert L.is_filler(word, lang) and L.is_filler(word)


@pytest.mark.parametrize("phrase,lang", [
    ("alors", "fr"), ("Bon,", "fr"), ("voilà", "fr"), ("en fait", "fr"), ("genre", "fr"), ("quoi", "fr"),
    ("du coup", "fr"), ("so", "en"), ("Well,", "en"), ("like", "en"), ("you know", "en"), ("basically", "en"),
    ("I mean", "en"), ("oh", "en"),
])
def test_a_discourse_marker_is_not_a_filler(phrase, lang):
    assert L.is_discourse_marker(phrase, lang)
    assert not L.is_filler(phrase, lang) and not L.is_filler(phrase)


@pytest.mark.parametrize("word,lang", [("M.", "fr"), ("m'", "fr"), ("Bonjour", "fr"), ("under", "en"),
                                       ("Ben", "en"), ("hummus", "en"), ("euro", "fr"), ("a", "en")])
def test_words_are_not_fillers(word, lang):
    assert not L.is_filler(word, lang)


def test_hesitation_words_count_as_fillers_but_stay_in_quoted_text():
    assert L.is_filler("ben", "fr") and not L.is_hesitation("ben", "fr") and not L.is_filler("ben", "en")
    assert L.is_filler("Ah,", "en") and not L.is_hesitation("ah")
    assert strip_hesitations("Ben, euh, j'ai travaillé.") == "Ben j'ai travaillé."
    assert strip_hesitations("Ah, um, I see.") == "Ah I see."


def test_long_spellings_of_hesitations_are_stripped_and_words_are_not():
    assert strip_hesitations("Euhhh, je pense que, heuuu, c'est bien.") == "Je pense que c'est bien."
    assert strip_hesitations("Mmm, I ummm think so, errr.") == "I think so."
    assert strip_hesitations("M. Dupont est là, humm.") == "M. Dupont est là."
    assert strip_hesitations("Humble humans hummed.") == "Humble humans hummed."
    rx = re.compile(r"(?i)^(?:" + L.hesitation_regex() + r")$")
    assert all(rx.match(f) for f in L.lexicon("fr").hesitations - {"m"}) and rx.match("mm") and not rx.match("m")


def test_french_elided_forms_are_stop_words_and_split_off():
    stop = L.stopwords("fr")
    assert {"j'", "l'", "d'", "qu'", "n'", "c'", "s'", "m'", "t'", "aujourd'hui"} <= stop
    toks = tokenize("J’ai, euh, l'habitude qu'on m'appelle aujourd'hui.")
    assert toks == ["j'", "ai", "euh", "l'", "habitude", "qu'", "on", "m'", "appelle", "aujourd'hui"]
    assert content_words(toks, "fr") == ["habitude"]


def test_stop_words_are_per_language_and_vote_for_it():
    assert "the" in L.stopwords("en") and "the" not in L.stopwords("fr")
    assert "les" in L.stopwords("fr") and "les" not in L.stopwords("en")
    assert L.stopwords(None) == L.stopwords("fr") | L.stopwords("en") == L.stopwords("xx")
    assert language_of("Euh, je pense que c'est bien") == "fr" and language_of("Um, I think it is fine") == "en"


def test_content_words_leave_out_fillers_and_discourse_markers():
    fr = tokenize("Ben, euh, voilà, en fait, bon, genre, le projet, quoi, hein.")
    assert content_words(fr, "fr") == ["projet"]
    en = tokenize("So, like, um, you know, well, basically the migration, yeah, hmm.")
    assert content_words(en, "en") == ["migration"]


def test_whisper_prompts_are_written_with_the_language_fillers():
    for lang in L.LANGUAGES:
        words = re.findall(r"\w+", L.filler_prompt(lang) or "")
        assert sum(L.is_filler(w, lang) for w in words) >= 3
    assert L.filler_prompt("de") is None and L.filler_prompt(None) is None


def test_the_text_helpers_use_the_lexicon_words():
    from interview_ai_lab.text import textutils

    assert textutils.STOPWORDS is L.STOPWORDS and textutils.is_filler is L.is_filler


# --------------------------------------------------------------------------- one copy only


def _word_lists(source: str) -> list[tuple[int, list[str]]]:
    """Word lists written in Python source, with their line numbers.

    Collection literals of strings, and non-docstring string constants split into words.
    """
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    out: list[tuple[int, list[str]]] = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            elts = n.keys if isinstance(n, ast.Dict) else n.elts
            words = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) >= 3:
                out.append((n.lineno, words))
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings:
            words = re.findall(r"[\w'’]+", n.value)
            if len(words) >= 3:
                out.append((n.lineno, words))
    return out


def _own_lexicons(source: str) -> list[str]:
    """Lines of ``source`` that define a filler list or a stop-word list.

    A filler list holds 3+ fillers or discourse markers; a stop-word list, 25+ stop words.
    """
    stop = L.stopwords(None)
    found = []
    for line, words in _word_lists(source):
        fillers = {w.lower() for w in words if L.is_filler(w) or L.is_discourse_marker(w)}
        stops = {w.lower() for w in words if w.lower() in stop}
        if len(fillers) >= 3 or len(stops) >= 25:
            found.append(f"line {line}: {sorted(fillers) if len(fillers) >= 3 else sorted(stops)[:8]}")
    return found


def test_the_detector_finds_the_former_copies():
    assert _own_lexicons('H = frozenset({"euh", "heu", "hum", "um"})\n')
    assert _own_lexicons('F = {"fr": frozenset({"ben", "voilà", "genre"})}\n')
    assert _own_lexicons('S = """\n' + " ".join(sorted(L.stopwords("en"))[:40]) + '\n"""\n')
    assert _own_lexicons(r'R = re.compile(r"(?:euh|euhm|um|uh)\b")' + "\n")
    assert not _own_lexicons('"""Fillers (euh, um, uh, hmm) are counted."""\nW = {"fr": "euh", "en": "uh"}\n')


def test_no_other_module_keeps_its_own_filler_or_stop_word_list():
    own = {ROOT / "interview_ai_lab/text/lexicon.py"}
    offenders = {}
    for path in sorted((ROOT / "interview_ai_lab").rglob("*.py")):
        if path not in own:
            found = _own_lexicons(path.read_text(encoding="utf-8"))
            if found:
                offenders[str(path.relative_to(ROOT))] = found
    assert not offenders, f"use interview_ai_lab.text.lexicon instead: {offenders}"
