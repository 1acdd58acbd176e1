#!/usr/bin/env python3
"""Stage 9 — face blurring (GDPR): an anonymised copy of the video with every face blurred.

Runs the stage alone: ``python scripts/blur_faces.py --video V --outdir D --blur-faces`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.blur_faces`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("blur_faces"))
