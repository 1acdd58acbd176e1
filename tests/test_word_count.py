"""The example stage: picked up by the registry, the scheduler, ``--only`` and the merge with no other file edited."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scripts.api import AnalysisConfig, analyse
from scripts.core.runtime import registry
from scripts.core.runtime.stage import Context
from scripts.word_count import STAGE, Options

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Hello, my name is Anna. I am a data analyst, and I love it!"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "transcript.json").write_text(json.dumps({"text": TEXT, "segments": [], "language": "en"}))
    (tmp_path / "video.mp4").write_bytes(b"not read by these stages")
    return tmp_path


def test_the_registry_orders_it_after_what_it_reads():
    names = registry.stage_names()
    assert "word_count" in names and names[-1] == "merge_report"
    assert registry.dependencies("word_count") == {"transcribe"}
    assert names.index("transcribe") < names.index("word_count")
    assert "word_count" in registry.dependencies("merge_report")
    assert isinstance(AnalysisConfig().word_count, Options)


def test_it_counts_and_the_runner_skips_it_when_unchanged(tmp_path, caplog):
    ctx = Context(video=_folder(tmp_path) / "video.mp4", outdir=tmp_path, threads=1)
    out = STAGE(ctx)
    art = json.loads(out.read_text())
    assert art["word_count"] == {"words": 14, "min_length": 1}
    assert art["_meta"]["stage"] == "word_count" and "transcript.json" in art["_meta"]["inputs"]
    with caplog.at_level("INFO"):
        STAGE(ctx)
    assert "Stage 'word_count' didn't change, skipping" in caplog.text
    assert json.loads(STAGE(ctx, Options(min_length=3)).read_text())["word_count"]["words"] == 7


def test_only_it_then_the_merge_through_the_api_and_the_cli(tmp_path):
    folder = _folder(tmp_path)
    report = analyse(folder / "video.mp4", folder, AnalysisConfig(only="word_count", threads=1))
    assert report.word_count == {"words": 14, "min_length": 1}
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--video", str(folder / "video.mp4"), "--outdir",
                           str(folder), "--only", "word_count", "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(Path(proc.stdout.strip().splitlines()[-1]).read_text())["word_count"]["words"] == 14
    help_text = subprocess.run([sys.executable, "scripts/word_count.py", "--help"], capture_output=True, text=True,
                               cwd=ROOT).stdout
    assert "--min-length" in help_text and "(default: 1)" in help_text
