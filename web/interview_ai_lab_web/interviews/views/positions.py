"""``/api/positions/…``: positions, their reviewers and rubrics, their candidates compared, adverse impact.

The comparison puts a position's candidates side by side; the adverse-impact report compares the
self-declared groups.

Who may do what is :mod:`interviews.permissions`: a position a user cannot see answers 404,
a change a user may not make to one they see answers 403. The work is
:mod:`interviews.positions` (questions, rubrics), :mod:`interviews.comparison` and
:mod:`interviews.impact`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from .. import audit, permissions, positions
from ..comparison import comparison, comparison_csv, impact_min_group, impact_rows
from ..impact import impact_csv, impact_table
from ..models import AuditEvent, Organisation, Position
from ..position_serializers import (
    AdverseImpactSerializer,
    ComparisonSerializer,
    PositionRubricInputSerializer,
    PositionRubricSerializer,
    PositionSerializer,
    UsernameSerializer,
    user_by_username,
)
from ..rubrics import RubricInvalid

logger = logging.getLogger(__name__)


class CSVRenderer(BaseRenderer):
    """``text/csv`` (``?format=csv``): the view gives the text itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        """The view's CSV text in UTF-8; an error body (a refusal: no CSV form) as JSON, with its content type."""
        if isinstance(data, str):
            return data.encode("utf-8")
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data)


