#!/usr/bin/env python3
"""Stage 1 — extract the audio track: FFmpeg → 16 kHz mono 16-bit PCM WAV.

Runs the stage alone: ``python scripts/extract_audio.py --video V --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.extract_audio`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("extract_audio"))
