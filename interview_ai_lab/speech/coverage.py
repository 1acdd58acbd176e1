"""How much of the voiced signal got words: masks, uncovered stretches and the coverage share.

Pure functions on per-frame boolean masks (one frame every ``hop_sec`` seconds, frame
``i`` centred on ``i * hop_sec``), times in seconds. The ASR stage re-decodes the voiced
stretches no word covers (:func:`uncovered_stretches`); the speech metrics report
:func:`coverage`, the share of voiced time covered by words, 0-1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["span_mask", "bridge_gaps", "uncovered_stretches", "coverage", "stretch_list"]


def span_mask(*, spans: Sequence[tuple[float, float]], n: int, hop_sec: float, margin_sec: float = 0.0) -> np.ndarray:
    """Boolean mask of the ``n`` frames inside any ``(start, end)`` span, each widened by ``margin_sec``."""
    mask = np.zeros(n, dtype=bool)
    for a, b in spans:
        lo = max(0, int(np.floor((a - margin_sec) / hop_sec + 0.5)))
        hi = min(n, int(np.ceil((b + margin_sec) / hop_sec + 0.5)))
        if hi > lo:
            mask[lo:hi] = True
    return mask


def bridge_gaps(*, mask: np.ndarray, hop_sec: float, max_gap_sec: float) -> np.ndarray:
    """``mask`` with its inner runs of False shorter than ``max_gap_sec`` filled."""
    from interview_ai_lab.speech.audio_metrics import runs

    out = np.asarray(mask, dtype=bool).copy()
    gap = int(round(max_gap_sec / hop_sec))
    for s, t in zip(*runs(~out)):
        if 0 < s and t < len(out) and t - s < gap:
            out[s:t] = True
    return out


def stretch_list(*, mask: np.ndarray, hop_sec: float, min_sec: float = 0.0) -> list[tuple[float, float]]:
    """``(start, end)`` seconds of the runs of True of ``mask`` lasting at least ``min_sec``."""
    from interview_ai_lab.speech.audio_metrics import runs

    out = []
    for s, t in zip(*runs(np.asarray(mask, dtype=bool))):
        a, b = max(0.0, (s - 0.5) * hop_sec), (t - 0.5) * hop_sec
        if b - a >= min_sec - 1e-9:
            out.append((round(a, 3), round(b, 3)))
    return out


def uncovered_stretches(*, voiced: np.ndarray, covered: np.ndarray, hop_sec: float, min_sec: float = 1.0,
                        bridge_sec: float = 0.3) -> list[tuple[float, float]]:
    """Voiced stretches of at least ``min_sec`` that no word covers, seconds.

    Args:
        voiced: Frames where the signal shows voice.
        covered: Frames inside a recognised word (see :func:`span_mask`).
        hop_sec: Hop between frames, seconds.
        min_sec: Shortest stretch returned, seconds.
        bridge_sec: Uncovered voiced runs closer than this are joined (the short dips
            between syllables do not split a stretch), seconds.
    """
    v = np.asarray(voiced, dtype=bool)
    c = np.asarray(covered, dtype=bool)[: len(v)]
    if len(c) < len(v):
        c = np.concatenate([c, np.zeros(len(v) - len(c), dtype=bool)])
    free = bridge_gaps(mask=v & ~c, hop_sec=hop_sec, max_gap_sec=bridge_sec) & ~c
    return stretch_list(mask=free, hop_sec=hop_sec, min_sec=min_sec)


def coverage(*, voiced: np.ndarray, covered: np.ndarray) -> float | None:
    """Share of the voiced frames that are covered, 0-1; None without any voiced frame."""
    v = np.asarray(voiced, dtype=bool)
    c = np.asarray(covered, dtype=bool)[: len(v)]
    total = int(v.sum())
    if total == 0:
        return None
    return float((v[: len(c)] & c).sum()) / total
