"""Form handlers for merging and splitting incidents from the incident page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from civcas.errors import InputError
from civcas.services.incident_edits import merge_incidents, split_incident
from civcas.web.deps import ActorDep, WriteSession, check_csrf

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


@router.post("/incidents/{incident_id}/merge")
def merge_form(
    request: Request, incident_id: int, session: WriteSession, actor: ActorDep, csrf: Text, other: Text = "",
    note: Text = "",
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    if not other.strip().isdigit():
        raise InputError(f"the incident to merge must be a number, not {other!r}", code="bad_number")
    merge_incidents(session, incident_id, int(other), actor, note=note)
    return RedirectResponse(f"/incidents/{incident_id}#link-edits", status_code=303)


@router.post("/incidents/{incident_id}/split")
def split_form(
    request: Request,
    incident_id: int,
    session: WriteSession,
    actor: ActorDep,
    csrf: Text,
    reports: Annotated[list[int] | None, Form()] = None,
    note: Text = "",
) -> Response:
    check_csrf(request, csrf)
    done = split_incident(session, incident_id, reports or [], actor, note=note)
    return RedirectResponse(f"/incidents/{done.new_incident_id}", status_code=303)
