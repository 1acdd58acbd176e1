"""The shapes of the JSON values the API serves from JSON fields: a rubric, a report's scores, a question's row.

They exist for the OpenAPI schema (``/api/schema/``, ``docs/openapi.json``), from which the front end's
types are generated (``frontend/src/app/api.generated.ts``): a JSON field is declared with its real
shape instead of "any object". The values themselves are checked where they are made (a rubric by
``interview_ai_lab.text.rubrics.validate_rubric``, the scores by the pipeline's report schema).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from interview_ai_lab.report.scoring import PARTS


class RubricCriterionSerializer(serializers.Serializer):
    """One criterion of a rubric; ``weight`` is relative (≥ 0)."""

    id = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    weight = serializers.FloatField(min_value=0)
    keywords = serializers.ListField(child=serializers.CharField(), required=False,
                                     help_text="word starts that signal the criterion (any language)")
    examples = serializers.ListField(child=serializers.CharField(), required=False)


class RubricSerializer(serializers.Serializer):
    """A question's rubric: its criteria, and what it was made for."""

    criteria = RubricCriterionSerializer(many=True)
    question = serializers.CharField(required=False)
    language = serializers.CharField(required=False)
    question_type = serializers.CharField(required=False)
    version = serializers.IntegerField(required=False, help_text="the rubric format's version")


@extend_schema_field(RubricSerializer)
class RubricField(serializers.JSONField):
    """A stored rubric, declared with its shape."""


class MeasuredSerializer(serializers.Serializer):
    """What could be measured of a score: the points earned out of the points measured, and which parts."""

    points = serializers.FloatField()
    out_of = serializers.FloatField()
    parts = serializers.ListField(child=serializers.ChoiceField(choices=PARTS))


class IncompleteReasonSerializer(serializers.Serializer):
    """Why one part of a score was not measured (a reason code with its parameters)."""

    part = serializers.ChoiceField(choices=PARTS)
    code = serializers.CharField(help_text="no_audio_track | no_speech | no_video_stream | no_face | "
                                           "face_too_rarely_visible | not_measured")
    params = serializers.DictField()


class IncompleteSerializer(serializers.Serializer):
    """Why a report's scores are incomplete: one reason per part that could not be measured."""

    reasons = IncompleteReasonSerializer(many=True)


class ReportScoresSerializer(serializers.Serializer):
    """A report's scores: the three parts and the total out of 100 (null when not measured).

    ``measured`` says what could be measured, ``incomplete`` why the rest could not.
    """

    verbal = serializers.FloatField(allow_null=True)
    paraverbal = serializers.FloatField(allow_null=True)
    nonverbal = serializers.FloatField(allow_null=True)
    total = serializers.FloatField(allow_null=True)
    measured = MeasuredSerializer(required=False, allow_null=True)
    incomplete = IncompleteSerializer(required=False, allow_null=True)


class QuestionRubricRowSerializer(serializers.Serializer):
    """One question of an interview with its current rubric (none when there is no rubric for its text)."""

    index = serializers.IntegerField(help_text="1-based")
    text = serializers.CharField()
    start = serializers.FloatField(allow_null=True, help_text="seconds into the video, when given")
    rubric = RubricSerializer(allow_null=True)
    rubric_version = serializers.IntegerField(allow_null=True)
    rubric_source = serializers.CharField(allow_null=True)
    rubric_updated_at = serializers.DateTimeField(allow_null=True)
    rubric_updated_by = serializers.CharField(allow_null=True)
