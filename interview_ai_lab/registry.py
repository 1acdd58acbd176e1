"""The stage registry: the stages listed in :data:`interview_ai_lab.stages.STAGE_MODULES`.

Each listed module exports ``STAGE = Stage(...)``. The run order, the dependencies, the
merge list and ``--only`` all come from the definitions: a new stage is one new module
in ``interview_ai_lab/stages/`` and its name added to that list.
"""

from __future__ import annotations

import functools
import importlib
import logging

from interview_ai_lab.runtime.stage import Stage
from interview_ai_lab.stages import STAGE_MODULES

logger = logging.getLogger(__name__)


def stage_module_names() -> tuple[str, ...]:
    """Names of the stage modules, alphabetically."""
    return tuple(sorted(STAGE_MODULES))


def _dependencies(stage: Stage, by_output: dict[str, Stage], everything: tuple[Stage, ...]) -> frozenset[str]:
    if stage.merges:
        return frozenset(s.name for s in everything if s.name != stage.name)
    return frozenset(by_output[a].name for a in stage.reads if a in by_output and by_output[a].name != stage.name)


@functools.lru_cache(maxsize=1)
def _load() -> tuple[tuple[Stage, ...], dict[str, frozenset[str]]]:
    found: list[Stage] = []
    for name in stage_module_names():
        definition = getattr(importlib.import_module(f"interview_ai_lab.stages.{name}"), "STAGE", None)
        if not isinstance(definition, Stage):
            raise RuntimeError(f"interview_ai_lab/stages/{name}.py has no STAGE = Stage(...) definition")
        if definition.name != name:
            raise RuntimeError(f"interview_ai_lab/stages/{name}.py defines the stage {definition.name!r}: a stage is named as its "
                               "module")
        found.append(definition)
    outputs: dict[str, Stage] = {}
    for s in found:
        if s.output in outputs:
            raise RuntimeError(f"stages {outputs[s.output].name!r} and {s.name!r} both write {s.output}")
        outputs[s.output] = s
    finals = [s for s in found if s.merges]
    if len(finals) != 1:
        raise RuntimeError(f"exactly one stage merges the artefacts, found {[s.name for s in finals]}")
    for s in found:
        missing = [a for a in s.inputs if a not in outputs]
        if missing:
            raise RuntimeError(f"stage {s.name!r} needs {missing}, which no stage writes")
    everything = tuple(found)
    deps = {s.name: _dependencies(s, outputs, everything) for s in found}
    return _ordered(everything, deps), deps


def _ordered(stages: tuple[Stage, ...], deps: dict[str, frozenset[str]]) -> tuple[Stage, ...]:
    """Topological order; among the stages ready together, the longest remaining path (by weight) first."""
    by_name = {s.name: s for s in stages}
    dependents: dict[str, set[str]] = {s.name: set() for s in stages}
    for name, ds in deps.items():
        for d in ds:
            dependents[d].add(name)

    @functools.cache
    def path_weight(name: str) -> float:
        return by_name[name].weight + max((path_weight(n) for n in dependents[name]), default=0.0)

    order: list[Stage] = []
    done: set[str] = set()
    while len(order) < len(stages):
        ready = [s for s in stages if s.name not in done and deps[s.name] <= done]
        if not ready:
            raise RuntimeError(f"the stages' inputs form a cycle: {sorted(set(by_name) - done)}")
        best = min(ready, key=lambda s: (-path_weight(s.name), s.name))
        order.append(best)
        done.add(best.name)
    return tuple(order)


def stages() -> tuple[Stage, ...]:
    """Every stage, in a run order (each after the producers of what it reads; the merge last)."""
    return _load()[0]


def stage_names() -> tuple[str, ...]:
    """The stages' names in run order (the ``--only`` choices)."""
    return tuple(s.name for s in stages())


def stage_named(name: str) -> Stage:
    """The stage called ``name``.

    Raises:
        KeyError: No stage has that name.
    """
    for s in stages():
        if s.name == name:
            return s
    raise KeyError(name)


def dependencies(name: str) -> frozenset[str]:
    """Names of the stages that must end before ``name`` starts."""
    return _load()[1][name]


def producer_of(artefact: str) -> Stage | None:
    """The stage that writes ``artefact`` (a file name in the output folder), or None."""
    return next((s for s in stages() if s.output == artefact), None)


def final_stage() -> Stage:
    """The stage that merges every artefact into the report."""
    return next(s for s in stages() if s.merges)
