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


def video_upload_to(instance: Interview, filename: str) -> str:
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
        """The state of the analysis job (the states of every job, see :mod:`interviews.jobs`)."""

        PENDING = "PENDING", "Pending"
        RUNNING = "RUNNING", "Running"
        DONE = "DONE", "Done"
        ERROR = "ERROR", "Error"

    class BlurStatus(models.TextChoices):
        """The state of the face-blurring job: the values of :class:`Status`, plus "" (never asked)."""

        NONE = "", "Never asked"
        PENDING = "PENDING", "Pending"
        RUNNING = "RUNNING", "Running"
        DONE = "DONE", "Done"
        ERROR = "ERROR", "Error"

    class Decision(models.TextChoices):
        """The recruiter's decision (a person's, never the scores')."""

        NONE = "", "None yet"
        ADVANCE = "advance", "Advance"
        HOLD = "hold", "Hold"
        REJECT = "reject", "Reject"

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
    decision = models.CharField(max_length=8, blank=True, default=Decision.NONE, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    # GDPR: the candidate's consent, recorded at upload.
    consent = models.BooleanField(default=False, help_text="the candidate agreed to the analysis")
    consent_at = models.DateTimeField(null=True, blank=True, help_text="when the consent was recorded (upload)")
    consent_text = models.TextField(blank=True, default="", help_text="the consent text the candidate agreed to")
    consent_version = models.CharField(max_length=32, blank=True, default="", help_text="version of that text")

    # Face blurring (an anonymised copy of the video: analyses/<id>/video_blurred.mp4).
    blur_status = models.CharField(max_length=8, blank=True, default=BlurStatus.NONE, choices=BlurStatus.choices)
    blur_error = models.TextField(blank=True, default="")
    blur_job_id = models.UUIDField(null=True, blank=True, editable=False)
    blur_requested_at = models.DateTimeField(null=True, blank=True)
    blur_finished_at = models.DateTimeField(null=True, blank=True)

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
    def blur_active(self) -> bool:
        """A face-blurring job is queued or running."""
        return self.blur_status in (self.BlurStatus.PENDING, self.BlurStatus.RUNNING)

    def blurred_video_path(self) -> Path:
        """``analyses/<id>/video_blurred.mp4`` (may not exist yet)."""
        return self.analysis_dir() / "video_blurred.mp4"

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


class RubricVersion(models.Model):
    """One version of the rubric of one question of an interview (1, 2, …; the highest is current).

    ``question_index`` is 1-based, as ``report.questions[].index``. ``source`` says where
    the version came from: ``generated`` (from the question text, at upload or analyse),
    ``given`` (in the upload's questions) or ``edited`` (by a recruiter through the API).
    """

    class Source(models.TextChoices):
        GENERATED = "generated", "Generated from the question"
        GIVEN = "given", "Given at upload"
        EDITED = "edited", "Edited by a recruiter"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="rubric_versions")
    question_index = models.PositiveIntegerField(help_text="1-based, as report.questions[].index")
    question_text = models.TextField(help_text="the question this rubric was made for")
    version = models.PositiveIntegerField()
    rubric = models.JSONField(help_text="scripts.core.text.rubrics format: {criteria: [{id, name, description, weight}]}")
    source = models.CharField(max_length=10, choices=Source.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["interview", "question_index", "-version"]
        constraints = [models.UniqueConstraint(fields=["interview", "question_index", "version"],
                                               name="unique_rubric_version")]

    def __str__(self) -> str:
        return f"rubric v{self.version} of question {self.question_index} of {self.interview_id}"


class AuditEvent(models.Model):
    """Who did what, when, to which interview (GDPR accountability).

    ``interview_id`` is a plain UUID, not a foreign key: the trail outlives the interview.
    ``details`` never holds personal data of the candidate (no name, no file name, no
    transcript): numbers, versions, modes, status codes only — so a deleted interview's
    trail still says what happened without saying about whom.
    """

    class Action(models.TextChoices):
        UPLOAD = "upload", "Upload"
        VIEW = "view", "View interview"
        VIEW_REPORT = "view_report", "View report"
        VIEW_VIDEO = "view_video", "View video"
        ANALYSE = "analyse", "Analyse"
        EDIT_RUBRIC = "edit_rubric", "Edit rubric"
        ASSESSMENT = "assessment", "Assessment"
        EXPORT = "export", "Export (access request)"
        DELETE = "delete", "Delete"
        EXPIRE = "expire", "Deleted at the end of the retention period"
        BLUR = "blur", "Blur faces"
        LOGIN_LOCKED = "login_locked", "Sign-in refused (too many failures)"

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_username = models.CharField(max_length=150, blank=True, help_text="kept if the user is deleted; "
                                      "empty for the system (retention)")
    action = models.CharField(max_length=16, choices=Action.choices, db_index=True)
    interview_id = models.UUIDField(null=True, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_username or 'system'} {self.action} {self.interview_id}"
