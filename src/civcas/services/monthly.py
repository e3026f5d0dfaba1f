"""The figures of a monthly report: the month's incidents, their civilian toll by belligerent and by
grade, and the belligerents' own verdicts given that month.

By default the report is a publication and covers published incidents only, as an anonymous
reader would see them; an internal draft may include every incident.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.errors import InputError
from civcas.model.incident import IncidentSummary
from civcas.model.vocabulary import Grade
from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter, list_incidents, visible_incidents
from civcas.store.tables import BelligerentVerdict

NOT_COUNTED_GRADES = (Grade.DISCOUNTED.value,)


@dataclass(frozen=True, slots=True)
class BelligerentToll:
    belligerent: str
    incidents: int
    killed_min: int
    killed_max: int
    by_grade: dict[str, int]


@dataclass(frozen=True, slots=True)
class VerdictLine:
    incident_id: int
    incident_title: str
    belligerent: str
    verdict: str
    deaths_conceded: str | None
    decided_on: date | None
    published_in: str


@dataclass(slots=True)
class MonthlyReport:
    month: str  # YYYY-MM
    title: str  # "May 2017"
    first_day: date
    last_day: date
    incidents: list[IncidentSummary]
    published_only: bool
    killed_min: int = 0
    killed_max: int = 0
    by_belligerent: list[BelligerentToll] = field(default_factory=list)
    by_grade: dict[str, int] = field(default_factory=dict)
    verdicts: list[VerdictLine] = field(default_factory=list)


def parse_month(month: str) -> tuple[date, date]:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise InputError(f"month must look like 2017-05, not {month!r}", code="bad_month")
    year, number = int(month[:4]), int(month[5:])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def monthly_report(session: Session, actor: Actor, month: str) -> MonthlyReport:
    first, last = parse_month(month)
    rows = list_incidents(
        session, actor, IncidentFilter(date_from=first, date_to=last, sort="date", limit=1_000_000)
    )
    report = MonthlyReport(
        month=month,
        title=f"{calendar.month_name[first.month]} {first.year}",
        first_day=first,
        last_day=last,
        incidents=rows,
        published_only=actor.is_anonymous,
        by_grade={g.value: 0 for g in Grade} | {"": 0},
    )
    tolls: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    grades_by_belligerent: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for inc in rows:
        report.by_grade[inc.grade or ""] += 1
        who = inc.belligerent or "Unknown"
        grades_by_belligerent[who][inc.grade or ""] += 1
        toll = tolls[who]
        toll[0] += 1
        if inc.civilians_killed and inc.grade not in NOT_COUNTED_GRADES:
            toll[1] += inc.civilians_killed.min
            toll[2] += inc.civilians_killed.max
    report.by_belligerent = sorted(
        (BelligerentToll(b, n, lo, hi, dict(grades_by_belligerent[b])) for b, (n, lo, hi) in tolls.items()),
        key=lambda t: (-t.killed_min, -t.incidents, t.belligerent),
    )
    report.killed_min = sum(t.killed_min for t in report.by_belligerent)
    report.killed_max = sum(t.killed_max for t in report.by_belligerent)
    report.verdicts = _verdicts(session, actor, first, last)
    return report


def _verdicts(session: Session, actor: Actor, first: date, last: date) -> list[VerdictLine]:
    visible = visible_incidents(actor).subquery()
    stmt = (
        select(BelligerentVerdict, visible.c.title)
        .join(visible, visible.c.id == BelligerentVerdict.incident_id)
        .where(BelligerentVerdict.decided_on >= first, BelligerentVerdict.decided_on <= last)
        .order_by(BelligerentVerdict.decided_on, BelligerentVerdict.id)
    )
    lines = []
    for row in session.execute(stmt):
        v, title = row.BelligerentVerdict, row.title
        lo, hi = v.deaths_conceded_min, v.deaths_conceded_max
        conceded = None if lo is None else (str(lo) if hi in (None, lo) else f"{lo}–{hi}")
        lines.append(
            VerdictLine(
                v.incident_id, title, v.belligerent, v.verdict, conceded, v.decided_on, v.published_in
            )
        )
    return lines
