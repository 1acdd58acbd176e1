"""Root URLs: the API, its schema and docs, the admin, the metrics and the front end.

The API is under ``/api/``, its schema and docs too (``IAL_API_DOCS``), then the admin, ``/metrics`` and the built
front end at ``/``.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from interview_ai_lab_web.interviews.views.api_docs import RedocView, SwaggerView
from interview_ai_lab_web.interviews.views.frontend import frontend
from interview_ai_lab_web.interviews.views.health import metrics_view

docs = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
] if settings.IAL_API_DOCS else []

#: An unknown path under /api/ answers JSON like every other API error (HTML elsewhere).
handler404 = "interview_ai_lab_web.interviews.security.not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    *docs,
    path("api/", include("interview_ai_lab_web.interviews.urls")),
    path("metrics", metrics_view, name="metrics"),  # Prometheus (IAL_METRICS_TOKEN)
    # Every other path is the single-page front end (its router handles it).
    re_path(r"^(?!api/|admin/|static/|media/)(?P<path>.*)$", frontend, name="frontend"),
]
