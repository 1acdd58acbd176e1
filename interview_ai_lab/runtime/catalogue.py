"""The texts and numbers Python and the front end share, read from ``interview_ai_lab/data/catalogue/*.json``.

Each file holds, side by side, the English and the French of a text (``{"en": …, "fr": …}``)
or a shared number (the parts' default maximum points, the criteria's default weights). Python
writes the English into ``report.json``; the front end imports the same files and shows the
reader's language. A template fills ``{name}`` or ``{name:spec}`` (a Python format spec) with
``str.format``; the front end fills the same placeholders with numbers formatted for the reader.

    >>> fill(text("scoring", "not_measured_rule"), reason="no face detected")
    'not measured: no face detected'
    >>> placeholders("{count} word(s) at {ratio:.0%}")
    ['count', 'ratio']
"""

from __future__ import annotations

import functools
import json
import string
from collections.abc import Mapping
from typing import Any

from interview_ai_lab.runtime.resources import data_path

#: The languages of every text, the first one written into report.json.
LANGS: tuple[str, ...] = ("en", "fr")


@functools.cache
def catalogue(name: str) -> dict[str, Any]:
    """The catalogue file ``name`` (``notices``, ``scoring``, ``report_texts``, ``demographics``), parsed once."""
    return json.loads(data_path("catalogue", f"{name}.json").read_text(encoding="utf-8"))


def entry(name: str, *path: str) -> Any:
    """The node at ``path`` of catalogue ``name`` (``entry("scoring", "parts", "verbal", "max")``).

    Raises:
        KeyError: No such node (a code or key missing from the catalogue).
    """
    node: Any = catalogue(name)
    for key in path:
        node = node[key]
    return node


def text(name: str, *path: str, lang: str = "en") -> str:
    """The ``lang`` text at ``path`` of catalogue ``name`` (a template: see :func:`fill`)."""
    return str(entry(name, *path)[lang])


def fill(template: str, /, **values: Any) -> str:
    """``template`` with its ``{name}`` / ``{name:spec}`` placeholders filled from ``values`` (``str.format``)."""
    return template.format(**values)


def placeholders(template: str) -> list[str]:
    """The names of the placeholders of ``template``, in order (format specs left out)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def by_lang(node: Mapping[str, Any]) -> dict[str, str]:
    """The ``{lang: text}`` pairs of a catalogue node (other keys of the node left out)."""
    return {lang: str(node[lang]) for lang in LANGS}
