#!/usr/bin/env python3
"""Django's command-line utility for the interview-ai-lab web app: ``python web/manage.py <command>``."""

import os
import sys


def main() -> None:
    """Run an administrative task (migrate, createsuperuser, runserver…)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_ai_lab_web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
