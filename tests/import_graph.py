"""The import graph of an installed package, for the tests that keep it free of cycles.

Built with ``grimp`` (the graph behind import-linter): every ``import`` statement counts,
function-level and lazy ones included (``if TYPE_CHECKING:`` blocks too, unless asked not to).

    graph = package_graph("interview_ai_lab")
    assert import_cycles(graph) == []
"""

from __future__ import annotations

import grimp


def package_graph(*packages: str, exclude_type_checking_imports: bool = False) -> grimp.ImportGraph:
    """The import graph of ``packages`` (importable names), without external packages."""
    return grimp.build_graph(*packages, cache_dir=None, exclude_type_checking_imports=exclude_type_checking_imports)


def import_cycles(graph: grimp.ImportGraph, *, within: str | None = None) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others, each sorted, largest first.

    These are Tarjan's strongly connected components of size > 1, plus modules that import themselves.

    Args:
        graph: From :func:`package_graph`.
        within: Only the modules of this package (``interview_ai_lab.stages``), None for the whole graph.
    """
    modules = sorted(m for m in graph.modules if within is None or m == within or m.startswith(within + "."))
    wanted = set(modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    for root in modules:  # iterative Tarjan: deep graphs do not reach the recursion limit
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root) & wanted)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child) & wanted))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or graph.direct_import_exists(importer=node, imported=node):
                    cycles.append(sorted(group))
    return sorted(cycles, key=lambda g: (-len(g), g))


def describe_cycle(graph: grimp.ImportGraph, cycle: list[str]) -> str:
    """The imports that close ``cycle``, one ``importer -> imported (l.N)`` a line, for a failure message."""
    members = set(cycle)
    lines = []
    for importer in cycle:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            details = graph.get_import_details(importer=importer, imported=imported)
            where = ", ".join(f"l.{d['line_number']}" for d in details)
            lines.append(f"  {importer} -> {imported} ({where})")
    return "\n".join(lines)


def cycle_paths(graph: grimp.ImportGraph, *, within: str | None = None) -> list[str]:
    """Every direct import ``a -> b`` with a chain of imports from ``b`` back to ``a``; [] when there is no cycle.

    Each is written as the whole loop (``a -> b -> … -> a``); the loops are sorted.

    Args:
        graph: From :func:`package_graph`.
        within: Only the imports between modules of this package, None for the whole graph.
    """
    modules = sorted(m for m in graph.modules if within is None or m == within or m.startswith(within + "."))
    wanted = set(modules)
    paths = []
    for importer in modules:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & wanted):
            if imported == importer:
                paths.append(f"{importer} -> {importer}")
                continue
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                paths.append(" -> ".join((importer, *back)))
    return paths
