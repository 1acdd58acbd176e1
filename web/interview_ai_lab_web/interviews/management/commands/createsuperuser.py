"""Django's ``createsuperuser``, with the password validators applied in ``--noinput`` mode too.

Django checks ``AUTH_PASSWORD_VALIDATORS`` only when it prompts; with ``--noinput`` it takes
``DJANGO_SUPERUSER_PASSWORD`` as it is (``choose-one`` would become the admin's password).
This command (the ``interviews`` app is listed first, so it replaces Django's) refuses such
a password with the validators' reasons and exit code 1.
"""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    """Django's ``createsuperuser``, with the password validators applied to ``DJANGO_SUPERUSER_PASSWORD`` too."""

    def handle(self, *args: Any, **options: Any) -> None:
        """With ``--noinput``, check ``DJANGO_SUPERUSER_PASSWORD`` first, then create the user as Django does.

        Raises:
            CommandError: The validators refuse the password (exit code 1).
        """
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password is not None:
            field = self.UserModel.USERNAME_FIELD
            fake = {field: options.get(field) or os.environ.get(f"DJANGO_SUPERUSER_{field.upper()}", "")}
            for name in self.UserModel.REQUIRED_FIELDS:
                value = options.get(name) or os.environ.get(f"DJANGO_SUPERUSER_{name.upper()}")
                if isinstance(value, str):
                    fake[name] = value
            try:
                validate_password(password, self.UserModel(**fake))
            except ValidationError as e:
                raise CommandError("DJANGO_SUPERUSER_PASSWORD refused: " + " ".join(e.messages)) from None
        super().handle(*args, **options)
