"""Failure reasons as stable codes, and their English sentence without internal names.

A failed analysis stores its full reason (``Interview.error``, also in the server log);
the API shows ``error_code`` + ``error_params`` (translated by the front end's catalogue,
``failure.<code>``) and :func:`public_message`, the same sentence with every server path,
temporary upload name and UUID file name replaced by plain words. Nothing internal reaches
a user; the details stay on the server.

    >>> failure_code("the analysis took longer than the time limit (900 s) and was stopped")
    ('time_limit', {'seconds': 900})
    >>> public_message("9b2f3c1e-4a5b-4c6d-8e9f-0a1b2c3d4e5f.mp4 is not a readable video (moov atom not found)")
    'the video file is not a readable video (moov atom not found)'
"""

from __future__ import annotations

import re
from typing import Any

_UUID = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
#: (pattern, replacement), applied in order: temporary uploads, absolute paths, UUID names.
_SCRUB: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:/[^\s/'\"():;,]+)*/?ial-upload-[^\s'\"():;,]*"), "the uploaded file"),
    (re.compile(r"(?:/[^\s/'\"():;,]+)*/?tmp[A-Za-z0-9_]+\.upload(?:\.[A-Za-z0-9]+)?"), "the uploaded file"),
    (re.compile(r"(?:[A-Za-z]:\\|/)(?:[^\s/\\'\"():;,]+[/\\])*[^\s/\\'\"():;,]*" + _UUID + r"[^\s'\"():;,]*"), "the video file"),
    (re.compile(r"(?<![\w/])/(?:[^\s/'\"():;,]+/)+[^\s/'\"():;,]*"), "a server file"),
    (re.compile(r"\b" + _UUID + r"(?:\.[A-Za-z0-9]+)?\b"), "the video file"),
]


def public_message(text: str | None) -> str:
    """``text`` with server paths, temporary upload names and UUID file names replaced by words."""
    out = text or ""
    for pattern, words in _SCRUB:
        out = pattern.sub(words, out)
    return out


#: (code, pattern with the named groups that become params), first match wins.
_CODES: list[tuple[str, re.Pattern[str]]] = [
    ("time_limit", re.compile(r"longer than the time limit \((?P<seconds>\d+) s\)")),
    ("interrupted", re.compile(r"interrupted (?P<attempts>\d+) times")),
    ("killed", re.compile(r"process was killed by|out of memory")),
    ("queue_unavailable", re.compile(r"could not be queued|broker unreachable")),
    ("report_unreadable", re.compile(r"unreadable report|does not match report\.schema")),
    ("video_missing", re.compile(r"video file is missing|video not found")),
    ("video_truncated", re.compile(r"truncated or corrupt|no readable duration")),
    ("no_streams", re.compile(r"neither a video nor an audio stream")),
    ("not_a_video", re.compile(r"not a readable (?:video|audio)|cannot read|is empty \(0 bytes\)|is a folder|"
                               r"(?:could not|failed to) decode")),
    ("dependency_missing", re.compile(r"is not installed|pip install|not found on PATH|needs ffmpeg")),
    ("model_missing", re.compile(r"model.*(?:not found|could not be (?:found|loaded)|cannot load|could not load)|"
                                 r"(?:cannot|could not) load the .*model", re.IGNORECASE)),
    ("internal_error", re.compile(r"internal error")),
]


def failure_code(text: str | None) -> tuple[str, dict[str, Any]]:
    """The stable code of a stored failure reason, with its parameters (``("", {})`` when there is none)."""
    if not text:
        return "", {}
    for code, pattern in _CODES:
        m = pattern.search(text)
        if m:
            return code, {k: int(v) if v.isdigit() else v for k, v in m.groupdict().items() if v is not None}
    return "failed", {}
