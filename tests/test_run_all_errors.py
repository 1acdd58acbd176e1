"""Bad input: one readable line on stderr, a non-zero exit, and no report.json left behind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_all(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--quiet", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def assert_clean_failure(proc: subprocess.CompletedProcess, outdir: Path, needle: str) -> None:
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and needle in lines[0], lines[0]
    assert "Traceback" not in proc.stderr
    assert not (outdir / "report.json").exists()
    leftovers = [p.name for p in outdir.glob(".*tmp*")] if outdir.is_dir() else []
    assert leftovers == []


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def good_clip(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "clip.mp4"
    _ffmpeg("-f", "lavfi", "-i", "testsrc=s=320x240:d=6", "-f", "lavfi", "-i", "sine=d=6",
            "-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart", str(path))
    return path


def test_missing_file(tmp_path):
    proc = run_all("--video", tmp_path / "nope.mp4", "--outdir", tmp_path / "out")
    assert_clean_failure(proc, tmp_path / "out", "not found")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    proc = run_all("--video", empty, "--outdir", tmp_path / "out")
    assert_clean_failure(proc, tmp_path / "out", "empty")


def test_text_file_renamed_mp4(tmp_path):
    fake = tmp_path / "notes.mp4"
    fake.write_text("This is a text file, not a video.\n" * 20)
    proc = run_all("--video", fake, "--outdir", tmp_path / "out")
    assert_clean_failure(proc, tmp_path / "out", "not a readable video")


def test_truncated_video_without_index(tmp_path, good_clip):
    data = good_clip.read_bytes()
    cut = tmp_path / "cut.mp4"
    # moov atom at the end (no faststart): cut it off
    _ffmpeg("-i", str(good_clip), "-c", "copy", str(tmp_path / "plain.mp4"))
    plain = (tmp_path / "plain.mp4").read_bytes()
    cut.write_bytes(plain[: len(plain) // 2])
    proc = run_all("--video", cut, "--outdir", tmp_path / "out")
    assert_clean_failure(proc, tmp_path / "out", "not a readable video")
    assert len(data) > 0


def test_truncated_video_with_index(tmp_path, good_clip):
    data = good_clip.read_bytes()
    cut = tmp_path / "cut_faststart.mp4"
    cut.write_bytes(data[: len(data) // 2])
    proc = run_all("--video", cut, "--outdir", tmp_path / "out")
    assert_clean_failure(proc, tmp_path / "out", "truncated or corrupt")


def test_outdir_is_a_file(tmp_path, good_clip):
    target = tmp_path / "im_a_file"
    target.write_text("x")
    proc = run_all("--video", good_clip, "--outdir", target)
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "not a folder" in proc.stderr
    assert target.read_text() == "x"


def test_video_is_a_folder(tmp_path):
    proc = run_all("--video", tmp_path, "--outdir", tmp_path / "out")
    assert_clean_failure(proc, tmp_path / "out", "folder")


def test_debug_shows_traceback(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--debug", "--video", str(tmp_path / "x.mp4"),
                           "--outdir", str(tmp_path / "o")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr


def test_help_documents_every_flag():
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--help"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0
    for flag in ("--video", "--outdir", "--sample-fps", "--smooth-win", "--max-width", "--max-timeline", "--lang",
                 "--asr-model", "--device", "--threads", "--force", "--only", "--quiet", "--debug", "--mode",
                 "--no-emotions", "--questions", "--blur-faces", "--html", "--check"):
        assert flag in proc.stdout, flag
