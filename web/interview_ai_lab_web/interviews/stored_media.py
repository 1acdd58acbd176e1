"""Where an interview's media live: the local ``MEDIA_ROOT`` (one machine) or an S3-compatible bucket (many hosts).

``IAL_MEDIA_STORAGE`` picks Django's default storage (``settings.STORAGES["default"]``):
``FileSystemStorage`` under ``MEDIA_ROOT``, or django-storages' ``S3Storage``. The names are the
same in both: ``videos/YYYY/MM/DD/<uuid>.<ext>`` (the upload) and ``analyses/<id>/…`` (what a
job keeps: per-stage artefacts, ``report.json``, ``video_blurred.mp4``). Uploads go through
the storage API (``Interview.video`` is a ``FileField``), so they land wherever it points.

The functions below are what the services need of a bucket beyond the storage API: listing a
prefix with sizes and dates, deleting a prefix, a byte range, copying an object to a local
file and back (keeping the local file's modification time, which the pipeline's
fingerprints of large files read), streaming an object, a signed URL. Objects are read with
the storage's own credentials; the bucket stays private (no ACL is ever set).
"""

from __future__ import annotations

import logging
import mimetypes
import os
import posixpath
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages

logger = logging.getLogger(__name__)

#: Object metadata holding a put-back file's modification time (ns), restored when it is fetched again.
MTIME_META = "mtime-ns"

#: Bytes read from an object at a time while streaming it.
CHUNK_BYTES = 256 * 1024


def media_storage() -> Storage:
    """Django's default storage (``STORAGES["default"]``; a changed setting gives the new one)."""
    return storages["default"]


def in_bucket() -> bool:
    """True when the media are in a bucket (not the local ``MEDIA_ROOT``)."""
    return not isinstance(media_storage(), FileSystemStorage)


def analysis_prefix(interview_id: Any) -> str:
    """``analyses/<id>/``: where the files a job keeps are stored (built from the UUID only)."""
    return f"analyses/{uuid.UUID(str(interview_id))}/"


def blurred_name(interview_id: Any) -> str:
    """``analyses/<id>/video_blurred.mp4``, the face-blurred copy."""
    return analysis_prefix(interview_id) + "video_blurred.mp4"


@dataclass(frozen=True)
class MediaFile:
    """One stored file of an interview, wherever it is.

    Attributes:
        name: Its storage name (``videos/…``, ``analyses/<id>/…``).
        path: The local file (``MEDIA_ROOT``), or None when it is an object of the bucket.
    """

    name: str
    path: Path | None = None

    @property
    def basename(self) -> str:
        """The last part of the name (``<uuid>.mp4``)."""
        return posixpath.basename(self.name)


@dataclass(frozen=True)
class StoredObject:
    """An object of the bucket as a listing gives it.

    Attributes:
        name: Its storage name (without the storage's ``location`` prefix).
        size: Bytes.
        modified: When it was last written (aware datetime).
    """

    name: str
    size: int
    modified: datetime


def _bucket_storage() -> Any:
    storage = media_storage()
    if not hasattr(storage, "bucket"):
        raise TypeError(f"{type(storage).__name__} is not an S3 storage")
    return storage


def _key(storage: Any, name: str) -> str:
    """The object key of storage name ``name`` (under the storage's ``location``; never outside it)."""
    clean = posixpath.normpath(name.replace("\\", "/")).lstrip("/")
    if clean.startswith("..") or clean == ".":
        raise ValueError(f"not a media name: {name!r}")
    if name.endswith("/"):
        clean += "/"
    location = (storage.location or "").strip("/")
    return f"{location}/{clean}" if location else clean


def _name(storage: Any, key: str) -> str:
    location = (storage.location or "").strip("/")
    return key[len(location) + 1:] if location and key.startswith(location + "/") else key


