"""An upload: probing the file before it is kept, and recording the new interview (rubrics, audit trail)."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from . import audit
from .models import AuditEvent, Interview

logger = logging.getLogger(__name__)


def probe_upload(upload: UploadedFile) -> dict[str, Any]:
    """Probe an uploaded file with ffprobe (``interview_ai_lab.media.ffmpeg.probe``); return its facts.

    The file is read from Django's temporary file, or written to one first when it
    was kept in memory; the client's name never reaches the filesystem.

    Raises:
        interview_ai_lab.runtime.errors.InputError: not a readable audio/video file.
    """
    from interview_ai_lab.media.ffmpeg import probe

    temp_path = getattr(upload, "temporary_file_path", None)
    if temp_path is not None:
        return probe(Path(temp_path())).as_dict()
    fd, name = tempfile.mkstemp(prefix="ial-upload-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in upload.chunks():
                f.write(chunk)
        return probe(Path(name)).as_dict()
    finally:
        os.unlink(name)
        upload.seek(0)


def record_upload(interview: Interview, *, user: Any) -> Interview:
    """Give the new interview's questions their rubrics and write its ``upload`` audit event, in one transaction.

    Raises:
        interviews.rubrics.RubricInvalid: a rubric given with a question is not valid.
    """
    from .rubrics import ensure_rubrics
    from .serializers import consent_language_of

    with transaction.atomic():
        if interview.position_id is not None:  # the position's rubrics (made when it was created)
            from .positions import ensure_rubrics as ensure_position_rubrics

            ensure_position_rubrics(interview.position, user=user)
        else:
            ensure_rubrics(interview, user=user)
        audit.record(AuditEvent.Action.UPLOAD, interview_id=interview.pk, user=user, details={
            "video_size": interview.video_size, "mode": interview.mode, "language": interview.language,
            "questions": len(interview.questions or []), "consent": interview.consent,
            "consent_version": interview.consent_version,
            "consent_language": consent_language_of(interview.consent_text),
            **({"position": str(interview.position_id)} if interview.position_id else {})})
    logger.info("interview %s uploaded by %s (%s bytes)", interview.pk, user, interview.video_size)
    return interview
