"""Where the package's own files are: its data folder and, when it runs from a checkout, the checkout.

The package carries its data (lexicons, rubric templates, shared catalogues, the report's
JSON Schema, the report viewer, fallback models) in ``interview_ai_lab/data/``: it works the
same installed with ``pip install .`` and from a checkout.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

#: The package's data folder (package data: present in a wheel as in a checkout).
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def data_path(*parts: str) -> Path:
    """A file of the package's data folder (``data_path("lexicon_en.json")``)."""
    return DATA_DIR.joinpath(*parts)


@functools.cache
def checkout_root() -> Path | None:
    """The source checkout the package runs from (an editable install), or None when installed.

    A checkout is the folder above the package holding this project's ``pyproject.toml``.
    """
    root = Path(__file__).resolve().parents[2]
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, ValueError):
        return None
    return root if project.get("name") == "interview-ai-lab" else None


def package_version() -> str:
    """The project's version, declared once in ``pyproject.toml`` (read from the installed metadata)."""
    from importlib import metadata

    try:
        return metadata.version("interview-ai-lab")
    except metadata.PackageNotFoundError:  # a checkout used without `pip install -e .`
        return "0+unknown"


def working_root() -> Path:
    """The folder that holds ``models/`` and ``outputs/``: the checkout, else the current folder."""
    return checkout_root() or Path.cwd()
