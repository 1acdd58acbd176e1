"""One life cycle for every job of an interview (its analysis, the blurring of its faces).

A job is PENDING once queued (with a fresh job id), RUNNING once a worker claimed it, then
DONE or ERROR. A :class:`JobKind` says which fields of :class:`~interviews.models.Interview`
hold a kind's state, which Celery task runs it, which command it runs and what its end
stores; the steps are the same for every kind:

- :func:`queue` locks the row and refuses (:class:`JobConflict`) while a job of any kind is
  queued or running (they all write into ``analyses/<id>/``), resets the job's fields with a
  new job id, sends the Celery message after the commit and writes the audit event;
- :func:`run` (the body of the Celery task) claims the job (:func:`claim`), runs its command
  as a supervised process group (:mod:`interviews.pipeline_process`), beats the heart (:func:`beat`)
  and ends it (:func:`finish`); a message whose job id is not the interview's current job
  is dropped, so no interview ever runs two jobs at once;
- :func:`sweep` (celery beat) finds the jobs whose worker is gone: a kind that is
  ``requeued`` is queued again (up to ``IAL_MAX_ATTEMPTS`` runs), another is ended with a
  reason, so it never blocks the interview.

Erasure: a running job checks every second that its interview still exists; once it is
deleted, the process group is killed and the files are removed (again) after it died.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from interview_ai_lab_web.celery import app as celery_app
from interview_ai_lab_web.log_format import interview_context

from . import audit
from .erasure import erase_deleted_interview, interview_exists
from .job_workspace import open_workspace
from .models import Interview
from .outage import tolerant, wait_for_database
from .pipeline_process import Cancelled, PipelineResult, clip_reason, run_pipeline_process
from .workers import worker_identity, worker_is_dead

logger = logging.getLogger(__name__)

#: The states of a job, whatever its kind (``Interview.BlurStatus`` has the same values, plus "never asked").
Status = Interview.Status

#: What a job's task returns to the result backend (the interview row is the source of truth).
TaskResult = dict[str, Any]


class JobConflict(Exception):
    """A job of this interview (of this kind or another) is already queued or running."""


@dataclass(frozen=True)
class JobKind:
    """What differs between the kinds of job of an interview; everything else is :mod:`interviews.jobs`.

    Attributes:
        name: ``analysis`` / ``blurring``, the words of logs and stored reasons.
        gerund: ``analysing`` / ``blurring`` ("internal error while …").
        verb: ``analyse`` / ``blur``: what a user must wait to do while another job runs.
        status_field, job_id_field, error_field, queued_at_field, finished_at_field: The
            fields of ``Interview`` holding the job's state, current job id, failure reason
            (one readable sentence), and when it was queued and ended.
        active_property: The ``Interview`` property true while a job of this kind is queued or running.
        task: Name of the Celery task that runs a job of this kind (arguments: interview id, job id),
            one of :mod:`interviews.tasks`.
        audit_action: The ``AuditEvent.Action`` written when a user queues one.
        time_limit_setting: The setting holding the time limit of one run, seconds.
        command: ``f(interview, video, outdir)`` → the command line (a list: no shell parses it).
        finish_run: ``f(interview, job_id, result)`` → the task's result, after storing the end of
            a run whose process exited (see :func:`finish`).
        audit_details: ``f(interview)`` → the details of the audit event (no personal data).
        already: ``f(interview)`` → the 409 words when this kind is asked for again.
        blocks: ``f(interview, other)`` → the 409 words when this kind's job is in the way of ``other``.
        interrupted: ``f(interview)`` → the reason stored when its worker is gone for good.
        unsent: ``f(reason)`` → the fields stored when its message could not be sent (broker down).
        requeued: True: a job whose worker died, or whose message was lost, is sent again;
            False: it ends in ERROR with :attr:`interrupted` / :attr:`never_started`.
        never_started: The reason stored when a job that is not requeued was never claimed.
        heartbeat_field: The field a running job refreshes every ``IAL_HEARTBEAT_SEC`` s
            (cleared at the end); None: the row's ``updated_at`` is the heartbeat.
        task_id_field, worker_field, attempts_field, started_at_field, progress_field,
            seconds_field: Optional fields: the Celery task id, the ``host#boot:pid`` running
            it (a dead worker of this host is taken over at once), the runs of the current
            job, when it started, ``{"stage", "percent"}``, the wall time of the last run (s).
    """

    name: str
    gerund: str
    verb: str
    status_field: str
    job_id_field: str
    error_field: str
    queued_at_field: str
    finished_at_field: str
    active_property: str
    task: str
    audit_action: str
    time_limit_setting: str
    command: Callable[[Interview, Path, Path], list[str]]
    finish_run: Callable[[Interview, str, PipelineResult], TaskResult]
    audit_details: Callable[[Interview], dict[str, Any]]
    already: Callable[[Interview], str]
    blocks: Callable[[Interview, JobKind], str]
    interrupted: Callable[[Interview], str]
    unsent: Callable[[str], dict[str, Any]]
    requeued: bool = False
    never_started: str = ""
    heartbeat_field: str | None = None
    task_id_field: str | None = None
    worker_field: str | None = None
    attempts_field: str | None = None
    started_at_field: str | None = None
    progress_field: str | None = None
    seconds_field: str | None = None

    @property
    def beat_field(self) -> str:
        """The field whose age tells whether the job's worker is alive."""
        return self.heartbeat_field or "updated_at"

    def status_of(self, interview: Interview) -> str:
        """The job's state on ``interview`` (a :class:`Status` value, or "" for a kind never asked)."""
        return getattr(interview, self.status_field)

    def job_of(self, interview: Interview) -> uuid.UUID | None:
        """The current job id of this kind on ``interview``."""
        return getattr(interview, self.job_id_field)

    def is_active(self, interview: Interview) -> bool:
        """A job of this kind is queued or running on ``interview``."""
        return bool(getattr(interview, self.active_property))


