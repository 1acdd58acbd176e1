"""One source for every text and number Python and the front end share: ``interview_ai_lab/data/catalogue/*.json``.

Every text has its English and French side by side with the same placeholders; every notice the pipeline
or the web app writes takes its sentence from the catalogue (no sentence written at a call site); the part
weights' syntax is one rule (the same examples hold in Python here and in TypeScript in
``frontend/src/i18n/catalogue.test.ts``); and no catalogue sentence is written again in the sources of the
package, the web app or the front end (a copy would drift). Reads the sources only (no Node.js needed).
"""

from __future__ import annotations

import ast
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_ai_lab.report.notices import notice, notice_message
from interview_ai_lab.report.scoring import (
    DEFAULT_CRITERIA_WEIGHTS,
    DEFAULT_PART_WEIGHTS,
    PARTS,
    REASONS,
    parse_criteria_weights,
    parse_weights,
)
from interview_ai_lab.runtime.catalogue import LANGS, catalogue, placeholders
from interview_ai_lab.runtime.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_DIR = data_path("catalogue")
NAMES = sorted(p.stem for p in CATALOGUE_DIR.glob("*.json"))
PY_SOURCES = sorted([*ROOT.glob("interview_ai_lab/**/*.py"), *ROOT.glob("web/**/*.py")])
TS_SOURCES = sorted(p for p in [*ROOT.glob("frontend/src/**/*.ts"), *ROOT.glob("frontend/src/**/*.tsx")]
                    if not re.search(r"\.(test|generated)\.tsx?$", p.name) and "/test/" not in p.as_posix())
#: A catalogue sentence's stretch between placeholders at least this long is looked for in the sources.
MIN_FRAGMENT = 32