def list_objects(prefix: str) -> list[StoredObject]:
    """Every object of the bucket whose name starts with ``prefix`` (``analyses/``, ``videos/``…)."""
    storage = _bucket_storage()
    return [StoredObject(_name(storage, o.key), int(o.size), o.last_modified)
            for o in storage.bucket.objects.filter(Prefix=_key(storage, prefix))]


def delete_prefix(prefix: str) -> int:
    """Delete every object whose name starts with ``prefix`` (which must end with ``/``); return how many."""
    if not prefix.endswith("/"):
        raise ValueError(f"a prefix ends with '/': {prefix!r}")
    storage = _bucket_storage()
    deleted = 0
    for batch in storage.bucket.objects.filter(Prefix=_key(storage, prefix)).delete():
        deleted += len(batch.get("Deleted", []))
        for err in batch.get("Errors", []):
            logger.error("could not delete %s from the bucket: %s", err.get("Key"), err.get("Code"))
    return deleted


def delete(name: str) -> None:
    """Delete one object (a missing one is fine)."""
    media_storage().delete(name)


def exists(name: str) -> bool:
    """True when the object exists."""
    return media_storage().exists(name)


def size(name: str) -> int:
    """Bytes of the object (``FileNotFoundError`` when missing)."""
    return media_storage().size(name)


def download(name: str, dest: Path) -> bool:
    """Copy object ``name`` to the local file ``dest``; False when there is no such object.

    ``dest``'s modification time becomes the one recorded when the file was put back
    (:func:`upload`), else the object's date, so the pipeline's fingerprint of a large file
    (size + time) is the same each time the file is fetched.
    """
    from botocore.exceptions import ClientError

    storage = _bucket_storage()
    obj = storage.bucket.Object(_key(storage, name))
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        obj.download_file(str(dest))
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    recorded = (obj.metadata or {}).get(MTIME_META, "")
    ns = int(recorded) if recorded.isdigit() else int(obj.last_modified.timestamp() * 1e9)
    os.utime(dest, ns=(ns, ns))
    return True


def download_prefix(prefix: str, dest: Path) -> dict[str, tuple[int, int]]:
    """Copy every object under ``prefix`` into folder ``dest``, under the same relative names.

    Returns:
        ``{relative name: (size, mtime_ns)}`` of what was fetched (bytes, nanoseconds), to tell later which
        files changed.
    """
    fetched: dict[str, tuple[int, int]] = {}
    for obj in list_objects(prefix):
        rel = obj.name[len(prefix):]
        if not rel or rel.endswith("/") or ".." in Path(rel).parts:
            continue
        target = dest / rel
        if download(obj.name, target):
            st = target.stat()
            fetched[rel] = (st.st_size, st.st_mtime_ns)
    return fetched


def upload(path: Path, name: str) -> None:
    """Put the local file ``path`` at ``name`` (replacing it), recording its modification time."""
    storage = _bucket_storage()
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    storage.bucket.Object(_key(storage, name)).upload_file(
        str(path), ExtraArgs={"ContentType": ctype, "Metadata": {MTIME_META: str(path.stat().st_mtime_ns)}})


def read_range(name: str, start: int, length: int) -> Iterator[bytes]:
    """``length`` bytes of object ``name`` from byte ``start``, a chunk at a time (one ranged GET)."""
    if length <= 0:
        return
    storage = _bucket_storage()
    body = storage.bucket.Object(_key(storage, name)).get(Range=f"bytes={start}-{start + length - 1}")["Body"]
    try:
        yield from body.iter_chunks(CHUNK_BYTES)
    finally:
        body.close()


def read_all(name: str) -> Iterator[bytes]:
    """The whole object, a chunk at a time."""
    storage = _bucket_storage()
    body = storage.bucket.Object(_key(storage, name)).get()["Body"]
    try:
        yield from body.iter_chunks(CHUNK_BYTES)
    finally:
        body.close()


def signed_url(name: str, *, expire_sec: int | None = None) -> str:
    """A short-lived signed GET URL of the object (``IAL_S3_SIGNED_URL_SEC`` by default)."""
    return media_storage().url(name, expire=expire_sec)
