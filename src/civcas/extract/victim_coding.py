"""The monitor's own coding of named victims as children where the text gives no age ("Sami has
been counted as a child"), or its doubt ("it was not clear if A and B were children").
"""

from __future__ import annotations

import re

from civcas.extract import casualty_scan as S
from civcas.extract.victim_roster import Victim, same_person

_CAP_NAME = r"(?:[A-Z][\w’'-]{1,15}[’']s\s{1,2}(?:son|daughter|grandson|granddaughter)\s{1,2})?[A-Z][\w’'-]{1,15}(?:[ \u00a0](?:(?:al|el|abu|abd)[- ])?[A-Z][\w’'-]{1,15}){0,5}"


def _names(i: int) -> str:
    """A list of names ("A, B and C") as group names{i}."""
    return rf"(?P<names{i}>{_CAP_NAME}(?:(?:,\s{{1,2}}(?:and\s{{1,2}})?|\s{{1,2}}and\s{{1,2}}){_CAP_NAME}){{0,6}})"


_AS_CHILD = r"as\s{1,2}(?:an?\s{1,2})?(?:child|children|minors?)\b"
# The monitor's own coding of victims whose age the text does not give: "Sami has been counted
# as a child", "the monitor has categorised Tamer’s son Adam as a child", "Both A and B were
# children"; and where it leaves the question open: "it was not clear if A and B were children".
_CODED_CHILD = re.compile(
    rf"\b{_names(1)},?\s{{1,2}}(?:has|have|had|is|are|was|were)\s{{1,2}}(?:been\s{{1,2}})?(?:counted|categori[sz]ed|"
    rf"classified|listed|quantified|considered|recorded|identified|described)\s{{1,2}}(?:by\s{{1,2}}[\w ’'-]{{1,40}}?\s{{1,2}})?{_AS_CHILD}"
    rf"|\b(?:has|have)\s{{1,2}}(?:counted|categori[sz]ed|classified|listed|quantified|considered|recorded)\s{{1,2}}{_names(2)}\s{{1,2}}{_AS_CHILD}"
    rf"|\b(?:[Bb]oth|[Aa]ll)\s{{1,2}}{_names(3)}\s{{1,2}}(?:were|are)\s{{1,2}}(?:also\s{{1,2}})?(?:children|minors)\b"
)
_NOT_CLEAR_CHILD = re.compile(
    rf"\b(?:not\s{{1,2}}clear|unclear|unknown|uncertain)\s{{1,2}}(?:if|whether)\s{{1,2}}{_names(1)}\s{{1,2}}(?:were|was)\s{{1,2}}"
    r"(?:also\s{1,2}|still\s{1,2})?(?:children|a\s{1,2}child|minors?)\b"
)


_CODED_CUE = re.compile(
    r"(?:as\s{1,2}(?:an?\s{1,2})?(?:child|children|minors?)|were\s{1,2}(?:also\s{1,2})?(?:children|minors))\b"
)


def coded_children(
    text: str, start: int, out: list[Victim], seen: dict[str, int], low: str | None = None
) -> list[Victim]:
    """Apply the monitor's stated coding (above) to the victims it names. `low`: the lower-cased
    text, if the caller has it (the cue is then tried only at its lead words)."""
    if " child" not in text and " minor" not in text:
        return out
    cue = (
        _CODED_CUE.search(text, start)
        if low is None
        else S.search(_CODED_CUE, S.CODED_CUE, text, start, len(text), low)
    )
    if cue is None:
        return out  # none of the phrasings below: spares two slow scans on most reports
    for rx, child in ((_CODED_CHILD, True), (_NOT_CLEAR_CHILD, False)):
        for m in rx.finditer(text, start):
            names = (
                m.group("names1") or m.group("names2") or m.group("names3")
                if rx is _CODED_CHILD
                else m.group("names1")
            )
            for part in re.split(r",\s{1,2}(?:and\s{1,2})?|\s{1,2}and\s{1,2}", names):
                part = re.sub(r"^.*[’']s\s{1,2}\w+\s{1,2}", "", part)  # "Tamer’s son Adam": Adam
                idx = same_person(seen, part)
                if idx is not None and out[idx].age is None:
                    v = out[idx]
                    out[idx] = Victim(v.start, v.end, v.name, v.age, v.female, child)
    return out
