"""The deciders' notes and decision on an interview (the scores assist, the decision is a person's).

Only an organisation's admins and recruiters (or the uploader of an interview without one) write them;
the others who see the interview keep their own words and ratings in a scorecard (:mod:`interviews.scorecards`).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import audit, scorecards
from .locking import lock_row
from .models import AssessmentNote, AuditEvent, Interview
from .permissions import can_assess_interview

logger = logging.getLogger(__name__)

_UNSET: Any = object()


def _rubric_versions(interview: Interview) -> dict[str, int] | None:
    """The rubric version per question (1-based, as text keys) that scored the current report; None if none."""
    if interview.report_version:
        rv = interview.report_versions.filter(version=interview.report_version).only("rubric_versions").first()
        if rv is not None and rv.rubric_versions is not None:
            return rv.rubric_versions
    return None


class ReviewerUsesScorecard(PermissionError):
    """The caller sees the interview but may not write its notes nor decide: their words go in their scorecard."""


def save_assessment(interview: Interview, *, user: Any, assessment: str = _UNSET, decision: str = _UNSET
                    ) -> Interview:
    """Store the deciders' notes and/or the decision given, audited as ``assessment``.

    ``decided_by``/``decided_at`` change only when the decision changes value; ``assessment_by``/
    ``assessment_at`` only when the notes' text does, and the text it replaces is kept as an
    :class:`~interviews.models.AssessmentNote` (no one's words are lost). ``user`` None is the system
    (a script); a user must be one who may decide (:func:`~interviews.permissions.can_assess_interview`).

    The audit event holds who (its actor), when, the decision (and the previous one), whether the
    notes and the decision changed, the report version the person read, the rubric versions that
    scored it and the submitted scorecards they could see (``ratings_seen``); never the notes.

    Raises:
        ValueError: ``decision`` is not one of ``Interview.Decision``.
        ReviewerUsesScorecard: ``user`` may see the interview but not decide.
    """
    if decision is not _UNSET and decision not in Interview.Decision.values:
        raise ValueError(f"unknown decision {decision!r}")
    actor = user if getattr(user, "is_authenticated", False) else None
    if actor is not None and not can_assess_interview(actor, interview):
        raise ReviewerUsesScorecard("only the organisation's admins and recruiters write the interview's notes "
                                    "and decide: write your notes in your scorecard")
    with transaction.atomic():
        lock_row(interview)
        interview.refresh_from_db(fields=["assessment", "decision", "decided_by", "decided_at", "assessment_by",
                                          "assessment_at", "updated_at"])
        now = timezone.now()
        previous = interview.decision
        text_changed = assessment is not _UNSET and assessment != interview.assessment
        decision_changed = decision is not _UNSET and decision != interview.decision
        fields = ["updated_at"]
        if text_changed:
            if interview.assessment.strip():  # the words it replaces are kept, with their author
                AssessmentNote.objects.create(interview=interview, author_id=interview.assessment_by_id,
                                              text=interview.assessment,
                                              created_at=interview.assessment_at or interview.updated_at or now)
            interview.assessment, interview.assessment_by, interview.assessment_at = assessment, actor, now
            fields += ["assessment", "assessment_by", "assessment_at"]
        if decision_changed:
            interview.decision, interview.decided_by, interview.decided_at = decision, actor, now
            fields += ["decision", "decided_by", "decided_at"]
        if len(fields) > 1:
            interview.save(update_fields=fields)
        audit.record(AuditEvent.Action.ASSESSMENT, interview_id=interview.pk, user=user, details={
            "decision": interview.decision, "previous_decision": previous, "assessment_changed": text_changed,
            "decision_changed": decision_changed,
            "decided_at": interview.decided_at.isoformat() if interview.decided_at else None,
            "report_version": interview.report_version, "rubric_versions": _rubric_versions(interview),
            "ratings_seen": scorecards.ratings_seen(interview, actor) if actor is not None else []})
    return interview


def history(interview: Interview) -> list[AssessmentNote]:
    """The earlier versions of the interview's notes, newest first."""
    return list(interview.assessment_notes.select_related("author").order_by("-created_at", "-id"))
