"""Who may see and change what: small predicates over users, organisations, positions and interviews.

- An interview without an organisation is its uploader's only (the coaching flow, as ever).
- An interview of an organisation is seen and changed by that organisation's ``admin`` and
  ``recruiter`` members, and seen (and assessed in words, no decision) by the ``reviewer``
  members added to its position.
- Whoever cannot see an object gets 404 (the querysets are filtered); whoever sees it but
  may not change it gets 403.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import Interview, Membership, Organisation, Position

logger = logging.getLogger(__name__)

#: Roles that manage positions, upload, analyse, edit rubrics and decide.
EDITOR_ROLES = (Membership.Role.ADMIN, Membership.Role.RECRUITER)


def _uid(user: Any) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) else None


def as_uuid(value: Any) -> uuid.UUID | None:
    """``value`` (a UUID or its text) as a UUID, or None when it is not one (a malformed id is no object: 404)."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def role_in(user: Any, organisation: Organisation | Any) -> str | None:
    """The user's role in the organisation (an object or its id), or None when not a member (or not an id)."""
    uid = _uid(user)
    if uid is None or organisation is None:
        return None
    org_id = as_uuid(getattr(organisation, "pk", organisation))
    if org_id is None:
        return None
    return Membership.objects.filter(user_id=uid, organisation_id=org_id).values_list("role", flat=True).first()


def is_admin(user: Any, organisation: Organisation | Any) -> bool:
    """The user administers the organisation (manages its members)."""
    return role_in(user, organisation) == Membership.Role.ADMIN


def is_editor(user: Any, organisation: Organisation | Any) -> bool:
    """The user is an admin or a recruiter of the organisation."""
    return role_in(user, organisation) in EDITOR_ROLES


def can_see_position(user: Any, position: Position) -> bool:
    """An admin or recruiter of its organisation, or a reviewer member added to it."""
    role = role_in(user, position.organisation_id)
    if role in EDITOR_ROLES:
        return True
    return role == Membership.Role.REVIEWER and position.reviewers.filter(pk=_uid(user)).exists()


def can_edit_position(user: Any, position: Position) -> bool:
    """An admin or recruiter of the position's organisation."""
    return is_editor(user, position.organisation_id)


def can_see_interview(user: Any, interview: Interview) -> bool:
    """Its uploader (no organisation), its organisation's editors, or a reviewer of its position."""
    if interview.organisation_id is None:
        return interview.owner_id == _uid(user)
    if is_editor(user, interview.organisation_id):
        return True
    return interview.position_id is not None and can_see_position(user, interview.position)


def can_edit_interview(user: Any, interview: Interview) -> bool:
    """Its uploader (no organisation), or an admin or recruiter of its organisation."""
    if interview.organisation_id is None:
        return interview.owner_id == _uid(user)
    return is_editor(user, interview.organisation_id)


def can_assess_interview(user: Any, interview: Interview) -> bool:
    """Write the interview's notes and decide: its editors only (a reviewer's words go in their scorecard)."""
    return can_edit_interview(user, interview)


def editor_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations where the user is an admin or a recruiter."""
    return Organisation.objects.filter(memberships__user_id=_uid(user), memberships__role__in=EDITOR_ROLES)


def visible_positions(user: Any) -> QuerySet[Position]:
    """Positions of the organisations the user edits, and those they review (still a member)."""
    uid = _uid(user)
    reviewed = Q(reviewers__pk=uid, organisation__memberships__user_id=uid,
                 organisation__memberships__role=Membership.Role.REVIEWER)
    ids = Position.objects.filter(Q(organisation__in=editor_organisations(user)) | reviewed).values("pk")
    return Position.objects.filter(pk__in=ids)


def visible_interviews(user: Any) -> QuerySet[Interview]:
    """Own interviews without organisation, interviews of organisations the user edits, of positions they review."""
    uid = _uid(user)
    return Interview.objects.filter(
        Q(organisation__isnull=True, owner_id=uid)
        | Q(organisation__in=editor_organisations(user))
        | Q(position__in=visible_positions(user).filter(reviewers__pk=uid)))


#: Interview actions a reviewer (who sees the interview) may call; every other one is a change (403).
_READ_ACTIONS = frozenset({"list", "retrieve", "report", "reports", "report_version", "video", "questions",
                           "rubric_versions", "audit_log", "scorecards"})
#: Interview actions everyone who sees the interview may call, writes included (their own scorecard).
_OWN_ACTIONS = frozenset({"scorecard"})
#: The refusal of the deciders' notes and decision to a reviewer (403).
REVIEWER_USES_SCORECARD = {"detail": "only the organisation's admins and recruiters write the interview's notes and "
                           "decide: write your notes and ratings in your scorecard",
                           "error_code": "reviewer_uses_scorecard", "error_params": {}}


class InterviewAccess(BasePermission):
    """Object permission of the interview endpoints (the queryset already hides what a user cannot see)."""

    def has_object_permission(self, request, view, obj: Interview) -> bool:
        """Editors may do anything; others who see it may read it and keep their own scorecard.

        The deciders' notes and decision refused to a reviewer answer ``error_code: reviewer_uses_scorecard``.
        """
        if can_edit_interview(request.user, obj):
            return True
        action = getattr(view, "action", "")
        if action == "assessment" and not can_assess_interview(request.user, obj):
            raise PermissionDenied(REVIEWER_USES_SCORECARD)
        if action in _OWN_ACTIONS:
            return True
        if action == "rubric":
            return request.method in SAFE_METHODS
        return action in _READ_ACTIONS and request.method in SAFE_METHODS


class PositionAccess(BasePermission):
    """Reading a visible position is allowed; changing it needs an admin or a recruiter (else 403)."""

    def has_object_permission(self, request, view, obj: Position) -> bool:
        """Reads are allowed (the adverse-impact report excepted); changes need :func:`can_edit_position`."""
        if request.method in SAFE_METHODS and getattr(view, "action", "") != "adverse_impact":
            return True
        return can_edit_position(request.user, obj)

