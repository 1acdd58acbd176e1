"""The project's small exception hierarchy.

Every error a user can cause or fix is an :class:`AnalysisError`; the CLI turns it
into one readable line on stderr and a non-zero exit code (no traceback unless
``--debug``).
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every expected failure of the analysis."""

    exit_code: int = 1


class InputError(AnalysisError):
    """The input (video file, output folder, options) is unusable."""

    exit_code = 2


class StageError(AnalysisError):
    """A stage failed while running (an external tool or library failed)."""

    exit_code = 3


class ModelNotFoundError(AnalysisError):
    """A model could not be found locally nor downloaded."""

    exit_code = 4


class DependencyError(AnalysisError):
    """A Python package or system tool needed by a stage is missing."""

    exit_code = 5


def missing_dependency(package: str, *, pip_name: str | None = None, purpose: str = "") -> DependencyError:
    """Build a :class:`DependencyError` that says what to install.

    Args:
        package: The import name that failed.
        pip_name: The name to ``pip install`` (defaults to ``package``).
        purpose: What the package is needed for, shown to the user.
    """
    what = f" (needed for {purpose})" if purpose else ""
    return DependencyError(
        f"Python package '{package}' is not installed{what}; "
        f"install it with: pip install {pip_name or package}  (or run the setup command from the README)"
    )
