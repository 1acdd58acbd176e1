"""Hesitation fillers: now in :mod:`scripts.core.text.lexicon`; these names stay importable from here."""

from scripts.core.text.lexicon import FILLER_PROMPTS, FILLERS, filler_lexicon, filler_prompt, is_filler, normalize

__all__ = ["FILLERS", "FILLER_PROMPTS", "normalize", "is_filler", "filler_lexicon", "filler_prompt"]
