"""API documentation pages (Swagger UI, ReDoc) that load nothing from another origin and run no inline script.

Both come from the pinned ``drf-spectacular-sidecar`` package (``SPECTACULAR_SETTINGS``
``*_DIST = "SIDECAR"``), served by this server's static files. The page templates are the
package's without the Google Fonts links and inline ``<script>``/``<style>`` elements, so the
strict Content-Security-Policy holds; ReDoc alone gets ``style-src 'unsafe-inline'`` (it
inserts its styles at run time) and ``worker-src blob:`` (its search worker). Access follows
``SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]`` (signed-in users unless ``IAL_PUBLIC_API_DOCS``).
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI; its start-up script is a second request to the same URL (``?script``), not inline."""

    template_name = "interviews/swagger_ui.html"


@method_decorator(csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}), name="dispatch")
class RedocView(SpectacularRedocView):
    """ReDoc reading the schema from its ``spec-url`` attribute (no inline start-up script)."""

    template_name = "interviews/redoc.html"
