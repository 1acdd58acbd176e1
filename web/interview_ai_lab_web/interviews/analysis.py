"""The analysis job of an interview: ``run_all.py`` on its video, then the report stored as DONE.

Its life cycle (queue, claim, heartbeat, finish, stale requeue) is :mod:`interviews.jobs`;
here is what is its own: the options a queue request may change, the command line, and
the end of a run (the report stored, a :class:`~interviews.models.ReportVersion` kept).
The pipeline's ``--progress-json`` lines feed ``Interview.progress``; its ``error: …`` line
becomes ``Interview.error``.
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from . import jobs
from .models import AuditEvent, Interview, ReportVersion
from .pipeline_process import PipelineResult

logger = logging.getLogger(__name__)


def queue_analysis(interview_id: uuid.UUID | str, *, owner_id: int | None = None,
                   options: dict[str, Any] | None = None, user: Any = None,
                   send: Callable[[Interview], str] | None = None) -> Interview:
    """Queue an analysis of the interview (:func:`interviews.jobs.queue`), audited as ``analyse`` for ``user``.

    A DONE report is already kept as a :class:`ReportVersion`; ``report`` is cleared until
    the new analysis ends. New or changed questions get their rubrics.

    Args:
        interview_id: The interview.
        owner_id: When given, only this user's interview (others: ``Interview.DoesNotExist``).
        options: ``language``/``mode``/``questions``/``force`` overriding the stored ones.
        user: Who asks (None: the system).
        send: Sends the message and returns the Celery task id (default: ``run_analysis.apply_async``).

    Raises:
        interviews.jobs.JobConflict: a job of this interview is queued or running.
    """
    options = dict(options or {})

    def prepare(interview: Interview) -> None:
        from .rubrics import ensure_rubrics

        rubric_versions = None
        if interview.position_id is not None:  # the position's current questions, rubrics, weights and mode
            from . import positions

            position = interview.position
            positions.apply_to_interview(interview, position)
            positions.ensure_rubrics(position, user=user)
            rubric_versions = positions.current_versions(position)
        else:
            for key in ("language", "mode", "questions"):
                if key in options:
                    setattr(interview, key, options[key])
            ensure_rubrics(interview, user=user)  # new or changed questions (or an interview of before rubrics)
            if interview.questions:
                from .rubrics import current

                rubric_versions = {str(i): rv.version for i, rv in current(interview).items()}
        interview.report = None
        interview.options = {"language": interview.language, "mode": interview.mode,
                             "questions": bool(interview.questions), "force": bool(options.get("force"))}
        if rubric_versions is not None:
            interview.options["rubric_versions"] = rubric_versions

    return jobs.queue(ANALYSIS, interview_id, owner_id=owner_id, user=user, prepare=prepare, send=send)


def pipeline_command(interview: Interview, video: Path, outdir: Path) -> list[str]:
    """The command line of an analysis, ``python -m interview_ai_lab …`` (a list: no shell ever parses it)."""
    threads = settings.IAL_PIPELINE_THREADS or (os.cpu_count() or 1)
    cmd = [settings.IAL_PIPELINE_PYTHON, "-m", "interview_ai_lab",
           "--video", str(video), "--outdir", str(outdir),
           "--lang", interview.language, "--mode", interview.mode,
           "--threads", str(threads), "--progress-json", "--quiet"]
    if interview.questions:
        from .rubrics import questions_with_current_rubrics

        qfile = outdir / "input_questions.json"  # (questions.json is the questions stage's artefact)
        if interview.position_id is not None:  # the position's rubric versions recorded when queued
            from .positions import questions_with_recorded_rubrics

            items = questions_with_recorded_rubrics(interview)[0]
        else:  # each question with its current rubric (generated at upload or edited by a recruiter)
            items = questions_with_current_rubrics(interview)
        qfile.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        cmd += ["--questions", str(qfile)]
    if interview.weights:
        cmd += ["--weights", interview.weights]
    if interview.blur_status == Interview.BlurStatus.DONE:  # keep the blurred copy up to date (reused when unchanged)
        cmd.append("--blur-faces")
    if (interview.options or {}).get("force"):
        cmd.append("--force")
    cmd += shlex.split(settings.IAL_PIPELINE_ARGS)
    return cmd


def report_duration(report: dict[str, Any], interview: Interview) -> float | None:
    """Length of the video in seconds: from the report, else from the upload probe."""
    for getter in (lambda r: r["media"]["duration_sec"], lambda r: r["speech"]["duration_sec"]):
        try:
            value = getter(report)
            if value is not None:
                return float(value)
        except (KeyError, TypeError, ValueError):
            continue
    return (interview.media_info or {}).get("duration_sec")


def _strip_server_paths(value: Any, shown: dict[str, str]) -> Any:
    """The report as the API shows it: each local path prefix of ``shown`` replaced by what may be shown.

    Paths inside ``MEDIA_ROOT`` are made relative, a worker's scratch folder becomes ``analyses/<id>/``.
    """
    if isinstance(value, str):
        for prefix, replacement in shown.items():
            if value.startswith(prefix):
                return replacement + value[len(prefix):]
        return value
    if isinstance(value, list):
        return [_strip_server_paths(v, shown) for v in value]
    if isinstance(value, dict):
        return {k: _strip_server_paths(v, shown) for k, v in value.items()}
    return value


def finish_done(interview_id: str, job_id: str, report: dict[str, Any], seconds: float, *,
                shown_paths: dict[str, str] | None = None) -> bool:
    """Store the report as DONE (and as a new :class:`ReportVersion`); False if the job is no longer ours.

    ``seconds`` is the wall time of the run; ``shown_paths`` maps the run's local path prefixes to
    what the API may show (default: ``MEDIA_ROOT`` made relative).
    """
    shown = {str(Path(settings.MEDIA_ROOT)) + os.sep: "", **(shown_paths or {})}
    report = _strip_server_paths(report, dict(sorted(shown.items(), key=lambda kv: -len(kv[0]))))
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(
            pk=interview_id, job_id=job_id, status=Interview.Status.RUNNING).first()
        if interview is None:
            return False
        version = (interview.report_versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        duration = report_duration(report, interview)
        if not jobs.finish(ANALYSIS, interview_id, job_id, Interview.Status.DONE, seconds=seconds, report=report,
                           report_version=version, duration_sec=duration,
                           progress={"stage": "done", "percent": 100.0}):
            return False
        ReportVersion.objects.create(interview=interview, version=version, report=report, options=interview.options,
                                     duration_sec=duration, analysis_sec=round(seconds, 3),
                                     rubric_versions=(interview.options or {}).get("rubric_versions"))
    return True


def _finish_run(interview: Interview, job_id: str, result: PipelineResult) -> jobs.TaskResult:
    """The end of a run whose process exited: its report stored as DONE, or the reason as ERROR."""
    interview_id = str(interview.pk)
    if result.report_path is None:
        jobs.finish(ANALYSIS, interview_id, job_id, Interview.Status.ERROR, error=result.error, seconds=result.seconds)
        return {"status": Interview.Status.ERROR, "error": result.error}
    try:
        report = json.loads(result.report_path.read_text(encoding="utf-8"))
        if not isinstance(report, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as e:
        jobs.finish(ANALYSIS, interview_id, job_id, Interview.Status.ERROR,
                    error=f"the analysis wrote an unreadable report ({e})", seconds=result.seconds)
        return {"status": Interview.Status.ERROR}
    if not finish_done(interview_id, job_id, report, result.seconds, shown_paths=result.shown_paths):
        return {"status": "cancelled"}
    logger.info("interview %s: analysis done in %.1f s", interview_id, result.seconds)
    return {"status": Interview.Status.DONE, "seconds": round(result.seconds, 3)}


def _state_words(interview: Interview) -> str:
    if interview.status == Interview.Status.RUNNING:
        p = interview.progress or {}
        return f"running ({p.get('stage', 'starting')}, {p.get('percent', 0)}%)"
    return "queued"


ANALYSIS = jobs.register(jobs.JobKind(
    name="analysis", gerund="analysing", verb="analyse",
    status_field="status", job_id_field="job_id", error_field="error", queued_at_field="queued_at",
    finished_at_field="finished_at", active_property="job_active", task="interviews.tasks.run_analysis",
    audit_action=AuditEvent.Action.ANALYSE, time_limit_setting="IAL_TASK_TIME_LIMIT",
    command=pipeline_command, finish_run=_finish_run,
    audit_details=lambda i: {"mode": i.mode, "language": i.language, "force": bool((i.options or {}).get("force")),
                             "questions": len(i.questions or [])},
    already=lambda i: f"an analysis of this interview is already {_state_words(i)}",
    blocks=lambda i, other: f"an analysis of this interview is {_state_words(i)}; {other.verb} once it is done",
    interrupted=lambda i: (f"the analysis was interrupted {i.attempts} times (its worker stopped or ran out of "
                           f"memory); giving up"),
    # Not queued after all: PENDING without a queued job, as after the upload (Analyse can be pressed again).
    unsent=lambda reason: {"queued_at": None, "job_id": None, "progress": {}, "error": reason},
    requeued=True, heartbeat_field="heartbeat_at", task_id_field="task_id", worker_field="worker",
    attempts_field="attempts", started_at_field="started_at", progress_field="progress", seconds_field="analysis_sec",
))
