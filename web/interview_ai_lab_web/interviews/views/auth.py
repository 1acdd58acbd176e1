"""``/api/auth/…``: the API token of a user, and the browser's session (CSRF cookie, sign-in, sign-out, who am I).

Failed sign-ins are counted per username and client address, and per address, by django-axes
(:mod:`interviews.security` answers the lockout, 429 with ``Retry-After``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_logged_in
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import CSRFCheck
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..serializers import LoginSerializer, UserSerializer

logger = logging.getLogger(__name__)


def _enforce_csrf(request: Request) -> None:
    """CSRF check for views that run before any session exists (login)."""
    check = CSRFCheck(lambda req: None)
    check.process_request(request._request)
    reason = check.process_view(request._request, None, (), {})
    if reason:
        raise PermissionDenied(f"CSRF Failed: {reason}")


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfView(APIView):
    """``/api/auth/csrf/``: the CSRF cookie of the browser's session."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(responses={200: inline_serializer("Csrf", {"csrfToken": serializers.CharField()})})
    def get(self, request: Request) -> Response:
        """Sets the ``csrftoken`` cookie and returns the token (send it back as ``X-CSRFToken``)."""
        return Response({"csrfToken": get_token(request._request)})


_LOCKED_OUT = OpenApiResponse(
    response=inline_serializer("LockedOut", {"detail": serializers.CharField()}),
    description="too many failed sign-ins of this username from this address, or of any usernames from this address "
                "(see the Retry-After header, s)")


class TokenView(ObtainAuthToken):
    """``/api/auth/token/``: a user's API token, for scripts and other programs."""

    @extend_schema(responses={200: inline_serializer("AuthToken", {"token": serializers.CharField()}),
                              400: OpenApiResponse(description="wrong username or password"), 429: _LOCKED_OUT})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The API token of a user: ``{"username", "password"}`` → ``{"token"}``; repeated failures answer 429."""
        params = self.get_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        user = params.validated_data["user"]
        token, _ = Token.objects.get_or_create(user=user)
        # A token sign-in is a sign-in: last_login is updated and this client's failure count cleared.
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": token.key})


class LoginView(APIView):
    """``/api/auth/login/``: the browser's sign-in, which opens a session."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=LoginSerializer, responses={200: UserSerializer, 400: OpenApiResponse(
        description="wrong username or password"), 403: OpenApiResponse(description="CSRF check failed"),
        429: _LOCKED_OUT})
    def post(self, request: Request) -> Response:
        """Session login for the browser: ``{"username", "password"}`` with the CSRF header → the user.

        Failed sign-ins are counted per username and client address, and per address (django-axes); past
        either limit the answer is 429 with ``Retry-After``, even for the right password.
        """
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
    """``/api/auth/logout/``: the browser's sign-out."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        """End the browser session (CSRF header required) → 204."""
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeView(APIView):
    """``/api/auth/me/``: who is signed in."""

    @extend_schema(responses={200: UserSerializer})
    def get(self, request: Request) -> Response:
        """The signed-in user (401 when anonymous); also sets the ``csrftoken`` cookie."""
        return Response(UserSerializer(request.user).data)
