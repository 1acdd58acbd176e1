#!/usr/bin/env python3
"""Stage 7 — per-question analysis: answer boundaries, metrics, answer scores and rubric coverage per answer.

Runs the stage alone: ``python scripts/questions.py --outdir D --questions Q.json`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.questions`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("questions"))
