"""The timeline page: incidents and civilian deaths per period, filtered like the list and the map.

Every bar and every row leads on: to the list of its period, to the map of it, or to the timeline
of that period alone, drawn a finer unit at a time.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from civcas.services.incidents import IncidentFilter
from civcas.services.timeline import PERIOD_LIMIT, UNITS, Period, incident_timeline, period_label
from civcas.web.api.filters import form_filter
from civcas.web.deps import ActorDep, ReadSession
from civcas.web.ui.charts import GRADE_ORDER, killed_chart, timeline_chart
from civcas.web.ui.explore import FILTER_KEYS, filter_query
from civcas.web.ui.pages import _page, filter_form

router = APIRouter(include_in_schema=False)

# The filters a period's links carry over; its own dates replace the page's.
_NOT_DATES = tuple(k for k in FILTER_KEYS if k not in ("date_from", "date_to"))


def period_query(request: Request, flt: IncidentFilter, period: Period) -> str:
    """The page's filters with the period's dates (within the filter's own), as a query string."""
    first = max(period.start, flt.date_from) if flt.date_from else period.start
    last = min(period.end, flt.date_to) if flt.date_to else period.end
    kept = {k: v for k, v in request.query_params.items() if k in _NOT_DATES and v}
    return urlencode({**kept, "date_from": first.isoformat(), "date_to": last.isoformat()})


def _with_unit(query: str, unit: str | None) -> str:
    """This timeline by another unit (None: the one that fits the span)."""
    parts = [query] if query else []
    if unit:
        parts.append(urlencode({"unit": unit}))
    return "/timeline" + (f"?{'&'.join(parts)}" if parts else "")


def _grades_in_order(by_grade: dict[str, int]) -> list[tuple[str, int]]:
    """A period's counts per grade in the charts' order (any other value last)."""
    known = [(g, by_grade[g]) for g in GRADE_ORDER if by_grade.get(g)]
    return known + sorted((g, n) for g, n in by_grade.items() if n and g not in GRADE_ORDER)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    session: ReadSession,
    actor: ActorDep,
    flt: Annotated[IncidentFilter, Depends(form_filter)],
) -> HTMLResponse:
    asked = request.query_params.get("unit") or None
    timeline = incident_timeline(session, actor, flt, asked)
    queries = [period_query(request, flt, p) for p in timeline.periods]
    query = filter_query(request)
    rows = [
        (p, period_label(p.start, timeline.unit), _grades_in_order(p.by_grade), q)
        for p, q in zip(timeline.periods, queries, strict=True)
        if p.incidents
    ]
    return _page(
        request,
        "timeline.html",
        actor,
        **filter_form(session, actor, flt),
        timeline=timeline,
        unit_links=[(u, _with_unit(query, u)) for u in UNITS],
        auto_link=_with_unit(query, None),
        asked=asked,
        period_limit=PERIOD_LIMIT,
        rows=rows,
        finest=timeline.unit == "day",
        incidents_chart=timeline_chart(timeline.periods, timeline.unit, [f"/?{q}" for q in queries]),
        deaths_chart=killed_chart(timeline.periods, timeline.unit, [f"/?{q}" for q in queries]),
        data_url="/api" + _with_unit(query, timeline.unit),
        list_url="/" + (f"?{query}" if query else ""),
        map_url="/map" + (f"?{query}" if query else ""),
    )
