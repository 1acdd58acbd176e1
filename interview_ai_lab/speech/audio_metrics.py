"""Pure speech-signal metrics on numpy arrays: energy, pauses, rates, pitch, acoustic fillers.

Every function is keyword-only and side-effect free; times are in seconds, energies
in dB relative to full scale (a full-scale sine is about -3 dB), pitch in Hz,
variability in semitones or dB, rates in words per minute.

Frames are centred (as ``librosa`` with ``center=True``): frame ``i`` describes the
signal around ``i * hop_sec`` seconds.

The pause detector adapts to the recording: a steady background noise (fan, hum,
room tone) sets a *noise floor*, a low percentile of the frame energies in a sliding
window; a frame is speech when it rises well above that floor, with hysteresis (enter
above ``floor + enter_db``, stay while above ``floor + exit_db``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from interview_ai_lab.media.audio import MIN_PAUSE_SEC

logger = logging.getLogger(__name__)

__all__ = [
    "SILENCE_DB", "MIN_PAUSE_SEC", "frame_energy_db", "noise_floor_db", "speech_activity", "detect_pauses", "runs",
    "words_per_minute", "articulation_rate", "window_pauses", "SpeechRates", "speech_rates", "pitch_track", "pitch_stats", "energy_variability_db",
    "spectral_change", "median_spectral_change", "acoustic_fillers", "stretched_word", "sustained_vowels",
]

#: Energy given to digital silence (dB re full scale); frames at or below it are ignored by the floor.
SILENCE_DB = -100.0
_EPS = 10 ** (SILENCE_DB / 10)


# --------------------------------------------------------------------------- framing


def _frames(y: np.ndarray, *, frame_length: int, hop_length: int, start: int, count: int) -> np.ndarray:
    """Centred frames ``start .. start+count`` of ``y`` (zero padded), shape ``(count, frame_length)``."""
    lo = start * hop_length - frame_length // 2
    hi = (start + count - 1) * hop_length - frame_length // 2 + frame_length
    seg = np.zeros(hi - lo, dtype=y.dtype)
    a, b = max(lo, 0), min(hi, len(y))
    if b > a:
        seg[a - lo: b - lo] = y[a:b]
    return np.lib.stride_tricks.sliding_window_view(seg, frame_length)[::hop_length][:count]


def n_frames(*, n_samples: int, hop_length: int) -> int:
    """Number of centred frames of a signal of ``n_samples`` samples."""
    return 1 + n_samples // hop_length


def frame_energy_db(*, y: np.ndarray, sr: int, frame_sec: float = 0.025, hop_sec: float = 0.010,
                    highpass_hz: float | None = 80.0, chunk_frames: int = 8192) -> np.ndarray:
    """Energy of each frame in dB re full scale (mean square of the samples).

    Args:
        y: Mono signal, float in [-1, 1].
        sr: Samples per second.
        frame_sec: Frame length, seconds (25 ms).
        hop_sec: Hop between frames, seconds (10 ms).
        highpass_hz: High-pass the signal first (removes DC, rumble and most mains hum);
            None keeps it as is.
        chunk_frames: Frames processed at once (bounds memory on long recordings).

    Returns:
        Array of ``1 + len(y) // hop`` energies in dB, at least :data:`SILENCE_DB`.
    """
    y = np.asarray(y, dtype=np.float32)
    hop = max(1, int(round(hop_sec * sr)))
    flen = max(hop, int(round(frame_sec * sr)))
    if highpass_hz and len(y) > 3 * 16:
        from scipy.signal import butter, sosfilt

        sos = butter(4, highpass_hz, btype="highpass", fs=sr, output="sos")
        y = sosfilt(sos, y).astype(np.float32)
    total = n_frames(n_samples=len(y), hop_length=hop)
    out = np.empty(total, dtype=np.float64)
    for start in range(0, total, chunk_frames):
        count = min(chunk_frames, total - start)
        fr = _frames(y, frame_length=flen, hop_length=hop, start=start, count=count).astype(np.float64)
        out[start:start + count] = np.mean(fr * fr, axis=1)
    return 10.0 * np.log10(np.maximum(out, _EPS))


# --------------------------------------------------------------------------- activity and pauses


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) indices of the runs of True in a boolean array."""
    m = np.asarray(mask, dtype=bool)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], m.astype(np.int8), [0]])))
    return edges[0::2], edges[1::2]


