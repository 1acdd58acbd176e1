"""The production stack for real: ``scripts/start_stack.py --prod`` (gunicorn + WhiteNoise) on a free loopback port.

One module-scoped server (its own PostgreSQL database, media, state and static folders, the
front end built into a temporary folder) serves the tests: the SPA, the API and static files
answer with the hardening headers; a signed-in Chromium (net log on) loads the app, an
interview, Swagger UI, ReDoc and the admin login, and nothing comes from another origin. A
weak ``DJANGO_SUPERUSER_PASSWORD`` stops the start before anything runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from .conftest import REPO_ROOT, stop_process_group

FRONTEND = REPO_ROOT / "frontend"
NODE, NPM = shutil.which("node"), shutil.which("npm")
CHROMIUM = os.environ.get("IAL_CHROMIUM", "/usr/bin/chromium")
ADMIN_PASSWORD = "Admin-" + uuid.uuid4().hex[:12]
RECRUITER, RECRUITER_PASSWORD = "rita", "Rita-" + uuid.uuid4().hex[:12]
METRICS_TOKEN = "metrics-" + uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def built_frontend(tmp_path_factory) -> Path:
    """The front end built by Vite into a temporary folder (a minimal page when Node.js is missing)."""
    out = tmp_path_factory.mktemp("dist")
    if not (NODE and NPM):
        (out / "index.html").write_text("<!doctype html><title>app</title><div id=root></div>")
        return out
    stamp = FRONTEND / "node_modules" / ".package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < (FRONTEND / "package-lock.json").stat().st_mtime:
        subprocess.run([NPM, "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True, timeout=600,
                       capture_output=True)
    proc = subprocess.run([NODE, "node_modules/vite/bin/vite.js", "build", "--outDir", str(out), "--emptyOutDir"],
                          cwd=FRONTEND, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def stack_env(tmp_path_factory, built_frontend):
    """Environment of a stack of its own: a fresh database (dropped at the end), folders, queue."""
    import psycopg

    root = tmp_path_factory.mktemp("prod-stack")
    db_name = f"ial_prod_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_TEST_NAME", "DJANGO_SUPERUSER_PASSWORD")}
    env.update({
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db_name}",
        "SECRET_KEY": "prod-test-" + uuid.uuid4().hex,
        "DEBUG": "false",
        "IAL_STATE_DIR": str(root / "var"),
        "STATIC_ROOT": str(root / "static"),
        "MEDIA_ROOT": str(root / "media"),
        "IAL_FRONTEND_DIST": str(built_frontend),
        "IAL_CELERY_QUEUE": f"ial-prod-test-{uuid.uuid4().hex[:8]}",
        "IAL_LOGGING": "true",
        "IAL_LOG_FORMAT": "json",
        "IAL_METRICS_TOKEN": METRICS_TOKEN,
        "PYTHONUNBUFFERED": "1",
    })
    yield env
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def _start_stack(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(REPO_ROOT / "scripts" / "start_stack.py"), *args], env=env,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)


def test_a_weak_admin_password_stops_the_start(stack_env, tmp_path):
    env = dict(stack_env, DJANGO_SUPERUSER_USERNAME="admin", DJANGO_SUPERUSER_PASSWORD="choose-one")
    proc = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "start_stack.py"), "--prepare-only"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: admin user 'admin' not created: DJANGO_SUPERUSER_PASSWORD refused"), last
    assert "too short" in last


@pytest.fixture(scope="module")
def prod_server(stack_env, tmp_path_factory):
    """``start_stack.py --prod --no-worker --no-beat`` on a free port: (base URL, env, log); stopped at the end."""
    port = _free_port()
    log = tmp_path_factory.mktemp("prod-log") / "stack.log"
    env = dict(stack_env, DJANGO_SUPERUSER_USERNAME="admin", DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
               DJANGO_SUPERUSER_EMAIL="admin@example.com")
    proc = _start_stack(env, "--prod", "--no-worker", "--no-beat", "--host", "127.0.0.1", "--port", str(port),
                        "--web-workers", "2", log=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while True:
        if proc.poll() is not None:
            pytest.fail(f"start_stack --prod exited ({proc.returncode}):\n{log.read_text(errors='replace')[-4000:]}")
        try:
            if requests.get(f"{base}/api/auth/csrf/", timeout=10).status_code == 200:
                break
        except requests.RequestException:  # not listening yet, or still loading
            pass
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("start_stack --prod did not answer within 240 s:\n" + log.read_text(errors="replace")[-4000:])
        time.sleep(1)
    subprocess.run([sys.executable, "manage.py", "create_recruiter", RECRUITER, "--password-stdin"],
                   cwd=REPO_ROOT / "web", env=stack_env, input=RECRUITER_PASSWORD + "\n", text=True, check=True,
                   capture_output=True, timeout=120)
    yield base, proc, log
    stop_process_group(proc, timeout=60)


@pytest.fixture(scope="module")
def token(prod_server) -> str:
    base, _, _ = prod_server
    resp = requests.post(f"{base}/api/auth/token/", data={"username": RECRUITER, "password": RECRUITER_PASSWORD},
                         timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()["token"]


def test_gunicorn_serves_the_spa_the_api_and_static_files(prod_server, token, built_frontend):
    base, _, log = prod_server
    page = requests.get(f"{base}/", timeout=30)
    assert page.status_code == 200 and ('<div id="root">' in page.text or "<div id=root>" in page.text)
    assert page.headers["Server"].startswith("gunicorn")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    api = requests.get(f"{base}/api/interviews/", headers={"Authorization": f"Token {token}"}, timeout=30)
    assert api.status_code == 200 and api.json()["count"] == 0
    assert "no-store" in api.headers["Cache-Control"]
    assert "default-src 'self'" in api.headers["Content-Security-Policy"]
    assert requests.get(f"{base}/api/interviews/", timeout=30).status_code == 401
    direct = requests.get(f"{base}/index.html", timeout=30)  # served by WhiteNoise itself, not by a view
    assert direct.status_code == 200 and "frame-ancestors 'none'" in direct.headers["Content-Security-Policy"]
    # Hashed front-end bundles and collected static files come from WhiteNoise, cached for good.
    assets = sorted((built_frontend / "assets").glob("*.js")) if (built_frontend / "assets").is_dir() else []
    for asset in assets[:1]:
        resp = requests.get(f"{base}/assets/{asset.name}", timeout=30)
        assert resp.status_code == 200 and resp.content == asset.read_bytes()
        assert "immutable" in resp.headers["Cache-Control"]
    sidecar = requests.get(f"{base}/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js", timeout=30)
    assert sidecar.status_code == 200 and len(sidecar.content) > 100_000
    assert "GET /api/interviews/" in log.read_text(errors="replace")  # gunicorn's access log


SAMPLE_REPORT = FRONTEND / "src" / "fixtures" / "sample-report.json"
_MAKE_DONE = """
import json, sys
from interview_ai_lab_web.interviews.models import Interview, ReportVersion
args = json.load(sys.stdin)
report = json.load(open(args["report"], encoding="utf-8"))
interview = Interview.objects.get(pk=args["id"])
ReportVersion.objects.create(interview=interview, version=1, report=report, options={"mode": "coaching"})
Interview.objects.filter(pk=interview.pk).update(status="DONE", report=report, report_version=1)
interview.analysis_dir().mkdir(parents=True, exist_ok=True)
(interview.analysis_dir() / "report.json").write_text(json.dumps(report), encoding="utf-8")
"""


def test_the_browser_loads_nothing_from_another_origin(prod_server, stack_env, token, interview_clip, tmp_path):
    if not (NODE and NPM and Path(CHROMIUM).exists()):
        pytest.skip("Node.js or Chromium is not installed")
    base, _, _ = prod_server
    with open(interview_clip, "rb") as f:
        up = requests.post(f"{base}/api/interviews/", headers={"Authorization": f"Token {token}"},
                           files={"video": ("interview.mp4", f, "video/mp4")},
                           data={"candidate_name": "Anna Martin", "consent": "true"}, timeout=120)
    assert up.status_code == 201, up.text
    # Made DONE with the sample report, as a finished analysis stores it: the page shows the whole report
    # (charts, timeline, transcript, video) under the CSP.
    subprocess.run([sys.executable, "manage.py", "shell", "-c", _MAKE_DONE], cwd=REPO_ROOT / "web", env=stack_env,
                   input=json.dumps({"id": up.json()["id"], "report": str(SAMPLE_REPORT)}), text=True, check=True,
                   capture_output=True, timeout=120)
    netlog = tmp_path / "netlog.json"
    proc = subprocess.run([NODE, "e2e/origins.mjs", base, RECRUITER, RECRUITER_PASSWORD, up.json()["id"], str(netlog),
                           "Anna Martin"],
                          cwd=FRONTEND, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1].split("origins ok: ", 1)[1])
    pages = result["pages"]
    assert pages["list"]["signedIn"] == 200 and pages["interview"]["videos"] == 1
    assert pages["swagger"]["operations"] >= 10 and pages["redoc"]["text"] > 1000 and pages["admin"]["forms"] == 1
    assert all(p["inlineScripts"] == 0 for p in pages.values()), pages
    # No Content-Security-Policy violation, no failed load, except one the policy exists for: ReDoc's side
    # menu shows the Redocly logo from cdn.redoc.ly; the CSP blocks it (the net log below shows no request).
    errors = [e for e in result["consoleErrors"]
              if not re.search(r"/api/redoc/: Loading the image 'https://cdn\.redoc\.ly/redoc/logo-mini\.svg' "
                               r"violates the following Content Security Policy directive", e)]
    assert errors == []
    origin = urlsplit(base)
    requests_ = [r for r in result["requests"] if not r["url"].startswith(("data:", "blob:"))]
    assert any(r["url"].startswith(f"{base}/static/drf_spectacular_sidecar/") for r in requests_)
    foreign = [r for r in requests_ if (urlsplit(r["url"]).scheme, urlsplit(r["url"]).netloc)
               != (origin.scheme, origin.netloc)]
    # The app, the interview page, Swagger UI and the admin never even try another origin; ReDoc tries
    # its logo only, and the browser refuses it (CSP) before it is sent.
    assert {r["page"] for r in foreign} <= {"redoc"}, foreign
    assert all(r["failure"] in ("csp", "net::ERR_BLOCKED_BY_CSP") for r in foreign), foreign
    # Chromium's own network log. Every request a page started (its initiator is an origin) went to the
    # server; Chromium's own services (autofill, sign-in, updates: initiator "not an origin") are the
    # browser's, not the app's, and every other host looked up is explained by one of them, so no
    # page asked for a foreign host (a preconnect or prefetch would show up as a lookup of its own).
    log = _netlog(netlog)
    assert any(r["url"].startswith(base) for r in log["requests"])
    page_started = [r for r in log["requests"] if r["initiator"] != "not an origin"]
    assert page_started and all(urlsplit(r["url"]).netloc == origin.netloc
                                and r["initiator"] == f"{origin.scheme}://{origin.netloc}" for r in page_started), \
        page_started
    browser_hosts = {urlsplit(r["url"]).hostname for r in log["requests"] if r["initiator"] == "not an origin"}
    assert log["lookups"] - {"127.0.0.1"} <= browser_hosts - {"127.0.0.1"}, (log["lookups"], browser_hosts)
    foreign_browser = browser_hosts - {"127.0.0.1"}
    print(f"Chromium's own services contacted (not the app): {sorted(foreign_browser)}")


def _netlog(path: Path) -> dict:
    """URL requests (url, initiator) and host-name lookups in a Chromium net-log JSON file."""
    text = path.read_text(encoding="utf-8", errors="replace").rstrip().rstrip(",")
    if not text.endswith("}"):  # a log cut short by the browser's exit: close its event list
        text += "]}"
    log = json.loads(text)
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    requests_, lookups = [], set()
    for event in log.get("events", []):
        params, kind = event.get("params") or {}, names.get(event.get("type"))
        if kind == "URL_REQUEST_START_JOB" and "url" in params:
            requests_.append({"url": params["url"], "initiator": params.get("initiator", "")})
        elif kind in ("HOST_RESOLVER_MANAGER_REQUEST", "HOST_RESOLVER_MANAGER_JOB", "DNS_TRANSACTION") \
                and "host" in params:
            host = str(params["host"])
            lookups.add(urlsplit(host).hostname if "://" in host else host.rsplit(":", 1)[0].strip("[]"))
    return {"requests": requests_, "lookups": lookups}


def test_slow_uploads_do_not_block_the_api_and_the_logs_are_json_without_secrets(prod_server, token):
    """Three uploads trickling 2 KB every 2 s hold three of gunicorn's threads (gthread), not its processes.

    Another client's ``GET /api/interviews/`` answers at once (with the former sync workers it waited for the
    300 s worker timeout, and two uploads got 500: ``bench/slow_uploads.py`` measures both). Every line the
    stack logged is one JSON object, and no password is in any of them.
    """
    import statistics
    import threading

    from bench.slow_uploads import TricklingUpload

    base, _, log = prod_server
    port = int(base.rsplit(":", 1)[1])
    assert requests.post(f"{base}/api/auth/token/", data={"username": RECRUITER, "password": "wrong-" + ADMIN_PASSWORD},
                         timeout=30).status_code == 400
    stop = threading.Event()
    uploads = [TricklingUpload(port, token, body_bytes=400 * 1024, chunk=2048, every=2.0, stop=stop) for _ in range(3)]
    try:
        for u in uploads:
            u.start()
        time.sleep(5)
        listed_before = _listed(base)
        seconds = []
        for _ in range(5):
            t0 = time.monotonic()
            resp = requests.get(f"{base}/api/interviews/", headers={"Authorization": f"Token {token}"}, timeout=60)
            seconds.append(time.monotonic() - t0)
            assert resp.status_code == 200
        assert statistics.median(seconds) < 1.0 and max(seconds) < 10, seconds
        assert all(u.is_alive() and u.outcome.startswith("still sending") for u in uploads)  # none refused or cut
        # Whichever of gunicorn's two processes answered each GET, /metrics counts all five (multiprocess mode).
        assert _listed(base) - listed_before == 5
    finally:
        stop.set()
        for u in uploads:
            u.join(timeout=30)
    time.sleep(1)
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    not_json = [ln for ln in lines if not ln.startswith("{")]
    assert not not_json, not_json[:5]
    records = [json.loads(ln) for ln in lines]  # one JSON object a line
    assert {"time", "level", "logger", "message"} <= set(records[-1])
    assert any(r["logger"] == "gunicorn.access" and "GET /api/interviews/" in r["message"] for r in records)
    text = "\n".join(lines)
    for secret in (RECRUITER_PASSWORD, ADMIN_PASSWORD, "wrong-" + ADMIN_PASSWORD):
        assert secret not in text


def _listed(base: str) -> float:
    """``ial_http_requests_total`` of the answered ``GET /api/interviews/`` (2xx) in ``/metrics``, all processes."""
    assert requests.get(f"{base}/metrics", timeout=30).status_code == 401  # behind its token
    text = requests.get(f"{base}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=30).text
    line = 'ial_http_requests_total{method="GET",status="2xx",view="interview-list"} '
    return next((float(ln[len(line):]) for ln in text.splitlines() if ln.startswith(line)), 0.0)
