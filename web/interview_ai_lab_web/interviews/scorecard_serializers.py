"""API representations of team review: a person's scorecard, its input, the scorecards one may see, the scale."""

from __future__ import annotations

import logging
from typing import Any

from rest_framework import serializers

from .models import Membership
from .scorecards import MAX_EVIDENCE, MAX_EVIDENCE_NOTE, MAX_NOTES, ScorecardInvalid, validate_scale

logger = logging.getLogger(__name__)


class RatingScaleSerializer(serializers.Serializer):
    """A rating scale: integers ``min`` to ``max`` (span 1-10) and optional texts of some points (``anchors``)."""

    min = serializers.IntegerField()
    max = serializers.IntegerField()
    anchors = serializers.DictField(child=serializers.CharField(), help_text='{"1": "text", "5": "text"}')


class RatingScaleField(serializers.JSONField):
    """A position's ``rating_scale``, checked by :func:`interviews.scorecards.validate_scale`."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        """The scale made canonical; refused with the reason."""
        try:
            return validate_scale(super().to_internal_value(data))
        except ScorecardInvalid as e:
            raise serializers.ValidationError(e.message, code=e.code) from None


class CriterionRatingSerializer(serializers.Serializer):
    """One criterion of the question's rubric (its id) rated on the scale."""

    criterion = serializers.CharField(max_length=100)
    rating = serializers.IntegerField()


class EvidenceSerializer(serializers.Serializer):
    """A moment of the video (seconds) that supports the rating, with a short note."""

    time = serializers.FloatField(min_value=0)
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=MAX_EVIDENCE_NOTE)


class QuestionRatingSerializer(serializers.Serializer):
    """One question's rating (null: not rated as a whole), its criteria's ratings and its evidence."""

    question = serializers.IntegerField(help_text="1-based question index")
    rating = serializers.IntegerField(allow_null=True, required=False, default=None)
    criteria = CriterionRatingSerializer(many=True, required=False, default=list)
    evidence = EvidenceSerializer(many=True, required=False, default=list, max_length=MAX_EVIDENCE)


class ScorecardInputSerializer(serializers.Serializer):
    """A new version of the caller's own scorecard; ``submit: true`` submits it (it stays submitted)."""

    ratings = QuestionRatingSerializer(many=True, required=False, default=list, max_length=100)
    notes = serializers.CharField(allow_blank=True, required=False, default="", max_length=MAX_NOTES,
                                  trim_whitespace=False)
    submit = serializers.BooleanField(required=False, default=False)


class ReviewerSerializer(serializers.Serializer):
    """The person a scorecard belongs to."""

    id = serializers.IntegerField()
    username = serializers.CharField()


class ScorecardSerializer(serializers.Serializer):
    """One person's latest scorecard of an interview (version 0: none saved yet)."""

    reviewer = ReviewerSerializer()
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    version = serializers.IntegerField()
    submitted = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True, help_text="when this version was saved (null: none)")
    ratings = QuestionRatingSerializer(many=True)
    notes = serializers.CharField(allow_blank=True)


class CriterionRefSerializer(serializers.Serializer):
    """A criterion of a question's current rubric."""

    id = serializers.CharField()
    label = serializers.CharField()


class ScorecardQuestionSerializer(serializers.Serializer):
    """A question to rate, with its rubric's criteria."""

    index = serializers.IntegerField()
    text = serializers.CharField()
    criteria = CriterionRefSerializer(many=True)


class OwnScorecardSerializer(ScorecardSerializer):
    """The caller's own scorecard with the scale and the questions the form needs."""

    scale = RatingScaleSerializer()
    questions = ScorecardQuestionSerializer(many=True)


class ScorecardsSerializer(serializers.Serializer):
    """The scorecards the caller may see: hidden (``submit_first``) until they submitted theirs, when independent."""

    visible = serializers.BooleanField()
    hidden_reason = serializers.ChoiceField(choices=[("submit_first", "Submit your own scorecard first")],
                                            allow_null=True)
    scale = RatingScaleSerializer()
    scorecards = ScorecardSerializer(many=True)


class _PersonRatingSerializer(serializers.Serializer):
    reviewer = serializers.CharField()
    rating = serializers.IntegerField()


class CellRatingsSerializer(serializers.Serializer):
    """People's ratings of one answer in the comparison (hidden: ``visible`` false, no people, no mean)."""

    visible = serializers.BooleanField()
    count = serializers.IntegerField(help_text="submitted ratings of this answer")
    mean = serializers.FloatField(allow_null=True)
    spread = serializers.FloatField(allow_null=True, help_text="population standard deviation")
    range = serializers.FloatField(allow_null=True, help_text="max - min")
    people = _PersonRatingSerializer(many=True)
    automatic = serializers.FloatField(allow_null=True, help_text="the rubric coverage mapped onto the scale")
    flags = serializers.ListField(child=serializers.ChoiceField(choices=["people_disagree", "people_vs_automatic"]))
