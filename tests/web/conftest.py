"""Fixtures of the web tests: Django on the real PostgreSQL, Celery on the real Redis, generated clips.

The environment is set before Django loads: the test database is ``test_<name>`` of
``DATABASE_URL`` (default: the local server's ``test`` database), uploads go to a
temporary ``MEDIA_ROOT``, and Celery messages to a queue of their own, so a
developer's running worker never takes them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests.processes import stop_process_group  # the web tests import it from here too

REPO_ROOT = Path(__file__).resolve().parents[2]
WEB_DIR = REPO_ROOT / "web"

_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ial-web-media-"))
_TEST_ENV = {
    "DJANGO_SETTINGS_MODULE": "interview_ai_lab_web.settings",
    "DATABASE_URL": os.environ.get("IAL_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"),
    # One database per test run, so two runs on one server never clobber each other.
    "DATABASE_TEST_NAME": os.environ.get("IAL_TEST_DATABASE_NAME", f"test_ial_web_{os.getpid()}"),
    "SECRET_KEY": "tests-only-" + uuid.uuid4().hex,
    "DEBUG": "false",
    "MEDIA_ROOT": str(_MEDIA_ROOT),
    "CELERY_BROKER_URL": os.environ.get("IAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
    "IAL_CELERY_QUEUE": f"ial-test-{uuid.uuid4().hex[:12]}",
    "IAL_PIPELINE_THREADS": "2",
    "IAL_HEARTBEAT_SEC": "2",
    "IAL_STALE_SEC": "20",
    "IAL_TASK_TIME_LIMIT": "900",
    "IAL_UPLOAD_MAX_MB": "5",
    "IAL_ANALYSIS_MODE": "recruitment",
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "IAL_LOGGING": "false",  # leave the root logger of the test process alone (other tests' caplog)
}
os.environ.update(_TEST_ENV)
os.environ.pop("CELERY_RESULT_BACKEND", None)

import django  # noqa: E402

django.setup()  # pytest-django only sets Django up when the settings were loaded before it ran


def pipeline_pids(interview_id: str) -> list[int]:
    """Processes whose command line is an analysis (``python -m interview_ai_lab``) of this interview."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "--progress-json" in cmd and interview_id in cmd:
            pids.append(int(entry.name))
    return pids


@pytest.fixture(scope="session", autouse=True)
def _web_media_root():
    """The temporary MEDIA_ROOT, removed after the session."""
    yield _MEDIA_ROOT
    shutil.rmtree(_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _web_queue_cleanup():
    """At the end, delete the session's queue and its unacknowledged messages (of a worker killed on purpose)."""
    yield
    import json

    import redis

    try:
        client = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
        queue = os.environ["IAL_CELERY_QUEUE"]
        client.delete(queue, *client.keys(f"{queue}\x06\x16*"))
        for tag, raw in client.hgetall("unacked").items():  # kombu's Redis transport keeps them there
            try:
                routing_key = json.loads(raw)[-1]  # [message, exchange, routing key]
            except (ValueError, IndexError, KeyError, TypeError):
                continue
            if routing_key == queue:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)
    except redis.RedisError:
        pass


# --------------------------------------------------------------------------- users and clients


@pytest.fixture
def recruiter(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("alice", "alice@example.com", "alice-pass-123")


@pytest.fixture
def other_recruiter(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("bob", "bob@example.com", "bob-pass-123")


def _token_client(user):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(recruiter):
    """An API client signed in as ``recruiter`` with a token."""
    return _token_client(recruiter)


@pytest.fixture
def other_api(other_recruiter):
    """An API client signed in as ``other_recruiter``."""
    return _token_client(other_recruiter)


@pytest.fixture
def anon():
    from rest_framework.test import APIClient

    return APIClient()


# --------------------------------------------------------------------------- generated media

SPOKEN_TEXT = ("Hello, my name is Anna. I have worked as a data analyst for five years, "
               "and I enjoy solving problems with my team.")


def _make_clip(folder: Path) -> Path:
    """A ~8 s interview clip: the astronaut portrait (a real face) speaking ``SPOKEN_TEXT`` (espeak-ng)."""
    import cv2
    import skimage.data

    folder.mkdir(parents=True, exist_ok=True)
    wav, png, mp4 = folder / "speech.wav", folder / "face.png", folder / "interview.mp4"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), SPOKEN_TEXT], check=True)
    cv2.imwrite(str(png), cv2.resize(skimage.data.astronaut()[:, :, ::-1], (320, 320)))
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-framerate", "15", "-i", str(png), "-i", str(wav),
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", str(mp4)], check=True)
    return mp4


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("web-media-src")


