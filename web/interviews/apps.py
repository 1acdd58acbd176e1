"""App configuration of ``interviews``."""

from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self) -> None:
        from . import (
            security,  # noqa: F401  (audit log of login lockouts)
            tasks,  # noqa: F401  (registers the Celery tasks and the worker-start sweep)
        )
