#!/usr/bin/env python3
"""Analyse a recorded interview video: ``python run_all.py --video data/x.mp4 --outdir outputs/x``.

Runs the stages in ``scripts/`` (extract_audio, transcribe, speech_metrics,
text_analysis, face_emotions_onnx, gaze_nods, scores) and merges their artefacts
into ``<outdir>/report.json``. The last line printed is the report's path.
"""

from __future__ import annotations

import os

# Safe defaults set before numpy/torch/onnxruntime load: two OpenMP runtimes in one
# process (torch + ctranslate2 on Windows/macOS) must not abort the run, and the
# Hugging Face cache must not warn about symlinks on Windows.
os.environ.setdefault("KMP_DUPLICATE_LIB_OK", "TRUE")
os.environ.setdefault("HF_HUB_DISABLE_SYMLINKS_WARNING", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("GLOG_minloglevel", "2")  # MediaPipe's C++ (glog/absl) info and warning lines
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow Lite delegate messages

import argparse
import json
import logging
import sys
import uuid
from pathlib import Path
from typing import Sequence

from scripts.core.runtime.errors import InputError
from scripts.core.runtime.stage import Context, default_threads, run_cli, setup_logging

logger = logging.getLogger("run_all")

PROJECT_ROOT = Path(__file__).resolve().parent


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``run_all.py``."""
    from scripts.pipeline import STAGE_NAMES

    p = argparse.ArgumentParser(
        prog="run_all.py",
        description="Analyse a recorded one-way interview video (speech, text, face) into report.json.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    io = p.add_argument_group("input and output")
    io.add_argument("--video", type=Path, help="input video file (mp4, mov, mkv, webm…)")
    io.add_argument("--outdir", type=Path, default=None,
                    help="output folder for report.json and the artefacts of each stage (default: outputs/<uuid>/)")
    io.add_argument("--html", action="store_true", help="also write a self-contained report.html next to report.json")
    io.add_argument("--questions", type=Path, default=None,
                    help='JSON file of interview questions: [{"text": "...", "start": seconds?}] (per-question report)')
    io.add_argument("--blur-faces", action="store_true", help="also write video_blurred.mp4 with every face blurred")

    a = p.add_argument_group("speech")
    a.add_argument("--lang", choices=["auto", "fr", "en"], default="auto", help="spoken language; auto detects it")
    a.add_argument("--asr-model", default=None,
                   help="faster-whisper size name (tiny, base, small, medium, large-v3…) or a CTranslate2 model folder "
                        "(default: $IAL_ASR_MODEL, else 'small'; offline falls back to a packaged multilingual 'base')")

    t = p.add_argument_group("text")
    t.add_argument("--sentiment-model", default=None,
                   help="sentiment classifier: Hugging Face repo id or local folder (default: $IAL_SENTIMENT_MODEL, else "
                        "cardiffnlp/twitter-xlm-roberta-base-sentiment; offline: a labelled lexicon method)")
    t.add_argument("--embedding-model", default=None,
                   help="sentence-embedding model for summary, keywords and rubrics (default: $IAL_EMBEDDING_MODEL, else "
                        "paraphrase-multilingual-MiniLM-L12-v2; offline: packaged all-MiniLM-L6-v2)")

    v = p.add_argument_group("face")
    v.add_argument("--sample-fps", type=float, default=2.0, help="frames per second analysed for emotions")
    v.add_argument("--landmark-fps", type=float, default=8.0,
                   help="frames per second analysed for head pose, gaze and nods (a nod lasts < 1 s)")
    v.add_argument("--smooth-win", type=int, default=3, help="emotion smoothing window, in sampled frames")
    v.add_argument("--max-width", type=int, default=640, help="frames are downscaled to at most this width, pixels")
    v.add_argument("--max-timeline", type=int, default=1200, help="most points kept in the emotion timeline (evenly downsampled)")
    v.add_argument("--emotion-model", default=None,
                   help="ONNX emotion model file (FER+ 8-class or the 7-class fallback); default: $IAL_EMOTION_MODEL, "
                        "models/emotion-ferplus-8.onnx, its download, then the packaged 7-class model")
    v.add_argument("--no-emotions", dest="emotions", action="store_false", help="skip emotion inference (no model loaded)")

    s = p.add_argument_group("scores")
    s.add_argument("--weights", default="verbal=40,paraverbal=20,nonverbal=40",
                   help="maximum points of each score part; the interview score is their sum out of 100, and is not "
                        "given (incomplete) when a part cannot be measured")
    s.add_argument("--criteria-weights", default="",
                   help="relative weights of the criteria inside each part, e.g. eye_contact=30,nods=10 (unlisted: "
                        "defaults; 0 drops a criterion); see docs/scoring.md")

    r = p.add_argument_group("run")
    r.add_argument("--mode", choices=["coaching", "recruitment"], default="coaching",
                   help="coaching: everything incl. emotions; recruitment: no emotion inference (EU AI Act art. 5(1)(f))")
    r.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu", help="compute device")
    r.add_argument("--threads", type=int, default=default_threads(), help="CPU threads (default: $OMP_NUM_THREADS or all cores)")
    r.add_argument("--force", action="store_true", help="rerun stages whose artefact is up to date")
    r.add_argument("--only", choices=STAGE_NAMES, default=None, help="run only this stage (its inputs must exist), then merge")
    r.add_argument("--sequential", action="store_true", help="run the audio and video branches one after the other")
    r.add_argument("--progress-json", action="store_true", help="print progress as JSON lines on stderr (for programs)")
    r.add_argument("--check", action="store_true", help="check the installation (tools, packages, models) and exit")
    r.add_argument("--quiet", action="store_true", help="only warnings, errors and the report path")
    r.add_argument("--debug", action="store_true", help="verbose logs and full tracebacks")
    return p


def _make_hook(args: argparse.Namespace):
    """Progress hook: tqdm bars in a terminal, JSON lines with --progress-json, nothing with --quiet."""
    from scripts.pipeline import OverallProgress

    if args.progress_json:
        def overall(stage: str, percent: float) -> None:
            sys.stderr.write(json.dumps({"event": "progress", "stage": stage, "percent": percent}) + "\n")
            sys.stderr.flush()
        return OverallProgress(on_overall=overall)
    if args.quiet:
        return OverallProgress()
    from scripts.core.runtime.progress import TqdmHook

    return OverallProgress(hook=TqdmHook())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(debug=args.debug, quiet=args.quiet)
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, args.threads)))
    return run_cli(lambda: analyse(args), debug=args.debug)


def analyse(args: argparse.Namespace) -> Path | int:
    """Check the inputs and run the pipeline (or the installation check); return the report path."""
    if args.check:
        from scripts.check import run_check

        return run_check()
    if args.video is None:
        raise InputError("--video is required (see --help)")
    outdir = args.outdir or PROJECT_ROOT / "outputs" / uuid.uuid4().hex
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"--outdir {outdir} exists and is not a folder")
    from scripts.core.media.ffmpeg import check_input_file

    check_input_file(args.video)
    from scripts.core.runtime.device import choose_device

    args.device_choice = choose_device(args.device).as_dict()  # InputError: --device cuda without a GPU
    outdir.mkdir(parents=True, exist_ok=True)
    args.outdir = outdir
    ctx = Context(video=args.video, outdir=outdir, threads=max(1, args.threads), device=args.device,
                  force=args.force, mode=args.mode, hook=_make_hook(args))
    from scripts.core.runtime.native_stderr import filtered_native_stderr
    from scripts.pipeline import run_pipeline

    with filtered_native_stderr(enabled=not args.debug):
        return run_pipeline(ctx, args, only=args.only, parallel=not args.sequential)


if __name__ == "__main__":
    sys.exit(main())
