#!/usr/bin/env python3
"""The installation self-check: every tool, package and model the analysis needs, and whether it loads.

``python scripts/check.py --help`` lists every flag; the code is :mod:`interview_ai_lab.tools.check`.
"""

import sys

from interview_ai_lab.tools.check import main

if __name__ == "__main__":
    sys.exit(main())
