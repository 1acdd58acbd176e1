"""Django project of the interview-ai-lab web app (settings, URLs, Celery app)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
