"""The media in a real S3 bucket (SeaweedFS on the loopback): upload, playback, export, erasure, retention, orphans.

The test process's default storage is the bucket (a prefix per test); every API call and
service runs as on a web server with ``IAL_MEDIA_STORAGE=s3``. Each GDPR duty that holds on
the disk is checked here on the bucket: the export holds the video, a delete and the
retention leave no object, the orphan sweep removes what no interview names and nothing else.
The bucket is private: an unsigned or a badly signed request is refused; the app's video
endpoint streams the object with HTTP Range.
"""

from __future__ import annotations

import io
import os
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from datetime import timedelta

import pytest

from tests.web.conftest import upload

pytestmark = pytest.mark.django_db


def _keys(store, bucket_name, prefix, under=""):
    return [k[len(prefix) + 1:] for k in store.keys(bucket_name, f"{prefix}/{under}")]


def test_an_upload_lands_in_the_bucket_and_plays_through_the_app_with_range(api, bucket, interview_clip, settings,
                                                                           tmp_path):
    from django.core.files.storage import default_storage

    from interview_ai_lab_web.interviews.models import Interview

    store, name, prefix = bucket
    settings.MEDIA_ROOT = tmp_path / "media-not-used"
    resp = upload(api, interview_clip)
    assert resp.status_code == 201, resp.content
    interview = Interview.objects.get(pk=resp.json()["id"])
    data = interview_clip.read_bytes()
    assert _keys(store, name, prefix) == [interview.video.name]  # videos/Y/m/d/<uuid>.mp4, nothing else
    assert interview.video.name.startswith("videos/") and not settings.MEDIA_ROOT.exists()

    # Through the app: whole (200), a range (206), the last bytes, past the end (416).
    whole = api.get(f"/api/interviews/{interview.pk}/video/")
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == data
    assert whole["Accept-Ranges"] == "bytes" and int(whole["Content-Length"]) == len(data)
    part = api.get(f"/api/interviews/{interview.pk}/video/", HTTP_RANGE="bytes=100-1123")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-1123/{len(data)}"
    assert b"".join(part.streaming_content) == data[100:1124]
    tail = api.get(f"/api/interviews/{interview.pk}/video/", HTTP_RANGE="bytes=-500")
    assert b"".join(tail.streaming_content) == data[-500:]
    assert api.get(f"/api/interviews/{interview.pk}/video/", HTTP_RANGE=f"bytes={len(data)}-").status_code == 416

    # Nobody reaches the bucket unsigned or with a wrong signature; a signed URL works, for a short time.
    key = f"{prefix}/{interview.video.name}"
    for url in (f"{store.endpoint}/{name}/{key}",
                default_storage.url(interview.video.name).replace("Signature=", "Signature=0")):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 403
    signed = default_storage.url(interview.video.name)
    assert "X-Amz-Expires=60" in signed
    assert urllib.request.urlopen(signed, timeout=10).read() == data


def test_the_export_holds_the_video_and_its_blurred_copy_from_the_bucket(api, bucket, interview_clip, tmp_path):
    from interview_ai_lab_web.interviews import stored_media
    from interview_ai_lab_web.interviews.models import Interview

    iid = upload(api, interview_clip).json()["id"]
    blurred = tmp_path / "video_blurred.mp4"
    blurred.write_bytes(b"blurred-copy-" + os.urandom(64))
    stored_media.upload(blurred, stored_media.blurred_name(iid))
    Interview.objects.filter(pk=iid).update(blur_status=Interview.BlurStatus.DONE)
    resp = api.get(f"/api/interviews/{iid}/export/")
    assert resp.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    assert archive.read("video/interview.mp4") == interview_clip.read_bytes()
    assert archive.read("video/video_blurred.mp4") == blurred.read_bytes()
    assert archive.testzip() is None
    blur = api.get(f"/api/interviews/{iid}/video/?blurred=1")
    assert blur.status_code == 200 and b"".join(blur.streaming_content) == blurred.read_bytes()


def _with_artefacts(api, clip, tmp_path, n):
    """``n`` uploads, each with three files in ``analyses/<id>/`` as a job would have put back; their ids."""
    from interview_ai_lab_web.interviews import stored_media

    ids = [upload(api, clip, name=f"C{i}").json()["id"] for i in range(n)]
    artefact = tmp_path / "report.json"
    artefact.write_text("{}")
    for iid in ids:
        for rel in ("report.json", "transcript.json", "video_blurred.mp4"):
            stored_media.upload(artefact, stored_media.analysis_prefix(iid) + rel)
    return ids


def _everything_of(interview):
    return sorted([interview.video.name] + [f"analyses/{interview.pk}/{rel}"
                                            for rel in ("report.json", "transcript.json", "video_blurred.mp4")])


