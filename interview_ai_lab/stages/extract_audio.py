"""Stage 1 — extract the audio track: FFmpeg → 16 kHz mono 16-bit PCM WAV.

Writes ``audio.json`` (the media facts probed from the video, the name of the WAV and
the loudness levelling applied) and ``audio.wav`` beside it, both atomically.

The speech is then levelled (see :mod:`interview_ai_lab.speech.levelling`: short-term BS.1770
loudness brought to -23 LUFS, steady noise never lifted) into ``audio_levelled.wav``
(32-bit float, not clipped): VAD, ASR and pause detection listen to that one, so a
take recorded 40 dB quieter is not lost. ``audio.json`` ``levelling`` records the gain
(median, min, max, dB). ``--levelling dynaudnorm`` uses FFmpeg's Dynamic Audio
Normalizer instead, ``off`` keeps the signal as recorded. A video without an audio track
is not an error: ``audio_path`` is null and a warning says so.

    python scripts/extract_audio.py --video data/sample.mp4 --outdir outputs/sample1
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_ai_lab.media.ffmpeg import find_ffmpeg, probe, run_ffmpeg, wav_duration
from interview_ai_lab.report.notices import notice
from interview_ai_lab.runtime.atomic import atomic_path
from interview_ai_lab.runtime.errors import InputError
from interview_ai_lab.runtime.stage import Context, Payload, Stage

logger = logging.getLogger(__name__)

WAV_NAME = "audio.wav"
LEVELLED_NAME = "audio_levelled.wav"
LEVELLING_METHODS = ("bs1770", "dynaudnorm", "off")
#: FFmpeg Dynamic Audio Normalizer settings of ``--levelling dynaudnorm`` (250-ms frames, 3.75-s smoothing, ≤ 40 dB).
DYNAUDNORM = "dynaudnorm=f=250:g=15:p=0.5:m=100:s=0"


@dataclass
class Options:
    """Options of the audio extraction.

    Attributes:
        sample_rate: Output sampling rate in Hz (Whisper and the metrics expect 16000).
        min_decoded_share: When FFmpeg reports decoding errors and less than this share
            of the declared duration decodes, the file is rejected as truncated/corrupt.
        levelling: Loudness levelling before VAD/ASR: 'bs1770' (short-term BS.1770 loudness
            with pyloudnorm, noise kept in its place), 'dynaudnorm' (FFmpeg) or 'off'.
        target_lufs: Loudness the speech is brought to, LUFS.
    """

    sample_rate: int = 16000
    min_decoded_share: float = 0.9
    levelling: str = "bs1770"
    target_lufs: float = -23.0


def check(opts: Options) -> None:
    """Raise :class:`InputError` for an unknown levelling method."""
    if opts.levelling not in LEVELLING_METHODS:
        raise InputError(f"--levelling {opts.levelling}: choose {', '.join(LEVELLING_METHODS)}")


def outputs_exist(ctx: Context, opts: Options, info: Mapping[str, Any]) -> bool:
    """True when the WAVs a previous run named (in ``audio.json``) are still there."""
    return all(ctx.path(info[k]).exists() for k in ("audio_path", "levelled_path") if info.get(k))


def run(ctx: Context, opts: Options) -> Payload:
    """Probe ``ctx.video`` and extract its audio (the WAVs, atomically); the payload of ``audio.json``.

    Raises:
        InputError: The video is missing, empty, not a video, or corrupt.
        StageError: FFmpeg failed on a readable file.
    """
    wav = ctx.path(WAV_NAME)
    info = probe(ctx.video)
    warnings: list[str] = []
    audio_path: str | None = None
    levelled_path: str | None = None
    levelling: dict | None = None
    if info.has_audio:
        with atomic_path(wav) as tmp:
            errors = run_ffmpeg(["-i", str(ctx.video), "-vn", "-map", "0:a:0", "-ac", "1", "-ar", str(opts.sample_rate),
                                 "-c:a", "pcm_s16le", "-f", "wav", str(tmp)], what=f"extract the audio of {ctx.video.name}")
            decoded = wav_duration(tmp)
            if errors.strip() and decoded < opts.min_decoded_share * info.duration_sec:
                raise InputError(f"{ctx.video.name} is truncated or corrupt: only {decoded:.1f} s of its "
                                 f"{info.duration_sec:.1f} s could be decoded")
        audio_path = WAV_NAME
        levelling = level_wav(wav, ctx.path(LEVELLED_NAME), opts)
        levelled_path = LEVELLED_NAME if levelling is not None else None
    else:
        warnings.append(notice("no_audio_track"))
        logger.warning(warnings[-1]["message"])
        if wav.exists():
            wav.unlink()
    return {
        "media": info.as_dict(),
        "video": str(ctx.video),
        "audio_path": audio_path,
        "levelled_path": levelled_path,
        "levelling": levelling,
        "sample_rate": opts.sample_rate,
        "ffmpeg": find_ffmpeg().source,
        "warnings": warnings,
    }


def level_wav(wav: Path, dest: Path, opts: Options) -> dict | None:
    """Write the levelled speech of ``wav`` to ``dest`` (float WAV, atomically); the levelling summary.

    Returns None (and removes ``dest``) with ``opts.levelling == 'off'``. The summary holds
    ``method``, ``target_lufs``, ``loudness_lufs`` (speech before levelling), the gain
    ``gain_db_median``/``gain_db_min``/``gain_db_max`` (dB) and ``speech_share``.
    """
    import numpy as np
    import soundfile as sf

    if opts.levelling == "off":
        if dest.exists():
            dest.unlink()
        return None
    y, sr = sf.read(str(wav), dtype="float32", always_2d=False)
    if opts.levelling == "dynaudnorm":
        with atomic_path(dest) as tmp:
            run_ffmpeg(["-i", str(wav), "-af", DYNAUDNORM, "-c:a", "pcm_f32le", "-f", "wav", str(tmp)],
                       what=f"level the audio of {wav.name}")
            z, _ = sf.read(str(tmp), dtype="float32", always_2d=False)
        n = int(0.4 * sr)
        m = min(len(y), len(z)) // n
        if m == 0:
            return {"method": "dynaudnorm", "target_lufs": None, "loudness_lufs": None, "gain_db_median": 0.0,
                    "gain_db_min": 0.0, "gain_db_max": 0.0, "speech_share": 0.0}
        a = np.mean(y[: m * n].reshape(m, n).astype(np.float64) ** 2, axis=1)
        b = np.mean(z[: m * n].reshape(m, n).astype(np.float64) ** 2, axis=1)
        live = a > 1e-9
        g = 10 * np.log10((b[live] + 1e-12) / (a[live] + 1e-12)) if live.any() else np.zeros(1)
        return {"method": "dynaudnorm", "target_lufs": None, "loudness_lufs": None,
                "gain_db_median": round(float(np.median(g)), 1), "gain_db_min": round(float(np.min(g)), 1),
                "gain_db_max": round(float(np.max(g)), 1), "speech_share": round(float(live.mean()), 3)}
    from interview_ai_lab.speech.levelling import level_speech

    z, lev = level_speech(y=y, sr=sr, target_lufs=opts.target_lufs)
    with atomic_path(dest) as tmp:
        sf.write(str(tmp), z, sr, subtype="FLOAT", format="WAV")
    summary = {"method": "bs1770", **lev.summary()}
    logger.info("levelling: speech at %s LUFS, gain %s dB (median), %s..%s dB", summary["loudness_lufs"],
                summary["gain_db_median"], summary["gain_db_min"], summary["gain_db_max"])
    return summary


STAGE = Stage(name="extract_audio", version="2", output="audio.json", options=Options, run=run, uses_video=True,
              check=check, side_files_ok=outputs_exist, weight=5)

