"""Find the sentence around a span, so a fact can be shown beside the text it came from."""

from __future__ import annotations

import re

# Sentence ends in English and Arabic (؟ is the Arabic question mark), and line breaks.
_BOUNDARY = re.compile(r"[.!?؟]+[\"”’)]*\s+|\n+")


def sentence_bounds(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = max(0, span[0]), min(len(text), span[1])
    left = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        left = m.end()
    after = _BOUNDARY.search(text, end)
    right = after.start() + len(after.group(0).rstrip()) if after else len(text)
    return left, max(right, end)


def sentence_around(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    s, e = sentence_bounds(text, span)
    return text[s:e].strip(), (s, e)
