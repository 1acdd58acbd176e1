"""App configuration of ``interviews``."""

from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """The ``interviews`` app: interviews, positions, invitations, their analyses and the audit log."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "interview_ai_lab_web.interviews"
    label = "interviews"  # the app's label: table names, migrations and permissions keep it
    verbose_name = "Interviews"

    def ready(self) -> None:
        """Import the modules that register job kinds, Celery tasks and signal handlers."""
        from . import (
            analysis,  # noqa: F401  (registers the analysis job kind: first, as the jobs sweep them in order)
            blur,  # noqa: F401  (registers the face-blurring job kind)
            security,  # noqa: F401  (audit log of login lockouts)
            tasks,  # noqa: F401  (registers the Celery tasks and the worker-start sweep)
        )
