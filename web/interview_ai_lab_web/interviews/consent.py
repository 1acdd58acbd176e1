"""The consent text a candidate agrees to: the deployment's, in each language, with its retention period filled in.

The texts are ``IAL_CONSENT_TEXTS`` (their version ``IAL_CONSENT_VERSION``); ``{days}`` becomes
``IAL_RETENTION_DAYS``, or words saying the interviews are kept until deleted when it is 0.
"""

from __future__ import annotations

from django.conf import settings

#: The retention period in words when interviews are kept until deleted (``IAL_RETENTION_DAYS=0``).
_UNLIMITED_DAYS = {"en": "an unlimited number of", "fr": "un nombre illimité de"}


def consent_texts() -> dict[str, str]:
    """The consent text in each language a candidate may read it in (``IAL_CONSENT_TEXTS``), ``{days}`` filled."""
    days = settings.IAL_RETENTION_DAYS
    return {lang: text.replace("{days}", str(days) if days > 0 else _UNLIMITED_DAYS.get(lang, _UNLIMITED_DAYS["en"]))
            for lang, text in settings.IAL_CONSENT_TEXTS.items()}


def consent_text(language: str = "en") -> str:
    """The deployment's consent text in ``language`` (English when that language has none)."""
    texts = consent_texts()
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def consent_language_of(text: str) -> str:
    """The language of a stored consent text (one of the deployment's texts), or "" (a client's own text)."""
    return next((lang for lang, t in consent_texts().items() if t == text), "") if text else ""
