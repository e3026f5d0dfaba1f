"""Groups named among the victims without a figure: "most of them women and children".

Analysts need to see that children were among the dead even when no count is given,
so these are kept as a list beside the figures (never turned into a number).
"""

from __future__ import annotations

import re

from civcas.extract.terms import matches_at
from civcas.model.extraction import Span

# Words that tie a group to the victims: "among them", "most of them", "including" ...
_EN = re.compile(
    r"\b(?:most|many|some|several|all|among)\s+(?:of\s+)?(?:them|whom|the\s+(?:dead|victims|killed))\s+"
    r"(?:were\s+)?(?P<groups>(?:women|children|elderly(?:\s+people)?|men|infants|babies)"
    r"(?:(?:\s*,\s*|\s+and\s+)(?:women|children|elderly(?:\s+people)?|men|infants|babies)){0,3})"
    r"|\bincluding\s+(?P<groups2>(?:women|children|infants|babies)(?:\s+and\s+(?:women|children|infants|babies))?)\b",
    re.IGNORECASE,
)
# Arabic: "معظمهم من النساء والأطفال", "بينهم نساء وأطفال".
_AR = re.compile(
    r"(?:معظمهم|أغلبهم|اغلبهم|بينهم|منهم)\s+(?:من\s+)?(?P<groups>(?:ال)?(?:نساء|أطفال|اطفال|مسنين)"
    r"(?:\s+و\s*(?:ال)?(?:نساء|أطفال|اطفال|مسنين)){0,2})"
)
_CANON = {
    "women": "women",
    "children": "children",
    "infants": "children",
    "babies": "children",
    "men": "men",
    "elderly": "elderly",
    "نساء": "women",
    "أطفال": "children",
    "اطفال": "children",
    "مسنين": "elderly",
}
_WORD = re.compile(r"women|children|infants|babies|elderly|men|نساء|أطفال|اطفال|مسنين", re.IGNORECASE)


# The English pattern for the lower-cased text, without IGNORECASE (Python's re matches literal
# alternations several times faster case-sensitively) and written to start with one character class:
# `re` skips ahead to an "m", "s", "a" or "i" in C, whereas the leading `\b` of _EN makes it try the
# whole pattern at every offset (2x slower). `\b` before a word's first letter is `(?<!\w)` before
# it, checked here just after the letter; the matches (spans and groups) are _EN's. Equivalent while
# lower-casing keeps the length and the text has none of the characters that IGNORECASE also matches
# to a Latin letter (ı, İ, ſ, K).
_EN_LOWER = re.compile(
    r"[msai](?<!\w[msai])(?:"
    r"(?:(?<=m)(?:ost|any)|(?<=s)(?:ome|everal)|(?<=a)(?:ll|mong))"
    r"\s+(?:of\s+)?(?:them|whom|the\s+(?:dead|victims|killed))\s+"
    r"(?:were\s+)?(?P<groups>(?:women|children|elderly(?:\s+people)?|men|infants|babies)"
    r"(?:(?:\s*,\s*|\s+and\s+)(?:women|children|elderly(?:\s+people)?|men|infants|babies)){0,3})"
    r"|(?<=i)ncluding\s+(?P<groups2>(?:women|children|infants|babies)(?:\s+and\s+(?:women|children|infants|babies))?)\b"
    r")"
)
_CASE_FOLDS_TO_LATIN = ("\u0131", "\u0130", "\u017f", "\u212a")
# Every match of _AR holds one of these: a text without them (most Arabic reports) is not scanned.
_AR_KEYS = ("نساء", "أطفال", "اطفال", "مسنين")


# Every match of _EN_LOWER holds one of the first words ("them" holds "the") and one of the second
# ("women" holds "men"): `in` tells in C that most lower-cased reports (the Arabic ones above all)
# cannot match, where the scan would test each of their characters.
_EN_KEYS = (("the", "whom", "including"), ("men", "children", "elderly", "infants", "babies"))


def _scans(text: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, text to run it on): the English one fast where that gives the same matches, and
    skipped where its words are missing; the Arabic one only where the text has Arabic letters and a
    group word."""
    scans: list[tuple[re.Pattern[str], str]] = []
    ascii_only = text.isascii()
    low = text.lower()
    if len(low) == len(text) and (ascii_only or not any(c in text for c in _CASE_FOLDS_TO_LATIN)):
        if all(any(key in low for key in keys) for keys in _EN_KEYS):
            scans.append((_EN_LOWER, low))
    else:
        scans.append((_EN, text))
    if not ascii_only and any(key in text for key in _AR_KEYS):
        scans.append((_AR, text))
    return scans


# Every match of _EN_LOWER starts with one of these words: finding them with `str.find` (at C speed,
# a few dozen a report) and trying the pattern there costs a fifth of its own scan, which stops at
# every "m", "s", "a" and "i".
_EN_LEADS = ("most", "many", "some", "several", "all", "among", "including")


def _lead_starts(low: str) -> list[int]:
    """Where the words of _EN_LEADS occur in `low`, in order (overlaps kept, boundaries not checked)."""
    starts: list[int] = []
    for word in _EN_LEADS:
        at = low.find(word)
        while at >= 0:
            starts.append(at)
            at = low.find(word, at + 1)
    starts.sort()
    return starts


def _matches(rx: re.Pattern[str], scanned: str) -> list[re.Match[str]]:
    if rx is _EN_LOWER:
        return matches_at(rx, scanned, _lead_starts(scanned))
    return list(rx.finditer(scanned))


def victim_groups(text: str) -> tuple[list[str], list[Span]]:
    """The groups named among the victims, in first-mention order, and where they were named."""
    groups: list[str] = []
    spans: list[Span] = []
    for rx, scanned in _scans(text):
        for m in _matches(rx, scanned):
            name = "groups" if m.groupdict().get("groups") else "groups2"
            for w in _WORD.finditer(m.group(name)):
                canon = _CANON[w.group(0).lower()]
                if canon not in groups:
                    groups.append(canon)
            spans.append((m.start(), m.end()))
    return groups, spans
