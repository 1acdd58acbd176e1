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

from interview_ai_lab.report.scoring import DEFAULT_PART_WEIGHTS


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


class Organisation(models.Model):
    """A hiring organisation: its members (:class:`Membership`) share its positions and their interviews."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation (one per user and organisation).

    - ``admin``: manages the members, and can do everything a recruiter can;
    - ``recruiter``: creates positions, uploads, analyses, edits rubrics, decides;
    - ``reviewer``: reads and assesses (text only) the positions they are added to.
    """

    class Role(models.TextChoices):
        ADMIN = "admin", "Administrator"
        RECRUITER = "recruiter", "Recruiter"
        REVIEWER = "reviewer", "Reviewer"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REVIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.organisation}"


class AnalysisLanguage(models.TextChoices):
    """The spoken language an analysis assumes (``auto``: detected), of an interview and of a position."""

    AUTO = "auto", "Detect"
    FR = "fr", "French"
    EN = "en", "English"


class AnalysisMode(models.TextChoices):
    """What an analysis may infer, of an interview and of a position."""

    RECRUITMENT = "recruitment", "Recruitment (no emotion inference)"
    COACHING = "coaching", "Coaching (everything, emotions included)"


def _default_retention_days() -> int:
    return max(0, int(getattr(settings, "IAL_RETENTION_DAYS", 0)))


def default_rating_scale() -> dict:
    """A position's default rating scale: 1 to 5, no anchor texts."""
    return {"min": 1, "max": 5, "anchors": {}}


class Position(models.Model):
    """One job opening: one set of questions and rubrics, many candidates compared side by side.

    ``questions`` is ``[{"text": str, "weight": number > 0}]`` (ordered; 1-based index as in the
    reports); each question's rubric is versioned in :class:`PositionRubric`. ``weights`` is the
    ``run_all.py --weights`` text (maximum points of each part); ``retention_days`` the days
    after upload when its interviews are deleted (0: kept until deleted by hand).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=200)
    language = models.CharField(max_length=8, default="auto", choices=AnalysisLanguage.choices)
    description = models.TextField(blank=True, default="")
    questions = models.JSONField(default=list, blank=True, help_text='[{"text": str, "weight": number > 0}]')
    weights = models.CharField(max_length=100, default=DEFAULT_PART_WEIGHTS)
    retention_days = models.PositiveIntegerField(default=_default_retention_days)
    mode = models.CharField(max_length=16, default="recruitment", choices=AnalysisMode.choices)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="reviewed_positions")
    # The one-way interview a candidate records in the browser (:class:`Invitation`).
    think_time_sec = models.PositiveIntegerField(null=True, blank=True, default=30,
                                                 help_text="seconds to read each question before recording starts "
                                                 "(0: recording starts at once; null: unlimited)")
    answer_time_sec = models.PositiveIntegerField(default=120, help_text="longest answer to one question, seconds")
    takes = models.PositiveIntegerField(null=True, blank=True, default=1,
                                        help_text="recordings a candidate may make of each answer (null: unlimited)")
    practice_question = models.TextField(blank=True, default="",
                                         help_text="a question to try the camera on, never sent ('' : none)")
    # Team review (:mod:`interviews.scorecards`).
    rating_scale = models.JSONField(default=default_rating_scale, blank=True,
                                    help_text='{"min": 1, "max": 5, "anchors": {"1": "text", …}}')
    independent_ratings = models.BooleanField(default=True, help_text="each person rates before seeing the others'")
    review_deadline = models.DateTimeField(null=True, blank=True,
                                           help_text="after it, an editor sees every rating before submitting theirs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"


class PositionRubric(models.Model):
    """One version of the rubric of one question of a position (1, 2, …; the highest is current).

    ``source``: ``generated`` (from the question text), ``given`` (with the question) or
    ``edited`` (by a recruiter), as for :class:`RubricVersion`.
    """

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="rubrics")
    question_index = models.PositiveIntegerField(help_text="1-based, as report.questions[].index")
    question_text = models.TextField()
    version = models.PositiveIntegerField()
    rubric = models.JSONField()
    source = models.CharField(max_length=10, choices=[("generated", "Generated from the question"),
                                                      ("given", "Given with the question"),
                                                      ("edited", "Edited by a recruiter")])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "question_index", "-version"]
        constraints = [models.UniqueConstraint(fields=["position", "question_index", "version"],
                                               name="unique_position_rubric_version")]

    def __str__(self) -> str:
        return f"rubric v{self.version} of question {self.question_index} of position {self.position_id}"


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

    Language = AnalysisLanguage
    Mode = AnalysisMode

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    # An interview of a position belongs to its organisation (``owner`` is then the uploader).
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.PROTECT, related_name="interviews")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="interviews")
    weights = models.CharField(max_length=100, blank=True, default="", help_text="run_all.py --weights ('' default)")
    retention_days = models.PositiveIntegerField(null=True, blank=True,
                                                 help_text="days kept after upload (null: IAL_RETENTION_DAYS)")
    candidate_name = models.CharField(max_length=200)
    video = models.FileField(upload_to=video_upload_to, max_length=255)
    original_filename = models.CharField(max_length=255, blank=True, help_text="client file name, for display only")
    video_size = models.BigIntegerField(null=True, blank=True, help_text="bytes")
    media_info = models.JSONField(null=True, blank=True, help_text="facts probed at upload (duration, streams…)")

    language = models.CharField(max_length=8, choices=Language.choices, default=Language.AUTO)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.RECRUITMENT)
    questions = models.JSONField(null=True, blank=True, help_text='[{"text": str, "start": seconds?}]')
    # A one-way interview recorded in the browser: where each answer lies in the joined video (exact, not guessed).
    answer_spans = models.JSONField(null=True, blank=True, help_text='[{"question_index": n, "start": s, "end": s}] '
                                    '(start and end null: not answered)')

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
    # Who wrote the current ``assessment`` text, and when (its earlier versions: :class:`AssessmentNote`).
    assessment_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    assessment_at = models.DateTimeField(null=True, blank=True)

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
    rubric_versions = models.JSONField(null=True, blank=True,
                                       help_text='position rubric version per question that scored it: {"1": 3}')
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
    rubric = models.JSONField(help_text="interview_ai_lab.text.rubrics format: {criteria: [{id, name, description, weight}]}")
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


class AssessmentNote(models.Model):
    """An earlier version of an interview's ``assessment`` notes, kept when the text was changed (no words lost).

    ``author`` wrote it (null: unknown, written before authors were kept, or the account is gone),
    ``created_at`` is when it was written.
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="assessment_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["interview", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"earlier notes of {self.interview_id} ({self.created_at:%Y-%m-%d %H:%M})"


