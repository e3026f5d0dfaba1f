"""Combining the figures found for one field into a count range, and the lead-paragraph
fallbacks when no figure is given. Split from `casualties` to keep that module readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civcas.extract import casualty_patterns as P
from civcas.extract import casualty_scan as S
from civcas.extract.numbers import QuantityKind, en_word_value
from civcas.model.extraction import CountRange


@dataclass(slots=True)
class Figure:
    low: int
    high: int
    kind: QuantityKind
    lead: bool
    spans: list[tuple[int, int]]
    generic: bool = True  # a count of people/civilians, not only of children/women/men
    roster: bool = False  # counted from named victims, not stated


def combine(figs: list[Figure], sum_lead: bool = False) -> CountRange | None:
    """Lead figures give the minimum; other figures for the incident may raise the maximum."""
    if not figs:
        return None
    lead = [f for f in figs if f.lead] or figs
    first = lead[0]
    low = first.low
    if sum_lead and len(lead) > 1 and not any(f.generic for f in lead):
        # "killed a woman, ..., and her four sons": no total, the lead lists its members.
        low = sum(f.low for f in lead)
    elif first.kind == "up_to":
        # "up to 27 killed": the lowest other comparable report gives the minimum
        # (not a stray "his son" = 1 in the body).
        # A vague "dozens" (12-24) is no lower report of "up to 15".
        others = [
            f.low
            for f in figs
            if f is not first and first.high / 3 <= f.low < first.high and f.high <= first.high
        ]
        if others:
            low = max(others)
    top = max(max(f.high for f in lead), low)
    # Body figures far above the lead are mostly other incidents or cumulative tolls.
    cap = max(2.5 * top, top + 3)
    high = max([top] + [f.high for f in figs if not f.lead and f.high <= cap])
    return CountRange(min=low, max=high)


# docs/vocabulary.md: "several", "a number of" (Arabic بضعة, عدد من) give no figure, so a plural
# led by one of them is not counted as two.
_VAGUE = re.compile(
    r"(?:several|a\s+number\s+of|an?\s+unknown\s+number\s+of|"
    r"بضعة|بضع|عدد\s+من|عدد\s+غير\s+معروف)\s+(?:\S+\s+){0,4}$"
)


# Arabic puts the verb first: "أصيب عدد من المدنيين".
_VAGUE_AFTER = re.compile(r"\S*\s+(?:\S+\s+)?(?:عدد\s+من|عدد\s+غير\s+معروف|بضعة|بضع)\b")


# "a large number of residents were hurt", "many others were wounded": no figure, coded like
# "dozens" (12-24), as the Airwars write-ups code them (docs/vocabulary.md: "dozens" is at least 12).
_LARGE = re.compile(
    r"(?:a\s+(?:large|great|huge)\s+number\s+of|large\s+numbers\s+of|many)\s+(?:\S+\s+){0,5}\S*$"
)


def _sentence_start(norm: str, pos: int) -> int:
    return max(0, norm.rfind(".", 0, pos), norm.rfind("\n", 0, pos), pos - 120)


def _large_before(norm: str, pos: int) -> bool:
    return _LARGE.search(norm, _sentence_start(norm, pos), pos) is not None


def _lead_fallback(norm: str, m: re.Match[str], pos: int | None = None) -> Figure:
    if _large_before(norm, m.start() if pos is None else pos):
        return Figure(12, 24, "vague", True, [m.span()])
    return Figure(2, 2, "at_least", True, [m.span()])


# "It was unclear whether any civilians were killed": a question, not a report of deaths.
# "It is not known how many people were killed": no figure either.
_UNCERTAIN = re.compile(r"\b(?:whether|any|how\s+many)\b[^.;:!?\n]{0,40}$")


def _vague_before(norm: str, pos: int) -> bool:
    start = _sentence_start(norm, pos)
    return (
        _VAGUE.search(norm, start, pos) is not None
        or _VAGUE_AFTER.match(norm, pos) is not None
        or _UNCERTAIN.search(norm, start, pos) is not None
    )


_ONE_MARTYR_AFTER = re.compile(r"\s{1,3}شهيد(?!\w)")


# One more person, injured beside the dead: "two men were killed; a third was seriously wounded",
# "killing two and injuring a third" (one, where a bare "were injured" says several).
_ORDINAL_ONE = r"(?:a\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|another|one\s+more)"
_ONE_MORE_INJURED_BEFORE = re.compile(
    _ORDINAL_ONE + r"(?:\s+[a-z-]+){0,2}?\s+(?:was|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?$"
)
_ONE_MORE_INJURED_AFTER = re.compile(
    r"\s+" + _ORDINAL_ONE + r"\b(?!\s+(?:\d|two|three|four|five|several|people|others))"
)


def _one_more_injured(norm: str, m: re.Match[str]) -> bool:
    before = _ONE_MORE_INJURED_BEFORE.search(norm, _sentence_start(norm, m.start()), m.start())
    return before is not None or _ONE_MORE_INJURED_AFTER.match(norm, m.end()) is not None


# A toll that refers back to a group the lead has counted: "Three men were driving along a desert
# road when a drone fired missiles at them, killing all three", "fired 4 missiles at 3 people,
# 'killing them on the spot'", "Three people were driving ... A drone strike ended their lives".
_SMALL = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_ALL_OF_THEM = re.compile(
    rf"\s{{1,3}}(?:all\s{{1,3}}(?P<n>{_SMALL}|\d{{1,3}})\b|them\b|all\s{{1,3}}of\s{{1,3}}them\b)"
)
_THEIR_LIVES = re.compile(r"\b(?:ended|took|claimed|cost)\s{1,3}their\s{1,3}$")
_GROUP_COUNTED = re.compile(
    rf"(?<![\w.,])(?P<n>{_SMALL}|\d{{1,3}})\s{{1,3}}(?:[a-z-]{{2,15}}\s{{1,3}}){{0,2}}?"
    r"(?:people|persons|men|civilians|villagers|residents|individuals|women|children|boys|girls|"
    r"brothers|relatives|passengers|students)\b"
)
_GROUP_LOOKBACK = 240  # characters: the group is counted in the same or the previous sentence


def _count_value(word: str) -> int:
    return int(word) if word.isdigit() else en_word_value(word)


def referred_count(norm: str, m: re.Match[str]) -> tuple[int, tuple[int, int]] | None:
    """The size of the group a toll without a figure refers back to (see `_ALL_OF_THEM`), with the
    span of the words that count it; None when the toll names no group ("killing several")."""
    word = m.group(0)
    if word == "lives":
        if _THEIR_LIVES.search(norm, max(0, m.start() - 30), m.start()) is None:
            return None
    elif word in ("killing", "killed"):
        after = _ALL_OF_THEM.match(norm, m.end())
        if after is None:
            return None
        if after.group("n"):
            return _count_value(after.group("n")), (m.start(), after.end())
    else:
        return None
    groups = list(_GROUP_COUNTED.finditer(norm, max(0, m.start() - _GROUP_LOOKBACK), m.start()))
    if not groups:
        return None
    last = groups[-1]
    n = _count_value(last.group("n"))
    return (n, last.span()) if n >= 2 else None


def fallbacks(norm: str, lead_end: int, figs: dict[str, list[Figure]]) -> None:
    """Counts the lead states without a figure: "others were injured" = 2, "X was killed" = 1."""
    if figs["injured"] and all(f.low <= 1 for f in figs["injured"]):
        # "many were injured", "others were wounded, including an infant", "injuring others": the
        # lead's plural says more than the one injured person it or the body names.
        m = S.search(P.PLURAL_INJURED, S.PLURAL_INJURED, norm, 0, lead_end)
        if m is not None and not _vague_before(norm, m.start()):
            figs["injured"][:] = [f for f in figs["injured"] if not f.lead]
            figs["injured"].append(_lead_fallback(norm, m, m.end()))
    if figs["injured"] and (figs["civilians_killed"] or figs["total_killed"]):
        return
    if S.search(P.NO_VICTIMS, S.NO_VICTIMS, norm, 0, lead_end):
        return
    if not figs["injured"]:
        m = S.search(P.LEAD_INJURED, S.LEAD_INJURED, norm, 0, lead_end)
        if m is not None and _one_more_injured(norm, m):
            figs["injured"].append(Figure(1, 1, "at_least", True, [m.span()]))
        elif m is not None and not _vague_before(norm, m.start()):
            figs["injured"].append(_lead_fallback(norm, m))
    if not figs["civilians_killed"] and not figs["total_killed"]:
        m = S.search(P.SINGLE_KILLED, S.SINGLE_KILLED, norm, 0, lead_end)
        if m is not None:
            figs["civilians_killed"].append(Figure(1, 1, "at_least", True, [m.span()]))
            figs["total_killed"].append(Figure(1, 1, "at_least", True, [m.span()]))
            return
        m = S.search(P.LEAD_KILLED, S.LEAD_KILLED, norm, 0, lead_end)
        if m is not None and (m.group(0).lstrip("وب") == "شهيد" or _ONE_MARTYR_AFTER.match(norm, m.end())):
            # "ارتقاء شهيد", "وقوع شهيد وعدد من الجرحى": one martyr, a singular noun.
            figs["civilians_killed"].append(Figure(1, 1, "at_least", True, [m.span()]))
            figs["total_killed"].append(Figure(1, 1, "at_least", True, [m.span()]))
        elif m is not None and not _vague_before(norm, m.start()):
            referred = referred_count(norm, m)
            if referred is not None:
                n, span = referred
                figs["civilians_killed"].append(Figure(n, n, "exact", True, [span]))
                figs["total_killed"].append(Figure(n, n, "exact", True, [span]))
                return
            figs["civilians_killed"].append(_lead_fallback(norm, m))
            figs["total_killed"].append(_lead_fallback(norm, m))


# Who is not one more of the dead: a plural subject ("another member ... and her children were
# also killed" goes on a list already counted), the injured, the survivors.
_NOT_ONE_MORE = re.compile(r"\bwere\b|injur|wound|surviv|rescued|escaped")
_ALSO = re.compile(r"\balso\b")


def one_more(norm: str, low: int) -> tuple[int, tuple[int, int]] | None:
    """The maximum that a write-up's word of one more victim gives a toll whose minimum is `low`
    ("a fourth boy was also killed", "the toll could be six"), with the words' span."""
    for m in S.finditer(P.ONE_MORE, S.ONE_MORE, norm, 0, len(norm)):
        if _NOT_ONE_MORE.search(norm, m.start(), m.end()):
            continue
        if m.group("also_needed") is not None and not _ALSO.search(norm, m.start(), m.end()):
            continue  # "another man was killed" may tell of another strike; "also" adds him to this one
        return low + 1, m.span()
    for m in S.finditer(P.ONE_MORE_TOLL, S.ONE_MORE_TOLL, norm, 0, len(norm)):
        n = _count_value(m.group("n"))
        if low < n <= max(2.5 * low, low + 3):
            return n, m.span()
    return None
