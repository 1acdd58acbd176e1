"""``/api/candidate/…``: the candidate page's API, opened by an invitation link (no account).

The link's token comes in the ``X-Invitation-Token`` header (it stays in the page's URL fragment,
never in a request line, a server log or a ``Referer``). A forged link answers 404, an expired or
revoked one 410, each with a ``code`` and, for a real link, its language only: no data. Every
endpoint is throttled per client address (:class:`interviews.throttling.CandidateRateThrottle`,
429) and sends the usual headers (CSP, ``no-store``).

- ``GET session/``: the job, the privacy notice, the settings, the questions and their takes;
  the first call marks the link opened.
- ``POST consent/``: the candidate agrees (the deployment's text in the invitation's language and
  its version are recorded).
- ``POST takes/{take}/choose/``: the take sent for its question (review step).
- ``POST submit/``: send the answers (nothing can change afterwards).
- ``uploads/`` and ``uploads/{take}/``: tus 1.0 (core, creation, termination; :mod:`interviews.tus`)
  for the recordings: ``OPTIONS``, ``POST`` (``Upload-Length``, ``Upload-Metadata``: ``question``,
  ``filetype``), ``HEAD``, ``PATCH``, ``DELETE``. Not in the OpenAPI schema (a protocol of headers, see
  ``docs/web.md``).
"""

from __future__ import annotations

import logging
from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import candidate_session, tus
from ..candidate_session import LinkRefused, NotAllowed
from ..invitation_serializers import (
    CandidateRefusalSerializer,
    CandidateSessionSerializer,
    LinkNotFoundSerializer,
    LinkRefusedSerializer,
)
from ..models import Invitation, Take
from ..throttling import CandidateRateThrottle

logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-Invitation-Token"
TOKEN_PARAMETER = OpenApiParameter(TOKEN_HEADER, str, OpenApiParameter.HEADER, required=True,
                                   description="the token of the invitation link (after #/invitation/)")
REFUSALS = {404: OpenApiResponse(LinkNotFoundSerializer, description="a forged or unknown link (code invalid), or a "
                                  "path that names nothing"),
            410: OpenApiResponse(LinkRefusedSerializer, description="an expired or revoked link"),
            429: OpenApiResponse(description="too many requests from this address (Retry-After)")}
_WORDS = {"invalid": "this link does not open any interview", "expired": "this link has expired",
          "revoked": "this invitation was withdrawn"}


def refused(e: LinkRefused) -> Response:
    """The answer to a link that opens nothing: 404 (forged) or 410 (expired, revoked), no data."""
    code = status.HTTP_404_NOT_FOUND if e.code == "invalid" else status.HTTP_410_GONE
    return Response({"detail": _WORDS[e.code], "code": e.code, "language": e.language}, status=code)


def not_allowed(e: NotAllowed, code: int = status.HTTP_409_CONFLICT) -> Response:
    """The answer to something the candidate cannot do now: ``{detail, code, params}`` with status ``code``."""
    return Response({"detail": str(e), "code": e.code, "params": e.params}, status=code)


class CandidateView(APIView):
    """Base of the candidate endpoints: no account (no session, so no CSRF), throttled, the token in a header."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [CandidateRateThrottle]
    #: Accept a link up to ``IAL_TAKE_GRACE_SEC`` past its deadline (an upload under way, the submit).
    grace = False

    def invitation(self, request: Request) -> Invitation:
        """The invitation of the request's link (raises LinkRefused)."""
        return candidate_session.open_session(request.headers.get(TOKEN_HEADER), grace=self.grace)

    def handle_exception(self, exc: Exception) -> Response:
        """Answer a refused link, or what the candidate cannot do now, in words; anything else as DRF does.

        A refused link gets :func:`refused` (404 or 410), what is not allowed now :func:`not_allowed` (409).
        """
        if isinstance(exc, LinkRefused):
            return refused(exc)
        if isinstance(exc, NotAllowed):
            return not_allowed(exc)
        return super().handle_exception(exc)

    @staticmethod
    def session_response(invitation: Invitation) -> Response:
        """The candidate page's state after the request (200)."""
        return Response(CandidateSessionSerializer(candidate_session.session(invitation)).data)


