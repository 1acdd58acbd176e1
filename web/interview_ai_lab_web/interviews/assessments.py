"""The recruiter's assessment and decision on an interview (the scores assist, the decision is a person's)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import AuditEvent, Interview

logger = logging.getLogger(__name__)

_UNSET: Any = object()


def _rubric_versions(interview: Interview) -> dict[str, int] | None:
    """The rubric version per question (1-based, as text keys) that scored the current report; None if none."""
    if interview.report_version:
        rv = interview.report_versions.filter(version=interview.report_version).only("rubric_versions").first()
        if rv is not None and rv.rubric_versions is not None:
            return rv.rubric_versions
    return None


def save_assessment(interview: Interview, *, user: Any, assessment: str = _UNSET, decision: str = _UNSET
                    ) -> Interview:
    """Store the notes and/or the decision given (``decided_by``/``decided_at`` set), audited as ``assessment``.

    The audit event holds who (its actor), when (``decided_at``), the decision, whether the notes
    and the decision changed, the report version the person read and the rubric versions that
    scored it (recorded when its analysis was queued); never the notes.

    Raises:
        ValueError: ``decision`` is not one of ``Interview.Decision``.
    """
    if decision is not _UNSET and decision not in Interview.Decision.values:
        raise ValueError(f"unknown decision {decision!r}")
    with transaction.atomic():
        if assessment is not _UNSET:
            interview.assessment = assessment
        if decision is not _UNSET:
            interview.decision = decision
        interview.decided_by = user if getattr(user, "is_authenticated", False) else None
        interview.decided_at = timezone.now()
        interview.save(update_fields=["assessment", "decision", "decided_by", "decided_at", "updated_at"])
        audit.record(AuditEvent.Action.ASSESSMENT, interview_id=interview.pk, user=user, details={
            "decision": interview.decision, "assessment_changed": assessment is not _UNSET,
            "decision_changed": decision is not _UNSET,
            "decided_at": interview.decided_at.isoformat(), "report_version": interview.report_version,
            "rubric_versions": _rubric_versions(interview)})
    return interview
