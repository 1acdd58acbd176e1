"""API representations of interviews, reports and users."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .api_shapes import ReportScoresSerializer, RubricField
from .consent import consent_language_of, consent_text
from .models import AssessmentNote, AuditEvent, Interview, ReportVersion, RubricVersion

logger = logging.getLogger(__name__)


def one_line(value: str, field: str) -> str:
    """``value`` with its runs of white space made one space; refused (``<field> must not be blank``) when blank."""
    value = " ".join(value.split())
    if not value:
        raise serializers.ValidationError(f"{field} must not be blank")
    return value


MAX_QUESTIONS = 50
MAX_QUESTION_CHARS = 1000


def validate_questions(value: Any) -> list[dict[str, Any]] | None:
    """``[{"text": str, "start": seconds?}]`` given as JSON text (multipart) or a list; empty → None."""
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as e:
            raise serializers.ValidationError(f"questions must be JSON: {e}") from e
    if not isinstance(value, list):
        raise serializers.ValidationError('questions must be a list: [{"text": "...", "start": seconds?}]')
    if len(value) > MAX_QUESTIONS:
        raise serializers.ValidationError(f"at most {MAX_QUESTIONS} questions")
    out: list[dict[str, Any]] = []
    for i, item in enumerate(value, 1):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            raise serializers.ValidationError(f"question {i}: an object with a non-empty 'text' is required")
        if len(item["text"]) > MAX_QUESTION_CHARS:
            raise serializers.ValidationError(f"question {i}: text longer than {MAX_QUESTION_CHARS} characters")
        q: dict[str, Any] = {"text": item["text"].strip()}
        start = item.get("start")
        if start is not None:
            if isinstance(start, bool) or not isinstance(start, (int, float)) or start < 0:
                raise serializers.ValidationError(f"question {i}: 'start' must be a number of seconds >= 0")
            q["start"] = float(start)
        if item.get("rubric") is not None:  # a recruiter's rubric: stored as the question's rubric version
            from .rubrics import RubricInvalid, validate

            try:
                q["rubric"] = validate(item["rubric"], question_text=q["text"])
            except RubricInvalid as e:
                raise serializers.ValidationError(f"question {i}: {e}") from None
        out.append(q)
    starts = [q["start"] for q in out if "start" in q]
    if starts != sorted(starts):
        raise serializers.ValidationError("question start times must increase")
    return out


@extend_schema_field({"type": "array", "nullable": True, "items": {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string"}, "start": {"type": "number", "minimum": 0}}}})
class QuestionsField(serializers.Field):
    """Questions as a JSON list, or JSON text in a multipart form."""

    def to_internal_value(self, data: Any) -> list[dict[str, Any]] | None:
        """The questions checked by :func:`validate_questions` (None when empty)."""
        return validate_questions(data)

    def to_representation(self, value: Any) -> Any:
        """The stored questions as they are."""
        return value


class ProgressSerializer(serializers.Serializer):
    """Where an analysis stands: its current stage and the overall percentage (0-100)."""

    stage = serializers.CharField(help_text="current stage (queued, extract_audio, transcribe…, done)")
    percent = serializers.FloatField(help_text="overall progress, 0-100")


class InterviewListSerializer(serializers.ModelSerializer):
    """An interview in a list: no report, its scores only."""

    progress = serializers.SerializerMethodField()
    job_active = serializers.BooleanField(read_only=True, help_text="an analysis is queued or running")
    scores = serializers.SerializerMethodField(help_text="report.scores when DONE, else null")

    error = serializers.SerializerMethodField(help_text="why the last analysis failed, in English, without internal "
                                              "file names or server paths (the details are in the server log)")
    error_code = serializers.SerializerMethodField(help_text="stable code of the failure, '' when none: not_a_video, "
                                                   "video_truncated, no_streams, video_missing, time_limit, killed, "
                                                   "interrupted, queue_unavailable, report_unreadable, model_missing, "
                                                   "dependency_missing, internal_error, failed")
    error_params = serializers.SerializerMethodField(help_text="values the translated reason needs, e.g. {seconds}")

    class Meta:
        model = Interview
        fields = ["id", "candidate_name", "status", "progress", "error", "error_code", "error_params", "job_active",
                  "language", "mode", "duration_sec", "scores", "report_version", "created_at", "started_at",
                  "finished_at", "position"]
        read_only_fields = fields

    def get_error(self, obj: Interview) -> str:
        """Why the last analysis failed, without server paths or file names ('' when it did not)."""
        from .reasons import public_message

        return public_message(obj.error)

    def get_error_code(self, obj: Interview) -> str:
        """The stable code of the last failure ('' when none)."""
        from .reasons import failure_code

        return failure_code(obj.error)[0]

    @extend_schema_field(serializers.DictField())
    def get_error_params(self, obj: Interview) -> dict[str, Any]:
        """The values the translated failure reason needs (``{}`` when none)."""
        from .reasons import failure_code

        return failure_code(obj.error)[1]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, obj: Interview) -> dict[str, Any]:
        """The analysis' current stage and overall percentage (0-100)."""
        p = obj.progress or {}
        return {"stage": p.get("stage", ""), "percent": float(p.get("percent", 0.0))}

    @extend_schema_field(ReportScoresSerializer(allow_null=True))
    def get_scores(self, obj: Interview) -> dict[str, Any] | None:
        """The report's scores when the analysis is DONE, else None; a total is never made of a part not measured."""
        if obj.status != Interview.Status.DONE:
            return None
        from .served_scores import complete_scores

        details = None
        if hasattr(obj, "report_scores"):  # list: annotated from the database, the report is not loaded
            scores = obj.report_scores
        else:
            scores = obj.report.get("scores") if isinstance(obj.report, dict) else None
            details = obj.report.get("score_details") if isinstance(obj.report, dict) else None
        # never a total made from a part not measured, even in a report stored before that rule
        return complete_scores(scores, details) if isinstance(scores, dict) else None


