"""Incidents over time: how many, how graded and how many civilians killed, per day, week, month or year.

The timeline takes the list's filters. Its periods run without gaps from the first to the last
(or over the dates the filter names), so a quiet week shows as one. Civilian deaths leave out
incidents graded Discounted, as the dashboard does; the incidents themselves are all counted.

Two ways to count, one answer: by month or year, when the filters are all keys of the
trigger-kept `incident_rollup` (belligerent, state, grade, whole months), the rollup is summed
(a few thousand rows, however many incidents); otherwise the matching incidents are grouped by
day and grade in the database and gathered into periods here. A text search counts the incidents
of the most recent matching reports the list ranks (SEARCH_WINDOW), and says when that window filled.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from civcas.errors import InputError
from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter
from civcas.services.search import (
    SEARCH_WINDOW,
    AnySelect,
    incident_conditions,
    ranked_matches,
    rollup_params,
    rollup_where,
    search_words,
    where_clause,
)
from civcas.services.stats import NOT_COUNTED_GRADES
from civcas.store import core
from civcas.store.tables import Incident, IncidentRollup

UNITS = ("day", "week", "month", "year")
# The automatic unit: the finest that draws the span in at most this many periods.
MAX_PERIODS = 120
# A unit asked for that would draw more periods than this is coarsened (a misread year 1900 must
# not draw 45,000 daily bars).
PERIOD_LIMIT = 1000


@dataclass(slots=True)
class Period:
    start: date
    end: date  # the period's last day
    incidents: int = 0
    killed_min: int = 0  # civilians killed, lowest reported counts summed (Discounted left out)
    killed_max: int = 0
    by_grade: dict[str, int] = field(default_factory=dict)  # "" for not graded yet
    # Civilians killed (lowest counts, Discounted left out) by the belligerent alleged; "" for unknown.
    killed_by_belligerent: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Timeline:
    unit: str
    periods: list[Period]
    undated: int  # matching incidents without a date: in no period
    incidents: int  # all matching incidents, undated included
    matched_reports: int | None = None  # a text search: reports ranked
    capped: bool = False  # a text search's window filled: more reports match than were counted

    @property
    def killed_min(self) -> int:
        return sum(p.killed_min for p in self.periods)

    @property
    def killed_max(self) -> int:
        return sum(p.killed_max for p in self.periods)

    def rows(self) -> list[dict[str, Any]]:
        """Each period as the API and the CLI give it ("not graded" for incidents without a grade)."""
        return [
            {
                "start": p.start,
                "end": p.end,
                "label": period_label(p.start, self.unit),
                "incidents": p.incidents,
                "incidents_by_grade": {(g or "not graded"): n for g, n in sorted(p.by_grade.items())},
                "civilians_killed_by_belligerent": {
                    (b or "unknown"): n for b, n in sorted(p.killed_by_belligerent.items())
                },
                "civilians_killed_min": p.killed_min,
                "civilians_killed_max": p.killed_max,
            }
            for p in self.periods
        ]


def period_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":  # ISO weeks, from Monday
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_start(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return date(start.year + 1, 1, 1) if start.month == 12 else date(start.year, start.month + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, unit: str) -> str:
    """ "2023-10-07", "week of 2023-10-02", "2023-10", "2023"."""
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        return f"week of {start.isoformat()}"
    if unit == "month":
        return start.strftime("%Y-%m")
    return str(start.year)


def _count_periods(first: date, last: date, unit: str) -> int:
    days = (last - first).days
    if unit == "day":
        return days + 1
    if unit == "week":
        return days // 7 + 2
    if unit == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def choose_unit(first: date, last: date, asked: str | None) -> str:
    """The unit asked for, coarsened past PERIOD_LIMIT periods; or the finest within MAX_PERIODS."""
    limit = PERIOD_LIMIT if asked else MAX_PERIODS
    for unit in UNITS[UNITS.index(asked) if asked else 0 :]:
        if _count_periods(first, last, unit) <= limit:
            return unit
    return "year"


_LAST_DRAWN = date(9998, 12, 31)

# One count per day (or month), grade and belligerent: (first day, grade, belligerent) -> (incidents,
# killed min, killed max).
_Counts = dict[tuple[date, str, str], tuple[int, int, int]]


def incident_timeline(
    session: Session, actor: Actor, flt: IncidentFilter, unit: str | None = None
) -> Timeline:
    """The incidents matching the list's filters, gathered into periods of `unit` (None: chosen by span)."""
    if unit is not None and unit not in UNITS:
        raise InputError(f"unknown unit {unit!r}; valid: {', '.join(UNITS)}", code="bad_unit")
    words = search_words(flt.q)
    if not words and unit != "day" and unit != "week":
        monthly = _rollup_counts(session, actor, flt)
        if monthly is not None:
            counts, undated = monthly
            first, last = _bounds(counts, flt, "month")
            chosen = choose_unit(first, last, unit)
            if chosen in ("month", "year"):
                return _gather(counts, undated, first, last, chosen)
    counts, undated, matched = _incident_counts(session, actor, flt, words)
    first, last = _bounds(counts, flt, "day")
    timeline = _gather(counts, undated, first, last, choose_unit(first, last, unit))
    if matched is None:
        return timeline
    return replace(timeline, matched_reports=matched, capped=matched >= SEARCH_WINDOW)