class SessionView(CandidateView):
    """``GET /api/candidate/session/``: the candidate page's state; the first call marks the link opened."""

    @extend_schema(parameters=[TOKEN_PARAMETER], responses={200: CandidateSessionSerializer, **REFUSALS})
    def get(self, request: Request) -> Response:
        """The candidate's interview: job, privacy notice, settings, questions and their takes, where to resume."""
        invitation = self.invitation(request)
        candidate_session.mark_opened(invitation)
        return self.session_response(invitation)


class ConsentView(CandidateView):
    """``POST /api/candidate/consent/``: the candidate agrees to the privacy notice."""

    @extend_schema(parameters=[TOKEN_PARAMETER], request=None, responses={
        200: CandidateSessionSerializer, 409: CandidateRefusalSerializer, **REFUSALS})
    def post(self, request: Request) -> Response:
        """Record the candidate's consent (the text shown, in the invitation's language, and its version)."""
        return self.session_response(candidate_session.give_consent(self.invitation(request)))


class ChooseTakeView(CandidateView):
    """``POST /api/candidate/takes/{take}/choose/``: the take sent for its question (review step)."""

    @extend_schema(parameters=[TOKEN_PARAMETER], request=None, responses={
        200: CandidateSessionSerializer, 409: CandidateRefusalSerializer, **REFUSALS})
    def post(self, request: Request, take_id: str) -> Response:
        """Send this take (a received one) for its question instead of the others."""
        invitation = self.invitation(request)
        take = candidate_session.take_of(invitation, take_id)
        if take is None:
            return Response({"detail": "no such recording", "code": "invalid", "language": ""},
                            status=status.HTTP_404_NOT_FOUND)
        candidate_session.choose(invitation, take)
        return self.session_response(invitation)


class SubmitView(CandidateView):
    """``POST /api/candidate/submit/``: send the answers, accepted up to ``IAL_TAKE_GRACE_SEC`` past the deadline."""

    grace = True

    @extend_schema(parameters=[TOKEN_PARAMETER], request=None, responses={
        200: CandidateSessionSerializer, 409: CandidateRefusalSerializer, **REFUSALS})
    def post(self, request: Request) -> Response:
        """Send the answers: the chosen take of each question; the other takes are deleted; nothing changes after."""
        return self.session_response(candidate_session.submit(self.invitation(request)))


# --------------------------------------------------------------------------- tus


def tus_response(status_code: int, headers: dict[str, str] | None = None, detail: str = "") -> Response:
    """A tus answer: its headers plus ``Tus-Resumable``; a refusal carries ``{"detail"}``."""
    resp = Response({"detail": detail} if detail else None, status=status_code)
    resp["Tus-Resumable"] = tus.TUS_VERSION
    for key, value in (headers or {}).items():
        resp[key] = value
    return resp


