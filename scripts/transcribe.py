#!/usr/bin/env python3
"""Stage 2 — transcribe the speech: faster-whisper with Silero VAD, word timestamps, FR/EN detection.

Runs the stage alone: ``python scripts/transcribe.py --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.transcribe`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("transcribe"))