class ReportVersionSerializer(serializers.ModelSerializer):
    """One kept report of an interview: its version, when and with which options it was made, how long it took."""

    class Meta:
        model = ReportVersion
        fields = ["version", "created_at", "options", "duration_sec", "analysis_sec"]
        read_only_fields = fields


class AssessmentNoteSerializer(serializers.ModelSerializer):
    """An earlier version of the interview's notes: who wrote it (null: unknown), the text, when."""

    author = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = AssessmentNote
        fields = ["author", "text", "created_at"]
        read_only_fields = fields


class InterviewDetailSerializer(InterviewListSerializer):
    """One interview: state of its analysis, options, media facts, report versions (not the report)."""

    questions = QuestionsField(read_only=True)
    report_versions = ReportVersionSerializer(many=True, read_only=True)
    video_url = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    assessment_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True,
                                                 help_text="who wrote the current notes")
    assessment_history = serializers.SerializerMethodField(
        help_text="the earlier versions of the notes, newest first (editors only: [] for the others)")

    class Meta(InterviewListSerializer.Meta):
        fields = InterviewListSerializer.Meta.fields + [
            "questions", "options", "original_filename", "video_size", "media_info", "analysis_sec", "attempts",
            "queued_at", "updated_at", "report_versions", "video_url", "report_url",
            "assessment", "decision", "decided_by", "decided_at", "assessment_by", "assessment_at",
            "assessment_history", "consent", "consent_at", "consent_version", "consent_language", "expires_at",
            "blur_status", "blur_error", "blur_error_code", "blur_requested_at", "blur_finished_at",
            "blurred_video_url", "rubric_versions"]
        read_only_fields = fields

    rubric_versions = serializers.SerializerMethodField(
        help_text='the rubric version per question (the position\'s, for an interview of a position) that scored '
                  'the current report ({"1": 3}); null before analysis')

    @extend_schema_field(AssessmentNoteSerializer(many=True))
    def get_assessment_history(self, obj: Interview) -> list[dict[str, Any]]:
        """The earlier versions of the notes, newest first, for the interview's editors ([] for the others)."""
        from .assessments import history
        from .permissions import can_edit_interview

        request = self.context.get("request")
        if request is None or not can_edit_interview(request.user, obj):
            return []
        return AssessmentNoteSerializer(history(obj), many=True).data

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField(), allow_null=True))
    def get_rubric_versions(self, obj: Interview) -> dict[str, int] | None:
        """The rubric version per question that scored the current report; None before analysis."""
        if obj.status != Interview.Status.DONE or not obj.report_version:
            return None
        rv = obj.report_versions.filter(version=obj.report_version).only("rubric_versions").first()
        return rv.rubric_versions if rv is not None else None

    consent_language = serializers.SerializerMethodField(help_text="language of the consent text the candidate "
                                                         "agreed to (fr | en; '' for a text of the client's own)")
    blur_error = serializers.SerializerMethodField(help_text="why the blurring failed, without internal names")
    blur_error_code = serializers.SerializerMethodField(help_text="stable code of the blurring failure ('' when none)")

    def get_consent_language(self, obj: Interview) -> str:
        """The language (fr, en) of the consent text agreed to; '' for a text of the client's own."""
        return consent_language_of(obj.consent_text)

    def get_blur_error(self, obj: Interview) -> str:
        """Why the face blurring failed, without server paths or file names ('' when it did not)."""
        from .reasons import public_message

        return public_message(obj.blur_error)

    def get_blur_error_code(self, obj: Interview) -> str:
        """The stable code of the blurring failure ('' when none)."""
        from .reasons import failure_code

        return failure_code(obj.blur_error)[0]

    expires_at = serializers.SerializerMethodField(help_text="when the retention period deletes it (null: never)")
    blurred_video_url = serializers.SerializerMethodField(help_text="the face-blurred copy, once blur_status is DONE")

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_expires_at(self, obj: Interview) -> str | None:
        """When the retention period deletes the interview (ISO 8601), None when it is kept until deleted."""
        from datetime import timedelta

        days = obj.retention_days if obj.retention_days is not None else settings.IAL_RETENTION_DAYS
        if days <= 0 or obj.created_at is None:
            return None
        return serializers.DateTimeField().to_representation(obj.created_at + timedelta(days=days))

    def get_blurred_video_url(self, obj: Interview) -> str | None:
        """The URL of the face-blurred copy once made, else None."""
        if obj.blur_status != Interview.BlurStatus.DONE:
            return None
        return self._url(f"/api/interviews/{obj.pk}/video/?blurred=1")

    def get_video_url(self, obj: Interview) -> str:
        """The URL of the uploaded video (it answers HTTP Range requests, so a player can seek)."""
        return self._url(f"/api/interviews/{obj.pk}/video/")

    def get_report_url(self, obj: Interview) -> str | None:
        """The URL of the report once the analysis is DONE, else null."""
        if obj.status != Interview.Status.DONE:
            return None
        return self._url(f"/api/interviews/{obj.pk}/report/")

    def _url(self, path: str) -> str:
        """``path`` as an absolute URL on the request's host, or as it is without a request."""
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class InterviewCreateSerializer(serializers.ModelSerializer):
    """Upload: ``video`` (file), ``candidate_name``, optional ``language``, ``mode``, ``questions``."""

    video = serializers.FileField(help_text="the interview video (mp4, mov, mkv, webm…); checked with ffprobe")
    language = serializers.ChoiceField(choices=Interview.Language.choices, required=False, default="auto")
    mode = serializers.ChoiceField(choices=Interview.Mode.choices, required=False,
                                   help_text="default: the deployment's IAL_ANALYSIS_MODE (recruitment)")
    questions = QuestionsField(required=False, allow_null=True,
                               help_text='JSON list [{"text": "...", "start": seconds?}]')
    analyze = serializers.BooleanField(required=False, default=False, write_only=True,
                                       help_text="queue the analysis at once (as POST …/analyze/ would)")
    consent = serializers.BooleanField(required=False, default=False,
                                       help_text="the candidate agreed to the analysis (required: true)")
    consent_text = serializers.CharField(required=False, allow_blank=True, max_length=5000,
                                         help_text="the consent text shown (default: the server's, see /api/config/)")
    consent_version = serializers.CharField(required=False, allow_blank=True, max_length=32)
    position = serializers.UUIDField(required=False, allow_null=True,
                                     help_text="upload to this position: its questions, rubrics, weights, mode, "
                                     "language and retention are used (those fields are then refused)")
    consent_language = serializers.ChoiceField(choices=[("fr", "French"), ("en", "English")], required=False,
                                               write_only=True,
                                               help_text="the language the candidate read the consent text in "
                                               "(default: the interview's language, else English); the server's "
                                               "text in that language is stored")

    class Meta:
        model = Interview
        fields = ["candidate_name", "video", "language", "mode", "questions", "analyze", "consent", "consent_text",
                  "consent_version", "consent_language", "position"]

    def _refuse(self, code: str, message: str, **params: Any) -> serializers.ValidationError:
        """A refusal with a stable ``code`` (the API's ``error_code``) and the params its translation needs."""
        self.context.setdefault("error_params", {})[code] = params
        return serializers.ValidationError(message, code=code)

    def validate_consent(self, value: bool) -> bool:
        """Refuse a missing consent when the deployment requires it (``IAL_REQUIRE_CONSENT``): ``consent_required``."""
        if settings.IAL_REQUIRE_CONSENT and value is not True:
            raise self._refuse("consent_required",
                               "the candidate's consent is required: send consent=true once the candidate has agreed "
                               "to the analysis")
        return value

    def validate_candidate_name(self, value: str) -> str:
        """The name with its runs of spaces made one; refused when blank."""
        return one_line(value, "candidate_name")

    def validate_mode(self, value: str) -> str:
        """Refuse a mode the deployment does not allow (``IAL_ALLOWED_MODES``)."""
        if value not in settings.IAL_ALLOWED_MODES:
            raise serializers.ValidationError(
                f"mode {value!r} is not allowed on this server (allowed: {', '.join(settings.IAL_ALLOWED_MODES)})")
        return value

    def validate_video(self, upload):
        """Refuse a file too large, empty, not a readable video, too long or without streams, each with its code.

        The probed media facts are kept in the context for :meth:`create`.
        """
        limit = settings.IAL_UPLOAD_MAX_MB * 1024 * 1024
        if upload.size > limit:
            raise self._refuse("file_too_large", f"the file is larger than the upload limit "
                               f"({settings.IAL_UPLOAD_MAX_MB} MB)", max_mb=settings.IAL_UPLOAD_MAX_MB)
        if upload.size == 0:
            raise self._refuse("file_empty", "the file is empty")
        from interview_ai_lab.runtime.errors import AnalysisError

        from .uploads import probe_upload

        try:
            info = probe_upload(upload)
        except AnalysisError as e:
            # The probe's words name the server's temporary file: they stay in the log.
            logger.info("upload refused: not a readable video (%s): %s", Path(upload.name or "").suffix, e)
            raise self._refuse("not_a_video", "not a readable video file") from e
        if info.get("duration_sec", 0) > settings.IAL_MAX_VIDEO_SEC:
            raise self._refuse("video_too_long", f"the video lasts {info['duration_sec']:.0f} s, longer than the "
                               f"limit ({settings.IAL_MAX_VIDEO_SEC} s)", duration_sec=round(info["duration_sec"]),
                               max_sec=settings.IAL_MAX_VIDEO_SEC)
        if not info.get("has_audio") and not info.get("has_video"):
            raise self._refuse("no_streams", "the file has neither a video nor an audio stream")
        self.context["media_info"] = info
        return upload

    def create(self, validated_data: dict[str, Any]) -> Interview:
        """Store the interview: the position's settings when uploaded to one, the file's facts, the consent given."""
        upload = validated_data["video"]
        validated_data.pop("analyze", None)
        position = validated_data.pop("position", None)
        if position is not None:  # the view checked the caller may upload to it
            validated_data.pop("questions", None)
            validated_data.update(position=position, organisation_id=position.organisation_id,
                                  questions=[{"text": q["text"], "weight": float(q.get("weight", 1.0))}
                                             for q in position.questions or []] or None,
                                  weights=position.weights, mode=position.mode, language=position.language,
                                  retention_days=position.retention_days)
        language = validated_data.pop("consent_language", None) or validated_data.get("language") or "en"
        validated_data.setdefault("mode", settings.IAL_ANALYSIS_MODE)
        validated_data["original_filename"] = Path(upload.name or "").name[:255]
        validated_data["video_size"] = upload.size
        validated_data["media_info"] = self.context.get("media_info")
        if validated_data.get("consent"):
            from django.utils import timezone

            validated_data["consent_at"] = timezone.now()
            validated_data["consent_text"] = (validated_data.get("consent_text") or "").strip() or consent_text(language)
            validated_data["consent_version"] = (validated_data.get("consent_version") or "").strip() or \
                settings.IAL_CONSENT_VERSION
        else:
            validated_data.update(consent_text="", consent_version="")
        return super().create(validated_data)


