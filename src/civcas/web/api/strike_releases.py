"""JSON API: the strike releases that may answer an incident's allegations."""

from __future__ import annotations

from fastapi import APIRouter

from civcas.errors import NotFound
from civcas.services.incidents import visible_incidents
from civcas.services.strike_releases import StrikeReleaseCandidate, candidates_for_incident
from civcas.store.tables import Incident
from civcas.web.api.incidents import ERRORS
from civcas.web.api.params import IncidentId
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api", tags=["strike releases"])


@router.get(
    "/incidents/{incident_id}/strike-releases",
    response_model=list[StrikeReleaseCandidate],
    responses=ERRORS,
    summary="Strike releases that may answer this incident (signed-in users)",
)
def api_strike_release_candidates(
    incident_id: IncidentId, session: ReadSession, actor: ActorDep
) -> list[StrikeReleaseCandidate]:
    incident = session.scalar(visible_incidents(actor).where(Incident.id == incident_id))
    if incident is None:
        raise NotFound(f"no incident {incident_id} (or it is not published)")
    return candidates_for_incident(session, actor, incident)
