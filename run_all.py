#!/usr/bin/env python3
"""Analyse a recorded interview video: ``python run_all.py --video data/x.mp4 --outdir outputs/x``.

The same command as ``interview-ai-lab`` and ``python -m interview_ai_lab``
(:mod:`interview_ai_lab.cli`); ``--help`` lists every flag.
"""

import sys

from interview_ai_lab.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="run_all.py"))
