"""Incidents and civilian deaths per period as JSON (the twin of /timeline)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from civcas.services.incidents import IncidentFilter
from civcas.services.timeline import incident_timeline
from civcas.web.api.filters import incident_filter
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api", tags=["stats"])


class PeriodOut(BaseModel):
    start: date
    end: date
    label: str
    incidents: int
    incidents_by_grade: dict[str, int]
    civilians_killed_min: int
    civilians_killed_max: int
    civilians_killed_by_belligerent: dict[str, int]


class TimelineOut(BaseModel):
    unit: Literal["day", "week", "month", "year"]
    published_only: bool
    incidents: int
    undated_incidents: int
    civilians_killed_min: int
    civilians_killed_max: int
    matched_reports: int | None
    capped: bool
    periods: list[PeriodOut]


@router.get("/timeline", response_model=TimelineOut, summary="Incidents and civilian deaths per period")
def api_timeline(
    session: ReadSession,
    actor: ActorDep,
    flt: Annotated[IncidentFilter, Depends(incident_filter)],
    unit: Annotated[
        Literal["day", "week", "month", "year"] | None,
        Query(description="Period length; left out, the finest that draws the span in at most 120 periods"),
    ] = None,
) -> TimelineOut:
    """The incidents matching the list's filters per day, week (from Monday), month or year, every
    period from the first to the last (or over `date_from`-`date_to`) included, empty ones too.
    Civilian deaths are the lowest and highest reported counts summed, incidents graded Discounted
    left out (by belligerent: the lowest counts); incidents without a date are counted in `undated_incidents`, in no period. With `q`,
    the incidents of the most recent matching reports (`capped` when more match). Anonymous callers
    get published incidents only."""
    timeline = incident_timeline(session, actor, flt, unit)
    return TimelineOut(
        unit=timeline.unit,
        published_only=actor.is_anonymous,
        incidents=timeline.incidents,
        undated_incidents=timeline.undated,
        civilians_killed_min=timeline.killed_min,
        civilians_killed_max=timeline.killed_max,
        matched_reports=timeline.matched_reports,
        capped=timeline.capped,
        periods=[PeriodOut(**row) for row in timeline.rows()],
    )
