"""One incident's chronology: the strike, each report, what each party said, the promises and when
they were answered, the belligerent's verdict and the monitor's assessments, in date order.

An accountability monitor asks "how long did the belligerent take to answer?": every entry carries
its distance in days from the strike. Built from the incident as it is shown (`IncidentDetail`), so
the public sees the chronology of what it may see, names withheld as elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from civcas.model.incident import IncidentDetail, SourceView

# Entries of one day in the order things happen: the strike, what was reported and said, then what
# was promised and decided, then the monitor's own work.
KINDS = ("strike", "report", "statement", "promise", "verdict", "answered", "assessment")

_STANCES = {
    "admits_strike": "admits the strike",
    "denies_strike": "denies the strike",
    "admits_casualties": "admits civilian casualties",
    "denies_casualties": "denies civilian casualties",
    "investigating": "says it is investigating",
    "credible": "finds the allegation credible",
    "non_credible": "finds the allegation not credible",
    "blames_other": "blames another party",
    "alleges": "alleges the strike",
}
_VERDICTS = {
    "credible": "assessed the allegation as credible",
    "non_credible": "assessed the allegation as not credible",
    "duplicate": "assessed the allegation as a duplicate of another",
    "open": "recorded the allegation as still open",
}
_PROMISES = {"investigate": "promised to investigate", "refer": "referred it to its civilian casualty team"}


@dataclass(frozen=True, slots=True)
class Entry:
    on: dt.date | None  # None: the day is not known (a report without a publication date)
    kind: str  # one of KINDS
    who: str  # the party, publisher or user; "" when unknown
    what: str  # what happened, in a few words
    detail: str = ""  # a quote, a note, a figure
    source_id: int | None = None  # the report it comes from
    days_after: int | None = None  # days after the strike (negative: before it, by a misdated report)


def _day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _deaths(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return ""
    figure = str(lo) if hi is None or hi == lo else f"{lo}–{hi}"
    return f"conceded {figure} civilian death" + ("" if figure == "1" else "s")


def _unquoted(quote: str | None) -> str:
    return (quote or "").strip().strip('"“”')


def _source_entries(source: SourceView) -> list[Entry]:
    day = _day(source.published)
    who = source.publisher or source.origin
    if source.kind == "strike_release":
        what = "issued a strike release"
    else:
        what = "published a report" + (f" ({source.language})" if source.language else "")
    out = [Entry(day, "report", who, what, source.title or "", source.id)]
    for st in source.statements:
        out.append(
            Entry(
                day,
                "statement",
                st.party or "unknown party",
                _STANCES.get(st.stance, st.stance.replace("_", " ")),
                _unquoted(st.quote),
                source.id,
            )
        )
    return out


def incident_chronology(inc: IncidentDetail) -> list[Entry]:
    """Every dated event of the incident, oldest first; entries without a day come last."""
    entries: list[Entry] = []
    if inc.date:
        span = f"{inc.date} – {inc.date_end}" if inc.date_end and inc.date_end != inc.date else ""
        entries.append(
            Entry(inc.date, "strike", inc.belligerent or "", "the strike, as the sources date it", span)
        )
    said: list[Entry] = []
    for source in inc.sources:
        said.extend(_source_entries(source))
    # A promise is an "investigating" statement followed up: shown once, as the promise, with its report.
    promised = {(c.party, _unquoted(c.quote)) for c in inc.commitments}
    origin: dict[tuple[str, str], int | None] = {}
    for e in said:
        key = (e.who, e.detail)
        if e.kind == "statement" and e.what == _STANCES["investigating"] and key in promised:
            origin.setdefault(key, e.source_id)
        else:
            entries.append(e)
    for c in inc.commitments:
        quote = _unquoted(c.quote)
        entries.append(
            Entry(
                c.made_on,
                "promise",
                c.party,
                _PROMISES.get(c.kind, c.kind),
                quote,
                origin.get((c.party, quote)),
            )
        )
        if c.answered_on is not None:
            entries.append(Entry(c.answered_on, "answered", c.party, "answered its promise with a verdict"))
    for v in inc.verdicts:
        detail = "; ".join(
            part
            for part in (
                _deaths(v.deaths_conceded_min, v.deaths_conceded_max),
                ", ".join(r.replace("_", " ") for r in v.reasons),
                f"in {v.published_in}" if v.published_in else "",
                v.note,
            )
            if part
        )
        entries.append(
            Entry(v.decided_on, "verdict", v.belligerent, _VERDICTS.get(v.verdict, v.verdict), detail)
        )
    for a in inc.assessments:
        entries.extend(_assessment_entries(a.created_at, a.user, a.status, a.state, a.grade, a.note))
        if a.reviewed_at is not None and a.status in ("approved", "rejected"):
            entries.append(
                Entry(
                    _day(a.reviewed_at),
                    "assessment",
                    a.reviewer or "",
                    f"{a.status} the proposal",
                    a.review_note,
                )
            )
    strike = inc.date
    dated = [
        Entry(
            e.on,
            e.kind,
            e.who,
            e.what,
            e.detail,
            e.source_id,
            (e.on - strike).days if strike and e.on else None,
        )
        for e in entries
    ]
    return sorted(dated, key=lambda e: (e.on is None, e.on or dt.date.min, KINDS.index(e.kind)))


def _assessment_entries(
    at: dt.datetime, user: str | None, status: str, state: str, grade: str | None, note: str
) -> list[Entry]:
    moved = f"moved it to {state.replace('_', ' ')}" + (f", graded {grade}" if grade else "")
    what = f"proposed: {moved.removeprefix('moved it to ')}" if status != "applied" else moved
    return [Entry(at.date(), "assessment", user or "", what, note)]
