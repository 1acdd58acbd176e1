"""Video frames for the face stage: ONE FFmpeg decode, resampled and downscaled by FFmpeg.

FFmpeg's ``fps`` filter keeps only the frames at the wanted rate (it drops the
others inside the decoder process, nothing reaches Python) and ``scale`` shrinks
them to at most ``max_width`` pixels; raw RGB frames come through a pipe one at a
time, so memory stays bounded (one frame) whatever the video's length.

    for frame in iter_frames(video, fps=10, max_width=960, duration_sec=info.duration_sec):
        ...  # frame.t (seconds), frame.image (H×W×3 uint8 RGB)
"""

from __future__ import annotations

import json
import logging
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from scripts.core.runtime.errors import InputError, StageError
from scripts.core.media.ffmpeg import find_ffmpeg, find_ffprobe

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


def iter_frames(video: Path, *, fps: float, width: int, height: int, max_width: int = 960,
                duration_sec: float = 0.0, pix_fmt: str = "rgb24",
                progress: Callable[[float, float], None] | None = None) -> Iterator[Frame]:
    """Decode ``video`` once at ``fps`` frames per second, downscaled to at most ``max_width`` pixels.

    Args:
        video: The video file.
        fps: Output frame rate, frames per second (FFmpeg ``fps`` filter: drops or repeats
            frames to this constant rate).
        width: Coded width of the video stream, pixels (from :func:`scripts.core.media.ffmpeg.probe`).
        height: Coded height, pixels.
        max_width: Frames wider than this are downscaled (aspect kept), pixels.
        duration_sec: Video duration in seconds, for progress only.
        pix_fmt: ``rgb24`` (MediaPipe) or ``bgr24`` (OpenCV).
        progress: Optional ``progress(seconds_done, duration_sec)`` callback, called about
            once per second of video.

    Yields:
        :class:`Frame` objects in time order; the image buffer is owned by the frame.

    Raises:
        StageError: FFmpeg failed to decode the video.
    """
    if fps <= 0:
        raise InputError(f"frame rate must be positive, got {fps}")
    if pix_fmt not in ("rgb24", "bgr24"):
        raise ValueError(f"pix_fmt must be rgb24 or bgr24, got {pix_fmt}")
    w, h = output_size(width, height, max_width, rotation=rotation_deg(video))
    vf = f"fps={fps:g},scale={w}:{h}:flags=area"
    cmd = [find_ffmpeg().path, "-hide_banner", "-nostdin", "-loglevel", "error", "-threads", "1", "-i", str(video),
           "-map", "0:v:0", "-an", "-sn", "-dn", "-vf", vf, "-f", "rawvideo", "-pix_fmt", pix_fmt, "pipe:1"]
    logger.debug("ffmpeg: %s", cmd)
    frame_bytes = w * h * 3
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, bufsize=frame_bytes)
        assert proc.stdout is not None
        index = 0
        next_report = 1.0
        try:
            while True:
                buf = proc.stdout.read(frame_bytes)
                if len(buf) < frame_bytes:
                    break
                t = index / fps
                yield Frame(index, t, np.frombuffer(buf, dtype=np.uint8).reshape(h, w, 3))
                index += 1
                if progress is not None and t >= next_report:
                    progress(t, duration_sec)
                    next_report = t + 1.0
        finally:
            proc.stdout.close()
            if proc.poll() is None:
                proc.kill()
            code = proc.wait()
        if code not in (0, -9) and index == 0:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            raise StageError(f"ffmpeg failed to decode the frames of {Path(video).name}: "
                             f"{lines[-1] if lines else f'exit code {code}'}")
        if code not in (0, -9):
            logger.warning("ffmpeg stopped early (exit code %s) after %d frames; the rest of the video was not analysed",
                           code, index)
    if progress is not None:
        progress(duration_sec, duration_sec)
