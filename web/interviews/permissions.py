"""Object permissions: a recruiter reaches only their own interviews."""

from __future__ import annotations

from rest_framework.permissions import BasePermission


class IsOwner(BasePermission):
    """The object belongs to the requesting user (querysets are filtered too, so others get 404)."""

    def has_object_permission(self, request, view, obj) -> bool:
        return getattr(obj, "owner_id", None) == getattr(request.user, "pk", object())
