"""JSON API for incidents and their assessments."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from civcas.model.incident import AssessmentView, IncidentDetail, IncidentSummary
from civcas.services.assessments import assess
from civcas.services.chronology import Entry, incident_chronology
from civcas.services.incidents import IncidentFilter, get_incident
from civcas.services.search import incident_page
from civcas.web.api.filters import paged_filter
from civcas.web.api.params import IncidentId
from civcas.web.deps import ActorDep, ReadSession, WriteSession

router = APIRouter(prefix="/api/incidents", tags=["incidents"])

ERRORS: dict[int | str, dict[str, str]] = {
    400: {"description": "Bad request"},
    403: {"description": "Not allowed for this user's role"},
    404: {"description": "No such incident, or not visible to this user"},
    409: {"description": "Invalid state move, or the incident changed since it was read"},
    422: {"description": "Invalid values"},
}


class AssessmentRequest(BaseModel):
    """One assessment decision. Values must be of the right JSON type (strict)."""

    model_config = ConfigDict(strict=True, extra="forbid")

    state: str | None = Field(
        default=None, description="new, triaged, under_assessment, assessed, published, reopened"
    )
    grade: str | None = Field(default=None, description="Confirmed, Fair, Weak, Contested or Discounted")
    strike_status: str | None = Field(
        default=None, description="Declared strike, Likely strike, Contested strike or Single source claim"
    )
    note: str = Field(default="", max_length=20_000)
    expected_version: int | None = Field(
        default=None, description="The incident version you read; a stale one is refused with 409"
    )


@router.get(
    "",
    response_model=list[IncidentSummary],
    summary="List incidents",
    responses={
        200: {
            "headers": {
                "X-Total-Count": {
                    "description": "Incidents matching the filters",
                    "schema": {"type": "integer"},
                },
                "X-Search-Capped": {
                    "description": "true when more reports match `q` than the search ranks",
                    "schema": {"type": "boolean"},
                },
            }
        }
    },
)
def api_list_incidents(
    response: Response,
    session: ReadSession,
    actor: ActorDep,
    flt: Annotated[IncidentFilter, Depends(paged_filter)],
) -> list[IncidentSummary]:
    """Filtered, sorted and paginated; the number matching is in the `X-Total-Count` header.

    `q` searches the reports' titles and texts (all words must occur in one report); with
    `sort=relevance` the best-ranked incidents come first.
    """
    page = incident_page(session, actor, flt)
    response.headers["X-Total-Count"] = str(page.total)
    response.headers["X-Search-Capped"] = "true" if page.capped else "false"
    return page.items


@router.get("/{incident_id}", response_model=IncidentDetail, responses=ERRORS, summary="One incident")
def api_get_incident(incident_id: IncidentId, session: ReadSession, actor: ActorDep) -> IncidentDetail:
    return get_incident(session, actor, incident_id)


@router.get(
    "/{incident_id}/chronology",
    response_model=list[Entry],
    responses=ERRORS,
    summary="An incident's chronology: the strike, reports, statements, promises, verdicts, assessments",
)
def api_chronology(incident_id: IncidentId, session: ReadSession, actor: ActorDep) -> list[Entry]:
    """Oldest first, each entry with its distance in days from the strike (`days_after`); entries
    whose day is not known (a report without a publication date) come last."""
    return incident_chronology(get_incident(session, actor, incident_id))


@router.get(
    "/{incident_id}/assessments",
    response_model=list[AssessmentView],
    responses=ERRORS,
    summary="An incident's assessment history",
)
def api_list_assessments(
    incident_id: IncidentId, session: ReadSession, actor: ActorDep
) -> list[AssessmentView]:
    return get_incident(session, actor, incident_id).assessments


@router.post(
    "/{incident_id}/assessments",
    response_model=AssessmentView,
    status_code=201,
    responses=ERRORS,
    summary="Assess an incident (analyst or higher)",
)
def api_assess(
    incident_id: IncidentId, body: AssessmentRequest, session: WriteSession, actor: ActorDep
) -> AssessmentView:
    return assess(
        session,
        incident_id,
        actor,
        state=body.state,
        grade=body.grade,
        strike_status=body.strike_status,
        note=body.note,
        expected_version=body.expected_version,
    )
