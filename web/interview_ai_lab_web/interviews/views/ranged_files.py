"""A stored file as an HTTP response that honours ``Range: bytes=…`` (one range), so a browser player can seek.

The file is on disk (:func:`file_response`) or an object of the media bucket
(:func:`stored_file_response`: each range is one ranged GET of the object, streamed through;
the browser never reaches the bucket). ``bytes=A-B``, ``bytes=A-`` and the suffix form
``bytes=-N`` (the last N bytes) answer 206 with ``Content-Range``; a range past the end answers 416 with ``Content-Range: bytes */size``;
no range (or ``bytes=-``) answers the whole file, 200. Every answer says ``Accept-Ranges: bytes``.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

from .. import stored_media
from ..stored_media import MediaFile

#: The one form of ``Range`` served: ``bytes=<first>-<last>``, either side possibly empty.
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")

#: Bytes read from the file at a time while streaming a range.
CHUNK_BYTES = 256 * 1024


def is_first_request(request: HttpRequest) -> bool:
    """True for a player's first request of a file (no range, or one from byte 0), False for each later seek."""
    match = RANGE.match(request.META.get("HTTP_RANGE", "").strip())
    return not match or match.group(1) in ("", "0")


def file_response(request: HttpRequest, path: Path) -> HttpResponse:
    """The file at ``path`` (its type guessed from its name), whole (200) or the requested range (206, 416)."""
    size = path.stat().st_size
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    wanted = requested_range(request, size)
    if wanted is None:
        resp = FileResponse(open(path, "rb"), content_type=ctype)
        resp["Accept-Ranges"] = "bytes"
        return resp
    return _range_response(wanted, size, ctype, lambda start, length: _chunks(path, start, length))


def stored_file_response(request: HttpRequest, media: MediaFile) -> HttpResponse:
    """An object of the media bucket, whole (200) or the requested range (206, 416), streamed through this server."""
    size = stored_media.size(media.name)
    ctype = mimetypes.guess_type(media.basename)[0] or "application/octet-stream"
    wanted = requested_range(request, size)
    if wanted is None:
        resp = StreamingHttpResponse(stored_media.read_all(media.name), content_type=ctype)
        resp["Content-Length"] = str(size)
        resp["Accept-Ranges"] = "bytes"
        return resp
    return _range_response(wanted, size, ctype, lambda start, length: stored_media.read_range(media.name, start, length))


def media_response(request: HttpRequest, media: MediaFile) -> HttpResponse:
    """``media`` from wherever it is stored: its local file, or the bucket."""
    return file_response(request, media.path) if media.path is not None else stored_file_response(request, media)


def requested_range(request: HttpRequest, size: int) -> tuple[int, int] | None:
    """``(first, last)`` byte of the request's range of a ``size``-byte file; None for the whole file.

    ``first > last`` means the range cannot be satisfied; the whole file is asked for by no range, or ``bytes=-``.
    """
    match = RANGE.match(request.META.get("HTTP_RANGE", "").strip())
    if not match or (not match.group(1) and not match.group(2)):
        return None
    if match.group(1):
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else size - 1
    else:  # suffix range: the last N bytes
        start, end = max(0, size - int(match.group(2))), size - 1
    end = min(end, size - 1)
    if start >= size:
        return size, size - 1
    return start, end


def _range_response(wanted: tuple[int, int], size: int, ctype: str,
                    read: Callable[[int, int], Iterator[bytes]]) -> HttpResponse:
    start, end = wanted
    if start > end or start >= size:
        resp = HttpResponse(status=416)
        resp["Content-Range"] = f"bytes */{size}"
        return resp
    length = end - start + 1
    resp = StreamingHttpResponse(read(start, length), status=206, content_type=ctype)
    resp["Content-Range"] = f"bytes {start}-{end}/{size}"
    resp["Content-Length"] = str(length)
    resp["Accept-Ranges"] = "bytes"
    return resp


def _chunks(path: Path, start: int, length: int) -> Iterator[bytes]:
    """``length`` bytes of the file from byte ``start``, :data:`CHUNK_BYTES` at a time (fewer if it got shorter)."""
    with open(path, "rb") as f:
        f.seek(start)
        left = length
        while left > 0:
            data = f.read(min(CHUNK_BYTES, left))
            if not data:
                break
            left -= len(data)
            yield data
