"""Recordings joined end to end (interview_ai_lab.media.join): each one exactly at its span in the result.

Whatever its container, size, frame rate or missing stream; checked on the joined file's own sound.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from interview_ai_lab.media.ffmpeg import find_ffmpeg, probe
from interview_ai_lab.media.join import join_recordings
from interview_ai_lab.runtime.errors import InputError

SR = 16000


def _clip(path: Path, *, seconds: float, freq: int | None, size: str = "160x120", rate: int = 15,
          stream: bool = False) -> Path:
    """A test-pattern clip with a sine tone of ``freq`` Hz (None: no sound); ``stream``: a WebM written to a pipe."""
    ffmpeg = find_ffmpeg().path
    args = [ffmpeg, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}:duration={seconds}"]
    if freq is not None:
        args += ["-f", "lavfi", "-i", f"sine=f={freq}:duration={seconds}"]
    if stream:
        with open(path, "wb") as out:
            subprocess.run([*args, "-c:v", "libvpx", "-b:v", "200k", *(["-c:a", "libopus"] if freq else []),
                            "-f", "webm", "pipe:1"], stdout=out, check=True)
    else:
        subprocess.run([*args, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                        *(["-c:a", "aac"] if freq else []), str(path)], check=True)
    return path


def _tone_at(samples: np.ndarray, t: float) -> int:
    """The loudest frequency in the 0.1 s window at ``t`` s (0 for silence), Hz."""
    seg = samples[int(t * SR):int((t + 0.1) * SR)]
    if np.sqrt(np.mean(seg ** 2)) < 1e-3:
        return 0
    return int(round(np.fft.rfftfreq(len(seg), 1 / SR)[np.argmax(np.abs(np.fft.rfft(seg)))] / 10) * 10)


def test_recordings_lie_exactly_at_their_spans(tmp_path):
    inputs = [_clip(tmp_path / "a.webm", seconds=3.0, freq=440, stream=True),
              _clip(tmp_path / "b.mp4", seconds=2.5, freq=None, size="320x240", rate=30),  # no sound
              _clip(tmp_path / "c.webm", seconds=2.2, freq=900, size="120x160", stream=True)]  # held upright
    out = tmp_path / "joined.mp4"
    spans = join_recordings(inputs, out)
    assert [s.source_sec for s in spans] == pytest.approx([3.0, 2.5, 2.2], abs=0.05)
    assert [s.start for s in spans] == [0.0, spans[0].end, spans[1].end]
    assert [round(s.end - s.start, 2) for s in spans] == pytest.approx([3.0, 2.5, 2.2], abs=0.05)
    info = probe(out)
    assert info.has_audio and info.has_video and info.video_codec == "h264" and info.audio_codec == "aac"
    assert (info.width, info.height) == (160, 120) and info.fps == pytest.approx(25, abs=0.1)
    assert info.duration_sec == pytest.approx(spans[-1].end, abs=0.05)
    raw = subprocess.run([find_ffmpeg().path, "-v", "error", "-nostdin", "-i", str(out), "-ac", "1", "-ar", str(SR),
                          "-f", "f32le", "pipe:1"], capture_output=True, check=True).stdout
    samples = np.frombuffer(raw, dtype=np.float32)
    # each recording's own sound, and only in its span (0.15 s inside each edge)
    for span, tone in zip(spans, (440, 0, 900)):
        for t in np.arange(span.start + 0.15, span.end - 0.25, 0.2):
            assert _tone_at(samples, float(t)) == tone, (span, t)


def test_nothing_to_join_or_not_a_recording_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no recording"):
        join_recordings([], tmp_path / "x.mp4")
    bad = tmp_path / "bad.webm"
    bad.write_bytes(b"not a video" * 100)
    with pytest.raises(InputError, match="not a readable video"):
        join_recordings([bad], tmp_path / "x.mp4")
