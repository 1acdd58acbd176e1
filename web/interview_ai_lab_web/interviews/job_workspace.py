"""The folder a job's command reads its video from and writes into: ``MEDIA_ROOT`` itself, or a scratch copy.

With the media on the local disk (one machine, or a filesystem every host mounts) the
command runs on ``MEDIA_ROOT/videos/…`` and writes ``MEDIA_ROOT/analyses/<id>/`` as always.
With the media in a bucket (:mod:`interviews.stored_media`), each job gets a folder of its
own under ``IAL_SCRATCH_DIR`` (this host's disk): the video and what the bucket already holds
of ``analyses/<id>/`` (so unchanged stages are reused) are fetched into it, the command runs
there, :meth:`Workspace.put_back` puts the new or changed files back, and the folder is
removed when the job ends, however it ends. A worker killed before it could remove its
folder leaves it behind; :func:`sweep_scratch` (at every worker start) removes the folders
of processes of this host that no longer run.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from . import stored_media
from .erasure import remove_tree
from .models import Interview
from .workers import process_alive

logger = logging.getLogger(__name__)

#: Name of a job's scratch folder: ``job-<pid>-<interview id>`` (the pid says whether its owner still runs).
SCRATCH_PREFIX = "job-"


@dataclass
class Workspace:
    """Where one run of a job reads and writes.

    Attributes:
        interview_id: The interview.
        video: The video the command reads (None: the upload is missing).
        outdir: The folder the command writes.
        scratch: The job's own scratch folder (removed at the end), or None on the local disk.
        fetched: ``{relative name: (size, mtime_ns)}`` of the files fetched from the bucket.
    """

    interview_id: str
    video: Path | None
    outdir: Path
    scratch: Path | None = None
    fetched: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def remote(self) -> bool:
        """True when the files live in a bucket and this is a scratch copy."""
        return self.scratch is not None

    def shown_paths(self) -> dict[str, str]:
        """Local paths of this run → the names the API may show (``analyses/<id>/…``, the video's name)."""
        if not self.remote:
            return {str(Path(settings.MEDIA_ROOT)) + os.sep: ""}
        shown = {str(self.outdir) + os.sep: stored_media.analysis_prefix(self.interview_id)}
        if self.video is not None:
            shown[str(self.video)] = self.video.name
        shown[str(self.scratch) + os.sep] = ""
        return shown

    def put_back(self) -> list[str]:
        """Put the files the run wrote or changed into ``analyses/<id>/`` of the bucket; return the names put.

        The files the run removed are deleted there too. Nothing to do on the local disk.

        Temporary files of an interrupted atomic write (``.name.*.tmp*``) are left out.
        """
        if not self.remote:
            return []
        prefix = stored_media.analysis_prefix(self.interview_id)
        put: list[str] = []
        present: set[str] = set()
        for path in sorted(p for p in self.outdir.rglob("*") if p.is_file() and not p.is_symlink()):
            rel = path.relative_to(self.outdir).as_posix()
            if path.name.startswith(".") or ".tmp" in path.name:
                continue
            present.add(rel)
            st = path.stat()
            if self.fetched.get(rel) == (st.st_size, st.st_mtime_ns):
                continue  # unchanged since it was fetched
            stored_media.upload(path, prefix + rel)
            put.append(prefix + rel)
        for rel in sorted(set(self.fetched) - present):
            stored_media.delete(prefix + rel)
        logger.info("interview %s: %d file(s) put back into the bucket", self.interview_id, len(put))
        return put


@contextmanager
def open_workspace(interview: Interview, *, keep_alive: Callable[[], Any] | None = None,
                   keep_alive_sec: float = 10.0) -> Iterator[Workspace]:
    """The workspace of one run of a job on ``interview`` (see the module docstring).

    Args:
        interview: The interview (its ``video`` names the upload).
        keep_alive: Called every ``keep_alive_sec`` seconds, from another thread, while files are
            fetched (the job's heartbeat: a large video takes a while).
        keep_alive_sec: Seconds between ``keep_alive`` calls.
    """
    interview_id = str(interview.pk)
    if not stored_media.in_bucket():
        try:
            video = interview.video_path()
        except ValueError:
            logger.error("interview %s: refusing a video outside MEDIA_ROOT", interview_id)
            video = None
        yield Workspace(interview_id, video if video is not None and video.is_file() else None,
                        interview.analysis_dir())
        return
    scratch = Path(settings.IAL_SCRATCH_DIR) / f"{SCRATCH_PREFIX}{os.getpid()}-{interview_id}"
    remove_tree(scratch)  # a folder of an earlier run of this process
    try:
        outdir = scratch / "analysis"
        outdir.mkdir(parents=True)
        with _beating(keep_alive, keep_alive_sec):
            name = interview.video.name if interview.video else ""
            video = scratch / Path(name).name if name else None
            if video is not None and not stored_media.download(name, video):
                video = None
            fetched = stored_media.download_prefix(stored_media.analysis_prefix(interview_id), outdir)
        logger.info("interview %s: fetched the video and %d stored file(s) into %s", interview_id, len(fetched),
                    scratch)
        yield Workspace(interview_id, video, outdir, scratch, fetched)
    finally:
        if remove_tree(scratch):
            logger.debug("interview %s: scratch folder removed", interview_id)


@contextmanager
def _beating(keep_alive: Callable[[], Any] | None, every: float) -> Iterator[None]:
    """Call ``keep_alive`` every ``every`` seconds from a thread of its own while the block runs."""
    if keep_alive is None:
        yield
        return
    stop = threading.Event()

    def loop() -> None:
        from django.db import connection

        try:
            while not stop.wait(every):
                try:
                    keep_alive()
                except Exception:  # the next beat tries again; the job's own checks decide
                    logger.exception("heartbeat during a transfer failed")
        finally:
            connection.close()  # this thread's own database connection

    thread = threading.Thread(target=loop, name="ial-transfer-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


def sweep_scratch() -> list[str]:
    """Remove the scratch folders of processes of this host that no longer run; return their names.

    Run when a worker starts: a worker killed mid-job (``kill -9``, out of memory) could not
    remove its job's folder.
    """
    root = Path(settings.IAL_SCRATCH_DIR)
    removed: list[str] = []
    if not root.is_dir():
        return removed
    for entry in root.iterdir():
        if not entry.name.startswith(SCRATCH_PREFIX):
            continue
        pid = entry.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)) and remove_tree(entry):
            removed.append(entry.name)
    if removed:
        logger.warning("scratch: removed %d folder(s) of stopped workers: %s", len(removed), ", ".join(removed))
    return removed
