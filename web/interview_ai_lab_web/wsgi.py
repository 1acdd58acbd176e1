"""WSGI entry point: ``gunicorn --chdir web interview_ai_lab_web.wsgi`` (or any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_ai_lab_web.settings")

application = get_wsgi_application()
