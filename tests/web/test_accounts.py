"""Accounts: ``manage.py create_recruiter`` and the password validators on every way to make an account."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import WEB_DIR

STRONG = "Velvet-otter-Harbour-93"


def _create(name: str, password: str, *extra: str):
    stdin = sys.stdin
    sys.stdin = io.StringIO(password + "\n")
    out = io.StringIO()
    try:
        call_command("create_recruiter", name, "--password-stdin", *extra, stdout=out)
    finally:
        sys.stdin = stdin
    return out.getvalue()


@pytest.mark.django_db
def test_create_recruiter_makes_a_user_without_admin_rights(client):
    assert "created" in _create("carla", STRONG, "--email", "carla@example.com")
    user = get_user_model().objects.get(username="carla")
    assert user.check_password(STRONG) and not user.is_staff and not user.is_superuser
    assert user.email == "carla@example.com"
    token = client.post("/api/auth/token/", {"username": "carla", "password": STRONG}).json()["token"]
    assert client.get("/api/interviews/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    # A recruiter is no admin: the admin's login form refuses her.
    assert client.post("/admin/login/", {"username": "carla", "password": STRONG}).status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("password, reason", [
    ("choose-one", "too short"),
    ("password123456", "too common"),
    ("831947205518364", "entirely numeric"),
    ("carla.martin.hr", "too similar"),
])
def test_create_recruiter_refuses_weak_passwords(password, reason):
    with pytest.raises(CommandError, match=reason):
        _create("carla.martin", password, "--email", "carla.martin.hr@example.com")
    assert not get_user_model().objects.filter(username="carla.martin").exists()


@pytest.mark.django_db
def test_create_recruiter_noinput_reads_the_environment_and_refuses_duplicates(monkeypatch):
    monkeypatch.setenv("IAL_RECRUITER_PASSWORD", STRONG)
    call_command("create_recruiter", "dora", "--noinput", stdout=io.StringIO())
    assert get_user_model().objects.get(username="dora").check_password(STRONG)
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_recruiter", "dora", "--noinput", stdout=io.StringIO())
    monkeypatch.delenv("IAL_RECRUITER_PASSWORD")
    with pytest.raises(CommandError, match="IAL_RECRUITER_PASSWORD"):
        call_command("create_recruiter", "emil", "--noinput", stdout=io.StringIO())


@pytest.mark.django_db
def test_create_recruiter_prompt_asks_again_until_the_password_is_valid(monkeypatch):
    answers = iter(["short", "short", STRONG, "not the same", STRONG, STRONG])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    err = io.StringIO()
    call_command("create_recruiter", "fred", stdout=io.StringIO(), stderr=err)
    assert "too short" in err.getvalue() and "differ" in err.getvalue()
    assert get_user_model().objects.get(username="fred").check_password(STRONG)


@pytest.mark.django_db
def test_createsuperuser_noinput_refuses_a_weak_environment_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "choose-one")
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD refused: .*too short"):
        call_command("createsuperuser", "--noinput", "--username", "admin", "--email", "a@example.com",
                     stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", STRONG)
    call_command("createsuperuser", "--noinput", "--username", "admin", "--email", "a@example.com",
                 stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(STRONG)


def test_create_recruiter_cli_fails_with_one_line_and_exit_1(transactional_db, settings):
    db = settings.DATABASES["default"]
    env = dict(os.environ, DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
    proc = subprocess.run([sys.executable, "manage.py", "create_recruiter", "gina", "--password-stdin"],
                          cwd=WEB_DIR, env=env, input="choose-one\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError: password refused:"), proc.stderr
    assert not get_user_model().objects.filter(username="gina").exists()
