"""docs/api.md is the API reference generated from the OpenAPI schema, and it is up to date.

The schema is built in this process (drf-spectacular, the same one ``/api/schema/`` serves)
and rendered by ``manage.py export_api_reference``; the committed file must be exactly that
text. A stale or missing file makes ``--check`` exit 1 with the command that regenerates it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import REPO_ROOT

API_MD = REPO_ROOT / "docs" / "api.md"
REGENERATE = "python web/manage.py export_api_reference"


@pytest.fixture(scope="module")
def schema() -> dict:
    """The app's OpenAPI schema, built in-process."""
    from interview_ai_lab_web.interviews.management.commands.export_api_reference import build_schema

    return build_schema()


@pytest.fixture(scope="module")
def rendered(schema: dict) -> str:
    """What the command writes for the current schema."""
    from interview_ai_lab_web.interviews.management.commands.export_api_reference import render_reference

    return render_reference(schema)


def test_docs_api_md_is_up_to_date(rendered: str) -> None:
    assert API_MD.is_file(), f"docs/api.md is missing: run `{REGENERATE}`"
    committed = API_MD.read_text(encoding="utf-8")
    assert committed == rendered, f"docs/api.md is stale (the API changed): run `{REGENERATE}` and commit it"
    call_command("export_api_reference", "--check", verbosity=0)  # the command agrees


def test_check_fails_on_a_stale_or_missing_file(tmp_path: Path, rendered: str) -> None:
    stale = tmp_path / "api.md"
    stale.write_text(rendered.replace("### `POST /api/interviews/{id}/analyze/`", "### `POST /api/analyse/`"),
                     encoding="utf-8")
    with pytest.raises(CommandError, match="export_api_reference") as stale_error:
        call_command("export_api_reference", "--check", "--output", str(stale), verbosity=0)
    assert "stale" in str(stale_error.value) and stale_error.value.returncode == 1
    with pytest.raises(CommandError, match="missing"):
        call_command("export_api_reference", "--check", "--output", str(tmp_path / "absent.md"), verbosity=0)
    assert not (tmp_path / "absent.md").exists()  # --check writes nothing

    call_command("export_api_reference", "--output", str(stale), verbosity=0)  # regenerating fixes it
    assert stale.read_text(encoding="utf-8") == rendered
    call_command("export_api_reference", "--check", "--output", str(stale), verbosity=0)


def test_the_output_is_deterministic(schema: dict, rendered: str) -> None:
    from interview_ai_lab_web.interviews.management.commands.export_api_reference import build_schema, render_reference

    assert render_reference(build_schema()) == rendered
    shuffled = {**schema, "paths": dict(reversed(list(schema["paths"].items())))}
    assert render_reference(shuffled) == rendered  # the order of the schema's paths does not matter


def test_every_operation_of_the_schema_has_a_section(schema: dict, rendered: str) -> None:
    headings = set(re.findall(r"^### `([A-Z]+ /\S+)`$", rendered, flags=re.M))
    operations = {f"{method.upper()} {path}" for path, item in schema["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete")}
    assert operations and headings >= operations
    for known in ("POST /api/auth/token/", "POST /api/interviews/", "GET /api/interviews/{id}/report/",
                  "POST /api/interviews/{id}/analyze/", "PUT /api/interviews/{id}/questions/{index}/rubric/",
                  "DELETE /api/interviews/{id}/", "GET /api/interviews/{id}/export/"):
        assert known in headings, known


def test_known_endpoints_show_their_body_parameters_and_codes(rendered: str) -> None:
    sections = dict(re.findall(r"^### `([^`]+)`\n(.*?)(?=^### |\Z)", rendered, flags=re.M | re.S))
    upload = sections["POST /api/interviews/"]
    assert "`multipart/form-data`" in upload and "| `video` | string (binary) | yes |" in upload
    assert "| `consent` | boolean |" in upload and re.search(r"^\| 201 \|.*InterviewDetail", upload, flags=re.M)
    assert re.search(r"^\| 413 \|", upload, flags=re.M)
    analyze = sections["POST /api/interviews/{id}/analyze/"]
    assert "| `id` | path | string (uuid) | yes |" in analyze
    assert re.search(r"^\| 202 \|", analyze, flags=re.M)
    assert re.search(r"^\| 409 \|.*ReportConflict", analyze, flags=re.M)
    token = sections["POST /api/auth/token/"]
    assert re.search(r"^\| 429 \|.*LockedOut", token, flags=re.M)
    assert "| `page_size` | query | integer | no |" in sections["GET /api/interviews/"]
    assert "| 204 | — |" in sections["DELETE /api/interviews/{id}/"]
    assert "`application/zip`" in sections["GET /api/interviews/{id}/export/"]
    assert "| `blurred_video_url` |" in sections["InterviewDetail"]


def test_every_link_inside_the_reference_has_its_heading(rendered: str) -> None:
    from interview_ai_lab_web.interviews.management.commands.export_api_reference import slug

    anchors = {slug(h) for h in re.findall(r"^#+ (.+)$", rendered, flags=re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", rendered))
    assert links and links <= anchors, sorted(links - anchors)


def test_the_index_of_operations_has_whole_summaries(rendered: str) -> None:
    index = rendered[rendered.index("## Operations"):rendered.index("## Common errors")]
    rows = re.findall(r"^\| `[A-Z]+` \| \[`[^`]+`\]\(#[^)]+\) \| (.*) \|$", index, flags=re.M)
    assert len(rows) >= 20
    for summary in rows:
        assert summary and summary.count("(") == summary.count(")"), summary