def timeline_of(
    incidents: Iterable[tuple[date | None, str | None, str | None, int | None, int | None]],
    first: date,
    last: date,
    unit: str,
) -> Timeline:
    """The timeline of incidents already read, as (date, grade, belligerent, civilians killed min,
    max) each:
    the monthly report draws its month day by day from the incidents it lists."""
    counts: _Counts = {}
    undated = 0
    for day, grade, belligerent, lo, hi in incidents:
        if day is None:
            undated += 1
        else:
            _add(counts, day, grade, belligerent, 1, lo, hi if hi is not None else lo)
    return _gather(counts, undated, first, last, unit)


def _bounds(counts: _Counts, flt: IncidentFilter, unit: str) -> tuple[date, date]:
    """First and last day to draw: the filter's dates where it names them, else the data's."""
    days = [day for day, _, _ in counts]
    first = flt.date_from or (min(days) if days else None)
    last = flt.date_to or (max(days) if days else None)
    if first is None or last is None:
        today = date.today()
        first, last = first or last or today, last or first or today
    first, last = (first, last) if first <= last else (last, first)
    # The last period must have a next one to end before: nothing is drawn past the calendar's end.
    first, last = min(first, _LAST_DRAWN), min(last, _LAST_DRAWN)
    if unit == "month" and flt.date_to is None:  # a month's row counts to the month's end
        last = next_start(period_start(last, "month"), "month") - timedelta(days=1)
    return first, last


_UNSEEN = Period(date.min, date.min)


def _gather(counts: _Counts, undated: int, first: date, last: date, unit: str) -> Timeline:
    periods: list[Period] = []
    index: dict[date, Period] = {}
    start = period_start(first, unit)
    while start <= last:
        following = next_start(start, unit)
        period = Period(start, following - timedelta(days=1))
        periods.append(period)
        index[start] = period
        start = following
    total = undated
    period_of: dict[date, Period | None] = {}  # each day's period, looked up once per day
    for (day, grade, belligerent), (n, lo, hi) in counts.items():
        total += n
        found = period_of.get(day, _UNSEEN)
        if found is _UNSEEN:
            found = period_of[day] = index.get(period_start(day, unit))
        if found is None:  # a misread day past the last drawn (the year 9999): counted, not drawn
            continue
        found.incidents += n
        found.by_grade[grade] = found.by_grade.get(grade, 0) + n
        if grade not in NOT_COUNTED_GRADES:
            found.killed_min += lo
            found.killed_max += hi
            if lo:
                by = found.killed_by_belligerent
                by[belligerent] = by.get(belligerent, 0) + lo
    return Timeline(unit, periods, undated, total)


