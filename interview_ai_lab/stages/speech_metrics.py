"""Stage 3 — speech metrics: rate, pauses, fillers, pitch and energy, from the signal and the words.

Reads ``audio.json``, the WAV and ``transcript.json``; writes ``speech.json``::

    {"speech": {"duration_sec", "wpm", "articulation_rate", "word_count", "speaking_time_sec",
                "silence_sec", "pause_count", "pauses": [{"start", "end"}],
                "fillers", "filler_events": [{"word", "t", "source"}], "filler_rate_per_min",
                "pitch_median_hz", "pitch_variability_st", "energy_variability_db",
                "noise_floor_db", "speech_level_db", "language",
                "coverage", "uncovered": [{"start", "end"}], "levelling": {...}} | null,
     "counted_words": [{"word", "start", "end"}],
     "warnings": []}

* Everything measured on sound (pauses, fillers, voicing, coverage) is measured on the
  levelled signal (``audio_levelled.wav``, see :mod:`interview_ai_lab.speech.levelling`), so a quiet
  take is not "silence"; the energy variability and speech level on the signal as recorded.
* ``coverage``: the share of the voiced time (speech frames with a periodic pitch) that
  recognised words (or fillers) cover, 0-1; below ``min_coverage`` a warning names the
  voiced stretches of at least 0.5 s without words (``uncovered``).
* Pauses come from the signal, not from the transcript: frame energy (25 ms frames,
  10 ms hop) against an adaptive noise floor, with hysteresis, so a steady fan, hum or
  hiss does not hide them. ``silence_sec`` is the total of the pauses of at least
  ``min_pause_sec`` (lead-in and tail included).
* ``wpm`` is the number of recognised words, fillers excluded, per minute of recording;
  ``articulation_rate`` the same per minute of speaking time (pauses excluded)
  (:func:`interview_ai_lab.speech.audio_metrics.speech_rates`, each answer's rule too). The
  words counted are listed beside the measures (``counted_words``), so that the questions
  stage counts each answer's words by the same rule.
* Fillers: the hesitations Whisper wrote (``source: asr``), plus sustained voiced
  sounds that no recognised word covers (``source: acoustic``): 0.2-1.2 s, steady
  pitch, steady spectrum — the "euh"/"um" Whisper dropped; and the steady vowels with an
  onset of their own inside a word Whisper stretched over them (a "that" timed over 1.7 s
  around a lone "uh"; :func:`~interview_ai_lab.speech.audio_metrics.sustained_vowels`).
* Pitch (YIN) median in Hz and variability in semitones over voiced frames; energy
  variability in dB over speech frames.

    python scripts/speech_metrics.py --outdir outputs/sample1
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError, missing_dependency
from interview_ai_lab.runtime.stage import Context, Payload, Stage
from interview_ai_lab.speech.audio_metrics import MIN_PAUSE_SEC
from interview_ai_lab.text.asr_guards import collapse_loops
from interview_ai_lab.text.lexicon import is_filler, normalize

logger = logging.getLogger(__name__)

#: The artefacts read: the extracted audio (names its WAVs) and the transcript.
AUDIO, TRANSCRIPT = "audio.json", "transcript.json"
HOP_SEC = 0.010

_WORDLIKE = re.compile(r"[\w]", re.UNICODE)
_ELISION = ("'", "’")
#: Word written by Whisper for a filler found only in the signal, per language.
ACOUSTIC_FILLER_WORD = {"fr": "euh", "en": "uh"}


@dataclass
class Options:
    """Options of the speech metrics.

    Attributes:
        min_pause_sec: Shortest stretch without speech counted as a pause, seconds.
        enter_db: A sound starts when the energy rises this far above the noise floor, dB.
        exit_db: A sound goes on while the energy stays this far above the noise floor, dB.
        floor_percentile: Percentile of the frame energies taken as the noise floor.
        acoustic_fillers: Also count sustained voiced sounds that no recognised word
            covers (the fillers Whisper drops).
        filler_min_sec: Shortest acoustic filler, seconds.
        filler_max_sec: Longest acoustic filler, seconds.
        filler_max_change: Largest median spectral change (MFCC distance per 10 ms) of an
            acoustic filler; a word changes faster.
        fmin: Lowest pitch searched, Hz.
        fmax: Highest pitch searched, Hz.
        voiced_periodicity: Periodicity (0-1) above which a frame is voiced.
        drop_silent_words: Do not count recognised words with no sound under them (Whisper
            sometimes invents words in long silences).
        min_coverage: Below this share of voiced time covered by words, a warning names
            the uncovered stretches.
    """

    min_pause_sec: float = MIN_PAUSE_SEC
    enter_db: float = 10.0
    exit_db: float = 6.0
    floor_percentile: float = 5.0
    acoustic_fillers: bool = True
    filler_min_sec: float = 0.2
    filler_max_sec: float = 1.2
    filler_max_change: float = 12.0
    fmin: float = 65.0
    fmax: float = 400.0
    voiced_periodicity: float = 0.6
    drop_silent_words: bool = True
    min_coverage: float = 0.9


def transcript_words(transcript: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The timed words of a transcript, French elisions joined (``j`` + ``'ai`` → ``j'ai``).

    Tokens without a letter or digit (stray punctuation) are dropped. Segments transcribed
    without word timestamps have their words spread evenly over the segment. Each item is
    ``{"word", "start", "end"}`` (seconds).
    """
    words: list[dict[str, Any]] = []
    for seg in (transcript or {}).get("segments", []) or []:
        timed = seg.get("words") or _spread_words(seg)
        for w in timed:
            text = str(w.get("word", "")).strip()
            if not _WORDLIKE.search(text):
                continue
            item = {"word": text, "start": float(w.get("start", 0.0)), "end": float(w.get("end", 0.0))}
            if words and (text.startswith(_ELISION) or words[-1]["word"].endswith(_ELISION)):
                words[-1] = {"word": words[-1]["word"] + text, "start": words[-1]["start"],
                             "end": max(words[-1]["end"], item["end"])}
            else:
                words.append(item)
    return words