class AnalyzeSerializer(serializers.Serializer):
    """Optional options of a new analysis (the interview's stored ones otherwise)."""

    language = serializers.ChoiceField(choices=Interview.Language.choices, required=False)
    mode = serializers.ChoiceField(choices=Interview.Mode.choices, required=False)
    questions = QuestionsField(required=False, allow_null=True)
    force = serializers.BooleanField(required=False, default=False,
                                     help_text="recompute every stage (else unchanged stages are reused)")

    def validate_mode(self, value: str) -> str:
        """Refuse a mode the deployment does not allow (``IAL_ALLOWED_MODES``)."""
        if value not in settings.IAL_ALLOWED_MODES:
            raise serializers.ValidationError(f"mode {value!r} is not allowed on this server")
        return value


class AssessmentSerializer(serializers.ModelSerializer):
    """The deciders' notes (``assessment``, text) and ``decision`` ("" | advance | hold | reject).

    ``decided_by``/``decided_at`` change only when the decision does; ``assessment_by``/``assessment_at``
    say who wrote the current notes, and when.
    """

    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    assessment_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Interview
        fields = ["assessment", "decision", "decided_by", "decided_at", "assessment_by", "assessment_at"]
        read_only_fields = ["decided_by", "decided_at", "assessment_by", "assessment_at"]
        extra_kwargs = {"assessment": {"max_length": 20000, "required": False, "allow_blank": True},
                        "decision": {"required": False}}


