"""``/api/config/``: what the front end needs to know of this deployment (limits, modes, consent, retention)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..consent import consent_text, consent_texts
from ..models import Interview


class ConfigView(APIView):
    """``/api/config/``: this deployment's settings, as the front end needs them."""

    @extend_schema(responses={200: inline_serializer("Config", {
        "upload_max_mb": serializers.IntegerField(), "max_video_sec": serializers.IntegerField(),
        "default_mode": serializers.CharField(), "allowed_modes": serializers.ListField(child=serializers.CharField()),
        "languages": serializers.ListField(child=serializers.CharField()),
        "consent_required": serializers.BooleanField(), "consent_text": serializers.CharField(),
        "consent_texts": serializers.DictField(child=serializers.CharField()),
        "consent_version": serializers.CharField(), "retention_days": serializers.IntegerField(),
        "demographic_categories": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        "impact_min_group": serializers.IntegerField()})})
    def get(self, request: Request) -> Response:
        """Settings the front end needs: upload limit, modes, defaults."""
        return Response({"upload_max_mb": settings.IAL_UPLOAD_MAX_MB, "max_video_sec": settings.IAL_MAX_VIDEO_SEC,
                         "default_mode": settings.IAL_ANALYSIS_MODE, "allowed_modes": settings.IAL_ALLOWED_MODES,
                         "languages": [c for c, _ in Interview.Language.choices],
                         "consent_required": settings.IAL_REQUIRE_CONSENT, "consent_text": consent_text(),
                         "consent_texts": consent_texts(),
                         "consent_version": settings.IAL_CONSENT_VERSION,
                         "retention_days": settings.IAL_RETENTION_DAYS,
                         "demographic_categories": settings.IAL_DEMOGRAPHIC_CATEGORIES,
                         "impact_min_group": settings.IAL_IMPACT_MIN_GROUP})