#: Every kind of job, by name, in the order they were registered.
_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    """Add a kind of job (the module defining it calls this once, when imported: see ``InterviewsConfig.ready``)."""
    _KINDS[kind.name] = kind
    return kind


def kinds() -> tuple[JobKind, ...]:
    """Every kind of job (:func:`register`): an interview runs one job at a time, whatever its kind."""
    return tuple(_KINDS.values())


def _current(kind: JobKind, interview_id: Any, job_id: Any, **more: Any) -> QuerySet[Interview]:
    """The interview's rows where ``job_id`` is the current job of ``kind`` (and ``more`` holds)."""
    return Interview.objects.filter(pk=interview_id, **{kind.job_id_field: job_id}, **more)


# --------------------------------------------------------------------------- queueing


def queue(kind: JobKind, interview_id: Any, *, owner_id: int | None = None, user: Any = None,
          prepare: Callable[[Interview], None] | None = None,
          send: Callable[[Interview], str] | None = None) -> Interview:
    """Queue a job of ``kind`` on the interview, or raise :class:`JobConflict` if any job of it is queued/running.

    The row is locked (``SELECT … FOR UPDATE``) so two concurrent requests cannot both
    queue a job; ``prepare(interview)`` sets the kind's own fields under that lock. The
    Celery message is sent after the commit; once sent, the ``audit_action`` of the kind is
    recorded for ``user`` (None: the system).

    Args:
        kind: What to run.
        interview_id: The interview.
        owner_id: When given, only this user's interview (others: ``Interview.DoesNotExist``).
        user: Who asks (audit trail, rubrics).
        prepare: Sets the kind's own fields before the row is saved.
        send: Sends the message and returns the Celery task id (default: the kind's task).

    Raises:
        JobConflict: a job of this interview is queued or running.
        Interview.DoesNotExist: no such interview (of ``owner_id``).
        Exception: the message could not be sent; the job is dropped (``kind.unsent``).
    """
    now = timezone.now()
    with transaction.atomic():
        qs = Interview.objects.select_for_update()
        if owner_id is not None:
            qs = qs.filter(owner_id=owner_id)
        interview = qs.get(pk=interview_id)
        if kind.is_active(interview):
            raise JobConflict(kind.already(interview))
        for other in kinds():
            if other.name != kind.name and other.is_active(interview):
                raise JobConflict(other.blocks(interview, kind))
        if prepare is not None:
            prepare(interview)
        _set(interview, kind, status=Status.PENDING, error="", job_id=uuid.uuid4(), queued_at=now, finished_at=None,
             heartbeat=None, started_at=None, worker="", attempts=0, task_id="",
             progress={"stage": "queued", "percent": 0.0})
        interview.save()
        job_id = kind.job_of(interview)
    try:
        task_id = (send or _sender(kind))(interview)
    except Exception as e:  # broker down: do not leave a job that will never run
        logger.error("interview %s: could not queue the %s: %s", interview.pk, kind.name, e)
        _current(kind, interview.pk, job_id, **{kind.status_field: Status.PENDING}).update(
            **kind.unsent(f"the {kind.name} could not be queued (task broker unreachable)"))
        raise
    if kind.task_id_field:
        _current(kind, interview.pk, job_id).update(**{kind.task_id_field: task_id or ""})
        setattr(interview, kind.task_id_field, task_id or "")
    audit.record(kind.audit_action, interview_id=interview.pk, user=user, details=kind.audit_details(interview))
    return interview


