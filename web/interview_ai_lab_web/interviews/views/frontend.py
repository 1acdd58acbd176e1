"""Every path that is not the API, the admin or a static file: the built single-page front end (its router)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import ensure_csrf_cookie


@ensure_csrf_cookie
def frontend(request: HttpRequest, path: str = "") -> HttpResponse:
    """``index.html`` of the built front end (``IAL_FRONTEND_DIST``) for every non-API path, or a short notice."""
    index = settings.IAL_FRONTEND_DIST / "index.html"
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    if index.is_file():
        resp = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
        resp["Cache-Control"] = "no-cache"
        return resp
    html = ("<!doctype html><meta charset=utf-8><title>interview-ai-lab</title>"
            "<h1>interview-ai-lab</h1><p>The front end is not built (<code>cd frontend && npm ci && npm run build"
            "</code>). The API is at <a href=/api/docs/>/api/docs/</a>, users at <a href=/admin/>/admin/</a>.</p>")
    return HttpResponse(html)
