"""The dashboards' figures: civilian deaths per month by belligerent, incidents by grade, open
commitments by age.

Incident figures come from `incident_rollup`, which database triggers keep current on every
write (migration 0004): a few thousand rows to sum, however many incidents there are.
Commitments are few and indexed by status, so they are counted directly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from civcas.model.vocabulary import Grade, IncidentState
from civcas.services.actor import Actor
from civcas.services.reused import Reused
from civcas.store.tables import Commitment, Incident, IncidentRollup

# (label, oldest age in days it covers); ages beyond the last bound fall in the last bucket.
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    ("under 30 days", 29),
    ("30–89 days", 89),
    ("90–179 days", 179),
    ("180–364 days", 364),
    ("a year or more", 10**9),
)
UNKNOWN_AGE = "date unknown"
# Deaths in incidents the monitor discounted are not counted towards civilian harm.
NOT_COUNTED_GRADES = (Grade.DISCOUNTED.value,)


@dataclass(frozen=True, slots=True)
class MonthDeaths:
    month: str  # YYYY-MM
    belligerent: str  # "" when unknown
    incidents: int
    killed_min: int
    killed_max: int


@dataclass(frozen=True, slots=True)
class Stats:
    deaths_by_month: list[MonthDeaths]
    incidents_by_grade: dict[str, int]  # "" is not graded yet
    open_commitments_by_age: dict[str, int]
    incidents: int
    undated_incidents: int
    as_of: date
    published_only: bool
    belligerents: list[str] = field(default_factory=list)  # by deaths, most first


def _rollup_scope(actor: Actor) -> list[ColumnElement[bool]]:
    if actor.is_anonymous:
        return [IncidentRollup.state == IncidentState.PUBLISHED.value]
    return []


# The dashboard is read far more than incidents change: its figures are reused for a few seconds.
CACHE_SECONDS = 5.0
_cache: Reused[Stats] = Reused(CACHE_SECONDS)


def cached_dashboard_stats(session: Session, actor: Actor) -> Stats:
    """dashboard_stats, at most CACHE_SECONDS old, per database and per audience (public or staff)."""
    key = (str(session.get_bind().engine.url), actor.is_anonymous)
    return _cache.get(key, lambda: dashboard_stats(session, actor), lambda s: s.as_of == date.today())


def dashboard_stats(session: Session, actor: Actor, today: date | None = None) -> Stats:
    today = today or date.today()
    scope = _rollup_scope(actor)
    deaths_rows = session.execute(
        select(
            IncidentRollup.month,
            IncidentRollup.belligerent,
            func.sum(IncidentRollup.incidents),
            func.sum(IncidentRollup.killed_min),
            func.sum(IncidentRollup.killed_max),
        )
        .where(*scope, IncidentRollup.incidents > 0, IncidentRollup.grade.not_in(NOT_COUNTED_GRADES))
        .group_by(IncidentRollup.month, IncidentRollup.belligerent)
        .order_by(IncidentRollup.month, IncidentRollup.belligerent)
    )
    deaths: list[MonthDeaths] = []
    undated = 0
    totals: dict[str, int] = defaultdict(int)
    for month, belligerent, n, lo, hi in deaths_rows:
        if not month:
            undated += int(n or 0)
            continue
        deaths.append(MonthDeaths(month, belligerent, int(n or 0), int(lo or 0), int(hi or 0)))
        totals[belligerent] += int(lo or 0)
    grade_rows = session.execute(
        select(IncidentRollup.grade, func.sum(IncidentRollup.incidents))
        .where(*scope)
        .group_by(IncidentRollup.grade)
    )
    grades = {grade: n for grade, n in grade_rows}
    by_grade = {g.value: int(grades.get(g.value) or 0) for g in Grade}
    by_grade[""] = int(grades.get("") or 0)
    return Stats(
        deaths_by_month=deaths,
        incidents_by_grade=by_grade,
        open_commitments_by_age=open_commitments_by_age(session, actor, today),
        incidents=sum(by_grade.values()),
        undated_incidents=undated,
        as_of=today,
        published_only=actor.is_anonymous,
        belligerents=sorted(totals, key=lambda b: (-totals[b], b)),
    )


def open_commitments_by_age(session: Session, actor: Actor, today: date) -> dict[str, int]:
    """Open promises (to investigate, to answer) counted by how long ago they were made."""
    stmt = (
        select(Commitment.made_on, func.count())
        .where(Commitment.status == "open")
        .group_by(Commitment.made_on)
    )
    if actor.is_anonymous:
        stmt = stmt.join(Incident, Incident.id == Commitment.incident_id).where(
            Incident.state == IncidentState.PUBLISHED.value
        )
    counts = {label: 0 for label, _ in AGE_BUCKETS}
    counts[UNKNOWN_AGE] = 0
    for made_on, n in session.execute(stmt):
        if made_on is None:
            counts[UNKNOWN_AGE] += int(n)
            continue
        age = (today - made_on).days
        label = next(label for label, oldest in AGE_BUCKETS if age <= oldest)
        counts[label] += int(n)
    return counts


def rollup_drift(session: Session) -> list[tuple[str, str, str, str]]:
    """Keys where the rollup disagrees with the incidents themselves (a check for tests and audits)."""
    truth: dict[tuple[str, str, str, str], tuple[int, int, int]] = defaultdict(lambda: (0, 0, 0))
    rows = session.execute(
        select(
            Incident.date,
            Incident.belligerent,
            Incident.grade,
            Incident.state,
            Incident.civilians_killed_min,
            Incident.civilians_killed_max,
        )
    )
    for day, bel, grade, state, lo, hi in rows:
        key = (day.strftime("%Y-%m") if day else "", bel or "", grade or "", state)
        n, a, b = truth[key]
        truth[key] = (n + 1, a + (lo or 0), b + (hi if hi is not None else lo or 0))
    stored = {
        (r.month, r.belligerent, r.grade, r.state): (r.incidents, r.killed_min, r.killed_max)
        for r in session.scalars(select(IncidentRollup))
        if r.incidents
    }
    return sorted(k for k in set(truth) | set(stored) if truth.get(k) != stored.get(k))
