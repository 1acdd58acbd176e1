"""The scheduler: run the stages in an order derived from their definitions, then merge.

Every stage declares what it reads (:class:`~interview_ai_lab.runtime.stage.Stage`); a stage
starts as soon as the producers of what it reads have ended. With ``parallel`` two
workers run side by side, so after ``extract_audio`` the audio branch (transcribe →
speech_metrics, text_analysis) and the video branch (face_emotions_onnx → gaze_nods) run
at the same time (the heavy work in each releases the GIL; a stage declared ``own_process``, the
transcription, runs in a child process started with the analysis, :mod:`interview_ai_lab.stage_process`);
``questions``, ``scores`` and ``blur_faces`` follow what they read, and the merge runs last. The stage list, the order,
the merge list and the ``--only`` choices come from :mod:`interview_ai_lab.registry`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from interview_ai_lab import registry
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.priority import run_at_lower_priority
from interview_ai_lab.runtime.stage import Context, Stage
from interview_ai_lab.stage_process import StageProcess, run_stage_in_process

logger = logging.getLogger(__name__)

#: Stages run side by side with ``parallel`` (the audio and the video branch).
WORKERS = 2
#: A stage of at least this weight counts as running beside another (``Context.others_running``); the lighter ones
#: (a few seconds: speech_metrics, text_analysis) do not keep the face stage from taking a second core once the
#: transcription has ended.
LONG_STAGE_WEIGHT = 20.0


def __getattr__(name: str) -> Any:
    """``STAGE_NAMES``: the stages' names in run order, from the registry (computed on first use)."""
    if name == "STAGE_NAMES":
        return registry.stage_names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class OverallProgress:
    """Turns per-stage progress into one overall percentage and forwards both.

    Args:
        hook: ``hook(stage, completed, total)`` receiving every stage event.
        on_overall: Optional ``f(stage, percent)`` with the overall 0-100 percentage.
        stages: The stages whose ``weight`` shares the percentage (default: every stage).
    """

    def __init__(self, hook: Callable[[str, float, float], None] | None = None,
                 on_overall: Callable[[str, float], None] | None = None, stages: tuple[Stage, ...] | None = None):
        self._hook = hook
        self._on_overall = on_overall
        self._weights = {s.name: s.weight for s in (stages if stages is not None else registry.stages())}
        self._total_weight = sum(self._weights.values()) or 1.0
        self._done: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, stage: str, completed: float, total: float) -> None:
        """Forward one stage event to ``hook``, then the overall percentage (0-100) to ``on_overall``."""
        if self._hook:
            self._hook(stage, completed, total)
        frac = 0.0 if total <= 0 else min(1.0, max(0.0, completed / total))
        with self._lock:
            self._done[stage] = frac
            percent = 100.0 * sum(self._weights.get(k, 0) * v for k, v in self._done.items()) / self._total_weight
        if self._on_overall:
            self._on_overall(stage, round(percent, 1))


def _options_for(stage: Stage, options: Mapping[str, Any]) -> Any:
    return options.get(stage.name) or stage.options()


def upstream(names: Sequence[str]) -> frozenset[str]:
    """The stages ``names`` and every stage they need, directly or not (the merge excluded).

    Raises:
        InputError: A name is not a stage.
    """
    known = set(registry.stage_names())
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(f"unknown stage(s) {', '.join(unknown)} (choose from {', '.join(registry.stage_names())})")
    found: set[str] = set()
    todo = [n for n in names if not registry.stage_named(n).merges]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(registry.dependencies(name))
    return frozenset(found)


