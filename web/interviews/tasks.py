"""Celery tasks: run one analysis; requeue the analyses whose worker died.

``run_analysis`` is acknowledged late and rejected (requeued) when its worker is lost;
the broker's visibility timeout is longer than the time limit; a heartbeat on the
interview, checked by ``sweep_stale_jobs`` (celery beat, and once when a worker starts),
requeues a job whose worker was killed. A message runs only if its ``job_id`` is
the interview's current job, so no interview is ever analysed twice at once.

Erasure: a running job checks every second that its interview still exists; once it
is deleted, the pipeline's process group is killed and waited for, and the files are
removed (again) after it died. Whatever way a job ends, a job whose interview is gone
removes its files. ``sweep_orphan_files`` (celery beat) removes any analysis folder
or video left with no interview row.
"""

from __future__ import annotations

import json
import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from . import services
from .models import Interview

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="interviews.tasks.run_analysis", acks_late=True, reject_on_worker_lost=True,
             ignore_result=False)
def run_analysis(self, interview_id: str, job_id: str | None = None) -> dict:
    """Analyse one interview: RUNNING → DONE (report, duration) or ERROR (reason).

    Args:
        interview_id: The interview's UUID.
        job_id: The job queued by :func:`interviews.services.queue_analysis`
            (None: the interview's current job).
    Returns:
        ``{"status": …}`` for the result backend (the interview row is the source of truth).
    """
    # (Celery's Django fix-up closes stale database connections around each task.)
    if job_id is None:
        job_id = str(Interview.objects.filter(pk=interview_id).values_list("job_id", flat=True).first())
    interview = services.claim_job(interview_id, job_id, task_id=self.request.id or "")
    if interview is None:
        logger.info("interview %s job %s: not ours to run (done, requeued, deleted or running elsewhere)",
                    interview_id, job_id)
        return {"status": "skipped"}
    logger.info("interview %s: analysis started (attempt %d) by %s", interview_id, interview.attempts,
                interview.worker)
    t0 = time.monotonic()
    try:
        return _run(self, interview, job_id, t0)
    except services.Cancelled:
        logger.warning("interview %s: job %s taken away while running (deleted or requeued)", interview_id, job_id)
        return {"status": "cancelled"}
    except SoftTimeLimitExceeded:
        services.finish_error(interview_id, job_id, f"the analysis took longer than the time limit "
                                                    f"({settings.IAL_TASK_TIME_LIMIT} s) and was stopped",
                              time.monotonic() - t0)
        return {"status": Interview.Status.ERROR}
    except Exception as e:  # never leave the job RUNNING, never show a traceback to the user
        logger.exception("interview %s: analysis crashed", interview_id)
        services.finish_error(interview_id, job_id, f"internal error while analysing ({type(e).__name__})",
                              time.monotonic() - t0)
        return {"status": Interview.Status.ERROR}
    finally:
        _erase_if_deleted(interview)


def _erase_if_deleted(interview: Interview) -> None:
    """The pipeline has stopped: if the interview was deleted meanwhile, remove what was written since."""
    try:
        if not services.interview_exists(interview.pk):
            services.erase_deleted_interview(interview)
    except Exception:  # the database is down: the orphan sweep removes the files later
        logger.exception("interview %s: could not check for a deletion after the job", interview.pk)


def _run(task, interview: Interview, job_id: str, t0: float) -> dict:
    interview_id = str(interview.pk)
    video = interview.video_path()
    if video is None or not video.is_file():
        services.finish_error(interview_id, job_id, "the uploaded video file is missing on the server")
        return {"status": Interview.Status.ERROR}
    outdir = interview.analysis_dir()
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = services.pipeline_command(interview, video, outdir)
    logger.debug("interview %s: %s", interview_id, cmd)

    last = {"t": 0.0, "stage": ""}

    def on_progress(stage: str, percent: float) -> None:
        now = time.monotonic()
        if stage == last["stage"] and now - last["t"] < 1.0 and percent < 100:
            return  # one write a second at most, unless the stage changed
        last.update(t=now, stage=stage)
        progress = {"stage": stage, "percent": round(max(0.0, min(100.0, percent)), 1)}
        Interview.objects.filter(pk=interview_id, job_id=job_id, status=Interview.Status.RUNNING).update(
            progress=progress, heartbeat_at=timezone.now())
        try:
            task.update_state(state="PROGRESS", meta=progress)
        except Exception:  # eager mode or no result backend: the database is the source of truth
            pass

    def on_heartbeat() -> bool:
        return bool(Interview.objects.filter(pk=interview_id, job_id=job_id, status=Interview.Status.RUNNING)
                    .update(heartbeat_at=timezone.now()))

    result = services.run_pipeline_process(cmd, outdir=outdir, time_limit=settings.IAL_TASK_TIME_LIMIT,
                                           heartbeat_sec=settings.IAL_HEARTBEAT_SEC,
                                           on_progress=on_progress, on_heartbeat=on_heartbeat,
                                           still_wanted=lambda: services.interview_exists(interview_id))
    if result.report_path is None:
        logger.warning("interview %s: analysis failed: %s", interview_id, result.error)
        services.finish_error(interview_id, job_id, result.error, result.seconds)
        return {"status": Interview.Status.ERROR, "error": result.error}
    try:
        report = json.loads(result.report_path.read_text(encoding="utf-8"))
        if not isinstance(report, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as e:
        services.finish_error(interview_id, job_id, f"the analysis wrote an unreadable report ({e})", result.seconds)
        return {"status": Interview.Status.ERROR}
    if not services.finish_done(interview_id, job_id, report, result.seconds):
        return {"status": "cancelled"}
    logger.info("interview %s: analysis done in %.1f s", interview_id, result.seconds)
    return {"status": Interview.Status.DONE, "seconds": round(result.seconds, 3)}


@shared_task(name="interviews.tasks.sweep_stale_jobs", ignore_result=True)
def sweep_stale_jobs() -> list[str]:
    """Requeue analyses whose worker died (heartbeat older than ``IAL_STALE_SEC``), end lost blurring jobs;
    run by celery beat."""
    acted = services.requeue_stale_jobs()
    acted += services.sweep_stale_blurs()
    if acted:
        logger.warning("requeued or closed %d stale analyses: %s", len(acted), ", ".join(acted))
    return acted


@shared_task(bind=True, name="interviews.tasks.run_blur", acks_late=True, reject_on_worker_lost=True,
             ignore_result=False)
def run_blur(self, interview_id: str, job_id: str) -> dict:
    """Blur the faces of one interview's video (``analyses/<id>/video_blurred.mp4``)."""
    try:
        return {"status": services.run_blur_job(interview_id, job_id)}
    except Exception as e:  # never leave it RUNNING
        logger.exception("interview %s: blurring crashed", interview_id)
        Interview.objects.filter(pk=interview_id, blur_job_id=job_id).update(
            blur_status="ERROR", blur_error=f"internal error while blurring ({type(e).__name__})",
            blur_finished_at=timezone.now())
        return {"status": "ERROR"}


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


@worker_ready.connect
def _sweep_on_worker_start(sender=None, **kwargs) -> None:
    """When a worker starts, requeue the jobs of a dead worker of this host at once (and any stale one)."""
    try:
        close_old_connections()
        services.requeue_stale_jobs()
    except Exception:  # the database may be down at start; beat sweeps later
        logger.exception("stale-job sweep at worker start failed")