def _set(interview: Interview, kind: JobKind, **values: Any) -> None:
    """Set the job fields of ``kind`` named by the keys of ``values`` (those the kind has)."""
    fields = {"status": kind.status_field, "error": kind.error_field, "job_id": kind.job_id_field,
              "queued_at": kind.queued_at_field, "finished_at": kind.finished_at_field,
              "heartbeat": kind.heartbeat_field, "started_at": kind.started_at_field, "worker": kind.worker_field,
              "attempts": kind.attempts_field, "task_id": kind.task_id_field, "progress": kind.progress_field}
    for key, value in values.items():
        name = fields[key]
        if name:
            setattr(interview, name, value)


def _sender(kind: JobKind) -> Callable[[Interview], str]:
    def send(interview: Interview) -> str:
        task = celery_app.tasks[kind.task]
        return task.apply_async(args=[str(interview.pk), str(kind.job_of(interview))]).id

    return send


def _resend(kind: JobKind, interview: Interview, send: Callable[[Interview], str] | None) -> None:
    try:
        task_id = (send or _sender(kind))(interview)
        if kind.task_id_field:
            _current(kind, interview.pk, kind.job_of(interview)).update(**{kind.task_id_field: task_id or ""})
    except Exception as e:  # the next sweep tries again
        logger.error("interview %s: could not requeue the %s: %s", interview.pk, kind.name, e)


# --------------------------------------------------------------------------- liveness, claims, heartbeats


def is_stale(kind: JobKind, interview: Interview, now: datetime | None = None) -> bool:
    """A RUNNING job whose worker is gone: heartbeat older than ``IAL_STALE_SEC``, or its process died on this host."""
    if kind.status_of(interview) != Status.RUNNING:
        return False
    now = now or timezone.now()
    beat = getattr(interview, kind.beat_field)
    if beat is None and kind.started_at_field:
        beat = getattr(interview, kind.started_at_field)
    if beat is None or now - beat > timedelta(seconds=settings.IAL_STALE_SEC):
        return True
    worker = getattr(interview, kind.worker_field) if kind.worker_field else ""
    return bool(worker) and worker_is_dead(worker)


