#!/usr/bin/env python3
"""A sample interview video made from nothing: a synthetic face that nods and looks away, a spoken answer.

``python scripts/make_sample.py --help`` lists every flag; the code is :mod:`interview_ai_lab.tools.make_sample`.
"""

import sys

from interview_ai_lab.tools.make_sample import main

if __name__ == "__main__":
    sys.exit(main())
