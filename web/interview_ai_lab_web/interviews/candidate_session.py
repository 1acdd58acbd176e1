"""What the candidate page reads and does with an invitation's link: the session, consent, takes, choice, submit.

The candidate has no account: the link's token is the key (:func:`interviews.invitations.find`).
A link that is unknown (forged), revoked or past its deadline opens nothing: :func:`open_session`
raises :class:`LinkRefused` with a code (``invalid``, ``revoked``, ``expired``) and, for a real
link, only the invitation's language (to say so in the candidate's words), never any data.

The questions are the position's; each has takes (recordings, :mod:`interviews.takes`) up to the
position's ``takes`` (None: unlimited). A question is ``answered`` once a take was received,
``failed`` when every take failed and none is left, ``open`` otherwise; the candidate resumes at
the first open question. The newest received take of a question is the chosen one until the
candidate picks another (the review step). :func:`submit` keeps the chosen take of each question,
deletes every other take (never analysed) and has a worker put the answers together into one
interview of the position (:mod:`interviews.answers_video`). A submitted interview cannot change.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import invitations
from .consent import consent_text
from .models import AuditEvent, Invitation, Take
from .takes import delete_take_files

logger = logging.getLogger(__name__)


class LinkRefused(Exception):
    """The link opens nothing: ``code`` is ``invalid``, ``revoked`` or ``expired``.

    ``language`` is the invitation's ("" for a forged link).
    """

    def __init__(self, code: str, language: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.language = language


class NotAllowed(Exception):
    """The candidate cannot do this now (no take left, consent first, already sent…): ``code`` and ``params``."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def open_session(token: str | None, *, grace: bool = False) -> Invitation:
    """The invitation of a link that still works (submitted ones too: their page says so).

    Args:
        token: The link's token.
        grace: Accept a link up to ``IAL_TAKE_GRACE_SEC`` past its deadline (an upload that started
            before it may finish, and the answers be sent).

    Raises:
        LinkRefused: a forged, revoked or expired link.
    """
    invitation = invitations.find(token)
    if invitation is None:
        raise LinkRefused("invalid")
    if invitation.revoked_at is not None:
        raise LinkRefused("revoked", invitation.language)
    late = timedelta(seconds=settings.IAL_TAKE_GRACE_SEC if grace else 0)
    if invitation.submitted_at is None and invitation.deadline + late <= timezone.now():
        raise LinkRefused("expired", invitation.language)
    return invitation


def mark_opened(invitation: Invitation) -> None:
    """Record the first opening of the link (audited once)."""
    if invitation.opened_at is not None:
        return
    now = timezone.now()
    if Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now, updated_at=now):
        invitation.opened_at = now
        invitations.record_event(AuditEvent.Action.INVITE_OPEN, invitation)


def takes_allowed(invitation: Invitation) -> int | None:
    """Takes per question (None: unlimited)."""
    return invitation.position.takes


def _question_rows(invitation: Invitation) -> list[dict[str, Any]]:
    allowed = takes_allowed(invitation)
    by_q: dict[int, list[Take]] = {}
    for take in invitation.takes.order_by("question_index", "number"):
        by_q.setdefault(take.question_index, []).append(take)
    rows = []
    for i, q in enumerate(invitation.position.questions or [], 1):
        takes = by_q.get(i, [])
        used = len(takes)
        left = None if allowed is None else max(0, allowed - used)
        received = [t for t in takes if t.state == Take.State.RECEIVED]
        if received:
            status = "answered"
        elif left == 0 and not any(t.state == Take.State.UPLOADING for t in takes):
            status = "failed"
        else:
            status = "open"
        rows.append({
            "index": i, "text": q["text"], "status": status, "takes_used": used, "takes_left": left,
            "takes": [{"id": str(t.pk), "number": t.number, "state": t.state, "error": t.error,
                       "duration_sec": t.duration_sec, "chosen": t.chosen, "upload_offset": t.upload_offset,
                       "upload_length": t.upload_length} for t in takes if t.state != Take.State.DISCARDED],
        })
    return rows