class TusView(CandidateView):
    """The tus endpoints: refusals as tus answers (status, ``Tus-Resumable``, a readable ``detail``)."""

    def handle_exception(self, exc: Exception) -> Response:
        """Every answer as a tus one: a tus refusal as it is, 413 (too large) or 403 for what is not allowed."""
        if isinstance(exc, tus.TusError):
            return tus_response(exc.status, exc.headers, str(exc))
        if isinstance(exc, NotAllowed):
            code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE if exc.code == "too_large" else status.HTTP_403_FORBIDDEN
            resp = not_allowed(exc, code)
            resp["Tus-Resumable"] = tus.TUS_VERSION
            return resp
        resp = super().handle_exception(exc)
        resp["Tus-Resumable"] = tus.TUS_VERSION
        return resp

    def options(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Tus discovery: the version, extensions and largest upload offered (204)."""
        return tus_response(status.HTTP_204_NO_CONTENT, tus.discovery_headers())


@extend_schema(exclude=True)
class UploadsView(TusView):
    """``/api/candidate/uploads/``: tus creation of a take."""

    def post(self, request: Request) -> Response:
        """Create a take (tus creation): a new take of question ``question`` (metadata) of ``Upload-Length`` bytes → 201 Location."""
        invitation = self.invitation(request)
        tus.check_version(request.headers)
        if request.headers.get("Upload-Defer-Length"):
            raise tus.TusError(400, "Upload-Length is required (creation-defer-length is not offered)")
        length = tus.parse_length(request.headers.get("Upload-Length"), "Upload-Length")
        if length > tus.max_size():
            raise tus.TusError(413, f"a recording may hold at most {tus.max_size()} bytes")
        meta = tus.parse_metadata(request.headers.get("Upload-Metadata"))
        try:
            question = int(meta.get("question", ""))
        except ValueError:
            raise tus.TusError(400, "Upload-Metadata must name the question (question <base64 number>)") from None
        take = candidate_session.new_take(invitation, question_index=question, upload_length=length,
                                          content_type=meta.get("filetype", ""))
        location = request.build_absolute_uri(f"/api/candidate/uploads/{take.pk}/")
        return tus_response(status.HTTP_201_CREATED, {"Location": location, "Upload-Offset": "0"})


@extend_schema(exclude=True)
class UploadView(TusView):
    """``/api/candidate/uploads/{take}/``: one take's tus upload (HEAD, PATCH, DELETE), with the deadline's grace."""

    grace = True

    def _take(self, request: Request, take_id: str) -> Take:
        take = candidate_session.take_of(self.invitation(request), take_id)
        if take is None:
            raise tus.TusError(404, "no such upload")
        return take

    def head(self, request: Request, take_id: str) -> Response:
        """tus: how many bytes of the take arrived (``Upload-Offset``), of ``Upload-Length``."""
        take = self._take(request, take_id)
        tus.check_version(request.headers)
        if take.state == Take.State.DISCARDED:
            raise tus.TusError(404, "this upload was given up")
        return tus_response(status.HTTP_200_OK, {"Upload-Offset": str(take.upload_offset),
                                                 "Upload-Length": str(take.upload_length)})

    def patch(self, request: Request, take_id: str) -> Response:
        """tus: one chunk at ``Upload-Offset`` (409 when it is not where the upload is); the last one checks it."""
        take = self._take(request, take_id)
        tus.check_version(request.headers)
        if request.content_type.split(";")[0].strip() != tus.CHUNK_TYPE:
            raise tus.TusError(415, f"Content-Type must be {tus.CHUNK_TYPE}")
        if take.invitation.submitted_at is not None:
            raise tus.TusError(403, "the answers were already sent")
        offset = tus.parse_length(request.headers.get("Upload-Offset"), "Upload-Offset")
        length = tus.parse_length(request.META.get("CONTENT_LENGTH") or "0", "Content-Length")
        if length > tus.max_chunk():
            raise tus.TusError(413, f"a chunk may hold at most {tus.max_chunk()} bytes")
        data = tus.read_chunk(request._request, length)
        was_complete = take.upload_offset == take.upload_length
        take = tus.append(take, offset=offset, data=data)
        if take.upload_offset == take.upload_length and not was_complete:
            candidate_session.after_upload(take)
        return tus_response(status.HTTP_204_NO_CONTENT, {"Upload-Offset": str(take.upload_offset)})

    def delete(self, request: Request, take_id: str) -> Response:
        """Give the upload up (tus termination) (its bytes are deleted; it still counts as a take)."""
        take = self._take(request, take_id)
        tus.check_version(request.headers)
        tus.terminate(take)
        return tus_response(status.HTTP_204_NO_CONTENT)
