"""JSON API for an analyst's merge and split of incidents (services/incident_edits.py)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from civcas.services.incident_edits import merge_incidents, split_incident
from civcas.web.api.incidents import ERRORS
from civcas.web.api.params import MAX_ID, IncidentId
from civcas.web.deps import ActorDep, WriteSession

router = APIRouter(prefix="/api/incidents", tags=["incidents"])


class MergeRequest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    other: int = Field(
        ge=1, le=MAX_ID, description="The incident merged into this one; its id then redirects here"
    )
    note: str = Field(default="", max_length=20_000)


class SplitRequest(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    reports: list[int] = Field(min_length=1, max_length=10_000, description="Reports moved to a new incident")
    note: str = Field(default="", max_length=20_000)


class EditOut(BaseModel):
    incident: int
    """The incident kept (merge) or split (split)."""
    merged: int | None = None
    new_incident: int | None = None
    reports: list[int]


@router.post(
    "/{incident_id}/merge",
    response_model=EditOut,
    responses=ERRORS,
    summary="Merge another incident into this one (analyst or higher; reviewer for published incidents)",
)
def api_merge(incident_id: IncidentId, body: MergeRequest, session: WriteSession, actor: ActorDep) -> EditOut:
    """The other incident's reports, assessments, verdicts and commitments move here, its figures are
    reconciled anew, and every report of both is pinned: no automatic linking run separates them.
    Conflicting assessments are refused with 409 (see docs/linking.md)."""
    done = merge_incidents(session, incident_id, body.other, actor, note=body.note)
    return EditOut(incident=done.incident_id, merged=done.merged_id, reports=done.reports)


@router.post(
    "/{incident_id}/split",
    response_model=EditOut,
    status_code=201,
    responses=ERRORS,
    summary="Split reports off into a new incident (analyst or higher; reviewer for published incidents)",
)
def api_split(incident_id: IncidentId, body: SplitRequest, session: WriteSession, actor: ActorDep) -> EditOut:
    """The reports move to a new incident; both sides are pinned, so no automatic run rejoins them."""
    done = split_incident(session, incident_id, body.reports, actor, note=body.note)
    return EditOut(incident=done.incident_id, new_incident=done.new_incident_id, reports=done.reports)
