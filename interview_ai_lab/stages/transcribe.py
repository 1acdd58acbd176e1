"""Stage 2 — transcribe the speech: faster-whisper with Silero VAD, word timestamps, FR/EN detection.

Reads ``audio.json`` (from ``extract_audio``) and the WAV it names (the levelled one,
``audio_levelled.wav``, when there is one); writes ``transcript.json``::

    {"text", "language", "language_probability", "duration_sec",
     "segments": [{"id", "start", "end", "text", "words": [{"word", "start", "end", "probability"}]}],
     "model": {...resolved model...}, "device", "compute_type",
     "recovery": {"stretches": [{"start", "end", "words"}], "seconds", "decoded_sec"}, "warnings": []}

After the first pass (Silero VAD, then Whisper), every voiced stretch of at least 1 s
that got no word (the signal's energy above its noise floor, periodic enough to be a
voice) is decoded again on its own, without the VAD; the words found there are added
(their segments carry ``"recovered": true``) and ``recovery`` lists the stretches. Only
those stretches are decoded twice, never the whole file.

Times are in seconds from the start of the recording. With ``--lang auto`` the
language is detected first (French or English; another language only when Whisper
is sure of it), then the audio is transcribed with an ``initial_prompt`` written with
fillers ("Euh, alors, bon… hum" / "Um, so, uh… hmm") so that Whisper keeps the
hesitations it usually drops. A recording without an audio track, or without any
speech, gives an empty transcript and a warning (no model is loaded).

    python scripts/transcribe.py --outdir outputs/sample1 --lang auto --asr-model small
"""

from __future__ import annotations

import dataclasses
import gc
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_ai_lab.media.audio import load_audio
from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError, StageError, missing_dependency
from interview_ai_lab.runtime.model_resolver import ResolvedModel, resolve_asr
from interview_ai_lab.runtime.stage import Context, Payload, Stage
from interview_ai_lab.text.lexicon import filler_prompt

logger = logging.getLogger(__name__)

#: The artefact read: the extracted audio's facts and the name of its WAV.
AUDIO = "audio.json"
SAMPLE_RATE = 16000
#: Languages the analysis is made for; another one is kept only above this detection probability.
SUPPORTED_LANGUAGES = ("fr", "en")
OTHER_LANGUAGE_MIN_PROBABILITY = 0.8
#: Sound decoded on each side of an uncovered voiced stretch (never into a recognised word), seconds.
RECOVER_CONTEXT_SEC = 1.0


@dataclass
class Options:
    """Options of the transcription.

    Attributes:
        asr_model: faster-whisper size name (tiny, base, small, medium, large-v3…) or a
            CTranslate2 model folder; None resolves the default ($IAL_ASR_MODEL, else
            'small', offline the packaged multilingual 'base').
        lang: Spoken language: 'auto' detects French or English, 'fr' or 'en' forces it.
        beam_size: Beam search width (1 is greedy and faster, 5 is more accurate).
        vad_filter: Skip the stretches without speech (Silero VAD) before decoding.
        word_timestamps: Time every word (needed by the speech metrics).
        filler_prompt: Start decoding from a prompt written with fillers (euh, um…) so
            that Whisper keeps the hesitations in its text.
        compute_type: CTranslate2 compute type on CPU (int8 is the fastest); on a CUDA GPU
            float16 is used.
        recover: Decode again, without the VAD, the voiced stretches that got no word.
        recover_min_sec: Shortest voiced stretch without words decoded again, seconds.
        recover_min_voiced: Least share of periodic (voiced) frames of such a stretch.
    """

    asr_model: str | None = None
    lang: str = "auto"
    beam_size: int = 5
    vad_filter: bool = True
    word_timestamps: bool = True
    filler_prompt: bool = True
    compute_type: str = "int8"
    recover: bool = True
    recover_min_sec: float = 1.0
    recover_min_voiced: float = 0.2


