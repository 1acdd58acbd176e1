"""Recordings put end to end into one video, with the exact time each one starts and ends in it.

A one-way interview is recorded one answer at a time (a browser's ``MediaRecorder``: WebM VP8
or VP9 with Opus, MP4 H.264 with AAC on Safari, each possibly at another size or frame rate).
:func:`join_recordings` re-encodes them into one MP4 (H.264 + AAC, ``+faststart``: every browser
plays and seeks it) in a single ffmpeg run: each recording is scaled into one frame size, given a
constant frame rate, cut or padded to its own length rounded to whole frames (the last picture
held, silence added), then concatenated. Each recording therefore occupies exactly
``[start, end)`` of the result, with ``end - start`` its length within half a frame, and the
answer boundaries need no guessing. A recording without sound gets silence, one without picture a
black frame.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_ai_lab.media.ffmpeg import MediaInfo, probe, run_ffmpeg
from interview_ai_lab.runtime.errors import InputError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Span:
    """Where one recording lies in the joined video.

    Attributes:
        start: Its first instant, seconds from the start of the joined video.
        end: Its end, seconds (``end - start``: its length rounded to whole frames).
        source_sec: Its own length before rounding, seconds.
    """

    start: float
    end: float
    source_sec: float


def frame_size(infos: Sequence[MediaInfo], *, max_width: int = 1280, max_height: int = 720) -> tuple[int, int]:
    """The joined video's frame size (width, height) in pixels.

    That of the first recording with a picture, fitted in ``max_width`` × ``max_height`` (even numbers, as
    H.264 wants); 640 × 480 when none has a picture.

    >>> frame_size([MediaInfo(3.0, True, True, 30.0, 1920, 1080)])
    (1280, 720)
    >>> frame_size([MediaInfo(3.0, True, True, 30.0, 480, 640)])
    (480, 640)
    """
    first = next((i for i in infos if i.has_video and i.width > 0 and i.height > 0), None)
    if first is None:
        return 640, 480
    # the long side within max_width, the short one within max_height (a phone held upright stays upright)
    scale = min(1.0, max_width / max(first.width, first.height), max_height / min(first.width, first.height))
    return max(2, int(first.width * scale) // 2 * 2), max(2, int(first.height * scale) // 2 * 2)


def rounded_lengths(durations: Sequence[float], fps: int) -> list[float]:
    """Each length rounded to whole frames at ``fps`` (at least one frame), seconds.

    >>> rounded_lengths([4.014, 2.51], 25)
    [4.0, 2.52]
    """
    return [max(1, round(d * fps)) / fps for d in durations]


def spans_of(lengths: Sequence[float], sources: Sequence[float]) -> list[Span]:
    """The spans of recordings of ``lengths`` seconds put end to end (``sources``: their own lengths).

    >>> spans_of([4.0, 2.52], [4.014, 2.5])
    [Span(start=0.0, end=4.0, source_sec=4.014), Span(start=4.0, end=6.52, source_sec=2.5)]
    """
    out, t = [], 0.0
    for length, source in zip(lengths, sources):
        out.append(Span(round(t, 3), round(t + length, 3), round(source, 3)))
        t += length
    return out


def filter_graph(infos: Sequence[MediaInfo], lengths: Sequence[float], *, size: tuple[int, int], fps: int,
                 sample_rate: int = 48000) -> str:
    """The ``-filter_complex`` of :func:`join_recordings` (outputs ``[v]`` and ``[a]``)."""
    w, h = size
    parts, pairs = [], []
    for i, (info, length) in enumerate(zip(infos, lengths)):
        d = f"{length:.6f}"
        if info.has_video:
            parts.append(f"[{i}:v:0]setpts=PTS-STARTPTS,scale={w}:{h}:force_original_aspect_ratio=decrease,"
                         f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={fps},format=yuv420p,"
                         f"tpad=stop_mode=clone:stop_duration={d},trim=duration={d},setpts=PTS-STARTPTS[v{i}]")
        else:
            parts.append(f"color=c=black:s={w}x{h}:r={fps}:d={d},format=yuv420p,setsar=1[v{i}]")
        if info.has_audio:
            parts.append(f"[{i}:a:0]asetpts=PTS-STARTPTS,aresample={sample_rate},aformat=channel_layouts=mono,"
                         f"apad,atrim=duration={d},asetpts=PTS-STARTPTS[a{i}]")
        else:
            parts.append(f"anullsrc=r={sample_rate}:cl=mono,atrim=duration={d}[a{i}]")
        pairs.append(f"[v{i}][a{i}]")
    parts.append(f"{''.join(pairs)}concat=n={len(infos)}:v=1:a=1[v][a]")
    return ";".join(parts)


def join_recordings(inputs: Sequence[Path], out: Path, *, fps: int = 25, crf: int = 26,
                    preset: str = "veryfast", threads: int = 0) -> list[Span]:
    """Put ``inputs`` end to end into ``out`` (MP4, H.264 + AAC); the span of each input in it, in order.

    Args:
        inputs: The recordings, in the order they are joined (at least one).
        out: The joined video (``.mp4``), overwritten.
        fps: Frame rate of the joined video, frames per second.
        crf: H.264 quality (lower is better and larger).
        preset: x264 speed preset.
        threads: Encoder threads (0: ffmpeg's choice).

    Raises:
        InputError: no input, or one that is not a readable recording.
        StageError: ffmpeg failed.
    """
    if not inputs:
        raise InputError("nothing to join: no recording")
    infos = [probe(Path(p)) for p in inputs]
    sources = [i.duration_sec for i in infos]
    lengths = rounded_lengths(sources, fps)
    graph = filter_graph(infos, lengths, size=frame_size(infos), fps=fps)
    args: list[str] = []
    for p in inputs:
        args += ["-i", str(p)]
    args += ["-filter_complex", graph, "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", preset,
             "-crf", str(crf), "-pix_fmt", "yuv420p", "-r", str(fps), "-c:a", "aac", "-b:a", "96k",
             "-movflags", "+faststart", "-threads", str(threads), str(out)]
    run_ffmpeg(args, what=f"join {len(inputs)} recordings")
    spans = spans_of(lengths, sources)
    logger.info("joined %d recordings into %s (%.2f s)", len(inputs), out.name, spans[-1].end)
    return spans
