#!/usr/bin/env python3
"""Stage — eye contact, look-aways and head nods from ``faces.json`` → ``gaze.json``.

Runs the stage alone: ``python scripts/gaze_nods.py --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.gaze_nods`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("gaze_nods"))
