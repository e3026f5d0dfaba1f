"""What each source claims about an incident (the JSON twin of the incident page's claims table)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import BaseModel

from civcas.services.claims import source_claims
from civcas.services.incidents import get_incident
from civcas.web.api.params import IncidentId
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api/incidents", tags=["incidents"])


class ClaimOut(BaseModel):
    value: str | None
    conflict: bool


class SourceClaimsOut(BaseModel):
    source_id: int
    title: str | None
    publisher: str | None
    language: str | None
    published: dt.datetime | None
    kind: str
    claims: dict[str, ClaimOut]


@router.get(
    "/{incident_id}/claims",
    response_model=list[SourceClaimsOut],
    responses={404: {"description": "No such incident, or not visible to this user"}},
    summary="What each source claims: figures, date, place, belligerent, with conflicts marked",
)
def api_claims(incident_id: IncidentId, session: ReadSession, actor: ActorDep) -> list[SourceClaimsOut]:
    """Figures conflict when their ranges do not overlap; dates, places and belligerents when they differ."""
    rows = source_claims(get_incident(session, actor, incident_id).sources)
    return [
        SourceClaimsOut(
            source_id=r.source_id,
            title=r.title,
            publisher=r.publisher,
            language=r.language,
            published=r.published,
            kind=r.kind,
            claims={k: ClaimOut(value=c.value, conflict=c.conflict) for k, c in r.claims.items()},
        )
        for r in rows
    ]
