"""``pip install .`` (a wheel, not editable) into a fresh venv outside the checkout runs the analysis.

The wheel is built once from a copy of the sources; the venv reaches the dependencies already installed in the
test's own environment through a path line in a ``.pth`` file (which adds that folder, without running the
``.pth`` files in it, so the checkout's editable install stays out), and gets the wheel with ``--no-deps``. Then,
from a folder outside the checkout: ``interview-ai-lab --video <a short generated clip>`` and
``python -m interview_ai_lab --help``. The report must come from the installed copy: its packaged fallback
emotion model and face landmarker lie in the venv, and so does the package that ran; a French text's sentiment is
scored there with the packaged French lexicon, as in the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from interview_ai_lab.media.synthetic_face import make_face_clip
from interview_ai_lab.media.synthetic_speech import make_speech_clip
from interview_ai_lab.runtime.model_resolver import FACE_LANDMARKER_PACKAGE_SOURCE
from interview_ai_lab.stages.text_analysis import analyse_sentiment

ROOT = Path(__file__).resolve().parent.parent
#: Top-level names that must never be installed (generic names; ``scripts`` is also a PyPI package).
FORBIDDEN_TOP_LEVEL = {"scripts", "interviews", "interview_web", "web", "tests"}

pytestmark = pytest.mark.slow


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=900, **kw)
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built from a copy of what the wheel is made of (the checkout is not written to)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "interview_ai_lab", src / "interview_ai_lab", ignore=ignore)
    shutil.copytree(ROOT / "web" / "interview_ai_lab_web", src / "web" / "interview_ai_lab_web", ignore=ignore)
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", dist, src])
    (found,) = dist.glob("interview_ai_lab-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A venv with the wheel installed (``--no-deps``) and the test environment's packages on its path."""
    root = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", root])
    py = root / "bin" / "python"
    site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", py, "install", "--no-deps", "--no-index", "-q", wheel])
    return root


def test_the_wheel_installs_only_the_project_names(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/RECORD"))
        top_level = set(z.read(f"{info}/top_level.txt").decode().split())
        metadata = z.read(f"{info}/METADATA").decode()
    installed = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top_level == installed == {"interview_ai_lab", "interview_ai_lab_web"}
    assert not (top_level | installed) & FORBIDDEN_TOP_LEVEL
    assert "License-Expression: MIT" in metadata and f"{info}/licenses/LICENSE" in names
    for data in ("interview_ai_lab/data/models/fer_mini_xception.onnx", "interview_ai_lab/data/models/face_landmarker.task",
                 "interview_ai_lab/data/models/fr-sentiment.xml", "interview_ai_lab/data/models/README.md",
                 "interview_ai_lab/data/models/LICENSE-Apache-2.0.txt", "interview_ai_lab/data/report.schema.json",
                 "interview_ai_lab/data/report_viewer.html", "interview_ai_lab/data/lexicon_fr.json"):
        assert data in names, f"{data} is not package data"


def test_the_installed_command_analyses_a_clip_outside_the_checkout(venv, tmp_path):
    clip = tmp_path / "clip.mp4"
    make_speech_clip([0.5, "Hello, I am happy to apply for this position.", 0.8], "en", tmp_path / "speech.wav")
    make_face_clip(clip, seconds=4.0, audio=tmp_path / "speech.wav")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _offline_env(tmp_path)
    py = venv / "bin" / "python"

    where = _run([py, "-c", "import interview_ai_lab, interview_ai_lab_web; print(interview_ai_lab.__file__); "
                            "print(interview_ai_lab_web.__file__)"], cwd=work, env=env).stdout.split()
    assert all(Path(w).is_relative_to(venv) for w in where), where

    help_text = _run([py, "-m", "interview_ai_lab", "--help"], cwd=work, env=env).stdout
    assert "python -m interview_ai_lab" in help_text and "--video" in help_text

    proc = _run([venv / "bin" / "interview-ai-lab", "--video", clip, "--outdir", work / "out", "--threads", "1"],
                cwd=work, env=env)
    report_path = Path(proc.stdout.strip().splitlines()[-1])
    assert report_path == work / "out" / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    emotion = report["meta"]["emotion_model"]
    assert emotion["name"] == "fer-mini-xception-7" and Path(emotion["path"]).is_relative_to(venv), emotion
    face = report["meta"]["face_model"]  # no face landmarker in models/ nor in the cache: the packaged copy
    assert face["source"] == FACE_LANDMARKER_PACKAGE_SOURCE and Path(face["path"]).is_relative_to(venv), face
    assert Path(face["path"]).read_bytes() == (ROOT / "interview_ai_lab/data/models/face_landmarker.task").read_bytes()
    assert report["transcript"].strip(), "the packaged Whisper base heard nothing"


def test_the_installed_copy_scores_french_sentiment_with_its_packaged_lexicon(venv, tmp_path):
    sentences = ["Je suis vraiment ravie de rejoindre une équipe aussi dynamique.",
                 "Je n'aime pas les conflits, mais je sais les résoudre calmement."]
    probe = ("import json, sys; from interview_ai_lab.stages.text_analysis import analyse_sentiment; "
             "from interview_ai_lab.text.sentiment import FR_LEXICON_PATH; "
             "result, notices = analyse_sentiment(json.loads(sys.argv[1]), language='fr', model=None); "
             "print(json.dumps({'lexicon': str(FR_LEXICON_PATH), 'result': result.as_dict(), "
             "'codes': [n['code'] for n in notices]}))")
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = json.loads(_run([venv / "bin" / "python", "-c", probe, json.dumps(sentences)], cwd=work,
                          env=_offline_env(tmp_path)).stdout)
    assert Path(out["lexicon"]).is_relative_to(venv) and Path(out["lexicon"]).name == "fr-sentiment.xml", out
    assert out["codes"] == ["sentiment_lexicon"]
    expected, _ = analyse_sentiment(sentences, language="fr", model=None)  # the checkout's copy
    assert out["result"] == expected.as_dict()
    assert out["result"]["method"] == "lexicon" and out["result"]["label"] == "positive", out["result"]


def _offline_env(tmp_path: Path) -> dict[str, str]:
    """This process's environment without the checkout on the path, offline, with no local model or cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing of the checkout on the path
    env.update(IAL_OFFLINE="1", HF_HUB_OFFLINE="1", IAL_MODELS_DIR=str(tmp_path / "models"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    for name in ("IAL_FACE_MODEL", "IAL_EMOTION_MODEL", "IAL_SENTIMENT_MODEL"):
        env.pop(name, None)
    return env
