"""``/api/interviews/…``: an interview from its upload to its deletion.

The actions: upload, list, detail, analyse, report and its versions, video, questions and rubrics,
assessment, one's own scorecard and the scorecards one may see, demographics, export, audit trail,
face blurring, delete.

Each action reads the request, calls the service that does the work (:mod:`interviews.uploads`,
:mod:`~interviews.analysis`, :mod:`~interviews.blur`, :mod:`~interviews.access`,
:mod:`~interviews.assessments`, :mod:`~interviews.scorecards`, :mod:`~interviews.question_rubrics`,
:mod:`~interviews.rubrics`, :mod:`~interviews.demographics`, :mod:`~interviews.privacy`, :mod:`~interviews.audit`) and
answers. A user sees their own interviews without organisation, and those of their
organisations as :mod:`interviews.permissions` says: an interview they cannot see answers 404,
exactly as a missing one; a change they may not make to one they see answers 403.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from .. import access, assessments, audit, demographics, jobs, privacy, question_rubrics, rubrics, uploads
from .. import scorecards as team_review
from ..analysis import queue_analysis
from ..api_shapes import QuestionRubricRowSerializer
from ..blur import queue_blur
from ..models import Interview
from ..permissions import InterviewAccess, visible_interviews
from ..position_serializers import DemographicsInputSerializer, DemographicsStatusSerializer
from ..scorecard_serializers import OwnScorecardSerializer, ScorecardInputSerializer, ScorecardsSerializer
from ..serializers import (
    AnalyzeSerializer,
    AssessmentSerializer,
    AuditEventSerializer,
    InterviewCreateSerializer,
    InterviewDetailSerializer,
    InterviewListSerializer,
    ReportConflictSerializer,
    ReportVersionSerializer,
    RubricInputField,
    RubricVersionSerializer,
)
from .error_bodies import conflict_body, refusal_body, report_not_ready_body, too_large_body
from .ranged_files import is_first_request, media_response

logger = logging.getLogger(__name__)


class InterviewViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Interviews the signed-in user sees (their own, their organisations' as their role allows)."""

    permission_classes = [IsAuthenticated, InterviewAccess]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        """The interviews the user sees; a list defers the reports and reads the scores alone."""
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation
            return Interview.objects.none()
        qs = visible_interviews(self.request.user)
        if self.action == "list":  # the scores only, never the whole report of every row
            qs = qs.defer("report", "media_info", "questions").annotate(report_scores=F("report__scores"))
        return qs

    def get_serializer_class(self):
        """The serializer of the action: upload, list, analyse, assessment, else the interview's detail."""
        if self.action == "create":
            return InterviewCreateSerializer
        if self.action == "list":
            return InterviewListSerializer
        if self.action == "analyze":
            return AnalyzeSerializer
        if self.action == "assessment":
            return AssessmentSerializer
        return InterviewDetailSerializer

    def _detail(self, interview: Interview) -> dict[str, Any]:
        """The interview as the detail endpoint shows it, read again from the database."""
        interview.refresh_from_db()
        return InterviewDetailSerializer(interview, context=self.get_serializer_context()).data

    @extend_schema(request={"multipart/form-data": InterviewCreateSerializer},
                   responses={201: InterviewDetailSerializer, 400: OpenApiResponse(description="not a readable video, "
                              "or a bad field"), 413: OpenApiResponse(description="larger than IAL_UPLOAD_MAX_MB")})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Upload an interview's video (multipart).

        Fields: ``video``, ``candidate_name``, optional ``language``, ``mode``, ``questions``, ``analyze`` (true:
        queue the analysis at once); or ``position`` (its questions, rubrics, weights, mode, language and
        retention: those fields are then refused).
        """
        if uploads.exceeds_upload_limit(request.META.get("CONTENT_LENGTH")):
            return Response(too_large_body(), status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        serializer = InterviewCreateSerializer(data=request.data, context=self.get_serializer_context())
        if not serializer.is_valid():
            return Response(refusal_body(serializer), status=status.HTTP_400_BAD_REQUEST)
        position = uploads.position_for_upload(request.user, serializer.validated_data.get("position"),
                                               given=request.data)
        with transaction.atomic():
            interview = serializer.save(owner=request.user, position=position)
            uploads.record_upload(interview, user=request.user)  # rubrics validated by the serializer
        if serializer.validated_data.get("analyze"):
            try:
                interview = queue_analysis(interview.pk, owner_id=request.user.pk, user=request.user)
            except Exception:  # the upload is kept; the user can press Analyse once the broker is back
                logger.exception("could not queue the analysis of %s", interview.pk)
            interview.refresh_from_db()
        out = InterviewDetailSerializer(interview, context=self.get_serializer_context())
        return Response(out.data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the interview and everything of it; the audit trail stays, without personal data.

        Everything: the video, the blurred video, the analysis folder, the report versions, the rubrics.
        """
        privacy.delete_interview(self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=AnalyzeSerializer, responses={
        202: InterviewDetailSerializer,
        409: OpenApiResponse(ReportConflictSerializer, description="an analysis is already queued or running"),
        503: OpenApiResponse(description="the task broker is unreachable")})
    @action(detail=True, methods=["post"])
    def analyze(self, request: Request, pk: str | None = None) -> Response:
        """Queue an analysis → 202; 409 while one is queued or running. A DONE report is kept as a version."""
        interview = self.get_object()  # 404 for another user's interview
        params = AnalyzeSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        options = {k: v for k, v in params.validated_data.items() if k in request.data or k == "force"}
        if interview.position_id is not None and set(options) - {"force"}:
            raise serializers.ValidationError({k: ["decided by the position: leave it out"]
                                               for k in sorted(set(options) - {"force"})})
        try:
            interview = queue_analysis(interview.pk, options=options, user=request.user)
        except Interview.DoesNotExist:
            raise Http404 from None
        except jobs.JobConflict as e:
            current = Interview.objects.get(pk=interview.pk)
            return Response(conflict_body(current, str(e)), status=status.HTTP_409_CONFLICT)
        except Exception:
            logger.exception("could not queue the analysis of %s", interview.pk)
            return Response({"detail": "the analysis could not be queued: the task broker is unreachable"},
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(self._detail(interview), status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="report.json (report.schema.json)"),
                              409: OpenApiResponse(ReportConflictSerializer, description="not DONE yet")})
    @action(detail=True, methods=["get"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """The report of the last analysis (see ``report.schema.json``); 409 while not DONE."""
        interview = self.get_object()
        if interview.status != Interview.Status.DONE or interview.report is None:
            return Response(report_not_ready_body(interview), status=status.HTTP_409_CONFLICT)
        return Response(access.read_report(interview, user=request.user))

    @extend_schema(request=AssessmentSerializer, responses={
        200: AssessmentSerializer,
        403: OpenApiResponse(description="a reviewer: error_code reviewer_uses_scorecard (their scorecard instead)")})
    @action(detail=True, methods=["patch"])
    def assessment(self, request: Request, pk: str | None = None) -> Response:
        """Save the deciders' notes and decision (admins and recruiters; ``decided_by``/``decided_at`` on a change).

        The notes' earlier text is kept (``assessment_history`` of the interview).
        """
        interview = self.get_object()  # a reviewer: 403 reviewer_uses_scorecard (InterviewAccess)
        ser = AssessmentSerializer(interview, data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        interview = assessments.save_assessment(interview, user=request.user, **ser.validated_data)
        return Response(AssessmentSerializer(interview).data)

    @extend_schema(methods=["GET"], responses={200: OwnScorecardSerializer})
    @extend_schema(methods=["PUT"], request=ScorecardInputSerializer, responses={
        200: OwnScorecardSerializer,
        400: OpenApiResponse(description="{field: [reason], error_code, error_params}: no_such_question, "
                             "question_twice, rating_outside_scale, unknown_criterion, evidence_outside_video, "
                             "too_much_evidence, notes_too_long")})
    @action(detail=True, methods=["get", "put"])
    def scorecard(self, request: Request, pk: str | None = None) -> Response:
        """The caller's own scorecard (GET; version 0 when none) or a new version of it (PUT), never another's."""
        interview = self.get_object()
        if request.method == "PUT":
            ser = ScorecardInputSerializer(data=request.data)
            ser.is_valid(raise_exception=True)
            try:
                team_review.save_scorecard(interview, user=request.user, **ser.validated_data)
            except team_review.ScorecardInvalid as e:
                return Response({e.field: [e.message], "error_code": e.code, "error_params": e.params},
                                status=status.HTTP_400_BAD_REQUEST)
        return Response(OwnScorecardSerializer(team_review.own_scorecard(interview, request.user)).data)

    @extend_schema(responses={200: ScorecardsSerializer})
    @action(detail=True, methods=["get"], pagination_class=None)
    def scorecards(self, request: Request, pk: str | None = None) -> Response:
        """The others' latest submitted scorecards and one's own, once visible (independent: submit yours first)."""
        data = team_review.visible_scorecards(self.get_object(), request.user)
        return Response(ScorecardsSerializer(data).data)

    @extend_schema(responses={200: ReportVersionSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="reports", pagination_class=None)  # a plain list
    def reports(self, request: Request, pk: str | None = None) -> Response:
        """Every finished report of this interview, newest first (without their content)."""
        interview = self.get_object()
        data = ReportVersionSerializer(interview.report_versions.all(), many=True).data
        return Response(data)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="a past report")})
    @action(detail=True, methods=["get"], url_path=r"reports/(?P<version>[0-9]{1,6})")
    def report_version(self, request: Request, pk: str | None = None, version: str | None = None) -> Response:
        """One kept version of the report."""
        interview = self.get_object()
        report = access.read_report_version(interview, int(version or 0), user=request.user)
        if report is None:
            raise Http404
        return Response(report)

    @extend_schema(responses={(200, "video/*"): OpenApiTypes.BINARY, (206, "video/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def video(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The uploaded video, or with ``?blurred=1`` its face-blurred copy (404 until made).

        HTTP Range is supported, so a browser player can seek.
        """
        interview = self.get_object()
        blurred = request.query_params.get("blurred", "") in ("1", "true", "yes")
        # Audited once per viewing: on a player's first request, not on each seek.
        media = access.video_file(interview, user=request.user, blurred=blurred, audited=is_first_request(request))
        if media is None:
            raise Http404
        return media_response(request, media)

    # ----------------------------------------------------------------------- questions and rubrics

    @extend_schema(responses={200: QuestionRubricRowSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)  # a plain list (the schema says so too)
    def questions(self, request: Request, pk: str | None = None) -> Response:
        """The interview's questions (1-based ``index``) with their current rubric."""
        rows = question_rubrics.question_rows(self.get_object())
        return Response(serializers.ListField(child=serializers.DictField()).to_representation(rows))

    def _question_index(self, interview: Interview, index: str | None) -> int:
        """The 1-based index of one of the interview's questions (404 for none)."""
        i = int(index or 0)
        if not 1 <= i <= len(interview.questions or []):
            raise Http404
        return i

    @extend_schema(methods=["GET"], responses={200: RubricVersionSerializer})
    @extend_schema(methods=["PUT"], request=OpenApiTypes.OBJECT, responses={
        201: RubricVersionSerializer, 400: OpenApiResponse(description="invalid rubric ({'rubric': [reason]})"),
        404: OpenApiResponse(description="no such question")})
    @action(detail=True, methods=["get", "put"], url_path=r"questions/(?P<index>[0-9]{1,3})/rubric")
    def rubric(self, request: Request, pk: str | None = None, index: str | None = None) -> Response:
        """GET the current rubric of question ``index`` (1-based); PUT a new one (a new version, 201)."""
        interview = self.get_object()
        i = self._question_index(interview, index)
        if interview.position_id is not None and request.method != "GET":  # edited at /api/positions/{id}/rubrics/
            return Response({"rubric": ["the rubrics of this interview are its position's: POST them to "
                                        f"/api/positions/{interview.position_id}/rubrics/"]},
                            status=status.HTTP_400_BAD_REQUEST)
        if request.method == "GET":
            rv = question_rubrics.current_rubric(interview, i)
            if rv is None:
                raise Http404
            return Response(RubricVersionSerializer(rv).data)
        body = request.data
        if isinstance(body, dict) and "rubric" in body and "criteria" not in body:
            body = body["rubric"]
        try:
            body = RubricInputField().to_internal_value(body)
            rv = rubrics.save_edit(interview, i, body, user=request.user)
        except serializers.ValidationError as e:
            return Response({"rubric": e.detail}, status=status.HTTP_400_BAD_REQUEST)
        except rubrics.RubricInvalid as e:
            return Response({"rubric": [str(e)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(RubricVersionSerializer(rv).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: RubricVersionSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path=r"questions/(?P<index>[0-9]{1,3})/rubric/versions",
            pagination_class=None)  # a plain list (the schema says so too)
    def rubric_versions(self, request: Request, pk: str | None = None, index: str | None = None) -> Response:
        """Every version of question ``index``'s rubric, newest first."""
        interview = self.get_object()
        i = self._question_index(interview, index)
        return Response(RubricVersionSerializer(rubrics.versions_of(interview, i), many=True).data)

    # ----------------------------------------------------------------------- GDPR

    @extend_schema(methods=["GET"], responses={200: DemographicsStatusSerializer})
    @extend_schema(methods=["PUT"], request=DemographicsInputSerializer, responses={200: DemographicsStatusSerializer})
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["get", "put", "delete"])
    def demographics(self, request: Request, pk: str | None = None) -> Response:
        """The candidate's self-declared demographics, for the adverse-impact report only.

        GET says only whether they were declared; PUT ``{consent, categories}`` stores them; DELETE erases them.
        """
        interview = self.get_object()
        if request.method == "DELETE":
            demographics.erase(interview, user=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        if request.method == "PUT":
            ser = DemographicsInputSerializer(data=request.data)
            ser.is_valid(raise_exception=True)
            demographics.declare(interview, consent=ser.validated_data["consent"],
                                 categories=dict(ser.validated_data.get("categories", {})), user=request.user)
        d = demographics.declaration_of(interview)
        return Response(DemographicsStatusSerializer({"declared": d is not None,
                                                      "consent_at": d.consent_at if d else None}).data)

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """Everything held about this candidate (GDPR access request), as a zip."""
        interview = self.get_object()
        archive = access.export(interview, user=request.user)
        return FileResponse(archive, content_type="application/zip", as_attachment=True,
                            filename=f"interview-{interview.pk}.zip")

    @extend_schema(responses={200: AuditEventSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="audit", pagination_class=None)  # a plain list (≤ 1000)
    def audit_log(self, request: Request, pk: str | None = None) -> Response:
        """The audit trail of this interview, newest first (who viewed or changed what, when)."""
        interview = self.get_object()
        return Response(AuditEventSerializer(audit.trail(interview.pk), many=True).data)

    @extend_schema(request=None, responses={
        202: InterviewDetailSerializer,
        409: OpenApiResponse(description="a blurring or an analysis is queued or running"),
        503: OpenApiResponse(description="the task broker is unreachable")})
    @action(detail=True, methods=["post"])
    def blur(self, request: Request, pk: str | None = None) -> Response:
        """Make a face-blurred copy of the video (``blur_status`` PENDING → RUNNING → DONE | ERROR) → 202."""
        interview = self.get_object()
        try:
            queue_blur(interview.pk, user=request.user)
        except jobs.JobConflict as e:
            current = Interview.objects.get(pk=interview.pk)
            return Response({"detail": str(e), "blur_status": current.blur_status, "status": current.status},
                            status=status.HTTP_409_CONFLICT)
        except Exception:
            logger.exception("could not queue the blurring of %s", interview.pk)
            return Response({"detail": "the blurring could not be queued: the task broker is unreachable"},
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(self._detail(interview), status=status.HTTP_202_ACCEPTED)
