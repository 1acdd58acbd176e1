"""FFmpeg discovery and media probing.

FFmpeg: the one on ``PATH``; else the binary shipped in the PyPI package
``imageio-ffmpeg`` (Windows, macOS, Linux) — never a manual ``PATH`` edit.
Probing: ``ffprobe`` when on ``PATH``, else PyAV (pulled in by faster-whisper),
which reads the same facts.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from interview_ai_lab.runtime.errors import DependencyError, InputError, StageError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tool:
    """An external program and where it was found.

    Attributes:
        path: Executable path.
        source: ``PATH`` or ``package:imageio-ffmpeg``.
    """

    path: str
    source: str


def find_ffmpeg() -> Tool:
    """Locate ffmpeg: ``PATH`` first, then the binary inside ``imageio-ffmpeg``."""
    found = shutil.which("ffmpeg")
    if found:
        return Tool(found, "PATH")
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
        if exe and Path(exe).exists():
            return Tool(str(exe), "package:imageio-ffmpeg")
    except (ImportError, RuntimeError) as e:
        logger.debug("imageio-ffmpeg unavailable: %s", e)
    raise DependencyError("ffmpeg not found: install it (apt-get install ffmpeg / brew install ffmpeg) "
                          "or pip install imageio-ffmpeg (run the setup command from the README)")


def find_ffprobe() -> Tool | None:
    """Locate ffprobe on ``PATH`` (no package ships it); None when absent."""
    found = shutil.which("ffprobe")
    return Tool(found, "PATH") if found else None


@dataclass(frozen=True)
class MediaInfo:
    """Facts about a media file.

    Attributes:
        duration_sec: Container duration in seconds.
        has_audio: An audio stream exists.
        has_video: A video stream exists (cover art does not count).
        fps: Average video frame rate in frames per second (0 without video).
        width: Video width in pixels (0 without video).
        height: Video height in pixels (0 without video).
        video_codec: Codec name of the video stream, or "".
        audio_codec: Codec name of the audio stream, or "".
        prober: ``ffprobe`` or ``pyav``.
    """

    duration_sec: float
    has_audio: bool
    has_video: bool
    fps: float
    width: int
    height: int
    video_codec: str = ""
    audio_codec: str = ""
    prober: str = "ffprobe"

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return asdict(self)


def check_input_file(path: Path) -> Path:
    """Fail with a clear :class:`InputError` for a missing, empty or unreadable file."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"video not found: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a video file")
    if path.stat().st_size == 0:
        raise InputError(f"{path} is empty (0 bytes)")
    try:
        with open(path, "rb") as f:
            f.read(1)
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from e
    return path


def probe(path: Path) -> MediaInfo:
    """Probe a media file with ffprobe (or PyAV when ffprobe is absent).

    Raises:
        InputError: The file is missing, empty, or not a readable audio/video file.
    """
    path = check_input_file(path)
    tool = find_ffprobe()
    info = _probe_ffprobe(path, tool.path) if tool else _probe_pyav(path)
    if not info.has_audio and not info.has_video:
        raise InputError(f"{path.name} has neither a video nor an audio stream")
    if info.duration_sec <= 0:
        raise InputError(f"{path.name} has no readable duration (corrupt or truncated file?)")
    return info


def _ratio(text: str | None) -> float:
    try:
        return float(Fraction(text)) if text and text != "0/0" else 0.0
    except (ValueError, ZeroDivisionError):
        return 0.0


def _probe_ffprobe(path: Path, exe: str) -> MediaInfo:
    cmd = [exe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise InputError(f"{path.name} is not a readable video ({reason})")
    data = json.loads(proc.stdout or "{}")
    streams = data.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video"
                  and not s.get("disposition", {}).get("attached_pic")), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    duration = float(data.get("format", {}).get("duration") or 0.0)
    if duration <= 0:
        duration = max((float(s.get("duration") or 0) for s in streams), default=0.0)
    if duration <= 0 and (video or audio):  # written as a stream (a browser's MediaRecorder): no duration, no index
        duration = _last_packet_end_ffprobe(path, exe)
    fps = _ratio(video.get("avg_frame_rate")) or _ratio(video.get("r_frame_rate")) if video else 0.0
    return MediaInfo(
        duration_sec=duration,
        has_audio=audio is not None,
        has_video=video is not None,
        fps=round(fps, 3),
        width=int(video.get("width", 0)) if video else 0,
        height=int(video.get("height", 0)) if video else 0,
        video_codec=video.get("codec_name", "") if video else "",
        audio_codec=audio.get("codec_name", "") if audio else "",
        prober="ffprobe",
    )


