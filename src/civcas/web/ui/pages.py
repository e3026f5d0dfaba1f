"""Server-rendered pages: the incident list, one incident, and signing in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from sqlalchemy.orm import Session

from civcas.assess.reconcile import FIGURES
from civcas.assess.verdicts import NON_CREDIBLE_REASONS
from civcas.errors import CivcasError
from civcas.model.vocabulary import Grade, IncidentState, Role, StrikeStatus, Verdict
from civcas.services import search
from civcas.services.actor import Actor
from civcas.services.assessments import assess
from civcas.services.chronology import incident_chronology
from civcas.services.claims import conflicting_fields, source_claims
from civcas.services.incidents import IncidentFilter, get_incident
from civcas.services.strike_releases import candidates_for_incident
from civcas.services.users import authenticate
from civcas.web.api.filters import form_filter
from civcas.web.deps import ActorDep, ReadSession, WriteSession, check_csrf, csrf_token
from civcas.web.ratelimit import FailureLimiter
from civcas.web.ui.highlight import highlight, highlighted_html
from civcas.web.ui.incident_rows import (
    claim_rows,
    fact_rows,
    labelled_options,
    plain_options,
    source_header,
    state_options,
)
from civcas.web.ui.list_rows import figure, incident_rows

# Every template is escaped, whatever its extension: source texts are untrusted input. The templates
# ship with the package, so they are compiled once, not checked for changes on every render.
templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(Path(__file__).parents[1] / "templates"), autoescape=True, auto_reload=False
    )
)
router = APIRouter(include_in_schema=False)


templates.env.filters["count"] = figure
templates.env.globals["incident_rows"] = incident_rows
templates.env.globals["claim_rows"] = claim_rows
templates.env.globals["fact_rows"] = fact_rows
templates.env.globals["source_header"] = source_header
for _helper in (labelled_options, plain_options, state_options):
    templates.env.globals[_helper.__name__] = _helper
templates.env.filters["label"] = lambda s: (s or "").replace("_", " ")


def _page(request: Request, name: str, actor: Any, **context: Any) -> HTMLResponse:
    context.update(actor=actor, csrf=csrf_token(request))
    return templates.TemplateResponse(request, name, context)


def render_error(request: Request, exc: CivcasError) -> str:
    return templates.get_template("error.html").render(request=request, error=exc, actor=None)


def link_with(request: Request, **changes: str | int | None) -> str:
    """This page's query string with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if v}
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None and value != "":
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def filter_form(session: Session, actor: Actor, flt: IncidentFilter) -> dict[str, Any]:
    """What `_filters.html` shows: the filters as given and the values its menus offer."""
    return {
        "flt": flt,
        "options": search.filter_options(session, actor),
        "states": list(IncidentState),
        "grades": list(Grade),
    }


@router.get("/", response_class=HTMLResponse)
def incident_list(
    request: Request,
    session: ReadSession,
    actor: ActorDep,
    flt: Annotated[IncidentFilter, Depends(form_filter)],
) -> HTMLResponse:
    page = search.incident_page(session, actor, flt)
    total = page.total or 0
    api_params = {k: v for k, v in request.query_params.items() if v and k != "page"}
    api_params.update(limit=str(flt.limit), offset=str(flt.offset))
    return _page(
        request,
        "incidents.html",
        actor,
        page=page,
        incidents=page.items,
        **filter_form(session, actor, flt),
        page_number=flt.offset // flt.limit + 1,
        page_count=max(1, -(-total // flt.limit)),
        link_with=lambda **kw: link_with(request, **kw),
        api_url="/api/incidents?" + urlencode(api_params),
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: int, session: ReadSession, actor: ActorDep) -> HTMLResponse:
    detail = get_incident(session, actor, incident_id)
    # Matched on the incident's own date, place and belligerent, which the detail carries (not redacted).
    releases = candidates_for_incident(session, actor, detail)
    texts = {s.id: highlighted_html(highlight(s)) for s in detail.sources}
    claims = source_claims(detail.sources)
    return _page(
        request,
        "incident.html",
        actor,
        inc=detail,
        texts=texts,
        claims=claims,
        conflicts=conflicting_fields(claims),
        grades=list(Grade),
        statuses=list(StrikeStatus),
        states=list(IncidentState),
        can_assess=actor.can(Role.ANALYST),
        can_review=actor.can(Role.REVIEWER),
        releases=releases,
        verdict_values=[v.value for v in Verdict],
        reasons=NON_CREDIBLE_REASONS,
        figures=FIGURES,
        chronology=incident_chronology(detail),
    )


@router.post("/incidents/{incident_id}/assess")
def incident_assess(
    request: Request,
    incident_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Annotated[str, Form()],
    state: Annotated[str, Form()] = "",
    grade: Annotated[str, Form()] = "",
    strike_status: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    version: Annotated[int | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf)
    assess(
        session,
        incident_id,
        actor,
        state=state or None,
        grade=grade or None,
        strike_status=strike_status or None,
        note=note,
        expected_version=version,
    )
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, actor: ActorDep) -> HTMLResponse:
    return _page(request, "login.html", actor, failed=False)


@router.post("/login", response_model=None)
def login(
    request: Request,
    session: ReadSession,
    actor: ActorDep,
    csrf: Annotated[str, Form()],
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> Response:
    check_csrf(request, csrf)
    limiter: FailureLimiter = request.app.state.login_limiter
    key = f"{request.client.host if request.client else '?'}|{username.casefold()}"
    wait = limiter.retry_after(key)
    if wait:
        response = _page(request, "login.html", actor, failed=False, locked_for=wait)
        response.status_code = 429
        response.headers["retry-after"] = str(wait)
        return response
    who = authenticate(session, username, password)
    if who is None:
        limiter.failed(key)
        response = _page(request, "login.html", actor, failed=True)
        response.status_code = 401
        return response
    limiter.succeeded(key)
    request.session.clear()
    request.session["user"] = who.username
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/", status_code=303)
