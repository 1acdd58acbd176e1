"""Stage 2 — transcribe the speech: faster-whisper on the project's chunks, batched, word timestamps, FR/EN.

Reads ``audio.json`` (from ``extract_audio``) and the WAV it names (the levelled one,
``audio_levelled.wav``, when there is one); writes ``transcript.json``::

    {"text", "language", "language_probability", "duration_sec",
     "segments": [{"id", "start", "end", "text", "words": [{"word", "start", "end", "probability"}]}],
     "dropped": [{"start", "end", "text", "reason"}],
     "chunks": [{"start", "end"}], "batch_size",
     "model": {...resolved model...}, "device", "compute_type",
     "recovery": {"stretches": [{"start", "end", "words"}], "seconds", "decoded_sec"}, "warnings": []}

1. **Chunks.** The levelled signal is split into sound islands (energy above the adaptive noise
   floor; see :mod:`interview_ai_lab.speech.voicing`); :func:`~interview_ai_lab.speech.chunking.plan_chunks`
   packs them into chunks of at most 28 s cut in pauses, so no voiced stretch lies outside every
   chunk and no cut falls inside a word.
2. **Decoding.** The chunks go to faster-whisper as ``clip_timestamps``: with ``--asr-batch-size``
   above 1, several at once through its ``BatchedInferencePipeline`` (CPU or CUDA; on the CPU, batches of at
   least two chunks decoded side by side by single-threaded workers, :func:`decode_layout`); with 1, one
   after the other through ``WhisperModel.transcribe`` (with its temperature fallback). In ``run_all.py``
   the stage runs in a process of its own (:mod:`interview_ai_lab.stage_process`).
3. **Guards.** Every decoded segment goes through :func:`interview_ai_lab.text.asr_guards.guard_segment`:
   what Whisper rates as no speech, loops, an echo of the prompt, zero-length words piled at a chunk's
   end, and any word with no voice under it are dropped and listed in ``dropped`` with their reason.
   A word in ``words``, ``text`` and every per-answer text lies on voiced sound.
4. **Recovery.** Every voiced stretch of at least 1 s that no kept word covers is decoded again on its
   own (with up to :data:`RECOVER_CONTEXT_SEC` of context, never into a kept word), through the same
   guards plus a stricter log-probability rule; ``recovery`` lists the stretches.
5. **One timeline.** Words are kept in time order; a recovered word inside a first-pass segment's
   span joins that segment (its words carry ``"recovered": true``; a segment made only of recovered
   words carries it too); overlapping segments are merged, so segments never overlap; each segment's
   text and the transcript's ``text`` are built from the kept words in time order.

Times are in seconds from the start of the recording. With ``--lang auto`` the
language is detected first on the first minute of the chunks (French or English; another language
only when Whisper is sure of it), then the audio is transcribed with an ``initial_prompt`` written with
fillers ("Euh, alors, bon… hum" / "Um, so, uh… hmm") so that Whisper keeps the
hesitations it usually drops. A recording without an audio track, or without any
voiced sound, gives an empty transcript and a warning (no model is loaded).

    python scripts/transcribe.py --outdir outputs/sample1 --lang auto --asr-model small --asr-batch-size 8
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_ai_lab.media.audio import load_audio
from interview_ai_lab.report.notices import notice, notice_message
from interview_ai_lab.runtime.atomic import read_json
from interview_ai_lab.runtime.errors import InputError, StageError, missing_dependency
from interview_ai_lab.runtime.model_resolver import ResolvedModel, resolve_asr
from interview_ai_lab.runtime.stage import Context, Payload, Stage
from interview_ai_lab.text.asr_guards import dropped_items, guard_segment, join_words
from interview_ai_lab.text.lexicon import filler_prompt, normalize

logger = logging.getLogger(__name__)

#: The artefact read: the extracted audio's facts and the name of its WAV.
AUDIO = "audio.json"
SAMPLE_RATE = 16000
#: Languages the analysis is made for; another one is kept only above this detection probability.
SUPPORTED_LANGUAGES = ("fr", "en")
OTHER_LANGUAGE_MIN_PROBABILITY = 0.8
#: Sound decoded on each side of an uncovered voiced stretch (never into a recognised word), seconds.
RECOVER_CONTEXT_SEC = 1.0
#: Frames of the voicing analysis, seconds.
HOP_SEC = 0.010
#: A word is kept when a voiced frame lies within this distance of it (Whisper's word times are approximate), s.
VOICE_MARGIN_SEC = 0.15
#: Longest chunk given to Whisper (its window is 30 s), seconds.
MAX_CHUNK_SEC = 28.0
#: Voiced audio the language is detected on (two Whisper windows), seconds.
LANGUAGE_SAMPLE_SEC = 60.0
#: A recovered segment is dropped as no speech below this mean token log-probability (stricter than the first pass).
RECOVER_MIN_LOGPROB = -1.0
#: Fewest chunks a CPU decoding worker takes at once (see :func:`decode_layout`).
MIN_WORKER_BATCH = 2


@dataclass(frozen=True)
class DecodeLayout:
    """How the batched decoding uses the CPU threads.

    Attributes:
        workers: CTranslate2 workers (``num_workers``), each decoding its own batch of chunks at the same time.
        cpu_threads: Threads of each worker (CTranslate2 ``cpu_threads``).
        batch_size: Chunks in each worker's batch.
    """

    workers: int
    cpu_threads: int
    batch_size: int


def decode_layout(*, threads: int, batch_size: int, device: str) -> DecodeLayout:
    """Split ``threads`` and ``batch_size`` (chunks decoded at once in all) between decoding workers.

    On the CPU, several single-threaded workers, each on its own batch of at least :data:`MIN_WORKER_BATCH`
    chunks, do the same work as one worker with that many threads in less CPU time (no thread waits for the
    others at every layer: on 2 cores, 10 min of speech, batch 4 in all, 32-34 instead of 36 CPU-s, 17 instead
    of 21 s) and the same memory; each chunk's result is the same whichever worker decodes it. One worker
    on a GPU and for the sequential decoding (``batch_size`` 1).
    """
    threads, batch_size = max(1, int(threads)), max(1, int(batch_size))
    if device != "cpu" or batch_size == 1:
        return DecodeLayout(workers=1, cpu_threads=threads, batch_size=batch_size)
    workers = max(1, min(threads, batch_size // MIN_WORKER_BATCH))
    return DecodeLayout(workers=workers, cpu_threads=max(1, threads // workers),
                        batch_size=worker_batch_size(batch_size=batch_size, workers=workers))


def worker_batch_size(*, batch_size: int, workers: int) -> int:
    """Chunks in each worker's batch when ``batch_size`` chunks are decoded at once by ``workers`` workers."""
    return max(1, batch_size // max(1, workers))


@dataclass
class Options:
    """Options of the transcription.

    Attributes:
        asr_model: faster-whisper size name (tiny, base, small, medium, large-v3…) or a
            CTranslate2 model folder; None resolves the default ($IAL_ASR_MODEL, else
            'small', offline the packaged multilingual 'base').
        lang: Spoken language: 'auto' detects French or English, 'fr' or 'en' forces it.
        beam_size: Beam search width (1 is greedy and faster, 5 is more accurate).
        vad_filter: Decode only the chunks that hold sound (the project's chunking of the levelled
            signal); off, the whole recording is decoded in 28-s chunks.
        word_timestamps: Time every word (needed by the speech metrics).
        filler_prompt: Start decoding from a prompt written with fillers (euh, um…) so
            that Whisper keeps the hesitations in its text.
        compute_type: CTranslate2 compute type on CPU (int8 is the fastest); on a CUDA GPU
            float16 is used.
        asr_batch_size: Chunks decoded at once by faster-whisper's ``BatchedInferencePipeline``
            (about twice as fast as one by one on 2 CPU cores at 4-8; 4 takes the same CPU time as 8 with
            about 340 MB less memory: the encoder's attention of 8 windows at once is ~580 MB; on the CPU shared
            between single-threaded workers, at least 2 chunks each, see :func:`decode_layout`); 1 decodes
            them one after the other with ``WhisperModel.transcribe`` and its temperature fallback.
        recover: Decode again the voiced stretches that got no word (through the same guards).
        recover_min_sec: Shortest voiced stretch without words decoded again, seconds.
    """

    asr_model: str | None = None
    lang: str = "auto"
    beam_size: int = 5
    vad_filter: bool = True
    word_timestamps: bool = True
    filler_prompt: bool = True
    compute_type: str = "int8"
    asr_batch_size: int = 4
    recover: bool = True
    recover_min_sec: float = 1.0


def _resolve_device(ctx: Context, opts: Options, warnings: list[str]) -> tuple[str, str]:
    """``(device, compute_type)`` from :func:`interview_ai_lab.runtime.device.choose_device`: CUDA float16 or CPU int8."""
    from interview_ai_lab.runtime.device import choose_device

    choice = choose_device(ctx.device)
    warnings.extend(notice("gpu_provider_missing", technical=w) for w in choice.warnings)
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
        "dropped": [],
        "chunks": [],
        "batch_size": None,
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
        return detected, probability, notice_message("speech_language_unsupported", language=detected,
                                                     probability=probability)
    probs = dict(all_probs)
    best = max(SUPPORTED_LANGUAGES, key=lambda lang: probs.get(lang, 0.0))
    return best, float(probs.get(best, 0.0)), None


def check(opts: Options) -> None:
    """Raise :class:`InputError` for an unknown language or a batch size under 1."""
    if opts.lang not in ("auto", "fr", "en"):
        raise InputError(f"--lang {opts.lang}: choose auto, fr or en")
    if opts.asr_batch_size < 1:
        raise InputError(f"--asr-batch-size {opts.asr_batch_size}: give 1 (one chunk at a time) or more")


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
            warnings.append(notice("asr_model_fallback",
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
        warnings.append(notice("transcript_no_audio"))
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


STAGE = Stage(name="transcribe", version="6", inputs=(AUDIO,), output="transcript.json", options=Options, run=run,
              check=check, prepare=prepare, input_files=lambda ctx, opts, prep: [prep.wav] if prep.wav else [],
              fingerprint=lambda ctx, opts, prep: {"model": str(prep.model.path) if prep.model else None,
                                                   "device": ctx.device},
              weight=45, own_process=True,
              preload=("faster_whisper", "librosa", "scipy.signal", "interview_ai_lab.speech.voicing",
                       "interview_ai_lab.speech.chunking", "interview_ai_lab.speech.coverage"))


def transcribe_array(audio: Any, *, ctx: Context, opts: Options, model_ref: ResolvedModel, device: str,
                     compute_type: str, warnings: list[str]) -> dict[str, Any]:
    """Transcribe 16 kHz float32 ``audio`` with the resolved model; return the transcript payload."""
    try:
        from faster_whisper import WhisperModel
    except ImportError as e:
        raise missing_dependency("faster_whisper", pip_name="faster-whisper", purpose="the transcription") from e
    import numpy as np

    from interview_ai_lab.speech.chunking import plan_chunks
    from interview_ai_lab.speech.voicing import analyse_voicing

    duration = len(audio) / SAMPLE_RATE
    if len(audio) == 0:
        warnings.append(notice("audio_track_empty"))
        return _empty(duration, model_ref, device, compute_type, warnings)
    voicing = analyse_voicing(y=audio, sr=SAMPLE_RATE, hop_sec=HOP_SEC)
    if opts.vad_filter and not voicing.voice.any():
        warnings.append(notice("no_speech_found"))
        logger.warning(warnings[-1]["message"])
        return _empty(duration, model_ref, device, compute_type, warnings)
    mask = voicing.voice if opts.vad_filter else np.ones_like(voicing.voice)
    chunks = plan_chunks(sound=mask, hop_sec=HOP_SEC, duration_sec=duration, energy_db=voicing.energy_db,
                         max_sec=MAX_CHUNK_SEC)
    logger.info("%d chunk(s), %.1f s of %.1f s decoded, batch size %d", len(chunks), sum(b - a for a, b in chunks),
                duration, opts.asr_batch_size)

    layout = decode_layout(threads=ctx.threads, batch_size=opts.asr_batch_size, device=device)
    logger.info("Loading faster-whisper '%s' (%s, %s, %s, %d worker(s) of %d thread(s))", model_ref.name,
                model_ref.path, device, compute_type, layout.workers, layout.cpu_threads)
    try:
        model = WhisperModel(str(model_ref.path), device=device, compute_type=compute_type,
                             cpu_threads=layout.cpu_threads, num_workers=layout.workers)
    except Exception as e:
        raise StageError(f"faster-whisper could not load the model at {model_ref.path}: {e}") from e
    if model_ref.multilingual and not getattr(model.model, "is_multilingual", True):
        model_ref = dataclasses.replace(model_ref, multilingual=False)  # e.g. a tiny.en folder under another name
    voice_near = lambda a, b: voicing.voice_near(a, b, margin_sec=VOICE_MARGIN_SEC)
    try:
        sample = np.concatenate([audio[int(a * SAMPLE_RATE): int(b * SAMPLE_RATE)] for a, b in chunks])
        language, probability = _language(model, sample[: int(LANGUAGE_SAMPLE_SEC * SAMPLE_RATE)], opts, model_ref,
                                          warnings)
        prompt = filler_prompt(language) if opts.filler_prompt else None
        decoded = decode_chunks(model, audio, chunks, language=language, prompt=prompt, opts=opts,
                                on_segment=lambda end: ctx.hook(STAGE.name, min(end, duration), duration))
        kept, dropped = guard_segments(decoded, voice_near=voice_near if opts.word_timestamps else None, prompt=prompt)
        recovery = {"stretches": [], "seconds": 0.0, "decoded_sec": 0.0}
        if opts.recover and opts.word_timestamps:
            recovery, rec_kept, rec_dropped = recover_uncovered(model, audio, kept, voice=voicing.voice,
                                                                language=language, prompt=prompt, opts=opts,
                                                                voice_near=voice_near)
            dropped = [d for d in dropped if not reheard(d[0], rec_kept)] + rec_dropped
            kept += rec_kept
        if opts.word_timestamps:
            kept, shaped = drop_filler_sounds(kept, audio=audio, voicing=voicing, language=language)
            dropped += shaped
        ctx.hook(STAGE.name, duration, duration)
    except Exception as e:
        raise StageError(f"faster-whisper failed while transcribing: {e}") from e
    finally:
        del model
        gc.collect()
    segments = one_timeline(kept)
    dropped.sort(key=lambda d: float(d[0]["start"]))
    dropped_list = dropped_items(dropped)
    for d in dropped_list:
        logger.info("dropped %.2f-%.2f s (%s): %r", d["start"], d["end"], d["reason"], d["text"])
    text = join_words([w for s in segments for w in s["words"]]) if opts.word_timestamps else \
        " ".join(s["text"] for s in segments if s["text"]).strip()
    if not text:
        warnings.append(notice("no_words_recognised"))
    return {
        "text": text,
        "language": language,
        "language_probability": round(float(probability), 4) if probability is not None else None,
        "duration_sec": round(duration, 3),
        "segments": segments,
        "dropped": dropped_list,
        "chunks": [{"start": a, "end": b} for a, b in chunks],
        "batch_size": opts.asr_batch_size,
        "model": model_ref.as_dict(),
        "device": device,
        "compute_type": compute_type,
        "recovery": recovery,
        "warnings": warnings,
    }


def _language(model: Any, audio: Any, opts: Options, model_ref: ResolvedModel,
              warnings: list[str]) -> tuple[str, float | None]:
    """The language to decode in and its probability (None when forced); ``audio`` is the voiced sample."""
    if not model_ref.multilingual:
        if opts.lang == "fr":
            warnings.append(notice("asr_english_only_french_asked",
                                   technical=f"model '{model_ref.name}' is English-only; use a multilingual model "
                                             "(e.g. --asr-model small)"))
            logger.warning(warnings[-1]["message"])
        elif opts.lang == "auto":
            warnings.append(notice("asr_english_only",
                                   technical=f"model '{model_ref.name}' is English-only"))
            logger.warning(warnings[-1]["message"])
        return "en", None
    if opts.lang in SUPPORTED_LANGUAGES:
        return opts.lang, None
    detected, prob, all_probs = model.detect_language(audio=audio, vad_filter=False, language_detection_segments=2)
    language, prob, warning = choose_language(detected, float(prob), list(all_probs))
    if warning:
        warnings.append(notice("speech_language_unsupported", language=language, probability=round(float(prob), 2)))
        logger.warning(warning)
    logger.info("Language: %s (p=%.2f)", language, prob)
    return language, prob


def reheard(word: dict[str, Any], segments: list[dict[str, Any]], *, slack_sec: float = 0.3) -> bool:
    """True when ``word`` (dropped in the first pass) was heard again and kept by the re-decoding.

    That is: a kept word of ``segments`` with the same spelling (:func:`~interview_ai_lab.text.lexicon.normalize`)
    overlaps it in time, give or take ``slack_sec`` seconds.
    """
    key = normalize(str(word["word"]))
    start, end = float(word["start"]) - slack_sec, float(word["end"]) + slack_sec
    return bool(key) and any(normalize(str(w["word"])) == key and float(w["start"]) < end and float(w["end"]) > start
                             for s in segments for w in s["words"])


def disjoint_chunks(chunks: list[tuple[float, float]], *, max_sec: float = MAX_CHUNK_SEC,
                    min_sec: float = 0.1) -> list[tuple[float, float]]:
    """``chunks`` (seconds) sorted and made disjoint, as faster-whisper's ``clip_timestamps`` require.

    Two overlapping windows (re-decoding windows widened by their context) become one when the union
    stays within ``max_sec`` (one Whisper window); otherwise the later one starts where the earlier ends.
    Windows shorter than ``min_sec`` are left out.

    >>> disjoint_chunks([(5.0, 9.0), (0.0, 6.0), (20.0, 21.0)])
    [(0.0, 9.0), (20.0, 21.0)]
    >>> disjoint_chunks([(0.0, 20.0), (18.0, 35.0)], max_sec=30.0)
    [(0.0, 20.0), (20.0, 35.0)]
    """
    out: list[tuple[float, float]] = []
    for start, end in sorted(chunks):
        if out and start < out[-1][1]:
            prev_start, prev_end = out[-1]
            if max(end, prev_end) - prev_start <= max_sec:
                out[-1] = (prev_start, max(end, prev_end))
                continue
            start = prev_end
        if end - start >= min_sec:
            out.append((start, end))
    return out


def decode_chunks(model: Any, audio: Any, chunks: list[tuple[float, float]], *, language: str, prompt: str | None,
                  opts: Options, on_segment: Any = None, offset: float = 0.0) -> list[dict[str, Any]]:
    """Decode ``chunks`` (``(start, end)`` seconds of ``audio``) with faster-whisper; the raw segments in chunk order.

    ``opts.asr_batch_size`` above 1: ``BatchedInferencePipeline.transcribe(clip_timestamps=…)`` on batches of
    consecutive chunks, that many chunks at once in all, shared between the model's workers (a model loaded
    with ``num_workers`` of N decodes N batches at the same time, see :func:`decode_layout`); 1:
    ``WhisperModel.transcribe(clip_timestamps=…)``, one window after the other. Each segment is
    ``{"start", "end", "text", "words", "no_speech_prob", "avg_logprob", "chunk_end"}`` (absolute seconds, plus
    ``offset``); ``on_segment(end)`` is called as segments come, with the furthest end decoded so far.
    """
    total = len(audio) / SAMPLE_RATE
    chunks = disjoint_chunks([(max(0.0, a), min(b, total)) for a, b in chunks])
    if not chunks:
        return []
    common = dict(language=language, beam_size=max(1, opts.beam_size), word_timestamps=opts.word_timestamps,
                  initial_prompt=prompt, condition_on_previous_text=False, vad_filter=False)
    from interview_ai_lab.speech.chunking import chunk_end_of

    lock = threading.Lock()
    furthest = [0.0]

    def segments_of(seg_iter: Any) -> list[dict[str, Any]]:
        out = []
        for seg in seg_iter:
            start, end = float(seg.start), float(seg.end)
            chunk_end = chunk_end_of(start, chunks)
            words = [{"word": w.word.strip(), "start": round(offset + float(w.start), 3),
                      "end": round(offset + min(float(w.end), chunk_end), 3),
                      "probability": round(float(w.probability), 4)} for w in (seg.words or [])]
            for w in words:
                w["start"] = min(w["start"], w["end"])
            out.append({"start": round(offset + start, 3), "end": round(offset + end, 3), "text": seg.text.strip(),
                        "words": words, "no_speech_prob": float(seg.no_speech_prob),
                        "avg_logprob": float(seg.avg_logprob), "chunk_end": offset + chunk_end})
            if on_segment is not None:
                with lock:
                    furthest[0] = max(furthest[0], offset + end)
                    on_segment(furthest[0])
        return out

    if opts.asr_batch_size <= 1:
        return segments_of(model.transcribe(audio, clip_timestamps=[t for c in chunks for t in c], **common)[0])
    from faster_whisper import BatchedInferencePipeline

    workers = max(1, int(getattr(model.model, "num_workers", 1) or 1))
    batch = worker_batch_size(batch_size=opts.asr_batch_size, workers=workers)
    batches = [chunks[i:i + batch] for i in range(0, len(chunks), batch)]
    decoded: list[list[dict[str, Any]]] = [[] for _ in batches]
    taken = iter(range(len(batches)))

    def work() -> None:
        """Decode the next batch not taken yet until none is left (the faster worker takes more)."""
        pipeline = BatchedInferencePipeline(model)
        while True:
            with lock:
                i = next(taken, None)
            if i is None:
                return
            seg_iter, _ = pipeline.transcribe(audio, clip_timestamps=[{"start": a, "end": b} for a, b in batches[i]],
                                              batch_size=batch, **common)
            decoded[i] = segments_of(seg_iter)

    if workers == 1 or len(batches) == 1:
        work()
    else:
        with ThreadPoolExecutor(max_workers=min(workers, len(batches)), thread_name_prefix="asr") as pool:
            for future in [pool.submit(work) for _ in range(min(workers, len(batches)))]:
                future.result()
    return [seg for part in decoded for seg in part]


def guard_segments(decoded: list[dict[str, Any]], *, voice_near: Any, prompt: str | None,
                   **rules: float) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], str]]]:
    """Pass each decoded segment through :func:`~interview_ai_lab.text.asr_guards.guard_segment`.

    Returns ``(segments, dropped)``: the segments with their kept words only (a segment without a kept word
    is left out) and ``(word, reason)`` of every dropped word (a segment decoded without word
    timestamps is kept or dropped whole, as one pseudo-word spanning it).
    """
    kept, dropped = [], []
    for seg in decoded:
        words = seg["words"] or [{"word": seg["text"], "start": seg["start"], "end": seg["end"], "probability": None}]
        g = guard_segment(words, text=seg["text"], no_speech_prob=seg.get("no_speech_prob"),
                          avg_logprob=seg.get("avg_logprob"), voice_near=voice_near, prompt=prompt,
                          chunk_end=seg.get("chunk_end"), **rules)
        dropped += g.dropped
        if not g.kept:
            continue
        if seg["words"]:
            kept.append({"start": g.kept[0]["start"], "end": g.kept[-1]["end"], "text": join_words(g.kept),
                         "words": g.kept})
        else:
            kept.append({"start": seg["start"], "end": seg["end"], "text": seg["text"], "words": []})
    return kept, dropped


