"""Every pipeline warning is a notice (a code with parameters), documented in docs/report.md.

Its English message has no model name or environment variable (those go to ``technical``).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from interview_ai_lab.report.notices import as_notice, merge_notices, notice
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.catalogue import catalogue
from interview_ai_lab.runtime.stage import Context

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(ROOT.glob("interview_ai_lab/**/*.py"))
#: Expressions that put a model's name, path or source in a sentence.
MODEL_ATTRS = {"name", "wanted", "path", "source"}


def _notice_calls():
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "notice":
                yield path, node


def test_every_warning_a_stage_appends_is_a_notice():
    bare = []
    for path in SOURCES:
        if path.name in ("setup_env.py",):  # the installer's own report, not a pipeline artefact
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "warnings"):
                arg = node.args[0] if node.args else None
                if not (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "notice"):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == [], f"warnings appended as bare strings (use notice(code, **params)): {bare}"


def test_notice_codes_are_documented_and_messages_hold_no_model_or_variable():
    doc = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Warnings and notices"):doc.index("## Known limits of each measure")]
    table = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    codes, problems = set(), []
    for path, call in _notice_calls():
        where = f"{path.relative_to(ROOT)}:{call.lineno}"
        if not (call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
            continue  # notice() itself, or a code passed through
        code = call.args[0].value
        codes.add(code)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), where
        # what fills the sentence (its params and message_values) names no model: that goes to technical=
        for kw in call.keywords:
            if kw.arg == "technical":
                continue
            attrs = {a.attr for a in ast.walk(kw.value) if isinstance(a, ast.Attribute)}
            if attrs & MODEL_ATTRS:
                problems.append(f"{where}: a model's {sorted(attrs & MODEL_ATTRS)} in {kw.arg}")
    # the sentences themselves (interview_ai_lab/data/catalogue/notices.json, both languages)
    for code, sentence in catalogue("notices")["notices"].items():
        for lang in ("en", "fr"):
            if re.search(r"IAL_|--[a-z]|\.onnx", sentence[lang]):
                problems.append(f"notices.json {code} ({lang}): {sentence[lang]!r}")
    assert problems == [], "model names / variables / flags belong in technical=: " + "; ".join(problems)
    assert len(codes) >= 30
    assert codes <= table, f"codes missing from the Warnings table of docs/report.md: {sorted(codes - table)}"


def test_notice_shape_and_merge():
    n = notice("silent_words", technical=None, count=2, words="a b")
    assert n == {"code": "silent_words", "params": {"count": 2, "words": "a b"},
                 "message": "2 recognised word(s) lie in silence and were not counted: a b"}
    assert as_notice("old text") == {"code": "message", "params": {}, "message": "old text"}
    assert merge_notices([[n], [n, "old text"]]) == [n, as_notice("old text")]
    json.dumps(n)


def test_a_video_without_audio_gives_coded_notices(tmp_path, video_without_audio):
    from interview_ai_lab.stages import extract_audio, speech_metrics, transcribe

    ctx = Context(video=video_without_audio, outdir=tmp_path, threads=1)
    codes = []
    for stage in (extract_audio, transcribe, speech_metrics):
        art = json.loads(run_stage(stage.STAGE, ctx, stage.Options()).read_text(encoding="utf-8"))
        codes += [w["code"] for w in art["warnings"]]
    assert codes == ["no_audio_track", "transcript_no_audio", "speech_no_audio"]


@pytest.mark.parametrize("code", ["no_audio_track", "no_speech", "no_video_stream", "no_face", "face_too_rarely_visible",
                                  "not_measured"])
def test_incomplete_reason_codes_are_documented(code):
    doc = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    assert f"`{code}`" in doc[doc.index("## The interview score"):doc.index("## Per-question analysis")]