def noise_floor_db(*, energy_db: np.ndarray, hop_sec: float, percentile: float = 5.0, window_sec: float = 60.0,
                   max_rise_db: float = 12.0, dynamic_range_db: float = 60.0) -> np.ndarray:
    """Noise floor of each frame, dB: a low percentile of the frame energies around it.

    The floor is computed over ``window_sec`` windows (so it follows a noise that changes
    slowly), never more than ``max_rise_db`` above the whole recording's floor, and never
    below the loudest sound minus ``dynamic_range_db`` (a clean recording, whose pauses
    are digital silence, gets a floor 60 dB under its peaks). A few digital-silence frames
    (fewer than ``percentile`` %, e.g. encoder priming) do not pull the floor down.

    Args:
        energy_db: Frame energies, dB (see :func:`frame_energy_db`).
        hop_sec: Hop between frames, seconds.
        percentile: The low percentile taken as the floor (5: robust when most of the
            recording is speech).
        window_sec: Length of the sliding window, seconds.
        max_rise_db: Most a local floor may rise above the global floor, dB.
        dynamic_range_db: Largest distance between the loud frames (99th percentile) and
            the floor, dB.
    """
    e = np.asarray(energy_db, dtype=np.float64)
    if e.size == 0:
        return e.copy()
    live = e > SILENCE_DB + 1.0
    if not live.any():
        return np.full_like(e, SILENCE_DB)
    lowest = float(np.percentile(e[live], 99)) - dynamic_range_db
    glob = max(float(np.percentile(e[live], percentile)), lowest)
    win = max(1, int(round(window_sec / hop_sec)))
    if len(e) <= win:
        return np.full_like(e, glob)
    step = max(1, win // 6)
    centres = np.arange(0, len(e), step)
    vals = np.empty(len(centres))
    for i, c in enumerate(centres):
        sel = e[max(0, c - win // 2): c + win // 2]
        sel = sel[sel > SILENCE_DB + 1.0]
        vals[i] = np.percentile(sel, percentile) if sel.size > win // 20 else glob
    floor = np.interp(np.arange(len(e)), centres, vals)
    return np.clip(floor, glob, glob + max_rise_db)


def speech_activity(*, energy_db: np.ndarray, hop_sec: float, floor_db: np.ndarray | float | None = None,
                    enter_db: float = 10.0, exit_db: float = 6.0, min_speech_sec: float = 0.05,
                    min_gap_sec: float = 0.0) -> np.ndarray:
    """Boolean mask of the frames that hold sound above the noise floor (speech), with hysteresis.

    A run of frames counts when it stays above ``floor + exit_db`` and reaches
    ``floor + enter_db`` somewhere; runs shorter than ``min_speech_sec`` (clicks) are
    dropped; gaps shorter than ``min_gap_sec`` between runs are filled.

    Args:
        energy_db: Frame energies, dB.
        hop_sec: Hop between frames, seconds.
        floor_db: Noise floor per frame (or one value), dB; None: :func:`noise_floor_db`.
        enter_db: Margin above the floor a run must reach, dB.
        exit_db: Margin above the floor a run must stay above, dB.
        min_speech_sec: Shortest sound kept, seconds.
        min_gap_sec: Shortest gap kept between two sounds, seconds.
    """
    e = np.asarray(energy_db, dtype=np.float64)
    if floor_db is None:
        floor_db = noise_floor_db(energy_db=e, hop_sec=hop_sec)
    floor = np.broadcast_to(np.asarray(floor_db, dtype=np.float64), e.shape)
    low = e > floor + exit_db
    high = e > floor + enter_db
    active = np.zeros(e.shape, dtype=bool)
    starts, ends = runs(low)
    min_len = int(round(min_speech_sec / hop_sec))
    for s, t in zip(starts, ends):
        if t - s >= max(1, min_len) and high[s:t].any():
            active[s:t] = True
    if min_gap_sec > 0:
        gs, ge = runs(~active)
        max_gap = int(round(min_gap_sec / hop_sec))
        for s, t in zip(gs, ge):
            if s > 0 and t < len(active) and t - s < max_gap:
                active[s:t] = True
    return active


def detect_pauses(*, energy_db: np.ndarray, hop_sec: float, min_pause_sec: float = MIN_PAUSE_SEC,
                  duration_sec: float | None = None, active: np.ndarray | None = None,
                  **activity_kw: float) -> list[tuple[float, float]]:
    """Stretches without speech of at least ``min_pause_sec``, as ``(start, end)`` seconds.

    The lead-in before the first sound and the tail after the last one count.

    Args:
        energy_db: Frame energies, dB (see :func:`frame_energy_db`).
        hop_sec: Hop between frames, seconds.
        min_pause_sec: Shortest pause, seconds.
        duration_sec: Length of the signal, seconds (caps the last pause); default: frames × hop.
        active: Speech mask per frame; default: :func:`speech_activity` with ``activity_kw``.
        **activity_kw: Settings passed on to :func:`speech_activity` when ``active`` is None
            (``floor_db``, ``enter_db``, ``exit_db``: dB; ``min_speech_sec``, ``min_gap_sec``: seconds).
    """
    e = np.asarray(energy_db, dtype=np.float64)
    if active is None:
        active = speech_activity(energy_db=e, hop_sec=hop_sec, **activity_kw)
    total = float(duration_sec) if duration_sec is not None else len(e) * hop_sec
    starts, ends = runs(~np.asarray(active, dtype=bool))
    pauses: list[tuple[float, float]] = []
    for s, t in zip(starts, ends):
        # Frame i stands for [i*hop - hop/2, i*hop + hop/2]; the first and last frames reach the ends.
        a = 0.0 if s == 0 else (s - 0.5) * hop_sec
        b = total if t == len(e) else (t - 0.5) * hop_sec
        a, b = max(0.0, a), min(total, b)
        if b - a >= min_pause_sec - 1e-9:
            pauses.append((round(a, 3), round(b, 3)))
    return pauses


# --------------------------------------------------------------------------- rates


def words_per_minute(*, word_count: int, duration_sec: float) -> float:
    """Words per minute over ``duration_sec`` seconds (0 for an empty duration)."""
    return 60.0 * word_count / duration_sec if duration_sec > 0 else 0.0


def articulation_rate(*, word_count: int, speaking_time_sec: float) -> float:
    """Words per minute over the time spent speaking (pauses excluded); 0 without speech."""
    return 60.0 * word_count / speaking_time_sec if speaking_time_sec > 0 else 0.0


def window_pauses(*, pauses: Iterable[tuple[float, float]], start_sec: float, end_sec: float,
                  min_pause_sec: float = 0.0) -> list[tuple[float, float]]:
    """The pauses of ``[start_sec, end_sec]``, as ``(start, end)`` seconds.

    Each pause is clipped to the window and kept when still at least ``min_pause_sec`` long; times are
    rounded to the millisecond.

    Over the whole recording (``0`` to its duration) the pauses of :func:`detect_pauses` come back unchanged.

    Args:
        pauses: ``(start, end)`` pairs, seconds.
        start_sec: Window start, seconds.
        end_sec: Window end, seconds.
        min_pause_sec: Shortest pause kept after clipping, seconds (the same tolerance as :func:`detect_pauses`).
    """
    out = []
    for a, b in pauses:
        a, b = max(float(start_sec), float(a)), min(float(end_sec), float(b))
        if b > a and b - a >= min_pause_sec - 1e-9:
            out.append((round(a, 3), round(b, 3)))
    return out


@dataclass(frozen=True)
class SpeechRates:
    """Speaking rate and silence of a stretch of recording, rounded as the reports give them.

    Attributes:
        duration_sec: Length of the stretch, seconds (1 ms).
        word_count: Words spoken in it, fillers excluded.
        wpm: Words per minute over the whole stretch (0.01 words/min).
        articulation_rate: Words per minute of speaking time, pauses excluded (0.01 words/min).
        silence_sec: Total of its pauses, seconds (1 ms).
        speaking_time_sec: Its length minus its pauses, seconds (1 ms).
        pauses: Its pauses ``(start, end)``, seconds (:func:`window_pauses`).
    """

    duration_sec: float
    word_count: int
    wpm: float
    articulation_rate: float
    silence_sec: float
    speaking_time_sec: float
    pauses: list[tuple[float, float]]


def speech_rates(*, word_count: int, pauses: Iterable[tuple[float, float]], start_sec: float, end_sec: float,
                 min_pause_sec: float = 0.0) -> SpeechRates:
    """Speaking rate and silence of ``[start_sec, end_sec]``: the one rule of the interview and of each answer.

    The pauses are clipped to the window (:func:`window_pauses`); the rates are
    :func:`words_per_minute` and :func:`articulation_rate`. Over the whole recording with its
    :func:`detect_pauses` this gives the interview's figures; over an answer's window with the
    answer's words, the answer's.

    Args:
        word_count: Words spoken in the window, fillers excluded.
        pauses: ``(start, end)`` pauses of the recording (or of the window), seconds.
        start_sec: Window start, seconds.
        end_sec: Window end, seconds.
        min_pause_sec: Shortest pause counted after clipping, seconds.
    """
    duration = max(0.0, float(end_sec) - float(start_sec))
    kept = window_pauses(pauses=pauses, start_sec=start_sec, end_sec=end_sec, min_pause_sec=min_pause_sec)
    silence = float(sum(b - a for a, b in kept))
    speaking = max(0.0, duration - silence)
    return SpeechRates(
        duration_sec=round(duration, 3), word_count=int(word_count),
        wpm=round(words_per_minute(word_count=word_count, duration_sec=duration), 2),
        articulation_rate=round(articulation_rate(word_count=word_count, speaking_time_sec=speaking), 2),
        silence_sec=round(silence, 3), speaking_time_sec=round(speaking, 3), pauses=kept)


# --------------------------------------------------------------------------- pitch and energy


def pitch_track(*, y: np.ndarray, sr: int, hop_sec: float = 0.010, fmin: float = 65.0, fmax: float = 400.0,
                frame_length: int | None = None, chunk_sec: float = 30.0,
                workers: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Fundamental frequency and periodicity of each centred frame (YIN, processed in chunks).

    ``librosa.yin`` always answers a frequency; the periodicity says whether the frame is
    voiced: the normalised correlation (0-1) between the frame and itself one period later
    (about 0.9 or more on a vowel, low on noise and fricatives).

    Args:
        y: Mono signal.
        sr: Samples per second.
        hop_sec: Hop between frames, seconds (same frames as :func:`frame_energy_db`).
        fmin: Lowest pitch searched, Hz.
        fmax: Highest pitch searched, Hz.
        frame_length: Analysis window, samples (default: about 3 periods of ``fmin``, a power of 2).
        chunk_sec: Audio analysed at once, seconds (bounds memory).
        workers: Chunks analysed at the same time, in threads (NumPy's FFTs and sums release the GIL): the same
            values, sooner on several cores.

    Returns:
        ``(f0_hz, periodicity)``, one value per frame (``1 + len(y) // hop``).
    """
    import librosa

    y = np.asarray(y, dtype=np.float32)
    hop = max(1, int(round(hop_sec * sr)))
    if frame_length is None:
        frame_length = int(2 ** np.ceil(np.log2(3 * sr / fmin)))
    total = n_frames(n_samples=len(y), hop_length=hop)
    f0 = np.zeros(total)
    per = np.zeros(total)
    max_lag = int(np.ceil(sr / fmin))
    width = frame_length - max_lag
    step = max(1, int(chunk_sec * sr) // hop)

    def chunk(start: int) -> None:
        count = min(step, total - start)
        fr = _frames(y, frame_length=frame_length, hop_length=hop, start=start, count=count)
        seg = fr.reshape(-1)  # contiguous copy of the frames, re-analysed by yin frame by frame
        if not np.any(fr):
            return
        est = librosa.yin(seg, fmin=fmin, fmax=fmax, sr=sr, frame_length=frame_length, hop_length=frame_length,
                          center=False)[:count]
        est = np.nan_to_num(est, nan=0.0, posinf=0.0, neginf=0.0)
        f0[start:start + len(est)] = est
        lag0 = np.round(sr / np.maximum(est, 1e-6)).astype(int)
        frames = fr[: len(est)].astype(np.float64)
        a = frames[:, :width]
        best = np.zeros(len(est))
        for shift in (-1, 0, 1):  # the true period is rarely a whole number of samples
            lag = np.clip(lag0 + shift, 1, max_lag)
            b = np.take_along_axis(frames, lag[:, None] + np.arange(width)[None, :], axis=1)
            num = np.sum(a * b, axis=1)
            den = np.sqrt(np.sum(a * a, axis=1) * np.sum(b * b, axis=1)) + 1e-12
            best = np.maximum(best, num / den)
        per[start:start + len(est)] = np.clip(best, 0.0, 1.0)

    starts = range(0, total, step)
    if workers > 1 and len(starts) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pitch") as pool:
            list(pool.map(chunk, starts))  # each chunk writes its own frames of f0 and per
    else:
        for start in starts:
            chunk(start)
    return f0, per


def pitch_stats(*, f0_hz: np.ndarray, voiced: np.ndarray) -> tuple[float | None, float | None]:
    """Median pitch (Hz) and pitch variability (semitones) over the voiced frames.

    The variability is a robust standard deviation (1.4826 × median absolute deviation)
    of the pitch in semitones around its median, so a few octave errors do not dominate.
    Returns ``(None, None)`` with fewer than 10 voiced frames.
    """
    f = np.asarray(f0_hz, dtype=np.float64)[np.asarray(voiced, dtype=bool)]
    f = f[f > 0]
    if f.size < 10:
        return None, None
    med = float(np.median(f))
    st = 12.0 * np.log2(f / med)
    return med, float(1.4826 * np.median(np.abs(st - np.median(st))))


def energy_variability_db(*, energy_db: np.ndarray, active: np.ndarray) -> float | None:
    """Standard deviation of the frame energy (dB) over the speech frames; None without speech."""
    e = np.asarray(energy_db, dtype=np.float64)[np.asarray(active, dtype=bool)]
    return float(np.std(e)) if e.size >= 10 else None


def spectral_change(*, y: np.ndarray, sr: int, hop_sec: float = 0.010, n_mfcc: int = 13) -> np.ndarray:
    """Frame-to-frame spectral change: Euclidean distance between successive MFCC vectors (c1..c12).

    A sustained vowel ("euh", "um") changes little; running speech changes a lot.
    One value per centred frame (the first is 0).
    """
    import librosa

    hop = max(1, int(round(hop_sec * sr)))
    if len(y) < 2 * hop:
        return np.zeros(n_frames(n_samples=len(y), hop_length=hop))
    m = librosa.feature.mfcc(y=np.asarray(y, dtype=np.float32), sr=sr, n_mfcc=n_mfcc, n_fft=512, hop_length=hop,
                             win_length=400, n_mels=40)[1:]
    d = np.sqrt(np.sum(np.diff(m, axis=1) ** 2, axis=0))
    return np.concatenate([[0.0], d])


def median_spectral_change(*, y: np.ndarray, sr: int, start_sec: float, end_sec: float,
                           hop_sec: float = 0.010) -> float:
    """Median :func:`spectral_change` inside ``[start_sec, end_sec]`` (only that stretch is analysed)."""
    pad = int(0.03 * sr)
    a = max(0, int(start_sec * sr) - pad)
    b = min(len(y), int(end_sec * sr) + pad)
    chg = spectral_change(y=y[a:b], sr=sr, hop_sec=hop_sec)
    k = int(round(0.03 / hop_sec))
    core = chg[k + 1: len(chg) - k] if len(chg) > 2 * k + 2 else chg[1:]
    return float(np.median(core)) if core.size else 0.0


# --------------------------------------------------------------------------- acoustic fillers


def _cover_mask(spans: Sequence[tuple[float, float]], *, n: int, hop_sec: float, margin_sec: float) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for a, b in spans:
        lo = max(0, int(np.floor((a - margin_sec) / hop_sec)))
        hi = min(n, int(np.ceil((b + margin_sec) / hop_sec)) + 1)
        if hi > lo:
            mask[lo:hi] = True
    return mask


def acoustic_fillers(*, active: np.ndarray, f0_hz: np.ndarray, periodicity: np.ndarray, hop_sec: float,
                     change: np.ndarray | None = None, word_spans: Sequence[tuple[float, float]] = (),
                     filler_spans: Sequence[tuple[float, float]] = (), word_margin_sec: float = 0.05,
                     filler_margin_sec: float = 0.35, min_island_share: float = 0.6, island_gap_sec: float = 0.15,
                     min_sec: float = 0.2, max_sec: float = 1.2,
                     min_periodicity: float = 0.5, min_voiced_share: float = 0.6, max_pitch_sd_st: float = 3.0,
                     max_change: float = 12.0, bridge_sec: float = 0.05) -> list[tuple[float, float]]:
    """Hesitation fillers found in the signal: sustained voiced sounds that no ASR word covers.

    A candidate is a stretch of speech frames outside every word span (each widened by
    ``word_margin_sec``) and away from the fillers the ASR already wrote (widened by
    ``filler_margin_sec``: Whisper often times only part of a filler), ``min_sec`` to
    ``max_sec`` long, mostly voiced, with a steady pitch (robust s.d. ≤
    ``max_pitch_sd_st`` semitones) and a steady spectrum (median MFCC change ≤
    ``max_change``): a lengthened "euh"/"um", not a word. To avoid counting the end of a
    word that the ASR timed short, the candidate must also make up at least
    ``min_island_share`` of its sound island (the run of speech frames between two
    silences of at least ``island_gap_sec`` that holds it).

    Args:
        active: Speech mask per frame (see :func:`speech_activity`).
        f0_hz: Pitch per frame, Hz (see :func:`pitch_track`).
        periodicity: Periodicity per frame, 0-1.
        hop_sec: Hop between frames, seconds.
        change: Spectral change per frame (see :func:`spectral_change`); None skips that test
            (then check each candidate with :func:`median_spectral_change`).
        word_spans: ``(start, end)`` of the recognised words, seconds.
        filler_spans: ``(start, end)`` of the fillers the ASR recognised, seconds.
        word_margin_sec: Widening of each word span, seconds.
        filler_margin_sec: Widening of each ASR filler span, seconds.
        min_island_share: Least share of its sound island a filler makes up.
        island_gap_sec: Dips shorter than this do not split a sound island, seconds.
        min_sec: Shortest filler, seconds.
        max_sec: Longest filler, seconds.
        min_periodicity: Periodicity above which a frame is voiced.
        min_voiced_share: Share of voiced frames a filler needs.
        max_pitch_sd_st: Largest pitch spread of a filler, semitones.
        max_change: Largest median spectral change of a filler.
        bridge_sec: Gaps this short inside a candidate are bridged, seconds.

    Returns:
        ``(start, end)`` of each filler, seconds.
    """
    act = np.asarray(active, dtype=bool)
    n = len(act)
    f0 = np.asarray(f0_hz, dtype=np.float64)[:n]
    per = np.asarray(periodicity, dtype=np.float64)[:n]
    chg = None if change is None else np.asarray(change, dtype=np.float64)[:n]
    free = act & ~_cover_mask(word_spans, n=n, hop_sec=hop_sec, margin_sec=word_margin_sec)
    free &= ~_cover_mask(filler_spans, n=n, hop_sec=hop_sec, margin_sec=filler_margin_sec)
    # Sound islands: speech runs with the short dips between syllables (< island_gap_sec) bridged.
    joined = act.copy()
    gap = int(round(island_gap_sec / hop_sec))
    for s, t in zip(*runs(~act)):
        if 0 < s and t < n and t - s < gap:
            joined[s:t] = True
    island_id = np.cumsum(np.concatenate([[joined[0]], np.diff(joined.astype(np.int8)) == 1])) * joined
    island_len = np.bincount(island_id, minlength=1)
    # Bridge short holes (a stop, a dip in energy) inside a free stretch.
    holes_s, holes_e = runs(~free)
    bridge = int(round(bridge_sec / hop_sec))
    for s, t in zip(holes_s, holes_e):
        if 0 < s and t < n and t - s <= bridge:
            free[s:t] = True
    found: list[tuple[float, float]] = []
    for s, t in zip(*runs(free)):
        s = int(s)
        t = int(t)
        voiced = (per[s:t] >= min_periodicity) & act[s:t]
        if not voiced.any():
            continue
        # Trim unvoiced edges: the filler is its voiced core.
        idx = np.flatnonzero(voiced)
        a, b = s + int(idx[0]), s + int(idx[-1]) + 1
        dur = (b - a) * hop_sec
        if not (min_sec <= dur <= max_sec):
            continue
        v = (per[a:b] >= min_periodicity) & act[a:b]
        if v.mean() < min_voiced_share:
            continue
        ids = island_id[a:b][act[a:b]]
        if ids.size == 0:
            continue
        isl = int(np.bincount(ids).argmax())
        if isl == 0 or (b - a) < min_island_share * island_len[isl]:
            logger.debug("candidate %.2f-%.2f s is only part of a sound island: not a filler", a * hop_sec, b * hop_sec)
            continue
        pitched = f0[a:b][v]
        pitched = pitched[pitched > 0]
        if pitched.size < 5:
            continue
        semis = 12.0 * np.log2(pitched / float(np.median(pitched)))
        pitch_sd = 1.4826 * float(np.median(np.abs(semis - np.median(semis))))
        if pitch_sd > max_pitch_sd_st:
            continue
        if chg is not None and float(np.median(chg[a + 1:b])) > max_change:
            continue
        found.append((round(a * hop_sec, 3), round(b * hop_sec, 3)))
    return found




def stretched_word(*, word: str, duration_sec: float, base_sec: float = 0.35, per_letter_sec: float = 0.09,
                   min_sec: float = 0.7) -> bool:
    """True when a recognised word lasts longer than its letters allow.

    Such a word was stretched by the recogniser over another sound (a hesitation it did not write, a pause).

    Whisper often times a word it wrote across a filler it left out ("that" over 14.75-16.41 s, a lone
    "uh" at 15.37-15.70 s inside it). A word is stretched when it lasts at least
    ``max(min_sec, base_sec + per_letter_sec * letters)`` seconds.

    >>> stretched_word(word="that", duration_sec=1.66), stretched_word(word="that", duration_sec=0.3)
    (True, False)
    >>> stretched_word(word="implemented", duration_sec=1.1)
    False
    """
    letters = sum(ch.isalnum() for ch in word)
    return duration_sec >= max(min_sec, base_sec + per_letter_sec * letters)


def sustained_vowels(*, y: np.ndarray, sr: int, start_sec: float, end_sec: float, active: np.ndarray,
                     f0_hz: np.ndarray, periodicity: np.ndarray, energy_db: np.ndarray, hop_sec: float,
                     min_sec: float = 0.25, max_sec: float = 1.2, min_periodicity: float = 0.5,
                     max_step_st: float = 1.0, max_pitch_sd_st: float = 1.5, max_change: float = 11.0,
                     min_onset_db: float = 10.0, onset_sec: float = 0.25, max_below_peak_db: float = 15.0,
                     peak_window_sec: float = 1.5, max_rise_st: float = 2.0,
                     min_other_sec: float = 0.1) -> list[tuple[float, float]]:
    """Hesitation sounds inside ``[start_sec, end_sec]``: runs of one steady vowel that start as a sound of their own.

    A frame is steady when it is active and periodic and its pitch is within ``max_step_st`` semitones of the
    frame before; runs of steady frames (one-frame gaps bridged) of ``min_sec`` to ``max_sec`` are kept when
    their pitch is flat or falls in a steady glide (it rises by at most ``max_rise_st`` semitones and its
    robust s.d. around the glide is at most ``max_pitch_sd_st`` semitones), their spectrum steady (median MFCC
    change at most ``max_change``, see :func:`spectral_change`), their level within ``max_below_peak_db`` of the
    loudest speech within ``peak_window_sec`` (a word's fading echo is not a filler), and when they begin with
    an onset: the energy within ``onset_sec`` before the run dips at least ``min_onset_db`` below the run's median
    (a lone "uh"/"euh", or an "um" after a word's end; a vowel held inside a word has no such dip). The stretch
    must also hold at least ``min_other_sec`` of other voiced sound (the word itself): a run that is the
    stretch's only sound is the word, drawn out.

    Args:
        y: Mono signal.
        sr: Samples per second.
        start_sec: Start of the stretch searched, seconds.
        end_sec: End of the stretch searched, seconds.
        active: Speech mask per frame (whole recording).
        f0_hz: Pitch per frame, Hz (whole recording).
        periodicity: Periodicity per frame, 0-1 (whole recording).
        energy_db: Frame energies, dB (whole recording).
        hop_sec: Hop between frames, seconds.
        min_sec: Shortest run, seconds.
        max_sec: Longest run, seconds.
        min_periodicity: Periodicity from which a frame is voiced.
        max_step_st: Largest pitch step between two steady frames, semitones.
        max_pitch_sd_st: Largest pitch spread of a run, semitones.
        max_change: Largest median spectral change of a run.
        min_onset_db: Least energy dip before a run, dB below its median energy.
        onset_sec: Where the dip is looked for before the run, seconds.
        max_below_peak_db: Largest distance of the run's median energy below the nearby speech peak, dB.
        peak_window_sec: Half-width of the window the speech peak is taken in, seconds.
        max_rise_st: Largest pitch rise over a run, semitones.
        min_other_sec: Least voiced time of the stretch outside the run, seconds.

    Returns:
        ``(start, end)`` of each run, seconds.
    """
    n = min(len(active), len(f0_hz), len(periodicity), len(energy_db))
    lo, hi = max(1, int(np.floor(start_sec / hop_sec))), min(n, int(np.ceil(end_sec / hop_sec)) + 1)
    if hi - lo < int(min_sec / hop_sec):
        return []
    f0 = np.asarray(f0_hz, dtype=np.float64)
    per = np.asarray(periodicity, dtype=np.float64)
    act = np.asarray(active, dtype=bool)
    e = np.asarray(energy_db, dtype=np.float64)
    voiced = act[lo:hi] & (per[lo:hi] >= min_periodicity) & (f0[lo:hi] > 0)
    semis = 12.0 * np.log2(np.maximum(f0[lo - 1:hi], 1e-6))
    steady = voiced & (np.abs(np.diff(semis)) <= max_step_st)
    holes_s, holes_e = runs(~steady)
    for s, t in zip(holes_s, holes_e):
        if 0 < s and t < len(steady) and t - s <= 1:
            steady[s:t] = True
    found: list[tuple[float, float]] = []
    for s, t in zip(*runs(steady)):
        a, b = lo + int(s), lo + int(t)
        if not (min_sec <= (b - a) * hop_sec <= max_sec):
            continue
        pitched = f0[a:b][(per[a:b] >= min_periodicity) & (f0[a:b] > 0)]
        if pitched.size < 5:
            continue
        st = 12.0 * np.log2(pitched / float(np.median(pitched)))
        slope, icpt = np.polyfit(np.arange(st.size, dtype=np.float64), st, 1)
        if slope * st.size > max_rise_st:  # a hesitation is flat or falls; a stressed vowel rises
            continue
        resid = st - (slope * np.arange(st.size) + icpt)  # a steady glide is as good as a flat pitch
        if 1.4826 * float(np.median(np.abs(resid - np.median(resid)))) > max_pitch_sd_st:
            continue
        level = float(np.median(e[a:b]))
        w = int(round(peak_window_sec / hop_sec))
        nearby = e[max(0, a - w): min(n, b + w)][act[max(0, a - w): min(n, b + w)]]
        if nearby.size and level < float(np.percentile(nearby, 95)) - max_below_peak_db:
            continue
        before = e[max(0, a - int(round(onset_sec / hop_sec))): a]
        if before.size == 0 or float(before.min()) > level - min_onset_db:
            continue
        if median_spectral_change(y=y, sr=sr, start_sec=a * hop_sec, end_sec=b * hop_sec, hop_sec=hop_sec) > max_change:
            continue
        margin = int(round(0.05 / hop_sec))
        others = act[lo:hi] & (per[lo:hi] >= min_periodicity)
        others[max(0, a - margin - lo): b + margin - lo] = False
        if int(others.sum()) * hop_sec < min_other_sec:
            logger.debug("steady vowel %.2f-%.2f s is the word's only sound: not a filler", a * hop_sec, b * hop_sec)
            continue
        found.append((round(a * hop_sec, 3), round(b * hop_sec, 3)))
    return found
