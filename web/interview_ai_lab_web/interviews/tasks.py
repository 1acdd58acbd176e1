"""Celery tasks: run one analysis or one face blurring; requeue or end the jobs whose worker died; GDPR sweeps.

``run_analysis`` and ``run_blur`` are the same job life cycle (:func:`interviews.jobs.run`)
of two kinds (:data:`interviews.analysis.ANALYSIS`, :data:`interviews.blur.BLUR`). They are
acknowledged late and rejected (requeued) when their worker is lost; the broker's visibility
timeout is longer than the time limit; a heartbeat on the interview, checked by
``sweep_stale_jobs`` (celery beat, and once when a worker starts), requeues an analysis
whose worker was killed and ends such a blurring. A message runs only if its ``job_id`` is
the interview's current job, so no interview is ever analysed twice at once.

Erasure: a running job checks every second that its interview still exists; once it
is deleted, the process group is killed and waited for, and the files are removed
(again) after it died. Whatever way a job ends, a job whose interview is gone removes
its files. ``sweep_orphan_files`` (celery beat) removes any analysis folder or video
left with no interview row.
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.signals import worker_ready, worker_shutting_down
from django.db import close_old_connections

from . import jobs, workers
from .analysis import ANALYSIS
from .blur import BLUR
from .job_workspace import sweep_scratch
from .models import Interview

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="interviews.tasks.run_analysis", acks_late=True, reject_on_worker_lost=True,
             ignore_result=False)
def run_analysis(self, interview_id: str, job_id: str | None = None) -> jobs.TaskResult:
    """Analyse one interview: RUNNING → DONE (report, duration) or ERROR (reason).

    Args:
        self: The bound Celery task (its request id is recorded with the claim).
        interview_id: The interview's UUID.
        job_id: The job queued by :func:`interviews.analysis.queue_analysis`
            (None: the interview's current job).

    Returns:
        ``{"status": …}`` for the result backend (the interview row is the source of truth).
    """
    # (Celery's Django fix-up closes stale database connections around each task.)
    if job_id is None:
        job_id = str(Interview.objects.filter(pk=interview_id).values_list("job_id", flat=True).first())
    return jobs.run(ANALYSIS, interview_id, job_id, task=self)


@shared_task(name="interviews.tasks.sweep_stale_jobs", ignore_result=True)
def sweep_stale_jobs() -> list[str]:
    """Requeue analyses whose worker died and end lost blurring jobs; run by celery beat.

    A worker is dead when its job's heartbeat is older than ``IAL_STALE_SEC`` seconds. Returns the interview ids acted on.
    """
    acted = [pk for kind in jobs.kinds() for pk in jobs.sweep(kind)]
    if acted:
        logger.warning("requeued or closed %d stale jobs: %s", len(acted), ", ".join(acted))
    return acted


@shared_task(bind=True, name="interviews.tasks.run_blur", acks_late=True, reject_on_worker_lost=True,
             ignore_result=False)
def run_blur(self, interview_id: str, job_id: str) -> jobs.TaskResult:
    """Blur the faces of one interview's video (``analyses/<id>/video_blurred.mp4``): RUNNING → DONE or ERROR."""
    return jobs.run(BLUR, interview_id, job_id, task=self)


@shared_task(name="interviews.tasks.sweep_orphan_files", ignore_result=True)
def sweep_orphan_files() -> list[str]:
    """GDPR erasure backstop: remove analysis folders and videos no interview row refers to; run by celery beat."""
    from .privacy import sweep_orphans

    return sweep_orphans()


@shared_task(name="interviews.tasks.purge_expired_interviews", ignore_result=True)
def purge_expired_interviews() -> list[str]:
    """GDPR retention: delete interviews uploaded more than ``IAL_RETENTION_DAYS`` ago; run by celery beat."""
    from .privacy import purge_expired

    return purge_expired()


@shared_task(bind=True, name="interviews.tasks.assemble_answers", acks_late=True, reject_on_worker_lost=True,
             ignore_result=True)
def assemble_answers(self, invitation_id: str) -> str | None:
    """Make the interview of a submitted one-way interview; return the interview's id, or None.

    Its chosen takes are joined, each answer's span is known, then its analysis is queued
    (:func:`interviews.answers_video.assemble`).
    """
    from .answers_video import assemble

    interview = assemble(invitation_id)
    return str(interview.pk) if interview is not None else None


@shared_task(name="interviews.tasks.sweep_answer_videos", ignore_result=True)
def sweep_answer_videos() -> list[str]:
    """Send again the making of submitted one-way interviews whose message was lost; run by celery beat."""
    from .answers_video import sweep

    return sweep()


@worker_ready.connect
def _sweep_on_worker_start(sender=None, **kwargs) -> None:
    """When a worker starts: say it is up, clean up after its killed predecessors on this host.

    It removes the scratch folders they left, and requeues the jobs of a dead worker of this host at once (and
    any stale one).
    """
    node = getattr(sender, "hostname", "") or ""
    if node:
        workers.announce(node)
    try:
        sweep_scratch()
    except Exception:
        logger.exception("scratch sweep at worker start failed")
    try:
        close_old_connections()
        for kind in jobs.kinds():
            jobs.sweep(kind)
    except Exception:  # the database may be down at start; beat sweeps later
        logger.exception("stale-job sweep at worker start failed")


@worker_shutting_down.connect
def _withdraw_on_shutdown(**kwargs) -> None:
    """A worker stopping (even a warm shutdown finishing its job) no longer counts as up."""
    workers.withdraw()
