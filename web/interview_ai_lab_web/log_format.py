"""Logs a machine can read: ``IAL_LOG_FORMAT=json`` gives one JSON object a line (python-json-logger).

Every record of a job carries the interview's id (``interview_id``): the job sets it for its
thread (:func:`interview_context`), Celery's own lines about a task of an interview take it
from the task's arguments, and the pipeline's lines are logged again by the worker that
reads them (``interviews.pipeline_process``), inside that context. The web server, the
worker, beat and gunicorn all use this format when it is on.

What a log line never holds: a candidate's words (no transcript, no answer: the pipeline runs
``--quiet`` and its lines are warnings and errors about the run) and a password (no request
body is ever logged).
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pythonjsonlogger.json import JsonFormatter

#: The interview whose job this thread runs ("" when none).
CURRENT_INTERVIEW: contextvars.ContextVar[str] = contextvars.ContextVar("ial_interview_id", default="")

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@contextmanager
def interview_context(interview_id: Any) -> Iterator[None]:
    """Every record logged by this thread inside the block carries ``interview_id``."""
    token = CURRENT_INTERVIEW.set(str(interview_id))
    try:
        yield
    finally:
        CURRENT_INTERVIEW.reset(token)


def _interview_of_task_record(record: logging.LogRecord) -> str:
    """The interview of a Celery line about one of its tasks ("Task interviews.tasks.run_analysis[…] received")."""
    args = record.args
    if isinstance(args, dict) and str(args.get("name", "")).startswith("interviews.tasks.run_"):
        match = _UUID.search(str(args.get("args", "")))
        if match:
            return match.group(0)
    return ""


class InterviewIdFilter(logging.Filter):
    """Adds ``interview_id`` (the job's interview, or "") to every record; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Set ``record.interview_id`` unless already set; always True."""
        if not getattr(record, "interview_id", ""):
            record.interview_id = CURRENT_INTERVIEW.get() or _interview_of_task_record(record)
        return True


class LogJsonFormatter(JsonFormatter):
    """One JSON object a line: ``time``, ``level``, ``logger``, ``message``, ``interview_id``, ``host``, ``pid``.

    A record of an exception also has ``exc_info``, with the traceback.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(interview_id)s %(process)d")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger",
                                            "process": "pid"})
        kwargs.setdefault("static_fields", {"host": os.environ.get("IAL_WORKER_HOST", "").strip()
                                            or socket.gethostname()})
        kwargs.setdefault("json_ensure_ascii", False)
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__(*args, **kwargs)


def logging_config(*, json_lines: bool, level: str) -> dict[str, Any]:
    """The ``LOGGING`` dict of Django (and of the Celery worker and beat, which apply it too)."""
    formatter = {"()": "interview_ai_lab_web.log_format.LogJsonFormatter"} if json_lines else {
        "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"interview": {"()": "interview_ai_lab_web.log_format.InterviewIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["interview"]}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }


def gunicorn_logging_config(*, level: str) -> dict[str, Any]:
    """The ``logconfig_dict`` of gunicorn: its own loggers (``gunicorn.error``, ``gunicorn.access``) in JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"interview": {"()": "interview_ai_lab_web.log_format.InterviewIdFilter"}},
        "formatters": {"json": {"()": "interview_ai_lab_web.log_format.LogJsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["interview"],
                                 "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
                    "gunicorn.access": {"handlers": ["console"], "level": level, "propagate": False}},
    }