def claim(kind: JobKind, interview_id: Any, job_id: Any, *, task_id: str = "") -> Interview | None:
    """Mark the job RUNNING for this process, or return None when it is not ours to run.

    Runs when the interview's current job of ``kind`` is ``job_id`` and it is PENDING, or
    RUNNING and taken over: a kind that records its worker is taken over only once that
    worker is gone (:func:`is_stale`: a redelivered message after a crash), another always
    (a redelivered message runs the job again). Else (deleted, finished, requeued under
    another job, or running elsewhere) the message is dropped. A job already started
    ``IAL_MAX_ATTEMPTS`` times ends in ERROR instead.
    """
    now = timezone.now()
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(pk=interview_id).first()
        if interview is None or str(kind.job_of(interview)) != str(job_id):
            return None
        status = kind.status_of(interview)
        if status not in (Status.PENDING, Status.RUNNING):
            return None
        if status == Status.RUNNING and kind.worker_field and not is_stale(kind, interview, now):
            return None
        if kind.attempts_field:
            if getattr(interview, kind.attempts_field) >= settings.IAL_MAX_ATTEMPTS:
                _give_up(kind, interview, kind.interrupted(interview), now)
                return None
            setattr(interview, kind.attempts_field, getattr(interview, kind.attempts_field) + 1)
        _set(interview, kind, status=Status.RUNNING, worker=worker_identity(), started_at=now, heartbeat=now,
             finished_at=None, progress={"stage": "starting", "percent": 0.0})
        if kind.task_id_field and task_id:
            setattr(interview, kind.task_id_field, task_id)
        interview.save()
        return interview


def beat(kind: JobKind, interview_id: Any, job_id: Any, **fields: Any) -> bool:
    """Refresh the heartbeat of a RUNNING job (and store ``fields``); False when the job is no longer ours."""
    now = timezone.now()
    values = {kind.beat_field: now, "updated_at": now, **fields}
    return bool(_current(kind, interview_id, job_id, **{kind.status_field: Status.RUNNING}).update(**values))


def finish(kind: JobKind, interview_id: Any, job_id: Any, status: str, *, error: str = "",
           seconds: float | None = None, **fields: Any) -> bool:
    """End a RUNNING job as DONE or ERROR (``error``: the reason, one readable sentence); False if no longer ours.

    ``seconds`` (wall time of the run) goes to the kind's ``seconds_field``; ``fields`` are
    stored with the end. The full reason is logged and stored; the API shows its code and a
    version without internal names or paths (:mod:`interviews.reasons`).
    """
    if status == Status.ERROR:
        logger.warning("interview %s: %s failed: %s", interview_id, kind.name, error)
    now = timezone.now()
    values = {kind.status_field: status, kind.error_field: clip_reason(error), kind.finished_at_field: now,
              "updated_at": now, **fields}
    if kind.heartbeat_field:
        values[kind.heartbeat_field] = None
    if kind.seconds_field:
        values[kind.seconds_field] = round(seconds, 3) if seconds is not None else None
    return bool(_current(kind, interview_id, job_id, **{kind.status_field: Status.RUNNING}).update(**values))


def _give_up(kind: JobKind, interview: Interview, reason: str, now: datetime) -> None:
    """ERROR with ``reason`` (the row is locked by the caller)."""
    logger.warning("interview %s: %s given up: %s", interview.pk, kind.name, reason)
    _set(interview, kind, status=Status.ERROR, error=reason, finished_at=now)
    interview.save()


# --------------------------------------------------------------------------- running


def run(kind: JobKind, interview_id: str, job_id: str, *, task: Any = None) -> TaskResult:
    """Run one job of ``kind`` (the body of its Celery task): claim, run the command, finish; never leave it RUNNING.

    Returns ``{"status": …}`` for the result backend: ``skipped`` (not ours to run),
    ``cancelled`` (taken away or deleted while running), or what ``kind.finish_run`` says.
    """
    with interview_context(interview_id):
        return _claim_and_run(kind, interview_id, job_id, task)