def _resolve_device(ctx: Context, opts: Options, warnings: list[str]) -> tuple[str, str]:
    """``(device, compute_type)`` from :func:`interview_ai_lab.runtime.device.choose_device`: CUDA float16 or CPU int8."""
    from interview_ai_lab.runtime.device import choose_device

    choice = choose_device(ctx.device)
    warnings.extend(notice("gpu_provider_missing", "The face models run on the CPU: no GPU provider is installed for them.",
                           technical=w) for w in choice.warnings)
    return choice.asr_device, (opts.compute_type if choice.asr_device == "cpu" else choice.asr_compute_type)


def _empty(duration: float, model: ResolvedModel | None, device: str, compute_type: str,
           warnings: list[str]) -> dict[str, Any]:
    return {
        "text": "",
        "language": None,
        "language_probability": None,
        "duration_sec": round(duration, 3),
        "segments": [],
        "model": model.as_dict() if model else None,
        "device": device,
        "compute_type": compute_type,
        "recovery": {"stretches": [], "seconds": 0.0, "decoded_sec": 0.0},
        "warnings": warnings,
    }


def choose_language(detected: str, probability: float, all_probs: list[tuple[str, float]]) -> tuple[str, float, str | None]:
    """Pick the language to transcribe in from Whisper's detection.

    French or English as detected; another language only when Whisper is sure of it
    (probability ≥ :data:`OTHER_LANGUAGE_MIN_PROBABILITY`); otherwise the more likely of
    French and English. Returns ``(language, probability, warning or None)``.
    """
    if detected in SUPPORTED_LANGUAGES:
        return detected, probability, None
    if probability >= OTHER_LANGUAGE_MIN_PROBABILITY:
        return detected, probability, (f"The speech was detected as '{detected}' (p={probability:.2f}): only French and "
                                       "English are supported; fillers and text analysis may be unreliable.")
    probs = dict(all_probs)
    best = max(SUPPORTED_LANGUAGES, key=lambda lang: probs.get(lang, 0.0))
    return best, float(probs.get(best, 0.0)), None


def check(opts: Options) -> None:
    """Raise :class:`InputError` for an unknown language."""
    if opts.lang not in ("auto", "fr", "en"):
        raise InputError(f"--lang {opts.lang}: choose auto, fr or en")


@dataclass(frozen=True)
class Prepared:
    """What the freshness check and the run share.

    Attributes:
        duration_sec: The media's duration from ``audio.json``, seconds.
        wav: The WAV transcribed (the levelled one when there is one), None without an audio track.
        model: The resolved Whisper model, None without an audio track.
        warnings: Notices from the model resolution (a fallback model).
    """

    duration_sec: float
    wav: Path | None
    model: ResolvedModel | None
    warnings: tuple[dict[str, Any], ...] = ()


def prepare(ctx: Context, opts: Options) -> Prepared:
    """Find the WAV named in ``audio.json`` and resolve the Whisper model (not loaded).

    Raises:
        InputError: The WAV named in ``audio.json`` is missing.
        ModelNotFoundError: No Whisper model could be found (the message says what to install).
    """
    audio_info = read_json(ctx.path(AUDIO))
    wav_name = audio_info.get("levelled_path") or audio_info.get("audio_path")
    wav = ctx.path(wav_name) if wav_name else None
    if wav is not None and not wav.exists():
        raise InputError(f"{wav} is missing: rerun the 'extract_audio' stage")
    warnings = []
    model_ref: ResolvedModel | None = None
    if wav is not None:
        model_ref = resolve_asr(opts.asr_model, language=None if opts.lang == "auto" else opts.lang)
        if model_ref.fallback:
            warnings.append(notice("asr_model_fallback", "The requested speech-recognition model is not available here: "
                                   "another model was used instead; the transcript may be less accurate.",
                                   technical=f"wanted '{model_ref.wanted}', used '{model_ref.name}' ({model_ref.source})"))
    duration = float((audio_info.get("media") or {}).get("duration_sec") or 0.0)
    return Prepared(duration_sec=duration, wav=wav, model=model_ref, warnings=tuple(warnings))


