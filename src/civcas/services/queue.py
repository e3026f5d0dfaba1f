"""The review queue: incidents waiting for an analyst (new or triaged), gravest reported harm first."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from civcas.errors import PermissionDenied
from civcas.model.vocabulary import IncidentState
from civcas.services.actor import Actor
from civcas.services.incidents import summarize, visible_incidents
from civcas.services.search import IncidentPage
from civcas.store.tables import Incident

QUEUE_STATES = (IncidentState.NEW.value, IncidentState.TRIAGED.value)


def review_queue(session: Session, actor: Actor, limit: int = 50, offset: int = 0) -> IncidentPage:
    """Ordered by the highest reported count of civilians killed, then the newest; unknown counts last."""
    if actor.is_anonymous:
        raise PermissionDenied("sign in to see the review queue", code="sign_in")
    stmt = (
        visible_incidents(actor)
        .where(Incident.state.in_(QUEUE_STATES))
        .order_by(
            Incident.civilians_killed_max.desc().nulls_last(),
            Incident.date.desc().nulls_last(),
            Incident.id.desc(),
        )
        .limit(limit)
        .offset(offset)
    )
    total = session.scalar(select(func.count(Incident.id)).where(Incident.state.in_(QUEUE_STATES))) or 0
    items = summarize(session, list(session.scalars(stmt)))
    return IncidentPage(items, int(total), limit, offset, sort="-killed")
