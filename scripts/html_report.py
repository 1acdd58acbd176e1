#!/usr/bin/env python3
"""The offline HTML report: report.json rendered by the web app's components into one self-contained page.

``python scripts/html_report.py --help`` lists every flag; the code is :mod:`interview_ai_lab.report.html`.
"""

import sys

from interview_ai_lab.report.html import main

if __name__ == "__main__":
    sys.exit(main())
