"""Form handlers for the assessment workflow, and the accountability page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from civcas.errors import InputError
from civcas.services import assessments, verdicts
from civcas.services.accountability import belligerent_records
from civcas.services.commitments import list_commitments
from civcas.web.deps import ActorDep, ReadSession, WriteSession, check_csrf
from civcas.web.ui.pages import _page

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


def _back(incident_id: int) -> RedirectResponse:
    return RedirectResponse(f"/incidents/{incident_id}#assessment", status_code=303)


def _count(value: str, what: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise InputError(f"{what} must be a whole number, not {value!r}", code="bad_number")
    return int(value)


@router.post("/incidents/{incident_id}/propose")
def propose_form(
    request: Request,
    incident_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Text,
    grade: Text = "",
    strike_status: Text = "",
    note: Text = "",
    version: Annotated[int | None, Form()] = None,
    state: Text = "",
) -> Response:
    check_csrf(request, csrf)
    assessments.propose(
        session,
        incident_id,
        actor,
        grade=grade,
        strike_status=strike_status or None,
        note=note,
        expected_version=version,
    )
    return _back(incident_id)


@router.post("/assessments/{assessment_id}/review")
def review_form(
    request: Request,
    assessment_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Text,
    decision: Text,
    note: Text = "",
) -> Response:
    check_csrf(request, csrf)
    view = assessments.review(session, assessment_id, actor, approve=decision == "approve", note=note)
    assert view.incident_id is not None
    return _back(view.incident_id)


@router.post("/incidents/{incident_id}/override")
def override_form(
    request: Request,
    incident_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Text,
    figure: Text,
    reason: Text,
    minimum: Text = "",
    maximum: Text = "",
) -> Response:
    check_csrf(request, csrf)
    lo, hi = _count(minimum, "min"), _count(maximum, "max")
    if lo is not None and hi is None:
        hi = lo
    assessments.override_figure(
        session, incident_id, actor, figure=figure, minimum=lo, maximum=hi, reason=reason
    )
    return _back(incident_id)


@router.post("/incidents/{incident_id}/verdict")
def verdict_form(
    request: Request,
    incident_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Text,
    belligerent: Text,
    verdict: Text,
    reason: Text = "",
    deaths: Text = "",
    decided_on: Text = "",
    published_in: Text = "",
) -> Response:
    check_csrf(request, csrf)
    lo = hi = None
    if deaths.strip():
        parts = [p.strip() for p in deaths.split("-", 1)]
        lo, hi = _count(parts[0], "deaths conceded"), _count(parts[-1], "deaths conceded")
    try:
        day = dt.date.fromisoformat(decided_on) if decided_on else None
    except ValueError as exc:
        raise InputError(f"decided on must be a date, not {decided_on!r}", code="bad_date") from exc
    verdicts.record_verdict(
        session,
        incident_id,
        actor,
        belligerent=belligerent,
        verdict=verdict,
        reasons=[reason] if reason else [],
        deaths_conceded=(lo, hi),
        decided_on=day,
        published_in=published_in,
    )
    return RedirectResponse(f"/incidents/{incident_id}#belligerents", status_code=303)


@router.get("/accountability", response_class=HTMLResponse)
def accountability_page(request: Request, session: ReadSession, actor: ActorDep) -> HTMLResponse:
    return _page(
        request,
        "accountability.html",
        actor,
        records=belligerent_records(session, actor),
        commitments=list_commitments(session, actor, status="open"),
    )
