"""Language detection, restricted to the languages reports come in (English, Arabic)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from civcas.ingest.decode import is_arabic_char

# Enough text to decide; more only costs time.
_SAMPLE_CHARS = 2000
_ARABIC_MINORITY = 0.12


@lru_cache(maxsize=1)
def _detector() -> Any:
    # Built once: lingua's models load on first use. Low-accuracy mode is plenty
    # to tell two languages with different scripts apart, and much faster.
    from lingua import Language, LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.ARABIC)
        .with_preloaded_language_models()
        .with_low_accuracy_mode()
        .build()
    )


def detect_language(text: str) -> str | None:
    """Return "en", "ar", or None for empty or undecidable text."""
    sample = text[:_SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for ch in letters if is_arabic_char(ch))
    # Cheap path: Arabic script is only used by Arabic among our languages.
    if arabic * 2 > len(letters):
        return "ar"
    # Scraped posts wrap Arabic text in English interface words ("Copy link to Tweet",
    # "Verified account"), which can outnumber it; English articles quoting Arabic stay
    # well below this share.
    if arabic >= _ARABIC_MINORITY * len(letters):
        return "ar"
    detected = _detector().detect_language_of(sample)
    if detected is None:
        return None
    code = str(detected.iso_code_639_1.name).lower()
    return code if code in ("en", "ar") else None


_NAMES = {"english": "en", "arabic": "ar", "eng": "en", "ara": "ar", "عربي": "ar", "العربية": "ar"}


def normalize_language(value: str | None) -> str | None:
    """Normalise a given language ("en-US", "English", "AR") to a short code; None when blank."""
    if value is None:
        return None
    v = value.strip().lower().replace("_", "-")
    if v in ("", "und", "unknown", "none", "null", "auto"):
        return None  # "not known": detect instead
    if v in _NAMES:
        return _NAMES[v]
    return v.split("-", 1)[0]