@pytest.fixture(scope="session")
def interview_clip(media_dir) -> Path:
    """A short valid interview video (mp4 with the index first, so a truncated copy still probes)."""
    return _make_clip(media_dir / "clip")


@pytest.fixture(scope="session")
def truncated_clip(interview_clip, media_dir) -> Path:
    """The clip cut in half: ffprobe reads its header (full duration) but half the data is missing."""
    data = interview_clip.read_bytes()
    path = media_dir / "truncated.mp4"
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.fixture(scope="session")
def not_a_video(media_dir) -> Path:
    """A text file named .mp4 (rejected by the ffprobe type check at upload)."""
    path = media_dir / "notes.mp4"
    path.write_text("this is not a video, only text pretending to be one\n" * 20)
    return path


def upload(client, path: Path, name: str = "Anna Martin", **fields):
    """POST /api/interviews/ with ``path`` as the video (with the candidate's consent unless ``consent`` is given)."""
    fields.setdefault("consent", "true")
    with open(path, "rb") as f:
        return client.post("/api/interviews/", {"video": f, "candidate_name": name, **fields}, format="multipart")


# --------------------------------------------------------------------------- a real Celery worker


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """Start a real ``celery worker`` (solo pool, Redis broker, the test database); stop it at the end.

    Yields a ``start()`` callable so a test can prepare rows first (the worker's
    start-up sweep then sees them); ``start`` returns the ``Popen``.
    """
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = dict(os.environ, DATABASE_URL=url, PYTHONUNBUFFERED="1")
    log = Path(tempfile.mkstemp(prefix="ial-worker-", suffix=".log")[1])
    procs: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        # Messages left by earlier tests (their interviews are gone) are taken and skipped.
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "interview_ai_lab_web", "worker", "--pool=solo", "--concurrency=1",
             "--loglevel=INFO", "-Q", env["IAL_CELERY_QUEUE"], "-n", f"test-{uuid.uuid4().hex[:8]}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=str(WEB_DIR), env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(proc)
        return proc

    start.log = log  # type: ignore[attr-defined]
    yield start
    for proc in procs:
        stop_process_group(proc, timeout=20)
    text = log.read_text(errors="replace")
    log.unlink(missing_ok=True)
    if any(p.returncode not in (0, -signal.SIGTERM, -signal.SIGKILL) for p in procs):
        print(text[-5000:])


def wait_for(predicate, *, timeout: float, what: str, proc: subprocess.Popen | None = None, log: Path | None = None,
             every: float = 0.5):
    """Poll ``predicate()`` until it returns a truthy value; fail with the worker log after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the worker exited ({proc.returncode}) while waiting for {what}:\n"
                        + (log.read_text(errors='replace')[-4000:] if log else ""))
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}\n"
                        + (log.read_text(errors='replace')[-4000:] if log else ""))
        time.sleep(every)


# The positions tests' fixtures (an organisation with its team, a position of it) for every module of this folder
# (imported last, as org_fixtures uses this module's helpers), and the real S3 object store (SeaweedFS on the
# loopback) of the multi-host tests.
from tests.web.object_store import bucket, object_store  # noqa: E402, F401
from tests.web.org_fixtures import org, position, team  # noqa: E402, F401
