"""Who sees and changes what across organisations: the predicates, then every URL of the API walked.

The walk lists the operations from the app's own OpenAPI schema, so an endpoint added later
is covered without touching this file: an outsider gets 404 on every object of another
organisation, and a reviewer 403 on every change to what they can see.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.web.org_fixtures import finish_with_report, make_user, report_with, upload_to

pytestmark = pytest.mark.django_db


def _schema_operations() -> list[tuple[str, str]]:
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    schema = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    return sorted((path, method) for path, item in schema["paths"].items() for method in item
                  if method in ("get", "post", "put", "patch", "delete") and "{id}" in path)


OPERATIONS = _schema_operations()
#: A reviewer's own writes: their scorecard (tested in test_scorecards.py: it is never anyone else's).
OWN_WRITES = {("/api/interviews/{id}/scorecard/", "put")}
WRITES = [(p, m) for p, m in OPERATIONS if m != "get" and not p.startswith("/api/organisations/")
          and (p, m) not in OWN_WRITES]


@pytest.fixture
def objects(team, position, interview_clip):
    """The ids every path needs.

    An analysed interview of the position, the position, the organisation, an invitation to the position.
    """
    iid = upload_to(team["recruiter"], interview_clip, position)
    finish_with_report(iid, report_with(70.0))
    invited = team["recruiter"].post(f"/api/positions/{position.pk}/invitations/", {"candidate_name": "Invitée"},
                                     format="json")
    assert invited.status_code == 201, invited.content
    return {"/api/interviews/": iid, "/api/positions/": str(position.pk),
            "/api/organisations/": str(position.organisation_id), "invitation_id": invited.json()["invitation"]["id"]}


def _url(path: str, objects: dict, team: dict) -> str:
    prefix = next(p for p in objects if path.startswith(p))
    values = {"id": objects[prefix], "index": "1", "version": "1", "user_id": str(team["recruiter"].user.pk),
              "username": "rene", "invitation_id": objects["invitation_id"]}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def _call(client, method: str, url: str):
    body = {"decision": "advance", "username": "remy", "role": "admin", "consent": True, "categories": {}}
    return getattr(client, method)(url, body, format="json") if method != "get" else client.get(url)


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_a_user_of_another_organisation_gets_404_everywhere(team, objects, path, method):
    from interview_ai_lab_web.interviews.models import Interview, Membership, Position

    url = _url(path, objects, team)
    stranger = team["outsider"]
    resp = _call(stranger, method, url)
    assert resp.status_code == 404, (url, resp.status_code, resp.content[:300])
    # A user in no organisation at all: the same.
    loner = make_user("lone")
    from tests.web.conftest import _token_client

    assert _call(_token_client(loner), method, url).status_code == 404
    # Nothing changed.
    assert Interview.objects.filter(pk=objects["/api/interviews/"], decision="").exists()
    assert Position.objects.filter(pk=objects["/api/positions/"]).exists()
    assert Membership.objects.filter(organisation_id=objects["/api/organisations/"]).count() == 4


@pytest.mark.parametrize(("path", "method"), WRITES, ids=[f"{m.upper()} {p}" for p, m in WRITES])
def test_a_reviewer_gets_403_on_every_change(team, objects, path, method):
    from interview_ai_lab_web.interviews.models import Interview

    url = _url(path, objects, team)
    resp = _call(team["reviewer"], method, url)
    assert resp.status_code == 403, (url, resp.status_code, resp.content[:300])
    assert Interview.objects.filter(pk=objects["/api/interviews/"], decision="").exists()
    # A reviewer who is not on the position does not even see it.
    if not path.startswith("/api/organisations/"):
        assert _call(team["reviewer2"], method, url).status_code == 404


def test_the_schema_documents_the_positions_endpoints():
    paths = {p for p, _ in OPERATIONS}
    assert {"/api/positions/{id}/", "/api/positions/{id}/comparison/", "/api/positions/{id}/adverse-impact/",
            "/api/positions/{id}/rubrics/", "/api/positions/{id}/reviewers/", "/api/organisations/{id}/members/",
            "/api/interviews/{id}/demographics/"} <= paths
    from drf_spectacular.generators import SchemaGenerator

    assert "/api/positions/" in SchemaGenerator().get_schema(request=None, public=True)["paths"]


def test_predicates(team, position, interview_clip):
    from interview_ai_lab_web.interviews import permissions
    from interview_ai_lab_web.interviews.models import Interview

    admin, rec, rev, rev2, out = (team[k].user for k in ("admin", "recruiter", "reviewer", "reviewer2", "outsider"))
    assert [permissions.role_in(u, position.organisation) for u in (admin, rec, rev, out)] == [
        "admin", "recruiter", "reviewer", None]
    assert permissions.is_admin(admin, position.organisation_id)
    assert not permissions.is_admin(rec, position.organisation)
    assert [permissions.can_see_position(u, position) for u in (admin, rec, rev, rev2, out)] == [
        True, True, True, False, False]
    assert [permissions.can_edit_position(u, position) for u in (admin, rec, rev, out)] == [True, True, False, False]
    iid = upload_to(team["recruiter"], interview_clip, position)
    interview = Interview.objects.get(pk=iid)
    assert [permissions.can_see_interview(u, interview) for u in (admin, rec, rev, rev2, out)] == [
        True, True, True, False, False]
    assert [permissions.can_edit_interview(u, interview) for u in (admin, rec, rev, out)] == [True, True, False, False]
    assert [permissions.can_assess_interview(u, interview) for u in (admin, rec, rev, out)] == [
        True, True, False, False]  # the notes and the decision: a reviewer's words go in their scorecard
    assert set(permissions.visible_interviews(rev).values_list("pk", flat=True)) == {interview.pk}
    assert not permissions.visible_interviews(rev2).exists() and not permissions.visible_interviews(out).exists()
    # A reviewer removed from the organisation loses the position, even while still listed on it.
    position.organisation.memberships.filter(user=rev).delete()
    assert not permissions.can_see_position(rev, position) and not permissions.visible_positions(rev).exists()
    assert not permissions.visible_interviews(rev).exists()


def test_an_interview_without_organisation_stays_its_uploaders(team, api, interview_clip):
    from tests.web.conftest import upload

    iid = upload(team["recruiter"], interview_clip).json()["id"]
    assert team["recruiter"].get(f"/api/interviews/{iid}/").status_code == 200
    assert team["admin"].get(f"/api/interviews/{iid}/").status_code == 404  # the coaching flow: the uploader only
    assert team["admin"].get("/api/interviews/").json()["count"] == 0


def test_organisations_and_members(team, org):
    adm, rec = team["admin"], team["recruiter"]
    assert adm.get("/api/organisations/").json() == [{"id": str(org.pk), "name": "Acme", "role": "admin"}]
    assert rec.get("/api/organisations/").json()[0]["role"] == "recruiter"
    url = f"/api/organisations/{org.pk}/members/"
    members = adm.get(url).json()
    assert [(m["username"], m["role"]) for m in members] == [
        ("alice", "admin"), ("remy", "reviewer"), ("rene", "reviewer"), ("rita", "recruiter")]
    assert rec.get(url).status_code == 403 and team["reviewer"].get(url).status_code == 403
    assert adm.post(url, {"username": "olga", "role": "reviewer"}, format="json").status_code == 201
    assert adm.post(url, {"username": "olga", "role": "reviewer"}, format="json").status_code == 400
    assert adm.post(url, {"username": "nobody", "role": "reviewer"}, format="json").status_code == 400
    olga = team["outsider"].user.pk
    resp = adm.patch(f"{url}{olga}/", {"role": "recruiter"}, format="json")
    assert resp.status_code == 200 and resp.json() == {"user_id": olga, "username": "olga", "role": "recruiter"}
    assert {o["name"] for o in team["outsider"].get("/api/organisations/").json()} == {"Acme", "Other Corp"}
    assert adm.delete(f"{url}{olga}/").status_code == 204
    assert adm.delete(f"{url}{olga}/").status_code == 404
    me = team["admin"].user.pk
    assert adm.patch(f"{url}{me}/", {"role": "reviewer"}, format="json").status_code == 400  # the last admin
    assert adm.delete(f"{url}{me}/").status_code == 400
