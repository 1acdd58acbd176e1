#!/usr/bin/env python3
"""Regenerate the hashed locks from their inputs, with uv (``uv pip compile``).

    .venv/bin/python scripts/lock_requirements.py              # after a change of pyproject.toml's dependencies
    .venv/bin/python scripts/lock_requirements.py --upgrade    # the newest releases the ranges allow
    .venv/bin/python scripts/lock_requirements.py --upgrade-package django

Writes:

* ``requirements.txt`` — every extra of ``pyproject.toml`` (the setup installs them all), plus what torch's CPU
  build requires (``requirements-torch.txt``), but not torch itself: one universal lock (Python 3.11-3.13, every
  platform, markers where they differ), each release with the sha256 of all its files.
* ``requirements-nodeps.txt`` — ``requirements-nodeps.in`` with hashes, without their requirements.

Pins already in a lock are kept unless a range rules them out (``--upgrade`` lifts them all). The setup
installs both files with ``pip --require-hashes`` (``scripts/setup_env.py``). uv comes from PyPI (the ``test``
extra puts it in ``.venv``; elsewhere: ``pip install uv``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"
NODEPS_IN = ROOT / "requirements-nodeps.in"
NODEPS_LOCK = ROOT / "requirements-nodeps.txt"
TORCH = ROOT / "requirements-torch.txt"
#: The lock's lowest Python (``requires-python`` caps the highest); the resolution covers every platform.
PYTHON = "3.11"
COMMAND = "python scripts/lock_requirements.py"


def find_uv() -> str:
    """The uv executable: the one installed in this interpreter's environment (PyPI ``uv``), else uv on PATH.

    Raises:
        SystemExit: uv is not installed.
    """
    try:
        from uv import find_uv_bin
    except ImportError:
        found = shutil.which("uv")
        if found:
            return found
        raise SystemExit(f"uv is not installed: {sys.executable} -m pip install uv (or rerun the setup)") from None
    return find_uv_bin()


def compile_commands(uv: str, excludes: Path, *, upgrade: bool, upgrade_packages: Sequence[str]) -> list[list[str]]:
    """The two ``uv pip compile`` commands, the main lock first."""
    common = ["--universal", "--python-version", PYTHON, "--generate-hashes", "--custom-compile-command", COMMAND,
              "--quiet"]
    if upgrade:
        common.append("--upgrade")
    for name in upgrade_packages:
        common += ["--upgrade-package", name]
    main = [uv, "pip", "compile", "pyproject.toml", TORCH.name, "--all-extras", "--excludes", str(excludes),
            "--output-file", LOCK.name, *common]
    nodeps = [uv, "pip", "compile", NODEPS_IN.name, "--no-deps", "--output-file", NODEPS_LOCK.name, *common]
    return [main, nodeps]


def main(argv: Sequence[str] | None = None) -> int:
    """Compile both locks with uv; return 0, or uv's exit code when it fails."""
    p = argparse.ArgumentParser(prog="lock_requirements.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--upgrade", action="store_true", help="take the newest releases the ranges allow (default: keep pins)")
    p.add_argument("--upgrade-package", action="append", default=[], metavar="NAME",
                   help="take the newest release of this package only (repeatable)")
    args = p.parse_args(argv)
    uv = find_uv()
    with tempfile.TemporaryDirectory() as tmp:
        excludes = Path(tmp) / "excludes.txt"
        excludes.write_text("torch\n", encoding="utf-8")  # installed apart, from a CPU source (requirements-torch.txt)
        for cmd in compile_commands(uv, excludes, upgrade=args.upgrade, upgrade_packages=args.upgrade_package):
            print("$", " ".join(cmd), flush=True)
            done = subprocess.run(cmd, cwd=ROOT)
            if done.returncode != 0:
                print(f"uv failed (exit code {done.returncode}): see its message above", file=sys.stderr)
                return done.returncode
    print(f"wrote {LOCK.name} and {NODEPS_LOCK.name}; install them with: bash scripts/setup.sh")
    return 0


if __name__ == "__main__":
    sys.exit(main())
