#!/usr/bin/env python3
"""Django's command-line utility for the interview-ai-lab web app: ``python web/manage.py <command>``."""

import os
import sys
from pathlib import Path


def main() -> None:
    """Run an administrative task (migrate, createsuperuser, runserver…)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
