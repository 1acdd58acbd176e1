"""Stage — eye contact, look-aways and head nods from ``faces.json`` → ``gaze.json``.

Reads the per-frame head pose and iris offsets written by ``face_emotions_onnx``
(it never decodes the video). Eye contact: the gaze (head yaw/pitch plus a share
of the eye rotation seen from the irises) within ``--yaw-max-deg`` /
``--pitch-max-deg`` of the camera; a frame without a face counts as no contact.
Each frame's eye contact is written beside the measures (``eye_contact``: one boolean per
``faces.json`` frame), so that an answer's eye contact is the share of its frames by the same
rule (:func:`~interview_ai_lab.vision.nonverbal_metrics.contact_shares`).
Nods: short down-and-up pitch dips against the candidate's own running baseline
(running median), with amplitude and duration thresholds, so slow drift and sway
are not counted.

    python scripts/gaze_nods.py --outdir outputs/sample1
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

#: The artefact read: the face stage's per-frame results.
FACES = "faces.json"


@dataclass
class Options:
    """Options of the eye-contact and nod measures.

    Attributes:
        yaw_max_deg: Largest |gaze yaw| still counted as looking at the camera, degrees.
        pitch_max_deg: Largest |gaze pitch| still counted as looking at the camera, degrees.
        gaze_smooth_samples: Running-median length (landmark frames) applied to the gaze
            angles before the thresholds (1: none).
        pose_baseline: Measure yaw/pitch from the candidate's own near-frontal pose
            (median of the frames within ``baseline_gate_deg`` of the camera axis, at most
            ``max_baseline_offset_deg`` away) instead of from the camera axis: absorbs a
            per-face bias of the pose estimate, but also a camera set beside or above the
            screen, which then counts as eye contact. Off by default: eye contact means
            facing the camera itself.
        baseline_gate_deg: Frames within this many degrees of the camera axis make the baseline.
        max_baseline_offset_deg: Largest baseline correction, degrees.
        iris_weight: Share (0-1) of the eye-in-head rotation seen from the irises added to
            the head pose (0: head pose only). Eyes that look back at the lens from a
            turned head then still count as contact.
        iris_gain_deg: Eye rotation in degrees per eye width of iris offset from its
            resting position (the median over the video).
        nod_min_amplitude_deg: Smallest pitch dip counted as a nod, degrees below the baseline.
        nod_max_duration_sec: Longest nod, seconds (width of the dip at half its depth; a
            whole nod lasts about twice that).
        nod_smooth_samples: Moving-average length (landmark frames) applied to the pitch
            before nod detection.
        nod_min_gap_sec: Two nods are at least this far apart, seconds.
        nod_baseline_sec: Window of the running-median pitch baseline, seconds (drift,
            posture changes and slow sway move the baseline; nods do not).
        nod_direction: ``down`` (chin down, then up) or ``both`` (also up-then-down tosses).
        max_fill_gap_sec: Gaps without a face up to this long are interpolated for nods, seconds.
        look_away_min_sec: Shortest look-away reported as an event, seconds.
        look_away_merge_sec: Look-aways separated by less contact than this are merged, seconds.
    """

    yaw_max_deg: float = 15.0
    pitch_max_deg: float = 12.0
    gaze_smooth_samples: int = 3
    pose_baseline: bool = False
    baseline_gate_deg: float = 15.0
    max_baseline_offset_deg: float = 10.0
    iris_weight: float = 0.3
    iris_gain_deg: float = 250.0
    nod_min_amplitude_deg: float = 6.0
    nod_max_duration_sec: float = 0.6
    nod_smooth_samples: int = 3
    nod_min_gap_sec: float = 0.4
    nod_baseline_sec: float = 3.0
    nod_direction: str = "down"
    max_fill_gap_sec: float = 0.3
    look_away_min_sec: float = 0.5
    look_away_merge_sec: float = 0.3


def _arrays(frames: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Per-frame columns; NaN where there is no face or no landmarks."""
    def col(key: str) -> np.ndarray:
        return np.array([f.get(key) if f.get(key) is not None else np.nan for f in frames], dtype=float)

    iris = [f.get("iris") or [np.nan, np.nan] for f in frames]
    return {
        "t": np.array([f["t"] for f in frames], dtype=float),
        "face": np.array([bool(f.get("face")) for f in frames]),
        "yaw": col("yaw"), "pitch": col("pitch"), "blink": col("blink"), "smile": col("smile"),
        "dx": np.array([i[0] for i in iris], dtype=float), "dy": np.array([i[1] for i in iris], dtype=float),
    }


def contact_frames(frames: list[dict[str, Any]], *, opts: Options) -> tuple[np.ndarray, tuple[float, float]]:
    """Eye contact of each frame of ``faces.json``, and the pose counted as facing the camera.

    Returns the per-frame booleans of :func:`~interview_ai_lab.vision.nonverbal_metrics.eye_contact_frames`
    with the options' thresholds, and the reference ``(yaw, pitch)`` in degrees.
    """
    from interview_ai_lab.vision import nonverbal_metrics as nm

    a = _arrays(frames)
    return nm.eye_contact_frames(
        face=a["face"], yaw=a["yaw"], pitch=a["pitch"], iris_dx=a["dx"], iris_dy=a["dy"],
        yaw_max_deg=opts.yaw_max_deg, pitch_max_deg=opts.pitch_max_deg, iris_weight=opts.iris_weight,
        iris_gain_deg=opts.iris_gain_deg, smooth_samples=opts.gaze_smooth_samples, pose_baseline=opts.pose_baseline,
        baseline_gate_deg=opts.baseline_gate_deg, max_baseline_offset_deg=opts.max_baseline_offset_deg)