class Scorecard(models.Model):
    """One version of one person's ratings of one interview (1, 2, …; the highest is current).

    ``ratings`` is ``[{"question": 1, "rating": 4 | null, "criteria": [{"criterion": id, "rating": 3}],
    "evidence": [{"time": 12.5, "note": text}]}]`` on the position's ``rating_scale``; ``submitted`` once
    the person submitted it (and in every later version), ``submitted_at`` when first submitted.
    Saved only through :func:`interviews.scorecards.save_scorecard` (a new version each time).
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scorecards")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorecards")
    version = models.PositiveIntegerField()
    ratings = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True, default="")
    submitted = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["interview", "reviewer", "-version"]
        constraints = [models.UniqueConstraint(fields=["interview", "reviewer", "version"],
                                               name="unique_scorecard_version")]

    def __str__(self) -> str:
        return f"scorecard v{self.version} of {self.reviewer_id} on {self.interview_id}"


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
        DEMOGRAPHICS = "demographics", "Demographics declared or erased"
        VIEW_IMPACT = "view_impact", "View adverse-impact report"
        INVITE = "invite", "Candidate invited (one-way interview)"
        INVITE_SEND = "invite_send", "Invitation link made again (and e-mailed)"
        INVITE_EDIT = "invite_edit", "Invitation changed (deadline, name, e-mail)"
        INVITE_REVOKE = "invite_revoke", "Invitation revoked"
        INVITE_OPEN = "invite_open", "Invitation link opened by the candidate"
        CONSENT = "consent", "Consent given by the candidate"
        TAKE = "take", "Answer recorded by the candidate"
        SUBMIT = "submit", "Answers sent by the candidate"
        INVITE_DELETE = "invite_delete", "Invitation and its recordings deleted"
        INVITE_EXPIRE = "invite_expire", "Invitation deleted at the end of the retention period"
        SCORECARD = "scorecard", "Scorecard saved (ratings of one person)"
        COMPARISON_CSV = "comparison_csv", "Candidate comparison downloaded as CSV"

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


class Demographics(models.Model):
    """A candidate's self-declared demographics (optional, separate consent), for the adverse-impact report only.

    Never in the report, never in scoring, never served next to a name: the API only says
    whether a declaration exists. ``values`` maps each category of
    ``IAL_DEMOGRAPHIC_CATEGORIES`` to one of its values, or "" (prefers not to say).
    """

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="demographics")
    values = models.JSONField(default=dict, blank=True)
    consent_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"demographics of {self.interview_id}"


def take_upload_to(instance: Take, filename: str) -> str:
    """Storage name of a recorded answer: ``takes/<invitation>/<take>.<ext>`` (UUIDs only, never a client's name)."""
    ext = Path(filename).suffix.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        ext = "bin"
    return f"takes/{uuid.UUID(str(instance.invitation_id))}/{uuid.UUID(str(instance.id))}.{ext}"


class Invitation(models.Model):
    """One candidate invited to record a position's one-way interview in the browser, from one link.

    The link carries a random token (:mod:`interviews.invitations`: 256 bits); only its SHA-256 is
    stored (``token_hash``), so the link can be made again (a new token, the old link dead) but
    never shown again. Its state (:attr:`state`) is derived from the times below: ``sent``
    (made), ``opened`` (the candidate opened the link), ``in_progress`` (consent given, answers
    recorded), ``submitted`` (answers sent: nothing can change), ``expired`` (deadline passed
    before it was submitted), ``revoked`` (by a recruiter). Once submitted, the answers become
    one :class:`Interview` of the position (``interview``; made by a worker, see
    :mod:`interviews.answers_video`).
    """

    class State(models.TextChoices):
        SENT = "sent", "Sent"
        OPENED = "opened", "Opened"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    class Language(models.TextChoices):
        FR = "fr", "French"
        EN = "en", "English"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="invitations")
    candidate_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, default="", help_text="where the link is e-mailed ('' : copied by hand)")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.FR)
    deadline = models.DateTimeField(help_text="the link works until then")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the link's token (hex)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    link_made_at = models.DateTimeField(default=timezone.now, help_text="when the current link was made")
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_count = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    # GDPR: the candidate's consent, given on the candidate page (as at upload: the text and its version).
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_text = models.TextField(blank=True, default="")
    consent_version = models.CharField(max_length=32, blank=True, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # The answers' video, put together by a worker once submitted (interviews.answers_video).
    interview = models.OneToOneField(Interview, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="invitation")
    assembly_error = models.TextField(blank=True, default="", help_text="why the answers' video could not be made")
    assembly_queued_at = models.DateTimeField(null=True, blank=True)
    assembly_attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["position", "-created_at"])]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.position_id})"

    def state_at(self, now=None) -> str:
        """The state (a :class:`State` value) at ``now`` (default: now)."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.submitted_at is not None:
            return self.State.SUBMITTED
        if self.deadline <= now:
            return self.State.EXPIRED
        if self.consent_at is not None:
            return self.State.IN_PROGRESS
        if self.opened_at is not None:
            return self.State.OPENED
        return self.State.SENT

    @property
    def state(self) -> str:
        """The state now (see :meth:`state_at`)."""
        return self.state_at()


class Take(models.Model):
    """One recording of one answer, uploaded with tus (:mod:`interviews.tus`) in chunks that survive a cut.

    ``upload_offset`` bytes of ``upload_length`` have arrived; each chunk is kept as its own
    stored part (``parts``: ``[{"offset", "size", "name"}]``, names in the default storage) until
    the last one, then the parts become ``file`` and are checked (:mod:`interviews.takes`):
    ``received`` (a readable recording within the answer time) or ``failed`` (``error`` says why;
    the bytes are kept). ``discarded``: the candidate gave the upload up (its bytes are removed;
    it still counts as a take). At submit the chosen take of each question is kept and the
    others are deleted; a take is never analysed unless chosen.
    """

    class State(models.TextChoices):
        UPLOADING = "uploading", "Uploading"
        RECEIVED = "received", "Received"
        FAILED = "failed", "Failed"
        DISCARDED = "discarded", "Discarded"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="takes")
    question_index = models.PositiveIntegerField(help_text="1-based, as the position's questions")
    number = models.PositiveIntegerField(help_text="1, 2, … within the question")
    state = models.CharField(max_length=10, choices=State.choices, default=State.UPLOADING)
    content_type = models.CharField(max_length=100, blank=True, default="", help_text="as the browser recorded it")
    upload_length = models.BigIntegerField(help_text="bytes announced at creation")
    upload_offset = models.BigIntegerField(default=0, help_text="bytes received")
    parts = models.JSONField(default=list, blank=True)
    file = models.FileField(upload_to=take_upload_to, max_length=255, blank=True)
    duration_sec = models.FloatField(null=True, blank=True)
    media_info = models.JSONField(null=True, blank=True)
    error = models.CharField(max_length=32, blank=True, default="", help_text="why it failed: a stable code")
    chosen = models.BooleanField(default=False, help_text="the take the candidate sends for this question")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invitation", "question_index", "number"]
        constraints = [models.UniqueConstraint(fields=["invitation", "question_index", "number"],
                                               name="unique_take_number")]

    def __str__(self) -> str:
        return f"take {self.number} of question {self.question_index} ({self.state})"
