#!/usr/bin/env python3
"""Stage 4 — text analysis of the transcript: sentiment, extractive summary, keywords.

Runs the stage alone: ``python scripts/text_analysis.py --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.text_analysis`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("text_analysis"))
