"""Non-verbal metrics as pure functions on arrays (emotions, eye contact, nods, blinks, smiles).

Every function is keyword-only after its data arguments, has no side effects and
documents its units: times in seconds, angles in degrees, rates in frames per
second. Missing measurements (no face in a frame) are ``NaN``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "smooth_probs", "distribution", "dominant", "even_indices", "emotion_summary",
    "fill_gaps", "running_median", "gaze_angles", "pose_reference", "eye_contact_mask", "eye_contact_frames",
    "eye_contact_ratio", "face_detected_ratio", "contact_shares", "in_window",
    "intervals", "detect_nods", "blink_smile_scores", "detect_blinks", "blink_rate", "smile_share",
]


# --------------------------------------------------------------------------- emotions


def smooth_probs(probs: np.ndarray, *, win: int) -> np.ndarray:
    """Centred moving average of class probabilities over ``win`` consecutive samples.

    Args:
        probs: ``(T, C)`` probabilities, one row per sampled frame.
        win: Window length in samples; ``≤ 1`` returns a copy. The window shrinks at the
            edges (no padding), so rows still sum to 1.

    Returns:
        ``(T, C)`` smoothed probabilities.
    """
    p = np.asarray(probs, dtype=np.float64)
    if p.ndim != 2:
        raise ValueError(f"probs must be (T, C), got shape {p.shape}")
    if win <= 1 or len(p) <= 1:
        return p.copy()
    half_lo, half_hi = (win - 1) // 2, win // 2
    c = np.vstack([np.zeros((1, p.shape[1])), np.cumsum(p, axis=0)])
    idx = np.arange(len(p))
    lo = np.clip(idx - half_lo, 0, len(p))
    hi = np.clip(idx + half_hi + 1, 0, len(p))
    return (c[hi] - c[lo]) / (hi - lo)[:, None]


def distribution(label_idx: np.ndarray, *, labels: Sequence[str]) -> dict[str, float]:
    """Share of samples per label (shares sum to 1; all labels listed, 0 when unseen).

    Args:
        label_idx: ``(T,)`` integer class index per sample.
        labels: Class names, index order.
    """
    idx = np.asarray(label_idx, dtype=int)
    if len(idx) == 0:
        return {}
    counts = np.bincount(idx, minlength=len(labels))[: len(labels)].astype(float)
    shares = counts / counts.sum()
    out = {lab: round(float(s), 4) for lab, s in zip(labels, shares)}
    # rounding must not break the sum-to-1 contract: give the residue to the largest share
    top = max(out, key=out.get)
    out[top] = round(out[top] + 1.0 - sum(out.values()), 4)
    return out


def dominant(dist: dict[str, float]) -> str | None:
    """The label with the largest share (first in order on ties), or None for an empty distribution."""
    return max(dist, key=dist.get) if dist else None


def even_indices(n: int, *, max_points: int) -> np.ndarray:
    """Indices of at most ``max_points`` items spread evenly over ``n`` (first and last kept)."""
    if n <= 0:
        return np.zeros(0, dtype=int)
    if max_points <= 0 or n <= max_points:
        return np.arange(n)
    if max_points == 1:
        return np.zeros(1, dtype=int)
    return np.unique(np.round(np.linspace(0, n - 1, max_points)).astype(int))


def emotion_summary(times: np.ndarray, probs: np.ndarray, *, labels: Sequence[str], smooth_win: int,
                    max_timeline: int) -> dict | None:
    """``dominant_emotion``, ``distribution`` and ``timeline`` from per-frame probabilities.

    Args:
        times: ``(T,)`` seconds of the sampled frames that had a face.
        probs: ``(T, C)`` class probabilities of those frames.
        labels: Class names (column order).
        smooth_win: Moving-average window in samples, applied before taking each frame's label.
        max_timeline: Most points in ``timeline`` (evenly downsampled, never cut off).

    Returns:
        The ``emotions`` block, or None when no frame had a face.
    """
    t = np.asarray(times, dtype=float)
    p = np.asarray(probs, dtype=float)
    if len(t) == 0:
        return None
    sm = smooth_probs(p, win=smooth_win)
    idx = sm.argmax(axis=1)
    dist = distribution(idx, labels=labels)
    keep = even_indices(len(t), max_points=max_timeline)
    return {
        "dominant_emotion": dominant(dist),
        "distribution": dist,
        "timeline": [{"t": round(float(t[i]), 2), "e": labels[int(idx[i])]} for i in keep],
        "mean_probabilities": {lab: round(float(v), 4) for lab, v in zip(labels, p.mean(axis=0))},
        "n_frames": int(len(t)),
    }


# --------------------------------------------------------------------------- time series helpers


def fill_gaps(x: np.ndarray, *, max_gap: int) -> np.ndarray:
    """Linearly interpolate runs of at most ``max_gap`` NaN samples between two valid ones.

    Longer runs and NaNs at the ends stay NaN.
    """
    y = np.asarray(x, dtype=float).copy()
    bad = np.isnan(y)
    if not bad.any() or bad.all() or max_gap <= 0:
        return y
    good = np.flatnonzero(~bad)
    interp = np.interp(np.arange(len(y)), good, y[good])
    i = 0
    while i < len(y):
        if bad[i]:
            j = i
            while j < len(y) and bad[j]:
                j += 1
            if i > 0 and j < len(y) and j - i <= max_gap:
                y[i:j] = interp[i:j]
            i = j
        else:
            i += 1
    return y


def running_median(x: np.ndarray, *, win: int) -> np.ndarray:
    """Centred running median over ``win`` samples, ignoring NaNs (NaN where the window has no data)."""
    y = np.asarray(x, dtype=float)
    n = len(y)
    if n == 0:
        return y.copy()
    win = max(1, int(win))
    half = win // 2
    pad = np.concatenate([np.full(half, np.nan), y, np.full(win - 1 - half, np.nan)])
    windows = np.lib.stride_tricks.sliding_window_view(pad, win)
    out = np.full(n, np.nan)
    ok = ~np.isnan(windows).all(axis=1)
    if ok.any():
        out[ok] = np.nanmedian(windows[ok], axis=1)
    return out


# --------------------------------------------------------------------------- eye contact


def gaze_angles(yaw: np.ndarray, pitch: np.ndarray, iris_dx: np.ndarray, iris_dy: np.ndarray, *,
                iris_weight: float, iris_gain_deg: float, iris_reference: tuple[float, float] | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """Gaze direction (degrees) = head pose + ``iris_weight`` × eye rotation estimated from the irises.

    Args:
        yaw: ``(T,)`` head yaw, degrees (> 0 towards the image's right).
        pitch: ``(T,)`` head pitch, degrees (> 0 up).
        iris_dx: ``(T,)`` iris offset along the eye, eye widths (> 0 towards the image's right).
        iris_dy: ``(T,)`` iris offset across the eye, eye widths (> 0 down).
        iris_weight: 0 = head pose only, 1 = full eye-in-head rotation added.
        iris_gain_deg: Eye rotation, degrees, per eye width of iris offset.
        iris_reference: ``(dx, dy)`` of the irises when looking straight ahead; default:
            the median over the valid samples (each face has its own resting offset).
            NaN iris samples contribute no eye rotation.

    Returns:
        ``(gaze_yaw, gaze_pitch)`` in degrees.
    """
    yaw = np.asarray(yaw, dtype=float)
    pitch = np.asarray(pitch, dtype=float)
    dx = np.asarray(iris_dx, dtype=float)
    dy = np.asarray(iris_dy, dtype=float)
    if iris_weight <= 0:
        return yaw.copy(), pitch.copy()
    if iris_reference is None:
        rx = float(np.nanmedian(dx)) if np.isfinite(dx).any() else 0.0
        ry = float(np.nanmedian(dy)) if np.isfinite(dy).any() else 0.0
    else:
        rx, ry = iris_reference
    ex = np.nan_to_num(dx - rx) * iris_gain_deg
    ey = -np.nan_to_num(dy - ry) * iris_gain_deg  # irises down = looking down = pitch < 0
    return yaw + iris_weight * ex, pitch + iris_weight * ey


def pose_reference(yaw: np.ndarray, pitch: np.ndarray, *, gate_deg: float = 15.0,
                   max_offset_deg: float = 10.0) -> tuple[float, float]:
    """The candidate's own "looking at the camera" pose ``(yaw, pitch)`` in degrees.

    The median pose of the near-frontal samples (within ``gate_deg`` of the camera axis,
    then within ``gate_deg`` of that first median), clipped to ``±max_offset_deg``. It
    absorbs what does not depend on where the candidate looks: the face's own shape
    (the pose estimate of a frontal face is off by a few degrees, differently for each
    face) and a camera slightly above or beside the screen. Look-aways, further than
    ``gate_deg``, do not move it. ``(0, 0)`` without near-frontal samples.
    """
    y = np.asarray(yaw, dtype=float)
    p = np.asarray(pitch, dtype=float)
    ref = np.zeros(2)
    for _ in range(2):
        with np.errstate(invalid="ignore"):
            near = (np.abs(y - ref[0]) <= gate_deg) & (np.abs(p - ref[1]) <= gate_deg)
        if not near.any():
            return 0.0, 0.0
        ref = np.clip([np.median(y[near]), np.median(p[near])], -max_offset_deg, max_offset_deg)
    return float(ref[0]), float(ref[1])


def eye_contact_mask(gaze_yaw: np.ndarray, gaze_pitch: np.ndarray, *, yaw_max_deg: float, pitch_max_deg: float,
                     yaw_offset_deg: float = 0.0, pitch_offset_deg: float = 0.0) -> np.ndarray:
    """True where the gaze points at the camera: ``|yaw − offset| ≤ yaw_max`` and ``|pitch − offset| ≤ pitch_max``.

    NaN angles (no face, no landmarks) count as no contact.
    """
    gy = np.asarray(gaze_yaw, dtype=float)
    gp = np.asarray(gaze_pitch, dtype=float)
    with np.errstate(invalid="ignore"):
        return (np.abs(gy - yaw_offset_deg) <= yaw_max_deg) & (np.abs(gp - pitch_offset_deg) <= pitch_max_deg)


def eye_contact_frames(*, face: np.ndarray, yaw: np.ndarray, pitch: np.ndarray, iris_dx: np.ndarray,
                       iris_dy: np.ndarray, yaw_max_deg: float, pitch_max_deg: float, iris_weight: float,
                       iris_gain_deg: float, smooth_samples: int = 1, pose_baseline: bool = False,
                       baseline_gate_deg: float = 15.0, max_baseline_offset_deg: float = 10.0
                       ) -> tuple[np.ndarray, tuple[float, float]]:
    """Which frames of the whole interview have eye contact, and the pose counted as facing the camera.

    The gaze is the head pose plus a share of the eye rotation (:func:`gaze_angles`, the irises'
    resting offset taken over the whole interview), smoothed by a running median of
    ``smooth_samples`` frames (landmark jitter must not flip frames near a threshold), measured from
    the camera axis or, with ``pose_baseline``, from the candidate's own frontal pose
    (:func:`pose_reference`), and within ``yaw_max_deg`` / ``pitch_max_deg``
    (:func:`eye_contact_mask`). A frame without a face has no contact. The interview's and each
    answer's eye contact are :func:`contact_shares` of these flags (all frames, or the answer's).

    Args:
        face: ``(T,)`` the candidate's face is seen.
        yaw: ``(T,)`` head yaw, degrees (NaN without landmarks).
        pitch: ``(T,)`` head pitch, degrees (NaN without landmarks).
        iris_dx: ``(T,)`` iris offset along the eye, eye widths (NaN without landmarks).
        iris_dy: ``(T,)`` iris offset across the eye, eye widths (NaN without landmarks).
        yaw_max_deg: Largest |gaze yaw| counted as contact, degrees.
        pitch_max_deg: Largest |gaze pitch| counted as contact, degrees.
        iris_weight: Share (0-1) of the eye rotation added to the head pose.
        iris_gain_deg: Eye rotation per eye width of iris offset, degrees.
        smooth_samples: Running-median length, frames (1: none).
        pose_baseline: Measure from the candidate's own frontal pose instead of the camera axis.
        baseline_gate_deg: See :func:`pose_reference`, degrees.
        max_baseline_offset_deg: See :func:`pose_reference`, degrees.

    Returns:
        ``(contact, (reference_yaw, reference_pitch))``: ``(T,)`` booleans, and the reference pose in
        degrees (``(0, 0)`` without ``pose_baseline``).
    """
    gy, gp = gaze_angles(yaw, pitch, iris_dx, iris_dy, iris_weight=iris_weight, iris_gain_deg=iris_gain_deg)
    if smooth_samples > 1:
        gy = np.where(np.isfinite(gy), running_median(gy, win=smooth_samples), np.nan)
        gp = np.where(np.isfinite(gp), running_median(gp, win=smooth_samples), np.nan)
    ref = (pose_reference(gy, gp, gate_deg=baseline_gate_deg, max_offset_deg=max_baseline_offset_deg)
           if pose_baseline else (0.0, 0.0))
    contact = eye_contact_mask(gy, gp, yaw_max_deg=yaw_max_deg, pitch_max_deg=pitch_max_deg,
                               yaw_offset_deg=ref[0], pitch_offset_deg=ref[1])
    return contact & np.asarray(face, dtype=bool), ref


def eye_contact_ratio(mask: np.ndarray) -> float:
    """Share (0-1) of analysed frames with eye contact; 0 for no frames. Frames are equally spaced in time."""
    m = np.asarray(mask, dtype=bool)
    return float(m.mean()) if len(m) else 0.0


def face_detected_ratio(face: np.ndarray) -> float:
    """Share (0-1) of analysed frames showing the candidate's face; 0 for no frames."""
    f = np.asarray(face, dtype=bool)
    return float(f.mean()) if len(f) else 0.0


def contact_shares(*, face: np.ndarray, contact: np.ndarray) -> dict[str, float]:
    """``eye_contact_ratio`` and ``face_detected_ratio`` (0-1, 4 decimals) of some frames.

    The one rule of the interview (all its frames) and of an answer (its frames, :func:`in_window`).

    Args:
        face: ``(T,)`` the face is seen.
        contact: ``(T,)`` eye contact (:func:`eye_contact_frames`; no face is no contact).
    """
    return {"eye_contact_ratio": round(eye_contact_ratio(contact), 4),
            "face_detected_ratio": round(face_detected_ratio(face), 4)}


def in_window(times: np.ndarray, *, start_sec: float, end_sec: float) -> np.ndarray:
    """``(T,)`` booleans: the frame times in ``[start_sec, end_sec)`` (seconds)."""
    t = np.asarray(times, dtype=float)
    return (t >= start_sec) & (t < end_sec)


def intervals(mask: np.ndarray, times: np.ndarray, *, frame_sec: float, min_duration_sec: float = 0.0,
              max_gap_sec: float = 0.0) -> list[tuple[float, float]]:
    """``(start, end)`` seconds of the runs where ``mask`` is True.

    Args:
        mask: ``(T,)`` booleans.
        times: ``(T,)`` frame times, seconds; a frame covers ``[t, t + frame_sec)``.
        frame_sec: Duration of one frame, seconds.
        min_duration_sec: Shorter runs (after merging) are dropped.
        max_gap_sec: Runs separated by at most this gap are merged.
    """
    m = np.asarray(mask, dtype=bool)
    t = np.asarray(times, dtype=float)
    runs: list[list[float]] = []
    i = 0
    while i < len(m):
        if m[i]:
            j = i
            while j + 1 < len(m) and m[j + 1]:
                j += 1
            start, end = float(t[i]), float(t[j] + frame_sec)
            if runs and start - runs[-1][1] <= max_gap_sec + 1e-9:
                runs[-1][1] = end
            else:
                runs.append([start, end])
            i = j + 1
        else:
            i += 1
    return [(round(a, 2), round(b, 2)) for a, b in runs if b - a >= min_duration_sec - 1e-9]


# --------------------------------------------------------------------------- nods


def detect_nods(times: np.ndarray, pitch: np.ndarray, *, fps: float, min_amplitude_deg: float,
                max_duration_sec: float, min_gap_sec: float, baseline_win_sec: float,
                max_fill_gap_sec: float = 0.3, direction: str = "down", smooth_samples: int = 3) -> list[dict]:
    """Head nods: short down-and-up pitch movements relative to the person's running baseline.

    The baseline is a running median of the pitch over ``baseline_win_sec`` (slow drift,
    a lasting change of posture and slow sway move it; a nod, much shorter, does not).
    The trace is first smoothed by a triangular ``smooth_samples`` window (landmark
    jitter would otherwise cut a slow dip into narrow pieces). A nod is a dip of the
    residual (pitch − baseline) at least ``min_amplitude_deg`` deep, standing out by
    at least 60 % of that from its neighbourhood (so two quick nods count twice), and
    at most ``max_duration_sec`` wide at half its prominence (a slow look down and back,
    a drift, is not a nod).

    Args:
        times: ``(T,)`` frame times, seconds, equally spaced at ``fps``.
        pitch: ``(T,)`` head pitch, degrees (> 0 up); NaN without a face.
        fps: Frame rate of the trace, frames per second.
        min_amplitude_deg: Smallest nod depth, degrees.
        max_duration_sec: Longest width at half depth, seconds.
        min_gap_sec: Two nods are at least this far apart, seconds.
        baseline_win_sec: Running-median window of the baseline, seconds.
        max_fill_gap_sec: Face-less gaps up to this length are interpolated, seconds.
        direction: ``down`` (chin down then up: the usual nod) or ``both`` (also an
            up-then-down toss of the head).
        smooth_samples: Length in samples of the triangular smoothing window applied
            before detection (3: weights 1-2-1; 1: none).

    Returns:
        ``[{"t": seconds of the deepest point, "amplitude_deg": depth}]`` in time order.
    """
    from scipy.signal import find_peaks

    t = np.asarray(times, dtype=float)
    p = fill_gaps(np.asarray(pitch, dtype=float), max_gap=int(round(max_fill_gap_sec * fps)))
    if len(p) < 3 or not np.isfinite(p).any():
        return []
    if smooth_samples > 1:
        half = int(smooth_samples) // 2 + 1
        kernel = np.concatenate([np.arange(1, half + 1), np.arange(half - 1, 0, -1)]).astype(float)
        valid = np.isfinite(p)
        num = np.convolve(np.where(valid, p, 0.0), kernel, mode="same")
        den = np.convolve(valid.astype(float), kernel, mode="same")
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.where(valid, num / np.maximum(den, 1e-9), np.nan)
    base = running_median(p, win=max(3, int(round(baseline_win_sec * fps)) | 1))
    resid = p - base
    signs = (-1.0,) if direction == "down" else (-1.0, 1.0)
    events: list[tuple[float, float]] = []
    for sign in signs:
        y = sign * resid
        # split into runs of valid samples: a nod never spans a long gap without a face
        valid = np.isfinite(y)
        start = 0
        while start < len(y):
            if not valid[start]:
                start += 1
                continue
            end = start
            while end < len(y) and valid[end]:
                end += 1
            seg = y[start:end]
            if len(seg) >= 3:
                padded = np.concatenate([[min(0.0, seg.min())], seg, [min(0.0, seg.min())]])
                peaks, _ = find_peaks(padded, prominence=0.6 * min_amplitude_deg, height=min_amplitude_deg,
                                          width=(None, max(1.0, max_duration_sec * fps)), rel_height=0.5)
                for k in peaks:
                    i = start + k - 1
                    events.append((float(t[i]), float(padded[k])))
            start = end
    events.sort()
    merged: list[tuple[float, float]] = []
    for ev in events:
        if merged and ev[0] - merged[-1][0] < min_gap_sec:
            if ev[1] > merged[-1][1]:
                merged[-1] = ev
            continue
        merged.append(ev)
    return [{"t": round(tt, 2), "amplitude_deg": round(a, 1)} for tt, a in merged]


# --------------------------------------------------------------------------- blinks and smiles (blendshapes)

#: Blink and smile thresholds on the FaceLandmarker blendshape scores (0-1). On the rendered
#: face (interview_ai_lab/media/synthetic_face.py) open eyes read 0.03-0.05 and a blink peaks at 0.40-0.73 (15 fps); real
#: closed eyes read higher. A blink starts above ``BLINK_ON`` and ends below ``BLINK_OFF``.
BLINK_ON, BLINK_OFF = 0.35, 0.2
SMILE_ON = 0.5
#: Below this landmark rate, frames are too far apart to see a blink (~0.1-0.3 s): no blink rate.
BLINK_MIN_FPS = 12.0
#: A closure longer than this is eyes shut (laughing, crying, thinking), not a blink, seconds.
BLINK_MAX_CLOSURE_SEC = 0.7


def blink_smile_scores(*, blendshapes: dict[str, float]) -> tuple[float | None, float | None]:
    """``(blink, smile)`` scores (0-1, 3 decimals) of one frame's blendshapes; None for a score the dict lacks.

    Each is the mean of the left and right ``eyeBlink`` (resp. ``mouthSmile``) blendshape scores.
    """
    def mean(a: str, b: str) -> float | None:
        vals = [blendshapes[k] for k in (a, b) if k in blendshapes]
        return round(float(np.mean(vals)), 3) if vals else None

    return mean("eyeBlinkLeft", "eyeBlinkRight"), mean("mouthSmileLeft", "mouthSmileRight")


def detect_blinks(times: np.ndarray, blink: np.ndarray, *, on: float = BLINK_ON, off: float = BLINK_OFF,
                  max_closure_sec: float = BLINK_MAX_CLOSURE_SEC) -> list[float]:
    """Times (seconds) of the blinks in a per-frame eye-closure score.

    A blink is a run of frames whose score rises above ``on`` after having been below
    ``off`` (hysteresis: one closure is one blink); its time is the frame of its highest
    score. A closure longer than ``max_closure_sec`` (eyes shut while laughing, crying or
    thinking) is not a blink. Frames without a face (``NaN``) end nothing and start nothing.

    Args:
        times: ``(T,)`` frame times, seconds.
        blink: ``(T,)`` eye-closure scores 0-1 (``NaN`` without a face).
        on: Score above which the eyes count as closed.
        off: Score below which they count as open again.
        max_closure_sec: Longest closure counted as a blink, seconds (from the first closed
            frame to the first open one; a blink lasts 0.1-0.4 s).
    """
    t = np.asarray(times, dtype=np.float64)
    b = np.asarray(blink, dtype=np.float64)
    out: list[float] = []
    closed, opened, best, best_t, start_t, last_t = False, False, -1.0, 0.0, 0.0, 0.0
    for ti, bi in zip(t, b):
        if not np.isfinite(bi):
            continue
        if not closed:
            if bi < off:
                opened = True
            elif bi > on and opened:
                closed, best, best_t, start_t = True, bi, ti, ti
        else:
            if bi > best:
                best, best_t = bi, ti
            if bi < off:
                if ti - start_t <= max_closure_sec:
                    out.append(round(float(best_t), 3))
                closed, opened = False, True
        last_t = ti
    if closed and last_t - start_t <= max_closure_sec:
        out.append(round(float(best_t), 3))
    return out


def blink_rate(times: np.ndarray, blink: np.ndarray, *, fps: float, on: float = BLINK_ON,
               off: float = BLINK_OFF) -> dict[str, object] | None:
    """Blinks per minute of visible face, or None when not measurable.

    Args:
        times: ``(T,)`` frame times, seconds, at ``fps``.
        blink: ``(T,)`` eye-closure scores (``NaN`` without a face).
        fps: Frame rate of ``times``; below :data:`BLINK_MIN_FPS` the rate is None.
        on: Score above which the eyes count as closed (see :func:`detect_blinks`).
        off: Score below which they count as open again.

    Returns:
        ``{"per_min", "blinks", "times", "visible_sec"}`` (``per_min`` in blinks per minute),
        or None below :data:`BLINK_MIN_FPS` or with under 10 s of visible face.
    """
    b = np.asarray(blink, dtype=np.float64)
    visible = float(np.isfinite(b).sum()) / fps if fps > 0 else 0.0
    if fps < BLINK_MIN_FPS or visible < 10.0:
        return None
    found = detect_blinks(times, b, on=on, off=off)
    return {"per_min": round(len(found) / visible * 60.0, 1), "blinks": len(found), "times": found,
            "visible_sec": round(visible, 1)}


def smile_share(smile: np.ndarray, *, threshold: float = SMILE_ON) -> float | None:
    """Share (0-1) of the frames with a face whose smile score is above ``threshold``; None without a face."""
    s = np.asarray(smile, dtype=np.float64)
    s = s[np.isfinite(s)]
    return round(float((s > threshold).mean()), 4) if len(s) else None
