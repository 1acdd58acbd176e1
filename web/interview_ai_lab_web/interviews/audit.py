"""The audit trail: :func:`record` one :class:`~interviews.models.AuditEvent` per action on an interview; :func:`trail`."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db.models import QuerySet

from .models import AuditEvent

logger = logging.getLogger(__name__)


def record(action: str, *, interview_id: uuid.UUID | str | None, user: Any = None,
           details: dict[str, Any] | None = None) -> AuditEvent:
    """Store who (``user``; None: the system) did ``action`` to which interview, now.

    ``details`` must hold no personal data of the candidate (see ``AuditEvent``).
    """
    actor = user if getattr(user, "is_authenticated", False) else None
    return AuditEvent.objects.create(action=action, interview_id=interview_id, actor=actor,
                                     actor_username=getattr(actor, "username", "") or "", details=details or {})


def trail(interview_id: uuid.UUID | str, *, limit: int = 1000) -> QuerySet[AuditEvent]:
    """The audit trail of one interview, newest first (at most ``limit`` events)."""
    return AuditEvent.objects.filter(interview_id=interview_id).order_by("-created_at", "-id")[:limit]
