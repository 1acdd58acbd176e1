"""The Python API of the analysis: ``analyse(video, outdir, config) -> Report``.

::

    from pathlib import Path
    from interview_ai_lab.api import AnalysisConfig, analyse

    config = AnalysisConfig(threads=2)
    config.transcribe.asr_model = "tiny.en"
    config.questions.questions = Path("questions.json")
    report = analyse(Path("interview.mp4"), Path("outputs/x"), config)
    print(report.scores.total, report.meta.stage_seconds)

:class:`AnalysisConfig` is one dataclass: one field per stage holding that stage's
``Options`` (``config.transcribe``, ``config.face_emotions_onnx``… — the fields come from
the stage registry, so a new stage brings its own) and the run-wide settings (``mode``,
``device``, ``threads``, ``force``, ``only``, ``parallel``). ``run_all.py`` only parses
its flags into this config (:meth:`RunSettings.from_values`). Errors are
:class:`~interview_ai_lab.runtime.errors.AnalysisError` subclasses.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_ai_lab import registry
from interview_ai_lab.report.schema import Report
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.options import options_from_args
from interview_ai_lab.runtime.stage import Context, ProgressHook, RunRecord, default_threads

logger = logging.getLogger(__name__)

__all__ = ["AnalysisConfig", "Report", "RunSettings", "analyse", "report_path"]

#: The settings ``report.json`` ``meta.options`` records, by name (run-wide or a stage option of that name).
REPORTED_OPTIONS = ("video", "outdir", "html", "questions", "blur_faces", "lang", "asr_model", "sentiment_model",
                    "embedding_model", "sample_fps", "landmark_fps", "smooth_win", "max_width", "max_timeline",
                    "emotion_model", "emotions", "weights", "criteria_weights", "mode", "device", "threads", "force",
                    "only", "sequential")


@dataclass
class RunSettings:
    """The run-wide settings of an analysis (the base of :class:`AnalysisConfig`).

    Attributes:
        mode: ``coaching`` (everything, emotions included) or ``recruitment`` (no emotion
            inference, EU AI Act art. 5(1)(f)).
        device: ``cpu``, ``cuda`` (an error without a usable GPU) or ``auto``.
        threads: CPU threads a stage may use; None: ``$OMP_NUM_THREADS``, else all cores.
        force: Rerun the stages whose artefact is up to date.
        only: Run just this stage (its inputs must exist), then the merge; None: every stage.
        parallel: Run independent stages side by side (the audio and the video branch).
        targets: Run only these stages and the stages they read from, then the merge
            (e.g. ``("speech_metrics",)``: extract_audio, transcribe, speech_metrics); empty: every stage.
    """

    mode: str = "coaching"
    device: str = "cpu"
    threads: int | None = None
    force: bool = False
    only: str | None = None
    parallel: bool = True
    targets: tuple[str, ...] = ()

    def stage_options(self) -> dict[str, Any]:
        """Each stage's ``Options`` by stage name."""
        return {s.name: getattr(self, s.name) for s in registry.stages()}

    def value(self, name: str) -> Any:
        """The run-wide setting ``name``, else the first stage option of that name (in run order)."""
        if name in {f.name for f in dataclasses.fields(RunSettings)}:
            return getattr(self, name)
        for opts in self.stage_options().values():
            if any(f.name == name for f in dataclasses.fields(opts)):
                return getattr(opts, name)
        raise KeyError(name)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Any:
        """A config from flat values by name (as the command line gives them).

        A run-wide name sets that setting; any other name sets the option of that name in
        every stage that has one (``embedding_model`` in ``text_analysis`` and ``questions``);
        ``sequential`` sets ``parallel`` to its opposite. Unknown names are ignored.
        """
        values = dict(values)
        if "sequential" in values and "parallel" not in values:
            values["parallel"] = not values["sequential"]
        kwargs: dict[str, Any] = {f.name: values[f.name] for f in dataclasses.fields(RunSettings) if f.name in values}
        for s in registry.stages():
            kwargs[s.name] = options_from_args(s.options, values)
        return cls(**kwargs)


def _config_class() -> type:
    fields = [(s.name, s.options, field(default_factory=s.options)) for s in registry.stages()]
    cls = dataclasses.make_dataclass("AnalysisConfig", fields, bases=(RunSettings,), namespace={"__module__": __name__})
    cls.__doc__ = ("The whole configuration of an analysis: the run-wide settings of :class:`RunSettings` and one "
                   "field per stage holding its ``Options`` (" + ", ".join(f"``{s.name}``" for s in registry.stages())
                   + ").")
    return cls


#: One field per stage (its ``Options``) plus the run-wide settings of :class:`RunSettings`.
AnalysisConfig: type = _config_class()


def report_path(outdir: Path) -> Path:
    """Where the analysis writes its report in ``outdir``."""
    return Path(outdir) / registry.final_stage().output


def _reported(config: RunSettings, video: Path, outdir: Path) -> dict[str, Any]:
    """``meta.options``: the settings of :data:`REPORTED_OPTIONS` as given (paths as text)."""
    out: dict[str, Any] = {}
    for name in REPORTED_OPTIONS:
        if name == "video":
            value: Any = video
        elif name == "outdir":
            value = outdir
        elif name == "sequential":
            value = not config.parallel
        elif name == "threads":
            value = config.threads or default_threads()
        else:
            try:
                value = config.value(name)
            except KeyError:
                continue
        out[name] = str(value) if isinstance(value, Path) else value
    return out


def analyse(video: Path, outdir: Path, config: Any = None, *, hook: ProgressHook | Callable[..., None] | None = None
            ) -> Report:
    """Analyse ``video`` into ``outdir``; return the validated report (also written as ``outdir/report.json``).

    Args:
        video: The interview video (mp4, mov, mkv, webm…).
        outdir: The folder for the report and every stage's artefact (created; an unchanged
            stage found there is skipped unless ``config.force``).
        config: An :class:`AnalysisConfig`; None: every default.
        hook: ``hook(stage, completed, total)`` for progress (from the worker threads).

    Raises:
        InputError: The video is missing, empty or not a video; ``outdir`` is a file; an
            option is out of range; ``device='cuda'`` without a usable GPU.
        AnalysisError: A stage failed (its subclass says how).
    """
    config = AnalysisConfig() if config is None else config
    if not isinstance(config, AnalysisConfig):
        raise TypeError(f"config must be an AnalysisConfig, not {type(config).__qualname__}")
    video, outdir = Path(video), Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"--outdir {outdir} exists and is not a folder")
    from interview_ai_lab.media.ffmpeg import check_input_file
    from interview_ai_lab.runtime.device import choose_device

    check_input_file(video)
    device_choice = choose_device(config.device).as_dict()  # InputError: cuda without a GPU
    outdir.mkdir(parents=True, exist_ok=True)
    threads = max(1, int(config.threads)) if config.threads else default_threads()
    record = RunRecord(device_choice=device_choice, options=_reported(config, video, outdir))
    ctx = Context(video=video, outdir=outdir, threads=threads, device=config.device, force=config.force,
                  mode=config.mode, record=record, **({"hook": hook} if hook is not None else {}))
    from interview_ai_lab.pipeline import run_pipeline

    path = run_pipeline(ctx, config.stage_options(), only=config.only, parallel=config.parallel,
                        targets=config.targets)
    return Report.model_validate(read_json(path))
