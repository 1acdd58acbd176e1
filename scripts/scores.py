#!/usr/bin/env python3
"""Stage 8 — scores: verbal /40, paraverbal /20, non-verbal /40, interview score /100.

Runs the stage alone: ``python scripts/scores.py --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.scores`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("scores"))
