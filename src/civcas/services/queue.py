"""The review queue: incidents waiting for an analyst (new or triaged), gravest reported harm first."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from civcas.errors import PermissionDenied
from civcas.model.vocabulary import IncidentState
from civcas.services.actor import Actor
from civcas.services.incidents import summarize, visible_incidents
from civcas.services.search import IncidentPage
from civcas.store.tables import Incident, IncidentRollup

QUEUE_STATES = (IncidentState.NEW.value, IncidentState.TRIAGED.value)
# Written out, not bound: SQLite uses the partial index ix_incidents_queue (migration 0006) only
# when the query's condition is the index's own, literally.
WAITING = text("incidents.state IN ('new', 'triaged')")


def review_queue(session: Session, actor: Actor, limit: int = 50, offset: int = 0) -> IncidentPage:
    """Ordered by the highest reported count of civilians killed, then the newest; unknown counts last."""
    if actor.is_anonymous:
        raise PermissionDenied("sign in to see the review queue", code="sign_in")
    stmt = (
        visible_incidents(actor)
        .where(WAITING)
        .order_by(
            Incident.civilians_killed_max.desc().nulls_last(),
            Incident.date.desc().nulls_last(),
            Incident.id.desc(),
        )
        .limit(limit)
        .offset(offset)
    )
    # Counted from the trigger-kept rollup rather than over the incidents.
    total = (
        session.scalar(
            select(func.sum(IncidentRollup.incidents)).where(IncidentRollup.state.in_(QUEUE_STATES))
        )
        or 0
    )
    items = summarize(session, list(session.scalars(stmt)))
    return IncidentPage(items, int(total), limit, offset, sort="-killed")
