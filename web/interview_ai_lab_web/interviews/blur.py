"""The face-blurring job of an interview: ``scripts/blur_faces.py`` writes ``analyses/<id>/video_blurred.mp4``.

Its life cycle (queue, claim, heartbeat, finish, stale sweep) is :mod:`interviews.jobs`;
``blur_status`` goes "" (never asked) → PENDING → RUNNING → DONE | ERROR. A blurring whose
worker is gone is not requeued: it ends in ERROR with a reason (press Blur again), so it
never blocks the interview. A redelivered message (worker lost) runs the job again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from . import jobs
from .models import AuditEvent, Interview
from .pipeline_process import PipelineResult

#: The blurred copy the blur_faces stage writes into the job's folder.
VIDEO_NAME = "video_blurred.mp4"

logger = logging.getLogger(__name__)


def queue_blur(interview_id: Any, *, user: Any = None) -> Interview:
    """Queue the blurring of the interview's faces (:func:`interviews.jobs.queue`), audited as ``blur`` for ``user``.

    Raises:
        interviews.jobs.JobConflict: a job of this interview is queued or running.
        Exception: the task broker is unreachable (``blur_status`` is then ERROR with that reason).
    """
    return jobs.queue(BLUR, interview_id, user=user)


def blur_command(interview: Interview, video: Path, outdir: Path) -> list[str]:
    """The ``blur_faces`` stage on the interview (reuses the face boxes of the analysis when present)."""
    threads = settings.IAL_PIPELINE_THREADS or (os.cpu_count() or 1)
    return [settings.IAL_PIPELINE_PYTHON, "-m", "interview_ai_lab.stage_cli", "blur_faces",
            "--video", str(video), "--outdir", str(outdir), "--threads", str(threads), "--blur-faces"]


def _finish_run(interview: Interview, job_id: str, result: PipelineResult) -> jobs.TaskResult:
    """DONE once ``video_blurred.mp4`` is written; else ERROR with the script's reason (or its first notice)."""
    interview_id = str(interview.pk)

    def done(status: str, error: str = "") -> jobs.TaskResult:
        jobs.finish(BLUR, interview_id, job_id, status, error=error)
        return {"status": status}

    if result.returncode != 0:
        return done(Interview.BlurStatus.ERROR, result.error)
    outdir = result.outdir or interview.analysis_dir()  # the job's folder (a scratch copy when in a bucket)
    if not (outdir / VIDEO_NAME).is_file():
        try:
            path = outdir / "blur.json"
            first = (json.loads(path.read_text(encoding="utf-8")).get("warnings") or [""])[0]
            why = first.get("message", "") if isinstance(first, dict) else str(first)  # a notice, or an older bare text
        except (OSError, ValueError, AttributeError):
            why = ""
        return done(Interview.BlurStatus.ERROR, why or "no blurred video was written")
    logger.info("interview %s: faces blurred in %.1f s", interview_id, result.seconds)
    return done(Interview.BlurStatus.DONE)


BLUR = jobs.register(jobs.JobKind(
    name="blurring", gerund="blurring", verb="blur",
    status_field="blur_status", job_id_field="blur_job_id", error_field="blur_error",
    queued_at_field="blur_requested_at", finished_at_field="blur_finished_at", active_property="blur_active",
    task="interviews.tasks.run_blur", audit_action=AuditEvent.Action.BLUR, time_limit_setting="IAL_BLUR_TIME_LIMIT",
    command=blur_command, finish_run=_finish_run,
    audit_details=lambda i: {},
    already=lambda i: "the faces of this video are already being blurred",
    blocks=lambda i, other: f"the faces of this interview's video are being blurred; {other.verb} once that is done",
    interrupted=lambda i: "the blurring was interrupted (its worker stopped); press Blur again",
    unsent=lambda reason: {"blur_status": Interview.BlurStatus.ERROR, "blur_error": reason},
    requeued=False, never_started="the blurring never started (no worker took it); press Blur again",
))
