r"""``manage.py create_recruiter NAME``: a recruiter account (no admin rights), with a validated password.

    python web/manage.py create_recruiter alice                       # prompts twice for the password
    printf '%s\n' "$PASS" | python web/manage.py create_recruiter alice --password-stdin
    IAL_RECRUITER_PASSWORD=... python web/manage.py create_recruiter alice --noinput

The password must pass ``AUTH_PASSWORD_VALIDATORS`` (length, common passwords, all digits,
too close to the name or e-mail); a refused one exits with code 1 and says why. A recruiter
signs in to the app and the API, never to ``/admin/``.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

PASSWORD_ENV = "IAL_RECRUITER_PASSWORD"


class Command(BaseCommand):
    """``manage.py create_recruiter``: a recruiter account (no admin rights) with a validated password."""

    help = "Create a recruiter (a user without admin rights); the password is prompted for and validated."

    def add_arguments(self, parser: CommandParser) -> None:
        """The username, ``--email``, and where the password comes from (prompt, ``--password-stdin``, ``--noinput``)."""
        parser.add_argument("name", help="the recruiter's username")
        parser.add_argument("--email", default="", help="e-mail address (optional)")
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--password-stdin", action="store_true",
                            help="read the password from the first line of standard input (scripts)")
        source.add_argument("--noinput", "--no-input", dest="interactive", action="store_false",
                            help=f"do not prompt: take the password from ${PASSWORD_ENV}")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the recruiter once its name and password are valid.

        Raises:
            CommandError: The name is invalid or taken, or the password is missing or refused by the validators.
        """
        User = get_user_model()
        name = options["name"].strip()
        try:
            User._meta.get_field(User.USERNAME_FIELD).run_validators(name)
            if not name:
                raise ValidationError("the name is empty")
        except ValidationError as e:
            raise CommandError(f"invalid name {name!r}: {'; '.join(e.messages)}") from None
        if User._default_manager.filter(**{User.USERNAME_FIELD: name}).exists():
            raise CommandError(f"a user named {name!r} already exists")
        user = User(**{User.USERNAME_FIELD: name}, email=options["email"], is_staff=False, is_superuser=False)
        password = self._password(options, user)
        try:
            validate_password(password, user)
        except ValidationError as e:
            raise CommandError("password refused: " + " ".join(e.messages)) from None
        user.set_password(password)
        user.save()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Recruiter {name!r} created.")

    def _password(self, options: dict[str, Any], user: Any) -> str:
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
        elif not options["interactive"]:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"--noinput needs the password in ${PASSWORD_ENV}")
        else:
            if not sys.stdin.isatty():
                raise CommandError("no terminal to ask for the password: use --password-stdin or --noinput")
            while True:
                password = getpass.getpass("Password: ")
                if password != getpass.getpass("Password (again): "):
                    self.stderr.write("The two passwords differ.")
                    continue
                try:
                    validate_password(password, user)
                except ValidationError as e:
                    self.stderr.write("\n".join(e.messages))
                    continue
                break
        if not password:
            raise CommandError("the password is empty")
        return password
