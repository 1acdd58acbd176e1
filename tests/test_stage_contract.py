"""The stage contract: one definition per stage, the graph derived from them, and honest ``--help``."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.core.runtime import registry
from scripts.core.runtime.errors import InputError
from scripts.core.runtime.stage import Context, Stage, build_stage_parser

ROOT = Path(__file__).resolve().parents[1]
PRODUCT_STAGES = {"extract_audio", "transcribe", "speech_metrics", "text_analysis", "face_emotions_onnx", "gaze_nods",
                  "questions", "scores", "blur_faces", "merge_report"}


def test_every_stage_module_exports_one_definition():
    names = set(registry.stage_names())
    assert PRODUCT_STAGES <= names
    for stage in registry.stages():
        assert isinstance(stage, Stage) and dataclasses.is_dataclass(stage.options)
        module = sys.modules[stage.run.__module__]
        assert module.__name__ == f"scripts.{stage.name}"
        # no second declaration of the graph: the old constants are gone
        assert not hasattr(module, "ARTIFACT") and not hasattr(module, "VERSION")
    assert len({s.output for s in registry.stages()}) == len(names)


def test_the_order_follows_what_each_stage_reads():
    order = registry.stage_names()
    assert order[0] == "extract_audio" and order[-1] == "merge_report"
    for stage in registry.stages():
        for dep in registry.dependencies(stage.name):
            assert order.index(dep) < order.index(stage.name), (dep, stage.name)
    assert registry.dependencies("gaze_nods") == {"face_emotions_onnx"}
    assert registry.dependencies("transcribe") == {"extract_audio"}
    # the audio and the video branch are independent: they can run side by side
    assert "face_emotions_onnx" not in registry.dependencies("transcribe")
    assert "transcribe" not in registry.dependencies("face_emotions_onnx")
    assert {"questions"} <= registry.dependencies("scores")
    assert registry.producer_of("faces.json").name == "face_emotions_onnx"


def test_no_stage_module_imports_another():
    stage_modules = set(registry.stage_names())
    for name in stage_modules:
        text = (ROOT / "scripts" / f"{name}.py").read_text(encoding="utf-8")
        for other in stage_modules - {name}:
            pattern = rf"from scripts\.{other} import|import scripts\.{other}\b|from scripts import {other}\b"
            assert not re.search(pattern, text), (name, other)


def test_a_missing_input_names_the_stage_to_run_first(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    with pytest.raises(InputError, match=r"speech_metrics reads it\): run the 'transcribe' stage first"):
        (tmp_path / "audio.json").write_text('{"audio_path": null}')
        registry.stage_named("speech_metrics")(ctx)
    assert not (tmp_path / "speech.json").exists()


def _option_lines(help_text: str) -> dict[str, str]:
    """``{--flag: its help}`` from an argparse help page."""
    out: dict[str, str] = {}
    current = None
    for line in help_text.splitlines():
        m = re.match(r"^  (--[\w-]+)", line)
        if m:
            current = m.group(1)
            out[current] = line
        elif current and line.startswith(" " * 10):
            out[current] += " " + line.strip()
        else:
            current = None
    return out


@pytest.mark.parametrize("name", sorted(PRODUCT_STAGES))
def test_stage_help_says_each_default_once_and_truly(name):
    stage = registry.stage_named(name)
    text = build_stage_parser(stage).format_help()
    assert "default: None" not in text and "default: True" not in text and "default: False" not in text
    options = _option_lines(text)
    for f in dataclasses.fields(stage.options):
        flag = "--" + f.name.replace("_", "-")
        line = options[flag]
        assert len(re.findall(r"by default|default:", line, re.IGNORECASE)) <= 1, line
        default = getattr(stage.options(), f.name)
        if isinstance(default, bool):
            assert ("on by default" if default else "off by default") in line.lower(), line
        elif default not in (None, ""):
            assert re.sub(r"\s+", "", f"default: {default}") in re.sub(r"\s+", "", line), line


def test_stage_help_through_its_script():
    proc = subprocess.run([sys.executable, "scripts/gaze_nods.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0
    assert "--pose-baseline | --no-pose-baseline" in proc.stdout
    flat = re.sub(r"\s+", " ", proc.stdout)
    assert "off by default" in flat.lower() and "(default: 15.0)" in flat


def test_run_all_help_says_each_default_once_and_truly():
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--help"], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 0
    text = proc.stdout
    assert "default: None" not in text and "default: True" not in text and "default: False" not in text
    options = _option_lines(text)
    for flag, line in options.items():
        assert len(re.findall(r"by default|default:", line, re.IGNORECASE)) <= 1, line
    assert "(default: $OMP_NUM_THREADS, else all cores)" in re.sub(r"\s+", " ", options["--threads"])
    assert "emotions are inferred" in options["--no-emotions"]
    from scripts.api import AnalysisConfig

    defaults = AnalysisConfig()
    assert f"(default: {defaults.face_emotions_onnx.sample_fps})" in options["--sample-fps"]
    assert re.sub(r"\s+", "", defaults.scores.weights) in re.sub(r"\s+", "", options["--weights"])
    for name in registry.stage_names():
        assert name in re.sub(r"\s+", "", options["--only"])
