"""The review queue as JSON (the twin of /queue)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from civcas.model.incident import IncidentSummary
from civcas.services.queue import review_queue
from civcas.web.api.params import Limit, Offset
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api", tags=["incidents"])


@router.get(
    "/queue",
    response_model=list[IncidentSummary],
    summary="The review queue: new and triaged incidents, highest reported civilian deaths first",
    responses={403: {"description": "Signed-in users only"}},
)
def api_queue(
    response: Response,
    session: ReadSession,
    actor: ActorDep,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[IncidentSummary]:
    """The number waiting is in the `X-Total-Count` header."""
    page = review_queue(session, actor, limit=limit, offset=offset)
    response.headers["X-Total-Count"] = str(page.total)
    return page.items
