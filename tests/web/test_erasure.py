"""GDPR erasure: a deleted interview leaves nothing on disk, even while its analysis runs.

- The pipeline's whole process group is killed and waited for (real processes: a
  shell whose background child keeps writing).
- The orphan sweep removes analysis folders and videos with no interview row, and
  nothing else (an existing interview, foreign names, symbolic links' targets).
- On the real stack (a real Celery worker on Redis, PostgreSQL, the real pipeline on
  a generated ~24 s clip): DELETE at about 10 %, 50 % and 90 % of the analysis, as
  the job reports its progress; the folder and the video are gone within
  ``ERASED_WITHIN`` seconds and stay gone; a queued job deleted meanwhile is revoked
  and never starts. Each delete happens at the first progress the job reports at or
  above its target: a clip under 30 s is transcribed in one Whisper window, so the
  reported progress jumps from about 30 % to about 74 % and the "50 %" delete lands
  there (seen: about 15-20 %, 74 %, 92-94 %).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.web.conftest import SPOKEN_TEXT, pipeline_pids, upload, wait_for

ERASED_WITHIN = 15.0  # seconds from the 204 until nothing of the interview is on disk
WATCH_FOR = 5.0  # seconds it must then stay gone


# --------------------------------------------------------------------------- the process group


def test_a_cancelled_job_kills_its_whole_process_group_and_no_late_write_survives(tmp_path, settings):
    from interview_ai_lab_web.interviews.erasure import remove_tree
    from interview_ai_lab_web.interviews.pipeline_process import Cancelled, run_pipeline_process

    out = tmp_path / "analysis"
    out.mkdir()
    # the analysis stands in as a shell whose background child keeps writing (as a stage's thread or ffmpeg would).
    script = (f"(while true; do date +%s%N > {out}/late.txt; sleep 0.05; done) & "
              f"sleep 60 & while true; do touch {out}/parent.txt; sleep 0.05; done")
    t0 = time.monotonic()
    ticks = {"n": 0}

    def still_wanted() -> bool:  # the interview is "deleted" after about 1.5 s
        ticks["n"] += 1
        return time.monotonic() - t0 < 1.5

    with pytest.raises(Cancelled):
        run_pipeline_process(["sh", "-c", script], outdir=out, time_limit=60, heartbeat_sec=5,
                             on_progress=lambda s, p: None, on_heartbeat=lambda: True,
                             still_wanted=still_wanted, cancel_check_sec=0.25)
    stopped_after = time.monotonic() - t0
    assert stopped_after < 4.0, stopped_after  # checked every 0.25 s, killed at once
    assert ticks["n"] >= 5
    assert (out / "late.txt").is_file()  # the child did write while it ran
    assert remove_tree(out)
    time.sleep(1.0)  # nothing of the group is left to write again
    assert not out.exists()


def test_the_pipeline_environment_keeps_downloads_off_unless_allowed(settings):
    from interview_ai_lab_web.interviews.pipeline_process import pipeline_env

    settings.IAL_ALLOW_DOWNLOADS = False
    env = pipeline_env()
    assert env["IAL_ALLOW_DOWNLOADS"] == "0" and env["HF_HUB_OFFLINE"] == "1" and env["TRANSFORMERS_OFFLINE"] == "1"
    probe = "from interview_ai_lab.runtime.model_resolver import downloads_allowed as d; print(d())"
    root = str(settings.REPO_ROOT)
    assert subprocess.run([settings.IAL_PIPELINE_PYTHON, "-c", probe], env=env, cwd=root, capture_output=True,
                          text=True, check=True).stdout.strip() == "False"
    settings.IAL_ALLOW_DOWNLOADS = True
    env = pipeline_env()
    assert env["IAL_ALLOW_DOWNLOADS"] == "1"
    env.pop("HF_HUB_OFFLINE", None)
    env.pop("IAL_OFFLINE", None)
    assert subprocess.run([settings.IAL_PIPELINE_PYTHON, "-c", probe], env=env, cwd=root, capture_output=True,
                          text=True, check=True).stdout.strip() == "True"


def test_the_worker_default_is_no_downloads():
    """Settings read with IAL_ALLOW_DOWNLOADS unset: off."""
    env = {k: v for k, v in os.environ.items() if k != "IAL_ALLOW_DOWNLOADS"}
    code = "import django; django.setup(); from django.conf import settings as s; print(s.IAL_ALLOW_DOWNLOADS)"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=str(Path(__file__).resolve().parents[2] / "web"),
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


# --------------------------------------------------------------------------- the orphan sweep


def _old(path: Path, age: float = 3600.0) -> Path:
    t = time.time() - age
    os.utime(path, (t, t), follow_symlinks=False)
    return path


@pytest.mark.django_db
def test_the_sweep_removes_orphans_and_nothing_else(api, interview_clip, settings, tmp_path):
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.privacy import sweep_orphans

    root = Path(settings.MEDIA_ROOT)
    kept = Interview.objects.get(pk=upload(api, interview_clip).json()["id"])
    kept_video = _old(kept.video_path())
    kept_dir = kept.analysis_dir()
    kept_dir.mkdir(parents=True)
    (kept_dir / "transcript.json").write_text("{}")

    orphan_dir = root / "analyses" / str(uuid.uuid4())
    orphan_dir.mkdir(parents=True)
    for name in ("transcript.json", "faces.json", "gaze.json", "speech.json"):
        (orphan_dir / name).write_text('{"candidate": "data"}')
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("not the app's")
    os.symlink(outside, orphan_dir / "link-out")  # inside an orphan: the link goes, its target stays
    linked_orphan = root / "analyses" / str(uuid.uuid4())
    os.symlink(outside, linked_orphan)  # an orphan that is a link: the link goes, never what it points to
    foreign = root / "analyses" / "not-an-interview"
    foreign.mkdir()
    old_orphan_video = kept_video.parent / f"{uuid.uuid4().hex}.mp4"
    old_orphan_video.write_bytes(b"old orphan upload")
    _old(old_orphan_video)
    young_orphan_video = kept_video.parent / f"{uuid.uuid4().hex}.mp4"
    young_orphan_video.write_bytes(b"an upload being saved")
    empty_day = root / "videos" / "2001" / "01" / "01"
    empty_day.mkdir(parents=True)
    _old(empty_day)

    removed = sweep_orphans(min_age_sec=600)

    assert not orphan_dir.exists() and not os.path.lexists(linked_orphan) and not empty_day.exists()
    assert not old_orphan_video.exists()
    assert (outside / "precious.txt").read_text() == "not the app's"
    assert kept_video.is_file() and (kept_dir / "transcript.json").is_file()
    assert young_orphan_video.is_file() and foreign.is_dir()
    assert f"analyses/{orphan_dir.name}" in removed and f"analyses/{linked_orphan.name}" in removed
    assert sweep_orphans(min_age_sec=600) == []  # nothing left to do


def test_the_sweep_runs_on_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-orphan-files"]
    assert entry["task"] == "interviews.tasks.sweep_orphan_files" and entry["schedule"] >= 60
    from interview_ai_lab_web.celery import app

    app.loader.import_default_modules()
    assert "interviews.tasks.sweep_orphan_files" in app.tasks


# --------------------------------------------------------------------------- the real stack


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory) -> Path:
    """A ~24 s interview clip (the astronaut portrait speaking ``SPOKEN_TEXT`` three times, espeak-ng)."""
    import cv2
    import skimage.data

    folder = tmp_path_factory.mktemp("erasure-clip")
    wav, png, mp4 = folder / "speech.wav", folder / "face.png", folder / "interview.mp4"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), " ".join([SPOKEN_TEXT] * 3)], check=True)
    cv2.imwrite(str(png), cv2.resize(skimage.data.astronaut()[:, :, ::-1], (320, 320)))
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-framerate", "15", "-i", str(png), "-i", str(wav),
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", str(mp4)], check=True)
    return mp4


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_deleting_during_a_real_analysis_erases_everything(api, long_clip, celery_worker_process, settings):
    from interview_ai_lab_web.interviews.models import Interview

    log = celery_worker_process.log
    worker = celery_worker_process()
    questions = '[{"text": "Tell me about yourself.", "start": 0}]'
    t_start = time.monotonic()
    seen: dict[int, dict] = {}
    queued_id = None
    for target in (10, 50, 90):
        iid = upload(api, long_clip, questions=questions, analyze="true").json()["id"]
        interview = Interview.objects.get(pk=iid)
        video, folder = interview.video_path(), interview.analysis_dir()
        if queued_id is None:  # a second job queued behind the first: deleted while queued
            queued_id = upload(api, long_clip, analyze="true").json()["id"]
            queued = Interview.objects.get(pk=queued_id)
            assert queued.task_id and queued.status == "PENDING"

        def reached(iid=iid, target=target):  # (bound now: called within this turn of the loop)
            row = Interview.objects.filter(pk=iid).values("status", "progress").first()
            assert row["status"] in ("PENDING", "RUNNING"), (row, log.read_text(errors="replace")[-3000:])
            p = row["progress"] or {}
            return row if row["status"] == "RUNNING" and float(p.get("percent", 0)) >= target else None

        row = wait_for(reached, timeout=300, what=f"{target} % of the analysis", proc=worker, log=log, every=0.1)
        assert folder.is_dir()  # the pipeline is writing
        if target == 10:
            assert api.delete(f"/api/interviews/{queued_id}/").status_code == 204
            assert not queued.video_path().exists() and not queued.analysis_dir().exists()
        assert api.delete(f"/api/interviews/{iid}/").status_code == 204
        t_deleted = time.monotonic()
        seen[target] = row["progress"]

        def erased(iid=iid, folder=folder, video=video):
            return not pipeline_pids(iid) and not os.path.lexists(folder) and not os.path.lexists(video)

        wait_for(erased, timeout=ERASED_WITHIN, what=f"the erasure after a delete at {row['progress']}",
                 proc=worker, log=log, every=0.1)
        seen[target]["erased_after_sec"] = round(time.monotonic() - t_deleted, 2)
        watch_until = time.monotonic() + WATCH_FOR
        while time.monotonic() < watch_until:  # a late write of a stage would bring it back
            assert not os.path.lexists(folder), f"{folder} came back after the delete at {row['progress']}"
            time.sleep(0.1)
        assert not Interview.objects.filter(pk=iid).exists()
        assert f"interview {iid}: deleted while its job ran; files erased" in log.read_text(errors="replace")

    from interview_ai_lab_web.celery import app

    revoked = app.control.inspect(timeout=5).revoked() or {}
    assert any(queued.task_id in ids for ids in revoked.values()), revoked  # the worker knows the job is revoked
    text = log.read_text(errors="replace")
    assert f"interview {queued_id}: analysis started" not in text  # it never ran
    assert not queued.analysis_dir().exists()
    assert [seen[t]["percent"] >= t for t in (10, 50, 90)] == [True] * 3
    # Each delete hit a job still RUNNING (``reached`` checks it). The last stages are a few per cent of the run,
    # so on a fast or loaded machine the first progress seen at or above 90 % may already be the merge's 100 %,
    # with the pipeline process still alive; the earlier targets must land before the end.
    assert seen[10]["percent"] < 100 and seen[50]["percent"] < 100
    print(f"\nerasure: deleted at {seen}; whole test {time.monotonic() - t_start:.1f} s")