def run(ctx: Context, opts: Options, prep: Prepared) -> Payload:
    """Transcribe the extracted audio; the payload of ``transcript.json``.

    Raises:
        InputError: The WAV is unreadable or not at 16 kHz.
        StageError: faster-whisper failed.
    """
    warnings: list[Any] = list(prep.warnings)
    if prep.wav is None:
        warnings.append(notice("transcript_no_audio", "No audio track: nothing to transcribe."))
        logger.warning(warnings[-1]["message"])
        return _empty(prep.duration_sec, None, "cpu", opts.compute_type, warnings)
    assert prep.model is not None
    audio, sr = load_audio(prep.wav)
    if sr != SAMPLE_RATE:
        raise InputError(f"{prep.wav.name} is sampled at {sr} Hz; the transcription expects {SAMPLE_RATE} Hz "
                         "(rerun extract_audio with its default sample rate)")
    duration = len(audio) / sr
    device, compute_type = _resolve_device(ctx, opts, warnings)
    payload = transcribe_array(audio, ctx=ctx, opts=opts, model_ref=prep.model, device=device,
                               compute_type=compute_type, warnings=warnings)
    payload["duration_sec"] = round(duration, 3)
    return payload


STAGE = Stage(name="transcribe", version="3", inputs=(AUDIO,), output="transcript.json", options=Options, run=run,
              check=check, prepare=prepare, input_files=lambda ctx, opts, prep: [prep.wav] if prep.wav else [],
              fingerprint=lambda ctx, opts, prep: {"model": str(prep.model.path) if prep.model else None,
                                                   "device": ctx.device},
              weight=45)


def transcribe_array(audio: Any, *, ctx: Context, opts: Options, model_ref: ResolvedModel, device: str,
                     compute_type: str, warnings: list[str]) -> dict[str, Any]:
    """Transcribe 16 kHz float32 ``audio`` with the resolved model; return the transcript payload."""
    try:
        from faster_whisper import WhisperModel
        from faster_whisper.vad import VadOptions, get_speech_timestamps
    except ImportError as e:
        raise missing_dependency("faster_whisper", pip_name="faster-whisper", purpose="the transcription") from e

    duration = len(audio) / SAMPLE_RATE
    if opts.vad_filter and len(audio) > 0:
        speech = get_speech_timestamps(audio, VadOptions())
        if not speech:
            warnings.append(notice("no_speech_found", "No speech was found in the audio: the transcript is empty."))
            logger.warning(warnings[-1]["message"])
            return _empty(duration, model_ref, device, compute_type, warnings)
    elif len(audio) == 0:
        warnings.append(notice("audio_track_empty", "The audio track is empty: the transcript is empty."))
        return _empty(duration, model_ref, device, compute_type, warnings)

    logger.info("Loading faster-whisper '%s' (%s, %s, %s)", model_ref.name, model_ref.path, device, compute_type)
    try:
        model = WhisperModel(str(model_ref.path), device=device, compute_type=compute_type,
                             cpu_threads=max(1, ctx.threads), num_workers=1)
    except Exception as e:
        raise StageError(f"faster-whisper could not load the model at {model_ref.path}: {e}") from e
    if model_ref.multilingual and not getattr(model.model, "is_multilingual", True):
        model_ref = dataclasses.replace(model_ref, multilingual=False)  # e.g. a tiny.en folder under another name
    try:
        language, probability = _language(model, audio, opts, model_ref, warnings)
        prompt = filler_prompt(language) if opts.filler_prompt else None
        segments_iter, info = model.transcribe(
            audio, language=language, beam_size=max(1, opts.beam_size), vad_filter=opts.vad_filter,
            word_timestamps=opts.word_timestamps, initial_prompt=prompt,
            # Not fed its own output: no repeat loops over noise-only stretches (measured: fillers are still
            # written after the first 30-s window, the prompt's effect lasts; 6/6 on a 105-s clip either way).
            condition_on_previous_text=False)
        segments = []
        for seg in segments_iter:
            words = [{"word": w.word.strip(), "start": round(float(w.start), 3), "end": round(float(w.end), 3),
                      "probability": round(float(w.probability), 4)} for w in (seg.words or [])]
            if implausibly_fast(words):
                logger.info("segment %.2f-%.2f s dropped: %d words in %.2f s (%r)", seg.start, seg.end, len(words),
                            words[-1]["end"] - words[0]["start"], seg.text.strip())
                continue
            segments.append({"id": int(seg.id), "start": round(float(seg.start), 3), "end": round(float(seg.end), 3),
                             "text": seg.text.strip(), "words": words})
            ctx.hook(STAGE.name, min(float(seg.end), duration), duration)
        recovery = (recover_uncovered(model, audio, segments, language=language, prompt=prompt, opts=opts)
                    if opts.recover else {"stretches": [], "seconds": 0.0, "decoded_sec": 0.0})
        ctx.hook(STAGE.name, duration, duration)
    except Exception as e:
        raise StageError(f"faster-whisper failed while transcribing: {e}") from e
    finally:
        del model
        gc.collect()
    if probability is None:
        language, probability = info.language, float(info.language_probability)
    text = " ".join(s["text"] for s in segments if s["text"]).strip()
    if not text:
        warnings.append(notice("no_words_recognised", "No words were recognised in the audio: the transcript is empty."))
    return {
        "text": text,
        "language": language,
        "language_probability": round(float(probability), 4) if probability is not None else None,
        "duration_sec": round(duration, 3),
        "segments": segments,
        "model": model_ref.as_dict(),
        "device": device,
        "compute_type": compute_type,
        "recovery": recovery,
        "warnings": warnings,
    }


