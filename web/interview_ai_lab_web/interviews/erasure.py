"""Removing an interview's files: the stored video and its analysis folder, also while a job still writes there.

The files are on the local disk (``MEDIA_ROOT``) or in a bucket (:mod:`interviews.stored_media`);
both are erased the same way, when the row is deleted and again once a running job stopped.

:func:`interviews.privacy.delete_interview` calls :func:`remove_interview_files` once the row is
gone; a job whose interview was deleted while it ran calls :func:`erase_deleted_interview`
once its process group is dead, so nothing a stage wrote after the delete survives.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from . import stored_media
from .models import Interview

logger = logging.getLogger(__name__)


def remove_tree(path: Path, *, tries: int = 5) -> bool:
    """Remove ``path`` (a folder, a file or a symbolic link — never what a link points to); True once it is gone.

    A folder still being written to (a file created while it is removed) is removed
    again, up to ``tries`` times, 0.2 s apart.
    """
    for attempt in range(tries):
        if not os.path.lexists(path):
            return True
        try:
            if path.is_symlink() or not path.is_dir():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path)  # (fd-based on Linux: never follows a link inside the tree)
        except FileNotFoundError:
            pass
        except OSError as e:
            logger.debug("removing %s (try %d): %s", path, attempt + 1, e)
            time.sleep(0.2)
    gone = not os.path.lexists(path)
    if not gone:
        logger.error("could not remove %s", path)
    return gone


def remove_interview_files(interview: Interview) -> bool:
    """Delete the stored video and the analysis folder of ``interview`` (missing ones are fine); True when gone.

    In a bucket (:mod:`interviews.stored_media`): the video's object and every object under
    ``analyses/<id>/``, then the prefix is listed again to say whether it is empty.
    """
    if stored_media.in_bucket():
        return _remove_stored_files(interview)
    try:
        path = interview.video_path()
    except ValueError:
        logger.error("interview %s: refusing to delete a video outside MEDIA_ROOT", interview.pk)
        path = None
    gone = True
    if path is not None:
        gone = remove_tree(path)
    return remove_tree(interview.analysis_dir()) and gone


def _remove_stored_files(interview: Interview) -> bool:
    prefix = stored_media.analysis_prefix(interview.pk)
    name = interview.video.name if interview.video else ""
    try:
        if name:
            stored_media.delete(name)
        stored_media.delete_prefix(prefix)
        gone = not stored_media.list_objects(prefix) and not (name and stored_media.exists(name))
    except Exception:  # the bucket is unreachable: the orphan sweep removes them later
        logger.exception("interview %s: could not remove its files from the bucket", interview.pk)
        return False
    if not gone:
        logger.error("interview %s: files left in the bucket after the delete", interview.pk)
    return gone


def erase_deleted_interview(interview: Interview, *, recheck_sec: float = 1.0) -> bool:
    """Remove the files of an interview whose row is gone, once its pipeline has stopped, then look again.

    Called by the worker after the process group of the job is dead: what a stage
    wrote after the DELETE is removed, and ``recheck_sec`` later the folder is checked
    (and removed) once more. True when nothing is left.
    """
    remove_interview_files(interview)
    time.sleep(recheck_sec)
    gone = remove_interview_files(interview)
    logger.info("interview %s: deleted while its job ran; files %s", interview.pk, "erased" if gone else "NOT erased")
    return gone


def interview_exists(interview_id: Any) -> bool:
    """True while the interview's row exists (a cheap ``SELECT … LIMIT 1``)."""
    return Interview.objects.filter(pk=interview_id).exists()
