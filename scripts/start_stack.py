#!/usr/bin/env python3
"""Start the whole web stack locally with one command: database, migrations, worker, beat, server.

    python scripts/start_stack.py                 # development: http://127.0.0.1:8000/
    python scripts/start_stack.py --prod          # production: gunicorn, static files by WhiteNoise
    python scripts/start_stack.py --port 8080 --no-beat

It creates the PostgreSQL database when it is missing, applies the migrations, creates
the admin user when ``DJANGO_SUPERUSER_USERNAME`` and ``DJANGO_SUPERUSER_PASSWORD`` are
set (the password must pass the validators; else run ``python web/manage.py createsuperuser``;
recruiters: ``python web/manage.py create_recruiter NAME``), then runs in the foreground:

- a Celery worker (``celery -A interview_ai_lab_web worker``), which runs the analyses;
- Celery beat (``celery -A interview_ai_lab_web beat``), which requeues analyses whose worker died;
- the web server: with ``--prod`` gunicorn (``--web-workers`` processes of ``--web-threads``
  threads each, worker class ``gthread``: a slow client's upload holds one thread, never a whole
  process, so the site keeps answering; ``collectstatic`` runs first and WhiteNoise serves the
  static files and the built front end), else Django's development server (``manage.py
  runserver``), for development only. In production put a TLS-terminating reverse proxy in
  front (``IAL_BEHIND_HTTPS_PROXY=true``, ``IAL_PROXY_COUNT=1``).

With ``--prod``, request metrics of every gunicorn process add up in ``/metrics``
(``PROMETHEUS_MULTIPROC_DIR``, a fresh folder of ``IAL_STATE_DIR``), and with
``IAL_LOG_FORMAT=json`` gunicorn's own lines are JSON too. The worker's node name is
``worker@<IAL_WORKER_HOST or the host name>``.

Ctrl-C stops all three; a worker or beat that dies is restarted (its analysis is requeued);
if the server exits, the others are stopped too. Settings come
from the environment (see ``web/interview_ai_lab_web/settings.py``); PostgreSQL and Redis must run.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
WEB_DIR = REPO_ROOT / "web"

logger = logging.getLogger("start_stack")


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_ai_lab_web.settings")
    import django

    django.setup()


def ensure_database() -> None:
    """Create the configured PostgreSQL database when it does not exist yet."""
    import psycopg
    from django.conf import settings
    from psycopg import sql

    db = settings.DATABASES["default"]
    params = {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432, "user": db.get("USER") or None,
              "password": db.get("PASSWORD") or None}
    try:
        psycopg.connect(dbname=db["NAME"], connect_timeout=5, **params).close()
        return
    except psycopg.OperationalError as e:
        if "does not exist" not in str(e):
            raise SystemExit(f"error: cannot reach PostgreSQL at {params['host']}:{params['port']}: "
                             f"{str(e).strip().splitlines()[-1]}") from None
    logger.info("creating database %s", db["NAME"])
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **params) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))


def check_redis() -> None:
    """Fail early with one clear line when the broker is unreachable."""
    import redis
    from django.conf import settings

    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=5).ping()
    except redis.RedisError as e:
        raise SystemExit(f"error: cannot reach the Celery broker {settings.CELERY_BROKER_URL}: {e}") from None


def prepare(*, prod: bool = False) -> None:
    """Database, migrations, admin user (from ``DJANGO_SUPERUSER_*``); with ``prod``, ``collectstatic`` too."""
    _django_setup()
    from django.conf import settings

    if prod and settings.DEBUG:
        raise SystemExit("error: --prod with DEBUG on: unset DEBUG (debug pages show settings and code)")
    ensure_database()
    check_redis()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.management.base import CommandError

    quiet = settings.IAL_LOG_FORMAT == "json"  # migrate's own lines are not JSON
    call_command("migrate", interactive=False, verbosity=0 if quiet else 1)
    if quiet:
        logger.info("database migrated")
    if prod:
        call_command("collectstatic", interactive=False, verbosity=0)
        logger.info("static files collected into %s", settings.STATIC_ROOT)
    username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
    if username and os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
        if not get_user_model().objects.filter(username=username).exists():
            try:  # the password validators apply (interviews' createsuperuser): a weak one stops here
                call_command("createsuperuser", interactive=False, username=username,
                             email=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""), verbosity=0 if quiet else 1)
            except CommandError as e:
                raise SystemExit(f"error: admin user {username!r} not created: {e}") from None
            logger.info("created admin user %s", username)
    elif not get_user_model().objects.filter(is_superuser=True).exists():
        logger.warning("no admin user yet: run  python web/manage.py createsuperuser")


def commands(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """The processes to run: (name, argv), all started in ``web/``."""
    py = sys.executable
    out: list[tuple[str, list[str]]] = []
    quiet = ["--quiet"] if os.environ.get("IAL_LOG_FORMAT", "").strip().lower() == "json" else []  # no banner
    if not args.no_worker:
        node = f"worker@{os.environ.get('IAL_WORKER_HOST', '').strip() or '%h'}"
        worker = [py, "-m", "celery", *quiet, "-A", "interview_ai_lab_web", "worker", "--loglevel", "INFO",
                  "--concurrency", str(args.concurrency), "-n", node]
        if os.name == "nt":  # Celery's prefork pool does not run on Windows
            worker.append("--pool=solo")
        out.append(("worker", worker))
    if not args.no_beat:
        out.append(("beat", [py, "-m", "celery", *quiet, "-A", "interview_ai_lab_web", "beat", "--loglevel", "INFO"]))
    out.append(("server", server_command(args)))
    return out


def server_command(args: argparse.Namespace) -> list[str]:
    """The server's command line: gunicorn (``--prod``) or Django's development server, on ``--host``:``--port``."""
    py = sys.executable
    host = f"[{args.host}]" if ":" in args.host else args.host
    if not args.prod:
        return [py, "manage.py", "runserver", f"{host}:{args.port}", "--noreload"]
    cmd = [py, "-m", "gunicorn", "interview_ai_lab_web.wsgi:application", "--bind", f"{host}:{args.port}",
           "--workers", str(args.web_workers), "--worker-class", args.web_worker_class,
           "--timeout", str(args.web_timeout), "--graceful-timeout", "30",
           "--access-logfile", "-", "--error-logfile", "-", "--log-level", "info"]
    if args.web_worker_class == "gthread":
        cmd += ["--threads", str(args.web_threads)]
    if getattr(args, "log_config_json", None):
        cmd += ["--log-config-json", str(args.log_config_json)]
    return cmd


def prepare_server_state(args: argparse.Namespace) -> None:
    """With ``--prod``: prepare the metrics folder and gunicorn's logging.

    An empty folder where gunicorn's processes add up their request metrics (``PROMETHEUS_MULTIPROC_DIR``), and
    gunicorn's logging in JSON lines when ``IAL_LOG_FORMAT=json``.
    """
    import json
    import shutil

    from django.conf import settings

    metrics_dir = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR", "") or Path(settings.STATE_DIR) / "prometheus")
    shutil.rmtree(metrics_dir, ignore_errors=True)  # counts of an earlier run's processes are not this run's
    metrics_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    if settings.IAL_LOG_FORMAT == "json":
        from interview_ai_lab_web.log_format import gunicorn_logging_config

        path = Path(settings.STATE_DIR) / "gunicorn-logging.json"
        path.write_text(json.dumps(gunicorn_logging_config(level=os.environ.get("LOG_LEVEL", "INFO"))),
                        encoding="utf-8")
        args.log_config_json = path


def run(procs_spec: list[tuple[str, list[str]]]) -> int:
    """Start every process; restart a worker or beat that dies; stop all on Ctrl-C/SIGTERM or when the server exits.

    A restarted worker requeues the analysis its dead predecessor was running (it checks
    the process ids recorded on RUNNING interviews of this host), so nothing is lost.
    """
    specs = dict(procs_spec)
    procs: dict[str, subprocess.Popen] = {}
    restarts: dict[str, list[float]] = {name: [] for name in specs}
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    def start(name: str) -> None:
        logger.info("starting %s: %s", name, " ".join(specs[name]))
        procs[name] = subprocess.Popen(specs[name], cwd=str(WEB_DIR))

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for name in specs:
        start(name)
    code = 0
    try:
        while not stopping:
            for name, p in list(procs.items()):
                if p.poll() is None:
                    continue
                recent = [t for t in restarts[name] if time.monotonic() - t < 60]
                if name == "server" or len(recent) >= 5:
                    logger.error("%s exited with code %s; stopping the stack", name, p.returncode)
                    code = p.returncode or 1
                    stopping = True
                    break
                logger.warning("%s exited with code %s; restarting it", name, p.returncode)
                restarts[name] = recent + [time.monotonic()]
                start(name)
            time.sleep(0.5)
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)  # warm shutdown: a running analysis is given back to the queue
        deadline = time.monotonic() + 30
        for name, p in procs.items():
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in time; killing it", name)
                p.kill()
                p.wait()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the database, then run the server, worker and beat in the foreground; return the exit code."""
    parser = argparse.ArgumentParser(description="Start the interview-ai-lab web stack (server, worker, beat).")
    parser.add_argument("--host", default="127.0.0.1", help="address the server listens on")
    parser.add_argument("--port", type=int, default=8000, help="port of the server")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="analyses this worker runs at once (each one uses IAL_PIPELINE_THREADS threads)")
    parser.add_argument("--no-worker", action="store_true", help="do not start a worker (workers run elsewhere)")
    parser.add_argument("--no-beat", action="store_true", help="do not start celery beat (one beat per deployment)")
    parser.add_argument("--prepare-only", action="store_true", help="create the database and migrate, then exit")
    parser.add_argument("--prod", action="store_true",
                        help="production: gunicorn with static files served by WhiteNoise (else Django's "
                             "development server, for development only)")
    parser.add_argument("--web-workers", type=int, default=int(os.environ.get("IAL_WEB_WORKERS", "2")),
                        help="gunicorn worker processes with --prod (default: $IAL_WEB_WORKERS or 2)")
    parser.add_argument("--web-timeout", type=int, default=int(os.environ.get("IAL_WEB_TIMEOUT", "300")),
                        help="gunicorn worker timeout with --prod, s (sync class: a request running longer is "
                             "killed; gthread: only a process that stops answering; default 300)")
    parser.add_argument("--web-worker-class", choices=("gthread", "sync"),
                        default=os.environ.get("IAL_WEB_WORKER_CLASS", "gthread"),
                        help="gunicorn worker class with --prod (default: $IAL_WEB_WORKER_CLASS or gthread; sync "
                             "serves one request per process and a slow upload blocks it)")
    parser.add_argument("--web-threads", type=int, default=int(os.environ.get("IAL_WEB_THREADS", "8")),
                        help="threads of each gunicorn process with --prod and gthread (default: $IAL_WEB_THREADS "
                             "or 8): requests one process serves at once, slow uploads included")
    args = parser.parse_args(argv)
    if args.web_workers < 1 or args.web_timeout < 1 or args.web_threads < 1:
        parser.error("--web-workers, --web-timeout and --web-threads must be at least 1")
    handler = logging.StreamHandler()
    if os.environ.get("IAL_LOG_FORMAT", "").strip().lower() == "json":
        from interview_ai_lab_web.log_format import LogJsonFormatter

        handler.setFormatter(LogJsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    if args.host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("ALLOWED_HOSTS"):
        logger.warning("listening on %s: set ALLOWED_HOSTS to the names clients use (e.g. ALLOWED_HOSTS=myhost,10.0.0.5),"
                       " else Django answers 400 Bad Request", args.host)
    prepare(prod=args.prod)
    if args.prepare_only:
        return 0
    if args.prod:
        prepare_server_state(args)
    logger.info("the stack is starting (%s): http://%s:%d/  (API docs /api/docs/, admin /admin/); Ctrl-C stops it",
                "gunicorn" if args.prod else "development server", args.host, args.port)
    return run(commands(args))


if __name__ == "__main__":
    sys.exit(main())
