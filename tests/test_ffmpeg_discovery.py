"""FFmpeg found without a PATH edit: the one on PATH, else the imageio-ffmpeg binary; probing without ffprobe via PyAV."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from interview_ai_lab.media import ffmpeg as media
from interview_ai_lab.runtime.errors import DependencyError, InputError

ROOT = Path(__file__).resolve().parent.parent
DURATION = 2.0
FPS = 10
SIZE = (160, 120)


def make_clip(path: Path, *, audio: bool = True, duration: float = DURATION) -> Path:
    """A small MPEG-4 clip: a test pattern at FPS frames/s, with a 440 Hz tone when ``audio``."""
    exe = media.find_ffmpeg().path
    path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [exe, "-hide_banner", "-loglevel", "error", "-y",
           "-f", "lavfi", "-i", f"testsrc=size={SIZE[0]}x{SIZE[1]}:rate={FPS}:duration={duration}"]
    if audio:
        cmd += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={duration}", "-c:a", "aac"]
    cmd += ["-c:v", "mpeg4", "-pix_fmt", "yuv420p", "-shortest", str(path)]
    subprocess.run(cmd, check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("ffmpeg_discovery")
    return {"av": make_clip(d / "with audio.mp4"), "video_only": make_clip(d / "silent.mp4", audio=False)}


@pytest.fixture
def empty_path(tmp_path, monkeypatch) -> Path:
    """PATH holds only an empty folder: no ffmpeg, no ffprobe."""
    d = tmp_path / "empty bin"
    d.mkdir()
    monkeypatch.setenv("PATH", str(d))
    monkeypatch.delenv("IMAGEIO_FFMPEG_EXE", raising=False)
    return d


def _runs(exe: str) -> bool:
    out = subprocess.run([exe, "-version"], capture_output=True, text=True)
    return out.returncode == 0 and out.stdout.startswith("ffmpeg version")


# --------------------------------------------------------------------------- discovery


def test_ffmpeg_absent_from_path_falls_back_to_the_packaged_binary(empty_path):
    assert shutil.which("ffmpeg") is None
    tool = media.find_ffmpeg()
    assert tool.source == "package:imageio-ffmpeg"
    assert "imageio_ffmpeg" in Path(tool.path).parts and _runs(tool.path)
    assert media.find_ffprobe() is None


def test_ffmpeg_on_path_is_preferred(tmp_path, monkeypatch):
    """A folder on PATH with only an ``ffmpeg`` (no ffprobe, as many Windows installs): PATH wins."""
    import imageio_ffmpeg

    d = tmp_path / "bin with space"
    d.mkdir()
    link = d / ("ffmpeg.exe" if os.name == "nt" else "ffmpeg")
    try:
        link.symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    except OSError:
        shutil.copy2(imageio_ffmpeg.get_ffmpeg_exe(), link)
    monkeypatch.setenv("PATH", str(d))
    tool = media.find_ffmpeg()
    assert tool == media.Tool(str(link), "PATH")
    assert media.find_ffprobe() is None


def test_system_ffmpeg_and_ffprobe_found_on_path():
    system = shutil.which("ffmpeg")
    if system is None:
        pytest.skip("no ffmpeg on PATH here")
    assert media.find_ffmpeg() == media.Tool(system, "PATH")
    probe = media.find_ffprobe()
    assert probe is None or probe.source == "PATH"


def test_no_ffmpeg_anywhere_says_what_to_install(empty_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # as if the package were not installed
    with pytest.raises(DependencyError) as e:
        media.find_ffmpeg()
    assert "imageio-ffmpeg" in str(e.value) and "apt-get install ffmpeg" in str(e.value)


# --------------------------------------------------------------------------- probing without ffprobe


def test_pyav_probe_reads_the_facts(empty_path, clips):
    info = media.probe(clips["av"])
    assert info.prober == "pyav"
    assert info.has_audio and info.has_video
    assert info.duration_sec == pytest.approx(DURATION, abs=0.1)
    assert info.fps == pytest.approx(FPS)
    assert (info.width, info.height) == SIZE
    assert (info.video_codec, info.audio_codec) == ("mpeg4", "aac")
    silent = media.probe(clips["video_only"])
    assert silent.prober == "pyav" and silent.has_video and not silent.has_audio and silent.audio_codec == ""


def test_pyav_and_ffprobe_agree(clips, tmp_path, monkeypatch):
    if media.find_ffprobe() is None:
        pytest.skip("no ffprobe on PATH here")
    with_ffprobe = media.probe(clips["av"])
    assert with_ffprobe.prober == "ffprobe"
    monkeypatch.setenv("PATH", str(tmp_path))  # hide ffprobe
    with_pyav = media.probe(clips["av"])
    assert with_pyav.prober == "pyav"
    for key in ("has_audio", "has_video", "fps", "width", "height", "video_codec", "audio_codec"):
        assert getattr(with_pyav, key) == getattr(with_ffprobe, key), key
    assert with_pyav.duration_sec == pytest.approx(with_ffprobe.duration_sec, abs=0.05)


def test_pyav_probe_rejects_a_text_file_renamed_mp4(empty_path, tmp_path):
    fake = tmp_path / "not a video.mp4"
    fake.write_text("this is not a video\n" * 50, encoding="utf-8")
    with pytest.raises(InputError) as e:
        media.probe(fake)
    assert "not a video.mp4" in str(e.value)


# --------------------------------------------------------------------------- extraction with ffmpeg hidden


def test_extract_audio_end_to_end_with_ffmpeg_and_ffprobe_hidden(tmp_path, clips):
    """The stage's own CLI, in a process whose PATH has neither ffmpeg nor ffprobe."""
    bare = tmp_path / "bare"
    bare.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "IMAGEIO_FFMPEG_EXE"}
    env["PATH"] = str(bare)
    outdir = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_audio.py"), "--video", str(clips["av"]),
                           "--outdir", str(outdir)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads((outdir / "audio.json").read_text(encoding="utf-8"))
    assert facts["ffmpeg"] == "package:imageio-ffmpeg"
    assert facts["media"]["prober"] == "pyav"
    assert facts["media"]["duration_sec"] == pytest.approx(DURATION, abs=0.1)
    with wave.open(str(outdir / facts["audio_path"]), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        assert w.getnframes() / 16000 == pytest.approx(DURATION, abs=0.1)
