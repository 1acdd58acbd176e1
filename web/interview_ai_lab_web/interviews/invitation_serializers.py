"""API representations of invitations (the recruiter's side) and of the candidate page's session."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .invitations import answered_count, failed_answers, question_count
from .models import Invitation, Take
from .serializers import one_line


class FailedAnswerSerializer(serializers.Serializer):
    """A question of an invitation whose every take failed, and why the last one did."""

    question_index = serializers.IntegerField()
    error = serializers.CharField(help_text="why its last take failed: not_a_video, no_streams, too_long, empty, "
                                  "unsupported_type")


class InvitationSerializer(serializers.ModelSerializer):
    """An invitation as its position's recruiters see it (the link itself is only in the answer that makes it)."""

    state = serializers.ChoiceField(choices=Invitation.State.choices, read_only=True,
                                    help_text="sent, opened, in_progress, submitted, expired, revoked")
    answered = serializers.SerializerMethodField(help_text="questions answered so far (k of `questions`)")
    questions = serializers.SerializerMethodField(help_text="questions of the position (n)")
    failed_answers = serializers.SerializerMethodField(help_text="questions whose every take failed")
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    interview = serializers.UUIDField(source="interview_id", read_only=True, allow_null=True,
                                      help_text="the interview made of the answers, once submitted and put together")
    assembly_error = serializers.CharField(read_only=True, help_text="why the answers could not be put together")

    class Meta:
        model = Invitation
        fields = ["id", "position", "candidate_name", "email", "language", "deadline", "state", "answered",
                  "questions", "failed_answers", "created_by", "created_at", "link_made_at", "email_sent_at",
                  "email_count", "opened_at", "consent_at", "submitted_at", "revoked_at", "interview",
                  "assembly_error"]
        read_only_fields = ["id", "position", "created_at", "link_made_at", "email_sent_at", "email_count",
                            "opened_at", "consent_at", "submitted_at", "revoked_at"]

    def get_answered(self, obj: Invitation) -> int:
        """Questions answered so far: with a received take (with a chosen one, once submitted)."""
        return answered_count(obj)

    def get_questions(self, obj: Invitation) -> int:
        """Questions of the invitation's position."""
        return question_count(obj.position)

    @extend_schema_field(FailedAnswerSerializer(many=True))
    def get_failed_answers(self, obj: Invitation) -> list[dict[str, Any]]:
        """The questions whose every take failed, each with why its last take did."""
        return failed_answers(obj)


class InvitationInputSerializer(serializers.Serializer):
    """A new invitation (or the fields a recruiter changes on one)."""

    candidate_name = serializers.CharField(max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=Invitation.Language.choices, required=False, default="fr",
                                       help_text="the candidate page's and the e-mail's language")
    deadline = serializers.DateTimeField(required=False, help_text="default: in IAL_INVITATION_DAYS days")
    send_email = serializers.BooleanField(required=False, default=False, write_only=True,
                                          help_text="e-mail the link to `email` now")

    def validate_candidate_name(self, value: str) -> str:
        """The name with its runs of spaces made one; refused when blank."""
        return one_line(value, "candidate_name")

    def validate_deadline(self, value: Any) -> Any:
        """The deadline, refused unless in the future and within a year (366 days)."""
        now = timezone.now()
        if value <= now:
            raise serializers.ValidationError("the deadline must be in the future")
        if value > now + timedelta(days=366):
            raise serializers.ValidationError("the deadline must be within a year")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Refuse ``send_email`` without an ``email`` to send the link to."""
        if attrs.get("send_email") and not attrs.get("email"):
            raise serializers.ValidationError({"email": ["an e-mail address is needed to send the link"]})
        return attrs


class InvitationLinkSerializer(serializers.Serializer):
    """The invitation with its link: the only answer that carries it (only the token's hash is kept)."""

    invitation = InvitationSerializer()
    link = serializers.URLField(help_text="the candidate's link; making it again (POST …/link/) ends this one")
    emailed = serializers.BooleanField(help_text="the link was e-mailed to the candidate")
    email_error = serializers.CharField(allow_blank=True, help_text="why the e-mail could not be sent ('' : sent "
                                        "or not asked)")


class LinkRequestSerializer(serializers.Serializer):
    """A request for a new link (the old one stops working), e-mailed to the candidate or not."""

    email = serializers.BooleanField(required=False, default=False, help_text="e-mail the new link to the candidate")


# --------------------------------------------------------------------------- the candidate page

#: Where a question of the candidate page stands.
QUESTION_STATUSES = [("open", "Open"), ("answered", "Answered"), ("failed", "Every take failed")]
#: Why a link opens nothing.
LINK_REFUSALS = [("invalid", "Forged or unknown"), ("expired", "Past its deadline"), ("revoked", "Revoked")]


class CandidateTakeSerializer(serializers.Serializer):
    """One recording of an answer, as the candidate page shows it: its state and how much of it has arrived (bytes)."""

    id = serializers.UUIDField()
    number = serializers.IntegerField()
    state = serializers.ChoiceField(choices=Take.State.choices)
    error = serializers.CharField(allow_blank=True)
    duration_sec = serializers.FloatField(allow_null=True)
    chosen = serializers.BooleanField()
    upload_offset = serializers.IntegerField()
    upload_length = serializers.IntegerField()


class CandidateQuestionSerializer(serializers.Serializer):
    """A question of the candidate page (1-based ``index``), where it stands and its takes (given-up ones left out)."""

    index = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=QUESTION_STATUSES,
                                     help_text="open: to answer; answered: a take received; failed: every take failed")
    takes_used = serializers.IntegerField()
    takes_left = serializers.IntegerField(allow_null=True, help_text="null: unlimited")
    takes = CandidateTakeSerializer(many=True)


