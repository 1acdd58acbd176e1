"""The stage contract: one :class:`Stage` definition per stage module, and the context it runs in.

A stage module in ``interview_ai_lab/stages/`` exports ONE definition::

    STAGE = Stage(name="gaze_nods", version="2", inputs=(FACES,), output="gaze.json",
                  options=Options, run=run, weight=3)

where ``Options`` is a typed dataclass (its "Attributes:" docstring becomes the ``--help``)
and ``run`` only computes: it returns the artefact's payload (a dict); the runner
(:func:`interview_ai_lab.runner.run_stage`) requires the inputs, fingerprints them, skips an
unchanged stage, times it and writes the artefact atomically with its ``_meta``
(:mod:`interview_ai_lab.runtime.artefacts`). What freshness needs besides the options and the
input files is declared too (``fingerprint``, ``input_files``, ``uses_video``). This module holds:

* :class:`Stage` — the definition;
* :class:`Context` — the video, the output folder and the run-wide settings;
* :class:`RunRecord` — what the runner records for the merge (stage wall times, device choice, options).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

logger = logging.getLogger(__name__)

#: What a stage's ``run`` returns: the artefact's content, without ``_meta``.
Payload = dict[str, Any]


class ProgressHook(Protocol):
    """``hook(stage, completed, total)``: progress of one stage (units are the stage's own).

    The runner sends ``(stage, 0, 1)`` when a stage starts and ``(stage, 1, 1)`` when it
    ends; a stage may send its own steps in between (seconds of audio, frames…).
    """

    def __call__(self, stage: str, completed: float, total: float) -> None:
        """Report that ``stage`` has done ``completed`` out of ``total`` (the stage's own units)."""


def _no_progress(stage: str, completed: float, total: float) -> None:
    """Default hook: ignore progress."""


def _none_running() -> int:
    """No other stage runs (a stage run on its own)."""
    return 0


def default_threads() -> int:
    """Number of CPU threads to use by default: ``OMP_NUM_THREADS`` if set, else all cores."""
    env = os.environ.get("OMP_NUM_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, os.cpu_count() or 1)


@dataclass
class RunRecord:
    """What the runner records about one analysis; the merge puts it in ``report.json`` ``meta``.

    Attributes:
        stage_seconds: Wall time of every stage run (skipped ones included), seconds.
        device_choice: The compute device chosen for the run
            (:meth:`interview_ai_lab.runtime.device.DeviceChoice.as_dict`), None when not chosen.
        options: The run's settings as given (``report.json`` ``meta.options``).
    """

    stage_seconds: dict[str, float] = field(default_factory=dict)
    device_choice: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def timed(self, stage: str, seconds: float) -> None:
        """Record the wall time of ``stage`` (seconds); safe from several worker threads."""
        with self._lock:
            self.stage_seconds[stage] = round(float(seconds), 3)


@dataclass
class Context:
    """What every stage needs besides its own options.

    Attributes:
        video: The input video file.
        outdir: The folder that receives every artefact of this analysis.
        threads: CPU threads a stage may use (faster-whisper ``cpu_threads``, ONNX
            Runtime ``intra_op_num_threads``, torch).
        device: ``cpu``, ``cuda`` or ``auto``.
        force: Rerun a stage even when its artefact is up to date.
        mode: ``coaching`` (everything, emotions included) or ``recruitment``
            (no emotion inference).
        hook: Progress callback ``hook(stage, completed, total)``.
        record: Filled by the runner (stage times), read by the merge.
        stages: Every stage of the analysis, in run order; set by the runner for the merge,
            which reads their artefacts.
        others_running: ``others_running()``: how many other long stages run at this moment (set by the
            scheduler for the stages it runs side by side, :data:`interview_ai_lab.pipeline.LONG_STAGE_WEIGHT`;
            0 for a stage run alone), so that a stage can take more cores once it is the only long one left.
    """

    video: Path
    outdir: Path
    threads: int = field(default_factory=default_threads)
    device: str = "cpu"
    force: bool = False
    mode: str = "coaching"
    hook: ProgressHook = _no_progress
    record: RunRecord = field(default_factory=RunRecord)
    stages: tuple[Stage, ...] = ()
    others_running: Callable[[], int] = _none_running

    def path(self, name: str) -> Path:
        """Path of the artefact ``name`` inside the output folder."""
        return Path(self.outdir) / name


@dataclass(frozen=True)
class Stage:
    """The one definition of a stage: what it reads, what it writes, how it runs.

    Attributes:
        name: The stage's name: its module in ``scripts/``, the ``--only`` value, the key
            of its time in ``meta.stage_seconds``.
        version: The stage's algorithm version; bump it when the output changes (an artefact
            of another version is not fresh).
        output: The JSON artefact the runner writes in the output folder (``gaze.json``).
        options: The stage's ``Options`` dataclass (defaults, "Attributes:" docstring).
        run: Computes the payload: ``run(ctx, opts)``, or ``run(ctx, opts, prepared)`` when
            ``prepare`` is given. It never writes the JSON artefact (side files it makes,
            WAVs or a video, it writes atomically itself).
        inputs: Artefacts of other stages that must exist (an :class:`InputError` names the
            stage to run first); they order the stages and their fingerprints decide freshness.
        optional_inputs: Artefacts read when present; ordered and fingerprinted the same way.
        after: Artefacts read when present for convenience only (ordering, not freshness).
        weight: Share of a whole run's time, for the overall progress percentage.
        uses_video: The video file itself is an input (its fingerprint decides freshness).
        check: ``check(opts)`` raises :class:`InputError` for options out of range, before
            anything is read.
        prepare: ``prepare(ctx, opts) -> prepared``: what ``fingerprint`` and ``run`` both
            need, computed once (a resolved model, the parsed questions file).
        fingerprint: ``fingerprint(ctx, opts, prepared) -> dict``: anything besides the
            options and input files whose change makes the artefact stale (resolved model
            path, mode).
        input_files: ``input_files(ctx, opts, prepared) -> paths``: other files whose content
            decides freshness (the WAV named in ``audio.json``, the questions file).
        side_files_ok: ``side_files_ok(ctx, opts, artefact) -> bool``: the side files a fresh
            artefact names are still there (else the stage reruns).
        enabled: ``enabled(opts) -> bool``; when False the stage does nothing and its artefact
            is ``disabled_payload`` (inputs are then neither required nor fingerprinted).
        disabled_payload: The artefact of a disabled stage.
        merges: The final stage (``merge_report``): runs after every other stage, reads
            their artefacts, always reruns and writes its output without ``_meta``.
        after_write: ``after_write(ctx, opts, path)``: runs once the artefact is written
            (the merge's ``report.html``).
        report_key: The payload key the merge copies into ``report.json`` under the same
            name (for a stage the merge has no special code for).
        description: One line for ``--help`` (default: the first line of the module docstring).
        yield_cpu: Nice value added while the stage runs beside others (0: none): a stage off the
            critical path lets the longer branch keep its pace (the face stage beside transcription;
            Linux). It changes no result, only who waits; alone the stage runs at the usual priority.
        own_process: Run the stage in a process of its own when it runs beside others
            (:mod:`interview_ai_lab.stage_process`): its heap apart from theirs, kept between its batches
            (the transcription). It changes no result; run alone, the stage runs in the caller's process.
        preload: Modules a process of its own imports before its request comes (``own_process``): the
            pipeline starts that process with the analysis, so the stage's heavy imports (faster-whisper,
            librosa, SciPy) run while the audio is extracted, on the core the extraction leaves idle.
    """

    name: str
    version: str
    output: str
    options: type
    run: Callable[..., Payload]
    inputs: tuple[str, ...] = ()
    optional_inputs: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    weight: float = 1.0
    uses_video: bool = False
    check: Callable[[Any], None] | None = None
    prepare: Callable[[Context, Any], Any] | None = None
    fingerprint: Callable[[Context, Any, Any], Mapping[str, Any]] | None = None
    input_files: Callable[[Context, Any, Any], Sequence[Path]] | None = None
    side_files_ok: Callable[[Context, Any, Mapping[str, Any]], bool] | None = None
    enabled: Callable[[Any], bool] | None = None
    disabled_payload: Mapping[str, Any] = field(default_factory=dict)
    merges: bool = False
    after_write: Callable[[Context, Any, Path], None] | None = None
    report_key: str | None = None
    description: str = ""
    yield_cpu: int = 0
    own_process: bool = False
    preload: tuple[str, ...] = ()

    @property
    def reads(self) -> tuple[str, ...]:
        """Every artefact the stage may read: required, optional and ordering-only inputs."""
        return self.inputs + self.optional_inputs + self.after