def _spread_words(seg: dict[str, Any]) -> list[dict[str, Any]]:
    """Words of a segment transcribed without word timestamps, spread evenly over the segment."""
    tokens = str(seg.get("text", "")).split()
    start, end = float(seg.get("start", 0.0)), float(seg.get("end", 0.0))
    step = (end - start) / max(1, len(tokens))
    return [{"word": t, "start": start + i * step, "end": start + (i + 1) * step} for i, t in enumerate(tokens)]


def speaking_mask(*, active: Any, periodicity: Any, words: list[dict[str, Any]], hop_sec: float,
                  min_periodicity: float = 0.6, min_voiced_sec: float = 0.03, reach_sec: float = 0.25) -> Any:
    """Per-frame mask of speech: sound near a voiced run, or under a kept word.

    Sound counts when within ``reach_sec`` seconds of a voiced run (periodic frames, at least ``min_voiced_sec``
    seconds long: a vowel, and the consonants around it) or under a kept word.

    Sound with no voice near it (a breath, a cough, a click, noise lifted by the levelling) is not speech:
    it is part of a pause.
    """
    import numpy as np

    from interview_ai_lab.speech.audio_metrics import runs
    from interview_ai_lab.speech.coverage import span_mask

    act = np.asarray(active, dtype=bool)
    per = np.asarray(periodicity, dtype=np.float64)[: len(act)]
    periodic = np.zeros(len(act), dtype=bool)
    periodic[: len(per)] = (per >= min_periodicity) & act[: len(per)]
    near = np.zeros(len(act), dtype=bool)
    need, reach = max(1, int(round(min_voiced_sec / hop_sec))), int(round(reach_sec / hop_sec))
    for a, b in zip(*runs(periodic)):
        if b - a >= need:
            near[max(0, a - reach): b + reach] = True
    near |= span_mask(spans=[(w["start"], w["end"]) for w in words], n=len(act), hop_sec=hop_sec)
    return near & act


