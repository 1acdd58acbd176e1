"""A malformed id in any API path answers 404 (JSON), never a server error.

Every route of ``/api/`` with a path parameter is found in Django's URL resolver (not a hand-kept
list: a new route is covered as it is added), each of its parameters is replaced in turn by a
malformed value (36 zeros, ``abc``, a 300-character string; a user name too long or with a ``!``) while the others stay real ids,
and every method is sent, signed in as a recruiter (an organisation's admin) and as a user of no
organisation, and as a candidate (the invitation link's token) for the candidate routes.
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.web.conftest import _token_client

pytestmark = pytest.mark.django_db

MALFORMED = ("0" * 36, "abc", "a" * 300)
#: A user name is no id: 36 zeros or "abc" may be one; too long or with a "!" it is not.
MALFORMED_FOR = {"username": ("a" * 300, "abc%21")}
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
#: ``<uuid:name>`` of a path() route, ``(?P<name>…)`` of a router's regex route.
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def _api_routes() -> list[str]:
    """Every API route with a path parameter as a template (``api/positions/{id}/invitations/{invitation_id}/``)."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    def walk(patterns, prefix: str = ""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    templates = set()
    for pattern in walk(get_resolver().url_patterns):
        if not pattern.startswith("api/") or "(?P<format>" in pattern:  # the routers' ".json" variants aside
            continue
        template = _PARAM.sub(lambda m: "{%s}" % (m.group(1) or m.group(2)), pattern.replace("^", ""))
        template = template.replace("$", "").replace("\\.", ".")
        if "{" in template:
            templates.add(template)
    return sorted(templates)


ROUTES = _api_routes()


def test_the_routes_found_are_every_id_route():
    # The walk finds the routes (a regression in it would make the test below check nothing).
    assert len(ROUTES) >= 25
    for needle in ("api/organisations/{pk}/members/", "api/organisations/{pk}/members/{user_id}/",
                   "api/positions/{id}/invitations/{invitation_id}/", "api/candidate/uploads/{take_id}/",
                   "api/candidate/takes/{take_id}/choose/", "api/interviews/{pk}/reports/{version}/",
                   "api/positions/{pk}/reviewers/{username}/", "api/interviews/{pk}/"):
        assert needle in ROUTES


@pytest.fixture
def world(org, recruiter, other_recruiter):
    """Real ids of every kind: an interview, a position with an invitation and a take, the organisation, a member."""
    from django.utils import timezone

    from interview_ai_lab_web.interviews.models import Interview, Invitation, Membership, Position, Take

    Membership.objects.create(user=other_recruiter, organisation=org, role="reviewer")
    position = Position.objects.create(organisation=org, title="Ids", questions=[{"text": "Why us?", "weight": 1}])
    position.reviewers.add(other_recruiter)
    interview = Interview.objects.create(owner=recruiter, organisation=org, position=position,
                                         candidate_name="Anna Martin", video="videos/none.mp4")
    token = "t" * 43
    import hashlib

    invitation = Invitation.objects.create(position=position, candidate_name="Chloé", created_by=recruiter,
                                           deadline=timezone.now() + timezone.timedelta(days=3),
                                           token_hash=hashlib.sha256(token.encode()).hexdigest())
    take = Take.objects.create(invitation=invitation, question_index=1, number=1, upload_length=10)
    by_prefix = {"api/interviews/": interview.pk, "api/positions/": position.pk, "api/organisations/": org.pk}
    return {"by_prefix": by_prefix, "invitation_id": invitation.pk, "take_id": take.pk,
            "user_id": other_recruiter.pk, "username": other_recruiter.username, "version": 1, "index": 1,
            "token": token}


def _real_value(world: dict, route: str, name: str):
    if name in ("pk", "id"):
        return next(v for prefix, v in world["by_prefix"].items() if route.startswith(prefix))
    return world[name]


def _malformed_urls(world: dict) -> list[tuple[str, str]]:
    """(route, URL) for every route, parameter and malformed value."""
    urls = []
    for route in ROUTES:
        names = re.findall(r"\{(\w+)\}", route)
        for bad_name in names:
            for bad in MALFORMED_FOR.get(bad_name, MALFORMED):
                values = {n: bad if n == bad_name else _real_value(world, route, n) for n in names}
                urls.append((route, "/" + route.format(**values)))
    return urls


def _assert_all_404(client, urls: list[tuple[str, str]]) -> int:
    """Send every method to every URL; each answer is 404 (JSON under /api/ but for HEAD); the number sent."""
    wrong = []
    for _route, url in urls:
        for method in METHODS:
            resp = client.generic(method, url, "{}", content_type="application/json")
            if resp.status_code != 404:
                wrong.append((method, url[:90], resp.status_code))
            elif method != "HEAD" and resp["Content-Type"].startswith("application/json"):
                assert "detail" in resp.json()
    assert not wrong, wrong
    return len(urls) * len(METHODS)


def test_malformed_ids_answer_404_to_a_recruiter(world, recruiter):
    client = _token_client(recruiter)
    sent = _assert_all_404(client, _malformed_urls(world))
    assert sent > 500
    # The real ids of the same routes are found (the 404s above are the malformed values', not the fixture's).
    assert client.get(f"/api/organisations/{world['by_prefix']['api/organisations/']}/members/").status_code == 200


def test_malformed_ids_answer_404_to_a_user_of_no_organisation(world):
    from tests.web.org_fixtures import make_user

    _assert_all_404(_token_client(make_user("nora")), _malformed_urls(world))


def test_malformed_take_ids_answer_404_to_a_candidate(world):
    from rest_framework.test import APIClient

    candidate = APIClient()
    candidate.credentials(HTTP_X_INVITATION_TOKEN=world["token"], HTTP_TUS_RESUMABLE="1.0.0")
    assert candidate.get("/api/candidate/session/").status_code == 200  # the link works
    urls = [(r, u) for r, u in _malformed_urls(world) if r.startswith("api/candidate/")]
    assert len(urls) == 2 * len(MALFORMED)
    _assert_all_404(candidate, urls)


@pytest.mark.parametrize("bad", [*MALFORMED, None, "", 12, "{00000000-0000-0000-0000-00000000000g}"])
def test_role_in_is_none_for_a_malformed_organisation_id(world, recruiter, bad):
    """The one place that reads a membership from an id taken from a request: a malformed id is no membership."""
    from django.http import Http404

    from interview_ai_lab_web.interviews import memberships, permissions

    assert permissions.role_in(recruiter, bad) is None
    if bad is not None:
        with pytest.raises(Http404):
            memberships.managed_organisation(recruiter, bad)
    org_id = world["by_prefix"]["api/organisations/"]
    assert permissions.role_in(recruiter, str(org_id)) == "admin"
    assert permissions.role_in(recruiter, str(org_id).upper()) == "admin"
    assert permissions.role_in(recruiter, uuid.UUID(str(org_id))) == "admin"