def recover_uncovered(model: Any, audio: Any, segments: list[dict[str, Any]], *, voice: Any, language: str | None,
                      prompt: str | None, opts: Options, voice_near: Any = None
                      ) -> tuple[dict[str, Any], list[dict[str, Any]], list[tuple[dict[str, Any], str]]]:
    """Decode again the voiced stretches no kept word covers; their words pass the same guards.

    ``voice`` is the per-frame voice mask (:data:`HOP_SEC` frames). Every uncovered voiced stretch of at
    least ``opts.recover_min_sec`` is decoded with up to :data:`RECOVER_CONTEXT_SEC` of sound on each side
    (never into a kept word), in one batch when ``opts.asr_batch_size`` > 1. A recovered segment is
    dropped as no speech when its mean token log-probability is below :data:`RECOVER_MIN_LOGPROB`; a
    recovered word that overlaps a kept word is a copy of it and is left out.

    Returns ``(recovery, segments, dropped)``: ``{"stretches": [{"start", "end", "words"}], "seconds",
    "decoded_sec"}`` (the voiced seconds without words, and the seconds decoded again), the recovered
    segments (words marked ``"recovered": true``) and the ``(word, reason)`` pairs dropped.
    """
    from interview_ai_lab.speech.coverage import span_mask, uncovered_stretches

    spans = sorted((w["start"], w["end"]) for s in segments for w in s["words"])
    covered = span_mask(spans=spans, n=len(voice), hop_sec=HOP_SEC, margin_sec=0.25)
    stretches = uncovered_stretches(voiced=voice, covered=covered, hop_sec=HOP_SEC, min_sec=opts.recover_min_sec)
    total = len(audio) / SAMPLE_RATE
    windows = []
    for a, b in stretches:
        # Up to `context` seconds of sound on each side (Whisper hears a word's start better), never into a word.
        lo = max([0.0, a - RECOVER_CONTEXT_SEC] + [e for _, e in spans if e <= a + 1e-3])
        hi = min([total, b + RECOVER_CONTEXT_SEC] + [st for st, _ in spans if st >= b - 1e-3])
        windows.append((round(lo, 3), round(min(hi, lo + MAX_CHUNK_SEC), 3)))
    decoded = decode_chunks(model, audio, windows, language=language or "en", prompt=prompt, opts=opts)
    rec, dropped = guard_segments(decoded, voice_near=voice_near, prompt=prompt, no_speech_prob_max=-1.0,
                                  low_logprob=RECOVER_MIN_LOGPROB)
    out = []
    for seg in rec:
        words = [w for w in seg["words"] if not any(w["start"] < e - 0.05 and w["end"] > st + 0.05 for st, e in spans)]
        if not words:
            continue
        for w in words:
            w["recovered"] = True
        out.append({"start": words[0]["start"], "end": words[-1]["end"], "text": join_words(words), "words": words,
                    "recovered": True})
    report = []
    for a, b in stretches:
        n = sum(1 for s in out for w in s["words"] if a - RECOVER_CONTEXT_SEC <= w["start"] <= b + RECOVER_CONTEXT_SEC)
        report.append({"start": a, "end": b, "words": n})
        logger.info("voiced stretch %.2f-%.2f s had no words: decoded again, %d word(s) kept", a, b, n)
    recovery = {"stretches": report, "seconds": round(sum(b - a for a, b in stretches), 3),
                "decoded_sec": round(sum(b - a for a, b in windows), 3)}
    return recovery, out, dropped


