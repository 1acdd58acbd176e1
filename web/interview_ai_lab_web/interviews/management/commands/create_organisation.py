"""``manage.py create_organisation NAME --admin USER``: an organisation with its first administrator.

    python web/manage.py create_organisation "Acme Hiring" --admin alice

The user must exist (``create_recruiter``); the name must be new. Add the other members with
``add_member``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from interview_ai_lab_web.interviews.models import Membership, Organisation


class Command(BaseCommand):
    """``manage.py create_organisation``: a new organisation and its first administrator."""

    help = "Create an organisation with USER as its administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        """The organisation's name and ``--admin``, its first administrator's username."""
        parser.add_argument("name", help="the organisation's name (unique)")
        parser.add_argument("--admin", required=True, help="username of its first administrator")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the organisation and its administrator's membership together.

        Raises:
            CommandError: The name is empty or taken, or the user does not exist.
        """
        name = " ".join(options["name"].split())
        if not name:
            raise CommandError("the name is empty")
        user = get_user_model()._default_manager.filter(username=options["admin"]).first()
        if user is None:
            raise CommandError(f"no user named {options['admin']!r}")
        if Organisation.objects.filter(name=name).exists():
            raise CommandError(f"an organisation named {name!r} already exists")
        with transaction.atomic():
            org = Organisation.objects.create(name=name)
            Membership.objects.create(user=user, organisation=org, role=Membership.Role.ADMIN)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Organisation {name!r} created ({org.pk}); {user.username!r} is its administrator.")