class CandidatePositionSerializer(serializers.Serializer):
    """The job the candidate is invited for: title, description and the organisation's name."""

    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField()


class CandidateConsentSerializer(serializers.Serializer):
    """The privacy notice in the invitation's language, its version, when it was agreed to, how long data is kept."""

    text = serializers.CharField()
    version = serializers.CharField()
    given_at = serializers.DateTimeField(allow_null=True)
    retention_days = serializers.IntegerField(help_text="0: kept until deleted")


class CandidateSettingsSerializer(serializers.Serializer):
    """The position's recording settings: reading and answer times (seconds), takes, practice question, size (MB)."""

    think_time_sec = serializers.IntegerField(allow_null=True, help_text="null: unlimited; 0: none")
    answer_time_sec = serializers.IntegerField()
    takes = serializers.IntegerField(allow_null=True, help_text="null: unlimited")
    practice_question = serializers.CharField(allow_blank=True)
    max_take_mb = serializers.IntegerField()


class CandidateSessionSerializer(serializers.Serializer):
    """What the candidate page shows: the job, the privacy notice, the settings, the questions and their takes."""

    state = serializers.ChoiceField(choices=Invitation.State.choices)
    language = serializers.ChoiceField(choices=Invitation.Language.choices)
    candidate_name = serializers.CharField()
    deadline = serializers.DateTimeField()
    position = CandidatePositionSerializer()
    consent = CandidateConsentSerializer()
    settings = CandidateSettingsSerializer()
    questions = CandidateQuestionSerializer(many=True)
    next_question = serializers.IntegerField(allow_null=True, help_text="the first question still open")
    answered = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)


class LinkRefusedSerializer(serializers.Serializer):
    """A link that opens nothing (404: unknown; 410: expired or revoked): a code and the language to say it in."""

    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=LINK_REFUSALS)
    language = serializers.CharField(allow_blank=True, help_text="the invitation's language ('' for a forged link)")


class LinkNotFoundSerializer(serializers.Serializer):
    """A forged or unknown link (``code`` invalid), or a path that names nothing (``detail`` only)."""

    detail = serializers.CharField()
    code = serializers.ChoiceField(choices=LINK_REFUSALS, required=False)
    language = serializers.CharField(allow_blank=True, required=False)


class CandidateRefusalSerializer(serializers.Serializer):
    """Why the candidate cannot do this now: a readable ``detail``, a stable ``code`` and the values it names."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text="submitted, consent_required, no_question, no_take_left, too_large, "
                                 "not_usable, unanswered, uploading")
    params = serializers.DictField()


def throttle_rate() -> str:
    """The candidate pages' request rate per client address (``IAL_CANDIDATE_RATE``)."""
    return settings.IAL_CANDIDATE_RATE