def drop_filler_sounds(segments: list[dict[str, Any]], *, audio: Any, voicing: Any, language: str | None,
                       max_island_sec: float = 1.2, max_letters: int = 6
                       ) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], str]]]:
    """Drop the short words Whisper wrote over a lone hesitation sound (reason ``filler_sound``).

    A word (not itself a filler, at most ``max_letters`` letters) that is the only word of its sound island
    (see :func:`interview_ai_lab.speech.voicing.islands`), an island of 0.2 s to ``max_island_sec`` that is
    one steady voiced sound (:func:`interview_ai_lab.speech.voicing.steady_vowel`), is a hesitation heard
    as a word ("um" → "Done."): the word is dropped and the speech measures count the sound as a filler.
    Returns ``(segments, dropped)``.
    """
    from interview_ai_lab.speech.voicing import islands, steady_vowel
    from interview_ai_lab.text.lexicon import is_filler, normalize

    words = [w for s in segments for w in s["words"]]
    bad: set[int] = set()
    for a, b in islands(sound=voicing.sound, hop_sec=voicing.hop_sec):
        start, end = a * voicing.hop_sec, b * voicing.hop_sec
        if not 0.2 <= end - start <= max_island_sec:
            continue
        inside = [w for w in words if w["start"] < end and w["end"] > start]
        if len(inside) != 1:
            continue
        w = inside[0]
        if is_filler(w["word"], language) or len(normalize(w["word"])) > max_letters:
            continue
        if any(o is not w and o["start"] < end + 0.15 and o["end"] > start - 0.15 for o in words):
            continue  # another word touches the island: running speech, not a lone sound
        if steady_vowel(y=audio, sr=SAMPLE_RATE, start_sec=start, end_sec=end, hop_sec=voicing.hop_sec):
            bad.add(id(w))
    if not bad:
        return segments, []
    dropped = [(w, "filler_sound") for w in words if id(w) in bad]
    out = []
    for s in segments:
        kept = [w for w in s["words"] if id(w) not in bad]
        if kept:
            out.append(dict(s, words=kept, start=kept[0]["start"], end=kept[-1]["end"], text=join_words(kept)))
    return out, dropped


