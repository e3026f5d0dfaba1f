"""The dashboards' figures as JSON (the twin of /dashboard)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from civcas.services.stats import cached_dashboard_stats
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api", tags=["stats"])


class MonthDeathsOut(BaseModel):
    month: str
    belligerent: str | None
    incidents: int
    civilians_killed_min: int
    civilians_killed_max: int


class StatsOut(BaseModel):
    as_of: date
    published_only: bool
    incidents: int
    undated_incidents: int
    civilian_deaths_by_month: list[MonthDeathsOut]
    incidents_by_grade: dict[str, int]
    open_commitments_by_age: dict[str, int]


@router.get("/stats", response_model=StatsOut, summary="Dashboard figures")
def api_stats(session: ReadSession, actor: ActorDep) -> StatsOut:
    """Civilian deaths per month by belligerent (incidents graded Discounted not counted),
    incidents by grade ("not graded" for none yet), open commitments by age. Anonymous
    callers get figures over published incidents only."""
    stats = cached_dashboard_stats(session, actor)
    grades = {(k or "not graded"): v for k, v in stats.incidents_by_grade.items()}
    return StatsOut(
        as_of=stats.as_of,
        published_only=stats.published_only,
        incidents=stats.incidents,
        undated_incidents=stats.undated_incidents,
        civilian_deaths_by_month=[
            MonthDeathsOut(
                month=m.month,
                belligerent=m.belligerent or None,
                incidents=m.incidents,
                civilians_killed_min=m.killed_min,
                civilians_killed_max=m.killed_max,
            )
            for m in stats.deaths_by_month
        ],
        incidents_by_grade=grades,
        open_commitments_by_age=stats.open_commitments_by_age,
    )