def _language(model: Any, audio: Any, opts: Options, model_ref: ResolvedModel,
              warnings: list[str]) -> tuple[str, float | None]:
    """The language to decode in and its probability (None when forced)."""
    if not model_ref.multilingual:
        if opts.lang == "fr":
            warnings.append(notice("asr_english_only_french_asked", "The speech-recognition model is English-only but French "
                                   "was asked for: the transcript will be wrong.",
                                   technical=f"model '{model_ref.name}' is English-only; use a multilingual model "
                                             "(e.g. --asr-model small)"))
            logger.warning(warnings[-1]["message"])
        elif opts.lang == "auto":
            warnings.append(notice("asr_english_only", "The speech-recognition model is English-only: the language was not "
                                   "detected and French speech will be transcribed badly.",
                                   technical=f"model '{model_ref.name}' is English-only"))
            logger.warning(warnings[-1]["message"])
        return "en", None
    if opts.lang in SUPPORTED_LANGUAGES:
        return opts.lang, None
    detected, prob, all_probs = model.detect_language(audio=audio, vad_filter=opts.vad_filter,
                                                      language_detection_segments=2)
    language, prob, warning = choose_language(detected, float(prob), list(all_probs))
    if warning:
        warnings.append(notice("speech_language_unsupported", warning, language=language, probability=round(float(prob), 2)))
        logger.warning(warning)
    logger.info("Language: %s (p=%.2f)", language, prob)
    return language, prob


def implausibly_fast(words: list[dict[str, Any]], *, min_words: int = 3, min_sec_per_word: float = 0.05) -> bool:
    """True for ``min_words`` or more words squeezed into under ``min_sec_per_word`` seconds each.

    No one speaks 20 words a second: Whisper writes such a segment at the very end of the
    audio or over a click ("You know what I mean?" timed in 0.16 s), from its language model.
    """
    if len(words) < min_words:
        return False
    return (words[-1]["end"] - words[0]["start"]) < min_sec_per_word * len(words)


def voiced_uncovered(audio: Any, segments: list[dict[str, Any]], *, opts: Options) -> list[tuple[float, float]]:
    """Voiced stretches of ``audio`` (16 kHz) of at least ``opts.recover_min_sec`` that no word of ``segments`` covers.

    Voice: frame energy above the adaptive noise floor (as the pause detector of
    the ``speech_metrics`` stage), and at least ``opts.recover_min_voiced`` of the frames
    periodic (YIN periodicity ≥ 0.6), so a noise burst is not decoded.
    """
    import numpy as np

    from interview_ai_lab.speech import audio_metrics as am
    from interview_ai_lab.speech.coverage import span_mask, uncovered_stretches

    hop = 0.010
    energy = am.frame_energy_db(y=audio, sr=SAMPLE_RATE, hop_sec=hop)
    floor = am.noise_floor_db(energy_db=energy, hop_sec=hop)
    active = am.speech_activity(energy_db=energy, hop_sec=hop, floor_db=floor)
    spans = [(w["start"], w["end"]) for s in segments for w in (s.get("words") or [])]
    spans += [(s["start"], s["end"]) for s in segments if not s.get("words")]
    covered = span_mask(spans=spans, n=len(active), hop_sec=hop, margin_sec=0.25)
    found = []
    for a, b in uncovered_stretches(voiced=active, covered=covered, hop_sec=hop, min_sec=opts.recover_min_sec):
        i, j = int(a * SAMPLE_RATE), int(b * SAMPLE_RATE)
        _, per = am.pitch_track(y=audio[i:j], sr=SAMPLE_RATE, hop_sec=hop)
        act = active[int(a / hop): int(a / hop) + len(per)]
        share = float(np.mean(per[: len(act)][act] >= 0.6)) if act.any() else 0.0
        if share >= opts.recover_min_voiced:
            found.append((a, b))
        else:
            logger.debug("uncovered sound %.2f-%.2f s is not voiced enough (%.2f): not decoded again", a, b, share)
    return found