class ReportConflictSerializer(serializers.Serializer):
    """Why the interview cannot do this yet (409): its status, the analysis' progress and its last error."""

    detail = serializers.CharField()
    status = serializers.CharField()
    progress = ProgressSerializer()
    error = serializers.CharField(allow_blank=True)


class UserSerializer(serializers.ModelSerializer):
    """A user account: id, username, e-mail, names, and whether it may use the admin site."""

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email", "first_name", "last_name", "is_staff"]
        read_only_fields = fields


class LoginSerializer(serializers.Serializer):
    """A sign-in: username and password."""

    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class RubricVersionSerializer(serializers.ModelSerializer):
    """One version of a question's rubric."""

    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True,
                                              help_text="null: made by the system (generated from the question)")
    rubric = RubricField(read_only=True)

    class Meta:
        model = RubricVersion
        fields = ["question_index", "version", "source", "question_text", "rubric", "created_by", "created_at"]
        read_only_fields = fields


class RubricInputField(serializers.Field):
    """A rubric JSON object (checked with ``interview_ai_lab.text.rubrics.validate_rubric``)."""

    def to_internal_value(self, data: Any) -> Any:
        """The rubric as given, parsed first when it comes as JSON text (checked later, by the rubric's validation)."""
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError as e:
                raise serializers.ValidationError(f"rubric must be JSON: {e}") from None
        return data

    def to_representation(self, value: Any) -> Any:
        """The stored rubric as it is."""
        return value


class AuditEventSerializer(serializers.ModelSerializer):
    """One entry of the audit trail."""

    actor = serializers.CharField(source="actor_username", read_only=True, help_text="username; empty: the system")

    class Meta:
        model = AuditEvent
        fields = ["id", "created_at", "actor", "action", "interview_id", "details"]
        read_only_fields = fields
