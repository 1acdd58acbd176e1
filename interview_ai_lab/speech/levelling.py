"""Short-term loudness levelling of speech (ITU-R BS.1770 loudness via ``pyloudnorm``), noise kept in its place.

A recording can hold a loud take and one 40 dB quieter (another microphone, another
room, a speaker who turned away). Voice activity detection and ASR then lose the quiet
one. :func:`levelling_gain` computes a slowly varying gain that brings the speech of
every stretch to one loudness target:

1. the BS.1770-4 loudness (K-weighted, gated, LUFS) of ``window_sec`` windows every
   ``hop_sec`` (the "short-term loudness" of EBU R128 is a 3-s window): the signal is
   K-weighted once with ``pyloudnorm``'s filters, then each window is gated as
   ``pyloudnorm.Meter.integrated_loudness`` does (400-ms blocks, 75 % overlap, absolute
   gate -70 LUFS, relative gate -10 LU; see :func:`window_loudness`) — the relative gate
   ignores the pauses inside a window;
2. a window drives the gain only when it holds sound that stands out of its own
   background: its loud frames (95th percentile of 25-ms frame energies) at least
   ``min_contrast_db`` above the local noise floor (10th percentile over
   ``floor_window_sec``), and at least ``min_speech_share`` of its frames 10 dB above
   that floor (a window with only the tail of a word would read too quiet). Steady noise
   (a fan, hiss, hum) has no such contrast, so it is never lifted into "speech";
3. between the windows that hold speech (pauses, noise-only stretches) the gain is
   interpolated from the speech on both sides, so a pause keeps its contrast with the
   take around it and pause detection still finds it;
4. the gain (dB) is limited to ``[-max_cut_db, max_gain_db]``, smoothed over
   ``smooth_sec`` and applied sample by sample.

Pure functions on numpy arrays; loudness in LUFS, gains in dB, times in seconds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from interview_ai_lab.runtime.errors import missing_dependency

logger = logging.getLogger(__name__)

__all__ = ["Levelling", "levelling_gain", "apply_gain", "level_speech", "window_loudness"]


@dataclass(frozen=True)
class Levelling:
    """A levelling gain curve and what it did.

    Attributes:
        hop_sec: Spacing of the points of ``gain_db``, seconds.
        gain_db: Gain at ``i * hop_sec`` seconds, dB.
        target_lufs: Loudness the speech was brought to, LUFS.
        speech_share: Share of the windows that held speech (drove the gain), 0-1.
        loudness_lufs: Median short-term loudness of the speech windows before levelling, LUFS
            (None without speech).
    """

    hop_sec: float
    gain_db: np.ndarray
    target_lufs: float
    speech_share: float
    loudness_lufs: float | None

    def summary(self) -> dict[str, float | None]:
        """``{"target_lufs", "loudness_lufs", "gain_db_median", "gain_db_min", "gain_db_max", "speech_share"}``."""
        g = self.gain_db
        return {
            "target_lufs": self.target_lufs,
            "loudness_lufs": round(self.loudness_lufs, 1) if self.loudness_lufs is not None else None,
            "gain_db_median": round(float(np.median(g)), 1) if g.size else 0.0,
            "gain_db_min": round(float(np.min(g)), 1) if g.size else 0.0,
            "gain_db_max": round(float(np.max(g)), 1) if g.size else 0.0,
            "speech_share": round(self.speech_share, 3),
        }


def _frame_db(y: np.ndarray, n: int) -> np.ndarray:
    m = len(y) // n
    if m == 0:
        return np.full(1, -120.0)
    fr = y[: m * n].reshape(m, n).astype(np.float64)
    return 10.0 * np.log10(np.mean(fr * fr, axis=1) + 1e-12)


def _running_percentile(x: np.ndarray, q: float, half: int, step: int) -> np.ndarray:
    """``q``-th percentile of ``x`` in windows of ±``half`` points, computed every ``step`` points and interpolated."""
    centres = np.arange(0, len(x), max(1, step))
    vals = np.array([np.percentile(x[max(0, c - half): c + half + 1], q) for c in centres])
    return np.interp(np.arange(len(x)), centres, vals)


def window_loudness(*, y: np.ndarray, sr: int, centres_sec: np.ndarray, window_sec: float = 3.0) -> np.ndarray:
    """BS.1770-4 gated loudness (LUFS) of the ``window_sec`` windows centred on ``centres_sec``.

    The signal is K-weighted once (``pyloudnorm``'s K-weighting filters); the mean squares of
    400-ms blocks every 100 ms are gated per window as in ``Meter.integrated_loudness``:
    blocks above -70 LUFS, then those above the window's loudness minus 10 LU. A window
    shorter than one block, or with every block gated out, is ``-inf``.
    """
    try:
        import pyloudnorm
    except ImportError as e:
        raise missing_dependency("pyloudnorm", purpose="levelling the loudness of the speech") from e
    meter = pyloudnorm.Meter(sr)  # block_size 0.4 s, overlap 0.75 (BS.1770-4)
    x = np.asarray(y, dtype=np.float64)
    for stage in meter._filters.values():  # high shelf + high pass: the K-weighting of BS.1770
        x = stage.apply_filter(x)
    block, step = int(round(0.4 * sr)), int(round(0.1 * sr))
    out = np.full(len(centres_sec), -np.inf)
    if len(x) < block:
        return out
    csum = np.concatenate([[0.0], np.cumsum(x * x)])
    starts = np.arange(0, len(x) - block + 1, step)
    z = (csum[starts + block] - csum[starts]) / block  # mean square of each block
    lk = -0.691 + 10.0 * np.log10(np.maximum(z, 1e-20))
    half = window_sec / 2.0
    for i, c in enumerate(np.asarray(centres_sec, dtype=np.float64)):
        a = int(max(0.0, c - half) * sr)
        b = int(min(len(x) / sr, c + half) * sr)
        sel = (starts >= a) & (starts + block <= b)
        zz, ll = z[sel], lk[sel]
        keep = ll > -70.0
        if not keep.any():
            continue
        rel = -0.691 + 10.0 * np.log10(np.mean(zz[keep])) - 10.0
        keep &= ll > rel
        out[i] = -0.691 + 10.0 * np.log10(np.mean(zz[keep]))
    return out


def levelling_gain(*, y: np.ndarray, sr: int, target_lufs: float = -23.0, window_sec: float = 3.0,
                   hop_sec: float = 0.5, min_contrast_db: float = 15.0, min_speech_share: float = 0.3,
                   floor_window_sec: float = 10.0,
                   max_gain_db: float = 50.0, max_cut_db: float = 20.0, smooth_sec: float = 1.0) -> Levelling:
    """The short-term levelling gain of the speech in ``y`` (see the module docstring).

    Args:
        y: Mono signal, float (full scale ±1).
        sr: Samples per second.
        target_lufs: Loudness the speech is brought to, LUFS (EBU R128: -23).
        window_sec: Length of a loudness window, seconds (≥ 0.4, the BS.1770 block).
        hop_sec: Spacing of the windows, seconds.
        min_contrast_db: Least rise of a window's loud frames above the local noise floor for
            it to count as speech, dB.
        min_speech_share: Least share of a speech window's frames 10 dB above the local floor.
        floor_window_sec: Span of the local noise floor, seconds.
        max_gain_db: Largest boost, dB.
        max_cut_db: Largest cut, dB.
        smooth_sec: Length of the moving average that smooths the gain, seconds.

    Returns:
        A :class:`Levelling`; without any speech window the gain is 0 dB everywhere.
    """
    y = np.asarray(y, dtype=np.float32)
    n_points = max(1, int(np.ceil(len(y) / (hop_sec * sr))))
    if len(y) < int(0.4 * sr):
        return Levelling(hop_sec, np.zeros(n_points), target_lufs, 0.0, None)
    frame = int(0.025 * sr)
    e = _frame_db(y, frame)  # 25-ms frames (not overlapping)
    per_hop = hop_sec / 0.025
    floor = _running_percentile(e, 10, half=int(floor_window_sec / 0.025 / 2), step=int(per_hop * 2))
    half_w = int(window_sec * sr / 2)
    candidate = np.zeros(n_points, dtype=bool)
    for i in range(n_points):
        c = int(i * hop_sec * sr)
        a, b = max(0, c - half_w), min(len(y), c + half_w)
        if b - a < int(0.4 * sr):
            continue
        fa, fb = a // frame, max(a // frame + 1, b // frame)
        seg_e = e[fa:fb]
        local_floor = float(np.median(floor[fa:fb])) if seg_e.size else 0.0
        if (seg_e.size == 0 or np.percentile(seg_e, 95) < local_floor + min_contrast_db
                or np.mean(seg_e > local_floor + 10.0) < min_speech_share):
            continue  # steady noise, silence, or the mere edge of a sound: does not drive the gain
        candidate[i] = True
    loud = np.full(n_points, np.nan)
    if candidate.any():
        idx = np.flatnonzero(candidate)
        lufs = window_loudness(y=y, sr=sr, centres_sec=idx * hop_sec, window_sec=window_sec)
        loud[idx] = np.where(np.isfinite(lufs), lufs, np.nan)
    speech = np.isfinite(loud)
    if not speech.any():
        logger.info("levelling: no window stands out of the noise; no gain applied")
        return Levelling(hop_sec, np.zeros(n_points), target_lufs, 0.0, None)
    gain = np.clip(target_lufs - loud, -max_cut_db, max_gain_db)
    idx = np.flatnonzero(speech)
    gain = np.interp(np.arange(n_points), idx, gain[idx])  # held flat before the first and after the last speech
    k = max(1, int(round(smooth_sec / hop_sec)))
    if k > 1:
        pad = np.pad(gain, (k // 2, k - 1 - k // 2), mode="edge")
        gain = np.convolve(pad, np.ones(k) / k, mode="valid")
    return Levelling(hop_sec, gain, target_lufs, float(speech.mean()), float(np.median(loud[speech])))


def apply_gain(*, y: np.ndarray, sr: int, levelling: Levelling) -> np.ndarray:
    """``y`` with the levelling gain applied (interpolated sample by sample), float32, not clipped."""
    y = np.asarray(y, dtype=np.float32)
    t = np.arange(len(levelling.gain_db)) * levelling.hop_sec
    g_db = np.interp(np.arange(len(y)) / sr, t, levelling.gain_db)
    return (y * np.power(10.0, g_db / 20.0)).astype(np.float32)


def level_speech(*, y: np.ndarray, sr: int, **kw: float) -> tuple[np.ndarray, Levelling]:
    """:func:`levelling_gain` then :func:`apply_gain`: ``(levelled signal, levelling)``."""
    lev = levelling_gain(y=y, sr=sr, **kw)
    return apply_gain(y=y, sr=sr, levelling=lev), lev
