"""API representations of organisations, members, positions, their rubrics, comparison and adverse impact."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from interview_ai_lab.report.scoring import DEFAULT_PART_WEIGHTS, parse_weights

from .api_shapes import IncompleteReasonSerializer, MeasuredSerializer, RubricField
from .models import Interview, Membership, Position, PositionRubric, default_rating_scale
from .scorecard_serializers import CellRatingsSerializer, RatingScaleField, RatingScaleSerializer
from .serializers import one_line

logger = logging.getLogger(__name__)

MAX_QUESTIONS = 50
MAX_QUESTION_CHARS = 1000


class OrganisationSerializer(serializers.Serializer):
    """One of the caller's memberships: the organisation and the caller's role in it."""

    id = serializers.UUIDField(source="organisation.id", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.choices, read_only=True)


class MemberSerializer(serializers.Serializer):
    """A member of an organisation: ``{user_id, username, role}`` (``username`` and ``role`` when adding)."""

    user_id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class MemberRoleSerializer(serializers.Serializer):
    """A member's new role in the organisation."""

    role = serializers.ChoiceField(choices=Membership.Role.choices)


class UsernameSerializer(serializers.Serializer):
    """A user named by username (a member of the organisation to make a reviewer)."""

    username = serializers.CharField(max_length=150)


class PositionQuestionSerializer(serializers.Serializer):
    """One question of a position: its text, its weight in the verbal part (> 0), optionally its rubric."""

    text = serializers.CharField(max_length=MAX_QUESTION_CHARS)
    weight = serializers.FloatField(required=False, default=1.0, min_value=0.001, max_value=1000)
    rubric = serializers.JSONField(required=False, write_only=True,
                                   help_text="the question's rubric (default: generated from the text)")


class PositionRubricSerializer(serializers.ModelSerializer):
    """One version of the rubric of one question of a position."""

    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    rubric = RubricField(read_only=True)

    class Meta:
        model = PositionRubric
        fields = ["question_index", "version", "rubric", "source", "created_by", "created_at"]
        read_only_fields = fields


class PositionRubricInputSerializer(serializers.Serializer):
    """A new version of one question's rubric: the question (1-based) and the rubric, validated before it is kept."""

    question_index = serializers.IntegerField(min_value=1, max_value=MAX_QUESTIONS)
    rubric = serializers.JSONField()


def _validate_weights(value: str) -> str:
    try:
        parsed = parse_weights(value)
    except ValueError as e:
        raise serializers.ValidationError(f"weights: {e} (format: {DEFAULT_PART_WEIGHTS})") from None
    return ",".join(f"{k}={v:g}" for k, v in parsed.items())