def session(invitation: Invitation) -> dict[str, Any]:
    """Everything the candidate page shows (see ``CandidateSessionSerializer``)."""
    position = invitation.position
    rows = _question_rows(invitation)
    days = position.retention_days if position.retention_days is not None else settings.IAL_RETENTION_DAYS
    next_question = next((r["index"] for r in rows if r["status"] == "open"), None)
    return {
        "state": invitation.state, "language": invitation.language, "candidate_name": invitation.candidate_name,
        "deadline": invitation.deadline,
        "position": {"title": position.title, "description": position.description,
                     "organisation": position.organisation.name},
        "consent": {"text": consent_text(invitation.language), "version": settings.IAL_CONSENT_VERSION,
                    "given_at": invitation.consent_at, "retention_days": days},
        "settings": {"think_time_sec": position.think_time_sec, "answer_time_sec": position.answer_time_sec,
                     "takes": position.takes, "practice_question": position.practice_question,
                     "max_take_mb": settings.IAL_TAKE_MAX_MB},
        "questions": rows, "next_question": next_question,
        "answered": sum(1 for r in rows if r["status"] == "answered"), "submitted_at": invitation.submitted_at,
    }


def _lock_unsent(invitation: Invitation, *, consent_first: bool = False, with_position: bool = False) -> Invitation:
    """The invitation read again and locked for update (inside a transaction), while its answers are not sent.

    Args:
        invitation: The candidate's invitation.
        consent_first: Also refuse before the candidate's consent.
        with_position: Read its position in the same query (locked too).

    Raises:
        NotAllowed: already sent (``submitted``); no consent yet (``consent_required``) when ``consent_first``.
    """
    query = Invitation.objects.select_for_update()
    if with_position:
        query = query.select_related("position")
    locked = query.get(pk=invitation.pk)
    if locked.submitted_at is not None:
        raise NotAllowed("submitted", "the answers were already sent")
    if consent_first and locked.consent_at is None:
        raise NotAllowed("consent_required", "the candidate's consent comes first")
    return locked


def give_consent(invitation: Invitation) -> Invitation:
    """Record the candidate's consent to the deployment's text in the invitation's language, with its version.

    Raises:
        NotAllowed: the answers were already sent.
    """
    with transaction.atomic():
        locked = _lock_unsent(invitation)
        if locked.consent_at is None:
            locked.consent_at = timezone.now()
            locked.consent_text = consent_text(locked.language)
            locked.consent_version = settings.IAL_CONSENT_VERSION
            locked.save(update_fields=["consent_at", "consent_text", "consent_version", "updated_at"])
            invitations.record_event(AuditEvent.Action.CONSENT, locked, consent_version=locked.consent_version,
                               consent_language=locked.language)
    return locked


def new_take(invitation: Invitation, *, question_index: int, upload_length: int, content_type: str) -> Take:
    """A new take of question ``question_index`` of ``upload_length`` bytes (the tus creation).

    Raises:
        NotAllowed: no consent yet (``consent_required``), already sent (``submitted``), no such
            question (``no_question``), no take left (``no_take_left``), too large (``too_large``).
    """
    with transaction.atomic():
        locked = _lock_unsent(invitation, consent_first=True, with_position=True)
        if not 1 <= question_index <= len(locked.position.questions or []):
            raise NotAllowed("no_question", f"there is no question {question_index}")
        if upload_length > settings.IAL_TAKE_MAX_MB * 1024 * 1024:
            raise NotAllowed("too_large", f"a recording may hold at most {settings.IAL_TAKE_MAX_MB} MB",
                             max_mb=settings.IAL_TAKE_MAX_MB)
        takes = locked.takes.filter(question_index=question_index)
        allowed = takes_allowed(locked)
        if allowed is not None and takes.count() >= allowed:
            raise NotAllowed("no_take_left", f"every take of question {question_index} was used", takes=allowed)
        number = (takes.aggregate(m=Max("number"))["m"] or 0) + 1
        return Take.objects.create(invitation=locked, question_index=question_index, number=number,
                                   upload_length=upload_length, content_type=content_type[:100])