def _claim_and_run(kind: JobKind, interview_id: str, job_id: str, task: Any) -> TaskResult:
    from celery.exceptions import SoftTimeLimitExceeded

    interview = claim(kind, interview_id, job_id, task_id=getattr(getattr(task, "request", None), "id", "") or "")
    if interview is None:
        logger.info("interview %s %s job %s: not ours to run (done, requeued, deleted or running elsewhere)",
                    interview_id, kind.name, job_id)
        return {"status": "skipped"}
    attempt = f" (attempt {getattr(interview, kind.attempts_field)})" if kind.attempts_field else ""
    logger.info("interview %s: %s started%s by %s", interview_id, kind.name, attempt, worker_identity())
    t0 = time.monotonic()
    try:
        return _run(kind, interview, job_id, task)
    except Cancelled:
        logger.warning("interview %s: %s job %s taken away while running (deleted or requeued)", interview_id,
                       kind.name, job_id)
        return {"status": "cancelled"}
    except SoftTimeLimitExceeded:
        finish(kind, interview_id, job_id, Status.ERROR, seconds=time.monotonic() - t0,
               error=f"the {kind.name} took longer than the time limit ({_time_limit(kind)} s) and was stopped")
        return {"status": Status.ERROR}
    except Exception as e:  # never leave the job RUNNING, never show a traceback to the user
        logger.exception("interview %s: %s crashed", interview_id, kind.name)
        finish(kind, interview_id, job_id, Status.ERROR, seconds=time.monotonic() - t0,
               error=f"internal error while {kind.gerund} ({type(e).__name__})")
        return {"status": Status.ERROR}
    finally:
        _erase_if_deleted(interview)


def _time_limit(kind: JobKind) -> int:
    return int(getattr(settings, kind.time_limit_setting))


def _run(kind: JobKind, interview: Interview, job_id: str, task: Any) -> TaskResult:
    interview_id = str(interview.pk)

    def heartbeat() -> bool:  # a database out of reach skips a beat (outage.tolerant); the job goes on
        return tolerant(lambda: beat(kind, interview_id, job_id), what="heartbeat", interview_id=interview_id)

    def still_wanted() -> bool:
        return tolerant(lambda: interview_exists(interview_id), what="deletion check", interview_id=interview_id)

    with open_workspace(interview, keep_alive=heartbeat, keep_alive_sec=settings.IAL_HEARTBEAT_SEC) as ws:
        if ws.video is None:
            finish(kind, interview_id, job_id, Status.ERROR, error="the uploaded video file is missing on the server")
            return {"status": Status.ERROR}
        ws.outdir.mkdir(parents=True, exist_ok=True)
        cmd = kind.command(interview, ws.video, ws.outdir)
        logger.debug("interview %s: %s", interview_id, cmd)
        result = run_pipeline_process(cmd, outdir=ws.outdir, time_limit=_time_limit(kind),
                                      heartbeat_sec=settings.IAL_HEARTBEAT_SEC,
                                      on_progress=_progress_writer(kind, interview_id, job_id, task),
                                      on_heartbeat=heartbeat, still_wanted=still_wanted)
        wait_for_database(timeout=settings.IAL_STALE_SEC, interview_id=interview_id)  # its end needs the database
        if not interview_exists(interview_id):  # deleted as it ended (the files are erased on the way out)
            return {"status": "cancelled"}
        if ws.remote:  # the files are in the bucket before the job says DONE
            ws.put_back()
            if not interview_exists(interview_id):
                return {"status": "cancelled"}
        result.shown_paths = ws.shown_paths()
        return kind.finish_run(interview, job_id, result)


