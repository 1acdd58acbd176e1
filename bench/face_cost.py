"""CPU seconds of the face stage alone, variants side by side: where its time goes and what a change saves.

Each run is a fresh process that analyses one video with ``face_emotions_onnx`` (emotions on, coaching mode,
one thread) and then ``gaze_nods``; the runs of the variants alternate (``--repeat`` rounds), so that a shared
machine's load falls on all of them alike, and the medians are printed. Per run it records the CPU seconds
(user + system) of the Python process and of its FFmpeg decoder, the wall time, the share spent in the
landmarker and in the face detector (CPU time of the process while those calls run), and what the analysis
found (frames, nods, eye contact, look-aways), so that a cheaper variant is also seen to find the same.

Variants: ``--pipe-formats`` (``yuv420p``: FFmpeg writes YUV 4:2:0 and OpenCV converts it to RGB, the default;
``rgb``: FFmpeg converts, the former way) × ``--landmark-fps`` × ``--hold-max-change`` (0: the landmarker on every
frame; the stage's default: frames whose face did not change keep the last landmarked frame's measures).

    .venv/bin/python bench/face_cost.py bench/cache/loop_1280x720_30fps_600s.mp4 --repeat 3
    .venv/bin/python bench/face_cost.py my.mp4 --pipe-formats yuv420p --landmark-fps 8,6 --json out.json
    .venv/bin/python bench/face_cost.py my.mp4 --pipe-formats yuv420p --hold-max-change 0,1 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interview_ai_lab.stages.face_emotions_onnx import Options as FaceOptions

ROOT = Path(__file__).resolve().parent.parent
#: ``hold_max_frames`` of the runs (``$IAL_FACE_COST_HOLD_FRAMES``, else the stage's default).
HOLD_MAX_FRAMES = int(os.environ.get("IAL_FACE_COST_HOLD_FRAMES", FaceOptions().hold_max_frames))


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_once(video: Path, outdir: Path, *, pipe_format: str, landmark_fps: float,
             hold_max_change: float) -> dict[str, Any]:
    """Analyse ``video`` into ``outdir`` in this process; CPU seconds, wall time and what was found."""
    from interview_ai_lab.media import frames
    from interview_ai_lab.runner import run_stage
    from interview_ai_lab.runtime.stage import Context
    from interview_ai_lab.stages import face_emotions_onnx, gaze_nods
    from interview_ai_lab.vision.face import FaceAnalyzer

    frames.PIPE_FORMAT = pipe_format
    spent = {"mesh": 0.0, "detect_all": 0.0}
    for name in spent:  # the CPU time of the process while the landmarker / the detector runs
        def timed(self: Any, *a: Any, _f: Any = getattr(FaceAnalyzer, name), _n: str = name, **k: Any) -> Any:
            c0 = time.process_time()
            try:
                return _f(self, *a, **k)
            finally:
                spent[_n] += time.process_time() - c0
        setattr(FaceAnalyzer, name, timed)
    ctx = Context(video=video, outdir=outdir, threads=1)
    py0, ff0, w0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    run_stage(face_emotions_onnx.STAGE, ctx, face_emotions_onnx.Options(landmark_fps=landmark_fps,
                                                                         hold_max_change=hold_max_change,
                                                                         hold_max_frames=HOLD_MAX_FRAMES))
    py1, ff1, w1 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    run_stage(gaze_nods.STAGE, ctx, gaze_nods.Options())
    faces = json.loads(ctx.path("faces.json").read_text(encoding="utf-8"))
    nv = json.loads(ctx.path("gaze.json").read_text(encoding="utf-8"))["nonverbal"] or {}
    return {"pipe_format": pipe_format, "landmark_fps": landmark_fps, "hold_max_change": hold_max_change,
            "frames_held": faces.get("frames_held"), "wall_s": round(w1 - w0, 2),
            "cpu_s": round(py1 - py0 + ff1 - ff0, 2), "python_cpu_s": round(py1 - py0, 2),
            "ffmpeg_cpu_s": round(ff1 - ff0, 2), "landmarker_cpu_s": round(spent["mesh"], 2),
            "detector_cpu_s": round(spent["detect_all"], 2), "frames": faces.get("frames_analysed"),
            "nods": nv.get("nods"), "nod_times": [e["t"] for e in nv.get("nod_events", [])],
            "eye_contact_ratio": nv.get("eye_contact_ratio"), "look_aways": len(nv.get("look_away_events", []))}


def _child(video: Path, outdir: Path, pipe_format: str, landmark_fps: float, hold: float) -> dict[str, Any]:
    """:func:`run_once` in a fresh interpreter (its imports and model loads counted, as in the pipeline)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), str(video), "--one", "--outdir", str(outdir),
           "--pipe-formats", pipe_format, "--landmark-fps", f"{landmark_fps:g}", "--hold-max-change", f"{hold:g}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"face_cost run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(lines[-1])


