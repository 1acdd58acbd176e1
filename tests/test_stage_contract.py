"""The stage contract: one definition per stage, the graph derived from them, and honest ``--help``."""

from __future__ import annotations

import dataclasses
import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interview_ai_lab import registry
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context, Stage
from interview_ai_lab.stage_cli import build_stage_parser

ROOT = Path(__file__).resolve().parents[1]
PRODUCT_STAGES = {"extract_audio", "transcribe", "speech_metrics", "text_analysis", "face_emotions_onnx", "gaze_nods",
                  "questions", "scores", "blur_faces", "merge_report"}


def test_every_stage_module_exports_one_definition():
    names = set(registry.stage_names())
    assert PRODUCT_STAGES <= names
    for stage in registry.stages():
        assert isinstance(stage, Stage) and dataclasses.is_dataclass(stage.options)
        module = sys.modules[stage.run.__module__]
        assert module.__name__ == f"interview_ai_lab.stages.{stage.name}"
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
        text = (ROOT / "interview_ai_lab" / "stages" / f"{name}.py").read_text(encoding="utf-8")
        for other in stage_modules - {name}:
            pattern = rf"interview_ai_lab\.stages\.{other}\b|from interview_ai_lab\.stages import [\w, ]*\b{other}\b"
            assert not re.search(pattern, text), (name, other)


def test_a_missing_input_names_the_stage_to_run_first(tmp_path):
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    with pytest.raises(InputError, match=r"speech_metrics reads it\): run the 'transcribe' stage first"):
        (tmp_path / "audio.json").write_text('{"audio_path": null}')
        run_stage(registry.stage_named("speech_metrics"), ctx)
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
    for line in options.values():
        assert len(re.findall(r"by default|default:", line, re.IGNORECASE)) <= 1, line
    assert "(default: $OMP_NUM_THREADS, else all cores)" in re.sub(r"\s+", " ", options["--threads"])
    assert "emotions are inferred" in options["--no-emotions"]
    from interview_ai_lab.api import AnalysisConfig

    defaults = AnalysisConfig()
    assert f"(default: {defaults.face_emotions_onnx.sample_fps})" in options["--sample-fps"]
    assert re.sub(r"\s+", "", defaults.scores.weights) in re.sub(r"\s+", "", options["--weights"])
    for name in registry.stage_names():
        assert name in re.sub(r"\s+", "", options["--only"])


@dataclasses.dataclass
class _ToyOptions:
    """Options of a toy stage.

    Attributes:
        fail: Raise instead of computing.
    """

    fail: bool = False


def _toy(name: str, inputs: tuple[str, ...], log: list) -> Stage:
    """A real stage definition whose run records when it ran (seconds on the monotonic clock) and in which thread."""
    import threading
    import time

    def run(ctx: Context, opts: _ToyOptions) -> dict:
        start = time.monotonic()
        time.sleep(0.3)
        if opts.fail:
            raise InputError(f"{name} failed on purpose")
        log.append((name, start, time.monotonic(), threading.current_thread().name))
        return {"value": name}

    return Stage(name=name, version="1", inputs=inputs, output=f"{name}.json", options=_ToyOptions, run=run)


def test_the_scheduler_runs_independent_stages_side_by_side(tmp_path):
    from interview_ai_lab.pipeline import run_parallel

    log: list = []
    a, b, c = _toy("a", (), log), _toy("b", ("a.json",), log), _toy("c", ("a.json",), log)
    d = _toy("d", ("b.json", "c.json"), log)
    deps = {"a": frozenset(), "b": frozenset({"a"}), "c": frozenset({"a"}), "d": frozenset({"b", "c"})}
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    run_parallel([a, b, c, d], ctx, {}, dependencies=deps.__getitem__)
    times = {name: (start, end, thread) for name, start, end, thread in log}
    assert set(times) == {"a", "b", "c", "d"} and all((tmp_path / f"{n}.json").is_file() for n in times)
    assert times["a"][1] <= min(times["b"][0], times["c"][0])  # after what they read
    assert times["b"][0] < times["c"][1] and times["c"][0] < times["b"][1]  # b and c side by side
    assert times["b"][2] != times["c"][2]
    assert max(times["b"][1], times["c"][1]) <= times["d"][0]
    assert set(ctx.record.stage_seconds) == {"a", "b", "c", "d"}


