"""URLs of the API: ``/api/interviews/…``, ``/api/positions/…``, ``/api/organisations/…``, ``/api/auth/…`` and
``/api/health/``."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import auth, config, health, interviews, organisations, positions

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("interviews", interviews.InterviewViewSet, basename="interview")
router.register("positions", positions.PositionViewSet, basename="position")
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("auth/token/", auth.TokenView.as_view(), name="auth-token"),
    path("auth/csrf/", auth.CsrfView.as_view(), name="auth-csrf"),
    path("auth/login/", auth.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", auth.LogoutView.as_view(), name="auth-logout"),
    path("auth/me/", auth.MeView.as_view(), name="auth-me"),
    path("config/", config.ConfigView.as_view(), name="config"),
    path("health/", health.health_view, name="health"),
    path("", include(router.urls)),
]