def test_a_delete_leaves_nothing_of_the_interview_in_the_bucket(api, bucket, interview_clip, tmp_path,
                                                                django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews.models import Interview

    store, name, prefix = bucket
    gone, kept = _with_artefacts(api, interview_clip, tmp_path, 2)
    assert len(_keys(store, name, prefix)) == 2 * 4
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the delete is committed
        assert api.delete(f"/api/interviews/{gone}/").status_code == 204
    assert _keys(store, name, prefix) == _everything_of(Interview.objects.get(pk=kept))


def test_retention_leaves_nothing_of_an_expired_interview_in_the_bucket(api, bucket, interview_clip, tmp_path,
                                                                       settings, django_capture_on_commit_callbacks):
    from interview_ai_lab_web.interviews.models import Interview
    from interview_ai_lab_web.interviews.privacy import purge_expired

    store, name, prefix = bucket
    old, young = _with_artefacts(api, interview_clip, tmp_path, 2)
    settings.IAL_RETENTION_DAYS = 30
    Interview.objects.filter(pk=old).update(created_at=Interview.objects.get(pk=old).created_at - timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired() == [old]
    assert _keys(store, name, prefix) == _everything_of(Interview.objects.get(pk=young))


def test_the_orphan_sweep_on_the_bucket_removes_only_what_no_interview_names(api, bucket, interview_clip, tmp_path):
    from interview_ai_lab_web.interviews import stored_media
    from interview_ai_lab_web.interviews.privacy import sweep_orphans

    store, name, prefix = bucket
    kept = upload(api, interview_clip).json()["id"]
    f = tmp_path / "a.json"
    f.write_text("{}")
    orphan_id = str(uuid.uuid4())
    for rel in (f"analyses/{kept}/report.json", f"analyses/{orphan_id}/report.json",
                f"analyses/{orphan_id}/sub/deep.json", "analyses/not-a-uuid/x.json",
                f"videos/2024/01/02/{uuid.uuid4().hex}.mp4", "elsewhere/keep.txt"):
        stored_media.upload(f, rel)
    before = _keys(store, name, prefix)
    assert sweep_orphans(min_age_sec=600) == [f"analyses/{orphan_id}"]  # the video is too young to be an orphan
    time.sleep(1.1)
    removed = sweep_orphans(min_age_sec=0)
    assert len(removed) == 1 and removed[0].startswith("videos/2024/01/02/")
    after = _keys(store, name, prefix)
    assert sorted(set(before) - set(after)) == sorted([f"analyses/{orphan_id}/report.json",
                                                       f"analyses/{orphan_id}/sub/deep.json", removed[0]])
    assert "analyses/not-a-uuid/x.json" in after and "elsewhere/keep.txt" in after
    assert f"analyses/{kept}/report.json" in after
    assert sweep_orphans(min_age_sec=0) == []


def test_a_job_workspace_fetches_puts_back_and_removes_its_scratch(api, bucket, interview_clip, settings, tmp_path):
    """The worker's side: a scratch folder filled the same way each time, only changes put back, then removed.

    The video and the kept artefacts come into a scratch folder with the same names and modification times each
    time (the pipeline's fingerprints of large files read them), only what changed goes back, a file the run
    removed is removed from the bucket, and the scratch folder is gone at the end, also when the run raised.
    """
    from interview_ai_lab.runtime.artefacts import fingerprint
    from interview_ai_lab_web.interviews import stored_media
    from interview_ai_lab_web.interviews.job_workspace import open_workspace
    from interview_ai_lab_web.interviews.models import Interview

    store, name, prefix = bucket
    settings.IAL_SCRATCH_DIR = tmp_path / "scratch"
    interview = Interview.objects.get(pk=upload(api, interview_clip).json()["id"])
    with open_workspace(interview) as ws:
        assert ws.remote and ws.scratch.parent == settings.IAL_SCRATCH_DIR
        assert ws.video.name == os.path.basename(interview.video.name)
        assert ws.video.read_bytes() == interview_clip.read_bytes() and ws.fetched == {}
        first_print = fingerprint(ws.video), ws.video.stat().st_mtime_ns
        big = ws.outdir / "audio.wav"
        big.write_bytes(os.urandom(9 * 1024 * 1024))  # fingerprinted by size + time, not content
        (ws.outdir / "gone.json").write_text("{}")
        (ws.outdir / ".report.abc.tmp.json").write_text("partial")
        assert sorted(ws.put_back()) == [stored_media.analysis_prefix(interview.pk) + n
                                         for n in ("audio.wav", "gone.json")]
        big_print = fingerprint(big)
        scratch = ws.scratch
    assert not scratch.exists()
    with pytest.raises(RuntimeError), open_workspace(interview) as ws:
        assert (fingerprint(ws.video), ws.video.stat().st_mtime_ns) == first_print
        assert fingerprint(ws.outdir / "audio.wav") == big_print  # the same file for the freshness check
        (ws.outdir / "gone.json").unlink()
        (ws.outdir / "report.json").write_text('{"ok": true}')
        assert ws.put_back() == [stored_media.analysis_prefix(interview.pk) + "report.json"]  # audio.wav unchanged
        scratch = ws.scratch
        raise RuntimeError("the run failed")
    assert not scratch.exists() and list(settings.IAL_SCRATCH_DIR.iterdir()) == []
    assert _keys(store, name, prefix, f"analyses/{interview.pk}/") == [
        f"analyses/{interview.pk}/audio.wav", f"analyses/{interview.pk}/report.json"]


def test_a_killed_workers_scratch_is_removed_at_the_next_start(settings, tmp_path):
    import subprocess

    from interview_ai_lab_web.interviews.job_workspace import sweep_scratch

    settings.IAL_SCRATCH_DIR = tmp_path
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = tmp_path / f"job-{dead.pid}-{uuid.uuid4()}"
    (left / "analysis").mkdir(parents=True)
    mine = tmp_path / f"job-{os.getpid()}-{uuid.uuid4()}"
    mine.mkdir()
    (tmp_path / "other").mkdir()
    assert sweep_scratch() == [left.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, "other"])
