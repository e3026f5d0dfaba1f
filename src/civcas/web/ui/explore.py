"""Pages for looking across incidents: the map, the dashboards and the review queue."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from civcas.model.vocabulary import IncidentState, Role
from civcas.services.actor import Actor
from civcas.services.assessments import assess
from civcas.services.incidents import IncidentFilter
from civcas.services.queue import review_queue
from civcas.services.reused import Reused
from civcas.services.stats import CACHE_SECONDS, cached_dashboard_stats
from civcas.web.api.filters import form_filter
from civcas.web.deps import ActorDep, ReadSession, WriteSession, check_csrf
from civcas.web.ui.charts import GRADE_COLOURS, bar_list_chart, deaths_chart
from civcas.web.ui.pages import _page, filter_form, templates

router = APIRouter(include_in_schema=False)
QUEUE_PAGE = 50

# Filter parameters the JSON endpoints share with the forms (paging and sorting are the page's own).
FILTER_KEYS = (
    "q",
    "date_from",
    "date_to",
    "belligerent",
    "admin1",
    "grade",
    "state",
    "killed_min",
    "killed_max",
    "language",
)


def filter_query(request: Request) -> str:
    return urlencode({k: v for k, v in request.query_params.items() if k in FILTER_KEYS and v})


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    session: ReadSession,
    actor: ActorDep,
    flt: Annotated[IncidentFilter, Depends(form_filter)],
) -> HTMLResponse:
    query = filter_query(request)
    settings = request.app.state.settings
    return _page(
        request,
        "map.html",
        actor,
        **filter_form(session, actor, flt),
        data_url="/api/incidents.geojson" + (f"?{query}" if query else ""),
        list_url="/" + (f"?{query}" if query else ""),
        timeline_url="/timeline" + (f"?{query}" if query else ""),
        tile_url=settings.tile_url or "",
        tile_attribution=settings.tile_attribution,
    )


# The dashboard's body (figures and charts, the same for every reader of one audience) is
# rendered, escaped, at most every CACHE_SECONDS: drawing ten years of monthly bars costs more
# than reading the figures.
_bodies: Reused[Markup] = Reused(CACHE_SECONDS)


def _dashboard_body(session: Session, actor: Actor) -> Markup:
    key = (str(session.get_bind().engine.url), actor.is_anonymous)
    return _bodies.get(key, lambda: _draw_dashboard_body(session, actor))


def _draw_dashboard_body(session: Session, actor: Actor) -> Markup:
    stats = cached_dashboard_stats(session, actor)
    grades = [(g or "not graded", n, GRADE_COLOURS[g]) for g, n in stats.incidents_by_grade.items()]
    ages = [(label, n, "#5e6b78") for label, n in stats.open_commitments_by_age.items()]
    html = templates.get_template("_dashboard_body.html").render(
        stats=stats,
        deaths=deaths_chart(stats.deaths_by_month, stats.belligerents),
        by_grade=bar_list_chart(grades),
        by_age=bar_list_chart(ages),
        killed_total=sum(m.killed_min for m in stats.deaths_by_month),
        killed_total_max=sum(m.killed_max for m in stats.deaths_by_month),
    )
    return Markup(html)  # the output of an autoescaped template, not raw input


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: ReadSession, actor: ActorDep) -> HTMLResponse:
    return _page(request, "dashboard.html", actor, body=_dashboard_body(session, actor))


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, session: ReadSession, actor: ActorDep, page: int = 1) -> HTMLResponse:
    number = max(1, page)
    found = review_queue(session, actor, limit=QUEUE_PAGE, offset=(number - 1) * QUEUE_PAGE)
    return _page(
        request,
        "queue.html",
        actor,
        page=found,
        page_number=number,
        page_count=max(1, -(-(found.total or 0) // QUEUE_PAGE)),
        can_triage=actor.can(Role.ANALYST),
    )


@router.post("/incidents/{incident_id}/triage")
def queue_triage(
    request: Request,
    incident_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Annotated[str, Form()],
    version: Annotated[int | None, Form()] = None,
    page: Annotated[int, Form()] = 1,
) -> Response:
    """Move a new incident to triaged, and come back to the same place in the queue."""
    check_csrf(request, csrf)
    assess(
        session,
        incident_id,
        actor,
        state=IncidentState.TRIAGED.value,
        note="triaged from the review queue",
        expected_version=version,
    )
    return RedirectResponse(f"/queue?page={max(1, page)}#incident-{incident_id}", status_code=303)
