"""Root URLs: the API under ``/api/``, its schema and docs, the admin, and the built front end at ``/``."""

from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from interviews.views import frontend

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("api/", include("interviews.urls")),
    # Every other path is the single-page front end (its router handles it).
    re_path(r"^(?!api/|admin/|static/|media/)(?P<path>.*)$", frontend, name="frontend"),
]
