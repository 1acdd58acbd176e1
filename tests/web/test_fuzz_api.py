"""Property-based fuzzing of the API from its own OpenAPI schema (schemathesis), against the running app.

Every operation of ``/api/schema/`` gets ``FUZZ_EXAMPLES`` generated requests (valid and
invalid bodies, query strings, headers; a few hundred in all, derandomised so a run is
reproducible) sent over loopback HTTP to Django's live server on the test database, signed
in with a token. Path ids point at a real, analysed interview of that user, a position of an
organisation the user administers (with a reviewer) and that organisation. Each answer must
not be a server error and must conform to the schema: a documented status code, the
documented content type, a body valid against the documented schema.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import REPO_ROOT, upload

FUZZ_EXAMPLES = int(os.environ.get("IAL_FUZZ_EXAMPLES", "6"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SAMPLE_REPORT = REPO_ROOT / "frontend" / "src" / "fixtures" / "sample-report.json"


def _openapi() -> dict:
    """The schema the app serves at /api/schema/ (as JSON)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


SCHEMA = schemathesis.openapi.from_dict(_openapi())
_SENT: list[str] = []  # "METHOD path" of every request sent


@pytest.fixture(scope="module", autouse=True)
def _report_the_number_of_cases():
    yield
    print(f"\nschemathesis: {len(_SENT)} requests over {len(set(_SENT))} operations")


@pytest.fixture
def fuzz_target(live_server, recruiter, other_recruiter, api, interview_clip):
    """(base URL, token header, path parameters) on the live server.

    The path parameters: ``id`` by path prefix (a DONE interview with a real report, a position, its
    organisation), ``user_id`` and ``username`` of a member.
    """
    from rest_framework.authtoken.models import Token

    from interview_ai_lab_web.interviews.models import Interview, Membership, Organisation, Position, ReportVersion

    report = json.loads(Path(SAMPLE_REPORT).read_text(encoding="utf-8"))
    iid = upload(api, interview_clip).json()["id"]
    interview = Interview.objects.get(pk=iid)
    ReportVersion.objects.create(interview=interview, version=1, report=report, options={"mode": "coaching"})
    Interview.objects.filter(pk=iid).update(status="DONE", report=report, report_version=1)
    folder = interview.analysis_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    org = Organisation.objects.create(name="Fuzz Org")
    Membership.objects.create(user=recruiter, organisation=org, role="admin")
    Membership.objects.create(user=other_recruiter, organisation=org, role="reviewer")
    position = Position.objects.create(organisation=org, title="Fuzzed", questions=[{"text": "Why us?", "weight": 1}])
    position.reviewers.add(other_recruiter)
    token, _ = Token.objects.get_or_create(user=recruiter)
    params = {"/api/interviews/": {"id": iid}, "/api/positions/": {"id": str(position.pk), "username": "bob"},
              "/api/organisations/": {"id": str(org.pk), "user_id": other_recruiter.pk}}
    return live_server.url, {"Authorization": f"Token {token.key}"}, params


@SCHEMA.parametrize()
@hypothesis_settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
                     phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
def test_api_answers_conform_to_its_schema(case, fuzz_target):
    base_url, auth, params = fuzz_target
    if case.path_parameters:
        for prefix, values in params.items():
            if case.path.startswith(prefix):
                case.path_parameters.update({k: v for k, v in values.items() if k in case.path_parameters})
    _SENT.append(f"{case.method} {case.path}")
    case.call_and_validate(base_url=base_url, headers=auth, checks=CHECKS, timeout=60)