class PositionSerializer(serializers.ModelSerializer):
    """A position: one job opening, its questions, rubrics, score weights, mode, retention and reviewers."""

    organisation = serializers.UUIDField(source="organisation_id")
    language = serializers.ChoiceField(choices=Interview.Language.choices, required=False, default="auto")
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    questions = PositionQuestionSerializer(many=True, required=False)
    weights = serializers.CharField(required=False, max_length=100, default=DEFAULT_PART_WEIGHTS,
                                    help_text="maximum points of each part, run_all.py --weights format")
    retention_days = serializers.IntegerField(required=False, min_value=0, max_value=36500,
                                              help_text="days after upload when its interviews are deleted (0: never)")
    mode = serializers.ChoiceField(choices=Interview.Mode.choices, required=False, default="recruitment")
    think_time_sec = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=3600, default=30,
                                              help_text="one-way interview: seconds to read each question before "
                                              "the recording starts by itself (0: at once; null: unlimited)")
    answer_time_sec = serializers.IntegerField(required=False, min_value=10, max_value=3600, default=120,
                                               help_text="one-way interview: longest answer to one question, seconds")
    takes = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=99, default=1,
                                     help_text="one-way interview: recordings a candidate may make of each answer "
                                     "(null: unlimited)")
    practice_question = serializers.CharField(required=False, allow_blank=True, default="",
                                              max_length=MAX_QUESTION_CHARS,
                                              help_text="one-way interview: a question to try the camera on, never "
                                              "sent ('' : none)")
    rating_scale = RatingScaleField(required=False, default=default_rating_scale,
                                    help_text='team review: {"min": 1, "max": 5, "anchors": {"1": "text"}} (integers, '
                                    "max - min from 1 to 10; anchors on points of the scale)")
    independent_ratings = serializers.BooleanField(required=False, default=True,
                                                   help_text="team review: each person sees the others' ratings "
                                                   "only once they submitted their own")
    review_deadline = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                                help_text="team review: after it an editor sees every rating, even "
                                                "before submitting their own (null: none)")
    reviewers = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField(help_text="the caller's role in the position's organisation")
    interview_count = serializers.SerializerMethodField()
    rubrics = serializers.SerializerMethodField(help_text="the latest rubric version of each question")

    class Meta:
        model = Position
        fields = ["id", "organisation", "title", "language", "description", "questions", "weights",
                  "retention_days", "mode", "think_time_sec", "answer_time_sec", "takes", "practice_question",
                  "rating_scale", "independent_ratings", "review_deadline", "reviewers", "role", "interview_count", "rubrics", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {"title": {"max_length": 200}}

    def validate_title(self, value: str) -> str:
        """The title with its runs of spaces made one; refused when blank."""
        return one_line(value, "title")

    def validate_weights(self, value: str) -> str:
        """The parts' maximum points in the canonical ``verbal=40,paraverbal=20,nonverbal=40`` form; refused if wrong."""
        return _validate_weights(value)

    def validate_mode(self, value: str) -> str:
        """Refuse a mode the deployment does not allow (``IAL_ALLOWED_MODES``)."""
        if value not in settings.IAL_ALLOWED_MODES:
            raise serializers.ValidationError(f"mode {value!r} is not allowed on this server")
        return value

    def validate_questions(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """At most ``MAX_QUESTIONS`` questions, each with a non-blank text, a weight and a valid rubric if given."""
        if len(value) > MAX_QUESTIONS:
            raise serializers.ValidationError(f"at most {MAX_QUESTIONS} questions")
        out = []
        for i, q in enumerate(value, 1):
            text = " ".join(str(q.get("text", "")).split())
            if not text:
                raise serializers.ValidationError(f"question {i}: a non-empty 'text' is required")
            item: dict[str, Any] = {"text": text, "weight": float(q.get("weight", 1.0))}
            if q.get("rubric") is not None:
                from .rubrics import RubricInvalid, validate

                try:
                    item["rubric"] = validate(q["rubric"], question_text=text)
                except RubricInvalid as e:
                    raise serializers.ValidationError(f"question {i}: {e}") from None
            out.append(item)
        return out

    def get_reviewers(self, obj: Position) -> list[str]:
        """The usernames of the position's reviewers, in alphabetical order."""
        return sorted(obj.reviewers.values_list("username", flat=True))

    @extend_schema_field(serializers.ChoiceField(choices=Membership.Role.choices, allow_null=True))
    def get_role(self, obj: Position) -> str | None:
        """The caller's role in the position's organisation (None when not a member)."""
        from .permissions import role_in

        request = self.context.get("request")
        return role_in(getattr(request, "user", None), obj.organisation_id)

    def get_interview_count(self, obj: Position) -> int:
        """The number of interviews of the position."""
        return obj.interviews.count()

    @extend_schema_field(PositionRubricSerializer(many=True))
    def get_rubrics(self, obj: Position) -> list[dict[str, Any]]:
        """The latest rubric version of each question, in question order."""
        from .positions import current_rubrics

        return PositionRubricSerializer([pr for _, pr in sorted(current_rubrics(obj).items())], many=True).data


class DemographicsInputSerializer(serializers.Serializer):
    """The candidate's own declaration: ``consent`` (a separate one) and ``categories`` (values or "")."""

    consent = serializers.BooleanField()
    categories = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=100),
                                       required=False, default=dict)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Refuse a category or value the deployment does not know, and any value declared without consent."""
        allowed = settings.IAL_DEMOGRAPHIC_CATEGORIES
        cats = attrs.get("categories") or {}
        for key, value in cats.items():
            if key not in allowed:
                raise serializers.ValidationError({"categories": [f"unknown category {key!r} (known: "
                                                                  f"{', '.join(allowed)})"]})
            if value and value not in allowed[key]:
                raise serializers.ValidationError({"categories": [f"{key}: {value!r} is not one of "
                                                                  f"{', '.join(allowed[key])} (or '')"]})
        if not attrs["consent"] and any(cats.values()):
            raise serializers.ValidationError({"consent": ["the candidate's consent is required to store a "
                                                           "declaration"]})
        return attrs


class DemographicsStatusSerializer(serializers.Serializer):
    """Whether the candidate declared demographics, and when they consented; never the values."""

    declared = serializers.BooleanField()
    consent_at = serializers.DateTimeField(allow_null=True)


# --------------------------------------------------------------------------- comparison (documentation shapes)


class _ScoresSerializer(serializers.Serializer):
    verbal = serializers.FloatField(allow_null=True)
    paraverbal = serializers.FloatField(allow_null=True)
    nonverbal = serializers.FloatField(allow_null=True)
    total = serializers.FloatField(allow_null=True)


class _RowQuestionSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    coverage = serializers.FloatField(allow_null=True, help_text="rubric coverage of the answer, 0-1")
    rubric_score = serializers.FloatField(allow_null=True, help_text="0-100")
    answer_score = serializers.FloatField(allow_null=True, help_text="the answer's own score, 0-100")
    start = serializers.FloatField(allow_null=True, help_text="seconds")
    end = serializers.FloatField(allow_null=True, help_text="seconds")
    evidence = serializers.ListField(child=serializers.CharField())
    link = serializers.CharField()
    ratings = CellRatingsSerializer(help_text="people's submitted ratings of this answer, as the caller may see them")


class _RowSerializer(serializers.Serializer):
    interview = serializers.UUIDField()
    candidate_name = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    scores = _ScoresSerializer()
    measured = MeasuredSerializer(allow_null=True)
    complete = serializers.BooleanField()
    incomplete_reasons = IncompleteReasonSerializer(many=True)
    rank = serializers.IntegerField(allow_null=True, help_text="1 = best total among complete rows")
    questions = _RowQuestionSerializer(many=True)
    decision = serializers.CharField(allow_blank=True)
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    report_version = serializers.IntegerField()
    rubric_versions = serializers.DictField(child=serializers.IntegerField(), allow_null=True)
    stale_rubric = serializers.BooleanField()


class _QuestionRefSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    text = serializers.CharField()


class ComparisonSerializer(serializers.Serializer):
    """The candidates of a position side by side (scores assist and never decide: see ``disclaimer``)."""

    position = serializers.UUIDField()
    disclaimer = serializers.CharField()
    questions = _QuestionRefSerializer(many=True)
    rubric_versions = serializers.DictField(child=serializers.IntegerField())
    median_total = serializers.FloatField(allow_null=True)
    scale = RatingScaleSerializer(help_text="the position's rating scale (team review)")
    rows = _RowSerializer(many=True)


class _ImpactGroupSerializer(serializers.Serializer):
    group = serializers.CharField()
    n = serializers.IntegerField()
    scored_n = serializers.IntegerField()
    above_median = serializers.IntegerField()
    scoring_rate = serializers.FloatField(allow_null=True)
    scoring_impact_ratio = serializers.FloatField(allow_null=True)
    decided_n = serializers.IntegerField()
    selected = serializers.IntegerField()
    selection_rate = serializers.FloatField(allow_null=True)
    selection_impact_ratio = serializers.FloatField(allow_null=True)
    too_few = serializers.BooleanField()
    four_fifths_flag = serializers.BooleanField(allow_null=True)


class _ImpactCategorySerializer(serializers.Serializer):
    category = serializers.CharField()
    unknown = serializers.IntegerField()
    groups = _ImpactGroupSerializer(many=True)


class AdverseImpactSerializer(serializers.Serializer):
    """Scoring and selection rates per self-declared group, their impact ratios and the four-fifths flag."""

    position = serializers.UUIDField()
    method = serializers.CharField()
    min_group_size = serializers.IntegerField()
    median_total = serializers.FloatField(allow_null=True)
    candidates = serializers.IntegerField()
    categories = _ImpactCategorySerializer(many=True)


def user_by_username(username: str) -> Any:
    """The active user of that name, or None."""
    return get_user_model().objects.filter(username=username, is_active=True).first()