def _watcher(name: str, seconds: float, seen: dict[str, list[int]], inputs: tuple[str, ...] = (),
             weight: float | None = None) -> Stage:
    """A stage that runs ``seconds`` and records in ``seen[name]`` what ``ctx.others_running()`` said every 50 ms."""
    import time

    from interview_ai_lab.pipeline import LONG_STAGE_WEIGHT

    def run(ctx: Context, opts: _ToyOptions) -> dict:
        counts = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            counts.append(ctx.others_running())
            time.sleep(0.05)
        seen[name] = counts
        return {"value": name}

    return Stage(name=name, version="1", inputs=inputs, output=f"{name}.json", options=_ToyOptions, run=run,
                 weight=LONG_STAGE_WEIGHT if weight is None else weight)


def test_a_running_stage_sees_how_many_long_ones_run_beside_it(tmp_path):
    """The face stage takes a second core once no other long stage runs: the scheduler tells it when that is."""
    from interview_ai_lab.pipeline import LONG_STAGE_WEIGHT, run_parallel

    seen: dict[str, list[int]] = {}
    watcher = functools.partial(_watcher, seen=seen)
    short, long_ = watcher("short", 0.4), watcher("long", 1.2)
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=2)
    assert ctx.others_running() == 0  # a stage run on its own
    run_parallel([short, long_], ctx, {}, dependencies=lambda name: frozenset())
    assert set(seen["short"]) == {1}  # the long one ran beside it all along
    assert seen["long"][0] == 1 and seen["long"][-1] == 0  # then it ran alone
    assert seen["long"] == sorted(seen["long"], reverse=True)

    # A light stage (a few seconds, under the weight) running beside does not count; the long one still does for it.
    light, heavy = watcher("light", 1.0, weight=LONG_STAGE_WEIGHT / 2), watcher("heavy", 0.6)
    run_parallel([light, heavy], ctx, {}, dependencies=lambda name: frozenset())
    assert set(seen["heavy"]) == {0}
    assert seen["light"][0] == 1 and seen["light"][-1] == 0


def test_after_a_failure_no_stage_starts_and_the_error_is_raised(tmp_path):
    from interview_ai_lab.pipeline import run_parallel

    log: list = []
    a, b, c = _toy("a", (), log), _toy("b", ("a.json",), log), _toy("c", ("a.json",), log)
    d = _toy("d", ("b.json", "c.json"), log)
    deps = {"a": frozenset(), "b": frozenset({"a"}), "c": frozenset({"a"}), "d": frozenset({"b", "c"})}
    ctx = Context(video=tmp_path / "v.mp4", outdir=tmp_path, threads=1)
    with pytest.raises(InputError, match="b failed on purpose"):
        run_parallel([a, b, c, d], ctx, {"b": _ToyOptions(fail=True)}, dependencies=deps.__getitem__)
    assert [entry[0] for entry in log] == ["a", "c"]  # c, already running beside b, ended; d never started
    assert not (tmp_path / "b.json").exists() and not (tmp_path / "d.json").exists()


def test_the_command_line_only_parses_flags_into_the_config():
    from interview_ai_lab import cli as run_all
    from interview_ai_lab.api import AnalysisConfig

    args = run_all.build_parser().parse_args(["--video", "v.mp4", "--embedding-model", "m", "--sequential",
                                              "--no-emotions", "--html", "--weights", "verbal=50,paraverbal=10,"
                                              "nonverbal=40", "--threads", "3"])
    config = run_all.config_from_args(args)
    assert isinstance(config, AnalysisConfig)
    assert config.text_analysis.embedding_model == config.questions.embedding_model == "m"  # one flag, two stages
    assert config.parallel is False and config.threads == 3 and config.merge_report.html is True
    assert config.face_emotions_onnx.emotions is False
    assert config.scores.weights == config.questions.weights == "verbal=50,paraverbal=10,nonverbal=40"
    # a flag left out keeps the stage's own default
    plain = run_all.config_from_args(run_all.build_parser().parse_args(["--video", "v.mp4"]))
    assert plain == AnalysisConfig() and plain.face_emotions_onnx.sample_fps == 2.0 and plain.threads is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is a Linux feature")
def test_a_yielding_stage_runs_at_lower_priority_and_the_caller_keeps_its_own():
    import os
    import threading

    from interview_ai_lab.runtime.priority import run_at_lower_priority

    def nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = nice()
    assert run_at_lower_priority(nice, by=2) == min(19, before + 2)
    assert nice() == before
    with pytest.raises(ValueError, match="bad stage"):
        run_at_lower_priority(lambda: (_ for _ in ()).throw(ValueError("bad stage")), by=2)
    from interview_ai_lab.stages.face_emotions_onnx import STAGE as FACES
    from interview_ai_lab.stages.transcribe import STAGE as TRANSCRIBE

    assert FACES.yield_cpu > 0 and TRANSCRIBE.yield_cpu == 0  # the critical path keeps its priority
