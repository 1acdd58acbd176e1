"""PostgreSQL goes away and comes back while the stack runs an analysis, on a throwaway cluster of this test's own.

The cluster (``initdb`` from ``/usr/lib/postgresql/*/bin``, trust, port ``IAL_OUTAGE_PG_PORT`` 54329, in a
temporary folder) serves a real gunicorn and a real Celery worker running the real pipeline; the shared
PostgreSQL on 5432 is never touched. As an operator would see it:

1. an analysis runs; the cluster is stopped in the middle of it;
2. while it is down ``/api/health/`` answers 503 (``database: unavailable``) and the API answers 503
   ``error_code: database_unavailable`` (never a 500); the worker keeps running (no crash, no restart
   loop) and logs that the heartbeat was skipped;
3. the cluster starts again: the web answers again (new connections), and the job finishes as DONE
   in its first attempt (its process never stopped; its heartbeat resumed).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from tests.web.conftest import WEB_DIR, pipeline_pids, stop_process_group, wait_for

pytestmark = [pytest.mark.slow]

PORT = int(os.environ.get("IAL_OUTAGE_PG_PORT", "54329"))
TIMEOUT = 600  # seconds; a safety net (the clip's analysis takes well under a minute)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """Run as the ``postgres`` account when this is root (PostgreSQL refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    """A throwaway PostgreSQL cluster: start, stop (fast: every connection is cut), start again."""

    def __init__(self, root: Path, port: int) -> None:
        self.bin, self.root, self.port = _pg_bin(), root, port
        self.data, self.log = root / "data", root / "postgres.log"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args]),
                       check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        subprocess.run(_as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                                     "--no-sync", "-E", "UTF8"]), check=True, capture_output=True, timeout=180)

    def start(self) -> None:
        self.pg_ctl("-w", "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self.pg_ctl("-w", "-m", "fast", "stop")

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture
def cluster():
    if _pg_bin() is None:
        pytest.skip("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.skip(f"port {PORT} is taken (IAL_OUTAGE_PG_PORT chooses another)")
    root = Path(tempfile.mkdtemp(prefix="ial-pg-outage-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    c = Cluster(root, PORT)
    c.init()
    c.start()
    try:
        yield c
    finally:
        try:
            c.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> str:
    run = subprocess.run([sys.executable, "manage.py", *args], cwd=str(WEB_DIR), env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout


def test_the_stack_rides_out_a_postgresql_outage_in_the_middle_of_a_job(cluster, interview_clip, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_TEST_NAME",)}
    env.update(DATABASE_URL=cluster.url(), PYTHONUNBUFFERED="1", IAL_PIPELINE_THREADS="1", IAL_HEARTBEAT_SEC="2",
               IAL_STALE_SEC="120", MEDIA_ROOT=str(tmp_path / "media"), IAL_STATE_DIR=str(tmp_path / "var"),
               IAL_CELERY_QUEUE=f"outage-{os.getpid()}", DB_CONN_MAX_AGE="60")
    _manage(env, "migrate", "--no-input")
    token = _manage(env, "shell", "-c", "from django.contrib.auth import get_user_model; "
                    "from rest_framework.authtoken.models import Token; "
                    "u = get_user_model().objects.create_user('olive', 'o@example.com', 'olive-pass-123456'); "
                    "print(Token.objects.create(user=u).key)").strip().splitlines()[-1]
    port = _free_port()
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Token {token}"}
    web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "interview_ai_lab_web.wsgi", "-b", f"127.0.0.1:{port}",
                            "-w", "1", "-k", "gthread", "--threads", "4"], cwd=str(WEB_DIR), env=env,
                           stdout=open(web_log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "interview_ai_lab_web", "worker", "--pool=solo",
                               "--concurrency=1", "--loglevel=INFO", "-Q", env["IAL_CELERY_QUEUE"], "-n",
                               f"outage-{os.getpid()}@%h", "--without-gossip", "--without-mingle"],
                              cwd=str(WEB_DIR), env=env, stdout=open(worker_log, "ab"), stderr=subprocess.STDOUT,
                              start_new_session=True)

    def get(path: str) -> requests.Response:
        return requests.get(base + path, headers=auth, timeout=30)

    def answers(path: str) -> requests.Response | None:
        try:
            return get(path)
        except requests.ConnectionError:
            return None

    try:
        wait_for(lambda: (r := answers("/api/health/")) is not None and r.status_code == 200, timeout=120,
                 what="the stack to be healthy", proc=worker, log=worker_log)
        with open(interview_clip, "rb") as f:
            up = requests.post(base + "/api/interviews/", headers=auth, files={"video": f},
                               data={"candidate_name": "Anna Martin", "consent": "true"}, timeout=120)
        assert up.status_code == 201, up.text
        iid = up.json()["id"]
        assert requests.post(f"{base}/api/interviews/{iid}/analyze/", headers=auth, timeout=30).status_code == 202

        # 1. The analysis runs (its pipeline process started); PostgreSQL stops under it.
        def running():
            body = get(f"/api/interviews/{iid}/").json()
            return body["status"] == "RUNNING" and body["progress"]["stage"] not in ("queued", "starting") \
                and pipeline_pids(iid)

        pids = wait_for(running, timeout=180, what="the analysis to start", proc=worker, log=worker_log, every=0.2)
        cluster.stop()

        # 2. While it is down: health 503, the API 503 with a reason (never 500), the worker and its job go on.
        health = get("/api/health/")
        assert health.status_code == 503 and health.json()["checks"]["database"] == "unavailable"
        for path in ("/api/interviews/", f"/api/interviews/{iid}/", "/api/auth/me/"):
            resp = get(path)
            assert resp.status_code == 503, (path, resp.status_code, resp.text[:300])
            assert resp.json()["error_code"] == "database_unavailable" and resp.headers["Retry-After"]
        wait_for(lambda: "database unavailable, heartbeat skipped" in worker_log.read_text(errors="replace"),
                 timeout=30, what="the worker to log the skipped heartbeat", proc=worker, log=worker_log)
        assert worker.poll() is None and web.poll() is None
        assert set(pids) & set(pipeline_pids(iid)) or get("/api/health/").status_code == 503  # not killed
        assert "database unavailable" in web_log.read_text(errors="replace")

        # 3. Back: new connections, the job ends DONE in its first attempt.
        cluster.start()
        wait_for(lambda: get("/api/health/").status_code == 200, timeout=60, what="health to say 200 again")

        def done():
            body = get(f"/api/interviews/{iid}/").json()
            assert body["status"] != "ERROR", body["error"] + worker_log.read_text(errors="replace")[-3000:]
            return body if body["status"] == "DONE" else None

        body = wait_for(done, timeout=TIMEOUT, what="the analysis to finish", proc=worker, log=worker_log, every=1)
        assert body["attempts"] == 1
        assert get(f"/api/interviews/{iid}/report/").status_code == 200
        text = worker_log.read_text(errors="replace")
        assert "crashed" not in text and "Traceback" not in text, text[-3000:]
        assert worker.poll() is None
    finally:
        stop_process_group(worker, timeout=20)
        stop_process_group(web, timeout=20)