def measure(frames: list[dict[str, Any]], *, fps: float, opts: Options) -> dict[str, Any]:
    """The ``nonverbal`` block from the per-frame results of ``faces.json`` sampled at ``fps``."""
    from interview_ai_lab.vision import nonverbal_metrics as nm

    thresholds = dataclasses.asdict(opts)
    n = len(frames)
    if n == 0:
        return {"eye_contact_ratio": 0.0, "nods": 0, "nod_events": [], "face_detected_ratio": 0.0,
                "look_away_events": [], "no_face_events": [], "blink_rate_per_min": None, "blinks": None,
                "blink_times": [], "smile_share": None, "thresholds": thresholds, "frames": 0}
    a = _arrays(frames)
    contact, ref = contact_frames(frames, opts=opts)
    frame_sec = 1.0 / fps
    look_away = nm.intervals(a["face"] & ~contact, a["t"], frame_sec=frame_sec,
                             min_duration_sec=opts.look_away_min_sec, max_gap_sec=opts.look_away_merge_sec)
    no_face = nm.intervals(~a["face"], a["t"], frame_sec=frame_sec, min_duration_sec=opts.look_away_min_sec,
                           max_gap_sec=opts.look_away_merge_sec)
    nods = nm.detect_nods(a["t"], a["pitch"], fps=fps, min_amplitude_deg=opts.nod_min_amplitude_deg,
                          max_duration_sec=opts.nod_max_duration_sec, min_gap_sec=opts.nod_min_gap_sec,
                          baseline_win_sec=opts.nod_baseline_sec, max_fill_gap_sec=opts.max_fill_gap_sec,
                          direction=opts.nod_direction, smooth_samples=opts.nod_smooth_samples)
    posed = np.isfinite(a["yaw"]) & np.isfinite(a["pitch"])
    shares = nm.contact_shares(face=a["face"], contact=contact)
    return {
        "eye_contact_ratio": shares["eye_contact_ratio"],
        "nods": len(nods),
        "nod_events": nods,
        "face_detected_ratio": shares["face_detected_ratio"],
        "look_away_events": [{"start": s, "end": e} for s, e in look_away],
        "no_face_events": [{"start": s, "end": e} for s, e in no_face],
        "pose_reference": {"yaw": round(ref[0], 1), "pitch": round(ref[1], 1)},
        "median_head_pose": {"yaw": round(float(np.median(a["yaw"][posed])), 1) if posed.any() else None,
                             "pitch": round(float(np.median(a["pitch"][posed])), 1) if posed.any() else None},
        **expression_facts(a, fps=fps),
        "thresholds": thresholds,
        "frames": n,
    }


def expression_facts(a: dict[str, np.ndarray], *, fps: float) -> dict[str, Any]:
    """Blink rate (blinks per minute) and smile share (0-1) from the per-frame blendshape scores.

    Measured facts for the coaching expression panel; None when ``faces.json`` has no scores
    (recruitment mode: the face stage keeps none), when the landmark rate is too low to see
    blinks (:data:`~interview_ai_lab.vision.nonverbal_metrics.BLINK_MIN_FPS`), or with too little face.
    Never part of a score.
    """
    from interview_ai_lab.vision import nonverbal_metrics as nm

    rate = nm.blink_rate(a["t"], a["blink"], fps=fps) if np.isfinite(a["blink"]).any() else None
    return {
        "blink_rate_per_min": rate["per_min"] if rate else None,
        "blinks": rate["blinks"] if rate else None,
        "blink_times": rate["times"] if rate else [],
        "smile_share": nm.smile_share(a["smile"]),
    }


def check(opts: Options) -> None:
    """Raise :class:`InputError` for options out of range."""
    if opts.nod_direction not in ("down", "both"):
        raise InputError(f"--nod-direction must be 'down' or 'both', not {opts.nod_direction!r}")
    if not 0.0 <= opts.iris_weight <= 1.0:
        raise InputError("--iris-weight must be between 0 and 1")


def run(ctx: Context, opts: Options) -> Payload:
    """Measure eye contact and nods from ``faces.json``; the payload of ``gaze.json``."""
    faces = read_json(ctx.path(FACES))
    warnings: list[str] = []
    if faces.get("has_video") is False:
        warnings.append(notice("gaze_no_video_stream"))
        return {"nonverbal": None, "warnings": warnings}
    frames = faces.get("frames") or []
    fps = float(faces.get("landmark_fps") or 0) or 10.0
    nonverbal = measure(frames, fps=fps, opts=opts)
    if nonverbal["face_detected_ratio"] == 0.0:
        warnings.append(notice("gaze_no_face"))
        logger.warning(warnings[-1]["message"])
    ctx.hook(STAGE.name, 1, 1)
    return {"nonverbal": nonverbal, "eye_contact": contact_frames(frames, opts=opts)[0].tolist(), "warnings": warnings}


STAGE = Stage(name="gaze_nods", version="3", inputs=(FACES,), output="gaze.json", options=Options, run=run,
              check=check, weight=3)

