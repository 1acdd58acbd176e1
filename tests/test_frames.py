"""The face stage's frame reader: one FFmpeg decode, read ahead by a thread, stopped cleanly."""

from __future__ import annotations

import subprocess
import threading

import numpy as np
import pytest

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


def test_read_ahead_frames_are_the_frames_of_one_plain_decode(clip720):
    path, info = clip720
    got = list(iter_frames(path, fps=8, width=info.width, height=info.height, max_width=640))
    plain = subprocess.run([find_ffmpeg().path, "-v", "error", "-i", str(path), "-vf",
                            "fps=8,scale=640:360:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
                           capture_output=True, check=True).stdout
    want = np.frombuffer(plain, dtype=np.uint8).reshape(-1, 360, 640, 3)
    assert len(got) == len(want) == 24
    assert [f.index for f in got] == list(range(24))
    assert [f.t for f in got] == pytest.approx([i / 8 for i in range(24)])
    for f, w in zip(got, want):
        assert f.image.shape == (360, 640, 3) and not f.image.flags.writeable
        assert np.array_equal(f.image, w)
    assert not _reader_threads()


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
