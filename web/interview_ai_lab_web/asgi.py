"""ASGI entry point: ``uvicorn --app-dir web interview_ai_lab_web.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_ai_lab_web.settings")

application = get_asgi_application()
