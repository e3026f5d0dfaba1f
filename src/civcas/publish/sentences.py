"""Find the sentence around a span, so a fact can be shown beside the text it came from."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# Sentence ends in English and Arabic (؟ is the Arabic question mark), and line breaks.
_BOUNDARY = re.compile(r"[.!?؟]+[\"”’)]*\s+|\n+")


class Sentences:
    """The sentence ends of one text, found once: a report with many facts (a long report can carry
    hundreds of thousands of spans) asks for each span's sentence by bisection, not by scanning the
    text from its start again."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [m.span() for m in _BOUNDARY.finditer(text)]
        self._starts = [s for s, _ in found]
        self._ends = [e for _, e in found]

    def bounds(self, span: tuple[int, int]) -> tuple[int, int]:
        """Start and end of the sentence holding `span`: after the last sentence end before it, up to
        the first one after it (its closing punctuation kept)."""
        text = self.text
        start, end = max(0, span[0]), min(len(text), span[1])
        k = bisect_right(self._ends, start) - 1
        left = self._ends[k] if k >= 0 else 0
        j = k + 1  # a sentence end running across the span's start counts up to the start
        if j < len(self._starts) and self._starts[j] < start:
            cut = _BOUNDARY.match(text, self._starts[j], start)
            if cut is not None:
                left = cut.end()
        j = bisect_left(self._starts, end)
        if j > 0 and self._ends[j - 1] > end:
            after = _BOUNDARY.search(text, end)  # the span ends inside a sentence end: read from there
        else:
            after = _BOUNDARY.match(text, self._starts[j]) if j < len(self._starts) else None
        right = after.start() + len(after.group(0).rstrip()) if after else len(text)
        return left, max(right, end)

    def around(self, span: tuple[int, int]) -> str:
        s, e = self.bounds(span)
        return self.text[s:e].strip()


def sentence_bounds(text: str, span: tuple[int, int]) -> tuple[int, int]:
    return Sentences(text).bounds(span)


def sentence_around(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    s, e = sentence_bounds(text, span)
    return text[s:e].strip(), (s, e)
