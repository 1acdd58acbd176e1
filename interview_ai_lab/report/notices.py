"""Warnings as codes with parameters, so every reader sees them in their own language.

A stage puts :func:`notice` dicts in the ``warnings`` list of its artefact. The report
keeps two views of them: ``notices`` (the structured list: ``code``, ``params``, the
English ``message``, and optional ``technical`` details for administrators: model
names, environment variables) and ``warnings`` (the English messages alone, for the
command line and older readers). The web front end translates ``code`` with
``params`` from its catalogue and shows ``technical`` only in a collapsed section.

    >>> notice("no_audio_track", "The video has no audio track: speech and text were not analysed.")
    {'code': 'no_audio_track', 'params': {}, 'message': 'The video has no audio track: speech and text were not analysed.'}
"""

from __future__ import annotations

import json
from typing import Any

Notice = dict[str, Any]

#: Code of a warning that a stage still writes as a bare English string.
UNCODED = "message"


def notice(code: str, message: str, *, technical: str | None = None, **params: Any) -> Notice:
    """One warning: a stable ``code``, its ``params`` (numbers, times, names), the English text.

    Args:
        code: Stable identifier, ``snake_case``, the key the UI translates (``speech_coverage_low``).
        message: The English sentence, for the CLI and the HTML report; no model names or
            environment variables in it (those go to ``technical``).
        technical: Details for administrators (model names, variables to set, file names).
        **params: Values the translated sentence needs (JSON-serialisable).
    """
    out: Notice = {"code": code, "params": dict(params), "message": message}
    if technical:
        out["technical"] = technical
    return out


def as_notice(item: Notice | str) -> Notice:
    """A notice from an artefact's ``warnings`` entry (a notice dict, or a bare English string)."""
    if isinstance(item, str):
        return notice(UNCODED, item)
    out = dict(item)
    out.setdefault("params", {})
    out.setdefault("message", out.get("code", ""))
    return out


def merge_notices(lists: list[list[Notice | str]]) -> list[Notice]:
    """All notices of the stages, in order, each (code, params, message) once."""
    seen: set[str] = set()
    merged: list[Notice] = []
    for items in lists:
        for item in items or []:
            n = as_notice(item)
            key = json.dumps([n["code"], n["params"], n["message"]], sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                merged.append(n)
    return merged
