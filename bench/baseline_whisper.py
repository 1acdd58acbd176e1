"""Bare faster-whisper, the benchmark's baselines: load the model, transcribe a WAV, consume every segment.

The same settings as the pipeline's transcription (int8 on CPU, Silero VAD, word
timestamps, faster-whisper's default beam of 5); the model load is part of the
measured time. ``--batch-size 1`` (the default) is the sequential ``WhisperModel.transcribe``
(the project's baseline before batching); ``--batch-size N`` is faster-whisper's own
``BatchedInferencePipeline`` with its default VAD chunking, N chunks at once. Prints one JSON
line: the load and transcription times (seconds), the language, the number of segments and words.

    python bench/baseline_whisper.py --model models/base --audio audio.wav --threads 2
    python bench/baseline_whisper.py --model models/base --audio audio.wav --threads 2 --batch-size 8
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    """Command line; returns the exit code."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", required=True, help="CTranslate2 Whisper model folder (or size name)")
    p.add_argument("--audio", required=True, help="audio file (16 kHz mono WAV)")
    p.add_argument("--threads", type=int, default=2, help="cpu_threads of CTranslate2 (default: %(default)s)")
    p.add_argument("--batch-size", type=int, default=1,
                   help="1: sequential WhisperModel.transcribe; N: BatchedInferencePipeline, N chunks at once "
                        "(default: %(default)s)")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    from faster_whisper import WhisperModel

    model = WhisperModel(args.model, device="cpu", compute_type="int8", cpu_threads=max(1, args.threads))
    t_load = time.perf_counter()
    if args.batch_size > 1:
        from faster_whisper import BatchedInferencePipeline

        segments, info = BatchedInferencePipeline(model).transcribe(args.audio, vad_filter=True, word_timestamps=True,
                                                                    batch_size=args.batch_size)
    else:
        segments, info = model.transcribe(args.audio, vad_filter=True, word_timestamps=True)
    n_segments = n_words = 0
    for seg in segments:
        n_segments += 1
        n_words += len(seg.words or [])
    t_end = time.perf_counter()
    print(json.dumps({"load_s": round(t_load - t0, 3), "transcribe_s": round(t_end - t_load, 3),
                      "language": info.language, "duration_s": round(float(info.duration), 3),
                      "segments": n_segments, "words": n_words, "batch_size": args.batch_size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
