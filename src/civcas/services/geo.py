"""Incidents as map points: only the columns a marker needs, so a map of many incidents stays light."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter
from civcas.services.search import incident_conditions, ranked_matches, search_words
from civcas.store.tables import Incident

# Browsers cluster tens of thousands of markers smoothly; beyond that the map shows the newest.
MAP_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: int
    title: str
    date: dt.date | None
    lat: float
    lon: float
    grade: str | None
    state: str
    belligerent: str | None
    killed_min: int | None
    killed_max: int | None


@dataclass(frozen=True, slots=True)
class MapPoints:
    points: list[MapPoint]
    truncated: bool  # more incidents match than the map shows


def map_points(session: Session, actor: Actor, flt: IncidentFilter, limit: int = MAP_LIMIT) -> MapPoints:
    """Incidents with coordinates that match the list's filters, newest first."""
    stmt = select(
        Incident.id,
        Incident.title,
        Incident.date,
        Incident.lat,
        Incident.lon,
        Incident.grade,
        Incident.state,
        Incident.belligerent,
        Incident.civilians_killed_min,
        Incident.civilians_killed_max,
    ).where(Incident.lat.is_not(None), Incident.lon.is_not(None))
    conditions = incident_conditions(actor, flt)
    if conditions.where is not None:
        stmt = stmt.where(conditions.where)
    words = search_words(flt.q)
    if words:
        best, _ = ranked_matches(session, words, conditions)
        stmt = stmt.where(Incident.id.in_(list(best)))
    stmt = stmt.order_by(Incident.date.desc().nulls_last(), Incident.id.desc()).limit(limit + 1)
    rows = [
        MapPoint(
            id=r.id,
            title=r.title,
            date=r.date,
            lat=float(r.lat or 0),
            lon=float(r.lon or 0),
            grade=r.grade,
            state=r.state,
            belligerent=r.belligerent,
            killed_min=r.civilians_killed_min,
            killed_max=r.civilians_killed_max,
        )
        for r in session.execute(stmt, conditions.params)
    ]
    return MapPoints(rows[:limit], truncated=len(rows) > limit)
