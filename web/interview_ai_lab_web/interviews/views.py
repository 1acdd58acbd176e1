"""REST API: interviews (upload, list, detail, analyse, report, delete) and authentication.

Every endpoint requires a user (token or session); a user sees their own interviews without
organisation, and those of their organisations as :mod:`interviews.permissions` says: an
interview they cannot see answers 404, exactly as a missing one; a change they may not make
to one they see answers 403.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import CSRFCheck
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import access, assessments, jobs, privacy, rubrics, uploads
from .analysis import queue_analysis
from .blur import BLUR
from .models import AuditEvent, Interview
from .permissions import InterviewAccess
from .position_serializers import DemographicsInputSerializer, DemographicsStatusSerializer
from .serializers import (
    AnalyzeSerializer,
    AssessmentSerializer,
    AuditEventSerializer,
    InterviewCreateSerializer,
    InterviewDetailSerializer,
    InterviewListSerializer,
    LoginSerializer,
    ReportConflictSerializer,
    ReportVersionSerializer,
    RubricInputField,
    RubricVersionSerializer,
    UserSerializer,
    consent_text,
    consent_texts,
)

logger = logging.getLogger(__name__)


def _conflict_body(interview: Interview, detail: str) -> dict[str, Any]:
    from .reasons import failure_code, public_message

    p = interview.progress or {}
    code, params = failure_code(interview.error)
    return {"detail": public_message(detail), "status": interview.status, "error": public_message(interview.error),
            "error_code": code, "error_params": params,
            "progress": {"stage": p.get("stage", ""), "percent": float(p.get("percent", 0.0))}}


def _refusal_body(serializer: serializers.Serializer) -> dict[str, Any]:
    """A refused upload: DRF's ``{field: [message]}`` plus ``error_code`` (the first refusal's stable code, or
    ``invalid``) and ``error_params``, so the front end says it in the reader's language."""
    from .reasons import public_message

    body: dict[str, Any] = {k: [public_message(str(m)) for m in v] if isinstance(v, list) else v
                            for k, v in serializer.errors.items()}
    code = "invalid"
    for messages in serializer.errors.values():
        first = messages[0] if isinstance(messages, list) and messages else None
        if getattr(first, "code", None) and first.code in serializer.context.get("error_params", {}):
            code = first.code
            break
    body["error_code"] = code
    body["error_params"] = serializer.context.get("error_params", {}).get(code, {})
    return body


class InterviewViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Interviews the signed-in user sees (their own, their organisations' as their role allows)."""

    permission_classes = [IsAuthenticated, InterviewAccess]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation
            return Interview.objects.none()
        from .permissions import visible_interviews

        qs = visible_interviews(self.request.user)
        if self.action == "list":  # the scores only, never the whole report of every row
            qs = qs.defer("report", "media_info", "questions").annotate(report_scores=F("report__scores"))
        return qs

    def get_serializer_class(self):
        if self.action == "create":
            return InterviewCreateSerializer
        if self.action == "list":
            return InterviewListSerializer
        if self.action == "analyze":
            return AnalyzeSerializer
        if self.action == "assessment":
            return AssessmentSerializer
        return InterviewDetailSerializer

    @extend_schema(request={"multipart/form-data": InterviewCreateSerializer},
                   responses={201: InterviewDetailSerializer, 400: OpenApiResponse(description="not a readable video, "
                              "or a bad field"), 413: OpenApiResponse(description="larger than IAL_UPLOAD_MAX_MB")})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Upload a video (multipart): ``video``, ``candidate_name``, optional ``language``, ``mode``, ``questions``,
        ``analyze`` (true: queue the analysis at once); or ``position`` (its questions, rubrics, weights, mode,
        language and retention: those fields are then refused)."""
        limit = settings.IAL_UPLOAD_MAX_MB * 1024 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + 64 * 1024:  # multipart overhead
            return Response({"detail": f"the upload is larger than the limit ({settings.IAL_UPLOAD_MAX_MB} MB)",
                             "error_code": "file_too_large", "error_params": {"max_mb": settings.IAL_UPLOAD_MAX_MB}},
                            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        serializer = InterviewCreateSerializer(data=request.data, context=self.get_serializer_context())
        if not serializer.is_valid():
            return Response(_refusal_body(serializer), status=status.HTTP_400_BAD_REQUEST)
        position = self._upload_position(request, serializer.validated_data.get("position"))
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

    def _upload_position(self, request: Request, position_id: Any):
        """The position an upload goes to (None: none); refuses the fields the position decides."""
        from . import permissions
        from .models import Position

        if position_id is None:
            return None
        position = permissions.visible_positions(request.user).filter(pk=position_id).first()
        if position is None:
            raise serializers.ValidationError({"position": ["no such position"]})
        if not permissions.can_edit_position(request.user, position):
            raise PermissionDenied("a reviewer cannot upload")
        given = [k for k in ("language", "mode", "questions", "weights", "retention_days") if k in request.data]
        if given:
            raise serializers.ValidationError({k: ["decided by the position: leave it out"] for k in given})
        return Position.objects.get(pk=position.pk)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the interview and everything of it: video, blurred video, analysis folder, report versions,
        rubrics (the audit trail stays, without personal data)."""
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
            return Response(_conflict_body(current, str(e)), status=status.HTTP_409_CONFLICT)
        except Exception:
            logger.exception("could not queue the analysis of %s", interview.pk)
            return Response({"detail": "the analysis could not be queued: the task broker is unreachable"},
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)
        interview.refresh_from_db()
        data = InterviewDetailSerializer(interview, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="report.json (report.schema.json)"),
                              409: OpenApiResponse(ReportConflictSerializer, description="not DONE yet")})
    @action(detail=True, methods=["get"])
    def report(self, request: Request, pk: str | None = None) -> Response:
        """The report of the last analysis (see ``report.schema.json``); 409 while not DONE."""
        interview = self.get_object()
        if interview.status != Interview.Status.DONE or interview.report is None:
            words = {
                Interview.Status.PENDING: "the interview has not been analysed yet" if interview.queued_at is None
                else "the analysis is queued",
                Interview.Status.RUNNING: "the analysis is running",
                Interview.Status.ERROR: f"the analysis failed: {interview.error}",
            }.get(interview.status, "no report")
            return Response(_conflict_body(interview, f"The report is not ready: {words}."),
                            status=status.HTTP_409_CONFLICT)
        return Response(access.read_report(interview, user=request.user))

    @extend_schema(request=AssessmentSerializer, responses={200: AssessmentSerializer})
    @action(detail=True, methods=["patch"])
    def assessment(self, request: Request, pk: str | None = None) -> Response:
        """Save the recruiter's assessment and decision (``decided_by``/``decided_at`` are set here)."""
        interview = self.get_object()
        ser = AssessmentSerializer(interview, data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        interview = assessments.save_assessment(interview, user=request.user, **ser.validated_data)
        return Response(AssessmentSerializer(interview).data)

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
        """The uploaded video, or with ``?blurred=1`` its face-blurred copy (404 until made);
        HTTP Range supported, so a browser player can seek."""
        interview = self.get_object()
        blurred = request.query_params.get("blurred", "") in ("1", "true", "yes")
        match = _RANGE.match(request.META.get("HTTP_RANGE", "").strip())
        first = not match or match.group(1) in ("", "0")  # a player's first request, not each seek
        path = access.video_file(interview, user=request.user, blurred=blurred, audited=first)
        if path is None:
            raise Http404
        return _file_response(request, path)

    # ----------------------------------------------------------------------- questions and rubrics

    def _question_rows(self, interview: Interview) -> list[dict[str, Any]]:
        if interview.position_id is not None:  # the position's rubrics
            from .positions import current_rubrics

            have: dict[int, Any] = current_rubrics(interview.position)
        else:
            have = rubrics.current(interview)
        rows = []
        for i, q in enumerate(interview.questions or [], 1):
            rv = have.get(i)
            cur = rv if rv is not None and rv.question_text == q["text"] else None
            rows.append({"index": i, "text": q["text"], "start": q.get("start"),
                         "rubric": cur.rubric if cur else None, "rubric_version": cur.version if cur else None,
                         "rubric_source": cur.source if cur else None,
                         "rubric_updated_at": cur.created_at if cur else None,
                         "rubric_updated_by": cur.created_by.username if cur and cur.created_by else None})
        return rows

    @extend_schema(responses={200: OpenApiResponse({"type": "array", "items": {"type": "object"}},
                                                   description="the questions with their "
                                                   "current rubric: [{index, text, start, rubric, rubric_version, "
                                                   "rubric_source, rubric_updated_at, rubric_updated_by}]")})
    @action(detail=True, methods=["get"])
    def questions(self, request: Request, pk: str | None = None) -> Response:
        """The interview's questions (1-based ``index``) with their current rubric."""
        interview = self.get_object()
        if interview.position_id is None and any(r["rubric"] is None for r in self._question_rows(interview)):
            rubrics.ensure_rubrics(interview)  # an interview uploaded before rubrics existed
        rows = self._question_rows(interview)
        return Response(serializers.ListField(child=serializers.DictField()).to_representation(rows))

    @extend_schema(methods=["GET"], responses={200: RubricVersionSerializer})
    @extend_schema(methods=["PUT"], request=OpenApiTypes.OBJECT, responses={
        201: RubricVersionSerializer, 400: OpenApiResponse(description="invalid rubric ({'rubric': [reason]})"),
        404: OpenApiResponse(description="no such question")})
    @action(detail=True, methods=["get", "put"], url_path=r"questions/(?P<index>[0-9]{1,3})/rubric")
    def rubric(self, request: Request, pk: str | None = None, index: str | None = None) -> Response:
        """GET the current rubric of question ``index`` (1-based); PUT a new one (a new version, 201)."""
        interview = self.get_object()
        i = int(index or 0)
        if not 1 <= i <= len(interview.questions or []):
            raise Http404
        if interview.position_id is not None:  # the position's rubric (edited at /api/positions/{id}/rubrics/)
            if request.method != "GET":
                return Response({"rubric": ["the rubrics of this interview are its position's: POST them to "
                                            f"/api/positions/{interview.position_id}/rubrics/"]},
                                status=status.HTTP_400_BAD_REQUEST)
            from .positions import current_rubrics

            pr = current_rubrics(interview.position).get(i)
            if pr is None:
                raise Http404
            return Response(RubricVersionSerializer(pr).data)
        if request.method == "GET":
            rubrics.ensure_rubrics(interview)
            rv = rubrics.current(interview).get(i)
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
    @action(detail=True, methods=["get"], url_path=r"questions/(?P<index>[0-9]{1,3})/rubric/versions")
    def rubric_versions(self, request: Request, pk: str | None = None, index: str | None = None) -> Response:
        """Every version of question ``index``'s rubric, newest first."""
        interview = self.get_object()
        i = int(index or 0)
        if not 1 <= i <= len(interview.questions or []):
            raise Http404
        qs = interview.rubric_versions.filter(question_index=i).select_related("created_by").order_by("-version")
        return Response(RubricVersionSerializer(qs, many=True).data)

    # ----------------------------------------------------------------------- GDPR

    @extend_schema(methods=["GET"], responses={200: DemographicsStatusSerializer})
    @extend_schema(methods=["PUT"], request=DemographicsInputSerializer, responses={200: DemographicsStatusSerializer})
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["get", "put", "delete"])
    def demographics(self, request: Request, pk: str | None = None) -> Response:
        """The candidate's self-declared demographics (adverse-impact report only): GET says only whether they
        were declared; PUT ``{consent, categories}`` stores them; DELETE erases them."""
        from django.utils import timezone

        from . import audit
        from .models import Demographics

        interview = self.get_object()
        if request.method == "DELETE":
            gone = Demographics.objects.filter(interview=interview).delete()[0] > 0
            if gone:
                audit.record(AuditEvent.Action.DEMOGRAPHICS, interview_id=interview.pk, user=request.user,
                             details={"erased": True})
            return Response(status=status.HTTP_204_NO_CONTENT)
        if request.method == "PUT":
            ser = DemographicsInputSerializer(data=request.data)
            ser.is_valid(raise_exception=True)
            values = dict(ser.validated_data.get("categories", {}))
            with transaction.atomic():
                if ser.validated_data["consent"]:
                    Demographics.objects.update_or_create(interview=interview, defaults={
                        "values": values, "consent_at": timezone.now()})
                else:  # no consent, nothing declared: nothing is kept
                    Demographics.objects.filter(interview=interview).delete()
                audit.record(AuditEvent.Action.DEMOGRAPHICS, interview_id=interview.pk, user=request.user,
                             details={"declared": bool(ser.validated_data["consent"]), "categories": len(values)})
        d = Demographics.objects.filter(interview=interview).first()
        return Response(DemographicsStatusSerializer({"declared": d is not None,
                                                      "consent_at": d.consent_at if d else None}).data)

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """Everything held about this candidate (GDPR access request), as a zip."""
        interview = self.get_object()
        archive = access.export(interview, user=request.user)
        resp = FileResponse(archive, content_type="application/zip", as_attachment=True,
                            filename=f"interview-{interview.pk}.zip")
        return resp

    @extend_schema(responses={200: AuditEventSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="audit", pagination_class=None)  # a plain list (≤ 1000)
    def audit_log(self, request: Request, pk: str | None = None) -> Response:
        """The audit trail of this interview, newest first (who viewed or changed what, when)."""
        interview = self.get_object()
        qs = AuditEvent.objects.filter(interview_id=interview.pk).order_by("-created_at", "-id")[:1000]
        return Response(AuditEventSerializer(qs, many=True).data)

    @extend_schema(request=None, responses={
        202: InterviewDetailSerializer,
        409: OpenApiResponse(description="a blurring or an analysis is queued or running"),
        503: OpenApiResponse(description="the task broker is unreachable")})
    @action(detail=True, methods=["post"])
    def blur(self, request: Request, pk: str | None = None) -> Response:
        """Make a face-blurred copy of the video (``blur_status`` PENDING → RUNNING → DONE | ERROR) → 202."""
        interview = self.get_object()
        try:
            jobs.queue(BLUR, interview.pk, user=request.user)
        except jobs.JobConflict as e:
            current = Interview.objects.get(pk=interview.pk)
            return Response({"detail": str(e), "blur_status": current.blur_status, "status": current.status},
                            status=status.HTTP_409_CONFLICT)
        except Exception:
            logger.exception("could not queue the blurring of %s", interview.pk)
            return Response({"detail": "the blurring could not be queued: the task broker is unreachable"},
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)
        interview.refresh_from_db()
        data = InterviewDetailSerializer(interview, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _file_response(request: HttpRequest, path) -> HttpResponse:
    size = path.stat().st_size
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    match = _RANGE.match(request.META.get("HTTP_RANGE", "").strip())
    if not match or (not match.group(1) and not match.group(2)):
        resp = FileResponse(open(path, "rb"), content_type=ctype)
        resp["Accept-Ranges"] = "bytes"
        return resp
    if match.group(1):
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else size - 1
    else:  # suffix range: the last N bytes
        start, end = max(0, size - int(match.group(2))), size - 1
    end = min(end, size - 1)
    if start > end or start >= size:
        resp = HttpResponse(status=416)
        resp["Content-Range"] = f"bytes */{size}"
        return resp
    length = end - start + 1

    def chunks(chunk: int = 256 * 1024):
        with open(path, "rb") as f:
            f.seek(start)
            left = length
            while left > 0:
                data = f.read(min(chunk, left))
                if not data:
                    break
                left -= len(data)
                yield data

    resp = StreamingHttpResponse(chunks(), status=206, content_type=ctype)
    resp["Content-Range"] = f"bytes {start}-{end}/{size}"
    resp["Content-Length"] = str(length)
    resp["Accept-Ranges"] = "bytes"
    return resp


# --------------------------------------------------------------------------- authentication (browser sessions)


def _enforce_csrf(request: Request) -> None:
    """CSRF check for views that run before any session exists (login)."""
    check = CSRFCheck(lambda req: None)
    check.process_request(request._request)
    reason = check.process_view(request._request, None, (), {})
    if reason:
        raise PermissionDenied(f"CSRF Failed: {reason}")


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfView(APIView):
    """Sets the ``csrftoken`` cookie and returns the token (send it back as ``X-CSRFToken``)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses={200: inline_serializer("Csrf", {"csrfToken": serializers.CharField()})})
    def get(self, request: Request) -> Response:
        return Response({"csrfToken": get_token(request._request)})


_LOCKED_OUT = OpenApiResponse(
    response=inline_serializer("LockedOut", {"detail": serializers.CharField()}),
    description="too many failed sign-ins of this username from this address (see the Retry-After header, s)")


class TokenView(ObtainAuthToken):
    """The API token of a user: ``{"username", "password"}`` → ``{"token"}``; repeated failures answer 429."""

    @extend_schema(responses={200: inline_serializer("AuthToken", {"token": serializers.CharField()}),
                              400: OpenApiResponse(description="wrong username or password"), 429: _LOCKED_OUT})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from django.contrib.auth.signals import user_logged_in
        from rest_framework.authtoken.models import Token

        params = self.get_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        user = params.validated_data["user"]
        token, _ = Token.objects.get_or_create(user=user)
        # A token sign-in is a sign-in: last_login is updated and this client's failure count cleared.
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token.key})


class LoginView(APIView):
    """Session login for the browser: ``{"username", "password"}`` with the CSRF header → the user.

    Failed sign-ins are counted per username and client address (django-axes); past the
    limit the answer is 429 with ``Retry-After``, even for the right password.
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=LoginSerializer, responses={200: UserSerializer, 400: OpenApiResponse(
        description="wrong username or password"), 403: OpenApiResponse(description="CSRF check failed"),
        429: _LOCKED_OUT})
    def post(self, request: Request) -> Response:
        _enforce_csrf(request)
        params = LoginSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        user = authenticate(request._request, username=params.validated_data["username"],
                            password=params.validated_data["password"])
        if user is None or not user.is_active:
            return Response({"detail": "wrong username or password"}, status=status.HTTP_400_BAD_REQUEST)
        login(request._request, user)
        return Response(UserSerializer(user).data)


class LogoutView(APIView):
    """End the browser session (CSRF header required) → 204."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeView(APIView):
    """The signed-in user (401 when anonymous); also sets the ``csrftoken`` cookie."""

    @extend_schema(responses={200: UserSerializer})
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)


class ConfigView(APIView):
    """Settings the front end needs: upload limit, modes, defaults."""

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
        return Response({"upload_max_mb": settings.IAL_UPLOAD_MAX_MB, "max_video_sec": settings.IAL_MAX_VIDEO_SEC,
                         "default_mode": settings.IAL_ANALYSIS_MODE, "allowed_modes": settings.IAL_ALLOWED_MODES,
                         "languages": [c for c, _ in Interview.Language.choices],
                         "consent_required": settings.IAL_REQUIRE_CONSENT, "consent_text": consent_text(),
                         "consent_texts": consent_texts(),
                         "consent_version": settings.IAL_CONSENT_VERSION,
                         "retention_days": settings.IAL_RETENTION_DAYS,
                         "demographic_categories": settings.IAL_DEMOGRAPHIC_CATEGORIES,
                         "impact_min_group": settings.IAL_IMPACT_MIN_GROUP})


# --------------------------------------------------------------------------- the built front end


@ensure_csrf_cookie
def frontend(request: HttpRequest, path: str = "") -> HttpResponse:
    """``index.html`` of the built front end (``IAL_FRONTEND_DIST``) for every non-API path, or a short notice."""
    index = settings.IAL_FRONTEND_DIST / "index.html"
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    if index.is_file():
        resp = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
        resp["Cache-Control"] = "no-cache"
        return resp
    html = ("<!doctype html><meta charset=utf-8><title>interview-ai-lab</title>"
            "<h1>interview-ai-lab</h1><p>The front end is not built (<code>cd frontend && npm ci && npm run build"
            "</code>). The API is at <a href=/api/docs/>/api/docs/</a>, users at <a href=/admin/>/admin/</a>.</p>")
    return HttpResponse(html)
