"""The face stage's frame reader: one FFmpeg decode, read ahead by a thread, stopped cleanly."""

from __future__ import annotations

import subprocess
import threading

import numpy as np
import pytest

from interview_ai_lab.media import frames
from interview_ai_lab.media.ffmpeg import find_ffmpeg, probe, run_ffmpeg
from interview_ai_lab.media.frames import FrameStream, iter_frames
from interview_ai_lab.runtime.errors import StageError


@pytest.fixture(scope="module")
def clip720(tmp_path_factory):
    """3 s of FFmpeg's moving test pattern, 1280×720 at 30 fps (H.264), as a webcam would record it."""
    path = tmp_path_factory.mktemp("frames") / "testsrc720.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=3", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", str(path)], what="make the test clip")
    return path, probe(path)


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ffmpeg-frames"]


def _plain_rgb(path, vf="fps=8,scale=640:360:flags=area") -> np.ndarray:
    """The frames of one plain FFmpeg decode with FFmpeg's own RGB conversion, ``(n, 360, 640, 3)`` uint8."""
    plain = subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(path), "-vf", vf, "-f", "rawvideo",
                            "-pix_fmt", "rgb24", "pipe:1"], capture_output=True, check=True).stdout
    return np.frombuffer(plain, dtype=np.uint8).reshape(-1, 360, 640, 3)


def _mean_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def test_read_ahead_frames_are_the_frames_of_one_plain_decode(clip720):
    """The frames come in order, each the plain decode's frame up to the YUV → RGB rounding (OpenCV converts them)."""
    path, info = clip720
    got = list(iter_frames(path, fps=8, width=info.width, height=info.height, max_width=640))
    want = _plain_rgb(path)
    assert len(got) == len(want) == 24
    assert [f.index for f in got] == list(range(24))
    assert [f.t for f in got] == pytest.approx([i / 8 for i in range(24)])
    for i, (f, w) in enumerate(zip(got, want)):
        assert f.image.shape == (360, 640, 3) and f.image.dtype == np.uint8 and not f.image.flags.writeable
        assert _mean_diff(f.image, w) < 3.0  # measured 1.6-2.2 grey levels on the sharp colour edges of testsrc2
        if i + 1 < len(want):
            assert _mean_diff(f.image, want[i + 1]) > 5.0  # the next frame differs more: the order is right
    assert not _reader_threads()


def test_a_stream_from_a_start_time_is_the_tail_of_the_whole_decode(clip720):
    """``start_sec`` (a face worker's stretch): the same frames, times and indices as one decode from the start."""
    path, info = clip720
    whole = list(iter_frames(path, fps=8, width=info.width, height=info.height, max_width=640))
    seen: list[tuple[float, float]] = []
    with FrameStream(path, fps=8, width=info.width, height=info.height, max_width=640, start_sec=1.5,
                     duration_sec=3.0, progress=lambda done, covered: seen.append((done, covered))) as stream:
        tail = list(stream)
    assert [f.index for f in tail] == [f.index for f in whole[12:]] == list(range(12, 24))
    assert [f.t for f in tail] == pytest.approx([f.t for f in whole[12:]])
    for f, w in zip(tail, whole[12:]):
        assert _mean_diff(f.image, w.image) < 1.0  # the same pictures (measured 0)
    assert seen[-1] == (1.5, 1.5)  # progress counts the stretch: 1.5 s of 1.5 s
    with pytest.raises(ValueError):
        FrameStream(path, fps=8, width=info.width, height=info.height, start_sec=-1.0)


def test_ffmpeg_rgb_output_is_the_plain_decode_exactly(clip720, monkeypatch):
    """``PIPE_FORMAT = "rgb"`` (FFmpeg converts, as without OpenCV): byte for byte the plain decode."""
    monkeypatch.setattr(frames, "PIPE_FORMAT", "rgb")
    path, info = clip720
    got = list(iter_frames(path, fps=8, width=info.width, height=info.height, max_width=640))
    want = _plain_rgb(path)
    assert len(got) == len(want) == 24
    assert all(np.array_equal(f.image, w) for f, w in zip(got, want))


@pytest.mark.parametrize("tags", [["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"],
                                  ["-pix_fmt", "yuvj420p"]], ids=["bt709", "full-range"])
def test_the_videos_colour_matrix_and_range_are_honoured(tags, tmp_path):
    """An HD video tagged BT.709 and a full-range one give the colours of FFmpeg's own conversion.

    OpenCV's conversion assumes BT.601 limited range; FFmpeg's ``scale`` converts to it first. Read as BT.601
    without that, the BT.709 frames differ by about 9.6 grey levels on average (measured).
    """
    path = tmp_path / "tagged.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=1", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", *tags, str(path)], what="make the tagged clip")
    info = probe(path)
    got = [f.image for f in iter_frames(path, fps=8, width=info.width, height=info.height, max_width=640)]
    want = _plain_rgb(path)
    assert len(got) == len(want) == 8
    assert max(_mean_diff(g, w) for g, w in zip(got, want)) < 3.0


def test_leaving_early_stops_ffmpeg_and_the_reader(clip720):
    path, info = clip720
    with FrameStream(path, fps=30, width=info.width, height=info.height, max_width=640, prefetch=2) as stream:
        proc = stream._proc
        for f in stream:
            if f.index == 3:
                break
    assert proc.poll() is not None  # killed, not left blocked on a full pipe
    assert not _reader_threads()
    with FrameStream(path, fps=30, width=info.width, height=info.height) as unused:  # never iterated
        proc = unused._proc
    assert proc.poll() is not None and not _reader_threads()


def test_a_file_ffmpeg_cannot_decode_is_a_stage_error(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 100)
    with pytest.raises(StageError, match="bad.mp4"):
        list(iter_frames(bad, fps=8, width=640, height=360))
    assert not _reader_threads()
