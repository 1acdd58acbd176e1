"""Atomic file writes: a temp file in the same folder, then ``os.replace``.

A reader never sees a half-written artefact, and an interrupted run leaves the
previous artefact (or nothing) in place.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``final``; move it onto ``final`` on success.

    The temp file keeps ``final``'s suffix (so tools such as ffmpeg that infer a
    format from the extension still work). On an exception the temp file is removed
    and ``final`` is left untouched.
    """
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=f".tmp{final.suffix}", dir=final.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.exists():
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions of a new file
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


def _read_umask() -> int:
    """The process umask (read once at import, before any worker thread starts)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return ``path``."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_json_atomic(path: Path, obj: Any, *, indent: int | None = 2) -> Path:
    """Serialise ``obj`` as UTF-8 JSON to ``path`` atomically and return ``path``."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent, default=_json_default)
    return write_text_atomic(path, text + "\n")


def read_json(path: Path) -> Any:
    """Read a UTF-8 JSON file."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _json_default(obj: Any) -> Any:
    """Make numpy scalars/arrays and paths JSON serialisable."""
    if isinstance(obj, Path):
        return str(obj)
    tolist = getattr(obj, "tolist", None)
    if callable(tolist):
        return tolist()
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
