"""The stage contract: one :class:`Stage` definition per stage module, the context it runs in, artefact metadata.

A stage module in ``scripts/`` exports ONE definition::

    STAGE = Stage(name="gaze_nods", version="2", inputs=(FACES,), output="gaze.json",
                  options=Options, run=run, weight=3)

where ``Options`` is a typed dataclass (its "Attributes:" docstring becomes the ``--help``)
and ``run`` only computes: it returns the artefact's payload (a dict); the runner
(:mod:`scripts.core.runtime.runner`) requires the inputs, fingerprints them, skips an
unchanged stage, times it and writes the artefact atomically with its ``_meta``. What
freshness needs besides the options and the input files is declared too (``fingerprint``,
``input_files``, ``uses_video``). This module holds:

* :class:`Stage` — the definition;
* :class:`Context` — the video, the output folder and the run-wide settings;
* :class:`RunRecord` — what the runner records for the merge (stage wall times, device choice, options);
* :func:`make_meta` / :func:`is_fresh` / :func:`write_artifact` — an artefact's ``_meta``;
* :func:`add_options_arguments` / :func:`options_from_args` — argparse from an ``Options``
  dataclass, so ``python scripts/<stage>.py --help`` documents every field, its default once.
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
import threading
import time
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from scripts.core.runtime.atomic import read_json, write_json_atomic
from scripts.core.runtime.errors import AnalysisError, InputError

logger = logging.getLogger(__name__)

#: Files smaller than this are fingerprinted by content (SHA-256), larger ones by size + mtime.
_HASH_LIMIT_BYTES = 8 * 1024 * 1024

#: What a stage's ``run`` returns: the artefact's content, without ``_meta``.
Payload = dict[str, Any]


class ProgressHook(Protocol):
    """``hook(stage, completed, total)``: progress of one stage (units are the stage's own).

    The runner sends ``(stage, 0, 1)`` when a stage starts and ``(stage, 1, 1)`` when it
    ends; a stage may send its own steps in between (seconds of audio, frames…).
    """

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
class RunRecord:
    """What the runner records about one analysis; the merge puts it in ``report.json`` ``meta``.

    Attributes:
        stage_seconds: Wall time of every stage run (skipped ones included), seconds.
        device_choice: The compute device chosen for the run
            (:meth:`scripts.core.runtime.device.DeviceChoice.as_dict`), None when not chosen.
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
    """

    video: Path
    outdir: Path
    threads: int = field(default_factory=default_threads)
    device: str = "cpu"
    force: bool = False
    mode: str = "coaching"
    hook: ProgressHook = _no_progress
    record: RunRecord = field(default_factory=RunRecord)

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

    @property
    def reads(self) -> tuple[str, ...]:
        """Every artefact the stage may read: required, optional and ordering-only inputs."""
        return self.inputs + self.optional_inputs + self.after

    def __call__(self, ctx: Context, opts: Any = None) -> Path:
        """Run the stage through the runner (inputs, freshness, timing, atomic write); the artefact's path."""
        from scripts.core.runtime.runner import run_stage

        return run_stage(self, ctx, self.options() if opts is None else opts)

    def main(self, argv: Sequence[str] | None = None) -> int:
        """The stage's command line (``python scripts/<name>.py --help``); returns the exit code."""
        return cli_main(self, argv)


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
        "options_hash": options_hash({"opts": dataclasses.asdict(opts) if dataclasses.is_dataclass(opts) else opts,
                                      "extra": extra}),
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


def write_artifact(path: Path, payload: Mapping[str, Any], meta: dict[str, Any], *,
                   seconds: float | None = None) -> Path:
    """Write ``payload`` with its ``_meta`` (plus wall time in seconds) atomically."""
    meta = dict(meta)
    if seconds is not None:
        meta["seconds"] = round(float(seconds), 3)
    meta["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    return write_json_atomic(path, {**payload, "_meta": meta})


def skip_message(stage: str) -> None:
    """Log the standard message for a stage that did not change."""
    logger.info("Stage '%s' didn't change, skipping", stage)


# --------------------------------------------------------------------------- CLI


class _Toggle(argparse.Action):
    """``--name`` / ``--no-name`` for a boolean option (the help says what the default does, once)."""

    def __init__(self, option_strings: Sequence[str], dest: str, default: Any = None, help: str | None = None,
                 **kwargs: Any) -> None:
        names = []
        for s in option_strings:
            names.append(s)
            if s.startswith("--"):
                names.append("--no-" + s[2:])
        super().__init__(names, dest, nargs=0, default=default, help=help, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        setattr(namespace, self.dest, not (option_string or "").startswith("--no-"))

    def format_usage(self) -> str:
        """``--name | --no-name`` in the usage line."""
        return " | ".join(self.option_strings)


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
        hook=hook or _no_progress,
    )


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


def _field_default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return f.default_factory()  # type: ignore[misc]
    return None


def option_help(doc: str, default: Any, *, flag: str, is_bool: bool) -> str:
    """The help of one option: its documentation and its default, said once and truly.

    A None default is not shown (the documentation says what happens then), nor one the
    documentation already states; a boolean's default says what it does
    (``on by default; --no-x turns it off``).
    """
    text = doc.strip().replace("%", "%%")
    if re.search(r"by default|default:", text, re.IGNORECASE):  # the documentation says it already
        return text
    if is_bool:
        tail = (f"on by default; --no-{flag[2:]} turns it off" if default else f"off by default; {flag} turns it on")
    elif default is None:
        return text
    else:
        shown = ",".join(map(str, default)) if isinstance(default, (list, tuple)) else str(default)
        tail = f"default: {shown}".replace("%", "%%") if shown != "" else "default: none"
    return f"{text} ({tail})" if text else f"({tail})"


def add_options_arguments(parser: argparse.ArgumentParser | Any, cls: type, *, skip: Sequence[str] = ()) -> None:
    """Add one ``--flag`` per field of the ``Options`` dataclass ``cls``.

    Booleans become ``--name`` / ``--no-name``; ``Optional`` fields accept a value
    or are left unset; help text comes from the ``Attributes:`` docstring, with the
    default shown once.
    """
    docs = _field_docs(cls)
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        flag = "--" + f.name.replace("_", "-")
        default = _field_default(f)
        typ = hints.get(f.name, str)
        args = typing.get_args(typ)
        base = next((a for a in args if a is not type(None)), typ) if args else typ
        help_text = option_help(docs.get(f.name, ""), default, flag=flag, is_bool=base is bool)
        if base is bool:
            parser.add_argument(flag, dest=f.name, action=_Toggle, default=default, help=help_text)
        elif typing.get_origin(base) in (list, tuple):
            item = (typing.get_args(base) or (str,))[0]
            parser.add_argument(flag, dest=f.name, type=item, nargs="*", default=default, help=help_text)
        else:
            conv: Callable[[str], Any] = base if base in (int, float, str) else str
            if base is Path:
                conv = Path
            parser.add_argument(flag, dest=f.name, type=conv, default=default, help=help_text)


def options_from_args(cls: type, args: argparse.Namespace | Mapping[str, Any]) -> Any:
    """Build an ``Options`` instance from parsed arguments or a mapping (fields absent there keep their default)."""
    values = args if isinstance(args, Mapping) else vars(args)
    kwargs = {f.name: values[f.name] for f in dataclasses.fields(cls) if f.name in values}
    return cls(**kwargs)


def setup_logging(*, debug: bool = False, quiet: bool = False) -> None:
    """Configure the root logger for a command-line entry point (not for library use)."""
    level = logging.DEBUG if debug else (logging.WARNING if quiet else logging.INFO)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s" if debug else "%(message)s",
                        stream=sys.stderr, force=True)
    for noisy in ("faster_whisper", "httpx", "urllib3", "huggingface_hub", "filelock", "numba", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)


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


def cli_main(stage: Stage, argv: Sequence[str] | None = None) -> int:
    """Shared ``main()`` of a stage: parse, build context and options, run through the runner, report.

    Returns the process exit code: 0 on success, the error's code on an
    :class:`AnalysisError` (one readable line on stderr, traceback only with ``--debug``).
    """
    args = build_stage_parser(stage).parse_args(argv)
    setup_logging(debug=args.debug)
    return run_cli(lambda: stage(context_from_args(args), options_from_args(stage.options, args)), debug=args.debug)


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