def _texts(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``{en, fr}`` node of a catalogue, with its path."""
    if isinstance(node, dict):
        if set(LANGS) <= set(node):
            yield where, node
        for key, value in node.items():
            if key not in LANGS:
                yield from _texts(value, f"{where}.{key}" if where else key)


def _all_texts() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{name}:{where}", node) for name in NAMES for where, node in _texts(catalogue(name))]


def test_the_catalogue_is_package_data_with_texts_in_every_language():
    assert set(NAMES) >= {"notices", "scoring", "report_texts", "demographics"}
    texts = _all_texts()
    assert len(texts) > 100, len(texts)
    problems = []
    for where, node in texts:
        for lang in LANGS:
            if not (isinstance(node[lang], str) and node[lang].strip()):
                problems.append(f"{where}: no {lang} text")
        extra = set(node.get("values") or [])  # what only the English sentence needs (see notices.json)
        en, fr = set(placeholders(node["en"])), set(placeholders(node["fr"]))
        if not (extra <= en and not fr & extra if extra else en == fr):
            problems.append(f"{where}: placeholders en {sorted(en)} / fr {sorted(fr)}")
        for lang in LANGS:
            try:
                list(string.Formatter().parse(node[lang]))
            except ValueError as e:
                problems.append(f"{where} ({lang}): {e}")
    assert problems == []
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/catalogue/*.json"' in pyproject, "the catalogue must ship in the wheel (package-data)"


def _notice_calls() -> Iterator[tuple[str, ast.Call]]:
    for path in PY_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "notice":
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def test_every_notice_takes_its_sentence_from_the_catalogue():
    codes = catalogue("notices")["notices"]
    written, unknown, literal = set(), [], []
    for where, call in _notice_calls():
        if not (call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
            continue  # notice() itself, or a code passed through
        code = call.args[0].value
        written.add(code)
        if code not in codes:
            unknown.append(f"{where}: {code}")
        if len(call.args) > 1 or any(k.arg == "message" for k in call.keywords):
            literal.append(where)
    assert len(written) >= 30, written  # the scan finds the pipeline's notices
    assert "sentiment_lexicon" in written and "emotions_redacted" in written, written  # stages and web app are read
    assert unknown == [], f"add these codes to interview_ai_lab/data/catalogue/notices.json (en and fr): {unknown}"
    assert literal == [], f"a notice's sentence belongs in notices.json, not at the call: {literal}"
    assert sorted(set(codes) - written) == [], "codes no stage writes"


def test_notice_sentences_from_the_catalogue_in_english_and_french():
    n = notice("part_not_measured", part="nonverbal", reason="no_face", points=30.5, out_of=60.0)
    assert n == {"code": "part_not_measured",
                 "params": {"part": "nonverbal", "reason": "no_face", "points": 30.5, "out_of": 60.0},
                 "message": "The non-verbal part could not be measured (no face detected): the interview score is "
                            "incomplete; 30.5 of the 60 points that could be measured were earned."}
    assert notice_message("part_not_measured", "fr", part="nonverbal", reason="no_face", points="30,5", out_of="60") == (
        "La partie non verbal n'a pas pu être mesurée (aucun visage détecté) : le score de l'entretien est incomplet ; "
        "30,5 des 60 points qui ont pu être mesurés ont été obtenus.")
    assert notice("face_rarely_visible", ratio=0.234)["message"].startswith("A face was visible in only 23% of the video")
    with pytest.raises(KeyError):
        notice("not_a_code")


def test_every_incomplete_reason_has_its_words():
    # every reason the scores write has its words (both languages: the test above); more may be added
    assert set(REASONS) >= {"no_audio_track", "no_speech", "no_video_stream", "no_face", "face_too_rarely_visible",
                            "not_measured"}
    assert "detail" in catalogue("scoring")["reasons"]["face_too_rarely_visible"]  # says the share of frames


@pytest.mark.parametrize("example", catalogue("scoring")["weights_syntax"]["examples"]["valid"])
def test_part_weights_accepted_here_as_in_the_front_end(example):
    assert set(parse_weights(example)) == set(PARTS)


@pytest.mark.parametrize("example", catalogue("scoring")["weights_syntax"]["examples"]["invalid"])
def test_part_weights_refused_here_as_in_the_front_end(example):
    with pytest.raises(ValueError):
        parse_weights(example)


def test_default_weights_come_from_the_catalogue():
    assert DEFAULT_PART_WEIGHTS == "verbal=40,paraverbal=20,nonverbal=40"
    assert parse_weights(DEFAULT_PART_WEIGHTS) == {k: v["max"] for k, v in catalogue("scoring")["parts"].items()}
    assert parse_criteria_weights("") == {k: v["weight"] for k, v in catalogue("scoring")["criteria"].items()
                                          if v["weight"] is not None}
    assert DEFAULT_CRITERIA_WEIGHTS.startswith("elaboration=16,vocabulary=14,structure=10,")


def _py_strings(path: Path) -> list[str]:
    """The string literals of a Python file, docstrings left out.

    Implicit concatenations are joined, f-strings give their constant parts; docstrings are left out because a
    doctest shows a sentence as the catalogue makes it.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


#: A string literal (quotes, template literal) or a comment of TypeScript, whichever starts first.
_TS_TOKEN = re.compile(r'(?P<s>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`)|//[^\n]*|/\*.*?\*/', re.S)


def _ts_strings(path: Path) -> list[str]:
    """The string literals of a TypeScript file, roughly (comments left out), escapes read."""
    text = path.read_text(encoding="utf-8")
    return [re.sub(r"\\(.)", r"\1", m.group("s")[1:-1]) for m in _TS_TOKEN.finditer(text) if m.group("s")]


def _fragments(text: str) -> list[str]:
    """The stretches of a template between its placeholders, long enough to be a sentence's own."""
    parts = re.split(r"\{[^{}]*\}", text)
    return [p.strip() for p in parts if len(p.strip()) >= MIN_FRAGMENT]


def test_no_catalogue_sentence_is_written_again_in_the_sources():
    fragments = {f: where for where, node in _all_texts() for lang in LANGS for f in _fragments(node[lang])}
    assert len(fragments) > 100
    literals = [(p, s) for p in PY_SOURCES for s in _py_strings(p)] + [(p, s) for p in TS_SOURCES for s in _ts_strings(p)]
    copies = sorted({f"{p.relative_to(ROOT)}: {where}: {f!r}" for p, s in literals for f, where in fragments.items()
                     if f in s})
    assert copies == [], "read these from interview_ai_lab/data/catalogue instead of writing them again: " + "\n".join(copies)


def test_the_drift_check_finds_a_copied_sentence(tmp_path):
    copied = tmp_path / "copy.py"
    copied.write_text('X = ("Automatic speech recognition makes mistakes, more with accents, "\n     "noise, jargon")\n')
    fragment = _fragments(catalogue("report_texts")["limits"]["transcript"]["en"])[0]
    assert any(fragment[:40] in s for s in _py_strings(copied))
    ts = tmp_path / "copy.ts"
    ts.write_text("const x = { a: \"Pas de piste audio : la parole n'a pas été mesurée.\" };\n")
    assert any(catalogue("notices")["notices"]["speech_no_audio"]["fr"] in s for s in _ts_strings(ts))


def test_the_front_end_reads_the_catalogue_files():
    imports = "\n".join(p.read_text(encoding="utf-8") for p in TS_SOURCES)
    for name in NAMES:
        assert f"interview_ai_lab/data/catalogue/{name}.json" in imports, name
    viewer = json.loads((ROOT / "frontend" / "viewer-sources.json").read_text(encoding="utf-8"))
    for name in ("notices", "scoring", "report_texts"):
        assert f"../interview_ai_lab/data/catalogue/{name}.json" in viewer["roots"], name
