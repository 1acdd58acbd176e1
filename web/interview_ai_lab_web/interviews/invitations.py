"""Invitations to a one-way interview: the link's token, the states, what a recruiter does with one.

A link is ``<IAL_PUBLIC_URL>/#/invitation/<token>``: the token is 32 random bytes (256 bits,
``secrets.token_urlsafe``) and only its SHA-256 is stored, so a stolen database gives no
working link and the link cannot be shown again: making it again (:func:`remake_link`, also
what sending the e-mail again does) gives a new token and the old link stops working. The
token stays in the URL's fragment, which a browser never sends to a server; the candidate page
sends it in the ``X-Invitation-Token`` header.

Every change is audited (``invite``, ``invite_send``, ``invite_edit``, ``invite_revoke``,
``invite_delete``) with the invitation's and the position's ids, never the candidate's name or
address; once the answers become an interview, the invitation's events are attached to it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditEvent, Invitation, Position, Take

logger = logging.getLogger(__name__)

#: Random bytes of a link's token (256 bits; the issue asks for at least 128).
TOKEN_BYTES = 32
#: The path of the candidate page, before the token (a fragment: never sent to a server).
LINK_PATH = "/#/invitation/"


class InvitationClosed(Exception):
    """The invitation can no longer change this way (submitted, revoked); ``str(e)`` says why."""


def new_token() -> str:
    """A fresh token: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256 in hex (a token has 256 bits: no salt or slow hash is needed).

    >>> token_hash("abc")
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_for(token: str, *, base_url: str) -> str:
    """The candidate's link: ``base_url`` (``IAL_PUBLIC_URL`` when set) followed by ``/#/invitation/<token>``."""
    base = (settings.IAL_PUBLIC_URL or base_url).rstrip("/")
    return f"{base}{LINK_PATH}{token}"


def find(token: str | None) -> Invitation | None:
    """The invitation whose link carries ``token`` (any state), or None (no such link, or a malformed token)."""
    if not token or len(token) > 200:
        return None
    return Invitation.objects.select_related("position", "position__organisation").filter(
        token_hash=token_hash(token)).first()


def question_count(position: Position) -> int:
    """How many questions the candidate answers (the position's)."""
    return len(position.questions or [])


def answered_count(invitation: Invitation) -> int:
    """Questions with a usable recording (received), or with a chosen one once submitted."""
    takes = invitation.takes.filter(state=Take.State.RECEIVED)
    if invitation.submitted_at is not None:
        takes = takes.filter(chosen=True)
    return takes.values("question_index").distinct().count()


def failed_answers(invitation: Invitation) -> list[dict[str, Any]]:
    """Questions whose every recording failed, ``[{"question_index", "error"}]`` (the last failure's code)."""
    by_q: dict[int, list[Take]] = {}
    for take in invitation.takes.exclude(state=Take.State.DISCARDED).order_by("question_index", "number"):
        by_q.setdefault(take.question_index, []).append(take)
    out = []
    for index, takes in sorted(by_q.items()):
        if takes and all(t.state == Take.State.FAILED for t in takes):
            out.append({"question_index": index, "error": takes[-1].error})
    return out


def record_event(action: str, invitation: Invitation, *, user: Any = None, **details: Any) -> None:
    """Audit ``action`` on the invitation (its id and its position's; ``details`` hold no personal data)."""
    audit.record(action, interview_id=invitation.interview_id, user=user,
                 details={"invitation": str(invitation.pk), "position": str(invitation.position_id), **details})


def default_deadline(now: datetime | None = None) -> datetime:
    """Now plus ``IAL_INVITATION_DAYS`` days."""
    return (now or timezone.now()) + timedelta(days=settings.IAL_INVITATION_DAYS)


def create(position: Position, *, candidate_name: str, email: str = "", language: str = "fr",
           deadline: datetime | None = None, user: Any = None) -> tuple[Invitation, str]:
    """A new invitation to ``position``; returns it with its token (the only time the token exists in clear)."""
    token = new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            position=position, candidate_name=candidate_name, email=email, language=language,
            deadline=deadline or default_deadline(), token_hash=token_hash(token),
            created_by=user if getattr(user, "is_authenticated", False) else None)
        record_event(AuditEvent.Action.INVITE, invitation, user=user, language=language, email=bool(email),
               deadline=invitation.deadline.isoformat())
    logger.info("invitation %s to position %s made by %s", invitation.pk, position.pk, user)
    return invitation, token


def _open_for_change(invitation: Invitation, what: str) -> Invitation:
    """The invitation locked for a change; InvitationClosed once submitted or revoked."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.submitted_at is not None:
        raise InvitationClosed(f"the candidate has already sent their answers: the invitation cannot {what}")
    if locked.revoked_at is not None:
        raise InvitationClosed(f"the invitation is revoked: it cannot {what}")
    return locked


def remake_link(invitation: Invitation, *, user: Any = None, emailed: bool = False) -> tuple[Invitation, str]:
    """A new token for the invitation (the previous link stops working); returns it with the token.

    Raises:
        InvitationClosed: submitted or revoked.
    """
    token = new_token()
    with transaction.atomic():
        locked = _open_for_change(invitation, "get a new link")
        locked.token_hash = token_hash(token)
        locked.link_made_at = timezone.now()
        locked.save(update_fields=["token_hash", "link_made_at", "updated_at"])
        record_event(AuditEvent.Action.INVITE_SEND, locked, user=user, emailed=emailed)
    return locked, token


def mark_emailed(invitation: Invitation) -> Invitation:
    """Record that the link was e-mailed now."""
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(email_sent_at=now, email_count=invitation.email_count + 1,
                                                       updated_at=now)
    invitation.refresh_from_db()
    return invitation


def update(invitation: Invitation, *, user: Any = None, **fields: Any) -> Invitation:
    """Change the candidate's name, e-mail, language or deadline (e.g. a later deadline) of an open invitation.

    Raises:
        InvitationClosed: submitted or revoked.
    """
    allowed = {k: v for k, v in fields.items() if k in ("candidate_name", "email", "language", "deadline")}
    with transaction.atomic():
        locked = _open_for_change(invitation, "change")
        for key, value in allowed.items():
            setattr(locked, key, value)
        locked.save()
        record_event(AuditEvent.Action.INVITE_EDIT, locked, user=user, fields=sorted(allowed))
    return locked


def revoke(invitation: Invitation, *, user: Any = None) -> Invitation:
    """Revoke the invitation: its link stops working at once (what was recorded is kept until deleted).

    Raises:
        InvitationClosed: already submitted (revoked twice: no change, no error).
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.submitted_at is not None:
            raise InvitationClosed("the candidate has already sent their answers: delete the interview instead")
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = user if getattr(user, "is_authenticated", False) else None
            locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
            record_event(AuditEvent.Action.INVITE_REVOKE, locked, user=user, state_before=invitation.state_at())
    return locked


def attach_trail(invitation: Invitation, interview_id: uuid.UUID) -> int:
    """Give the invitation's audit events (made before its interview existed) the interview's id; how many."""
    return AuditEvent.objects.filter(interview_id__isnull=True, details__invitation=str(invitation.pk)).update(
        interview_id=interview_id)
