"""GDPR and AI Act helpers: emotion redaction, the candidate's data export, retention.

- :func:`served_report` is the report as the API shows it. Where the deployment forbids
  coaching (``coaching`` not in ``IAL_ALLOWED_MODES``), and for every report made in
  recruitment mode, no emotion leaves the server: any key naming emotions is nulled
  (``nonverbal.emotions``, ``questions[].nonverbal.emotions``, ``meta.emotion_model``…),
  ``limits.emotions`` removed, and the non-verbal score part computed from facial
  expressions (``expression``) blanked, with a warning saying so. Reports are stored as
  the pipeline wrote them; the redaction happens when they are served or exported.
- :func:`build_export` writes a zip of everything held about one candidate (with the invitation
  and the recorded answers of a one-way interview); :func:`build_invitation_export` the same for
  an invitation not (yet) made into an interview.
- :func:`purge_expired` deletes interviews older than ``IAL_RETENTION_DAYS``, and invitations
  never made into an interview that long after their deadline.
- :func:`delete_interview` erases an interview, also while its analysis runs (the job is
  revoked; the worker kills the pipeline and removes what it wrote after the delete), with the
  invitation and the takes it was made of; :func:`delete_invitation` erases an invitation, its
  takes and that interview; :func:`sweep_orphans` removes any analysis folder, video or stored
  take with no row.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interview_ai_lab.report.notices import notice

from .models import AuditEvent, Demographics, Interview, Invitation, Take

logger = logging.getLogger(__name__)

#: The notice added to a coaching report served in recruitment mode (its sentences: notices.json of the catalogue).
REDACTED_NOTICE = notice("emotions_redacted")
REDACTED_WARNING = REDACTED_NOTICE["message"]


def emotions_allowed(report: dict[str, Any] | None) -> bool:
    """True when the report may show emotions: made in coaching mode on a deployment allowing coaching."""
    mode = ((report or {}).get("meta") or {}).get("mode")
    return mode == "coaching" and "coaching" in settings.IAL_ALLOWED_MODES


#: Keys holding inferred emotions (or the model inferring them), wherever they appear in a report.
_EMOTION_KEY = re.compile(r"^(dominant_)?emotions?(_(model|frames|timeline|distribution|scores?|enabled))?$")
#: Settings and timings, not data: ``meta.options.emotions`` (a flag), ``meta.stage_seconds.face_emotions_onnx``.
_NOT_DATA = {("meta", "options"), ("meta", "stage_seconds"), ("meta", "versions")}


def _null_emotions(value: Any) -> tuple[Any, bool]:
    """A copy of ``value`` with every emotion key nulled and expression score parts blanked; (copy, changed)."""
    changed = False

    def walk(v: Any, path: tuple[str, ...] = ()) -> Any:
        nonlocal changed
        if isinstance(v, list):
            return [walk(x, path) for x in v]
        if not isinstance(v, dict) or path in _NOT_DATA:
            return v
        out: dict[str, Any] = {}
        for k, x in v.items():
            if _EMOTION_KEY.match(k.lower()):
                if k == "emotions_enabled":
                    changed |= x not in (False, None)
                    out[k] = False
                else:
                    changed |= x is not None
                    out[k] = None
            elif k == "parts" and isinstance(x, list):
                parts = []
                for p in x:
                    if isinstance(p, dict) and p.get("name") == "expression" and p.get("value") is not None:
                        changed = True
                        p = {**p, "value": None, "points": None, "rule": "hidden: computed from facial expressions"}
                    parts.append(walk(p, path + (k,)))
                out[k] = parts
            else:
                out[k] = walk(x, path + (k,))
        return out

    return walk(value), changed


def served_report(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """The report as the API serves it (see the module docstring); the stored one is untouched.

    Its scores follow the current contract (:func:`interviews.served_scores.complete_report`: no
    total from a part not measured, even in a report stored before that rule).
    """
    from .served_scores import complete_report

    report = complete_report(report)
    if not isinstance(report, dict) or emotions_allowed(report):
        return report
    out, changed = _null_emotions(report)
    if isinstance(out.get("limits"), dict):
        out["limits"].pop("emotions", None)
    if changed:
        out.setdefault("meta", {})["emotions_redacted"] = True
        warnings = list(out.get("warnings") or [])
        if REDACTED_WARNING not in warnings:
            warnings.append(REDACTED_WARNING)
        out["warnings"] = warnings
        if isinstance(out.get("notices"), list):  # the reader's interface translates it by its code
            notices = [n for n in out["notices"] if not (isinstance(n, dict) and n.get("code") == "emotions_redacted")]
            out["notices"] = notices + [dict(REDACTED_NOTICE)]
    return out


# --------------------------------------------------------------------------- export (access request)


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def build_export(interview: Interview) -> BinaryIO:
    """A zip (temporary file, at position 0) of everything held about the interview's candidate.

    Holds ``interview.json`` (the interview's data, consent, assessment, questions,
    options, media facts), ``report.json`` (current report, as served), ``reports/v<N>.json``
    (every version), ``rubrics.json`` (every version of every question's rubric),
    ``demographics.json`` (the self-declared demographics, when declared),
    ``scorecards.json`` (every version of every person's scorecard), ``assessment_history.json``
    (the earlier versions of the deciders' notes), ``audit.json`` (the trail of this interview), ``video/<original name>`` and
    ``video/video_blurred.mp4`` when made, and ``README.txt``.
    """
    return _export_zip(
        "this candidate's interview",
        "interview.json  the interview: name, consent, options, questions, assessment and decision\n"
        "report.json     the current analysis report\nreports/        every version of the report\n"
        "rubrics.json    every version of the rubric of each question\n"
        "demographics.json  the self-declared demographics, when declared\n"
        "scorecards.json every version of each reviewer's ratings and notes on the answers\n"
        "assessment_history.json  the earlier versions of the deciders' notes\n"
        "audit.json      who viewed or changed what, and when\n"
        "video/          the uploaded video (and its face-blurred copy)\n"
        "invitation.json the invitation, when the interview was recorded from a link (its answers: video/answers/)\n"
        "\nThe scores assist a recruiter and never replace a human decision.\n",
        lambda z: _write_interview(z, interview))


def _export_zip(about: str, contents: str, write: Callable[[zipfile.ZipFile], None]) -> BinaryIO:
    """A zip (temporary file, at position 0): ``README.txt`` first, then what ``write`` puts in.

    Args:
        about: Whose data it holds ("this candidate's interview"), in README's first line.
        contents: The rest of README: what each file holds, one a line.
        write: Writes the files into the archive.
    """
    tmp = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", (f"Everything interview-ai-lab holds about {about}, exported on "
                                  f"{timezone.now():%Y-%m-%d %H:%M UTC}.\n\n{contents}").encode())
        write(z)
    tmp.seek(0)
    return tmp


def _write_audit(z: zipfile.ZipFile, events: Any) -> None:
    """``audit.json``: the audit events of the queryset ``events``, oldest first."""
    from .serializers import AuditEventSerializer

    z.writestr("audit.json", _json_bytes(AuditEventSerializer(events.order_by("created_at", "id"), many=True).data))


def _write_interview(z: zipfile.ZipFile, interview: Interview) -> None:
    """Everything of :func:`build_export` but ``README.txt``, into the archive."""
    from .serializers import InterviewDetailSerializer, RubricVersionSerializer

    data = dict(InterviewDetailSerializer(interview).data)
    data.update({"consent": interview.consent, "consent_at": interview.consent_at,
                 "consent_text": interview.consent_text, "consent_version": interview.consent_version,
                 "owner": interview.owner.username if interview.owner_id else None})
    z.writestr("interview.json", _json_bytes(data))
    z.writestr("report.json", _json_bytes(served_report(interview.report)))
    for rv in interview.report_versions.all():
        z.writestr(f"reports/v{rv.version}.json", _json_bytes({
            "version": rv.version, "created_at": rv.created_at, "options": rv.options,
            "report": served_report(rv.report)}))
    z.writestr("rubrics.json", _json_bytes(RubricVersionSerializer(
        interview.rubric_versions.order_by("question_index", "version"), many=True).data))
    demographics = Demographics.objects.filter(interview=interview).first()
    if demographics is not None:  # the candidate's own declaration is their data too
        z.writestr("demographics.json", _json_bytes({"categories": demographics.values,
                                                     "consent_at": demographics.consent_at}))
    _write_team_review(z, interview)
    _write_audit(z, AuditEvent.objects.filter(interview_id=interview.pk))
    _add_videos(z, interview)
    invitation = Invitation.objects.filter(interview=interview).first()
    if invitation is not None:
        _write_invitation(z, invitation)


def _write_team_review(z: zipfile.ZipFile, interview: Interview) -> None:
    """``scorecards.json`` (every version, oldest first) and ``assessment_history.json`` (newest first)."""
    from .serializers import AssessmentNoteSerializer

    z.writestr("scorecards.json", _json_bytes([
        {"reviewer": c.reviewer.username, "version": c.version, "submitted": c.submitted,
         "submitted_at": c.submitted_at, "created_at": c.created_at, "ratings": c.ratings, "notes": c.notes}
        for c in interview.scorecards.select_related("reviewer").order_by("reviewer__username", "version")]))
    z.writestr("assessment_history.json", _json_bytes(AssessmentNoteSerializer(
        interview.assessment_notes.select_related("author").order_by("-created_at", "-id"), many=True).data))


def _invitation_data(invitation: Invitation) -> dict[str, Any]:
    return {"candidate_name": invitation.candidate_name, "email": invitation.email, "language": invitation.language,
            "position": str(invitation.position_id), "state": invitation.state, "deadline": invitation.deadline,
            "created_at": invitation.created_at, "link_made_at": invitation.link_made_at,
            "email_sent_at": invitation.email_sent_at, "opened_at": invitation.opened_at,
            "consent_at": invitation.consent_at, "consent_text": invitation.consent_text,
            "consent_version": invitation.consent_version, "submitted_at": invitation.submitted_at,
            "revoked_at": invitation.revoked_at,
            "takes": [{"question_index": t.question_index, "number": t.number, "state": t.state, "error": t.error,
                       "duration_sec": t.duration_sec, "chosen": t.chosen, "bytes_received": t.upload_offset,
                       "bytes_announced": t.upload_length, "content_type": t.content_type,
                       "created_at": t.created_at, "completed_at": t.completed_at}
                      for t in invitation.takes.order_by("question_index", "number")]}


def _write_invitation(z: zipfile.ZipFile, invitation: Invitation) -> None:
    """Write ``invitation.json`` and every stored recording (``video/answers/q<n>-take<k>.<ext>``) into ``z``.

    The recordings are read through the storage API (the disk or the bucket).
    """
    z.writestr("invitation.json", _json_bytes(_invitation_data(invitation)))
    for take in invitation.takes.exclude(file="").order_by("question_index", "number"):
        ext = os.path.splitext(take.file.name)[1] or ".bin"
        arcname = f"video/answers/q{take.question_index}-take{take.number}{ext}"
        try:
            with take.file.open("rb") as src, z.open(zipfile.ZipInfo(arcname, time.gmtime()[:6]), "w",
                                                     force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
        except OSError as e:  # a file gone from the storage: the archive says what is known of it
            logger.warning("export: take %s could not be read: %s", take.pk, e)


def build_invitation_export(invitation: Invitation) -> BinaryIO:
    """A zip of everything held about an invitation's candidate (the interview's export once it exists).

    It holds ``invitation.json``, the recordings, ``audit.json`` and ``README.txt``.
    """
    if invitation.interview is not None:
        return build_export(invitation.interview)

    def write(z: zipfile.ZipFile) -> None:
        _write_invitation(z, invitation)
        _write_audit(z, AuditEvent.objects.filter(details__invitation=str(invitation.pk)))

    return _export_zip(
        "this candidate's invitation to a one-way interview",
        "invitation.json  the invitation: name, e-mail, deadline, consent, and each recording made\n"
        "video/answers/   the recordings\naudit.json       what was done with the invitation, and when\n",
        write)


def _add_videos(z: zipfile.ZipFile, interview: Interview) -> None:
    """The upload as ``video/<original name>`` and the blurred copy when made, from the disk or the bucket."""
    from . import stored_media

    video_name = interview.video.name if interview.video else ""
    shown = _safe_name(interview.original_filename) or Path(video_name).name
    if stored_media.in_bucket():  # streamed from the bucket into the archive, a chunk at a time
        for name, arcname in ((video_name, f"video/{shown}"),
                              (stored_media.blurred_name(interview.pk), "video/video_blurred.mp4")):
            if name and stored_media.exists(name):
                with z.open(zipfile.ZipInfo(arcname, time.gmtime()[:6]), "w", force_zip64=True) as out:
                    for chunk in stored_media.read_all(name):
                        out.write(chunk)
        return
    try:
        video = interview.video_path()
    except ValueError:
        video = None
    if video is not None and video.is_file():
        z.write(video, f"video/{shown}", compress_type=zipfile.ZIP_STORED)
    blurred = interview.blurred_video_path()
    if blurred.is_file():
        z.write(blurred, "video/video_blurred.mp4", compress_type=zipfile.ZIP_STORED)


def _safe_name(name: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in (name or "").split("/")[-1].split("\\")[-1])
    return keep.strip(" .")[:120]


# --------------------------------------------------------------------------- deletion and retention


def delete_interview(interview: Interview, *, user: Any = None, action: str = AuditEvent.Action.DELETE,
                     details: dict[str, Any] | None = None) -> None:
    """Delete the interview and everything of it: row, report versions, rubrics, scorecards, video, analyses.

    Everything: the scorecards (every version), the earlier notes, the blurred video too.
    The audit trail stays (it holds no personal data of the candidate) and gains a
    ``delete`` event (with how many report versions, scorecard versions and earlier notes and
    whether a blurred copy were erased, plus ``details``), or the ``action`` given with ``details`` (``expire``). After the
    commit, a queued analysis is revoked and the files are removed. A running job sees
    the row gone within about a second: its worker kills the process group and removes
    the files again once it died (what a stage wrote after this delete);
    :func:`sweep_orphans` is the backstop.
    """
    from . import audit
    from .erasure import remove_interview_files

    pk = interview.pk
    if action == AuditEvent.Action.DELETE:
        details = {"report_versions": interview.report_versions.count(),
                   "blurred_video": interview.blur_status == Interview.BlurStatus.DONE,
                   "scorecards": interview.scorecards.count(), "assessment_notes": interview.assessment_notes.count(),
                   **(details or {})}
    task_id = interview.task_id if interview.job_active else ""
    invitation = Invitation.objects.filter(interview_id=pk).first()
    with transaction.atomic():
        if invitation is not None:  # the one-way interview's invitation and recorded takes go with it
            _erase_invitation(invitation, user=user, action=AuditEvent.Action.INVITE_EXPIRE
                              if action == AuditEvent.Action.EXPIRE else AuditEvent.Action.INVITE_DELETE,
                              details={"with_interview": True})
        Interview.objects.filter(pk=pk).delete()  # cascades: ReportVersion, RubricVersion, Scorecard, AssessmentNote
        audit.record(action, interview_id=pk, user=user, details=details or {})
        transaction.on_commit(lambda: (remove_interview_files(interview), revoke_job(task_id)))


def _erase_invitation(invitation: Invitation, *, user: Any, action: str, details: dict[str, Any]) -> None:
    """Delete the invitation's row and takes (their stored files after the commit), audited; not its interview."""
    from . import audit
    from .takes import delete_take_files

    takes = list(invitation.takes.all())
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).delete()  # cascades: Take
        audit.record(action, interview_id=invitation.interview_id, user=user, details={
            "invitation": str(invitation.pk), "position": str(invitation.position_id), "takes": len(takes),
            "state": invitation.state, **details})
        transaction.on_commit(lambda: [delete_take_files(t) for t in takes])


def delete_invitation(invitation: Invitation, *, user: Any = None, action: str = AuditEvent.Action.INVITE_DELETE,
                      details: dict[str, Any] | None = None) -> None:
    """Delete an invitation, every take recorded with it (rows and stored files) and the interview made of them.

    The audit trail keeps an ``invite_delete`` event (or ``action``: ``invite_expire``) with the
    number of takes, never the candidate's name or address.
    """
    interview = Interview.objects.filter(pk=invitation.interview_id).first() if invitation.interview_id else None
    if interview is not None:
        delete_interview(interview, user=user, action=AuditEvent.Action.EXPIRE if action ==
                         AuditEvent.Action.INVITE_EXPIRE else AuditEvent.Action.DELETE, details=details)
    else:
        _erase_invitation(invitation, user=user, action=action, details=details or {})


def revoke_job(task_id: str) -> None:
    """Revoke the Celery task ``task_id`` (a queued message is then dropped by every worker); never raises.

    A running task is not terminated by Celery: it stops itself (see ``interviews.tasks``),
    so the worker that ran it removes what its pipeline wrote.
    """
    if not task_id:
        return
    try:
        from interview_ai_lab_web.celery import app

        app.control.revoke(task_id)
    except Exception as e:  # broker down: a late message finds no row and is skipped anyway
        logger.warning("could not revoke task %s: %s", task_id, e)


def _age_sec(path: Path, now: float) -> float:
    try:
        return now - path.lstat().st_mtime
    except OSError:
        return 0.0


def sweep_orphans(*, min_age_sec: float | None = None) -> list[str]:
    """Remove what ``MEDIA_ROOT`` holds of interviews that no longer exist; return the paths removed (relative).

    - ``analyses/<uuid>/`` with no interview row of that id (a folder is only ever made
      by a job of an existing interview, so no age is needed);
    - files under ``videos/`` that no interview's ``video`` names, last modified more
      than ``min_age_sec`` ago (default ``IAL_ORPHAN_MIN_AGE_SEC``: an upload being
      saved is not yet committed), and then-empty date folders.

    Symbolic links are never followed (a link is removed as a link, or left alone), and
    nothing outside ``analyses/`` and ``videos/`` of ``MEDIA_ROOT`` is touched; names that
    are not an interview's UUID are left alone. With the media in a bucket, the same rules
    apply to its objects (a "folder" is the prefix ``analyses/<id>/``; an object's date is
    when it was written).
    """
    from . import stored_media
    from .erasure import remove_tree

    min_age = settings.IAL_ORPHAN_MIN_AGE_SEC if min_age_sec is None else min_age_sec
    if stored_media.in_bucket():
        return _sweep_bucket_orphans(min_age) + _sweep_orphan_takes(min_age)
    root = Path(settings.MEDIA_ROOT)
    removed: list[str] = []
    now = time.time()

    analyses, videos = root / "analyses", root / "videos"
    for top in (analyses, videos):
        if top.is_symlink():
            logger.warning("orphan sweep: %s is a symbolic link, not followed (nothing removed there)", top)
    if analyses.is_dir() and not analyses.is_symlink():
        names: dict[uuid.UUID, Path] = {}
        with os.scandir(analyses) as it:
            for entry in it:
                try:
                    key = uuid.UUID(entry.name)
                except ValueError:
                    continue
                if str(key) == entry.name:
                    names[key] = Path(entry.path)
        known = set(Interview.objects.filter(pk__in=list(names)).values_list("pk", flat=True))
        for key, path in names.items():
            if key not in known and remove_tree(path):
                removed.append(f"analyses/{path.name}")

    if videos.is_dir() and not videos.is_symlink():
        referenced = {os.path.normpath(n) for n in Interview.objects.exclude(video="").values_list("video", flat=True)}
        for dirpath, dirnames, filenames in os.walk(videos, topdown=False, followlinks=False):
            here = Path(dirpath)
            for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:  # links to folders too
                path = here / name
                rel = os.path.normpath(path.relative_to(root).as_posix())
                if rel not in referenced and _age_sec(path, now) > min_age:
                    path.unlink(missing_ok=True)
                    removed.append(rel)
            if here != videos and not any(here.iterdir()) and _age_sec(here, now) > min_age:
                try:
                    here.rmdir()
                except OSError:  # an upload arrived meanwhile
                    pass
    removed += _sweep_orphan_takes(min_age)
    if removed:
        logger.warning("orphan sweep: removed %d item(s) with no interview: %s", len(removed), ", ".join(removed[:20]))
    return removed


def _stored_names(folder: str) -> list[str]:
    """Every file below ``folder`` of the default storage (their names), through the storage API."""
    from django.core.files.storage import default_storage

    try:
        dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = [f"{folder}/{f}" for f in files]
    for d in dirs:
        names += _stored_names(f"{folder}/{d}")
    return names


def _sweep_orphan_takes(min_age: float) -> list[str]:
    """Stored recordings and chunks under ``takes/`` that no take names, older than ``min_age`` seconds."""
    from django.core.files.storage import default_storage

    names = _stored_names("takes")
    if not names:
        return []
    referenced = set(Take.objects.exclude(file="").values_list("file", flat=True))
    for parts in Take.objects.exclude(parts=[]).values_list("parts", flat=True):
        referenced.update(p["name"] for p in parts or [])
    removed = []
    now = timezone.now()
    for name in names:
        if name in referenced:
            continue
        try:
            age = (now - default_storage.get_modified_time(name)).total_seconds()
        except (OSError, NotImplementedError):
            continue
        if age > min_age:
            default_storage.delete(name)
            removed.append(name)
    if removed:
        logger.warning("orphan sweep: removed %d stored take file(s) with no take", len(removed))
    return removed


def _sweep_bucket_orphans(min_age: float) -> list[str]:
    """:func:`sweep_orphans` on the media bucket: the same two rules, on object names and dates."""
    from . import stored_media

    removed: list[str] = []
    folders: dict[uuid.UUID, str] = {}
    for obj in stored_media.list_objects("analyses/"):
        first = obj.name[len("analyses/"):].split("/", 1)[0]
        try:
            key = uuid.UUID(first)
        except ValueError:
            continue
        if str(key) == first:
            folders[key] = f"analyses/{first}/"
    known = set(Interview.objects.filter(pk__in=list(folders)).values_list("pk", flat=True))
    for key, prefix in folders.items():
        if key not in known:
            stored_media.delete_prefix(prefix)
            removed.append(prefix.rstrip("/"))
    referenced = {os.path.normpath(n) for n in Interview.objects.exclude(video="").values_list("video", flat=True)}
    now = timezone.now()
    for obj in stored_media.list_objects("videos/"):
        if os.path.normpath(obj.name) not in referenced and (now - obj.modified).total_seconds() > min_age:
            stored_media.delete(obj.name)
            removed.append(obj.name)
    if removed:
        logger.warning("orphan sweep: removed %d item(s) with no interview from the bucket: %s", len(removed),
                       ", ".join(removed[:20]))
    return removed


def purge_expired(now=None) -> list[str]:
    """Delete interviews uploaded more than their retention ago; return their ids.

    The retention is the interview's own ``retention_days`` (a position's), else
    ``IAL_RETENTION_DAYS``; 0 keeps it until deleted by hand.
    """
    days = settings.IAL_RETENTION_DAYS
    now = now or timezone.now()
    gone: list[str] = []
    expired: list[tuple[Interview, int]] = []
    if days > 0:
        cutoff = now - timedelta(days=days)
        expired += [(i, days) for i in Interview.objects.filter(retention_days__isnull=True, created_at__lt=cutoff)
                    .only("id", "video", "created_at")]
    for interview in Interview.objects.filter(retention_days__gt=0).only("id", "video", "created_at",
                                                                         "retention_days"):
        if interview.created_at < now - timedelta(days=interview.retention_days):
            expired.append((interview, interview.retention_days))
    for interview, kept in expired:
        age = (now - interview.created_at).days
        delete_interview(interview, action=AuditEvent.Action.EXPIRE,
                         details={"retention_days": kept, "age_days": age})
        gone.append(str(interview.pk))
    if gone:
        logger.info("retention: deleted %d interviews past their retention period", len(gone))
    return gone + purge_expired_invitations(now)


def purge_expired_invitations(now=None) -> list[str]:
    """Delete the invitations never made into an interview once their retention is over; return their ids.

    The retention runs from their deadline (or from their submission, when later). It is the position's, else
    ``IAL_RETENTION_DAYS`` (days); 0 keeps them until deleted by hand. An invitation made into an interview goes
    with it.
    """
    now = now or timezone.now()
    gone: list[str] = []
    for invitation in Invitation.objects.filter(interview__isnull=True).select_related("position"):
        days = invitation.position.retention_days
        days = settings.IAL_RETENTION_DAYS if days is None else days
        if days <= 0:
            continue
        since = max(invitation.deadline, invitation.submitted_at or invitation.deadline)
        if since + timedelta(days=days) < now:
            delete_invitation(invitation, action=AuditEvent.Action.INVITE_EXPIRE, details={"retention_days": days})
            gone.append(str(invitation.pk))
    if gone:
        logger.info("retention: deleted %d invitations past their retention period", len(gone))
    return gone
