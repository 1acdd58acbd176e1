"""Video frames for the face stage: ONE FFmpeg decode, resampled and downscaled by FFmpeg.

FFmpeg's ``fps`` filter keeps only the frames at the wanted rate (it drops the
others inside the decoder process, nothing reaches Python) and ``scale`` shrinks
them to at most ``max_width`` pixels; raw YUV 4:2:0 frames come through a pipe and
OpenCV turns them into RGB (:data:`PIPE_FORMAT`). A reader thread keeps up to
``prefetch`` converted frames ready (the pipe read and the conversion release the GIL),
so FFmpeg decodes the next frames while the caller analyses this one instead of
waiting for each read; memory stays bounded (``prefetch`` + 1 frames) whatever the
video's length.

:class:`FrameStream` starts FFmpeg as soon as it is made (its start-up and first
decode overlap whatever the caller loads next); :func:`iter_frames` is the same as a
plain generator.

    with FrameStream(video, fps=10, width=info.width, height=info.height, max_width=960) as frames:
        ...  # load the models while FFmpeg starts
        for frame in frames:
            ...  # frame.t (seconds), frame.image (H×W×3 uint8 RGB, read-only)
"""

from __future__ import annotations

import fcntl
import json
import logging
import queue
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from interview_ai_lab.media.ffmpeg import find_ffmpeg, find_ffprobe
from interview_ai_lab.runtime.errors import InputError, StageError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frame:
    """One decoded frame.

    Attributes:
        index: Index of the frame in the resampled sequence (0, 1, 2…).
        t: Time of the frame in seconds from the start (``index / fps``).
        image: ``H × W × 3`` uint8 array, RGB (or BGR when asked).
    """

    index: int
    t: float
    image: np.ndarray


