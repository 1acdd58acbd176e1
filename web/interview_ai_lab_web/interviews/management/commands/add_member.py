"""``manage.py add_member ORG USER --role reviewer``: add a user to an organisation, or change their role.

    python web/manage.py add_member "Acme Hiring" bob --role recruiter

``ORG`` is the organisation's name or id; ``--role`` is ``admin``, ``recruiter`` or
``reviewer`` (default).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from interview_ai_lab_web.interviews.models import Membership, Organisation


class Command(BaseCommand):
    """``manage.py add_member``: a user joins an organisation with a role, or changes role."""

    help = "Add USER to the organisation ORG (name or id) with a role, or change their role."

    def add_arguments(self, parser: CommandParser) -> None:
        """The organisation (name or id), the username and ``--role``."""
        parser.add_argument("organisation", help="the organisation's name or id")
        parser.add_argument("username")
        parser.add_argument("--role", default=Membership.Role.REVIEWER, choices=Membership.Role.values)

    def handle(self, *args: Any, **options: Any) -> None:
        """Add the membership or change its role.

        Raises:
            CommandError: No such organisation or user.
        """
        key = options["organisation"]
        try:
            org = Organisation.objects.filter(pk=uuid.UUID(key)).first()
        except ValueError:
            org = Organisation.objects.filter(name=" ".join(key.split())).first()
        if org is None:
            raise CommandError(f"no organisation {key!r}")
        user = get_user_model()._default_manager.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user named {options['username']!r}")
        m, created = Membership.objects.update_or_create(user=user, organisation=org,
                                                         defaults={"role": options["role"]})
        if options["verbosity"] >= 1:
            self.stdout.write(f"{user.username!r} {'added to' if created else 'is now'} {org.name!r} as {m.role}.")
