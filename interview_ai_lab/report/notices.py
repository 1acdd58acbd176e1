"""Warnings as codes with parameters, so every reader sees them in their own language.

A stage puts :func:`notice` dicts in the ``warnings`` list of its artefact. The report
keeps two views of them: ``notices`` (the structured list: ``code``, ``params``, the
English ``message``, and optional ``technical`` details for administrators: model
names, environment variables) and ``warnings`` (the English messages alone, for the
command line and older readers). The web front end translates ``code`` with
``params`` and shows ``technical`` only in a collapsed section.

Every sentence is written once, in English and French, in
``interview_ai_lab/data/catalogue/notices.json``: :func:`notice` takes its English ``message``
from there, and the front end its French (and English) one.

    >>> notice("no_audio_track")
    {'code': 'no_audio_track', 'params': {}, 'message': 'The video has no audio track: speech and text were not analysed.'}
    >>> notice_message("boundaries_short_pause", seconds=0.3)
    'Some answers were split at pauses shorter than 0.3 s: the boundaries may be wrong.'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from interview_ai_lab.runtime.catalogue import entry, fill, text

Notice = dict[str, Any]

#: Code of a warning that a stage still writes as a bare English string.
UNCODED = "message"


def notice_message(code: str, lang: str = "en", **values: Any) -> str:
    """The sentence of notice ``code`` in ``lang``, filled with ``values``.

    A ``part`` value (``nonverbal``) is said as the part's name and a ``reason`` value
    (``no_face``) as the reason's words, in ``lang``, as the front end does.

    Raises:
        KeyError: ``code`` is not in ``notices.json``, or its sentence needs a value not given.
    """
    words = dict(values)
    if isinstance(words.get("part"), str) and words["part"] in entry("scoring", "parts"):
        words["part"] = text("scoring", "parts", words["part"], "name", lang=lang)
    if isinstance(words.get("reason"), str) and words["reason"] in entry("scoring", "reasons"):
        words["reason"] = text("scoring", "reasons", words["reason"], lang=lang)
    return fill(text("notices", "notices", code, lang=lang), **words)


def notice(code: str, message: str | None = None, *, technical: str | None = None,
           message_values: Mapping[str, Any] | None = None, **params: Any) -> Notice:
    """One warning: a stable ``code``, its ``params`` (numbers, times, names), the English text.

    Args:
        code: Stable identifier, ``snake_case``, a key of ``notices.json`` (``speech_coverage_low``).
        message: Leave it out: the English sentence comes from ``notices.json`` (a literal here is
            refused by ``tests/test_catalogue.py``). No model names or environment variables in a
            sentence (those go to ``technical``).
        technical: Details for administrators (model names, variables to set, file names).
        message_values: What else the English sentence needs that the notice does not keep in
            its params (listed under ``values`` in ``notices.json``).
        **params: Values the sentence and its translations need (JSON-serialisable).
    """
    if message is None:
        message = notice_message(code, **params, **dict(message_values or {}))
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
