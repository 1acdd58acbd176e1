"""Property-based fuzzing of the API from its own OpenAPI schema (schemathesis), against the running app.

Every operation of ``/api/schema/`` gets ``FUZZ_EXAMPLES`` generated requests (valid and
invalid bodies, query strings, headers; derandomised so a run is reproducible) sent over
loopback HTTP to Django's live server on the test database, signed in with a recruiter's token
(the organisation's admin), then ``FUZZ_REVIEWER_EXAMPLES`` with a reviewer's token (a member
added to the position: most changes are refused to them, which must be a 403 or 404, never a
server error). Path ids point at a real, analysed interview of the position, the position, its
organisation and a member. Each answer must not be a server error and must conform to the
schema: a documented status code, the documented content type, a body valid against the
documented schema. The generated requests keep real ids, so malformed ids (36 zeros, ``abc``,
a 300-character string) are sent apart, to every operation and path parameter, with both tokens.
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
FUZZ_REVIEWER_EXAMPLES = int(os.environ.get("IAL_FUZZ_REVIEWER_EXAMPLES", "3"))
MALFORMED = ("0" * 36, "abc", "a" * 300)
MALFORMED_FOR = {"username": ("a" * 300, "abc!")}  # a user name is no id: 36 zeros or "abc" may be one
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
    """(base URL, token headers by role, path parameters) on the live server.

    The roles: ``recruiter`` (alice, the organisation's admin) and ``reviewer`` (bob, a reviewer added to the
    position). The path parameters: ``id`` by path prefix (a DONE interview of the position with a real report,
    the position, its organisation), ``user_id`` and ``username`` of a member.
    """
    from rest_framework.authtoken.models import Token

    from interview_ai_lab_web.interviews.models import Interview, Membership, Organisation, Position, ReportVersion

    report = json.loads(Path(SAMPLE_REPORT).read_text(encoding="utf-8"))
    org = Organisation.objects.create(name="Fuzz Org")
    Membership.objects.create(user=recruiter, organisation=org, role="admin")
    Membership.objects.create(user=other_recruiter, organisation=org, role="reviewer")
    position = Position.objects.create(organisation=org, title="Fuzzed", questions=[{"text": "Why us?", "weight": 1}])
    position.reviewers.add(other_recruiter)
    resp = upload(api, interview_clip, position=str(position.pk))
    assert resp.status_code == 201, resp.content
    iid = resp.json()["id"]
    interview = Interview.objects.get(pk=iid)
    ReportVersion.objects.create(interview=interview, version=1, report=report, options={"mode": "recruitment"})
    Interview.objects.filter(pk=iid).update(status="DONE", report=report, report_version=1)
    folder = interview.analysis_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    tokens = {role: Token.objects.get_or_create(user=user)[0].key
              for role, user in (("recruiter", recruiter), ("reviewer", other_recruiter))}
    params = {"/api/interviews/": {"id": iid}, "/api/positions/": {"id": str(position.pk), "username": "bob"},
              "/api/organisations/": {"id": str(org.pk), "user_id": other_recruiter.pk}}
    return live_server.url, {role: {"Authorization": f"Token {key}"} for role, key in tokens.items()}, params


def _real_ids(case, params: dict) -> None:
    """Put the real ids of :func:`fuzz_target` in the case's path parameters."""
    for prefix, values in params.items():
        if case.path.startswith(prefix):
            case.path_parameters.update({k: v for k, v in values.items() if k in case.path_parameters})


def _fuzz(case, fuzz_target, role: str) -> None:
    base_url, auth, params = fuzz_target
    if case.path_parameters:
        _real_ids(case, params)
    _SENT.append(f"{role} {case.method} {case.path}")
    case.call_and_validate(base_url=base_url, headers=auth[role], checks=CHECKS, timeout=60)


_SETTINGS = {"deadline": None, "derandomize": True, "database": None, "phases": [Phase.explicit, Phase.generate],
             "suppress_health_check": list(HealthCheck)}


@SCHEMA.parametrize()
@hypothesis_settings(max_examples=FUZZ_EXAMPLES, **_SETTINGS)
def test_api_answers_conform_to_its_schema(case, fuzz_target):
    _fuzz(case, fuzz_target, "recruiter")


@SCHEMA.parametrize()
@hypothesis_settings(max_examples=FUZZ_REVIEWER_EXAMPLES, **{**_SETTINGS, "phases": [Phase.generate]})
def test_api_answers_conform_to_its_schema_for_a_reviewer(case, fuzz_target):
    _fuzz(case, fuzz_target, "reviewer")


def _operations_with_ids() -> list:
    ops = [result.ok() for result in SCHEMA.get_all_operations()]
    return [op for op in ops if list(op.path_parameters)]


@pytest.mark.parametrize("role", ["recruiter", "reviewer"])
def test_malformed_path_ids_answer_404_with_both_tokens(fuzz_target, role):
    """Each path parameter of each operation in turn gets a malformed value (the others real): 404, as documented."""
    base_url, auth, params = fuzz_target
    sent = 0
    for op in _operations_with_ids():
        names = [p.name for p in op.path_parameters]
        for bad_name in names:
            for bad in MALFORMED_FOR.get(bad_name, MALFORMED):
                case = op.Case(path_parameters=dict.fromkeys(names, "x"))
                _real_ids(case, params)
                case.path_parameters[bad_name] = bad
                resp = case.call_and_validate(base_url=base_url, headers=auth[role], checks=CHECKS, timeout=60)
                assert resp.status_code == 404, (role, case.method, case.formatted_path, resp.status_code)
                sent += 1
                _SENT.append(f"{role} {case.method} {case.path} (malformed {bad_name})")
    assert sent >= 100  # every operation with an id (40 or so) × its path parameters × 3 values


def test_a_refused_csv_export_answers_json(fuzz_target):
    """``?format=csv`` refused (a reviewer and the adverse-impact table) says why in JSON, as the schema documents."""
    import requests

    base_url, auth, params = fuzz_target
    pid = params["/api/positions/"]["id"]
    resp = requests.get(f"{base_url}/api/positions/{pid}/adverse-impact/?format=csv", headers=auth["reviewer"],
                        timeout=60)
    assert resp.status_code == 403 and resp.headers["Content-Type"] == "application/json"
    assert resp.json()["detail"]
    ok = requests.get(f"{base_url}/api/positions/{pid}/adverse-impact/?format=csv", headers=auth["recruiter"],
                      timeout=60)
    assert ok.status_code == 200 and ok.headers["Content-Type"].startswith("text/csv")
