"""An artefact's ``_meta``: what made it (stage, version, options, input fingerprints), and whether it is fresh.

A stage's JSON artefact carries ``_meta``; the runner skips a stage whose artefact was made by
the same stage version, options and inputs (:func:`is_fresh`), and writes a new one atomically
(:func:`write_artifact`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from interview_ai_lab.runtime.atomic import read_json, write_json_atomic

logger = logging.getLogger(__name__)

#: Files smaller than this are fingerprinted by content (SHA-256), larger ones by size + mtime.
_HASH_LIMIT_BYTES = 8 * 1024 * 1024


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
