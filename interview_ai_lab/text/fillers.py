"""Hesitation fillers: now in :mod:`interview_ai_lab.text.lexicon`; these names stay importable from here."""

from interview_ai_lab.text.lexicon import FILLER_PROMPTS, FILLERS, filler_lexicon, filler_prompt, is_filler, normalize

__all__ = ["FILLERS", "FILLER_PROMPTS", "normalize", "is_filler", "filler_lexicon", "filler_prompt"]