def _rollup_counts(session: Session, actor: Actor, flt: IncidentFilter) -> tuple[_Counts, int] | None:
    """Counts per month and grade from the rollup; None when a filter is not one of its keys."""
    params = rollup_params(flt)
    if params is None:
        return None
    counts: _Counts = {}
    undated = 0
    for month, grade, belligerent, n, lo, hi in core.read_tuples(
        session, _rollup_select(actor.is_anonymous, tuple(params)), params
    ):
        if not n:
            continue
        if not month:
            undated += int(n)
            continue
        _add(counts, date(int(month[:4]), int(month[5:7]), 1), grade, belligerent, n, lo, hi)
    return counts, undated


@functools.cache
def _rollup_select(anonymous: bool, keys: tuple[str, ...]) -> AnySelect:
    stmt = select(
        IncidentRollup.month,
        IncidentRollup.grade,
        IncidentRollup.belligerent,
        func.sum(IncidentRollup.incidents),
        func.sum(IncidentRollup.killed_min),
        func.sum(IncidentRollup.killed_max),
    ).group_by(IncidentRollup.month, IncidentRollup.grade, IncidentRollup.belligerent)
    return rollup_where(stmt, anonymous, keys)


def _incident_counts(
    session: Session, actor: Actor, flt: IncidentFilter, words: list[str]
) -> tuple[_Counts, int, int | None]:
    """Counts per day and grade over the matching incidents, the undated ones, and the reports a
    text search ranked (None without one)."""
    conditions = incident_conditions(actor, flt)
    params = dict(conditions.params)
    matched = None
    if words:
        best, matched = ranked_matches(session, words, conditions)
        params["incident_ids"] = list(best)
    counts: _Counts = {}
    undated = 0
    # Core, not the ORM: ten years of days by grade and belligerent are tens of thousands of rows.
    # The driver's tuples: SQLAlchemy's rows cost more than the query for ten years of days. SQLite
    # gives the day as ISO text (each read once), PostgreSQL as a date.
    days: dict[Any, date] = {}
    stmt = _counts_select(conditions.key, bool(words))
    for day, grade, belligerent, n, lo, hi in core.read_tuples(session, stmt, params):
        if day is None:
            undated += int(n)
            continue
        when = days.get(day)
        if when is None:
            when = days[day] = day if isinstance(day, date) else date.fromisoformat(day)
        _add(counts, when, grade, belligerent, n, lo, hi)
    return counts, undated, matched


@functools.cache
def _counts_select(conditions: tuple[bool, tuple[str, ...]], searched: bool) -> AnySelect:
    """Incidents and civilians killed per day, grade and belligerent (read through the covering
    index ix_incidents_timeline), built once per combination of filters."""
    stmt: AnySelect = select(
        Incident.date,
        Incident.grade,
        Incident.belligerent,
        func.count(),
        func.sum(Incident.civilians_killed_min),
        func.sum(func.coalesce(Incident.civilians_killed_max, Incident.civilians_killed_min)),
    ).group_by(Incident.date, Incident.grade, Incident.belligerent)
    where = where_clause(*conditions)
    if where is not None:
        stmt = stmt.where(where)
    if searched:
        stmt = stmt.where(Incident.id.in_(bindparam("incident_ids", expanding=True)))
    return stmt


def _add(
    counts: _Counts, day: date, grade: str | None, belligerent: str | None, n: Any, lo: Any, hi: Any
) -> None:
    """Add a group's figures (no grade and "" are one: not graded yet; likewise no belligerent)."""
    key = (day, grade or "", belligerent or "")
    was = counts.get(key, (0, 0, 0))
    counts[key] = (was[0] + int(n), was[1] + int(lo or 0), was[2] + int(hi or 0))
