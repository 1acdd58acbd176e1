"""The Celery application: ``celery -A interview_ai_lab_web worker`` (run from ``web/``, or with ``--workdir web``).

Configuration comes from Django settings (keys prefixed ``CELERY_``), which read the
environment; see ``interview_ai_lab_web/settings.py``.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_ai_lab_web.settings")

app = Celery("interview_ai_lab_web")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
