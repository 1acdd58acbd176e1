"""URLs of the API, under ``/api/``.

``/api/interviews/…``, ``/api/positions/…`` (with ``{id}/invitations/…``), ``/api/organisations/…``,
``/api/auth/…``, ``/api/config/``, ``/api/health/`` and ``/api/candidate/…`` (the candidate page, opened by an
invitation link).

Every id in a path is a UUID (``<uuid:…>``, and :class:`UUIDRouter` for the viewsets): a malformed id never
reaches a view, it answers 404 like an unknown one.
"""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import auth, candidate, config, health, interviews, invitations, organisations, positions

#: A UUID in its canonical text form (any case), the lookup of every viewset's detail routes.
UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class UUIDRouter(DefaultRouter):
    """A router whose detail routes take a UUID only (a viewset's own ``lookup_value_regex`` still wins)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._default_value_pattern = UUID_PATTERN


router = UUIDRouter(trailing_slash=True)
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
    # (before the router: its positions/{id}/ pattern must not take these)
    path("positions/<uuid:id>/invitations/", invitations.InvitationListView.as_view(), name="position-invitations"),
    path("positions/<uuid:id>/invitations/<uuid:invitation_id>/", invitations.InvitationDetailView.as_view(),
         name="position-invitation"),
    path("positions/<uuid:id>/invitations/<uuid:invitation_id>/link/", invitations.InvitationLinkView.as_view(),
         name="position-invitation-link"),
    path("positions/<uuid:id>/invitations/<uuid:invitation_id>/revoke/", invitations.InvitationRevokeView.as_view(),
         name="position-invitation-revoke"),
    path("positions/<uuid:id>/invitations/<uuid:invitation_id>/export/", invitations.InvitationExportView.as_view(),
         name="position-invitation-export"),
    path("candidate/session/", candidate.SessionView.as_view(), name="candidate-session"),
    path("candidate/consent/", candidate.ConsentView.as_view(), name="candidate-consent"),
    path("candidate/takes/<uuid:take_id>/choose/", candidate.ChooseTakeView.as_view(), name="candidate-choose"),
    path("candidate/submit/", candidate.SubmitView.as_view(), name="candidate-submit"),
    path("candidate/uploads/", candidate.UploadsView.as_view(), name="candidate-uploads"),
    path("candidate/uploads/<uuid:take_id>/", candidate.UploadView.as_view(), name="candidate-upload"),
    path("", include(router.urls)),
]
