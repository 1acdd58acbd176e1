"""Every warning code the pipeline writes, and every reason a score part is not measured, has its
sentence in the web interface's FR/EN catalogue (``frontend/src/i18n/messages.ts``): a French reader
never gets the English fallback for a known code. Reads the sources only (no Node.js needed)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "frontend" / "src" / "i18n" / "messages.ts"
SOURCES = sorted(ROOT.glob("interview_ai_lab/**/*.py"))
#: The reasons of ``scores.incomplete`` (the scores contract).
REASONS = {"no_audio_track", "no_speech", "no_video_stream", "no_face", "face_too_rarely_visible", "not_measured"}


def _catalogue_keys() -> tuple[set[str], set[str]]:
    """Keys of the French and of the English messages."""
    text = CATALOGUE.read_text(encoding="utf-8")
    fr = text[text.index("const fr = {"):text.index("const en:")]
    en = text[text.index("const en:"):text.index("export const MESSAGES")]
    keys = re.compile(r'^\s*"([\w.]+)":', re.M)
    return set(keys.findall(fr)), set(keys.findall(en))


def _pipeline_notice_codes() -> set[str]:
    codes = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "notice"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                codes.add(node.args[0].value)
    return codes


def test_every_pipeline_notice_code_is_translated_in_both_languages():
    fr, en = _catalogue_keys()
    codes = _pipeline_notice_codes()
    assert len(codes) >= 20, codes  # the scan finds the pipeline's notices
    assert "sentiment_lexicon" in codes, codes  # written in interview_ai_lab/text/sentiment.py: the sub-packages are read
    missing = sorted(f"notice.{c}" for c in codes if f"notice.{c}" not in fr or f"notice.{c}" not in en)
    assert missing == [], f"add these keys to {CATALOGUE.relative_to(ROOT)} (fr and en): {missing}"


def test_every_incomplete_reason_is_translated_in_both_languages():
    fr, en = _catalogue_keys()
    missing = sorted(f"reason.{c}" for c in REASONS if f"reason.{c}" not in fr or f"reason.{c}" not in en)
    assert missing == []