class PositionViewSet(viewsets.ModelViewSet):
    """Positions the caller sees: of the organisations they are admin or recruiter of, or that they review."""

    serializer_class = PositionSerializer
    permission_classes = [IsAuthenticated, permissions.PositionAccess]
    pagination_class = None  # a plain list
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        """The positions the user sees, newest first."""
        if getattr(self, "swagger_fake_view", False):
            return Position.objects.none()
        return permissions.visible_positions(self.request.user).select_related("organisation").order_by("-created_at")

    def _organisation_for_create(self, org_id: Any) -> Organisation:
        role = permissions.role_in(self.request.user, org_id)
        if role is None:
            raise ValidationError({"organisation": ["no such organisation"]})
        if role not in permissions.EDITOR_ROLES:
            raise PermissionDenied("a reviewer cannot create positions")
        return Organisation.objects.get(pk=org_id)

    @staticmethod
    def _split_rubrics(questions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, Any]]:
        given = {i: q["rubric"] for i, q in enumerate(questions, 1) if q.get("rubric") is not None}
        return [{"text": q["text"], "weight": q["weight"]} for q in questions], given

    @extend_schema(responses={201: PositionSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Create a position (admin or recruiter of ``organisation``).

        A rubric is generated for each question unless given.
        """
        ser = self.get_serializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        org = self._organisation_for_create(data.pop("organisation_id"))
        questions, given = self._split_rubrics(data.pop("questions", []))
        data.setdefault("retention_days", Position._meta.get_field("retention_days").get_default())
        with transaction.atomic():
            position = Position.objects.create(organisation=org, questions=questions, created_by=request.user, **data)
            positions.ensure_rubrics(position, given=given, user=request.user)
        logger.info("position %s created in %s by %s", position.pk, org.pk, request.user)
        return Response(self.get_serializer(position).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the position (admin or recruiter); changed questions get new rubrics; the organisation stays."""
        position = self.get_object()
        ser = self.get_serializer(position, data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        org_id = data.pop("organisation_id", None)
        if org_id is not None and str(org_id) != str(position.organisation_id):
            raise ValidationError({"organisation": ["a position cannot move to another organisation"]})
        given: dict[int, Any] = {}
        if "questions" in data:
            data["questions"], given = self._split_rubrics(data["questions"])
        with transaction.atomic():
            for key, value in data.items():
                setattr(position, key, value)
            position.save()
            positions.ensure_rubrics(position, given=given, user=request.user)
        return Response(self.get_serializer(position).data)

    @extend_schema(responses={204: None, 409: OpenApiResponse(description="the position still has interviews or "
                                                                      "invitations")})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete a position without interviews or invitations (delete them first: 409 otherwise)."""
        position = self.get_object()
        if position.interviews.exists():
            return Response({"detail": "the position still has interviews: delete them first"},
                            status=status.HTTP_409_CONFLICT)
        if position.invitations.exists():
            return Response({"detail": "the position still has invitations: delete them first"},
                            status=status.HTTP_409_CONFLICT)
        position.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=UsernameSerializer, responses={200: PositionSerializer})
    @action(detail=True, methods=["post"])
    def reviewers(self, request: Request, pk: str | None = None) -> Response:
        """Add a member of the organisation as a reviewer of the position."""
        position = self.get_object()
        ser = UsernameSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        user = user_by_username(ser.validated_data["username"])
        if user is None or permissions.role_in(user, position.organisation_id) is None:
            raise ValidationError({"username": ["not a member of the organisation"]})
        position.reviewers.add(user)
        return Response(self.get_serializer(position).data)

    @extend_schema(responses={200: PositionSerializer})
    @action(detail=True, methods=["delete"], url_path=r"reviewers/(?P<username>[\w.@+-]{1,150})")
    def reviewer(self, request: Request, pk: str | None = None, username: str | None = None) -> Response:
        """Remove a reviewer from the position."""
        position = self.get_object()
        user = position.reviewers.filter(username=username).first()
        if user is None:
            raise Http404
        position.reviewers.remove(user)
        return Response(self.get_serializer(position).data)

    @extend_schema(methods=["GET"], responses={200: PositionRubricSerializer(many=True)})
    @extend_schema(methods=["POST"], request=PositionRubricInputSerializer, responses={201: PositionRubricSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def rubrics(self, request: Request, pk: str | None = None) -> Response:
        """GET every version of every question's rubric; POST stores a new version of one.

        GET lists them by question, then newest first; POST ``{question_index, rubric}`` stores a new version
        (validated; the next analyses use it).
        """
        position = self.get_object()
        if request.method == "GET":
            qs = position.rubrics.select_related("created_by").order_by("question_index", "-version")
            return Response(PositionRubricSerializer(qs, many=True).data)
        ser = PositionRubricInputSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            pr = positions.save_edit(position, ser.validated_data["question_index"], ser.validated_data["rubric"],
                                     user=request.user)
        except IndexError:
            raise ValidationError({"question_index": ["no such question"]}) from None
        except RubricInvalid as e:
            raise ValidationError({"rubric": [str(e)]}) from None
        return Response(PositionRubricSerializer(pr).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("format", str, enum=["json", "csv"], required=False,
                                                description="csv: one row per candidate as a CSV attachment "
                                                            "(hidden ratings: the count only)")],
                   responses={(200, "application/json"): ComparisonSerializer,
                              (200, "text/csv"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], pagination_class=None, renderer_classes=[JSONRenderer, CSVRenderer])
    def comparison(self, request: Request, pk: str | None = None) -> Response:
        """The candidates side by side; only complete scores are ranked (1 = best); the others say why.

        Each answer shows the people's submitted ratings as the caller may see them (hidden until they submitted
        their own scorecard of that interview, when the position asks for independent ratings).
        ``?format=csv`` gives the same table as a CSV file (audited as ``comparison_csv``).
        """
        position = self.get_object()
        body = comparison(position, user=request.user)
        if getattr(request.accepted_renderer, "format", "json") != "csv":
            return Response(body)
        audit.record(AuditEvent.Action.COMPARISON_CSV, interview_id=None, user=request.user,
                     details={"position": str(position.pk), "format": "csv", "candidates": len(body["rows"])})
        scale = body["scale"]
        header = (f"comparison, position {position.pk}, {timezone.now():%Y-%m-%d %H:%M UTC}; "
                  f"ratings on {scale['min']}-{scale['max']}; {body['disclaimer']}")
        resp = Response(comparison_csv(body, header=header), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="comparison-{position.pk}.csv"'
        return resp

    @extend_schema(parameters=[OpenApiParameter("format", str, enum=["json", "csv"], required=False,
                                                description="csv: the same table as a CSV attachment")],
                   responses={(200, "application/json"): AdverseImpactSerializer,
                              (200, "text/csv"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"], url_path="adverse-impact", pagination_class=None,
            renderer_classes=[JSONRenderer, CSVRenderer])
    def adverse_impact(self, request: Request, pk: str | None = None) -> Response | HttpResponse:
        """Scoring and selection rates per self-declared group, impact ratios, four-fifths flags.

        For an admin or a recruiter of the position's organisation; every reading is audited.
        """
        position = self.get_object()
        table = impact_table(impact_rows(position), min_group_size=impact_min_group(),
                             categories=settings.IAL_DEMOGRAPHIC_CATEGORIES)
        fmt = getattr(request.accepted_renderer, "format", "json")
        audit.record(AuditEvent.Action.VIEW_IMPACT, interview_id=None, user=request.user,
                     details={"position": str(position.pk), "format": fmt, "candidates": table["candidates"]})
        body = {"position": position.pk, **table}
        if fmt != "csv":
            return Response(body)
        header = (f"adverse impact, position {position.pk}, {timezone.now():%Y-%m-%d %H:%M UTC}; "
                  f"{table['method']}")
        resp = Response(impact_csv(table, header=header), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="adverse-impact-{position.pk}.csv"'
        return resp
