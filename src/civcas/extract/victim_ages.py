"""Victims' ages: "40-year-old" before a name, "(6)", ", 25," or "aged 7" after it, a child marker
("(child)"), and an age stated later in a sentence of its own ("Adam was only five years old").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TypeVar

from civcas.extract import victim_names
from civcas.extract.numbers import parse_number
from civcas.extract.victim_roster import Victim, same_person

_NUMWORD = (
    r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
# "40-year-old", "4 year old", "two-month-old" (searched on lower-cased text).
# Found by scanning for the literal "old" (fast), then matched backwards from it.
_OLD = re.compile(r"old\b")
AGE_WORD = re.compile(
    rf"(?<![\w-])(?P<n>{_NUMWORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"[- \u00a0](?P<unit>years?|yrs?|months?|weeks?|days?)[- \u00a0]old$"
)

# "(6)", "(42 years old)", ", 25," "aged 7" right after the name.
AGE_AFTER = re.compile(
    # an optional nickname first: 'Zuhur Darwazeh "Umm Sami", 60'
    r"(?:\s{0,2}[\"“][^\"“”]{1,30}[\"”])?"
    r"\s{0,2}(?:\((?:[^()]{0,40}?[,;]\s{0,2})?(?:aged\s{1,2})?(?P<p>\d{1,3})(?:\s{0,2}(?P<pu>years?|yrs?|months?|days?|weeks?)"
    r"(?:[\s-]{1,2}old)?)?[^()]{0,30}\)|,\s{0,2}(?:aged\s{1,2})?(?P<c>\d{1,2})(?:-\d{1,2})?"
    r"(?:\s{1,2}(?P<cu>years?|months?)(?:\s{1,2}old)?)?(?=[,;.)\s])"
    r"|\s{0,2}aged\s{1,2}(?P<a>\d{1,3})"
    # "Lina Darwazeh, a 16-day-old infant", "Sami Darwazeh, the four-year-old son of ..."
    rf"|,\s{{0,2}}(?:(?:the|a|an|his|her|their)\s{{1,2}})?(?P<w>{_NUMWORD})[- \u00a0](?P<wu>years?|months?|weeks?|days?)[- \u00a0]old"
    # ... but not the age of the next name: "Sami Darwazeh, 5-year-old Rami Darwazeh"
    r"(?:[\s\u00a0]{1,2}(?:infant|baby|child|boy|girl|son|daughter|toddler|newborn|grand\w{2,8}|nephew|niece|"
    r"brother|sister|man|woman|cousin)\b|(?=\s{0,2}(?:[,;.)]|and\b))))",
)
# "Muhannad Ziyad (child)": a child marker right after the name.
CHILD_AFTER = re.compile(
    r"\s{0,2}\((?:a\s)?(?:child|minor|infant|baby|toddler|girl|boy|less\sthan\s(?:(?:a|one|1)\syear|\w{1,6}\smonths?)(?:\sold)?)\)"
    # "Rami Darwazeh, a male child;", "Lina Darwazeh, a little girl,"
    r"|,\s{1,2}(?:an?\s{1,2})?(?:(?:male|female|young|little|small)\s{1,2})?(?:child|minor|infant|baby|toddler|girl|boy)\b"
)

_T = TypeVar("_T")


def years_old(n: str, unit: str | None) -> int | None:
    """An age in years from a number (digits or words) and its unit: under a year is 0, past 110 None."""
    if unit and not unit.lower().startswith(("y", "yr")):
        return 0
    v = int(n) if n.isdigit() else parse_number(n)
    return v if v is not None and v < 110 else None


def age_before(ends: list[int], values: list[_T], text: str, pos: int, floor: int = 0) -> _T | None:
    """The value of the match ending closest before `pos` (and not before `floor`, the end of
    the previous name: "40-year-old Huda Darwazeh, Sami ..." is Huda's age), if only a short gap
    separates them."""
    k = bisect_right(ends, pos) - 1
    if (
        k >= 0
        and ends[k] > floor
        and pos - ends[k] <= 40
        and victim_names.GAP_BEFORE_NAME.fullmatch(text, ends[k], pos)
    ):
        return values[k]
    return None


def ages_before_names(low: str, start: int) -> tuple[list[int], list[int | None]]:
    """Where each "40-year-old" ends and the age it gives (None past 110), in text order."""
    ages: list[tuple[int, int | None]] = []
    for o in _OLD.finditer(low, start):
        a = AGE_WORD.search(low, max(start, o.start() - 30), o.end())
        if a is not None:
            ages.append((a.end(), years_old(a.group("n"), a.group("unit"))))
    return [e for e, _ in ages], [a for _, a in ages]


# "Adam was only five years old", "Omar Karim Darwazeh was a five month old boy": an age stated
# in a sentence of its own about a victim already named.
# Found from the verb (literal-led, fast); the name is read backwards from it.
_AGE_STATED_NAME = re.compile(
    r"(?<![\w’'`-])[A-Z][a-z’'`-]{2,15}(?:[ \u00a0](?:(?:al|el|abu|abd|abdel|abdul)[- ])?[A-Z][\w’'`-]{1,15}){0,5},?\s{1,2}$"
)
_AGE_STATED = re.compile(
    r"(?:was|is)\s{1,2}(?:(?:only|just|about|reportedly|aged)\s{1,2}){0,2}(?:an?\s{1,2})?"
    rf"(?P<n>{_NUMWORD.title()}|{_NUMWORD})(?:\s{{1,2}}and\s{{1,2}}a\s{{1,2}}half)?[- \u00a0]"
    r"(?P<unit>years?|months?|weeks?|days?)[- \u00a0]old\b"
)


def ages_stated_later(
    text: str, low: str, start: int, out: list[Victim], seen: dict[str, int]
) -> list[Victim]:
    """Give the victims read without an age the one a later sentence states (above)."""
    if " old" not in low:
        return out
    for m in _AGE_STATED.finditer(text, start):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        who = _AGE_STATED_NAME.search(text, max(start, m.start() - 110), m.start())
        if who is None:
            continue
        idx = same_person(seen, who.group(0).rstrip(", \u00a0"))
        if idx is None or out[idx].age is not None:
            continue
        age = years_old(m.group("n").lower(), m.group("unit"))
        if age is not None:
            v = out[idx]
            out[idx] = Victim(v.start, v.end, v.name, age, v.female, age < 18)
    return out
