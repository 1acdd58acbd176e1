"""``/api/positions/{id}/invitations/…``: invite candidates to record the position's one-way interview.

A position a user cannot see answers 404; only its organisation's admins and recruiters manage
its invitations (a reviewer: 403). The work is :mod:`interviews.invitations` (tokens, states,
changes), :mod:`interviews.invitation_mail` (the e-mail) and :mod:`interviews.privacy`
(deleting an invitation and everything recorded with it).

- ``GET``: the invitations, newest first, with their state and ``answered`` of ``questions``;
- ``POST`` ``{candidate_name, email?, language, deadline?, send_email?}`` → 201 with the ``link``
  (shown once: only the token's hash is kept);
- ``GET``/``PATCH``/``DELETE`` ``{invitation}/``: read, change (name, e-mail, language, a later
  deadline) or delete it with its recordings (and the interview made of them);
- ``POST {invitation}/link/`` ``{email?}``: a new link (the previous one stops working), e-mailed
  when asked; ``POST {invitation}/revoke/``: the link stops working;
- ``GET {invitation}/export/``: everything held about the candidate, as a zip (GDPR access request).
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import access, invitation_mail, invitations, permissions, privacy
from ..invitation_serializers import (
    InvitationInputSerializer,
    InvitationLinkSerializer,
    InvitationSerializer,
    LinkRequestSerializer,
)
from ..invitations import InvitationClosed
from ..models import Invitation, Position

logger = logging.getLogger(__name__)

CLOSED = OpenApiResponse(description="the invitation was submitted or revoked: it cannot change this way")


def _position(request: Request, position_id: Any) -> Position:
    """The position (404 when the user cannot see it; 403 unless an admin or recruiter of its organisation)."""
    position = permissions.visible_positions(request.user).select_related("organisation").filter(
        pk=position_id).first()
    if position is None:
        raise Http404
    if not permissions.can_edit_position(request.user, position):
        raise PermissionDenied("only an administrator or a recruiter of the organisation manages invitations")
    return position


def _invitation(request: Request, position_id: Any, invitation_id: Any) -> Invitation:
    position = _position(request, position_id)
    invitation = position.invitations.select_related("position", "position__organisation", "created_by").filter(
        pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def _with_link(request: Request, invitation: Invitation, token: str, *, email: bool) -> dict[str, Any]:
    """The invitation, its link and, when asked, the e-mail sent (or why not)."""
    link = invitations.link_for(token, base_url=request.build_absolute_uri("/"))
    emailed, error = False, ""
    if email:
        try:
            invitation_mail.send(invitation, link)
            invitation = invitations.mark_emailed(invitation)
            emailed = True
        except invitation_mail.MailFailed as e:
            error = str(e)
    return {"invitation": invitation, "link": link, "emailed": emailed,
            "email_error": error}


class InvitationListView(APIView):
    """``/api/positions/{id}/invitations/``: a position's invitations, and a new one."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: InvitationSerializer(many=True)})
    def get(self, request: Request, id: str) -> Response:
        """The position's invitations, newest first, with their state and how many questions are answered."""
        position = _position(request, id)
        qs = position.invitations.select_related("position", "created_by").order_by("-created_at")
        return Response(InvitationSerializer(qs, many=True).data)

    @extend_schema(request=InvitationInputSerializer, responses={201: InvitationLinkSerializer})
    def post(self, request: Request, id: str) -> Response:
        """Invite a candidate: the answer holds the link (once), e-mailed when ``send_email`` is true."""
        position = _position(request, id)
        ser = InvitationInputSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        if not position.questions:
            return Response({"detail": "the position has no question to answer"}, status=status.HTTP_400_BAD_REQUEST)
        invitation, token = invitations.create(position, candidate_name=data["candidate_name"],
                                               email=data.get("email", ""), language=data["language"],
                                               deadline=data.get("deadline"), user=request.user)
        body = _with_link(request, invitation, token, email=bool(data.get("send_email")))
        return Response(InvitationLinkSerializer(body).data, status=status.HTTP_201_CREATED)


class InvitationDetailView(APIView):
    """``/api/positions/{id}/invitations/{invitation}/``: one invitation, read, changed or deleted."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: InvitationSerializer})
    def get(self, request: Request, id: str, invitation_id: str) -> Response:
        """One invitation."""
        return Response(InvitationSerializer(_invitation(request, id, invitation_id)).data)

    @extend_schema(request=InvitationInputSerializer(partial=True), responses={200: InvitationSerializer, 409: CLOSED})
    def patch(self, request: Request, id: str, invitation_id: str) -> Response:
        """Change the candidate's name, e-mail, language or the deadline of an invitation not yet submitted."""
        invitation = _invitation(request, id, invitation_id)
        ser = InvitationInputSerializer(data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        fields = {k: v for k, v in ser.validated_data.items() if k != "send_email"}
        try:
            invitation = invitations.update(invitation, user=request.user, **fields)
        except InvitationClosed as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, id: str, invitation_id: str) -> Response:
        """Delete the invitation and everything recorded with it (its takes, and the interview made of them)."""
        privacy.delete_invitation(_invitation(request, id, invitation_id), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationLinkView(APIView):
    """``…/invitations/{invitation}/link/``: a new link for the invitation."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=LinkRequestSerializer, responses={200: InvitationLinkSerializer, 409: CLOSED})
    def post(self, request: Request, id: str, invitation_id: str) -> Response:
        """A new link for the invitation (the previous one stops working), e-mailed when ``email`` is true."""
        invitation = _invitation(request, id, invitation_id)
        ser = LinkRequestSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        email = ser.validated_data["email"]
        if email and not invitation.email:
            return Response({"email": ["the invitation has no e-mail address: add one first"]},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            invitation, token = invitations.remake_link(invitation, user=request.user, emailed=email)
        except InvitationClosed as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(InvitationLinkSerializer(_with_link(request, invitation, token, email=email)).data)


class InvitationRevokeView(APIView):
    """``…/invitations/{invitation}/revoke/``: the invitation's link stops working."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: InvitationSerializer, 409: CLOSED})
    def post(self, request: Request, id: str, invitation_id: str) -> Response:
        """Revoke the invitation: its link stops working at once (what was recorded stays until deleted)."""
        try:
            invitation = invitations.revoke(_invitation(request, id, invitation_id), user=request.user)
        except InvitationClosed as e:
            return Response({"detail": str(e)}, status=status.HTTP_409_CONFLICT)
        return Response(InvitationSerializer(invitation).data)


class InvitationExportView(APIView):
    """``…/invitations/{invitation}/export/``: everything held about the invited candidate, as a zip."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request: Request, id: str, invitation_id: str) -> FileResponse:
        """Everything held about the invited candidate (GDPR access request), as a zip.

        That is the invitation, its recordings and its audit trail (the interview's export once the answers
        became one).
        """
        invitation = _invitation(request, id, invitation_id)
        archive = access.export_invitation(invitation, user=request.user)
        return FileResponse(archive, content_type="application/zip", as_attachment=True,
                            filename=f"invitation-{invitation.pk}.zip")