def rotation_deg(video: Path) -> int:
    """Display rotation of the first video stream in degrees (0, 90, 180, 270); 0 when unknown.

    Phones store portrait videos as landscape frames plus a rotation; FFmpeg applies
    it when decoding, so the decoded frame size is the rotated one.
    """
    tool = find_ffprobe()
    if tool is None:
        return 0
    cmd = [tool.path, "-v", "error", "-select_streams", "v:0", "-show_entries",
           "stream_tags=rotate:stream_side_data=rotation", "-of", "json", str(video)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        return 0
    try:
        stream = (json.loads(proc.stdout or "{}").get("streams") or [{}])[0]
    except ValueError:
        return 0
    rot = stream.get("tags", {}).get("rotate")
    for side in stream.get("side_data_list", []) or []:
        if "rotation" in side:
            rot = side["rotation"]
    try:
        return int(round(float(rot or 0))) % 360
    except (TypeError, ValueError):
        return 0


def output_size(width: int, height: int, max_width: int, *, rotation: int = 0) -> tuple[int, int]:
    """Size ``(w, h)`` in pixels of the decoded frames: displayed size, downscaled to ``max_width``, even.

    Args:
        width: Coded width of the video, pixels.
        height: Coded height, pixels.
        max_width: Largest output width, pixels (no upscaling).
        rotation: Display rotation in degrees; 90/270 swap width and height.
    """
    if width <= 0 or height <= 0:
        raise InputError("the video stream has no frame size")
    if rotation in (90, 270):
        width, height = height, width
    scale = min(1.0, max_width / width) if max_width and max_width > 0 else 1.0
    w = max(2, int(round(width * scale / 2)) * 2)
    h = max(2, int(round(height * scale / 2)) * 2)
    return w, h


#: Decoder options given before the input: H.264/HEVC/VP8/VP9's in-loop deblocking filter is skipped (about a
#: fifth of their decoding CPU; the landmarks need the face's shape, not smooth block edges). Decoders without
#: a loop filter ignore it.
DECODE_OPTIONS: tuple[str, ...] = ("-skip_loop_filter", "all")
#: Decoded frames kept ready by the reader thread (each ``w × h × 3`` bytes: 0.7 MB at 640×360).
PREFETCH = 4
#: What FFmpeg writes into the pipe. ``"yuv420p"``: planar YUV 4:2:0, BT.601 limited range whatever the video's colour
#: matrix and range (``scale`` converts them), half the bytes of RGB, turned into RGB (or BGR) by OpenCV in the reader
#: thread: FFmpeg's packed RGB output of ``scale`` costs about 1 ms CPU a 640×360 frame, OpenCV's conversion 0.13 ms
#: (the face stage's FFmpeg CPU −19 % on 720p30 H.264 at 8 fps). ``"rgb"``: FFmpeg writes RGB (or BGR) itself, the
#: former way, also used without OpenCV.
PIPE_FORMAT = "yuv420p"
#: Largest pipe buffer asked for, bytes (Linux ``F_SETPIPE_SZ``; an unprivileged process may get up to
#: ``/proc/sys/fs/pipe-max-size``, 1 MiB by default): a whole frame fits, FFmpeg writes it in one go.
PIPE_BYTES = 1 << 20
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
_END = object()


def _yuv_to(pix_fmt: str) -> Callable[[np.ndarray], np.ndarray] | None:
    """OpenCV's I420 → ``pix_fmt`` (``rgb24``, ``bgr24``) conversion of a ``(h·3/2) × w`` array; None without OpenCV."""
    try:
        import cv2
    except ImportError:
        return None
    code = cv2.COLOR_YUV2RGB_I420 if pix_fmt == "rgb24" else cv2.COLOR_YUV2BGR_I420
    return lambda yuv: cv2.cvtColor(yuv, code)


def _grow_pipe(pipe: IO[bytes], frame_bytes: int) -> None:
    """Enlarge the pipe's kernel buffer towards one frame (best effort: the default 64 KiB works, slower)."""
    size = min(PIPE_BYTES, max(frame_bytes, 1 << 16))
    try:
        fcntl.fcntl(pipe.fileno(), _F_SETPIPE_SZ, size)
    except OSError as e:  # not Linux, or above the system's limit
        logger.debug("pipe buffer left at its default (%s)", e)


class FrameStream:
    """ONE FFmpeg decode of ``video`` at ``fps`` frames per second, downscaled to at most ``max_width`` pixels.

    FFmpeg starts when the object is made; a reader thread keeps up to ``prefetch`` frames
    decoded ahead. Iterate once; use as a context manager (or call :meth:`close`) so that
    FFmpeg is stopped when the caller leaves early.

    Args:
        video: The video file.
        fps: Output frame rate, frames per second (FFmpeg ``fps`` filter: drops or repeats
            frames to this constant rate).
        width: Coded width of the video stream, pixels (from :func:`interview_ai_lab.media.ffmpeg.probe`).
        height: Coded height, pixels.
        max_width: Frames wider than this are downscaled (aspect kept), pixels.
        duration_sec: Video duration in seconds, for progress only.
        pix_fmt: ``rgb24`` (MediaPipe) or ``bgr24`` (OpenCV).
        progress: Optional ``progress(seconds_done, seconds_covered)`` callback, called about
            once per second of video (seconds from ``start_sec``; covered: from ``start_sec`` to the end).
        prefetch: Most frames decoded ahead of the caller (at least 1).
        start_sec: Where the decode starts, seconds from the video's start (FFmpeg seeks there, decoding from the
            key frame before it); the frames' times count from the video's start.

    Raises:
        InputError: A bad frame rate.
        StageError: FFmpeg failed to decode the video (raised while iterating).
    """

    def __init__(self, video: Path, *, fps: float, width: int, height: int, max_width: int = 960,
                 duration_sec: float = 0.0, pix_fmt: str = "rgb24",
                 progress: Callable[[float, float], None] | None = None, prefetch: int = PREFETCH,
                 start_sec: float = 0.0):
        if fps <= 0:
            raise InputError(f"frame rate must be positive, got {fps}")
        if start_sec < 0:
            raise ValueError(f"start_sec must be 0 or more, got {start_sec}")
        if pix_fmt not in ("rgb24", "bgr24"):
            raise ValueError(f"pix_fmt must be rgb24 or bgr24, got {pix_fmt}")
        self.video = Path(video)
        self.fps = float(fps)
        self.duration_sec = duration_sec
        self.progress = progress
        self.start_sec = float(start_sec)
        self.width, self.height = output_size(width, height, max_width, rotation=rotation_deg(self.video))
        self._convert = _yuv_to(pix_fmt) if PIPE_FORMAT == "yuv420p" else None
        vf = f"fps={fps:g},scale={self.width}:{self.height}:flags=area"
        if self._convert is not None:  # OpenCV's I420 conversion is BT.601 limited range: FFmpeg converts to it
            vf += ":out_range=tv:out_color_matrix=bt601"
        seek = ["-ss", f"{self.start_sec:.6f}"] if self.start_sec > 0 else []
        cmd = [find_ffmpeg().path, "-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "1",
               *DECODE_OPTIONS, *seek, "-i", str(self.video), "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", vf, "-f", "rawvideo",
               "-pix_fmt", pix_fmt if self._convert is None else "yuv420p", "pipe:1"]
        logger.debug("ffmpeg: %s", cmd)
        self._frame_bytes = self.width * self.height * 3 // (1 if self._convert is None else 2)
        self._err = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._err, bufsize=0)
        assert self._proc.stdout is not None
        _grow_pipe(self._proc.stdout, self._frame_bytes)
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, int(prefetch)))
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read_all, name="ffmpeg-frames", daemon=True)
        self._reader.start()
        self._started = False
        self._closed = False

    def _put(self, item: Any) -> bool:
        """Queue ``item`` unless the stream is closing; False when it is."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _read_all(self) -> None:
        """Reader thread: whole frames from FFmpeg's pipe, converted, into the queue, then the end mark."""
        pipe = self._proc.stdout
        assert pipe is not None
        n = self._frame_bytes
        try:
            while not self._stop.is_set():
                buf = bytearray(n)
                view, got = memoryview(buf), 0
                while got < n:
                    k = pipe.readinto(view[got:])
                    if not k:
                        break
                    got += k
                if got < n:
                    break
                if self._convert is not None:  # an H×W×3 array of its own
                    buf = self._convert(np.frombuffer(buf, dtype=np.uint8).reshape(self.height * 3 // 2, self.width))
                if not self._put(buf):
                    break
        except (OSError, ValueError) as e:  # the pipe was closed by close()
            logger.debug("frame reader stopped: %s", e)
        finally:
            self._put(_END)

    def __enter__(self) -> FrameStream:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __iter__(self) -> Iterator[Frame]:
        """The frames in time order; the image arrays are read-only views owned by their frame."""
        if self._started:
            raise RuntimeError("a FrameStream can be iterated only once")
        self._started = True
        w, h, fps = self.width, self.height, self.fps
        first = int(round(self.start_sec * fps))  # the frames' indices count from the video's start
        covered = max(0.0, self.duration_sec - self.start_sec)
        index = 0
        next_report = 1.0
        lines: list[str] = []  # FFmpeg's error output when it failed
        try:
            while True:
                buf = self._queue.get()
                if buf is _END:
                    break
                done = index / fps
                image = buf if isinstance(buf, np.ndarray) else np.frombuffer(buf, dtype=np.uint8).reshape(h, w, 3)
                image.flags.writeable = False
                yield Frame(first + index, self.start_sec + done, image)
                index += 1
                if self.progress is not None and done >= next_report:
                    self.progress(done, covered)
                    next_report = done + 1.0
            code = self._proc.wait()
            if code != 0:
                self._err.seek(0)
                lines = self._err.read().decode("utf-8", "replace").strip().splitlines()
        finally:
            self.close()
        if code != 0 and index == 0:
            raise StageError(f"ffmpeg failed to decode the frames of {self.video.name}: "
                             f"{lines[-1] if lines else f'exit code {code}'}")
        if code != 0:
            logger.warning("ffmpeg stopped early (exit code %s) after %d frames; the rest of the video was not "
                           "analysed", code, index)
        if self.progress is not None:
            self.progress(covered, covered)

    def close(self) -> None:
        """Stop FFmpeg and the reader thread (the frames not yet read are dropped)."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        while True:  # unblock the reader if it waits on a full queue
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._reader.join(timeout=5.0)
        assert self._proc.stdout is not None
        self._proc.stdout.close()
        self._err.close()


def iter_frames(video: Path, *, fps: float, width: int, height: int, max_width: int = 960,
                duration_sec: float = 0.0, pix_fmt: str = "rgb24",
                progress: Callable[[float, float], None] | None = None) -> Iterator[Frame]:
    """Decode ``video`` once at ``fps`` frames per second, downscaled to at most ``max_width`` pixels.

    The generator form of :class:`FrameStream` (same arguments; FFmpeg starts on the first
    ``next``).

    Yields:
        :class:`Frame` objects in time order; the image buffer (read-only) is owned by the frame.

    Raises:
        InputError: A bad frame rate.
        StageError: FFmpeg failed to decode the video.
    """
    with FrameStream(video, fps=fps, width=width, height=height, max_width=max_width, duration_sec=duration_sec,
                     pix_fmt=pix_fmt, progress=progress) as stream:
        yield from stream
