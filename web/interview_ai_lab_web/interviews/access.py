"""What a user reads of a candidate's data: the report, a kept version, the video, the export; each read audited.

Views, the admin and scripts read through these functions, so every read lands in the
audit trail (:mod:`interviews.audit`) whoever makes it. Reports are served redacted as
:func:`interviews.privacy.served_report` says.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, BinaryIO

from . import audit, privacy, stored_media
from .models import AuditEvent, Interview, Invitation

logger = logging.getLogger(__name__)


def read_report(interview: Interview, *, user: Any) -> dict[str, Any] | None:
    """The current report as served (the caller checked it is DONE), audited as ``view_report`` with its version."""
    audit.record(AuditEvent.Action.VIEW_REPORT, interview_id=interview.pk, user=user,
                 details={"version": interview.report_version})
    return privacy.served_report(interview.report)


def read_report_version(interview: Interview, version: int, *, user: Any) -> dict[str, Any] | None:
    """Kept version ``version`` of the report as served, audited as ``view_report``; None when there is none."""
    rv = interview.report_versions.filter(version=version).first()
    if rv is None:
        return None
    audit.record(AuditEvent.Action.VIEW_REPORT, interview_id=interview.pk, user=user, details={"version": rv.version})
    return privacy.served_report(rv.report)


def video_file(interview: Interview, *, user: Any, blurred: bool = False,
               audited: bool = True) -> stored_media.MediaFile | None:
    """The stored video, or its face-blurred copy once made; None when there is none (nothing audited then).

    A file of ``MEDIA_ROOT`` comes with its local path; an object of the bucket with its name only.
    ``audited``: record a ``view_video`` event (False for the further range requests of a
    player that seeks: one event per viewing, not per chunk).
    """
    found: stored_media.MediaFile | None = None
    if blurred and interview.blur_status != Interview.BlurStatus.DONE:
        return None
    if stored_media.in_bucket():
        name = stored_media.blurred_name(interview.pk) if blurred else (interview.video.name or "")
        if name and stored_media.exists(name):
            found = stored_media.MediaFile(name)
    else:
        if blurred:
            path: Path | None = interview.blurred_video_path()
        else:
            try:
                path = interview.video_path()
            except ValueError:
                path = None
        if path is not None and path.is_file():
            found = stored_media.MediaFile(stored_media.blurred_name(interview.pk) if blurred else interview.video.name,
                                           path)
    if found is None:
        return None
    if audited:
        audit.record(AuditEvent.Action.VIEW_VIDEO, interview_id=interview.pk, user=user, details={"blurred": blurred})
    return found


def export(interview: Interview, *, user: Any) -> BinaryIO:
    """Everything held about the candidate, as a zip (:func:`interviews.privacy.build_export`).

    The export is audited as ``export`` first, so the archive's ``audit.json`` holds this export too.
    """
    audit.record(AuditEvent.Action.EXPORT, interview_id=interview.pk, user=user, details={})
    return privacy.build_export(interview)


def export_invitation(invitation: Invitation, *, user: Any) -> BinaryIO:
    """Everything held about an invited candidate, as a zip (:func:`interviews.privacy.build_invitation_export`).

    The export is audited as ``export`` (with the invitation's id; the interview's, once it exists).
    """
    if invitation.interview_id is not None:
        return export(invitation.interview, user=user)
    audit.record(AuditEvent.Action.EXPORT, interview_id=None, user=user,
                 details={"invitation": str(invitation.pk), "position": str(invitation.position_id)})
    return privacy.build_invitation_export(invitation)
