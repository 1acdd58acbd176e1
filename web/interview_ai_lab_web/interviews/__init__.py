"""The ``interviews`` app: uploaded interview videos, their analysis jobs and reports."""
