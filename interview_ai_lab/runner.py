"""The runner: what every stage run does around the stage's own computation.

:func:`run_stage` requires the declared inputs (an :class:`InputError` names the stage to
run first), computes the ``_meta`` (version, options, input fingerprints, the stage's
declared extras), skips an unchanged stage ("Stage '%s' didn't change, skipping"), times
the run, writes the artefact atomically with its ``_meta``, gives the heap pages the stage freed back
to the system (:func:`~interview_ai_lab.runtime.heap.release_free_pages`) and records the wall time in
the context's :class:`~interview_ai_lab.runtime.stage.RunRecord`. Progress goes through the
context's hook: ``(stage, 0, 1)`` at the start, ``(stage, 1, 1)`` at the end.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path
from typing import Any

from interview_ai_lab.registry import producer_of, stages
from interview_ai_lab.runtime.artefacts import is_fresh, make_meta, skip_message, write_artifact
from interview_ai_lab.runtime.atomic import read_json, write_json_atomic
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.heap import release_free_pages
from interview_ai_lab.runtime.stage import Context, Stage

logger = logging.getLogger(__name__)


def require_input(ctx: Context, artefact: str, *, needed_by: str) -> Path:
    """The path of an upstream artefact, or an :class:`InputError` naming the stage that writes it."""
    path = ctx.path(artefact)
    if not path.exists():
        producer = producer_of(artefact)
        what = f"run the '{producer.name}' stage first" if producer else "no stage writes it"
        raise InputError(f"{path} is missing ({needed_by} reads it): {what} (or run_all.py)")
    return path


def _compute(stage: Stage, ctx: Context, opts: Any) -> Path:
    out = ctx.path(stage.output)
    if stage.merges:
        payload = stage.run(dataclasses.replace(ctx, stages=stages()), opts)
        write_json_atomic(out, payload)
        if stage.after_write is not None:
            stage.after_write(ctx, opts, out)
        return out
    if stage.enabled is not None and not stage.enabled(opts):
        meta = make_meta(stage.name, stage.version, opts, [])
        if not is_fresh(out, meta, force=ctx.force):
            write_artifact(out, dict(stage.disabled_payload), meta, seconds=0.0)
        return out
    if stage.check is not None:
        stage.check(opts)
    for artefact in stage.inputs:
        require_input(ctx, artefact, needed_by=stage.name)
    prepared = stage.prepare(ctx, opts) if stage.prepare is not None else None
    files: list[Path] = [Path(ctx.video)] if stage.uses_video else []
    if stage.input_files is not None:
        files += [Path(p) for p in stage.input_files(ctx, opts, prepared)]
    files += [ctx.path(a) for a in stage.inputs + stage.optional_inputs]
    extra = dict(stage.fingerprint(ctx, opts, prepared)) if stage.fingerprint is not None else {}
    meta = make_meta(stage.name, stage.version, opts, files, **extra)
    if is_fresh(out, meta, force=ctx.force) and (stage.side_files_ok is None
                                                 or stage.side_files_ok(ctx, opts, read_json(out))):
        skip_message(stage.name)
        return out
    t0 = time.perf_counter()
    payload = stage.run(ctx, opts, prepared) if stage.prepare is not None else stage.run(ctx, opts)
    write_artifact(out, payload, meta, seconds=time.perf_counter() - t0)
    if stage.after_write is not None:
        stage.after_write(ctx, opts, out)
    return out


def run_stage(stage: Stage, ctx: Context, opts: Any = None) -> Path:
    """Run one stage with its bookkeeping; return the path of its artefact.

    Args:
        stage: The stage's definition.
        ctx: Video, output folder, run-wide settings, progress hook and run record.
        opts: An instance of ``stage.options`` (None: its defaults).

    Raises:
        InputError: A required input is missing, or an option is out of range.
        AnalysisError: Whatever the stage raises.
    """
    if opts is None:
        opts = stage.options()
    if not isinstance(opts, stage.options):
        raise TypeError(f"{stage.name} takes {stage.options.__qualname__}, not {type(opts).__qualname__}")
    logger.debug("▶ %s", stage.name)
    ctx.hook(stage.name, 0, 1)
    t0 = time.perf_counter()
    try:
        out = _compute(stage, ctx, opts)
    finally:
        release_free_pages()  # what the stage freed is not held while the next ones run
    seconds = time.perf_counter() - t0
    ctx.record.timed(stage.name, seconds)
    ctx.hook(stage.name, 1, 1)
    logger.info("✔ %s (%.1f s)", stage.name, seconds)
    return out