def _has_sound(active: Any, start: float, end: float, *, margin_sec: float) -> bool:
    """True when some speech frame lies within ``[start - margin, end + margin]`` seconds."""
    a = max(0, int((start - margin_sec) / HOP_SEC))
    b = min(len(active), int((end + margin_sec) / HOP_SEC) + 1)
    return bool(active[a:b].any()) if b > a else False


def _wavs(ctx: Context) -> tuple[Path | None, Path | None]:
    """The recorded and the levelled WAV named in ``audio.json`` (None where there is none).

    Raises:
        InputError: A WAV named there is missing.
    """
    audio_info = read_json(ctx.path(AUDIO))
    wav_name = audio_info.get("audio_path")
    wav = ctx.path(wav_name) if wav_name else None
    levelled_name = audio_info.get("levelled_path")
    levelled = ctx.path(levelled_name) if (wav is not None and levelled_name) else None
    for p in (wav, levelled):
        if p is not None and not p.exists():
            raise InputError(f"{p} is missing: rerun the 'extract_audio' stage")
    return wav, levelled


def run(ctx: Context, opts: Options) -> Payload:
    """Measure the speech; the payload of ``speech.json``.

    Raises:
        InputError: A WAV is missing or unreadable.
    """
    wav, levelled = _wavs(ctx)
    warnings: list[str] = []
    if wav is None:
        warnings.append(notice("speech_no_audio"))
        logger.warning(warnings[-1]["message"])
        return {"speech": None, "counted_words": [], "warnings": warnings}
    from interview_ai_lab.media.audio import load_audio

    y, sr = load_audio(wav)
    y_lev = load_audio(levelled)[0] if levelled is not None else None
    transcript = read_json(ctx.path(TRANSCRIPT))
    counted: list[dict[str, Any]] = []
    speech = measure(y, sr, transcript=transcript, opts=opts, warnings=warnings, levelled=y_lev,
                     hook=lambda done, total: ctx.hook(STAGE.name, done, total), counted_words=counted,
                     threads=ctx.threads)
    if speech is not None:
        speech["levelling"] = read_json(ctx.path(AUDIO)).get("levelling")
    return {"speech": speech, "counted_words": counted, "warnings": warnings}


STAGE = Stage(name="speech_metrics", version="6", inputs=(AUDIO, TRANSCRIPT), output="speech.json", options=Options,
              run=run, input_files=lambda ctx, opts, prep: [w for w in _wavs(ctx)[:1] if w is not None], weight=8)