def recover_uncovered(model: Any, audio: Any, segments: list[dict[str, Any]], *, language: str | None,
                      prompt: str | None, opts: Options) -> dict[str, Any]:
    """Decode again, one by one and without the VAD, the voiced stretches no word covers; add their words.

    ``segments`` is extended in place (time order, ids renumbered); a recovered segment
    has ``"recovered": true``. Whisper's own rejection rule drops what looks like noise
    (no-speech probability > 0.6 with a mean log-probability < -1) or a loop
    (compression ratio > 2.4). Returns ``{"stretches": [{"start", "end", "words"}], "seconds", "decoded_sec"}``:
    the voiced seconds without words, and the seconds decoded again (with up to
    :data:`RECOVER_CONTEXT_SEC` of context on each side).
    """
    stretches = voiced_uncovered(audio, segments, opts=opts)
    report: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    spans = sorted((w["start"], w["end"]) for s in segments for w in (s.get("words") or []))
    total = len(audio) / SAMPLE_RATE
    decoded = 0.0
    for a, b in stretches:
        # Up to `context` seconds of sound on each side (Whisper hears a word's start better), never into a word.
        lo = max([0.0, a - RECOVER_CONTEXT_SEC] + [e for _, e in spans if e <= a + 1e-3])
        hi = min([total, b + RECOVER_CONTEXT_SEC] + [st for st, _ in spans if st >= b - 1e-3])
        chunk = audio[int(lo * SAMPLE_RATE): int(hi * SAMPLE_RATE)]
        decoded += hi - lo
        seg_iter, _ = model.transcribe(chunk, language=language, beam_size=max(1, opts.beam_size), vad_filter=False,
                                       word_timestamps=opts.word_timestamps, initial_prompt=prompt,
                                       condition_on_previous_text=False)
        n_words = 0
        for seg in seg_iter:
            if (seg.no_speech_prob > 0.6 and seg.avg_logprob < -1.0) or seg.compression_ratio > 2.4:
                continue
            words = [{"word": w.word.strip(), "start": round(lo + float(w.start), 3), "end": round(lo + float(w.end), 3),
                      "probability": round(float(w.probability), 4)} for w in (seg.words or [])]
            words = [w for w in words if not any(w["start"] < e - 0.05 and w["end"] > st + 0.05 for st, e in spans)]
            if (opts.word_timestamps and not words) or implausibly_fast(words):
                continue
            text = " ".join(w["word"] for w in words) if opts.word_timestamps else seg.text.strip()
            added.append({"id": 0, "start": round(lo + float(seg.start), 3), "end": round(lo + float(seg.end), 3),
                          "text": text, "words": words, "recovered": True})
            n_words += len(words)
        report.append({"start": a, "end": b, "words": n_words})
        logger.info("voiced stretch %.2f-%.2f s had no words: decoded again, %d word(s)", a, b, n_words)
    if added:
        segments.extend(added)
        segments.sort(key=lambda s: (s["start"], s["end"]))
        for i, s in enumerate(segments):
            s["id"] = i + 1
    return {"stretches": report, "seconds": round(sum(b - a for a, b in stretches), 3), "decoded_sec": round(decoded, 3)}

