"""Shared pytest configuration. Fixtures live in ``tests/fixtures_*.py`` modules (plugins)."""

from __future__ import annotations

import os

# Tests never try the Hugging Face Hub: models resolve from disk or packaged fallbacks.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("IAL_OFFLINE", "1")
os.environ.setdefault("KMP_DUPLICATE_LIB_OK", "TRUE")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

pytest_plugins = [
    "tests.fixtures_audio",
    "tests.fixtures_video",
]
