"""Does the site keep answering while slow clients upload? ``start_stack.py --prod`` against trickling uploads.

For each gunicorn worker class asked (``sync``: one request per process, the class before;
``gthread``: threads, the default now), a stack of its own is started (a fresh PostgreSQL
database, dropped at the end; no worker or beat), a recruiter signs in, then:

1. ``--uploads`` clients each open ``POST /api/interviews/`` with a multipart body of
   ``--body-kb`` KiB announced in ``Content-Length``, and send it ``--chunk`` bytes every
   ``--every`` seconds (a phone on a bad network, or a slowloris);
2. ``--wait`` seconds later another client times ``GET /api/interviews/`` (``--gets`` times,
   one after the other).

It prints one JSON line per class: each GET's seconds and status, and each upload's end
(its status line, or how the server closed it) — bounded by ``--max-sec`` per class; the
uploads are abandoned once the GETs are done. Only loopback addresses are used.

    python -m bench.slow_uploads                           # sync then gthread, 3 uploads of 2 KB every 2 s
    python -m bench.slow_uploads --classes gthread --max-sec 60
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # it reads the tests' helpers (tests/), importable from the repository's root
    sys.exit("run it from the repository's root as a module: python -m bench.slow_uploads [options]")
PASSWORD = "Slow-" + uuid.uuid4().hex[:12]


def free_port() -> int:
    """A TCP port of the loopback address that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_stack(worker_class: str, workdir: Path, *, port: int, web_workers: int, timeout: int) -> tuple[Any, dict]:
    """``start_stack.py --prod --no-worker --no-beat`` with a database of its own; returns (process, env)."""
    db = f"ial_slow_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_TEST_NAME", "DJANGO_SUPERUSER_PASSWORD")}
    env.update({"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}", "SECRET_KEY": uuid.uuid4().hex,
                "DEBUG": "false", "IAL_STATE_DIR": str(workdir / "var"), "STATIC_ROOT": str(workdir / "static"),
                "MEDIA_ROOT": str(workdir / "media"), "IAL_FRONTEND_DIST": str(workdir / "dist"),
                "IAL_CELERY_QUEUE": f"ial-slow-{uuid.uuid4().hex[:8]}", "PYTHONUNBUFFERED": "1"})
    (workdir / "dist").mkdir(parents=True, exist_ok=True)
    (workdir / "dist" / "index.html").write_text("<!doctype html><title>app</title>")
    log = open(workdir / "stack.log", "ab")
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "start_stack.py"), "--prod", "--no-worker",
                             "--no-beat", "--port", str(port), "--web-workers", str(web_workers), "--web-timeout",
                             str(timeout), "--web-worker-class", worker_class], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"error: the stack exited ({proc.returncode}); see {workdir / 'stack.log'}")
        try:
            if requests.get(f"{base}/api/auth/csrf/", timeout=5).status_code == 200:
                break
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"error: the stack did not answer in 240 s; see {workdir / 'stack.log'}")
        time.sleep(1)
    subprocess.run([sys.executable, "manage.py", "create_recruiter", "slow", "--password-stdin"], cwd=ROOT / "web",
                   env=env, input=PASSWORD + "\n", text=True, check=True, capture_output=True, timeout=120)
    env["_DB"] = db
    return proc, env


def stop_stack(proc: Any, env: dict) -> None:
    """Stop the stack's process group (SIGTERM, then SIGKILL after 60 s) and drop its database."""
    import psycopg

    from tests.processes import stop_process_group

    stop_process_group(proc, timeout=60)

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{env["_DB"]}" WITH (FORCE)')