SUMMED = ("cpu_s", "python_cpu_s", "ffmpeg_cpu_s", "landmarker_cpu_s", "detector_cpu_s", "wall_s")


def compare(video: Path, *, pipe_formats: Sequence[str], landmark_fps: Sequence[float], holds: Sequence[float],
            repeat: int, log: Any = print) -> dict[str, Any]:
    """Alternate the variants ``repeat`` times; every run and the medians per variant."""
    variants = [(p, f, h) for f in landmark_fps for p in pipe_formats for h in holds]
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="face_cost-") as tmp:
        for r in range(repeat):
            for i, (p, f, h) in enumerate(variants):
                out = Path(tmp) / f"{r}-{i}"
                runs.append(_child(video, out, p, f, h))
                shutil.rmtree(out, ignore_errors=True)
                log(json.dumps(runs[-1]))
    medians = []
    for p, f, h in variants:
        mine = [x for x in runs if x["pipe_format"] == p and x["landmark_fps"] == f and x["hold_max_change"] == h]
        medians.append({"pipe_format": p, "landmark_fps": f, "hold_max_change": h, "runs": len(mine),
                        **{k: round(statistics.median(x[k] for x in mine), 2) for k in SUMMED},
                        **{k: mine[-1][k] for k in ("frames", "frames_held", "nods", "eye_contact_ratio",
                                                     "look_aways")}})
    return {"video": str(video), "runs": runs, "medians": medians}


def format_table(res: dict[str, Any]) -> str:
    """The medians as a text table."""
    head = ("pipe", "fps", "hold", "CPU s", "python", "ffmpeg", "landmarker", "detector", "wall s", "frames",
            "held", "nods", "eye contact", "look-aways")
    rows = [head] + [(m["pipe_format"], f"{m['landmark_fps']:g}", f"{m['hold_max_change']:g}", *(f"{m[k]:.2f}"
             for k in ("cpu_s", "python_cpu_s", "ffmpeg_cpu_s", "landmarker_cpu_s", "detector_cpu_s", "wall_s")),
             str(m["frames"]), str(m["frames_held"]), str(m["nods"]),
             str(m["eye_contact_ratio"]), str(m["look_aways"])) for m in res["medians"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module's docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("video", type=Path)
    ap.add_argument("--pipe-formats", default="yuv420p,rgb", help="comma-separated: yuv420p, rgb")
    ap.add_argument("--landmark-fps", default="8", help="comma-separated landmark rates, frames per second")
    ap.add_argument("--hold-max-change", default=f"{FaceOptions().hold_max_change:g}",
                    help="comma-separated hold thresholds, grey levels (0: landmarker on every frame; "
                         "default: the stage's, %(default)s)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of alternating runs (medians are kept)")
    ap.add_argument("--json", type=Path, help="also write every run and the medians here")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--outdir", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    formats = [x.strip() for x in a.pipe_formats.split(",") if x.strip()]
    if not a.video.exists():
        ap.error(f"no such video: {a.video}")
    if any(x not in ("yuv420p", "rgb") for x in formats):
        ap.error("--pipe-formats takes yuv420p and/or rgb")
    rates = [float(x) for x in a.landmark_fps.split(",") if x.strip()]
    holds = [float(x) for x in a.hold_max_change.split(",") if x.strip()]
    if a.one:
        print(json.dumps(run_once(a.video, a.outdir, pipe_format=formats[0], landmark_fps=rates[0],
                                  hold_max_change=holds[0])))
        return 0
    res = compare(a.video, pipe_formats=formats, landmark_fps=rates, holds=holds, repeat=max(1, a.repeat))
    print(format_table(res))
    if a.json:
        a.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
