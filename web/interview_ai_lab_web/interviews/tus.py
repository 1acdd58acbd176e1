"""The server side of tus 1.0 (https://tus.io/protocols/resumable-upload): core, ``creation`` and ``termination``.

Why our own and not a package: ``django-tus`` (last release 2020) keeps its state in Django's
cache and its bytes on the local disk; ``drf-tus`` (maintained) pins ``django-fsm==2.8.1`` (an
archived project) and ``jsonfield``, writes the chunks to a temporary file on the local disk of
whichever web server got the request (uploads then break with several web servers, and never
reach an object store), and checks the offset without a lock (two retries of one chunk can both
be written: duplicated bytes). The protocol subset a browser needs is small; here:

- ``POST`` (creation) makes a :class:`~interviews.models.Take` of ``Upload-Length`` bytes (the
  caller checks who may);
- ``HEAD`` answers ``Upload-Offset``/``Upload-Length`` (what arrived: a client resumes there);
- ``PATCH`` (``application/offset+octet-stream``) appends one chunk at ``Upload-Offset``: the
  body is read whole first, then the take's row is locked and the offset compared, so a chunk
  sent twice (a retry after a cut) is refused with 409 and never written twice; each chunk is
  stored as its own object (:func:`interviews.takes.store_part`), and the last one completes the
  take (:func:`interviews.takes.finish_upload`) in the same transaction: a server stopped
  half-way leaves the offset where it was, and the client sends the chunk again;
- ``DELETE`` (termination) gives an upload up: its bytes are deleted (it still counts as a take).

A chunk cut off mid-body is dropped whole (the client resumes from the last complete chunk;
``tus-js-client`` sends 1 MiB chunks). ``Upload-Defer-Length``, checksums and concatenation are
not offered.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from typing import Any

from django.conf import settings
from django.db import transaction

from .models import Take
from .takes import delete_names, delete_take_files, finish_upload, store_part

logger = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,termination"
#: The content type of a PATCH body.
CHUNK_TYPE = "application/offset+octet-stream"
_DECIMAL = re.compile(r"^[0-9]{1,19}$")
_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class TusError(Exception):
    """A refused tus request: ``status`` (HTTP) and one readable sentence."""

    def __init__(self, status: int, message: str, **headers: str) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers


def max_size() -> int:
    """The largest take, bytes (``IAL_TAKE_MAX_MB``)."""
    return settings.IAL_TAKE_MAX_MB * 1024 * 1024


def max_chunk() -> int:
    """The largest PATCH body, bytes (``IAL_TUS_CHUNK_MAX_MB``)."""
    return settings.IAL_TUS_CHUNK_MAX_MB * 1024 * 1024


def discovery_headers() -> dict[str, str]:
    """The headers of ``OPTIONS``: version, extensions, largest upload."""
    return {"Tus-Resumable": TUS_VERSION, "Tus-Version": TUS_VERSION, "Tus-Extension": EXTENSIONS,
            "Tus-Max-Size": str(max_size())}


def check_version(headers: Any) -> None:
    """``Tus-Resumable: 1.0.0`` on every request but ``OPTIONS`` (412 with ``Tus-Version`` otherwise)."""
    if headers.get("Tus-Resumable") != TUS_VERSION:
        raise TusError(412, f"Tus-Resumable {TUS_VERSION} is required", **{"Tus-Version": TUS_VERSION})


def parse_length(value: str | None, name: str) -> int:
    """A non-negative decimal header value (400 when missing or malformed).

    >>> parse_length("1024", "Upload-Length")
    1024
    """
    if value is None or not _DECIMAL.match(value.strip()):
        raise TusError(400, f"{name} must be a non-negative whole number of bytes")
    return int(value.strip())


def parse_metadata(value: str | None) -> dict[str, str]:
    """``Upload-Metadata``: comma-separated ``key base64value`` pairs (a key alone has the value "").

    >>> parse_metadata("question Mg==,filetype dmlkZW8vd2VibQ==,empty")
    {'question': '2', 'filetype': 'video/webm', 'empty': ''}
    """
    out: dict[str, str] = {}
    for pair in (value or "").split(","):
        pair = pair.strip()
        if not pair:
            continue
        key, _, encoded = pair.partition(" ")
        if not _KEY.match(key) or key in out:
            raise TusError(400, "Upload-Metadata: a key is malformed or repeated")
        try:
            out[key] = base64.b64decode(encoded.strip(), validate=True).decode("utf-8") if encoded.strip() else ""
        except (binascii.Error, UnicodeDecodeError):
            raise TusError(400, f"Upload-Metadata: the value of {key!r} is not base64 text") from None
    return out


def read_chunk(stream: Any, length: int) -> bytes:
    """Read exactly ``length`` bytes of a request body (400 when the client sent fewer: nothing is kept)."""
    chunks: list[bytes] = []
    got = 0
    try:
        while got < length:
            block = stream.read(min(256 * 1024, length - got))
            if not block:
                break
            chunks.append(block)
            got += len(block)
    except OSError as e:  # the client went away mid-body
        raise TusError(400, f"the chunk was cut off after {got} of {length} bytes ({type(e).__name__})") from None
    if got != length:
        raise TusError(400, f"the chunk was cut off after {got} of {length} bytes")
    return b"".join(chunks)


def append(take: Take, *, offset: int, data: bytes) -> Take:
    """Append ``data`` at byte ``offset`` of the take; the take after it (complete once its last byte arrived).

    Raises:
        TusError: 409 when ``offset`` is not the bytes received so far (a chunk sent twice, or a
            client that must ask HEAD first), with ``Upload-Offset``; 413 past ``Upload-Length``;
            404 once the take was given up.
    """
    old_parts: list[str] = []
    with transaction.atomic():
        locked = Take.objects.select_for_update().select_related("invitation__position").get(pk=take.pk)
        if locked.state == Take.State.DISCARDED:
            raise TusError(404, "this upload was given up")
        if offset != locked.upload_offset:
            raise TusError(409, f"the upload is at byte {locked.upload_offset}, not {offset}",
                           **{"Upload-Offset": str(locked.upload_offset)})
        if offset + len(data) > locked.upload_length:
            raise TusError(413, "the chunk goes past the announced Upload-Length")
        if not data:
            return locked
        name = store_part(locked, offset, data)
        try:
            locked.parts = [*(locked.parts or []), {"offset": offset, "size": len(data), "name": name}]
            locked.upload_offset = offset + len(data)
            if locked.upload_offset == locked.upload_length:
                old_parts = finish_upload(locked)
            locked.save()
        except BaseException:  # the rollback keeps the old offset: the chunk just stored is not kept either
            delete_names([name])
            raise
    if old_parts:
        delete_names(old_parts)
    return locked


def terminate(take: Take) -> Take:
    """Give the upload up (termination): its bytes are deleted and it is marked ``discarded`` (still a take used).

    Raises:
        TusError: 403 for the take the candidate chose once the answers were sent.
    """
    with transaction.atomic():
        locked = Take.objects.select_for_update().get(pk=take.pk)
        if locked.state == Take.State.DISCARDED:
            return locked
        if locked.chosen and locked.invitation.submitted_at is not None:
            raise TusError(403, "the answers were sent: this recording can no longer be removed")
        gone = Take(pk=locked.pk, invitation_id=locked.invitation_id, parts=list(locked.parts or []),
                    file=locked.file.name if locked.file else "")
        transaction.on_commit(lambda: delete_take_files(gone))
        locked.parts = []
        locked.file = ""
        locked.state = Take.State.DISCARDED
        locked.chosen = False
        locked.save()
    return locked
