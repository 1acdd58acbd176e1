"""Paths with spaces, accents and shell characters work through extract_audio and run_all (no shell strings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from interview_ai_lab.runner import run_stage
from interview_ai_lab.runtime.stage import Context
from interview_ai_lab.stages import extract_audio

from .test_ffmpeg_discovery import DURATION, make_clip

ROOT = Path(__file__).resolve().parent.parent
#: A folder and a file name a French recruiter might use, plus characters a shell would interpret.
FOLDER = "Entretien été"
NAME = "vidéo candidat l'été & co $HOME;.mp4"
OUT = "sortie à l'essai/r 1 (ü)"


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("paths") / FOLDER / NAME)


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        assert (w.getframerate(), w.getnchannels()) == (16000, 1)
        return w.getnframes() / w.getframerate()


def test_stage_cli_with_relative_non_ascii_paths_in_a_c_locale(video):
    """``python scripts/extract_audio.py`` run from the video's parent, relative paths, LC_ALL=C."""
    cwd = video.parent.parent
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_audio.py"),
                           "--video", str(Path(FOLDER) / NAME), "--outdir", OUT],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)
    assert proc.returncode == 0, proc.stderr
    outdir = cwd / OUT
    facts = json.loads((outdir / "audio.json").read_text(encoding="utf-8"))
    assert Path(facts["video"]) == Path(FOLDER) / NAME
    assert facts["media"]["has_video"] and facts["media"]["has_audio"]
    assert _wav_seconds(outdir / facts["audio_path"]) == pytest.approx(DURATION, abs=0.1)


def test_stage_run_in_process_then_skips_when_unchanged(video, tmp_path):
    outdir = tmp_path / OUT
    ctx = Context(video=video, outdir=outdir, threads=1)
    outdir.mkdir(parents=True)
    first = run_stage(extract_audio.STAGE, ctx, extract_audio.Options())
    assert first == outdir / "audio.json"
    stamp = first.stat().st_mtime_ns
    assert run_stage(extract_audio.STAGE, ctx, extract_audio.Options()) == first
    assert first.stat().st_mtime_ns == stamp, "an unchanged stage must be skipped, not rewritten"
    assert _wav_seconds(outdir / "audio.wav") == pytest.approx(DURATION, abs=0.1)


def test_run_all_only_extract_audio_with_non_ascii_paths(video, tmp_path):
    outdir = tmp_path / OUT
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--video", str(video), "--outdir", str(outdir),
                           "--only", "extract_audio", "--quiet"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stderr
    report = Path(proc.stdout.strip().splitlines()[-1])
    assert report == outdir / "report.json" and report.is_file()
    json.loads(report.read_text(encoding="utf-8"))
    assert _wav_seconds(outdir / "audio.wav") == pytest.approx(DURATION, abs=0.1)
    assert not list(outdir.glob("*.tmp*")), "no temporary file may be left behind"
