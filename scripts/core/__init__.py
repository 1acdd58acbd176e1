"""Shared helpers for the stages: errors, atomic I/O, stage contract, models, media."""
