"""Generators of synthetic test media with exact ground truth (face videos, speech)."""
