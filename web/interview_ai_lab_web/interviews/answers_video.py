"""A submitted invitation becomes one interview of its position: the chosen takes joined, each answer's span known.

A worker (task ``interviews.tasks.assemble_answers``) copies the chosen take of each answered
question to a scratch folder, joins them in question order
(:func:`interview_ai_lab.media.join.join_recordings`: one MP4, each answer exactly at
``[start, end)``), stores the result through the storage API as the interview's video, and
records each answer's span in ``Interview.answer_spans`` (a question without answer has none:
the analysis reports it missing, never a zero). The analysis is then queued as for an upload;
it passes the spans to the pipeline (``start``/``end`` per question), so no boundary is guessed.

The invitation row is locked while this runs, so a message delivered twice makes one interview;
one that could not be sent, or whose worker died, is sent again by ``sweep`` (celery beat, and at
a worker's start) up to ``IAL_MAX_ATTEMPTS`` times. The scratch folder is removed however it ends.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from interview_ai_lab.runtime.errors import AnalysisError

from . import audit, invitations, permissions, positions
from .models import AuditEvent, Interview, Invitation, Membership, Take
from .takes import local_copy

logger = logging.getLogger(__name__)

#: The Celery task that runs :func:`assemble` (see :mod:`interviews.tasks`).
TASK = "interviews.tasks.assemble_answers"


def queue_assembly(invitation_id: Any) -> None:
    """Send the message that makes the interview of a submitted invitation (never raises: the sweep resends)."""
    now = timezone.now()
    Invitation.objects.filter(pk=invitation_id).update(assembly_queued_at=now, updated_at=now)
    try:
        from interview_ai_lab_web.celery import app

        app.tasks[TASK].apply_async(args=[str(invitation_id)])
    except Exception as e:  # broker down: the sweep sends it again
        logger.error("invitation %s: could not queue the answers' video: %s", invitation_id, e)


def owner_of(invitation: Invitation) -> Any:
    """The user an interview made from the invitation belongs to: who invited, else an editor of the organisation."""
    position = invitation.position
    for user in (invitation.created_by, position.created_by):
        if user is not None and user.is_active and permissions.is_editor(user, position.organisation_id):
            return user
    membership = Membership.objects.filter(organisation_id=position.organisation_id,
                                           role__in=permissions.EDITOR_ROLES, user__is_active=True).select_related(
        "user").order_by("role", "created_at").first()
    return membership.user if membership is not None else None


def answer_spans(question_count: int, answered: list[int], spans: list[Any]) -> list[dict[str, Any]]:
    """``[{"question_index", "start", "end"}]`` for every question (None times: not answered).

    >>> from interview_ai_lab.media.join import Span
    >>> answer_spans(3, [1, 3], [Span(0.0, 4.0, 4.01), Span(4.0, 9.5, 5.5)])  # doctest: +NORMALIZE_WHITESPACE
    [{'question_index': 1, 'start': 0.0, 'end': 4.0}, {'question_index': 2, 'start': None, 'end': None},
     {'question_index': 3, 'start': 4.0, 'end': 9.5}]
    """
    by_index = dict(zip(answered, spans))
    out = []
    for i in range(1, question_count + 1):
        span = by_index.get(i)
        out.append({"question_index": i, "start": span.start if span else None, "end": span.end if span else None})
    return out


def _fail(invitation: Invitation, reason: str) -> None:
    logger.warning("invitation %s: the answers' video could not be made: %s", invitation.pk, reason)
    Invitation.objects.filter(pk=invitation.pk).update(assembly_error=reason[:2000], updated_at=timezone.now())


def assemble(invitation_id: Any) -> Interview | None:
    """Make the interview of a submitted invitation (see the module docstring); None when not ours to make."""
    from interview_ai_lab.media.ffmpeg import probe
    from interview_ai_lab.media.join import join_recordings

    with transaction.atomic():
        invitation = (Invitation.objects.select_for_update(skip_locked=True, of=("self",))
                      .select_related("position", "position__organisation")
                      .filter(pk=invitation_id, submitted_at__isnull=False, interview__isnull=True).first())
        if invitation is None:
            return None
        invitation.assembly_attempts += 1
        invitation.save(update_fields=["assembly_attempts"])
        position = invitation.position
        owner = owner_of(invitation)
        if owner is None:
            _fail(invitation, "no administrator or recruiter of the organisation is left to own the interview")
            return None
        takes = list(invitation.takes.filter(chosen=True, state=Take.State.RECEIVED).order_by("question_index"))
        if not takes:
            _fail(invitation, "the candidate sent no usable answer")
            return None
        scratch = Path(tempfile.mkdtemp(prefix="ial-answers-"))
        try:
            inputs = [local_copy(t, scratch) for t in takes]
            joined = scratch / "answers.mp4"
            try:
                spans = join_recordings(inputs, joined, threads=settings.IAL_PIPELINE_THREADS or 0)
            except AnalysisError as e:
                _fail(invitation, str(e))
                return None
            interview = Interview(
                owner=owner, candidate_name=invitation.candidate_name, original_filename="answers.mp4",
                video_size=joined.stat().st_size, consent=True, consent_at=invitation.consent_at,
                consent_text=invitation.consent_text, consent_version=invitation.consent_version,
                answer_spans=answer_spans(len(position.questions or []), [t.question_index for t in takes], spans),
                media_info={**probe(joined).as_dict(),
                            "one_way": {"answers": len(takes), "invitation": str(invitation.pk)}})
            positions.apply_to_interview(interview, position)
            with open(joined, "rb") as f:
                interview.video.save("answers.mp4", File(f), save=False)
            interview.save()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        invitation.interview = interview
        invitation.assembly_error = ""
        invitation.save(update_fields=["interview", "assembly_error", "updated_at"])
        invitations.attach_trail(invitation, interview.pk)
        positions.ensure_rubrics(position, user=None)
        audit.record(AuditEvent.Action.UPLOAD, interview_id=interview.pk, user=None, details={
            "video_size": interview.video_size, "mode": interview.mode, "language": interview.language,
            "questions": len(interview.questions or []), "consent": True,
            "consent_version": interview.consent_version, "consent_language": invitation.language,
            "position": str(position.pk), "invitation": str(invitation.pk), "answers": len(takes)})
        transaction.on_commit(lambda: _queue_analysis(interview.pk))
    logger.info("invitation %s: interview %s made of %d answers (%.1f s)", invitation.pk, interview.pk, len(takes),
                spans[-1].end)
    return interview


def _queue_analysis(interview_id: Any) -> None:
    from .analysis import queue_analysis

    try:
        queue_analysis(interview_id, user=None)
    except Exception:  # the interview is kept; a recruiter can press Analyse once the broker is back
        logger.exception("could not queue the analysis of %s", interview_id)


def sweep(*, now: Any = None) -> list[str]:
    """Send again the making of interviews submitted but not made; return the ids of the invitations acted on.

    An interview is sent again when still not made ``IAL_STALE_SEC`` seconds (at least 60) after its making was
    queued (message lost, worker died), up to ``IAL_MAX_ATTEMPTS`` tries.
    """
    now = now or timezone.now()
    stale = Invitation.objects.filter(
        submitted_at__isnull=False, interview__isnull=True, assembly_error="",
        assembly_attempts__lt=settings.IAL_MAX_ATTEMPTS,
        assembly_queued_at__lt=now - timedelta(seconds=max(settings.IAL_STALE_SEC, 60)))
    acted = []
    for invitation in stale:
        queue_assembly(invitation.pk)
        acted.append(str(invitation.pk))
    if acted:
        logger.warning("sent again the answers' video of %d submitted invitations", len(acted))
    return acted
