"""The command line of one stage run alone: ``python scripts/<stage>.py`` or ``python -m interview_ai_lab.stage_cli <stage>``.

Each stage's flags are the context's (``--video``, ``--outdir``, ``--threads``…) and one per
field of its ``Options`` dataclass; the stage runs through the runner (inputs, freshness,
atomic write), and an error is one readable line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from interview_ai_lab.registry import stage_module_names, stage_named
from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.console import run_cli, setup_logging
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.heap import keep_heap_pages
from interview_ai_lab.runtime.options import add_options_arguments, options_from_args
from interview_ai_lab.runtime.stage import Context, ProgressHook, Stage, default_threads


def add_context_arguments(parser: argparse.ArgumentParser, *, video_required: bool = True) -> None:
    """Add the arguments that build a :class:`Context` to a stage's parser."""
    parser.add_argument("--video", type=Path, required=video_required,
                        help="input video file" + ("" if video_required else " (optional for this stage)"))
    parser.add_argument("--outdir", type=Path, required=True,
                        help="output folder of the analysis (artefacts are read from and written to it)")
    parser.add_argument("--threads", type=int, default=None,
                        help="CPU threads to use (default: $OMP_NUM_THREADS, else all cores)")
    parser.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu",
                        help="compute device (default: cpu)")
    parser.add_argument("--mode", choices=["coaching", "recruitment"], default="coaching",
                        help="analysis mode; recruitment never infers emotions (default: coaching)")
    parser.add_argument("--force", action="store_true",
                        help="rerun even if the artefact is up to date (default: an unchanged stage is skipped)")
    parser.add_argument("--debug", action="store_true",
                        help="verbose logs and full tracebacks (default: one readable line per error)")


def context_from_args(args: argparse.Namespace, hook: ProgressHook | None = None) -> Context:
    """Build a :class:`Context` from parsed arguments (the output folder is created)."""
    outdir = Path(args.outdir)
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"--outdir {outdir} exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    video = Path(args.video) if getattr(args, "video", None) else outdir / "video"
    threads = getattr(args, "threads", None)
    return Context(
        video=video,
        outdir=outdir,
        threads=max(1, int(threads)) if threads else default_threads(),
        device=args.device,
        force=bool(args.force),
        mode=getattr(args, "mode", "coaching"),
        **({"hook": hook} if hook else {}),
    )



def stage_description(stage: Stage) -> str:
    """The first line of the stage's module docstring (or its declared description)."""
    if stage.description:
        return stage.description
    module = sys.modules.get(getattr(stage.run, "__module__", ""), None)
    return ((getattr(module, "__doc__", None) or stage.name).strip().splitlines() or [stage.name])[0]


def build_stage_parser(stage: Stage) -> argparse.ArgumentParser:
    """The command line of one stage: the context arguments and one flag per option."""
    parser = argparse.ArgumentParser(prog=f"{stage.name}.py", description=stage_description(stage))
    add_context_arguments(parser, video_required=stage.uses_video)
    add_options_arguments(parser.add_argument_group(f"{stage.name} options"), stage.options)
    return parser


def stage_main(name: str, argv: Sequence[str] | None = None) -> int:
    """The command line of one stage (``python scripts/<name>.py``): parse, run through the runner, report.

    Returns the process exit code: 0 on success, the error's code on an
    :class:`AnalysisError` (one readable line on stderr, traceback only with ``--debug``).
    """
    keep_heap_pages()  # before any thread starts (finding the stage imports numpy, which starts its threads)
    stage = stage_named(name)
    args = build_stage_parser(stage).parse_args(argv)
    setup_logging(debug=args.debug)
    return run_cli(lambda: run_stage(stage, context_from_args(args), options_from_args(stage.options, args)),
                   debug=args.debug)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m interview_ai_lab.stage_cli <stage> [flags]``: the stage's command line (exit code)."""
    args = list(sys.argv[1:] if argv is None else argv)
    names = stage_module_names()
    if not args or args[0] not in names:
        print(f"usage: python -m interview_ai_lab.stage_cli {{{','.join(names)}}} [--help | flags]", file=sys.stderr)
        return 2
    return stage_main(args[0], args[1:])


if __name__ == "__main__":
    sys.exit(main())