def measure(y: Any, sr: int, *, transcript: dict[str, Any] | None, opts: Options, warnings: list[str],
            levelled: Any = None, hook: Any = None, counted_words: list[dict[str, Any]] | None = None,
            threads: int = 1) -> dict[str, Any]:
    """All speech metrics of the signal ``y`` (mono float, ``sr`` Hz) and its transcript.

    ``threads``: CPU threads of the pitch analysis (its 30-s chunks side by side; the same values).

    ``levelled`` is the same signal after loudness levelling (same length); pauses, voicing,
    fillers and coverage are measured on it. None: on ``y``. ``counted_words``, when given,
    receives the words the rates count (``{"word", "start", "end"}``, seconds).
    """
    try:
        import numpy as np

        from interview_ai_lab.speech import audio_metrics as am
    except ImportError as e:  # numpy/scipy/librosa
        raise missing_dependency(e.name or "librosa", purpose="the speech metrics") from e
    hook = hook or (lambda done, total: None)
    duration = len(y) / float(sr) if sr else 0.0
    language = (transcript or {}).get("language")

    # Sound, from the (levelled) signal.
    raw_energy = am.frame_energy_db(y=y, sr=sr, hop_sec=HOP_SEC)
    if levelled is not None and len(levelled) == len(y):
        y = levelled
        energy = am.frame_energy_db(y=y, sr=sr, hop_sec=HOP_SEC)
    else:
        energy = raw_energy
    floor = am.noise_floor_db(energy_db=energy, hop_sec=HOP_SEC, percentile=opts.floor_percentile)
    active = am.speech_activity(energy_db=energy, hop_sec=HOP_SEC, floor_db=floor, enter_db=opts.enter_db,
                                exit_db=opts.exit_db)

    # Words and fillers from the transcript (its words already lie on voiced sound; the checks below are a
    # second line for a transcript made elsewhere).
    words = transcript_words(transcript)
    looped = len(words)
    words = collapse_loops(words)
    if len(words) < looped:
        warnings.append(notice("asr_loop_words", count=looped - len(words)))
        logger.info(warnings[-1]["message"])
    if words and opts.drop_silent_words:
        heard = [w for w in words if _has_sound(active, w["start"], w["end"], margin_sec=0.1)]
        if len(heard) < len(words):
            dropped = [w["word"] for w in words if w not in heard]
            warnings.append(notice("silent_words", count=len(dropped), words=" ".join(dropped[:10])))
            logger.info(warnings[-1]["message"])
        words = heard
    asr_fillers = [w for w in words if is_filler(w["word"], language)]
    content = [w for w in words if not is_filler(w["word"], language)]
    if counted_words is not None:
        counted_words.extend({"word": w["word"], "start": round(w["start"], 3), "end": round(w["end"], 3)}
                             for w in content)
    events = [{"word": normalize(w["word"]), "t": round(w["start"], 3), "end": round(w["end"], 3), "source": "asr"}
              for w in asr_fillers]
    hook(1, 4)

    # Pitch and energy (voiced frames only).
    if active.any():
        f0, periodicity = am.pitch_track(y=y, sr=sr, hop_sec=HOP_SEC, fmin=opts.fmin, fmax=opts.fmax,
                                         workers=threads)
        n = min(len(f0), len(active))
        f0, periodicity, act = f0[:n], periodicity[:n], active[:n]
        voiced = act & (periodicity >= opts.voiced_periodicity) & (f0 > opts.fmin) & (f0 < opts.fmax)
        pitch_median, pitch_var = am.pitch_stats(f0_hz=f0, voiced=voiced)
    else:
        f0 = periodicity = act = None
        pitch_median = pitch_var = None

    # Pauses: the time without voice and without a kept word. A breath, a cough or a click in a pause is
    # sound without a voice: it stays part of the pause.
    speech_mask = speaking_mask(active=active, periodicity=periodicity, words=words, hop_sec=HOP_SEC,
                                min_periodicity=opts.voiced_periodicity) if act is not None else active
    pauses = am.detect_pauses(energy_db=energy, hop_sec=HOP_SEC, min_pause_sec=opts.min_pause_sec,
                              duration_sec=duration, active=speech_mask)
    rates = am.speech_rates(word_count=len(content), pauses=pauses, start_sec=0.0, end_sec=duration,
                            min_pause_sec=opts.min_pause_sec)
    hook(2, 4)

    # Fillers Whisper left out: sustained voiced sounds outside every recognised word (without any
    # recognised word, a short word cannot be told from a filler: no acoustic check then).
    if opts.acoustic_fillers and act is not None and content:
        spans = [(w["start"], w["end"]) for w in content]
        filler_spans = [(w["start"], w["end"]) for w in asr_fillers]
        candidates = am.acoustic_fillers(active=act, f0_hz=f0, periodicity=periodicity, hop_sec=HOP_SEC,
                                         word_spans=spans, filler_spans=filler_spans, min_sec=opts.filler_min_sec, max_sec=opts.filler_max_sec,
                                         min_periodicity=opts.voiced_periodicity - 0.1)
        word = ACOUSTIC_FILLER_WORD.get(language or "", "euh")
        for a, b in candidates:
            change = am.median_spectral_change(y=y, sr=sr, start_sec=a, end_sec=b, hop_sec=HOP_SEC)
            if change <= opts.filler_max_change:
                events.append({"word": word, "t": round(a, 3), "end": round(b, 3), "source": "acoustic"})
            else:
                logger.debug("voiced stretch %.2f-%.2f s not a filler (spectral change %.1f)", a, b, change)
        # A filler Whisper left out is often inside the span of a word it stretched over it ("that" timed
        # 14.75-16.41 s over a lone "uh"): a steady vowel with an onset of its own inside such a word.
        for w in content:
            if not am.stretched_word(word=w["word"], duration_sec=w["end"] - w["start"]):
                continue
            for a, b in am.sustained_vowels(y=y, sr=sr, start_sec=w["start"] - 0.1, end_sec=w["end"] + 0.1,
                                            active=act, f0_hz=f0, periodicity=periodicity, energy_db=energy[:len(act)],
                                            hop_sec=HOP_SEC, min_sec=opts.filler_min_sec + 0.05,
                                            max_sec=opts.filler_max_sec, max_change=opts.filler_max_change - 1.0):
                if any(e["t"] - 0.35 < b and a < e["end"] + 0.35 for e in events):
                    continue
                events.append({"word": word, "t": round(a, 3), "end": round(b, 3), "source": "acoustic"})
                logger.debug("filler %.2f-%.2f s inside the stretched word %r", a, b, w["word"])
    events.sort(key=lambda e: e["t"])
    hook(3, 4)

    # Coverage: the voiced time that recognised words (or fillers) account for.
    cov, uncovered = None, []
    if act is not None:
        from interview_ai_lab.speech.coverage import coverage, span_mask, uncovered_stretches

        voiced_frames = act & (periodicity >= opts.voiced_periodicity)
        spans = [(w["start"], w["end"]) for w in words] + [(e["t"], e["end"]) for e in events]
        covered = span_mask(spans=spans, n=len(voiced_frames), hop_sec=HOP_SEC, margin_sec=0.15)
        cov = coverage(voiced=voiced_frames, covered=covered)
        uncovered = uncovered_stretches(voiced=voiced_frames, covered=covered, hop_sec=HOP_SEC, min_sec=0.5)
        if cov is not None and cov < opts.min_coverage:
            times = ", ".join(f"{_clock(a)}-{_clock(b)}" for a, b in uncovered[:10]) or "short stretches"
            warnings.append(notice(
                "speech_coverage_low", message_values={"percent": f"{100 * cov:.0f}", "times": times},
                coverage=round(cov, 3), stretches=[{"start": a, "end": b} for a, b in uncovered]))
            logger.warning(warnings[-1]["message"])

    speech_frames = active if active.any() else None
    level = float(np.percentile(raw_energy[active], 90)) if speech_frames is not None else None
    raw_floor = floor if raw_energy is energy else am.noise_floor_db(energy_db=raw_energy, hop_sec=HOP_SEC,
                                                                     percentile=opts.floor_percentile)
    result = {
        "duration_sec": rates.duration_sec,
        "wpm": rates.wpm,
        "articulation_rate": rates.articulation_rate,
        "word_count": rates.word_count,
        "speaking_time_sec": rates.speaking_time_sec,
        "silence_sec": rates.silence_sec,
        "min_pause_sec": opts.min_pause_sec,
        "pause_count": len(pauses),
        "pauses": [{"start": a, "end": b} for a, b in pauses],
        "fillers": len(events),
        "filler_events": events,
        "filler_rate_per_min": round(len(events) / (duration / 60.0), 2) if duration > 0 else 0.0,
        "pitch_median_hz": round(pitch_median, 1) if pitch_median is not None else None,
        "pitch_variability_st": round(pitch_var, 2) if pitch_var is not None else None,
        "energy_variability_db": (round(v, 2) if (v := am.energy_variability_db(energy_db=raw_energy, active=active))
                                  is not None else None),
        "noise_floor_db": round(float(np.median(raw_floor)), 1) if raw_floor.size else None,
        "speech_level_db": round(level, 1) if level is not None else None,
        "language": language,
        "coverage": round(cov, 3) if cov is not None else None,
        "uncovered": [{"start": a, "end": b} for a, b in uncovered],
    }
    if not content:
        warnings.append(notice("no_words"))
    hook(4, 4)
    return result


def _clock(t: float) -> str:
    """``m:ss`` of ``t`` seconds."""
    return f"{int(t // 60)}:{int(t % 60):02d}"

