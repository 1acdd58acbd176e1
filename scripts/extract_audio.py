"""Stage 1 — extract the audio track: FFmpeg → 16 kHz mono 16-bit PCM WAV.

Writes ``audio.json`` (the media facts probed from the video, and the name of the
WAV) and ``audio.wav`` beside it, both atomically. A video without an audio track
is not an error: ``audio_path`` is null and a warning says so.

    python scripts/extract_audio.py --video data/sample.mp4 --outdir outputs/sample1
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "scripts"

from scripts.core.atomic import atomic_path, read_json
from scripts.core.errors import InputError
from scripts.core.media import find_ffmpeg, probe, run_ffmpeg, wav_duration
from scripts.core.notices import notice
from scripts.core.stage import Context, cli_main, is_fresh, make_meta, skip_message, write_artifact

logger = logging.getLogger(__name__)

STAGE = "extract_audio"
VERSION = "1"
ARTIFACT = "audio.json"
WAV_NAME = "audio.wav"


@dataclass
class Options:
    """Options of the audio extraction.

    Attributes:
        sample_rate: Output sampling rate in Hz (Whisper and the metrics expect 16000).
        min_decoded_share: When FFmpeg reports decoding errors and less than this share
            of the declared duration decodes, the file is rejected as truncated/corrupt.
    """

    sample_rate: int = 16000
    min_decoded_share: float = 0.9


def run(ctx: Context, opts: Options) -> Path:
    """Probe ``ctx.video`` and extract its audio; return the path of ``audio.json``.

    Raises:
        InputError: The video is missing, empty, not a video, or corrupt.
        StageError: FFmpeg failed on a readable file.
    """
    out = ctx.path(ARTIFACT)
    wav = ctx.path(WAV_NAME)
    meta = make_meta(STAGE, VERSION, opts, [ctx.video])
    if is_fresh(out, meta, force=ctx.force) and (read_json(out).get("audio_path") is None or wav.exists()):
        skip_message(STAGE)
        return out
    t0 = time.perf_counter()
    info = probe(ctx.video)
    warnings: list[str] = []
    audio_path: str | None = None
    if info.has_audio:
        with atomic_path(wav) as tmp:
            errors = run_ffmpeg(["-i", str(ctx.video), "-vn", "-map", "0:a:0", "-ac", "1", "-ar", str(opts.sample_rate),
                                 "-c:a", "pcm_s16le", "-f", "wav", str(tmp)], what=f"extract the audio of {ctx.video.name}")
            decoded = wav_duration(tmp)
            if errors.strip() and decoded < opts.min_decoded_share * info.duration_sec:
                raise InputError(f"{ctx.video.name} is truncated or corrupt: only {decoded:.1f} s of its "
                                 f"{info.duration_sec:.1f} s could be decoded")
        audio_path = WAV_NAME
    else:
        warnings.append(notice("no_audio_track", "The video has no audio track: speech and text were not analysed."))
        logger.warning(warnings[-1]["message"])
        if wav.exists():
            wav.unlink()
    payload = {
        "media": info.as_dict(),
        "video": str(ctx.video),
        "audio_path": audio_path,
        "sample_rate": opts.sample_rate,
        "ffmpeg": find_ffmpeg().source,
        "warnings": warnings,
    }
    return write_artifact(out, payload, meta, seconds=time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python scripts/extract_audio.py --video V --outdir D``."""
    return cli_main(__doc__.splitlines()[0], Options, run, argv, video_required=True)


if __name__ == "__main__":
    sys.exit(main())