def _last_packet_end_ffprobe(path: Path, exe: str) -> float:
    """End of the last packet of any stream, seconds (its timestamp plus its duration); 0.0 when none.

    A WebM or Matroska file written as a stream (what a browser's ``MediaRecorder`` produces) has
    no duration in its header and no index: the packets' own timestamps are read instead (no
    decoding, a few hundred milliseconds for an hour of video).
    """
    cmd = [exe, "-v", "error", "-show_entries", "packet=pts_time,dts_time,duration_time", "-of", "csv=p=0",
           str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        return 0.0
    return _packets_end(proc.stdout.splitlines())


def _packets_end(lines: list[str]) -> float:
    """The latest ``pts (or dts) + duration`` of ffprobe's ``pts_time,dts_time,duration_time`` CSV lines, seconds.

    >>> _packets_end(["0.000000,0.000000,0.033000", "3.967000,3.967000,0.033000", "3.990000,N/A,0.020000"])
    4.01
    """
    end = 0.0
    for line in lines:
        fields = (line.split(",") + ["", "", ""])[:3]
        try:
            t = float(fields[0]) if fields[0] not in ("", "N/A") else float(fields[1])
        except ValueError:
            continue
        try:
            d = float(fields[2])
        except ValueError:
            d = 0.0
        end = max(end, t + max(d, 0.0))
    return round(end, 6)


def _probe_pyav(path: Path) -> MediaInfo:
    try:
        import av
    except ImportError as e:
        raise DependencyError("neither ffprobe nor PyAV is available to read the video: "
                              "install ffmpeg or pip install av") from e
    try:
        with av.open(str(path)) as container:
            video = next((s for s in container.streams.video
                          if not (s.disposition & getattr(av.stream.Disposition, "attached_pic", 0))), None)
            audio = next(iter(container.streams.audio), None)
            duration = float(container.duration / 1_000_000) if container.duration else 0.0
            if duration <= 0:
                for s in container.streams:
                    if s.duration and s.time_base:
                        duration = max(duration, float(s.duration * s.time_base))
            if duration <= 0:  # written as a stream: the end of the last packet
                for packet in container.demux(*[s for s in (video, audio) if s is not None]):
                    if packet.pts is not None and packet.time_base:
                        duration = max(duration, float((packet.pts + (packet.duration or 0)) * packet.time_base))
            fps = float(video.average_rate or video.guessed_rate or 0) if video else 0.0
            return MediaInfo(
                duration_sec=duration,
                has_audio=audio is not None,
                has_video=video is not None,
                fps=round(fps, 3),
                width=int(video.codec_context.width) if video else 0,
                height=int(video.codec_context.height) if video else 0,
                video_codec=video.codec_context.name if video else "",
                audio_codec=audio.codec_context.name if audio else "",
                prober="pyav",
            )
    except (av.FFmpegError, OSError, ValueError) as e:  # type: ignore[attr-defined]
        raise InputError(f"{path.name} is not a readable video ({e})") from e


def run_ffmpeg(args: list[str], *, what: str) -> str:
    """Run ffmpeg with ``args`` (no shell); return its stderr (errors it recovered from).

    Raises:
        StageError: ffmpeg exited non-zero; the message holds its last stderr line.
    """
    exe = find_ffmpeg().path
    cmd = [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    logger.debug("ffmpeg: %s", cmd)
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
        raise StageError(f"ffmpeg failed to {what}: {reason}")
    return proc.stderr


def wav_duration(path: Path) -> float:
    """Duration of a PCM WAV file in seconds (header only, no decoding)."""
    import wave

    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate() or 1)
