"""docs/openapi.json is the OpenAPI schema the web app serves, and it is up to date.

The front end's API types are generated from it (``frontend/src/app/api.generated.ts``, ``npm run types:api``;
``frontend/src/app/api-types.test.ts`` fails when they drift from it), so a change to a serializer or a view's
schema annotation must regenerate both:

    cd web && ../.venv/bin/python manage.py spectacular --format openapi-json --file ../docs/openapi.json
    cd frontend && npm run types:api
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management import call_command

from .conftest import REPO_ROOT

OPENAPI_JSON = REPO_ROOT / "docs" / "openapi.json"
REGENERATE = "cd web && ../.venv/bin/python manage.py spectacular --format openapi-json --file ../docs/openapi.json"


def _generated(tmp_path: Path) -> str:
    out = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    return out.read_text(encoding="utf-8")


def test_docs_openapi_json_is_the_schema_the_app_serves(tmp_path: Path) -> None:
    assert OPENAPI_JSON.is_file(), f"docs/openapi.json is missing: run `{REGENERATE}`"
    assert OPENAPI_JSON.read_text(encoding="utf-8") == _generated(tmp_path), (
        f"docs/openapi.json is stale: run `{REGENERATE}`, then `cd frontend && npm run types:api`, and commit both")


def test_the_schema_declares_what_the_front_end_reads() -> None:
    schemas = json.loads(OPENAPI_JSON.read_text(encoding="utf-8"))["components"]["schemas"]
    # JSON fields with their real shape (not "any object"): a rubric, a report's scores, a question's row
    assert schemas["RubricVersion"]["properties"]["rubric"]["allOf"] == [{"$ref": "#/components/schemas/Rubric"}]
    assert {"verbal", "paraverbal", "nonverbal", "total", "measured", "incomplete"} <= set(
        schemas["ReportScores"]["properties"])
    assert set(schemas["QuestionRubricRow"]["required"]) >= {"index", "text", "rubric", "rubric_version"}
    # a position's answer always holds every field (its write-optional fields too)
    assert set(schemas["Position"]["required"]) == set(schemas["Position"]["properties"])
    # a system-made rubric version has no author
    assert schemas["RubricVersion"]["properties"]["created_by"].get("nullable") is True
