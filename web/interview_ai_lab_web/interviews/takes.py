"""A recorded answer (:class:`~interviews.models.Take`): its stored chunks, their end as one file, its check.

The chunks of an upload (:mod:`interviews.tus`) are stored through Django's storage API
(``default_storage``: the local disk, or a bucket), one object a chunk, since an object store
cannot append; once the last byte arrived they are put together into the take's ``file`` (a
scratch copy on this machine is probed with ffprobe, then removed) and checked:

- a readable audio/video file (``not_a_video``), with sound or picture (``no_streams``);
- of a type a browser records (``unsupported_type``: ``video/*`` or ``audio/*``);
- no longer than the position's answer time plus ``IAL_TAKE_TOLERANCE_SEC`` (``too_long``);
- not empty (``empty``). The size was checked when the upload was made (``IAL_TAKE_MAX_MB``).

A take that fails keeps its bytes (the recruiter sees why, the candidate may record again while
takes remain). A browser's recording written as a stream (WebM without duration or index) is
read from its packets' timestamps (:func:`interview_ai_lab.media.ffmpeg.probe`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from .models import Take

logger = logging.getLogger(__name__)

#: Extension of the stored file by the type the browser recorded (the content decides, not the name).
EXTENSIONS = {"video/webm": "webm", "audio/webm": "webm", "video/mp4": "mp4", "audio/mp4": "m4a",
              "video/x-matroska": "mkv", "video/quicktime": "mov", "audio/ogg": "ogg"}


def part_prefix(take: Take) -> str:
    """Storage folder of a take's chunks: ``takes/<invitation>/<take>/``."""
    return f"takes/{uuid.UUID(str(take.invitation_id))}/{uuid.UUID(str(take.id))}/"


def store_part(take: Take, offset: int, data: bytes) -> str:
    """Store one chunk of ``take`` starting at byte ``offset``; its storage name (random suffix: never overwrites)."""
    name = f"{part_prefix(take)}{offset:015d}-{uuid.uuid4().hex[:8]}.part"
    return default_storage.save(name, ContentFile(data))


def delete_names(names: list[str]) -> None:
    """Delete these stored objects, and on the local disk the folders they leave empty (a bucket has no folders).

    Missing objects are fine; a failure is logged, and the orphan sweep retries.
    """
    for name in names:
        try:
            default_storage.delete(name)
        except Exception as e:
            logger.warning("could not delete %s: %s", name, e)
    if isinstance(default_storage, FileSystemStorage):
        for folder in sorted({os.path.dirname(n) for n in names if n.startswith("takes/")}, reverse=True):
            while folder.count("/") >= 1:  # takes/<invitation>/<take>, then takes/<invitation>
                try:
                    os.rmdir(default_storage.path(folder))
                except OSError:  # not empty, or gone
                    break
                folder = os.path.dirname(folder)


def delete_take_files(take: Take) -> None:
    """Delete everything stored of a take: its chunks and its file."""
    delete_names([p["name"] for p in take.parts or []] + ([take.file.name] if take.file else []))


def _joined_to(take: Take, path: Path) -> int:
    """Write the take's chunks, in order, to ``path``; the bytes written."""
    total = 0
    with open(path, "wb") as out:
        for part in sorted(take.parts or [], key=lambda p: int(p["offset"])):
            if int(part["offset"]) != total:
                raise ValueError(f"chunk at byte {part['offset']} does not follow byte {total}")
            with default_storage.open(part["name"], "rb") as f:
                shutil.copyfileobj(f, out, 256 * 1024)
            total += int(part["size"])
    return total


def check(info: dict[str, Any] | None, *, content_type: str, answer_time_sec: int) -> str:
    """The code of why a recording cannot be used, or "" when it can (see the module docstring).

    >>> check({"duration_sec": 30.0, "has_audio": True, "has_video": True}, content_type="video/webm",
    ...       answer_time_sec=60)
    ''
    >>> check({"duration_sec": 90.0, "has_audio": True, "has_video": True}, content_type="video/webm",
    ...       answer_time_sec=60)
    'too_long'
    >>> check({"duration_sec": 9.0, "has_audio": True, "has_video": True}, content_type="text/html",
    ...       answer_time_sec=60)
    'unsupported_type'
    """
    base = content_type.split(";")[0].strip().lower()
    if base and not base.startswith(("video/", "audio/")):
        return "unsupported_type"
    if info is None:
        return "not_a_video"
    if not info.get("has_audio") and not info.get("has_video"):
        return "no_streams"
    duration = float(info.get("duration_sec") or 0.0)
    if duration <= 0:
        return "not_a_video"
    if duration > answer_time_sec + settings.IAL_TAKE_TOLERANCE_SEC:
        return "too_long"
    return ""


def finish_upload(take: Take) -> list[str]:
    """Put the complete take's chunks together into its file, check it, and set the result (the row is not saved).

    Sets ``file`` (stored), ``state`` (``received`` or ``failed``), ``error``, ``duration_sec``,
    ``media_info``, ``completed_at`` and clears ``parts``. Nothing is lost: a file that fails the
    check is kept. Returns the chunks' names, for the caller to delete once the row is saved.
    """
    from interview_ai_lab.media.ffmpeg import probe
    from interview_ai_lab.runtime.errors import AnalysisError

    scratch = Path(tempfile.mkdtemp(prefix="ial-take-"))
    try:
        joined = scratch / "take.bin"
        size = _joined_to(take, joined)
        info: dict[str, Any] | None = None
        if size == 0:
            error = "empty"
        else:
            try:
                info = probe(joined).as_dict()
            except AnalysisError as e:
                logger.info("take %s is not a readable recording: %s", take.pk, e)
            error = check(info, content_type=take.content_type,
                          answer_time_sec=take.invitation.position.answer_time_sec)
        ext = EXTENSIONS.get(take.content_type.split(";")[0].strip().lower(), "bin")
        with open(joined, "rb") as f:
            take.file.save(f"take.{ext}", File(f), save=False)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    old_parts = [p["name"] for p in take.parts or []]
    take.parts = []
    take.media_info = info
    take.duration_sec = round(float(info["duration_sec"]), 3) if info and info.get("duration_sec") else None
    take.error = error
    take.state = Take.State.FAILED if error else Take.State.RECEIVED
    take.completed_at = timezone.now()
    logger.info("take %s of invitation %s: %s (%s s, %d bytes)%s", take.pk, take.invitation_id, take.state,
                take.duration_sec, size, f": {error}" if error else "")
    return old_parts


def local_copy(take: Take, folder: Path) -> Path:
    """Copy the take's file into ``folder`` (a scratch folder of the caller's); its path there."""
    ext = os.path.splitext(take.file.name)[1] or ".bin"
    path = folder / f"q{take.question_index:03d}{ext}"
    with take.file.open("rb") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
    return path