class TricklingUpload(threading.Thread):
    """One slow multipart upload on a raw socket: headers at once, then ``chunk`` bytes every ``every`` seconds."""

    def __init__(self, port: int, token: str, *, body_bytes: int, chunk: int, every: float,
                 stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.port, self.token, self.chunk, self.every, self.stop = port, token, chunk, every, stop
        boundary = uuid.uuid4().hex
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"candidate_name\"\r\n\r\nSlow\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"video\"; filename=\"v.mp4\"\r\n"
                "Content-Type: video/mp4\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        self.body = head + os.urandom(max(0, body_bytes - len(head) - len(tail))) + tail
        self.content_type = f"multipart/form-data; boundary={boundary}"
        self.sent = 0
        self.outcome = "still sending when abandoned"
        self.seconds = 0.0

    def run(self) -> None:
        """Send the upload until done, stopped, or answered early; record the outcome and the seconds it took."""
        t0 = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=30) as s:
                s.sendall((f"POST /api/interviews/ HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                           f"Authorization: Token {self.token}\r\nContent-Type: {self.content_type}\r\n"
                           f"Content-Length: {len(self.body)}\r\nConnection: close\r\n\r\n").encode())
                while self.sent < len(self.body) and not self.stop.is_set():
                    s.sendall(self.body[self.sent:self.sent + self.chunk])
                    self.sent += self.chunk
                    if self.stop.wait(self.every):
                        break
                    s.setblocking(False)
                    try:  # the server answered (or closed) before the body ended
                        early = s.recv(4096)
                    except BlockingIOError:
                        early = None
                    finally:
                        s.setblocking(True)
                    if early is not None:
                        self.outcome = early.split(b"\r\n", 1)[0].decode(errors="replace") or "closed by the server"
                        break
        except OSError as e:
            self.outcome = f"{type(e).__name__}: {e}"
        self.seconds = time.monotonic() - t0


def measure(worker_class: str, args: argparse.Namespace) -> dict[str, Any]:
    """One worker class on a stack of its own: the GETs' seconds and statuses, each upload's end, the log's counts."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix=f"ial-slow-{worker_class}-") as tmp:
        proc, env = start_stack(worker_class, Path(tmp), port=port, web_workers=args.web_workers,
                                timeout=args.web_timeout)
        try:
            base = f"http://127.0.0.1:{port}"
            token = requests.post(f"{base}/api/auth/token/", data={"username": "slow", "password": PASSWORD},
                                  timeout=30).json()["token"]
            stop = threading.Event()
            uploads = [TricklingUpload(port, token, body_bytes=args.body_kb * 1024, chunk=args.chunk,
                                       every=args.every, stop=stop) for _ in range(args.uploads)]
            for u in uploads:
                u.start()
            time.sleep(args.wait)
            gets = []
            t_start = time.monotonic()
            for _ in range(args.gets):
                t0 = time.monotonic()
                try:
                    left = max(1.0, args.max_sec - (t0 - t_start))
                    r = requests.get(f"{base}/api/interviews/", headers={"Authorization": f"Token {token}"},
                                     timeout=left)
                    gets.append({"seconds": round(time.monotonic() - t0, 3), "status": r.status_code})
                except requests.RequestException as e:
                    gets.append({"seconds": round(time.monotonic() - t0, 3), "status": type(e).__name__})
            time.sleep(args.every * 2)
            stop.set()
            for u in uploads:
                u.join(timeout=30)
            log = (Path(tmp) / "stack.log").read_text(errors="replace")
            return {"worker_class": worker_class, "web_workers": args.web_workers, "gets": gets,
                    "uploads": [{"outcome": u.outcome, "bytes_sent": u.sent, "seconds": round(u.seconds, 1)}
                                for u in uploads],
                    "worker_timeouts_in_log": log.count("WORKER TIMEOUT"),
                    "internal_errors_in_log": log.count('" 500 ')}
        finally:
            stop_stack(proc, env)


def main(argv: list[str] | None = None) -> int:
    """Measure each worker class asked, one JSON line each; return 0."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--classes", default="sync,gthread", help="gunicorn worker classes to measure, in order")
    p.add_argument("--uploads", type=int, default=3, help="slow uploads at once (default: %(default)s)")
    p.add_argument("--chunk", type=int, default=2048, help="bytes sent at a time (default: %(default)s)")
    p.add_argument("--every", type=float, default=2.0, help="seconds between chunks (default: %(default)s)")
    p.add_argument("--body-kb", type=int, default=600, help="announced body size, KiB (default: %(default)s)")
    p.add_argument("--wait", type=float, default=5.0, help="seconds before the first GET (default: %(default)s)")
    p.add_argument("--gets", type=int, default=3, help="GET /api/interviews/ one after the other (default: 3)")
    p.add_argument("--max-sec", type=float, default=330.0, help="longest wait for the GETs, s (default: 330)")
    p.add_argument("--web-workers", type=int, default=2, help="gunicorn processes (default: %(default)s)")
    p.add_argument("--web-timeout", type=int, default=300, help="gunicorn --timeout, s (default: %(default)s)")
    args = p.parse_args(argv)
    for worker_class in args.classes.split(","):
        print(json.dumps(measure(worker_class.strip(), args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
