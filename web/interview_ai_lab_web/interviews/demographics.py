"""A candidate's self-declared demographics: declared with consent, erased on request, each change audited.

They serve the adverse-impact report only (:mod:`interviews.impact`); the API says whether they
were declared, never what. Without consent nothing is kept.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditEvent, Demographics, Interview

logger = logging.getLogger(__name__)


def declaration_of(interview: Interview) -> Demographics | None:
    """The interview's declaration (None: none)."""
    return Demographics.objects.filter(interview=interview).first()


def declare(interview: Interview, *, consent: bool, categories: dict[str, Any], user: Any) -> None:
    """Store ``categories`` with the candidate's consent (replacing any earlier ones), or, without it, keep nothing.

    The audit event says whether they were declared and how many categories, never their values.
    """
    with transaction.atomic():
        if consent:
            Demographics.objects.update_or_create(interview=interview, defaults={
                "values": categories, "consent_at": timezone.now()})
        else:  # no consent, nothing declared: nothing is kept
            Demographics.objects.filter(interview=interview).delete()
        audit.record(AuditEvent.Action.DEMOGRAPHICS, interview_id=interview.pk, user=user,
                     details={"declared": bool(consent), "categories": len(categories)})


def erase(interview: Interview, *, user: Any) -> bool:
    """Erase the interview's declaration (audited when there was one); True if there was one."""
    gone = Demographics.objects.filter(interview=interview).delete()[0] > 0
    if gone:
        audit.record(AuditEvent.Action.DEMOGRAPHICS, interview_id=interview.pk, user=user, details={"erased": True})
    return gone
