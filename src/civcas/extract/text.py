"""Text helpers shared by the extractor's components: length-preserving normalisation, sentences.

Components match on a normalised copy of the report and report spans in the original, so the
normalisation must map each character to exactly one character.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "\u2013": "-",
        "\u2014": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u0640": " ",  # tatweel (kashida) is decoration; a space keeps offsets and word breaks
    }
)


def normalise(text: str) -> str:
    """Fold digits, alef forms, quotes and case; the result has exactly the length of `text`."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    # str.lower changes the length of a few characters (e.g. 'İ'); offsets must stay exact.
    return lowered if len(lowered) == len(text) else folded


_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z]")


def guess_language(text: str) -> str:
    """'ar' or 'en' from the share of Arabic letters: cheap and right for this corpus's two languages."""
    sample = text[:4000]
    ar = len(_ARABIC.findall(sample))
    la = len(_LATIN.findall(sample))
    return "ar" if ar > la else "en"


# Sentence ends: . ! ? and their Arabic forms followed by space, or a line break. Abbreviations such as
# "U.S." split wrongly now and then; statements and evidence only need roughly clause-sized units.
_SENT_END = re.compile(r"(?<=[.!?؟])\s+(?=[\"'“‘(\[A-Z\u0600-\u06ff0-9])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
