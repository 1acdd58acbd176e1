"""The library's import contracts: its layers (``[tool.importlinter]`` in pyproject.toml) and no import cycle.

Layers, lowest first: runtime -> media -> speech | text | vision -> report -> stages -> registry -> runner ->
pipeline -> api -> tools -> cli | stage_cli -> __main__. A module imports only from its own layer's package and
the layers below; function-level imports count.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import grimp

from tests.import_graph import describe_cycle, import_cycles, package_graph

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(config: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """import-linter in a process of its own: it configures logging, which disables the loggers of this one."""
    return subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
                           f"sys.exit(lint_imports(config_filename={config!r}, no_cache=True, no_logo=True))"],
                          cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def test_the_import_contracts_of_pyproject_are_kept():
    out = _lint_imports(str(ROOT / "pyproject.toml"), ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout


def test_no_import_cycle_in_the_package():
    graph = package_graph("interview_ai_lab")
    cycles = import_cycles(graph)
    assert cycles == [], "import cycles:\n" + "\n\n".join(describe_cycle(graph, c) for c in cycles)


def test_the_cycle_finder_finds_long_and_self_cycles():
    graph = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d"), ("p.e", "p.e")):
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert import_cycles(graph) == [["p.a", "p.b", "p.c"], ["p.e"]]
    assert import_cycles(graph, within="p.d") == []


def test_a_function_level_import_against_the_layers_breaks_the_contract(tmp_path):
    """The contracts' wiring: a lazy import from a lower layer up is a broken contract (exit code 1)."""
    pkg = tmp_path / "layered"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "low.py").write_text("def f():\n    from layered import high\n    return high\n")
    (pkg / "high.py").write_text("from layered import low\n")
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.importlinter]
        root_packages = ["layered"]

        [[tool.importlinter.contracts]]
        name = "layered"
        type = "layers"
        containers = ["layered"]
        layers = ["high", "low"]
        """))
    out = _lint_imports("pyproject.toml", tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert out.returncode == 1, out.stdout + out.stderr
    assert "layered.low is not allowed to import layered.high" in out.stdout
