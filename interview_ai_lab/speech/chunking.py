"""The stretches of a recording given to the speech recogniser: every sound inside one, cuts in pauses.

:func:`plan_chunks` turns a per-frame sound mask into chunks of at most ``max_sec`` seconds (Whisper
reads 30 s at a time) for faster-whisper's ``clip_timestamps``:

* each run of sound is widened by ``pad_sec`` on both sides (Whisper hears a word's start better with a
  little silence before it), so no sound lies outside every chunk;
* runs closer than ``join_gap_sec`` go into the same chunk (Whisper decodes better with the context of a
  sentence), up to ``max_sec``; a longer pause, or the length limit, starts a new chunk;
* a run of sound longer than ``max_sec`` (speech without a pause) is cut at its quietest frame in the
  second half of the window: a breath between two words, not the middle of one.

Pure function on numpy arrays; times in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from interview_ai_lab.speech.audio_metrics import runs

__all__ = ["plan_chunks", "covers", "chunk_end_of"]


def _split_long(a: int, b: int, *, energy_db: np.ndarray | None, max_len: int) -> list[tuple[int, int]]:
    """``[a, b)`` cut into pieces of at most ``max_len`` frames, as ``(start, end)`` frame indices.

    Each cut falls at the quietest frame of its window's second half (at the window's end without energies).
    """
    out = []
    while b - a > max_len:
        lo, hi = a + max_len // 2, a + max_len
        cut = lo + int(np.argmin(energy_db[lo:hi])) if energy_db is not None else hi
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def plan_chunks(*, sound: np.ndarray, hop_sec: float, duration_sec: float, energy_db: np.ndarray | None = None,
                max_sec: float = 28.0, pad_sec: float = 0.4, join_gap_sec: float = 1.5,
                min_sound_sec: float = 0.05) -> list[tuple[float, float]]:
    """Chunks ``(start, end)`` (seconds) that hold every run of ``sound``, cut in pauses (see the module docstring).

    Args:
        sound: Speech-activity mask per frame.
        hop_sec: Hop between frames, seconds.
        duration_sec: Length of the recording, seconds (the chunks stay inside it).
        energy_db: Frame energies, dB: where to cut a run of sound longer than ``max_sec`` (None: at ``max_sec``).
        max_sec: Longest chunk, seconds (at most 30, Whisper's window).
        pad_sec: Silence kept on each side of a run of sound, seconds.
        join_gap_sec: Runs of sound closer than this (padding included) share a chunk, seconds.
        min_sound_sec: Runs of sound shorter than this (a click) start no chunk of their own, seconds.

    Returns:
        The chunks in time order, not overlapping.
    """
    s = np.asarray(sound, dtype=bool)
    max_len = max(1, int(max_sec / hop_sec))
    pad = int(round(pad_sec / hop_sec))
    n_total = max(0, int(round(duration_sec / hop_sec)))
    pieces: list[tuple[int, int]] = []
    for a, b in zip(*runs(s)):
        a, b = int(a), int(b)
        if (b - a) * hop_sec < min_sound_sec:
            continue
        for x, y in _split_long(a, b, energy_db=energy_db, max_len=max(1, max_len - 2 * pad)):
            pieces.append((max(0, x - pad), min(n_total, y + pad) if n_total else y + pad))
    # Padded pieces may overlap: merge them (a merged piece longer than the limit is cut again).
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    pieces = [p for a, b in merged for p in _split_long(a, b, energy_db=energy_db, max_len=max_len)]
    chunks: list[tuple[int, int]] = []
    gap = int(round(join_gap_sec / hop_sec))
    for a, b in pieces:
        if chunks and a - chunks[-1][1] < gap and b - chunks[-1][0] <= max_len:
            chunks[-1] = (chunks[-1][0], b)
        else:
            chunks.append((a, b))
    end = duration_sec
    return [(round(a * hop_sec, 3), round(min(end, b * hop_sec), 3)) for a, b in chunks if b > a]


def covers(chunks: Sequence[tuple[float, float]], start: float, end: float) -> bool:
    """True when ``[start, end]`` lies inside one of ``chunks``."""
    return any(a - 1e-6 <= start and end <= b + 1e-6 for a, b in chunks)


def chunk_end_of(start: float, chunks: Sequence[tuple[float, float]], *, slack_sec: float = 0.05) -> float:
    """End (seconds) of the chunk a segment starting at ``start`` (seconds) was decoded from.

    ``chunks`` are ``(start, end)`` seconds in time order; the segment's chunk is the last one that starts no
    later than ``start + slack_sec``.

    Chunks may touch (a long run of speech is cut at its quietest frame): a segment starting at the cut
    belongs to the chunk that starts there, not to the one that ends there.

    >>> chunk_end_of(32.7, [(8.93, 32.7), (32.7, 60.0)])
    60.0
    >>> chunk_end_of(10.0, [(8.93, 32.7), (32.7, 60.0)])
    32.7
    >>> chunk_end_of(32.68, [(8.93, 32.7), (32.7, 60.0)])
    60.0
    """
    if not chunks:
        raise ValueError("no chunks")
    return next((b for a, b in reversed(chunks) if a - slack_sec <= start), chunks[0][1])
