"""The front end's own tests, run from pytest so the README's single test command covers them.

- ``npm run typecheck`` (TypeScript) and ``npm test`` (Vitest component tests, jsdom);
- the offline ``report.html`` (coaching and recruitment reports) in real headless Chromium;
- the end-to-end test ``frontend/e2e/run.mjs``: PostgreSQL, Redis, the Django server, a Celery
  worker running the real pipeline, and Chromium driving the app (sign in, upload, analyse,
  report, assessment, delete). Screenshots land in ``tests/artifacts/``.

Skipped only when Node.js/npm are not installed (the CLI does not need them). ``npm ci`` runs
first when ``frontend/node_modules`` is missing or older than the lock file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from interview_ai_lab.report import html as html_report

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"
ARTIFACTS = ROOT / "tests" / "artifacts"
NODE = shutil.which("node")
NPM = shutil.which("npm")

pytestmark = pytest.mark.skipif(not (NODE and NPM), reason="Node.js and npm are not installed")


def _run(cmd: list[str], *, timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=FRONTEND, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", **(env or {})})


def _check(proc: subprocess.CompletedProcess[str], what: str) -> str:
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{what} failed (exit {proc.returncode}):\n{out[-8000:]}"
    return out


@pytest.fixture(scope="module")
def frontend() -> Path:
    """``frontend/`` with its node_modules installed from the lock file."""
    stamp = FRONTEND / "node_modules" / ".package-lock.json"
    lock = FRONTEND / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        _check(_run([NPM, "ci", "--no-audit", "--no-fund"], timeout=600), "npm ci")
    return FRONTEND


def test_typescript_compiles(frontend: Path) -> None:
    _check(_run([NPM, "run", "typecheck"], timeout=300), "npm run typecheck")


def test_component_tests_pass(frontend: Path) -> None:
    out = _check(_run([NPM, "test"], timeout=600), "npm test (Vitest)")
    assert re.search(r"Tests\s+\d+ passed", out) and not re.search(r"Tests\s+\d+ failed", out), out[-3000:]


@pytest.fixture(scope="module")
def local_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 s test-pattern video (ffmpeg lavfi), long enough for every time in the sample report."""
    from interview_ai_lab.media.ffmpeg import find_ffmpeg

    path = tmp_path_factory.mktemp("viewer-video") / "interview.mp4"
    subprocess.run([find_ffmpeg().path, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=160x120:rate=5:duration=50", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(path)], check=True, timeout=120)
    return path


@pytest.mark.parametrize("mode", ["coaching", "recruitment"])
def test_offline_report_renders_in_chromium(frontend: Path, tmp_path: Path, mode: str, local_video: Path) -> None:
    report = json.loads((FRONTEND / "src" / "fixtures" / "sample-report.json").read_text(encoding="utf-8"))
    if mode == "recruitment":
        report["meta"]["mode"] = "recruitment"
        report["nonverbal"]["emotions"] = None
    (tmp_path / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    page = html_report.write_html(tmp_path / "report.json")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"offline-report-{mode}.png"
    out = _check(_run([NODE, "e2e/viewer.mjs", str(page), str(shot), str(local_video)], timeout=180),
                 "the offline report in Chromium")
    result = json.loads(out.strip().splitlines()[-1].split("viewer ok: ", 1)[1])
    assert result["mode"] == mode
    assert result["emotionPanels"] == (1 if mode == "coaching" else 0)
    # The video picked from disk seeks to the clicked transcript word (word 10 of the sample).
    assert result["seeked"] == pytest.approx(report["words"][10]["start"], abs=0.05)
    assert shot.stat().st_size > 10_000


def _kill_groups(pidfile: Path) -> None:
    """Stop what the end-to-end script started, when it could not do it itself."""
    if not pidfile.exists():
        return
    for line in pidfile.read_text().split():
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(int(line), sig)
            except (ProcessLookupError, PermissionError, ValueError):
                break
            time.sleep(2)


def _run_node_script(script: str, tmp_path: Path, *, timeout: int, what: str) -> str:
    """Run ``frontend/<script>`` in its own process group; its output, or a failure that shows its end.

    The script writes the process groups it starts to ``IAL_E2E_PIDFILE`` and stops them on SIGTERM;
    whatever is left when it fails or times out is stopped here.
    """
    pidfile = tmp_path / (Path(script).stem + ".pids")
    proc = subprocess.Popen([NODE, script], cwd=FRONTEND, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True,
                            env={**os.environ, "NO_COLOR": "1", "IAL_E2E_PIDFILE": str(pidfile)})
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)  # the script cleans up on SIGTERM
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        _kill_groups(pidfile)
        pytest.fail(f"{what} did not finish in {timeout // 60} min:\n{out[-8000:]}")
    if proc.returncode != 0:
        _kill_groups(pidfile)
    assert proc.returncode == 0, f"{what} failed:\n{out[-12000:]}"
    return out


def test_app_end_to_end_in_chromium(frontend: Path, tmp_path: Path) -> None:
    out = _run_node_script("e2e/run.mjs", tmp_path, timeout=1200, what="the end-to-end test")
    assert "OK: no console error" in out
    assert (ARTIFACTS / "e2e-report.png").stat().st_size > 10_000


def test_french_ui_walk_in_chromium(frontend: Path, tmp_path: Path) -> None:
    """Sign-in, the list, a refused upload and five report pages in French (``frontend/e2e/walk_fr.mjs``).

    The pages (done, no audio, no face, with questions, failed) show no English, no internal file name or
    server path, and French numbers; the interviews are stored through Django, no analysis runs.
    """
    out = _run_node_script("e2e/walk_fr.mjs", tmp_path, timeout=600, what="the French walk")
    assert "OK: every page in French" in out
    for page in ("list", "upload-refused", "done", "no_audio", "no_face", "questions", "failed"):
        assert (ARTIFACTS / f"walk-fr-{page}.png").stat().st_size > 10_000


def test_positions_walk_in_chromium(frontend: Path, tmp_path: Path) -> None:
    """A recruiter and a reviewer of one organisation on a seeded position of six candidates.

    ``frontend/e2e/walk_positions.mjs`` against the real Django server: the comparison ranks only complete
    scores, a question cell opens the answer in the video, the adverse-impact report and its CSV, the
    reviewer's read-only pages; French, accessible.
    """
    out = _run_node_script("e2e/walk_positions.mjs", tmp_path, timeout=600, what="the positions walk")
    assert "OK: positions, comparison, answer links, adverse impact, reviewer read-only" in out


@pytest.mark.slow
def test_candidate_walk_in_chromium(frontend: Path, tmp_path: Path) -> None:
    """One-way interviews recorded in the candidate's browser (``frontend/e2e/walk_candidate.mjs``).

    On gunicorn, a real Celery worker, PostgreSQL, Redis and a loopback SMTP server; a fake camera and
    microphone fed from the synthetic face and real speech. A French candidate on a phone-sized window (think
    time, a retake, the first take chosen, a reload that resumes at question 3) and an English one (the network
    cut mid-upload: resumed, the file byte for byte the recording); the invitation e-mail received with a working
    link; expired, revoked and forged links refused in the candidate's language with no data; axe clean; both
    reports analysed with three answers whose boundaries are within 0.5 s of the recordings' lengths.
    """
    out = _run_node_script("e2e/walk_candidate.mjs", tmp_path, timeout=900, what="the candidate walk")
    assert "OK: one-way interviews recorded in the browser" in out
    for page in ("fr-welcome", "fr-consent", "fr-device", "fr-question-recording", "fr-review", "fr-done",
                 "en-upload-offline", "refused-expired", "refused-revoked", "refused-invalid", "fr-camera-refused"):
        assert (ARTIFACTS / f"candidate-{page}.png").stat().st_size > 5_000