def one_timeline(segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """First-pass and recovered segments as one timeline: words in time order, segments that never overlap.

    A recovered segment whose words lie inside a first-pass segment's span joins it; segments whose spans
    overlap are merged; each segment's text is rebuilt from its words; ids are 1, 2, … in time order.
    """
    first = sorted((s for s in segments if not s.get("recovered")), key=lambda s: s["start"])
    merged = [dict(s, words=list(s["words"])) for s in first]
    for s in sorted((s for s in segments if s.get("recovered")), key=lambda s: s["start"]):
        host = next((m for m in merged if m["start"] - 1e-3 <= s["start"] and s["end"] <= m["end"] + 1e-3), None)
        if host is not None:
            host["words"] += s["words"]
        else:
            merged.append(dict(s, words=list(s["words"])))
    merged.sort(key=lambda s: (s["start"], s["end"]))
    out: list[dict[str, Any]] = []
    for s in merged:
        if out and s["start"] < out[-1]["end"]:
            prev = out[-1]
            prev["words"] += s["words"]
            prev["end"] = max(prev["end"], s["end"])
            if not s.get("recovered"):
                prev.pop("recovered", None)
        else:
            out.append(s)
    for i, s in enumerate(out, 1):
        s["id"] = i
        if s["words"]:
            s["words"].sort(key=lambda w: (w["start"], w["end"]))
            s["start"], s["end"] = s["words"][0]["start"], max(w["end"] for w in s["words"])
            s["text"] = join_words(s["words"])
    return [{"id": s["id"], "start": s["start"], "end": s["end"], "text": s["text"], "words": s["words"],
             **({"recovered": True} if s.get("recovered") else {})} for s in out]
