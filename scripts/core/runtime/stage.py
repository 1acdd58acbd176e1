"""The stage contract: context, artefact metadata, skip-when-unchanged, CLI helpers.

Every stage module has ``Options`` (a dataclass), ``run(ctx, opts) -> Path`` and
``main(argv=None)``. This module holds what they share:

* :class:`Context` — the video, the output folder and the run-wide settings;
* :func:`make_meta` / :func:`is_fresh` — an artefact's ``_meta`` (stage, version,
  options hash, input fingerprints) so an unchanged stage is skipped on a rerun;
* :func:`write_artifact` — atomic JSON write with ``_meta``;
* :func:`build_parser` / :func:`options_from_args` — argparse from an ``Options``
  dataclass, so ``python scripts/<stage>.py --help`` documents every field.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import os
import re
import sys
import time
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from scripts.core.runtime.atomic import read_json, write_json_atomic
from scripts.core.runtime.errors import AnalysisError, InputError

logger = logging.getLogger(__name__)

#: Files smaller than this are fingerprinted by content (SHA-256), larger ones by size + mtime.
_HASH_LIMIT_BYTES = 8 * 1024 * 1024


class ProgressHook(Protocol):
    """``hook(stage, completed, total)``: progress of one stage (units are the stage's own)."""

    def __call__(self, stage: str, completed: float, total: float) -> None: ...


def _no_progress(stage: str, completed: float, total: float) -> None:
    """Default hook: ignore progress."""


def default_threads() -> int:
    """Number of CPU threads to use by default: ``OMP_NUM_THREADS`` if set, else all cores."""
    env = os.environ.get("OMP_NUM_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, os.cpu_count() or 1)


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
    """

    video: Path
    outdir: Path
    threads: int = field(default_factory=default_threads)
    device: str = "cpu"
    force: bool = False
    mode: str = "coaching"
    hook: ProgressHook = _no_progress

    def path(self, name: str) -> Path:
        """Path of the artefact ``name`` inside the output folder."""
        return Path(self.outdir) / name


def add_context_arguments(parser: argparse.ArgumentParser, *, video_required: bool = True) -> None:
    """Add the arguments that build a :class:`Context` to a stage's parser."""
    parser.add_argument("--video", type=Path, required=video_required, help="input video file")
    parser.add_argument("--outdir", type=Path, required=True, help="output folder of the analysis (artefacts are read from and written to it)")
    parser.add_argument("--threads", type=int, default=default_threads(), help="CPU threads to use (default: %(default)s)")
    parser.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu", help="compute device (default: %(default)s)")
    parser.add_argument("--mode", choices=["coaching", "recruitment"], default="coaching", help="analysis mode; recruitment never infers emotions (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="rerun even if the artefact is up to date")
    parser.add_argument("--debug", action="store_true", help="verbose logs and full tracebacks")


def context_from_args(args: argparse.Namespace, hook: ProgressHook | None = None) -> Context:
    """Build a :class:`Context` from parsed arguments."""
    outdir = Path(args.outdir)
    if outdir.exists() and not outdir.is_dir():
        raise InputError(f"--outdir {outdir} exists and is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    video = Path(args.video) if getattr(args, "video", None) else outdir / "video"
    return Context(
        video=video,
        outdir=outdir,
        threads=max(1, int(args.threads)),
        device=args.device,
        force=bool(args.force),
        mode=getattr(args, "mode", "coaching"),
        hook=hook or _no_progress,
    )


# --------------------------------------------------------------------------- meta


def fingerprint(path: Path) -> str:
    """A short fingerprint of a file: content hash when small, size + mtime when large."""
    path = Path(path)
    st = path.stat()
    if st.st_size <= _HASH_LIMIT_BYTES:
        h = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        return f"sha256:{h}"
    return f"stat:{st.st_size}:{st.st_mtime_ns}"


def options_hash(opts: Any) -> str:
    """Stable hash of an options dataclass (or any JSON-serialisable object)."""
    data = dataclasses.asdict(opts) if dataclasses.is_dataclass(opts) else opts
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_meta(stage: str, version: str, opts: Any, inputs: Sequence[Path], **extra: Any) -> dict[str, Any]:
    """The ``_meta`` block of an artefact.

    Args:
        stage: Stage name (e.g. ``"transcribe"``).
        version: The stage's algorithm version; bump it when the output changes.
        opts: The stage's options dataclass.
        inputs: Files the artefact depends on (their fingerprints decide freshness).
        extra: Anything else that should invalidate the artefact when it changes
            (e.g. the resolved model path, the mode).
    """
    return {
        "stage": stage,
        "version": version,
        "options_hash": options_hash({"opts": dataclasses.asdict(opts) if dataclasses.is_dataclass(opts) else opts, "extra": extra}),
        "inputs": {Path(p).name: fingerprint(p) for p in inputs if Path(p).exists()},
    }


def is_fresh(artifact: Path, meta: dict[str, Any], *, force: bool = False) -> bool:
    """True when ``artifact`` exists and was made by the same stage version, options and inputs."""
    if force or not Path(artifact).exists():
        return False
    try:
        old = read_json(artifact).get("_meta", {})
    except (OSError, ValueError, AttributeError):
        return False
    keys = ("stage", "version", "options_hash", "inputs")
    return all(old.get(k) == meta.get(k) for k in keys)


def write_artifact(path: Path, payload: dict[str, Any], meta: dict[str, Any], *, seconds: float | None = None) -> Path:
    """Write ``payload`` with its ``_meta`` (plus wall time in seconds) atomically."""
    meta = dict(meta)
    if seconds is not None:
        meta["seconds"] = round(float(seconds), 3)
    meta["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    return write_json_atomic(path, {**payload, "_meta": meta})


def skip_message(stage: str) -> None:
    """Log the standard message for a stage that did not change."""
    logger.info("Stage '%s' didn't change, skipping", stage)


def require_artifact(ctx: Context, name: str, producer: str) -> Path:
    """Return the path of an upstream artefact, or raise a clear error if absent."""
    path = ctx.path(name)
    if not path.exists():
        raise InputError(f"{path} is missing: run the '{producer}' stage first (or run_all.py)")
    return path


# --------------------------------------------------------------------------- CLI


def _field_docs(cls: type) -> dict[str, str]:
    """Parse the ``Attributes:`` section of a dataclass docstring into ``{name: text}``."""
    doc = cls.__doc__ or ""
    docs: dict[str, str] = {}
    if "Attributes:" not in doc:
        return docs
    body = doc.split("Attributes:", 1)[1]
    current = None
    for line in body.splitlines():
        m = re.match(r"^\s{4,8}(\w+):\s*(.*)$", line)
        if m:
            current = m.group(1)
            docs[current] = m.group(2).strip()
        elif current and line.strip():
            docs[current] += " " + line.strip()
        elif not line.strip() and current:
            current = None
    return docs


def add_options_arguments(parser: argparse.ArgumentParser, cls: type, *, skip: Sequence[str] = ()) -> None:
    """Add one ``--flag`` per field of the ``Options`` dataclass ``cls``.

    Booleans become ``--name`` / ``--no-name``; ``Optional`` fields accept a value
    or are left unset; help text comes from the ``Attributes:`` docstring.
    """
    docs = _field_docs(cls)
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        flag = "--" + f.name.replace("_", "-")
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else None  # type: ignore[misc]
        )
        help_text = (docs.get(f.name, "") + " (default: %(default)s)").strip()
        typ = hints.get(f.name, str)
        args = typing.get_args(typ)
        base = next((a for a in args if a is not type(None)), typ) if args else typ
        if base is bool:
            parser.add_argument(flag, dest=f.name, action=argparse.BooleanOptionalAction, default=default, help=help_text)
        elif typing.get_origin(base) in (list, tuple):
            item = (typing.get_args(base) or (str,))[0]
            parser.add_argument(flag, dest=f.name, type=item, nargs="*", default=default, help=help_text)
        else:
            conv = base if base in (int, float, str) else str
            if base is Path:
                conv = Path
            parser.add_argument(flag, dest=f.name, type=conv, default=default, help=help_text)


def options_from_args(cls: type, args: argparse.Namespace) -> Any:
    """Build an ``Options`` instance from the parsed arguments (unknown fields ignored)."""
    kwargs = {f.name: getattr(args, f.name) for f in dataclasses.fields(cls) if hasattr(args, f.name)}
    return cls(**kwargs)


def setup_logging(*, debug: bool = False, quiet: bool = False) -> None:
    """Configure the root logger for a command-line entry point (not for library use)."""
    level = logging.DEBUG if debug else (logging.WARNING if quiet else logging.INFO)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s" if debug else "%(message)s", stream=sys.stderr, force=True)
    for noisy in ("faster_whisper", "httpx", "urllib3", "huggingface_hub", "filelock", "numba", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)


def cli_main(description: str, options_cls: type, run: Callable[[Context, Any], Path], argv: Sequence[str] | None = None,
             *, video_required: bool = False) -> int:
    """Shared ``main()`` of a stage: parse, build context and options, run, report.

    Returns the process exit code: 0 on success, the error's code on an
    :class:`AnalysisError` (one readable line on stderr, traceback only with ``--debug``).
    """
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add_context_arguments(parser, video_required=video_required)
    add_options_arguments(parser, options_cls)
    args = parser.parse_args(argv)
    setup_logging(debug=args.debug)
    return run_cli(lambda: run(context_from_args(args), options_from_args(options_cls, args)), debug=args.debug)


def run_cli(action: Callable[[], Path | int], *, debug: bool) -> int:
    """Run a command-line action and return the process exit code.

    A path returned by ``action`` is printed (the last stdout line) and gives 0; an
    int is returned as is. An :class:`AnalysisError` becomes one readable line on
    stderr and its exit code (the traceback is logged only with ``debug``).
    """
    try:
        result = action()
    except AnalysisError as e:
        if debug:
            logger.exception("failed")
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    if isinstance(result, int):
        return result
    print(result)
    return 0
