"""``/api/organisations/…``: the caller's organisations, and their members (administrators only).

The work is :mod:`interviews.memberships`; an organisation the caller is not a member of answers
404, one they are not an administrator of answers 403.
"""

from __future__ import annotations

import logging

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from .. import memberships
from ..models import Membership
from ..position_serializers import MemberRoleSerializer, MemberSerializer, OrganisationSerializer, user_by_username

logger = logging.getLogger(__name__)


class OrganisationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's organisations; their members (admins only)."""

    permission_classes = [IsAuthenticated]
    serializer_class = OrganisationSerializer
    pagination_class = None

    def get_queryset(self):
        """The caller's memberships, by organisation name."""
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return Membership.objects.filter(user=self.request.user).select_related("organisation").order_by(
            "organisation__name")

    @extend_schema(methods=["GET"], responses={200: MemberSerializer(many=True)})
    @extend_schema(methods=["POST"], request=MemberSerializer, responses={201: MemberSerializer})
    @action(detail=True, methods=["get", "post"])
    def members(self, request: Request, pk: str | None = None) -> Response:
        """GET the members; POST ``{username, role}`` adds one (admins only)."""
        org = memberships.managed_organisation(request.user, pk)
        if request.method == "GET":
            return Response(MemberSerializer(memberships.members(org), many=True).data)
        ser = MemberSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        m = memberships.add_member(org, user_by_username(ser.validated_data["username"]), ser.validated_data["role"],
                                   by=request.user)
        return Response(MemberSerializer(memberships.member_row(m)).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["PATCH"], request=MemberRoleSerializer, responses={200: MemberSerializer})
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["patch", "delete"], url_path=r"members/(?P<user_id>[0-9]{1,12})")
    def member(self, request: Request, pk: str | None = None, user_id: str | None = None) -> Response:
        """PATCH ``{role}`` changes a member's role; DELETE removes the member (and from every position's reviewers)."""
        org = memberships.managed_organisation(request.user, pk)
        with transaction.atomic():
            m = memberships.membership(org, user_id)
            if request.method == "DELETE":
                memberships.remove_member(org, m)
                return Response(status=status.HTTP_204_NO_CONTENT)
            ser = MemberRoleSerializer(data=request.data)
            ser.is_valid(raise_exception=True)
            m = memberships.change_role(org, m, ser.validated_data["role"])
        return Response(MemberSerializer(memberships.member_row(m)).data)
