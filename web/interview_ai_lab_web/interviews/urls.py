"""URLs of the API: ``/api/interviews/…``, ``/api/positions/…``, ``/api/organisations/…`` and ``/api/auth/…``."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import position_views, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("interviews", views.InterviewViewSet, basename="interview")
router.register("positions", position_views.PositionViewSet, basename="position")
router.register("organisations", position_views.OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/csrf/", views.CsrfView.as_view(), name="auth-csrf"),
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/me/", views.MeView.as_view(), name="auth-me"),
    path("config/", views.ConfigView.as_view(), name="config"),
    path("", include(router.urls)),
]
