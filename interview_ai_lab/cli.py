"""The command line of the analysis: ``run_all.py``, ``interview-ai-lab`` and ``python -m interview_ai_lab``.

``run_all.py --video data/x.mp4 --outdir outputs/x`` runs every stage of
:mod:`interview_ai_lab.stages` (extract_audio, transcribe, speech_metrics, text_analysis,
face_emotions_onnx, gaze_nods, questions, scores) and merges their artefacts into
``<outdir>/report.json``. The last line printed is the report's path. The process-wide
safe defaults (OpenMP, Hugging Face) are set when the package is imported.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interview_ai_lab.registry import stage_named
from interview_ai_lab.runtime.console import run_cli, setup_logging
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.resources import working_root

logger = logging.getLogger(__name__)


class _HelpFormatter(argparse.HelpFormatter):
    """Writes ``{stage.option}`` in a help text as that option's default, declared once in the stage's ``Options``.

    The stage modules are imported only when the help is shown: parsing the command line
    loads nothing heavy, so ``OMP_NUM_THREADS`` is set from ``--threads`` before numpy loads.
    """

    def _expand_help(self, action: argparse.Action) -> str:

        def default(m: re.Match) -> str:
            return str(getattr(stage_named(m.group(1)).options(), m.group(2)))

        return re.sub(r"\{(\w+)\.(\w+)\}", default, super()._expand_help(action))


def build_parser(*, prog: str | None = None) -> argparse.ArgumentParser:
    """The command line of ``run_all.py`` (every default is said once, in the help).

    A flag of a stage option left out is None here: the option keeps its ``Options`` default.
    """
    from interview_ai_lab.registry import stage_module_names

    stage_names = stage_module_names()
    p = argparse.ArgumentParser(
        prog=prog or "run_all.py",
        description="Analyse a recorded one-way interview video (speech, text, face) into report.json.",
        formatter_class=_HelpFormatter,
    )
    io = p.add_argument_group("input and output")
    io.add_argument("--video", type=Path, help="input video file (mp4, mov, mkv, webm…); required unless --check")
    io.add_argument("--outdir", type=Path, default=None,
                    help="output folder for report.json and the artefacts of each stage (default: outputs/<uuid>/)")
    io.add_argument("--html", action="store_true",
                    help="also write a self-contained report.html next to report.json (default: report.json only)")
    io.add_argument("--questions", type=Path, default=None,
                    help='JSON file of interview questions: [{"text": "...", "start": seconds?}] (per-question report; '
                         "default: none, no per-question analysis)")
    io.add_argument("--blur-faces", action="store_true",
                    help="also write video_blurred.mp4 with every face blurred (default: no blurred copy)")

    a = p.add_argument_group("speech")
    a.add_argument("--lang", choices=["auto", "fr", "en"], default=None,
                   help="spoken language; auto detects it (default: {transcribe.lang})")
    a.add_argument("--asr-model", default=None,
                   help="faster-whisper size name (tiny, base, small, medium, large-v3…) or a CTranslate2 model folder "
                        "(default: $IAL_ASR_MODEL, else 'small'; offline falls back to a packaged multilingual 'base')")
    a.add_argument("--asr-batch-size", type=int, default=None,
                   help="speech chunks decoded at once by faster-whisper's batched pipeline; 1 decodes them one after "
                        "the other (default: {transcribe.asr_batch_size})")

    t = p.add_argument_group("text")
    t.add_argument("--sentiment-model", default=None,
                   help="sentiment classifier: Hugging Face repo id or local folder (default: $IAL_SENTIMENT_MODEL, "
                        "else cardiffnlp/twitter-xlm-roberta-base-sentiment; offline: a labelled lexicon method)")
    t.add_argument("--embedding-model", default=None,
                   help="sentence-embedding model for summary, keywords and rubrics (default: $IAL_EMBEDDING_MODEL, "
                        "else paraphrase-multilingual-MiniLM-L12-v2; offline: the packaged multilingual USE v3, else all-MiniLM-L6-v2)")

    v = p.add_argument_group("face")
    v.add_argument("--sample-fps", type=float, default=None,
                   help="frames per second analysed for emotions (default: {face_emotions_onnx.sample_fps})")
    v.add_argument("--landmark-fps", type=float, default=None,
                   help="frames per second analysed for head pose, gaze and nods, a nod lasts < 1 s "
                        "(default: {face_emotions_onnx.landmark_fps})")
    v.add_argument("--face-workers", type=int, default=None,
                   help="most face workers side by side, at most --threads: once the face stage runs alone, the "
                        "worker with the most video left hands the second half (at least 30 s) to another, with its "
                        "own decoder and landmarker; 1: one pass (default: {face_emotions_onnx.face_workers})")
    v.add_argument("--smooth-win", type=int, default=None,
                   help="emotion smoothing window, in sampled frames (default: {face_emotions_onnx.smooth_win})")
    v.add_argument("--max-width", type=int, default=None,
                   help="frames are downscaled to at most this width, pixels "
                        "(default: {face_emotions_onnx.max_width})")
    v.add_argument("--max-timeline", type=int, default=None,
                   help="most points kept in the emotion timeline, evenly downsampled "
                        "(default: {face_emotions_onnx.max_timeline})")
    v.add_argument("--emotion-model", default=None,
                   help="ONNX emotion model file (FER+ 8-class or the 7-class fallback); default: $IAL_EMOTION_MODEL, "
                        "models/emotion-ferplus-8.onnx, its download, then the packaged 7-class model")
    v.add_argument("--no-emotions", dest="emotions", action="store_false",
                   help="skip emotion inference, no model loaded (default: emotions are inferred in coaching mode; "
                        "never in recruitment mode)")

    s = p.add_argument_group("scores")
    s.add_argument("--weights", default=None,
                   help="maximum points of each score part; the interview score is their sum out of 100, and is not "
                        "given (incomplete) when a part cannot be measured (default: {scores.weights})")
    s.add_argument("--criteria-weights", default=None,
                   help="relative weights of the criteria inside each part, e.g. eye_contact=30,nods=10 (default: "
                        "none, every criterion keeps its default weight; 0 drops a criterion); see docs/scoring.md")

    r = p.add_argument_group("run")
    r.add_argument("--mode", choices=["coaching", "recruitment"], default="coaching",
                   help="coaching: everything incl. emotions; recruitment: no emotion inference "
                        "(EU AI Act art. 5(1)(f)) (default: %(default)s)")
    r.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu",
                   help="compute device (default: %(default)s)")
    r.add_argument("--threads", type=int, default=None, help="CPU threads (default: $OMP_NUM_THREADS, else all cores)")
    r.add_argument("--force", action="store_true",
                   help="rerun stages whose artefact is up to date (default: an unchanged stage is skipped)")
    r.add_argument("--only", choices=stage_names, default=None, metavar="STAGE",
                   help="run only this stage (its inputs must exist), then merge; one of: " + ", ".join(stage_names)
                        + " (default: every stage)")
    r.add_argument("--sequential", action="store_true",
                   help="run the stages one after the other (default: independent stages, the audio and the video "
                        "branch, run side by side)")
    r.add_argument("--progress-json", action="store_true",
                   help="print progress as JSON lines on stderr, for programs (default: progress bars in a terminal)")
    r.add_argument("--check", action="store_true", help="check the installation (tools, packages, models) and exit")
    r.add_argument("--quiet", action="store_true", help="only warnings, errors and the report path")
    r.add_argument("--debug", action="store_true",
                   help="verbose logs and full tracebacks (default: one readable line per error)")
    return p


def config_from_args(args: argparse.Namespace) -> Any:
    """The :class:`~interview_ai_lab.api.AnalysisConfig` of the parsed flags (each flag sets the stage option of its name)."""
    from interview_ai_lab.api import AnalysisConfig

    return AnalysisConfig.from_values({k: v for k, v in vars(args).items() if v is not None})


def _make_hook(args: argparse.Namespace) -> Any:
    """Progress hook: tqdm bars in a terminal, JSON lines with --progress-json, nothing with --quiet."""
    from interview_ai_lab.pipeline import OverallProgress

    if args.progress_json:
        def overall(stage: str, percent: float) -> None:
            sys.stderr.write(json.dumps({"event": "progress", "stage": stage, "percent": percent}) + "\n")
            sys.stderr.flush()
        return OverallProgress(on_overall=overall)
    if args.quiet:
        return OverallProgress()
    from interview_ai_lab.runtime.progress import TqdmHook

    return OverallProgress(hook=TqdmHook())


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Entry point; returns the exit code (``prog``: the command's name in ``--help``)."""
    parser = build_parser(prog=prog)
    args = parser.parse_args(argv)
    setup_logging(debug=args.debug, quiet=args.quiet)
    if args.threads:
        os.environ.setdefault("OMP_NUM_THREADS", str(max(1, args.threads)))
    return run_cli(lambda: run(args), debug=args.debug)


def run(args: argparse.Namespace) -> Path | int:
    """Run the installation check, or the analysis of ``args.video``; return the report's path."""
    if args.check:
        from interview_ai_lab.tools.check import run_check

        return run_check()
    if args.video is None:
        raise InputError("--video is required (see --help)")
    outdir = args.outdir or working_root() / "outputs" / uuid.uuid4().hex
    from interview_ai_lab.api import analyse, report_path
    from interview_ai_lab.runtime.native_stderr import filtered_native_stderr

    with filtered_native_stderr(enabled=not args.debug):
        analyse(args.video, outdir, config_from_args(args), hook=_make_hook(args))
    return report_path(outdir)
