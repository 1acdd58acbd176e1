"""Benchmark the whole pipeline against bare faster-whisper on the same audio and model.

One invocation measures, for a video of the asked length (generated and cached, or given):

* the **baseline**: ``bench/baseline_whisper.py`` in its own process (WhisperModel int8 on
  CPU + ``transcribe(vad_filter=True, word_timestamps=True)``, every segment consumed,
  model load included) on the WAV extracted from the video beforehand: bare sequential
  faster-whisper, the project's baseline;
* the **batched baseline**: the same with faster-whisper's own ``BatchedInferencePipeline``
  (its default VAD chunking, ``--baseline-batch-size`` chunks at once, 8 by default);
* the **pipeline**: ``run_all.py`` into a fresh output folder with the same ``--asr-model``
  and threads, all stages, emotions on;
* the **ratios** pipeline / bare sequential faster-whisper (``ratio``, the goal) and
  pipeline / bare batched faster-whisper (``ratio_batched``), wall times of the same
  pair, the per-stage times (``report.json``
  ``meta.stage_seconds``), the non-verbal cost ``(face_emotions_onnx + gaze_nods) /
  video duration``, the **peak RSS** of each process tree (sampled every 0.2 s, parent +
  children summed), and a **rerun** into the same output folder (every stage skips);
* optionally the **scaling** table over several lengths (``--scaling 2,5,10,20``).

Video generation (a ~40 s clip of spoken English with the 3-D face nodding and looking
away, looped with ffmpeg's concat demuxer) and audio extraction are outside the timed
parts; generated videos are cached under ``bench/cache/``. Results are printed as a
table and written as JSON (default ``bench/results/bench-<date>.json``).

    python bench/run_bench.py --minutes 10
    python bench/run_bench.py --minutes 5 --video interview.mp4 --asr-model models/base
    python bench/run_bench.py --scaling 2,5,10,20
    python bench/run_bench.py --smoke          # a few seconds of video, for CI
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CACHE = ROOT / "bench" / "cache"
RESULTS = ROOT / "bench" / "results"
BENCH_VERSION = 2

#: Speed targets (ratios measured in one invocation on one machine): the whole pipeline against bare sequential
#: faster-whisper on the same audio and model (at most 1.0: the analysis ends no later than the transcription alone).
TARGET_RATIO = 1.0
AIM_RATIO = 0.75
TARGET_NONVERBAL = 0.08
TARGET_RSS_MB = 1536.0
#: Chunks decoded at once by the batched baseline (faster-whisper's BatchedInferencePipeline).
BASELINE_BATCH_SIZE = 8

#: What the generated candidate says (one pass of the base clip), with fillers and pauses.
SCRIPT_EN: tuple[Any, ...] = (
    0.8, "Hello, my name is Anna Martin and I am applying for the data analyst position.", 0.6,
    "I studied statistics at the university of Lyon, then I worked three years in a logistics company.", 0.9,
    ("filler", "um"), 0.4,
    "In that job I built dashboards for the warehouse teams and I automated the weekly reports.", 1.2,
    "What I enjoy most is turning messy data into clear decisions that people actually use.", 0.7,
    ("filler", "uh"), 0.3,
    "One difficult project was a migration to a new database, we were late and the team was stressed.", 0.8,
    "I organised short daily meetings, we split the work, and we delivered two weeks later.", 1.5,
    "I am motivated by this role because your company works on public transport, which matters to me.", 0.6,
    "Thank you for your time, I would be happy to answer your questions.", 1.0,
)


# --------------------------------------------------------------------------------------------- media


def _ffmpeg() -> str:
    from interview_ai_lab.media.ffmpeg import find_ffmpeg

    return find_ffmpeg().path


def _run_quiet(cmd: Sequence[str]) -> None:
    proc = subprocess.run(list(cmd), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed: {proc.stderr.strip()[-600:]}")


def probe_duration(path: Path) -> float:
    """Duration of a media file in seconds (ffprobe, else ffmpeg's banner)."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe:
        out = subprocess.run([ffprobe, "-v", "error", "-show_entries", "format=duration", "-of",
                              "default=noprint_wrappers=1:nokey=1", str(path)], capture_output=True, text=True)
        try:
            return float(out.stdout.strip())
        except ValueError:
            pass
    from interview_ai_lab.media.ffmpeg import probe

    return float(probe(path).duration_sec)  # type: ignore[attr-defined]


def base_clip(*, seconds: float | None, size: tuple[int, int], fps: float, log=print) -> Path:
    """Render (once, cached) the clip that is looped: speech + a 3-D face with nods and look-aways.

    Args:
        seconds: Length in seconds; None: the length of :data:`SCRIPT_EN` spoken (~40 s).
        size: ``(width, height)`` in pixels.
        fps: Frames per second.
        log: Where progress lines go (default: ``print``).
    """
    from interview_ai_lab.media.synthetic_face import LookAway, Nod, make_face_clip
    from interview_ai_lab.media.synthetic_speech import Filler, make_speech_clip

    w, h = size
    tag = f"{w}x{h}_{fps:g}fps_{'full' if seconds is None else f'{seconds:g}s'}"
    out = CACHE / f"base_{tag}.mp4"
    if out.exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    parts = [Filler(p[1]) if isinstance(p, tuple) else p for p in SCRIPT_EN]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        truth = make_speech_clip(parts, "en", wav)
        length = truth.duration_sec if seconds is None else float(seconds)
        events: list[Any] = []
        t = 3.0
        while t + 4.0 < length:  # a nod every ~9 s, a look-away every ~18 s
            events.append(Nod(t=t))
            if t + 8.5 < length and len(events) % 3 == 1:
                events.append(LookAway(start=t + 3.0, end=t + 5.0, yaw=35.0))
            t += 9.0
        log(f"rendering the base clip ({length:.1f} s, {w}x{h}, {fps:g} fps) into {out} …")
        make_face_clip(out, seconds=length, fps=fps, size=(w, h), events=events, audio=wav, threads=2)
    log(f"  done in {time.perf_counter() - t0:.0f} s")
    return out


def looped_video(seconds: float, *, size: tuple[int, int], fps: float, log=print) -> Path:
    """A video of ``seconds`` made of the base clip looped (stream copy), cached."""
    base = base_clip(seconds=None if seconds > 20 else seconds, size=size, fps=fps, log=log)
    base_len = probe_duration(base)
    if seconds <= base_len + 0.05:
        return base
    w, h = size
    out = CACHE / f"loop_{w}x{h}_{fps:g}fps_{seconds:g}s.mp4"
    if out.exists():
        return out
    n = int(seconds // base_len) + 1
    with tempfile.TemporaryDirectory() as tmp:
        lst = Path(tmp) / "list.txt"
        lst.write_text("".join(f"file '{base.resolve()}'\n" for _ in range(n)))
        part = out.with_suffix(".part.mp4")
        log(f"looping the base clip ×{n} into {out} …")
        _run_quiet([_ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0",
                    "-i", str(lst), "-t", f"{seconds:.3f}", "-c", "copy", "-movflags", "+faststart", str(part)])
        os.replace(part, out)
    return out


def extract_wav(video: Path, wav: Path) -> Path:
    """16 kHz mono PCM WAV of the video's audio (outside the timing)."""
    _run_quiet([_ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", str(video), "-vn", "-ac", "1",
                "-ar", "16000", "-c:a", "pcm_s16le", str(wav)])
    return wav


# --------------------------------------------------------------------------------------------- measuring


def _children_proc(pid: int) -> list[int]:
    """Every descendant of ``pid`` from /proc (Linux, without psutil)."""
    by_parent: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        by_parent.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        kids = by_parent.get(todo.pop(), [])
        out.extend(kids)
        todo.extend(kids)
    return out


def _rss_proc(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes (summed)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total
    if os.path.isdir("/proc"):
        return sum(_rss_proc(p) for p in [pid, *_children_proc(pid)])
    return 0


class PeakRSS:
    """Samples the RSS of a process tree every ``interval`` seconds in a thread; ``peak`` in bytes."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    """User + system CPU seconds of this process's waited-for children so far (-1 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return -1.0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT) -> dict[str, Any]:
    """Run ``cmd``; return its wall time (s), CPU time of the tree (s), peak tree RSS (MB), exit code, output tails.

    The CPU time (user + system of the process and the children it waited for) is
    robust to other load on the machine, where the wall time is not.
    """
    before = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=str(cwd), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    with PeakRSS(proc.pid) as rss:
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    cpu = _children_cpu() - before
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3) if cpu >= 0 else None, "peak_rss_mb": round(rss.peak / 2**20, 1), "rss_samples": rss.samples,
            "rc": proc.returncode, "stdout": out[-2000:], "stderr": err[-3000:]}


def _check(res: dict[str, Any], what: str) -> None:
    if res["rc"] != 0:
        raise RuntimeError(f"{what} failed (exit {res['rc']}):\n{res['stderr'][-1500:]}")


def run_baseline(wav: Path, *, model: Path, threads: int, env: dict[str, str], batch_size: int = 1) -> dict[str, Any]:
    """Bare faster-whisper in a separate process on ``wav`` (``batch_size`` 1: sequential; more: batched)."""
    res = measure([sys.executable, str(ROOT / "bench" / "baseline_whisper.py"), "--model", str(model), "--audio",
                   str(wav), "--threads", str(threads), "--batch-size", str(batch_size)], env=env)
    _check(res, "baseline faster-whisper")
    try:
        res["info"] = json.loads(res["stdout"].strip().splitlines()[-1])
    except (ValueError, IndexError):
        res["info"] = None
    del res["stdout"], res["stderr"]
    return res


def run_pipeline(video: Path, outdir: Path, *, model: Path, threads: int, env: dict[str, str],
                 extra: Sequence[str] = ()) -> dict[str, Any]:
    """The analysis of ``video`` into ``outdir``, measured in its own process; adds ``stage_seconds`` from the report.

    The process runs ``run_all.py`` (a thin command line over :func:`interview_ai_lab.api.analyse`, the
    entry the web worker runs too), so its peak memory and CPU time are the analysis' own.
    """
    from interview_ai_lab.api import Report, report_path

    res = measure([sys.executable, str(ROOT / "run_all.py"), "--video", str(video), "--outdir", str(outdir),
                   "--asr-model", str(model), "--threads", str(threads), "--quiet", *extra], env=env)
    _check(res, "run_all.py")
    printed = Path(res["stdout"].strip().splitlines()[-1])
    if printed != report_path(outdir):
        raise RuntimeError(f"run_all.py printed {printed}, expected {report_path(outdir)}")
    report = Report.model_validate_json(printed.read_text(encoding="utf-8"))
    res["stage_seconds"] = dict(report.meta.stage_seconds)
    res["report_models"] = {"asr": report.meta.asr_model, "emotion": report.meta.emotion_model,
                            "face": report.meta.face_model}
    del res["stdout"], res["stderr"]
    return res


# --------------------------------------------------------------------------------------------- the bench


def _median_or_none(values: Any) -> float | None:
    vals = list(values)
    return None if any(v is None for v in vals) else round(statistics.median(vals), 3)


def bench_length(video: Path, *, model: Path, threads: int, env: dict[str, str], workdir: Path, repeat: int = 1,
                 rerun: bool = True, extra: Sequence[str] = (), baseline_batch_size: int = BASELINE_BATCH_SIZE,
                 log=print) -> dict[str, Any]:
    """Both baselines and the pipeline (``repeat`` alternating triples) on one video, plus a rerun."""
    duration = probe_duration(video)
    wav = extract_wav(video, workdir / f"{video.stem}.wav")
    pairs = []
    outdir = workdir / f"{video.stem}_out"
    for i in range(repeat):
        log(f"[{duration / 60:.1f} min] pair {i + 1}/{repeat}: baseline faster-whisper …")
        base = run_baseline(wav, model=model, threads=threads, env=env)
        log(f"  baseline {base['wall_s']:.1f} s, peak {base['peak_rss_mb']:.0f} MB; batched baseline …")
        batched = run_baseline(wav, model=model, threads=threads, env=env, batch_size=baseline_batch_size)
        log(f"  batched baseline {batched['wall_s']:.1f} s, peak {batched['peak_rss_mb']:.0f} MB; pipeline …")
        outdir = workdir / f"{video.stem}_out{i}"
        shutil.rmtree(outdir, ignore_errors=True)
        pipe = run_pipeline(video, outdir, model=model, threads=threads, env=env, extra=extra)
        log(f"  pipeline {pipe['wall_s']:.1f} s, peak {pipe['peak_rss_mb']:.0f} MB, "
            f"ratio {pipe['wall_s'] / base['wall_s']:.2f} to sequential, {pipe['wall_s'] / batched['wall_s']:.2f} to "
            f"batched (CPU {pipe['cpu_s']} s / {base['cpu_s']} s)")
        cpu_ratio = (round(pipe["cpu_s"] / base["cpu_s"], 3)
                     if pipe.get("cpu_s") and base.get("cpu_s") else None)
        pairs.append({"baseline": base, "baseline_batched": batched, "pipeline": pipe,
                      "ratio": round(pipe["wall_s"] / base["wall_s"], 3),
                      "ratio_batched": round(pipe["wall_s"] / batched["wall_s"], 3), "cpu_ratio": cpu_ratio})
    result: dict[str, Any] = {
        "video": str(video), "video_seconds": round(duration, 3), "minutes": round(duration / 60, 3), "pairs": pairs,
        "ratio": round(statistics.median(p["ratio"] for p in pairs), 3),
        "ratio_batched": round(statistics.median(p["ratio_batched"] for p in pairs), 3),
        "baseline_s": round(statistics.median(p["baseline"]["wall_s"] for p in pairs), 3),
        "baseline_batched_s": round(statistics.median(p["baseline_batched"]["wall_s"] for p in pairs), 3),
        "baseline_batch_size": baseline_batch_size,
        "pipeline_s": round(statistics.median(p["pipeline"]["wall_s"] for p in pairs), 3),
        "cpu_ratio": (round(statistics.median(p["cpu_ratio"] for p in pairs), 3)
                      if all(p["cpu_ratio"] for p in pairs) else None),
        "baseline_cpu_s": _median_or_none(p["baseline"]["cpu_s"] for p in pairs),
        "pipeline_cpu_s": _median_or_none(p["pipeline"]["cpu_s"] for p in pairs),
        "peak_rss_mb": max(p["pipeline"]["peak_rss_mb"] for p in pairs),
        "baseline_peak_rss_mb": max(p["baseline"]["peak_rss_mb"] for p in pairs),
    }
    stages = pairs[-1]["pipeline"]["stage_seconds"]
    result["stage_seconds"] = stages
    nonverbal = float(stages.get("face_emotions_onnx", 0.0)) + float(stages.get("gaze_nods", 0.0))
    result["nonverbal_s"] = round(nonverbal, 3)
    result["nonverbal_ratio"] = round(nonverbal / duration, 4) if duration > 0 else None
    if rerun:
        log("  rerun into the same output folder …")
        again = run_pipeline(video, outdir, model=model, threads=threads, env=env, extra=extra)
        result["rerun_s"] = again["wall_s"]
        result["rerun_stage_seconds"] = again["stage_seconds"]
    return result


def machine_info() -> dict[str, Any]:
    """CPU, cores, memory, OS, Python and the load when the bench started."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    info = {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem, "os": platform.platform(),
            "python": platform.python_version(), "host": platform.node()}
    if hasattr(os, "getloadavg"):
        info["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    return info


def summarize(result: dict[str, Any]) -> dict[str, Any]:
    """The speed targets checked on one length's result."""
    out = {
        "ratio": result["ratio"], "ratio_batched": result.get("ratio_batched"), "cpu_ratio": result.get("cpu_ratio"),
        "ratio_target": TARGET_RATIO, "ratio_aim": AIM_RATIO, "ratio_ok": result["ratio"] <= TARGET_RATIO,
        "nonverbal_ratio": result["nonverbal_ratio"], "nonverbal_target": TARGET_NONVERBAL,
        "nonverbal_ok": result["nonverbal_ratio"] is not None and result["nonverbal_ratio"] <= TARGET_NONVERBAL,
        "peak_rss_mb": result["peak_rss_mb"], "peak_rss_target_mb": TARGET_RSS_MB,
        "peak_rss_ok": result["peak_rss_mb"] <= TARGET_RSS_MB,
    }
    if "rerun_s" in result:
        out["rerun_s"] = result["rerun_s"]
    return out


def format_table(res: dict[str, Any]) -> str:
    """A readable table of one bench result (main length, stages, scaling)."""
    lines = []
    m = res["main"]
    lines.append(f"video {m['video_seconds']:.0f} s ({m['minutes']:.1f} min), threads {res['config']['threads']}, "
                 f"model {res['config']['asr_model']}")
    cpu = lambda v: f"{v:>10.1f}" if v is not None else f"{'-':>10}"
    lines.append(f"{'':28}{'wall s':>10}{'CPU s':>10}{'peak RSS MB':>14}")
    lines.append(f"{'bare faster-whisper':28}{m['baseline_s']:>10.1f}{cpu(m['baseline_cpu_s'])}"
                 f"{m['baseline_peak_rss_mb']:>14.0f}")
    if m.get("baseline_batched_s") is not None:
        lines.append(f"{'bare faster-whisper batched':28}{m['baseline_batched_s']:>10.1f}")
    lines.append(f"{'pipeline (run_all.py)':28}{m['pipeline_s']:>10.1f}{cpu(m['pipeline_cpu_s'])}"
                 f"{m['peak_rss_mb']:>14.0f}")
    if "rerun_s" in m:
        lines.append(f"{'rerun (all stages skip)':28}{m['rerun_s']:>10.1f}")
    if len(m["pairs"]) > 1:
        lines.append("ratios of the pairs: " + ", ".join(f"{p['ratio']:.2f}" for p in m["pairs"]))
    lines.append("per stage (last pipeline run), s:")
    for k, v in m["stage_seconds"].items():
        lines.append(f"  {k:26}{float(v):>10.1f}")
    s = res["summary"]
    ok = lambda b: "ok" if b else "OVER"
    lines.append(f"ratio pipeline/sequential  {s['ratio']:.2f}  (target ≤ {TARGET_RATIO}, aim {AIM_RATIO}) "
                 f"{ok(s['ratio_ok'])}")
    if s.get("ratio_batched") is not None:
        lines.append(f"ratio pipeline/batched     {s['ratio_batched']:.2f}  (bare BatchedInferencePipeline, batch "
                     f"{m.get('baseline_batch_size')})")
    if s.get("cpu_ratio") is not None:
        lines.append(f"CPU-time ratio             {s['cpu_ratio']:.2f}  (work done; robust to other load)")
    nv = s["nonverbal_ratio"]
    lines.append(f"non-verbal / duration      {nv if nv is not None else float('nan'):.3f} "
                 f"(target ≤ {TARGET_NONVERBAL}) {ok(s['nonverbal_ok'])}")
    lines.append(f"peak RSS                   {s['peak_rss_mb']:.0f} MB (target ≤ {TARGET_RSS_MB:.0f}) "
                 f"{ok(s['peak_rss_ok'])}")
    if res.get("scaling"):
        lines.append("scaling:")
        lines.append(f"  {'min':>6}{'baseline s':>12}{'pipeline s':>12}{'ratio':>8}{'s/min':>8}{'nonverbal':>11}"
                     f"{'RSS MB':>9}{'rerun s':>9}")
        for r in res["scaling"]:
            lines.append(f"  {r['minutes']:>6.1f}{r['baseline_s']:>12.1f}{r['pipeline_s']:>12.1f}{r['ratio']:>8.2f}"
                         f"{r['pipeline_s'] / max(r['minutes'], 1e-9):>8.1f}{r['nonverbal_ratio'] or 0:>11.3f}"
                         f"{r['peak_rss_mb']:>9.0f}{r.get('rerun_s', float('nan')):>9.1f}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line of the bench."""
    p = argparse.ArgumentParser(prog="bench/run_bench.py", description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=10.0,
                   help="length of the generated video, minutes (default: %(default)s)")
    p.add_argument("--video", type=Path, default=None,
                   help="use this video instead of a generated one (default: a generated one, cached in bench/cache/)")
    p.add_argument("--asr-model", default=None,
                   help="CTranslate2 Whisper folder used by both sides (default: the multilingual 'base' resolved "
                        "by interview_ai_lab.runtime.model_resolver)")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads of both sides (default: $OMP_NUM_THREADS, else all cores)")
    p.add_argument("--scaling", default=None,
                   help="also run these lengths, minutes, e.g. 2,5,10,20 (default: the main length only)")
    p.add_argument("--baseline-batch-size", type=int, default=BASELINE_BATCH_SIZE,
                   help="chunks decoded at once by the batched baseline (default: %(default)s)")
    p.add_argument("--repeat", type=int, default=1,
                   help="baseline/pipeline pairs per length, the median is kept (default: %(default)s)")
    p.add_argument("--size", default="1280x720", help="generated video size WxH (default: %(default)s)")
    p.add_argument("--fps", type=float, default=30.0, help="generated video frame rate (default: %(default)s)")
    p.add_argument("--no-rerun", dest="rerun", action="store_false",
                   help="skip the rerun into the same folder (default: rerun once, every stage should skip)")
    p.add_argument("--pipeline-args", default="",
                   help="extra run_all.py arguments (one string), e.g. '--sequential' (default: none)")
    p.add_argument("--workdir", type=Path, default=None, help="where WAVs and output folders go (default: a temp dir)")
    p.add_argument("--out", type=Path, default=None,
                   help="JSON results file (default: bench/results/bench-<time>.json)")
    p.add_argument("--smoke", action="store_true",
                   help="CI smoke run: 6 s of 640x360 video at 15 fps, one pair, no scaling (default: the full run)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    from interview_ai_lab.runtime.model_resolver import resolve_asr
    from interview_ai_lab.runtime.stage import default_threads

    if args.smoke:
        args.minutes, args.size, args.fps, args.scaling, args.repeat = 0.1, "640x360", 15.0, None, 1
    w, h = (int(x) for x in args.size.lower().split("x"))
    threads = args.threads or default_threads()
    model = resolve_asr(args.asr_model or "base").path
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    extra = args.pipeline_args.split() if args.pipeline_args else []
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    started = _dt.datetime.now(_dt.UTC)
    machine = machine_info()
    workdir_ctx = tempfile.TemporaryDirectory(prefix="bench-") if args.workdir is None else None
    workdir = Path(workdir_ctx.name) if workdir_ctx else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        def video_for(minutes: float) -> Path:
            if args.video is not None:
                return args.video
            return looped_video(minutes * 60.0, size=(w, h), fps=args.fps, log=log)

        main_video = video_for(args.minutes)
        main_res = bench_length(main_video, model=model, threads=threads, env=env, workdir=workdir,
                                repeat=max(1, args.repeat), rerun=args.rerun, extra=extra,
                                baseline_batch_size=args.baseline_batch_size, log=log)
        scaling = []
        if args.scaling and args.video is None:
            for minutes in [float(x) for x in args.scaling.split(",") if x.strip()]:
                if abs(minutes - args.minutes) < 1e-6:
                    scaling.append(main_res)
                    continue
                scaling.append(bench_length(video_for(minutes), model=model, threads=threads, env=env,
                                            workdir=workdir, repeat=max(1, args.repeat), rerun=args.rerun,
                                            extra=extra, baseline_batch_size=args.baseline_batch_size, log=log))
            scaling.sort(key=lambda r: r["minutes"])
    finally:
        if workdir_ctx is not None:
            workdir_ctx.cleanup()
    machine["loadavg_end"] = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    result = {
        "bench_version": BENCH_VERSION,
        "date": started.isoformat(timespec="seconds"),
        "elapsed_s": round((_dt.datetime.now(_dt.UTC) - started).total_seconds(), 1),
        "machine": machine,
        "config": {"minutes": args.minutes, "video": str(args.video) if args.video else None, "size": [w, h],
                   "fps": args.fps, "threads": threads, "asr_model": str(model), "repeat": args.repeat,
                   "pipeline_args": extra, "smoke": args.smoke,
                   "baseline": "WhisperModel(int8, cpu_threads=threads).transcribe(vad_filter=True, "
                               "word_timestamps=True), model load included",
                   "baseline_batched": f"BatchedInferencePipeline(same model).transcribe(vad_filter=True, "
                                       f"word_timestamps=True, batch_size={args.baseline_batch_size})"},
        "main": main_res,
        "summary": summarize(main_res),
        "scaling": scaling,
    }
    out = args.out or RESULTS / f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, out)
    print(format_table(result))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
