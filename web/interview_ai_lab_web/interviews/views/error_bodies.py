"""The bodies of the API's refusals that carry more than ``{"detail"}``: a stable code the front end translates.

Each reason is shown without internal names or paths (:func:`interviews.reasons.public_message`);
``error_code`` and ``error_params`` let the front end say it in the reader's language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from ..models import Interview
from ..reasons import failure_code, public_message


def conflict_body(interview: Interview, detail: str) -> dict[str, Any]:
    """A 409 about the interview's job: ``detail``, its status, its last failure (code, params) and progress."""
    p = interview.progress or {}
    code, params = failure_code(interview.error)
    return {"detail": public_message(detail), "status": interview.status, "error": public_message(interview.error),
            "error_code": code, "error_params": params,
            "progress": {"stage": p.get("stage", ""), "percent": float(p.get("percent", 0.0))}}


def report_not_ready_body(interview: Interview) -> dict[str, Any]:
    """The 409 of a report asked for before its analysis is DONE: why, in words, with :func:`conflict_body`."""
    words = {
        Interview.Status.PENDING: "the interview has not been analysed yet" if interview.queued_at is None
        else "the analysis is queued",
        Interview.Status.RUNNING: "the analysis is running",
        Interview.Status.ERROR: f"the analysis failed: {interview.error}",
    }.get(interview.status, "no report")
    return conflict_body(interview, f"The report is not ready: {words}.")


def refusal_body(serializer: serializers.Serializer) -> dict[str, Any]:
    """The body of a refused upload, which the front end says in the reader's language.

    DRF's ``{field: [message]}`` plus ``error_code`` (the first refusal's stable code, or ``invalid``) and
    ``error_params``.
    """
    body: dict[str, Any] = {k: [public_message(str(m)) for m in v] if isinstance(v, list) else v
                            for k, v in serializer.errors.items()}
    code = "invalid"
    for messages in serializer.errors.values():
        first = messages[0] if isinstance(messages, list) and messages else None
        if getattr(first, "code", None) and first.code in serializer.context.get("error_params", {}):
            code = first.code
            break
    body["error_code"] = code
    body["error_params"] = serializer.context.get("error_params", {}).get(code, {})
    return body


def too_large_body() -> dict[str, Any]:
    """The 413 of an upload larger than ``IAL_UPLOAD_MAX_MB``."""
    return {"detail": f"the upload is larger than the limit ({settings.IAL_UPLOAD_MAX_MB} MB)",
            "error_code": "file_too_large", "error_params": {"max_mb": settings.IAL_UPLOAD_MAX_MB}}
