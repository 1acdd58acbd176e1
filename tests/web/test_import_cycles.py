"""The web package imports in one direction: no import cycle in ``interview_ai_lab_web``.

For every import ``a -> b``, no chain of imports leads from ``b`` back to ``a``. Function-level imports count
(grimp reads every import statement).

Views import services, the Celery tasks import the job kinds, the job kinds register into
:mod:`interviews.jobs`; a failure names each loop, ``a -> b -> … -> a``.
"""

from __future__ import annotations

import grimp

from tests.import_graph import cycle_paths, package_graph

PACKAGE = "interview_ai_lab_web"


def test_no_import_cycle_in_the_web_package():
    graph = package_graph(PACKAGE)
    loops = cycle_paths(graph)
    assert loops == [], "import cycles in the web package (an import, then the chain back):\n" + "\n".join(loops)


def test_the_graph_reads_the_whole_app_with_its_function_level_imports():
    """The check above sees every module of the app, and the imports made inside functions."""
    graph = package_graph(PACKAGE)
    app = f"{PACKAGE}.interviews"
    for module in ("views.interviews", "serializers", "uploads", "jobs", "analysis", "blur", "tasks"):
        assert f"{app}.{module}" in graph.modules
    # serializers imports uploads inside InterviewCreateSerializer.validate_video only
    assert graph.direct_import_exists(importer=f"{app}.serializers", imported=f"{app}.uploads")
    assert graph.direct_import_exists(importer=f"{app}.tasks", imported=f"{app}.analysis")


def test_a_cycle_is_reported_as_its_loop():
    graph = grimp.ImportGraph()
    for importer, imported in (("p.jobs", "p.analysis"), ("p.analysis", "p.tasks"), ("p.tasks", "p.jobs"),
                               ("p.views", "p.jobs"), ("p.self", "p.self")):
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    assert cycle_paths(graph) == ["p.analysis -> p.tasks -> p.jobs -> p.analysis",
                                  "p.jobs -> p.analysis -> p.tasks -> p.jobs", "p.self -> p.self",
                                  "p.tasks -> p.jobs -> p.analysis -> p.tasks"]
    assert cycle_paths(graph, within="p.views") == []
