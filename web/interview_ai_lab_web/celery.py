"""The Celery application: ``celery -A interview_ai_lab_web worker`` (run from ``web/``, or with ``--workdir web``).

Configuration comes from Django settings (keys prefixed ``CELERY_``), which read the
environment; see ``interview_ai_lab_web/settings.py``. Its logs follow Django's ``LOGGING``
(``IAL_LOG_FORMAT``).
"""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_ai_lab_web.settings")

if os.environ.get("IAL_LOG_FORMAT", "").strip().lower() == "json":
    # JSON lines from the start: what the worker says before its logging is set up (a Python warning at start-up)
    # goes through the same formatter. The settings' LOGGING replaces this once loaded (setup_logging below).
    import logging.config

    from interview_ai_lab_web.log_format import logging_config

    logging.config.dictConfig(logging_config(json_lines=True, level=os.environ.get("LOG_LEVEL", "INFO")))
    logging.captureWarnings(True)

app = Celery("interview_ai_lab_web")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _django_logging(loglevel=None, **kwargs) -> None:
    """The worker and beat log as Django does, not in Celery's own format.

    That is ``LOGGING``: text, or JSON lines with ``IAL_LOG_FORMAT=json``; ``-l LEVEL`` still sets the level.
    """
    import logging.config

    from django.conf import settings

    if settings.LOGGING.get("root"):
        logging.config.dictConfig(settings.LOGGING)
        if loglevel:
            logging.getLogger().setLevel(loglevel)
    else:  # IAL_LOGGING=false (tests): Celery's own format on stderr
        logging.basicConfig(level=loglevel or logging.INFO, format=app.conf.worker_log_format)