def take_of(invitation: Invitation, take_id: Any) -> Take | None:
    """The invitation's take ``take_id``, or None."""
    try:
        return invitation.takes.select_related("invitation__position").filter(pk=take_id).first()
    except (ValueError, TypeError):  # not a UUID
        return None


def after_upload(take: Take) -> None:
    """A take's last byte arrived: audit it, and make it the chosen answer of its question when usable."""
    if take.state == Take.State.RECEIVED:
        with transaction.atomic():
            Take.objects.filter(invitation_id=take.invitation_id, question_index=take.question_index).exclude(
                pk=take.pk).update(chosen=False)
            Take.objects.filter(pk=take.pk).update(chosen=True)
        take.chosen = True
    invitations.record_event(AuditEvent.Action.TAKE, take.invitation, question_index=take.question_index,
                       take=take.number, state=take.state, error=take.error, duration_sec=take.duration_sec)


def choose(invitation: Invitation, take: Take) -> Take:
    """Make ``take`` (a received one) the answer sent for its question.

    Raises:
        NotAllowed: already sent (``submitted``), or a take that is not usable (``not_usable``).
    """
    with transaction.atomic():
        locked = _lock_unsent(invitation)
        if take.state != Take.State.RECEIVED:
            raise NotAllowed("not_usable", "only a recording that was received can be chosen")
        Take.objects.filter(invitation=locked, question_index=take.question_index).update(chosen=False)
        Take.objects.filter(pk=take.pk).update(chosen=True)
    take.chosen = True
    return take


def submit(invitation: Invitation, *, queue: Any = None) -> Invitation:
    """Send the answers: keep the chosen take of each question, delete the others, have the interview made.

    A question with no usable take is sent unanswered only when no take is left (every one
    failed): it becomes a missing answer of the interview (never a zero score).

    Args:
        invitation: The candidate's invitation.
        queue: ``f(invitation_id)`` sending the job that makes the interview (default:
            :func:`interviews.answers_video.queue_assembly`), called after the commit.

    Raises:
        NotAllowed: already sent (``submitted``), no consent (``consent_required``), a question
            still open (``unanswered``, its index), an upload not finished (``uploading``).
    """
    if queue is None:
        from .answers_video import queue_assembly as queue
    with transaction.atomic():
        locked = _lock_unsent(invitation, consent_first=True, with_position=True)
        rows = _question_rows(locked)
        open_rows = [r["index"] for r in rows if r["status"] == "open"]
        if open_rows:
            busy = [r["index"] for r in rows if any(t["state"] == Take.State.UPLOADING for t in r["takes"])]
            if busy:
                raise NotAllowed("uploading", f"the recording of question {busy[0]} is still being sent",
                                 question=busy[0])
            raise NotAllowed("unanswered", f"question {open_rows[0]} has no answer yet", question=open_rows[0])
        keep: list[Take] = []
        for index in range(1, len(rows) + 1):
            received = list(locked.takes.filter(question_index=index, state=Take.State.RECEIVED).order_by("-number"))
            chosen = next((t for t in received if t.chosen), received[0] if received else None)
            if chosen is not None:
                keep.append(chosen)
        kept_ids = [t.pk for t in keep]
        dropped = list(locked.takes.exclude(pk__in=kept_ids))
        Take.objects.filter(pk__in=kept_ids).update(chosen=True)
        Take.objects.filter(pk__in=[t.pk for t in dropped]).delete()
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["submitted_at", "updated_at"])
        invitations.record_event(AuditEvent.Action.SUBMIT, locked, answered=len(keep), questions=len(rows),
                           missing=[r["index"] for r in rows if r["status"] != "answered"],
                           takes_deleted=len(dropped))
        transaction.on_commit(lambda: [delete_take_files(t) for t in dropped])
        transaction.on_commit(lambda: queue(locked.pk))
    logger.info("invitation %s submitted: %d answers kept, %d takes deleted", locked.pk, len(keep), len(dropped))
    return locked

