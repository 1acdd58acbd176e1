#!/usr/bin/env python3
"""Last stage — merge every artefact into ``report.json`` (validated against the schema).

Runs the stage alone: ``python scripts/merge_report.py --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.merge_report`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("merge_report"))
