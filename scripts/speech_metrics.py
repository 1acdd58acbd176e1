#!/usr/bin/env python3
"""Stage 3 — speech metrics: rate, pauses, fillers, pitch and energy, from the signal and the words.

Runs the stage alone: ``python scripts/speech_metrics.py --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.speech_metrics`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("speech_metrics"))
