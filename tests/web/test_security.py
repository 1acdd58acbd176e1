"""Web hardening: login lockout on every login, strict headers, API docs served from this origin only.

Real Django on the real PostgreSQL; django-axes counts failures per (username, client IP) in
the database. Each test uses addresses of its own (``REMOTE_ADDR``) so they never share a count.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

LIMIT = django_settings.AXES_FAILURE_LIMIT
ATTACKER, OTHER = "203.0.113.7", "198.51.100.23"


@pytest.fixture
def admin_user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@example.com", "root-Pass-4471")


def _token_login(client, username: str, password: str, ip: str):
    return client.post("/api/auth/token/", {"username": username, "password": password}, format="json",
                       REMOTE_ADDR=ip)


def _session_login(ip: str):
    """A function posting to /api/auth/login/ with a valid CSRF token, as the browser does, from ``ip``."""
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    token = browser.get("/api/auth/csrf/", REMOTE_ADDR=ip).json()["csrfToken"]

    def post(username: str, password: str):
        return browser.post("/api/auth/login/", {"username": username, "password": password}, format="json",
                            HTTP_X_CSRFTOKEN=token, REMOTE_ADDR=ip)

    return post


def _admin_login(ip: str):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.get("/admin/login/", REMOTE_ADDR=ip)
    token = browser.cookies["csrftoken"].value

    def post(username: str, password: str):
        return browser.post("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                            "csrfmiddlewaretoken": token}, REMOTE_ADDR=ip)

    return post


def _first_429(post, username: str, *, tries: int = 20) -> tuple[int, object]:
    """Post wrong passwords until a 429: (its 1-based try number, the response); fails after ``tries``."""
    for i in range(1, tries + 1):
        resp = post(username, f"wrong-{i}")
        if resp.status_code == 429:
            return i, resp
        assert resp.status_code in (200, 400), (i, resp.status_code)  # the ordinary "wrong password" answers
    pytest.fail(f"no 429 within {tries} wrong passwords")


def _assert_locked_answer(resp) -> None:
    assert resp.status_code == 429
    retry = int(resp["Retry-After"])
    assert retry == django_settings.AXES_COOLOFF_TIME * 3600 == 15 * 60
    assert "no-store" in resp.get("Cache-Control", "") or not resp.wsgi_request.path.startswith("/api/")
    assert "default-src 'self'" in resp["Content-Security-Policy"]


def _lockouts(username: str, ip: str) -> int:
    from interview_ai_lab_web.interviews.models import AuditEvent

    return AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_LOCKED, details__username=username,
                                     details__ip=ip).count()


def test_token_login_locks_out_the_guessing_address_only(recruiter, anon):
    n, resp = _first_429(lambda u, p: _token_login(anon, u, p, ATTACKER), "alice")
    assert n == LIMIT <= 20  # the bar: a 429 within 20 failures
    _assert_locked_answer(resp)
    assert resp.json()["detail"].startswith("Too many failed sign-in attempts")
    # The right password from the guessing address is refused too, without checking it.
    assert _token_login(anon, "alice", "alice-pass-123", ATTACKER).status_code == 429
    # The real user from another address signs in.
    ok = _token_login(anon, "alice", "alice-pass-123", OTHER)
    assert ok.status_code == 200 and ok.json()["token"]
    # Every refused try is in the audit log: the try that reached the limit and the one after.
    assert _lockouts("alice", ATTACKER) == 2 and _lockouts("alice", OTHER) == 0


def test_fifty_wrong_passwords_are_all_refused_after_the_limit(recruiter, anon):
    codes = [_token_login(anon, "alice", f"guess-{i}", ATTACKER).status_code for i in range(50)]
    assert codes[:LIMIT - 1] == [400] * (LIMIT - 1) and codes[LIMIT - 1:] == [429] * (50 - LIMIT + 1)
    assert _token_login(anon, "alice", "alice-pass-123", ATTACKER).status_code == 429


def test_session_login_locks_out_per_username_and_address(recruiter, other_recruiter):
    attacker = _session_login(ATTACKER)
    n, resp = _first_429(attacker, "alice")
    assert n == LIMIT
    _assert_locked_answer(resp)
    assert attacker("alice", "alice-pass-123").status_code == 429
    # Another user from the same address is counted apart; alice from her own address signs in.
    assert attacker("bob", "bob-pass-123").status_code == 200
    resp = _session_login(OTHER)("alice", "alice-pass-123")
    assert resp.status_code == 200 and resp.json()["username"] == "alice"
    assert _lockouts("alice", ATTACKER) == 2


def test_admin_login_locks_out(admin_user):
    attacker = _admin_login(ATTACKER)
    n, resp = _first_429(attacker, "root")
    assert n == LIMIT
    _assert_locked_answer(resp)
    assert resp["Content-Type"].startswith("text/plain")
    assert attacker("root", "root-Pass-4471").status_code == 429
    ok = _admin_login(OTHER)("root", "root-Pass-4471")
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert _lockouts("root", ATTACKER) == 2


def test_a_success_clears_the_failures_of_that_client(recruiter, anon):
    for i in range(LIMIT - 1):
        assert _token_login(anon, "alice", f"typo-{i}", ATTACKER).status_code == 400
    assert _token_login(anon, "alice", "alice-pass-123", ATTACKER).status_code == 200
    for i in range(LIMIT - 1):
        assert _token_login(anon, "alice", f"typo-again-{i}", ATTACKER).status_code == 400


ADDRESS_LIMIT = django_settings.IAL_LOGIN_ADDRESS_FAILURE_LIMIT
SPRAYER = "192.0.2.99"


def _spray(post, names: int = 100, tries: int = 3) -> tuple[int, list[int]]:
    """``names`` usernames × ``tries`` wrong passwords from one address: (the 1-based try of the first 429, codes)."""
    codes = [post(f"user{n:03d}", f"wrong-{t}").status_code for t in range(tries) for n in range(names)]
    assert set(codes) <= {400, 429}, set(codes)
    assert 429 in codes, "300 wrong sign-ins over 100 usernames from one address were never refused"
    return codes.index(429) + 1, codes


@pytest.mark.parametrize("way", ["token", "session"])
def test_one_address_guessing_many_usernames_is_locked_out(recruiter, anon, way):
    from interview_ai_lab_web.interviews.models import AuditEvent

    post = (lambda u, p: _token_login(anon, u, p, SPRAYER)) if way == "token" else _session_login(SPRAYER)
    first, codes = _spray(post)
    # No username failed LIMIT times before the 429 (100 names, each tried once a round): the address count did it.
    assert LIMIT < ADDRESS_LIMIT == first <= 300
    assert codes[first - 1:] == [429] * (300 - first + 1)  # and every try after it
    # The right password from that address is refused too; the user from another address signs in.
    assert post("alice", "alice-pass-123").status_code == 429
    ok = (_token_login(anon, "alice", "alice-pass-123", OTHER) if way == "token"
          else _session_login(OTHER)("alice", "alice-pass-123"))
    assert ok.status_code == 200
    # Another address is not locked: its own wrong passwords are ordinary 400s.
    other = (lambda u, p: _token_login(anon, u, p, "198.51.100.77")) if way == "token" else \
        _session_login("198.51.100.77")
    assert other("user001", "wrong-x").status_code == 400
    locked = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_LOCKED, details__ip=SPRAYER)
    assert locked.filter(details__scope="address").count() == 300 - first + 2


def test_the_address_limit_is_a_setting(recruiter, anon, settings):
    settings.IAL_LOGIN_ADDRESS_FAILURE_LIMIT = 15
    first, _ = _spray(lambda u, p: _token_login(anon, u, p, SPRAYER), names=20, tries=1)
    assert first == 15


def test_the_address_limit_below_the_username_limit_is_refused():
    import os
    import subprocess
    import sys

    from tests.web.conftest import REPO_ROOT

    env = dict(os.environ, IAL_LOGIN_ADDRESS_FAILURE_LIMIT="5", IAL_LOGIN_FAILURE_LIMIT="10")
    run = subprocess.run([sys.executable, "-c", "import interview_ai_lab_web.settings"], cwd=REPO_ROOT / "web",
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "IAL_LOGIN_ADDRESS_FAILURE_LIMIT must be" in run.stderr, run.stderr[-500:]


# --------------------------------------------------------------------------- headers


def _csp(resp) -> dict[str, list[str]]:
    policy = resp["Content-Security-Policy"]
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def _assert_strict_csp(resp) -> None:
    csp = _csp(resp)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert not any(re.match(r"https?:", s) for sources in csp.values() for s in sources)


@pytest.mark.parametrize("signed_in", [True, False])
def test_api_answers_carry_a_strict_csp_and_no_store(api, anon, signed_in):
    resp = (api if signed_in else anon).get("/api/interviews/")
    assert resp.status_code == (200 if signed_in else 401)
    _assert_strict_csp(resp)
    assert "no-store" in resp["Cache-Control"] and "private" in resp["Cache-Control"]
    assert resp["X-Frame-Options"] == "DENY" and resp["X-Content-Type-Options"] == "nosniff"


def test_spa_page_carries_the_strict_csp(anon, tmp_path, settings):
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>"
                                         "<script type=module src=/assets/index-abcdefgh.js></script>")
    settings.IAL_FRONTEND_DIST = tmp_path
    for path in ("/", "/interviews/5b7e0c1e-0000-4000-8000-000000000000"):
        resp = anon.get(path)
        assert resp.status_code == 200 and b"id=root" in resp.content
        _assert_strict_csp(resp)


def test_other_api_answers_are_not_cached_either(api, anon):
    for resp in (api.get("/api/auth/me/"), api.get("/api/config/"), anon.get("/api/auth/csrf/"),
                 api.get("/api/interviews/00000000-0000-4000-8000-000000000000/")):
        assert "no-store" in resp["Cache-Control"], resp.wsgi_request.path


# --------------------------------------------------------------------------- API docs from this origin


_EXTERNAL = re.compile(rb"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>", re.I)


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_only_pinned_local_files(api, page):
    resp = api.get(page)
    assert resp.status_code == 200
    html = resp.content
    assert not _EXTERNAL.search(html) and b"googleapis" not in html and b"jsdelivr" not in html
    assert not _INLINE_SCRIPT.search(html)
    scripts = re.findall(rb'<script src="([^"]+)"', html)
    assert scripts and all(s.startswith((b"/static/drf_spectacular_sidecar/", page.encode()))
                           for s in scripts), scripts
    _assert_strict_csp(resp)
    for src in scripts:
        js = api.get(src.decode().replace("&amp;", "&"))
        assert js.status_code == 200, src
        body = b"".join(js.streaming_content) if js.streaming else js.content
        assert len(body) > 100 and b"<html" not in body[:200].lower()


def test_swagger_ui_sends_the_schema_to_no_validator(api):
    """Swagger UI's default ``validatorUrl`` posts the schema to validator.swagger.io: it is switched off."""
    import json

    page = api.get("/api/docs/").content
    src = next(s for s in re.findall(rb'<script src="([^"]+)"', page) if s.startswith(b"/api/docs/"))
    js = api.get(src.decode().replace("&amp;", "&")).content.decode()
    settings_text = re.search(r"const swaggerSettings = (\{.*?\});\n", js, re.S)
    assert settings_text, js[:300]
    swagger_settings = json.loads(settings_text.group(1))
    assert "validatorUrl" in swagger_settings and swagger_settings["validatorUrl"] is None
    assert "//" not in json.dumps({k: v for k, v in swagger_settings.items() if k != "url"})  # no other origin


def test_docs_need_a_user_and_can_be_switched_off(anon, api, settings):
    import importlib

    from django.urls import clear_url_caches

    import interview_ai_lab_web.urls

    assert anon.get("/api/schema/").status_code == 401
    settings.IAL_API_DOCS = False
    try:
        importlib.reload(interview_ai_lab_web.urls)
        clear_url_caches()
        for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
            assert api.get(url).status_code == 404, url
    finally:
        settings.IAL_API_DOCS = True
        importlib.reload(interview_ai_lab_web.urls)
        clear_url_caches()
    assert api.get("/api/docs/").status_code == 200
