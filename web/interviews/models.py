"""Interviews, their analysis jobs and the versions of their reports.

An :class:`Interview` is one uploaded video. Its ``status`` follows the analysis job:

- ``PENDING``: uploaded; ``queued_at`` is set once an analysis is queued (then a job exists).
- ``RUNNING``: a worker runs the pipeline; ``heartbeat_at`` is refreshed every
  ``IAL_HEARTBEAT_SEC`` seconds, so a job whose worker died is found and requeued.
- ``DONE``: ``report`` holds the report (also kept in :class:`ReportVersion`).
- ``ERROR``: ``error`` says why, in one readable sentence; the upload is kept.

Each queued job gets a fresh ``job_id``; a worker only runs a message whose ``job_id``
is the interview's current one, so a redelivered or duplicated message never starts
a second run.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone


def video_upload_to(instance: "Interview", filename: str) -> str:
    """Storage name of an upload: ``videos/%Y/%m/%d/<uuid>.<ext>`` (never the client's name).

    The extension is kept only when it is a known media extension, else ``.bin``
    (FFmpeg reads the content, not the name).
    """
    ext = Path(filename).suffix.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        ext = "bin"
    return timezone.now().strftime("videos/%Y/%m/%d/") + f"{uuid.uuid4().hex}.{ext}"


ALLOWED_EXTENSIONS = frozenset({
    "mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg", "ogv", "3gp", "wmv", "flv", "ts", "mts",
    "wav", "mp3", "m4a", "ogg", "opus", "flac", "aac",
})


class Interview(models.Model):
    """One recorded interview video and the state of its analysis."""

    class Status(models.TextChoices):
        PENDING = "PENDING", "Pending"
        RUNNING = "RUNNING", "Running"
        DONE = "DONE", "Done"
        ERROR = "ERROR", "Error"

    class Language(models.TextChoices):
        AUTO = "auto", "Detect"
        FR = "fr", "French"
        EN = "en", "English"

    class Mode(models.TextChoices):
        RECRUITMENT = "recruitment", "Recruitment (no emotion inference)"
        COACHING = "coaching", "Coaching (everything, emotions included)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    candidate_name = models.CharField(max_length=200)
    video = models.FileField(upload_to=video_upload_to, max_length=255)
    original_filename = models.CharField(max_length=255, blank=True, help_text="client file name, for display only")
    video_size = models.BigIntegerField(null=True, blank=True, help_text="bytes")
    media_info = models.JSONField(null=True, blank=True, help_text="facts probed at upload (duration, streams…)")

    language = models.CharField(max_length=8, choices=Language.choices, default=Language.AUTO)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.RECRUITMENT)
    questions = models.JSONField(null=True, blank=True, help_text='[{"text": str, "start": seconds?}]')

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    progress = models.JSONField(default=dict, blank=True, help_text='{"stage": str, "percent": 0-100}')
    error = models.TextField(blank=True, help_text="why the last analysis failed, one readable sentence")
    report = models.JSONField(null=True, blank=True)
    report_version = models.PositiveIntegerField(default=0, help_text="number of the report in `report`")
    duration_sec = models.FloatField(null=True, blank=True, help_text="length of the video, seconds")
    analysis_sec = models.FloatField(null=True, blank=True, help_text="wall time of the last analysis, seconds")
    options = models.JSONField(default=dict, blank=True, help_text="options of the last queued analysis")

    # The recruiter's own assessment: the scores assist, the decision is a person's.
    assessment = models.TextField(blank=True, default="", help_text="the recruiter's notes")
    decision = models.CharField(max_length=8, blank=True, default="", choices=[
        ("", "None yet"), ("advance", "Advance"), ("hold", "Hold"), ("reject", "Reject")])
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    job_id = models.UUIDField(null=True, blank=True, editable=False, help_text="current analysis job")
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    attempts = models.PositiveIntegerField(default=0, help_text="runs started for the current job")
    worker = models.CharField(max_length=255, blank=True, help_text="host:pid of the process running the job")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"]), models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self.candidate_name} ({self.status})"

    @property
    def job_active(self) -> bool:
        """A job is queued or running: analysing again must wait."""
        return self.status == self.Status.RUNNING or (self.status == self.Status.PENDING and self.queued_at is not None)

    def analysis_dir(self) -> Path:
        """The analysis folder ``MEDIA_ROOT/analyses/<id>/`` (built from the UUID only)."""
        return Path(settings.MEDIA_ROOT) / "analyses" / str(uuid.UUID(str(self.id)))

    def video_path(self) -> Path | None:
        """Absolute path of the stored video, checked to lie inside ``MEDIA_ROOT``."""
        if not self.video or not self.video.name:
            return None
        root = Path(settings.MEDIA_ROOT).resolve()
        path = (root / self.video.name).resolve()
        if root not in path.parents:
            raise ValueError(f"video path outside MEDIA_ROOT: {self.video.name!r}")
        return path


class ReportVersion(models.Model):
    """A finished report, kept when the interview is analysed again (version 1, 2, …)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="report_versions")
    version = models.PositiveIntegerField()
    report = models.JSONField()
    options = models.JSONField(default=dict, blank=True)
    duration_sec = models.FloatField(null=True, blank=True)
    analysis_sec = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["interview", "-version"]
        constraints = [models.UniqueConstraint(fields=["interview", "version"], name="unique_report_version")]

    def __str__(self) -> str:
        return f"report v{self.version} of {self.interview_id}"
