"""What every command-line entry point does around its work: logging to the terminal, one readable line per error.

:func:`setup_logging` configures the root logger (entry points only, never library code);
:func:`run_cli` turns an :class:`~interview_ai_lab.runtime.errors.AnalysisError` into one line
on stderr and the error's exit code.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from interview_ai_lab.runtime.errors import AnalysisError

logger = logging.getLogger(__name__)


def setup_logging(*, debug: bool = False, quiet: bool = False) -> None:
    """Configure the root logger for a command-line entry point (not for library use)."""
    level = logging.DEBUG if debug else (logging.WARNING if quiet else logging.INFO)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s" if debug else "%(message)s",
                        stream=sys.stderr, force=True)
    for noisy in ("faster_whisper", "httpx", "urllib3", "huggingface_hub", "filelock", "numba", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)



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