def run_pipeline(ctx: Context, options: Mapping[str, Any], *, only: str | None = None, parallel: bool = True,
                 targets: Sequence[str] = ()) -> Path:
    """Run every stage (or only ``only``, then the merge); return the path of ``report.json``.

    Args:
        ctx: Video, output folder, run-wide settings, progress hook and the run record the
            merge reads (stage times, device choice, options).
        options: Each stage's ``Options`` by stage name (a stage left out runs with its defaults).
        only: Run just this stage (its inputs must exist), then the merge.
        parallel: Run independent stages side by side (:data:`WORKERS` at a time).
        targets: Run only these stages and the stages they read from, then the merge
            (empty: every stage).

    Raises:
        InputError: ``only`` names no stage, or a stage's input is missing.
        AnalysisError: What a stage raised (the first one, once the running stages ended).
    """
    from interview_ai_lab.runtime.model_resolver import reset_network_attempts

    reset_network_attempts()  # meta.network describes this run alone, even after another in the same process
    final = registry.final_stage()
    if only is not None:
        try:
            stage = registry.stage_named(only)
        except KeyError:
            choices = ", ".join(registry.stage_names())
            raise InputError(f"--only {only}: unknown stage (choose from {choices})") from None
        out = run_stage(stage, ctx, _options_for(stage, options))
        return out if stage.merges else run_stage(final, ctx, _options_for(final, options))
    order = registry.stages()
    if targets:
        wanted = upstream(targets)
        order = tuple(s for s in order if s.name in wanted or s.merges)
    if not parallel:
        for stage in order:
            run_stage(stage, ctx, _options_for(stage, options))
        return ctx.path(final.output)
    run_parallel(order, ctx, options)
    return ctx.path(final.output)


class _ActiveStages:
    """The stages running at this moment: from before the stages ready together are handed to workers to their end."""

    def __init__(self) -> None:
        self._running: list[Stage] = []
        self._lock = threading.Lock()

    def starting(self, stages: Sequence[Stage]) -> None:
        """``stages`` are about to be handed to workers: they count as running from now."""
        with self._lock:
            self._running.extend(stages)

    def counted(self, stage: Stage, work: Callable[[], Any]) -> Callable[[], Any]:
        """``work`` of ``stage`` (counted by :meth:`starting`) that stops counting when it returns or raises."""

        def counted() -> Any:
            try:
                return work()
            finally:
                with self._lock:
                    self._running.remove(stage)

        return counted

    def others(self, asking: Stage) -> int:
        """Long stages (weight at least :data:`LONG_STAGE_WEIGHT`) running besides ``asking``."""
        with self._lock:
            return sum(1 for s in self._running if s is not asking and s.weight >= LONG_STAGE_WEIGHT)


def run_parallel(order: Sequence[Stage], ctx: Context, options: Mapping[str, Any], *,
                 dependencies: Callable[[str], frozenset[str]] = registry.dependencies, workers: int = WORKERS) -> None:
    """Start each stage of ``order`` once the stages it depends on ended, ``workers`` at a time.

    Among the stages ready together, the first in ``order`` starts first. After a failure no
    stage starts; the first error is raised once the running ones ended.

    Args:
        order: The stages to run, in order of priority (each after what it depends on).
        ctx: The context every stage runs in.
        options: Each stage's ``Options`` by stage name.
        dependencies: ``dependencies(name)``: the names of the stages ``name`` waits for
            (those outside ``order`` are not waited for).
        workers: Most stages running at the same time.
    """
    todo = list(order)
    names = {s.name for s in order}
    done: set[str] = set()
    running: dict[Future, Stage] = {}
    errors: list[BaseException] = []
    # a running stage sees how many long ones run beside it (the face stage takes a second core once alone)
    active = _ActiveStages()
    # a stage run in a process of its own gets it now: its imports run while the stages before it do
    started = {s.name: StageProcess(s) for s in order if s.own_process and workers > 1}
    with contextlib.ExitStack() as unused, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stage") as pool:
        for process in started.values():
            unused.callback(process.close)  # a stage that never started (an earlier one failed): its process ends
        while todo or running:
            if not errors:
                ready = [s for s in todo if dependencies(s.name) & names <= done][:max(0, workers - len(running))]
                active.starting(ready)  # all counted before the first starts
                for stage in ready:
                    todo.remove(stage)
                    stage_ctx = dataclasses.replace(ctx, others_running=functools.partial(active.others, stage))
                    runs = (functools.partial(run_stage_in_process, started=started[stage.name])
                            if stage.name in started else run_stage)
                    work = functools.partial(runs, stage, stage_ctx, _options_for(stage, options))
                    if stage.yield_cpu and workers > 1:
                        work = functools.partial(run_at_lower_priority, work, by=stage.yield_cpu)
                    running[pool.submit(active.counted(stage, work))] = stage
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                stage = running.pop(future)
                try:
                    future.result()
                    done.add(stage.name)
                except BaseException as e:  # collect, re-raise the first once the running ones ended
                    errors.append(e)
    if errors:
        raise errors[0]
    if todo:
        raise RuntimeError(f"stages never became ready: {[s.name for s in todo]}")
