#!/usr/bin/env python3
"""Stage — faces, head pose, iris and emotions from ONE decode of the video → ``faces.json``.

Runs the stage alone: ``python scripts/face_emotions_onnx.py --video V --outdir D`` (``--help`` lists every flag). The
stage is :mod:`interview_ai_lab.stages.face_emotions_onnx`; ``run_all.py`` runs it with the others.
"""

import sys

from interview_ai_lab.stage_cli import stage_main

if __name__ == "__main__":
    sys.exit(stage_main("face_emotions_onnx"))