def _progress_writer(kind: JobKind, interview_id: str, job_id: str, task: Any) -> Callable[[str, float], None]:
    """``f(stage, percent)`` storing the progress of a kind that has a ``progress_field`` (one write a second)."""
    if not kind.progress_field:
        return lambda stage, percent: None
    last = {"t": 0.0, "stage": ""}

    def on_progress(stage: str, percent: float) -> None:
        now = time.monotonic()
        if stage == last["stage"] and now - last["t"] < 1.0 and percent < 100:
            return  # one write a second at most, unless the stage changed
        last.update(t=now, stage=stage)
        progress = {"stage": stage, "percent": round(max(0.0, min(100.0, percent)), 1)}
        tolerant(lambda: beat(kind, interview_id, job_id, **{kind.progress_field: progress}), what="progress write",
                 interview_id=interview_id)
        try:
            task.update_state(state="PROGRESS", meta=progress)
        except Exception:  # eager mode, no task or no result backend: the database is the source of truth
            pass

    return on_progress


def _erase_if_deleted(interview: Interview) -> None:
    """The process has stopped: if the interview was deleted meanwhile, remove what was written since."""
    try:
        if not interview_exists(interview.pk):
            erase_deleted_interview(interview)
    except Exception:  # the database is down: the orphan sweep removes the files later
        logger.exception("interview %s: could not check for a deletion after the job", interview.pk)


# --------------------------------------------------------------------------- stale jobs


def sweep(kind: JobKind, *, send: Callable[[Interview], str] | None = None,
          now: datetime | None = None) -> list[str]:
    """End or requeue the jobs of ``kind`` whose worker is gone; return the interview ids acted on.

    - RUNNING and stale (:func:`is_stale`): a ``requeued`` kind is queued again under a new
      job id (a late redelivery of the old message is ignored) unless it already started
      ``IAL_MAX_ATTEMPTS`` times (a video that kills its worker each time must not loop
      forever); another kind, or one out of attempts, ends in ERROR (``kind.interrupted``).
    - PENDING for longer than ``IAL_PENDING_RESEND_SEC`` (message lost, e.g. the broker was
      flushed): a ``requeued`` kind is sent again (a duplicate is harmless: the first message
      to claim the job runs it), another ends in ERROR (``kind.never_started``).
    """
    now = now or timezone.now()
    acted: list[str] = []
    running = Interview.objects.filter(**{kind.status_field: Status.RUNNING}).values_list("pk", flat=True)
    for pk in list(running):
        requeued = False
        with interview_context(pk), transaction.atomic():
            interview = Interview.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if interview is None or not is_stale(kind, interview, now):
                continue
            attempts = getattr(interview, kind.attempts_field) if kind.attempts_field else 0
            if not kind.requeued or attempts >= settings.IAL_MAX_ATTEMPTS:
                _give_up(kind, interview, kind.interrupted(interview), now)
            else:
                logger.warning("interview %s: %s worker %s lost (heartbeat %s), requeuing", pk, kind.name,
                               getattr(interview, kind.worker_field) if kind.worker_field else "?",
                               getattr(interview, kind.beat_field))
                _set(interview, kind, status=Status.PENDING, job_id=uuid.uuid4(), queued_at=now, heartbeat=None,
                     progress={"stage": "requeued", "percent": 0.0})
                interview.save()
                requeued = True
            acted.append(str(pk))
        if requeued:
            with interview_context(pk):
                _resend(kind, interview, send)
    lost = Interview.objects.filter(**{kind.status_field: Status.PENDING, f"{kind.job_id_field}__isnull": False,
                                       f"{kind.queued_at_field}__lt": now - timedelta(
                                           seconds=settings.IAL_PENDING_RESEND_SEC)})
    for interview in lost:
        current = _current(kind, interview.pk, kind.job_of(interview), **{kind.status_field: Status.PENDING})
        if kind.requeued:
            current.update(**{kind.queued_at_field: now})
            with interview_context(interview.pk):
                _resend(kind, interview, send)
            acted.append(str(interview.pk))
        elif current.update(**{kind.status_field: Status.ERROR, kind.error_field: kind.never_started,
                               kind.finished_at_field: now, "updated_at": now}):
            acted.append(str(interview.pk))
    return acted
