"""Text helpers shared by the extractor's components: length-preserving normalisation, sentences.

Components match on a normalised copy of the report and report spans in the original, so the
normalisation must map each character to exactly one character.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

_FOLD: dict[str, str] = {
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
}
# No replacement is itself a key, so replacing one character after another equals one translate.
assert not set(_FOLD) & set(_FOLD.values())
_FOLD_PAIRS = tuple(_FOLD.items())


def normalise(text: str) -> str:
    """Fold digits, alef forms, quotes and case; the result has exactly the length of `text`."""
    folded = text
    if not text.isascii():  # O(1): CPython flags ASCII strings, and none of them has a key
        # `in` and `replace` scan in C at memchr speed; str.translate with a dict table looks every
        # character up in the dict, about 8x slower on these reports.
        for char, replacement in _FOLD_PAIRS:
            if char in folded:
                folded = folded.replace(char, replacement)
    lowered = folded.lower()
    # str.lower changes the length of a few characters (e.g. 'İ'); offsets must stay exact.
    return lowered if len(lowered) == len(text) else folded


# Arabic short vowels, tanween, shadda, sukun, dagger alef and tatweel: optional in writing ("مسيّرة" is
# "مسيرة"), so patterns could never list every variant. They are dropped, with an offset map back.
_MARKS = "\u064b-\u0652\u0670\u0640"
# Posts dodge platform filters by breaking words with kashida and a dot, star or space: "اعتقـ.ـال",
# "قـ ـوات", "استشهـ*ـاد". The whole break goes, so the word is whole again.
# A dot or star between two Arabic letters ("الاحتلا.ل", "عد*وان") is such a break too: Arabic puts a
# space after its punctuation.
# Written as one character class, then the three cases told apart by a look-behind at that character:
# `re` skips ahead to a character of a leading class at C speed, but tries every branch of a leading
# alternation at every position (7x slower). The cases: a run of kashida with separators inside;
# marks; a dot or star between Arabic letters.
_DROP = re.compile(
    f"[{_MARKS}.*]"
    f"(?:(?<=\u0640)\u0640*[ .*_\\-]*\u0640+"
    f"|(?<=[{_MARKS}])[{_MARKS}]*"
    f"|(?<=[\u0621-\u064a][.*])[.*]*(?=[\u0621-\u064a]))"
)


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalised report: `text` to match on, and the way back to offsets in the original.

    Dropping characters splits the text into kept runs; each run is stored by where it starts in
    `text` and how many characters were dropped before it (a report has a handful of drops, so this
    is built and searched far faster than a table of every character's offset).
    """

    text: str
    run_starts: tuple[int, ...] | None = None
    """Start in `text` of each kept run, in order; None: nothing was dropped, offsets are the same."""
    run_shifts: tuple[int, ...] = ()
    """Characters dropped before each run: a run's original offsets are its offsets plus this."""

    @property
    def offsets(self) -> tuple[int, ...] | None:
        """Original offset of each character of `text`, plus the original length; None: the same."""
        if self.run_starts is None:
            return None
        return tuple(self._original(i) for i in range(len(self.text) + 1))

    def _original(self, i: int) -> int:
        # The last run starting at or before i (an empty run, between two drops, is followed by one
        # with the same start, which is the one that holds i).
        assert self.run_starts is not None
        return i + self.run_shifts[bisect.bisect_right(self.run_starts, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of `text[start:end]`."""
        if self.run_starts is None:
            return start, end
        if end <= start:
            at = self._original(start)
            return at, at
        return self._original(start), self._original(end - 1) + 1


def normalise_doc(text: str) -> Norm:
    """`normalise`, then Arabic marks and broken-word kashida removed (offsets recorded only then)."""
    folded = normalise(text)
    if folded.isascii() or not _DROP.search(folded):  # isascii: O(1), and ASCII has nothing to drop
        return Norm(folded)
    parts: list[str] = []
    starts = [0]
    shifts = [0]
    pos = dropped = 0
    for m in _DROP.finditer(folded):
        a, b = m.span()
        parts.append(folded[pos:a])
        dropped += b - a
        starts.append(b - dropped)
        shifts.append(dropped)
        pos = b
    parts.append(folded[pos:])
    return Norm("".join(parts), tuple(starts), tuple(shifts))


# Letters are counted on the UTF-8 bytes with bytes.translate, which deletes a set of byte values in
# one C pass (6x faster than a regex listing every letter): a character of U+0600-U+06FF (Arabic) is
# two bytes whose first is 0xD8-0xDB, a byte that no other character's encoding contains; an ASCII
# letter is its own byte, and every byte of a non-ASCII character is 0x80 or above.
_ARABIC_LEAD_BYTES = bytes(range(0xD8, 0xDC))
_NOT_LATIN_BYTES = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))


def guess_language(text: str) -> str:
    """'ar' or 'en' from the share of Arabic letters: cheap and right for this corpus's two languages."""
    sample = text[:4000]
    if sample.isascii():
        return "en"  # no Arabic letter at all
    encoded = sample.encode("utf-8", "surrogatepass")  # a lone surrogate is three bytes from 0xED
    ar = len(encoded) - len(encoded.translate(None, _ARABIC_LEAD_BYTES))
    la = len(encoded.translate(None, _NOT_LATIN_BYTES))
    return "ar" if ar > la else "en"


# Sentence ends: . ! ? and the Arabic question mark followed by space and a sentence start, or a line
# break. Texts here are often lower-cased (normalise), so a lower-case letter may start a sentence;
# an abbreviation or initial before the dot ("u.s.", "gen.", "j.") does not end one. The pattern is
# `[.!?؟](\s+)(?=...)|\n+` written to start with one character class, the two cases then told apart
# by a look-behind at it: `re` skips ahead to such a character in C, whereas for an alternation whose
# first branch starts with a class it tries every branch at every offset (3x slower; same matches).
_SENT_END = re.compile(r"[.!?؟\n](?:(?<=[.!?؟])(\s+)(?=[\"'“‘(\[A-Za-z\u0600-\u06ff0-9])|(?<=\n)\n*)")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:u\.s|u\.n|u\.k|mr|mrs|ms|dr|st|no|vs|jr|sr|gen|col|lt|sgt|capt|maj|brig|a\.m|p\.m|e\.g|i\.e"
    r"|approx|[a-z])\.$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-empty sentence, whitespace trimmed.

    Cached: the statements and evidence components split the same normalised text.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group(1) is not None:
            end = m.start() + 1
            if _ABBREVIATION.search(text, max(0, end - 8), end):
                continue
        else:
            end = m.start()
        _add(text, pos, end, out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return tuple(out)


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
