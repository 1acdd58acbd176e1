"""The whole pipeline on generated clips with known truth, through the API and once through the command line.

The API is :func:`interview_ai_lab.api.analyse`; the command line, ``run_all.py`` itself.

One interview clip (espeak-ng speech with known words, pauses and a filler, over the
astronaut's face turning in 3-D with known nods and a look-away), plus the edge cases
that must not be errors: no audio track, only silence, recruitment mode.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from interview_ai_lab.api import AnalysisConfig, Report, analyse
from interview_ai_lab.media.synthetic_face import LookAway, Nod, make_face_clip
from interview_ai_lab.media.synthetic_speech import Filler, make_speech_clip
from interview_ai_lab.report.schema import undeclared_keys

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "interview_ai_lab" / "data" / "report.schema.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def run_all(*args, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(ROOT / "run_all.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def load_report(proc: subprocess.CompletedProcess) -> dict:
    path = Path(proc.stdout.strip().splitlines()[-1])
    assert path.name == "report.json" and path.is_file()
    report = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    return report


def analysed(video: Path, outdir: Path, config: AnalysisConfig | None = None) -> dict:
    """``analyse`` in this process; the report.json it wrote (schema-checked), which the returned model holds."""
    model = analyse(video, outdir, config)
    assert isinstance(model, Report)
    report = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, SCHEMA)
    assert undeclared_keys(report) == [], "declare these keys in interview_ai_lab/report/schema.py"
    assert model.scores.total == report["scores"]["total"] and model.transcript == report["transcript"]
    return report


@pytest.fixture(scope="module")
def interview(tmp_path_factory):
    d = tmp_path_factory.mktemp("interview")
    speech = make_speech_clip([
        0.8,
        "Hello, my name is Anna and I am very happy to apply for this position.", 1.2,
        Filler("um"), "I worked five years as a software engineer in a great team.", 2.0,
        "I love solving difficult problems and learning new things every day.", 1.0,
    ], "en", d / "speech.wav")
    video = d / "interview clip é.mp4"
    face = make_face_clip(video, seconds=speech.duration_sec,
                          events=[Nod(t=3.0), LookAway(6.0, 8.5, yaw=35), Nod(t=12.0)], audio=d / "speech.wav")
    outdir = d / "out"
    return speech, face, outdir, analysed(video, outdir)


def test_report_matches_the_clip(interview):
    speech, face, _, report = interview
    sp = report["speech"]
    assert sp["duration_sec"] == pytest.approx(speech.duration_sec, rel=0.02)
    true_wpm = len(speech.words) / (speech.duration_sec / 60)
    assert sp["wpm"] == pytest.approx(true_wpm, rel=0.15)
    true_silence = sum(e - s for s, e in speech.pauses)
    assert 0.8 * true_silence <= sp["silence_sec"] <= true_silence + 3.0
    assert 1 <= sp["fillers"] <= 2
    for word in ("Anna", "software", "engineer", "problems"):
        assert word.lower() in report["transcript"].lower()
    assert report["language"] == "en"
    nv = report["nonverbal"]
    assert abs(nv["nods"] - len(face.nod_times)) <= 1
    assert nv["eye_contact_ratio"] == pytest.approx(face.eye_contact_ratio, abs=0.15)
    assert nv["emotions"]["dominant_emotion"] == "happiness"
    assert sum(nv["emotions"]["distribution"].values()) == pytest.approx(1.0, abs=1e-6)
    assert report["text"]["sentiment"]["label"] == "positive"
    scores = report["scores"]
    assert all(isinstance(scores[k], float) for k in ("verbal", "paraverbal", "nonverbal", "total"))
    assert 0 <= scores["total"] <= 100
    meta = report["meta"]
    assert meta["asr_model"]["name"] and meta["emotion_model"]["name"]
    assert set(meta["stage_seconds"]) >= {"extract_audio", "transcribe", "speech_metrics", "text_analysis",
                                          "face_emotions_onnx", "gaze_nods", "scores"}
    assert meta["options"]["sequential"] is False and meta["options"]["video"].endswith("interview clip é.mp4")
    assert meta["device_choice"]["requested"] == "cpu"
    assert report["words"] and all(w["end"] >= w["start"] for w in report["words"])


def test_rerun_skips_unchanged_stages(interview, caplog):
    speech, face, outdir, report = interview
    video = next(outdir.parent.glob("*.mp4"))
    with caplog.at_level("INFO"):
        again = analysed(video, outdir, AnalysisConfig(parallel=False))
    for stage in ("extract_audio", "transcribe", "speech_metrics", "text_analysis", "face_emotions_onnx", "gaze_nods"):
        assert f"Stage '{stage}' didn't change, skipping" in caplog.text
    assert again["transcript"] == report["transcript"]
    assert again["scores"] == report["scores"]


def test_recruitment_mode_infers_no_emotion(interview, tmp_path):
    _, _, outdir, report = interview
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    video = next(outdir.parent.glob("*.mp4"))
    rep = analysed(video, copy, AnalysisConfig(mode="recruitment"))
    assert rep["meta"]["mode"] == "recruitment"
    assert rep["nonverbal"]["emotions"] is None
    assert rep["meta"]["emotion_model"] is None
    assert rep["nonverbal"]["eye_contact_ratio"] == pytest.approx(report["nonverbal"]["eye_contact_ratio"], abs=0.02)
    assert rep["scores"]["nonverbal"] is not None
    assert "emotion" not in json.dumps(rep["score_details"]["nonverbal"]["parts"]).replace("emotions", "")


def _ffmpeg(*args):
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *map(str, args)], check=True)


def test_video_without_audio_track(tmp_path):
    """Through ``run_all.py``: its last stdout line is the report, and no native library chatter reaches stderr."""
    video = tmp_path / "mute.mp4"
    make_face_clip(video, seconds=4.0, audio=None)
    proc = run_all("--video", video, "--outdir", tmp_path / "out")
    assert "inference_feedback_manager" not in proc.stderr and "XNNPACK" not in proc.stderr  # MediaPipe's C++ chatter
    rep = load_report(proc)
    assert rep["speech"] is None and rep["text"] is None and rep["transcript"] == ""
    assert any("no audio" in w.lower() for w in rep["warnings"])
    assert rep["nonverbal"]["face_detected_ratio"] > 0.9
    assert rep["scores"]["verbal"] is None and rep["scores"]["nonverbal"] is not None


def test_silence_only_without_face(tmp_path):
    video = tmp_path / "silence.mp4"
    _ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=320x240:r=10:d=5", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
            "-t", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", video)
    rep = analysed(video, tmp_path / "out")
    assert rep["transcript"] == ""
    assert rep["speech"]["wpm"] == 0
    assert rep["speech"]["silence_sec"] == pytest.approx(5.0, abs=0.3)
    nv = rep["nonverbal"]
    assert nv["eye_contact_ratio"] == 0 and nv["nods"] == 0 and nv["face_detected_ratio"] == 0
    assert rep["scores"]["nonverbal"] is None
    assert any("face" in w.lower() for w in rep["warnings"])
