"""An upload: its size limit, the file probed before it is kept, its position, and the new interview recorded.

Recording the new interview means its rubrics and its audit trail.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from rest_framework.exceptions import PermissionDenied, ValidationError

from . import audit, permissions, positions, rubrics
from .consent import consent_language_of
from .models import AuditEvent, Interview, Position

logger = logging.getLogger(__name__)

#: What a multipart body may add to the video's bytes before the upload counts as too large.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

#: The fields of an upload that a position decides (refused with a position).
POSITION_FIELDS = ("language", "mode", "questions", "weights", "retention_days")


def exceeds_upload_limit(content_length: str | None) -> bool:
    """True when a request's ``Content-Length`` is past ``IAL_UPLOAD_MAX_MB`` (and the multipart overhead).

    Checked before the body is read; a missing or unreadable length is not refused here.
    """
    limit = settings.IAL_UPLOAD_MAX_MB * 1024 * 1024
    try:
        length = int(content_length or 0)
    except ValueError:
        length = 0
    return length > limit + MULTIPART_OVERHEAD_BYTES


def position_for_upload(user: Any, position_id: Any, given: Collection[str]) -> Position | None:
    """The position an upload goes to (None: none), when ``user`` may upload to it.

    Args:
        user: Who uploads.
        position_id: The ``position`` field of the upload (None: none).
        given: The names of the fields the upload sent.

    Raises:
        ValidationError: no such position (or not one ``user`` sees), or a field the position decides was sent.
        PermissionDenied: ``user`` reviews the position (a reviewer cannot upload).
    """
    if position_id is None:
        return None
    position = permissions.visible_positions(user).filter(pk=position_id).first()
    if position is None:
        raise ValidationError({"position": ["no such position"]})
    if not permissions.can_edit_position(user, position):
        raise PermissionDenied("a reviewer cannot upload")
    sent = [k for k in POSITION_FIELDS if k in given]
    if sent:
        raise ValidationError({k: ["decided by the position: leave it out"] for k in sent})
    return Position.objects.get(pk=position.pk)


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
    with transaction.atomic():
        if interview.position_id is not None:  # the position's rubrics (made when it was created)
            positions.ensure_rubrics(interview.position, user=user)
        else:
            rubrics.ensure_rubrics(interview, user=user)
        audit.record(AuditEvent.Action.UPLOAD, interview_id=interview.pk, user=user, details={
            "video_size": interview.video_size, "mode": interview.mode, "language": interview.language,
            "questions": len(interview.questions or []), "consent": interview.consent,
            "consent_version": interview.consent_version,
            "consent_language": consent_language_of(interview.consent_text),
            **({"position": str(interview.position_id)} if interview.position_id else {})})
    logger.info("interview %s uploaded by %s (%s bytes)", interview.pk, user, interview.video_size)
    return interview
