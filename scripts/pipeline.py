"""Run the stages in order and merge their artefacts into ``report.json``.

The audio branch (transcribe → speech_metrics → text_analysis) and the video branch
(face_emotions_onnx → gaze_nods) are independent after ``extract_audio``; they run
side by side in two threads (the heavy work in each releases the GIL), then
``questions`` (per-answer analysis), ``scores`` and the merge run.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from scripts.core.runtime.errors import InputError
from scripts.core.runtime.stage import Context, options_from_args

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageSpec:
    """One stage of the pipeline.

    Attributes:
        name: Module name in ``scripts/`` (also the ``--only`` value).
        artifact: File the stage writes in the output folder.
        branch: ``audio``, ``video`` or ``final`` (run after both branches).
        weight: Share of the whole run used for the overall progress percentage.
    """

    name: str
    artifact: str
    branch: str
    weight: float


STAGES: tuple[StageSpec, ...] = (
    StageSpec("extract_audio", "audio.json", "first", 5),
    StageSpec("transcribe", "transcript.json", "audio", 45),
    StageSpec("speech_metrics", "speech.json", "audio", 8),
    StageSpec("text_analysis", "text.json", "audio", 10),
    StageSpec("face_emotions_onnx", "faces.json", "video", 25),
    StageSpec("gaze_nods", "gaze.json", "video", 3),
    StageSpec("questions", "questions.json", "final", 2),  # before scores: the answers' rubric coverage makes the verbal part
    StageSpec("scores", "scores.json", "final", 2),
    StageSpec("blur_faces", "blur.json", "final", 2),
    StageSpec("merge_report", "report.json", "final", 2),
)
STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)


def stage_module(name: str) -> Any:
    """Import ``scripts.<name>`` (lazily: heavy libraries load only when a stage runs)."""
    return importlib.import_module(f"{__package__}.{name}")


class OverallProgress:
    """Turns per-stage progress into one overall percentage and forwards both.

    Args:
        hook: ``hook(stage, completed, total)`` receiving every stage event.
        on_overall: Optional ``f(stage, percent)`` with the overall 0-100 percentage.
    """

    def __init__(self, hook: Callable[[str, float, float], None] | None = None,
                 on_overall: Callable[[str, float], None] | None = None, stages: Sequence[StageSpec] = STAGES):
        self._hook = hook
        self._on_overall = on_overall
        self._weights = {s.name: s.weight for s in stages}
        self._total_weight = sum(self._weights.values()) or 1.0
        self._done: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, stage: str, completed: float, total: float) -> None:
        if self._hook:
            self._hook(stage, completed, total)
        frac = 0.0 if total <= 0 else min(1.0, max(0.0, completed / total))
        with self._lock:
            self._done[stage] = frac
            percent = 100.0 * sum(self._weights.get(k, 0) * v for k, v in self._done.items()) / self._total_weight
        if self._on_overall:
            self._on_overall(stage, round(percent, 1))


def _run_stage(spec: StageSpec, ctx: Context, args: argparse.Namespace, stage_seconds: dict[str, float]) -> Path:
    module = stage_module(spec.name)
    opts = options_from_args(module.Options, args)
    logger.info("▶ %s", spec.name)
    ctx.hook(spec.name, 0, 1)
    t0 = time.perf_counter()
    if "args" in inspect.signature(module.run).parameters:
        out = module.run(ctx, opts, args=args)
    else:
        out = module.run(ctx, opts)
    stage_seconds[spec.name] = round(time.perf_counter() - t0, 3)
    ctx.hook(spec.name, 1, 1)
    logger.info("✔ %s (%.1f s)", spec.name, stage_seconds[spec.name])
    return out


def run_pipeline(ctx: Context, args: argparse.Namespace, *, only: str | None = None, parallel: bool = True) -> Path:
    """Run every stage (or only ``only``) and return the path of ``report.json``.

    Args:
        ctx: Video, output folder and run-wide settings.
        args: Parsed options; each stage takes the fields of its ``Options`` by name.
        only: Run just this stage (upstream artefacts must exist), then the merge.
        parallel: Run the audio and video branches side by side.
    """
    from scripts.core.runtime.model_resolver import reset_network_attempts

    reset_network_attempts()  # meta.network describes this run alone, even after another in the same process
    stage_seconds: dict[str, float] = {}
    args.stage_seconds = stage_seconds  # the merge records them in meta
    if only is not None:
        if only not in STAGE_NAMES:
            raise InputError(f"--only {only}: unknown stage (choose from {', '.join(STAGE_NAMES)})")
        spec = next(s for s in STAGES if s.name == only)
        out = _run_stage(spec, ctx, args, stage_seconds)
        if only != "merge_report":
            out = _run_stage(STAGES[-1], ctx, args, stage_seconds)
        return out

    first = [s for s in STAGES if s.branch == "first"]
    audio = [s for s in STAGES if s.branch == "audio"]
    video = [s for s in STAGES if s.branch == "video"]
    final = [s for s in STAGES if s.branch == "final"]
    for spec in first:
        _run_stage(spec, ctx, args, stage_seconds)

    def branch(specs: list[StageSpec]) -> None:
        for spec in specs:
            _run_stage(spec, ctx, args, stage_seconds)

    if parallel:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="branch") as pool:
            futures = [pool.submit(branch, audio), pool.submit(branch, video)]
            errors = []
            for f in futures:
                try:
                    f.result()
                except BaseException as e:  # collect, re-raise the first after both ended
                    errors.append(e)
            if errors:
                raise errors[0]
    else:
        branch(audio)
        branch(video)
    out = None
    for spec in final:
        out = _run_stage(spec, ctx, args, stage_seconds)
    assert out is not None
    return out
