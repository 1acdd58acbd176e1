"""``python -m interview_ai_lab --video x.mp4 --outdir outputs/x``: the analysis' command line (as ``run_all.py``)."""

import sys

from interview_ai_lab.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m interview_ai_lab"))
