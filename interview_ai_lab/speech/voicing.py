"""Where the recording holds a voice: sound islands above the noise floor that are voiced (periodic).

The transcription keeps a word only where a voice is (:mod:`interview_ai_lab.text.asr_guards`), and the
speech measures count a breath, a cough or a click in a pause as silence. Both use :func:`voice_mask`:

1. *sound*: frames whose energy stands above the adaptive noise floor
   (:func:`~interview_ai_lab.speech.audio_metrics.speech_activity`);
2. *islands*: runs of sound, with dips shorter than ``bridge_sec`` inside them bridged;
3. an island is *voiced* when at least ``min_voiced_sec`` of its frames are periodic (YIN periodicity of
   at least ``min_periodicity``, a vowel or a voiced consonant); a breath, a cough, a click or a burst of
   noise is not. Islands of ``long_sec`` or more are taken as voiced without the pitch analysis (running
   speech; a cough or a breath is shorter), which keeps the cost of a long recording low.

Pure functions on numpy arrays; frames every ``hop_sec`` seconds (frame ``i`` centred on ``i * hop_sec``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from interview_ai_lab.speech import audio_metrics as am

logger = logging.getLogger(__name__)

__all__ = ["Voicing", "islands", "voice_mask", "analyse_voicing", "steady_vowel"]


@dataclass(frozen=True)
class Voicing:
    """The sound and voice masks of a recording.

    Attributes:
        hop_sec: Hop between frames, seconds.
        energy_db: Frame energies, dB.
        sound: Frames above the noise floor (speech activity).
        voice: Frames of the sound islands judged voiced (see the module docstring).
    """

    hop_sec: float
    energy_db: np.ndarray
    sound: np.ndarray
    voice: np.ndarray

    def voice_near(self, start: float, end: float, *, margin_sec: float = 0.0) -> bool:
        """True when a voiced frame lies within ``[start - margin, end + margin]`` seconds."""
        a = max(0, int(np.floor((start - margin_sec) / self.hop_sec)))
        b = min(len(self.voice), int(np.ceil((end + margin_sec) / self.hop_sec)) + 1)
        return bool(self.voice[a:b].any()) if b > a else False


def islands(*, sound: np.ndarray, hop_sec: float, bridge_sec: float = 0.15) -> list[tuple[int, int]]:
    """``(start, end)`` frame indices (end exclusive) of the runs of ``sound``, dips under ``bridge_sec`` bridged."""
    s = np.asarray(sound, dtype=bool).copy()
    gap = int(round(bridge_sec / hop_sec))
    for a, b in zip(*am.runs(~s)):
        if 0 < a and b < len(s) and b - a < gap:
            s[a:b] = True
    return [(int(a), int(b)) for a, b in zip(*am.runs(s))]


def voice_mask(*, y: np.ndarray, sr: int, sound: np.ndarray, hop_sec: float, periodicity: np.ndarray | None = None,
               min_voiced_sec: float = 0.08, min_periodicity: float = 0.6, long_sec: float = 3.0,
               bridge_sec: float = 0.15) -> np.ndarray:
    """Frames of the sound islands that hold a voice (see the module docstring).

    Args:
        y: Mono signal.
        sr: Samples per second.
        sound: Speech-activity mask per frame.
        hop_sec: Hop between frames, seconds.
        periodicity: Periodicity per frame (0-1) when already computed; None: computed per island
            shorter than ``long_sec`` only.
        min_voiced_sec: Least periodic time of a voiced island, seconds.
        min_periodicity: Periodicity from which a frame is periodic.
        long_sec: Islands at least this long are voiced without the pitch analysis (only when
            ``periodicity`` is None), seconds.
        bridge_sec: Dips shorter than this do not split an island, seconds.
    """
    sound = np.asarray(sound, dtype=bool)
    out = np.zeros(len(sound), dtype=bool)
    need = int(round(min_voiced_sec / hop_sec))
    for a, b in islands(sound=sound, hop_sec=hop_sec, bridge_sec=bridge_sec):
        if periodicity is not None:
            per = np.asarray(periodicity)[a:b]
        elif (b - a) * hop_sec >= long_sec:
            out[a:b] = True
            continue
        else:
            lo = int(a * hop_sec * sr)
            hi = int(b * hop_sec * sr)
            per = am.pitch_track(y=y[lo:hi], sr=sr, hop_sec=hop_sec)[1][: b - a]
        periodic = (per >= min_periodicity) & sound[a:a + len(per)]
        if int(periodic.sum()) >= need:
            out[a:b] = True
        else:
            logger.debug("sound %.2f-%.2f s is not voiced (%d periodic frames)", a * hop_sec, b * hop_sec,
                         int(periodic.sum()))
    return out


def analyse_voicing(*, y: np.ndarray, sr: int, hop_sec: float = 0.010, periodicity: np.ndarray | None = None,
                    floor_percentile: float = 5.0, enter_db: float = 10.0, exit_db: float = 6.0,
                    **voice_kw: float) -> Voicing:
    """Energy, sound and voice masks of ``y`` (see :func:`voice_mask` for ``voice_kw``)."""
    energy = am.frame_energy_db(y=y, sr=sr, hop_sec=hop_sec)
    floor = am.noise_floor_db(energy_db=energy, hop_sec=hop_sec, percentile=floor_percentile)
    sound = am.speech_activity(energy_db=energy, hop_sec=hop_sec, floor_db=floor, enter_db=enter_db, exit_db=exit_db)
    voice = voice_mask(y=y, sr=sr, sound=sound, hop_sec=hop_sec, periodicity=periodicity, **voice_kw)
    return Voicing(hop_sec=hop_sec, energy_db=energy, sound=sound, voice=voice)


def steady_vowel(*, y: np.ndarray, sr: int, start_sec: float, end_sec: float, hop_sec: float = 0.010,
                 min_voiced_share: float = 0.75, max_pitch_sd_st: float = 1.5, max_change: float = 11.0,
                 min_periodicity: float = 0.6) -> bool:
    """True when ``[start_sec, end_sec]`` of ``y`` is one steady voiced sound: a hesitation ("uh", "um", "euh").

    Most of its frames periodic (``min_voiced_share``), a flat pitch (robust s.d. at most ``max_pitch_sd_st``
    semitones) and a steady spectrum (median MFCC change at most ``max_change``, see
    :func:`~interview_ai_lab.speech.audio_metrics.median_spectral_change`); a word's consonants and vowel
    changes break at least one of them.
    """
    a, b = int(max(0.0, start_sec) * sr), int(end_sec * sr)
    if b - a < int(0.1 * sr):
        return False
    f0, per = am.pitch_track(y=y[a:b], sr=sr, hop_sec=hop_sec)
    periodic = per >= min_periodicity
    if periodic.mean() < min_voiced_share:
        return False
    pitched = f0[periodic]
    pitched = pitched[pitched > 0]
    if pitched.size < 5:
        return False
    semis = 12.0 * np.log2(pitched / float(np.median(pitched)))
    if 1.4826 * float(np.median(np.abs(semis - np.median(semis)))) > max_pitch_sd_st:
        return False
    return am.median_spectral_change(y=y, sr=sr, start_sec=start_sec, end_sec=end_sec, hop_sec=hop_sec) <= max_change
