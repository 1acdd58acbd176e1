"""The Celery application: ``celery -A interview_web worker`` (run from ``web/``, or with ``--workdir web``).

Configuration comes from Django settings (keys prefixed ``CELERY_``), which read the
environment; see ``interview_web/settings.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from celery import Celery

_WEB_DIR = Path(__file__).resolve().parent.parent
if str(_WEB_DIR) not in sys.path:  # `celery --workdir web` or `-A interview_web` from another folder
    sys.path.insert(0, str(_WEB_DIR))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_web.settings")

app = Celery("interview_web")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
