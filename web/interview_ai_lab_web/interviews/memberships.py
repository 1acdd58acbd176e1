"""The members of an organisation: who manages them, adding one, changing a role, removing one.

An organisation always keeps at least one administrator; a member removed is also removed
from the reviewers of every position of the organisation.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404
from rest_framework.exceptions import PermissionDenied, ValidationError

from . import permissions
from .models import Membership, Organisation

logger = logging.getLogger(__name__)


def member_row(m: Membership) -> dict[str, Any]:
    """``{user_id, username, role}`` of a membership."""
    return {"user_id": m.user_id, "username": m.user.username, "role": m.role}


def managed_organisation(user: Any, organisation_id: Any) -> Organisation:
    """The organisation if ``user`` is a member (else 404) and an administrator of it (else 403)."""
    role = permissions.role_in(user, organisation_id)
    if role is None:
        raise Http404
    if role != Membership.Role.ADMIN:
        raise PermissionDenied("only an administrator of the organisation manages its members")
    return Organisation.objects.get(pk=organisation_id)


def members(org: Organisation) -> list[dict[str, Any]]:
    """The organisation's members (:func:`member_row`), by username."""
    return [member_row(m) for m in org.memberships.select_related("user").order_by("user__username")]


def add_member(org: Organisation, user: Any, role: str, *, by: Any) -> Membership:
    """Make ``user`` (None: no such user) a member with ``role``; ``by`` is who asks (logged).

    Raises:
        ValidationError: no such user, or already a member.
    """
    if user is None:
        raise ValidationError({"username": ["no such user"]})
    m, created = Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
    if not created:
        raise ValidationError({"username": ["already a member"]})
    logger.info("organisation %s: %s added as %s by %s", org.pk, user.username, m.role, by)
    return m


def membership(org: Organisation, user_id: Any) -> Membership:
    """The membership of user ``user_id`` in the organisation (404 when not a member)."""
    m = org.memberships.select_related("user").filter(user_id=int(user_id or 0)).first()
    if m is None:
        raise Http404
    return m


def _keeps_an_admin(org: Organisation, m: Membership) -> None:
    """Refuse (400) a change that would leave the organisation without an administrator."""
    if m.role == Membership.Role.ADMIN and not org.memberships.filter(
            role=Membership.Role.ADMIN).exclude(pk=m.pk).exists():
        raise ValidationError({"role": ["the organisation must keep at least one administrator"]})


def change_role(org: Organisation, m: Membership, role: str) -> Membership:
    """Give the member ``role`` (the last administrator stays one)."""
    if role != Membership.Role.ADMIN:
        _keeps_an_admin(org, m)
    m.role = role
    m.save(update_fields=["role"])
    return m


def remove_member(org: Organisation, m: Membership) -> None:
    """Remove the member (the last administrator stays), and from the reviewers of the organisation's positions."""
    _keeps_an_admin(org, m)
    for p in org.positions.filter(reviewers=m.user):
        p.reviewers.remove(m.user)
    m.delete()
