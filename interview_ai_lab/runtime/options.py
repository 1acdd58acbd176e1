"""Command-line flags from a stage's ``Options`` dataclass: one ``--flag`` per field, its help from the docstring.

``python scripts/<stage>.py --help`` and ``run_all.py --help`` document every option this way,
each default said once and truly (:func:`option_help`).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any


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
