"""Commitments: promises made by belligerents ("will investigate"), from statements to answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from civcas.assess.commitments import NOT_BELLIGERENTS, commitment_kind
from civcas.model.accountability import CommitmentView
from civcas.services.actor import Actor
from civcas.store import audit, core
from civcas.store.tables import Commitment, Incident, Source, Statement


def commitments_from_statements(
    session: Session, incident_id: int, source: Source, extraction_id: int, by: Actor
) -> list[Commitment]:
    """Open a commitment for each party that promised an answer, unless one is already open."""
    made_on = source.published.date() if source.published else dt.date.today()
    created: list[Commitment] = []
    statements = session.scalars(select(Statement).where(Statement.extraction_id == extraction_id))
    for st in statements:
        kind = commitment_kind(st.stance, st.quote)
        party = (st.party or "").strip()
        if kind is None or party in NOT_BELLIGERENTS:
            continue
        already = session.scalar(
            select(Commitment.id).where(
                Commitment.incident_id == incident_id, Commitment.party == party, Commitment.status == "open"
            )
        )
        if already is not None or any(c.party == party for c in created):
            continue
        row = Commitment(
            incident_id=incident_id,
            party=party,
            kind=kind,
            made_on=made_on,
            quote=st.quote or "",
            statement_id=st.id,
            source_id=source.id,
            status="open",
        )
        session.add(row)
        session.flush()
        created.append(row)
        audit.record(
            session,
            actor=by.username,
            action="commitment.open",
            entity="incident",
            entity_id=incident_id,
            payload={"commitment": row.id, "party": party, "kind": kind},
        )
    return created


def _view(c: Commitment | Row[Any], title: str, today: dt.date) -> CommitmentView:
    end = c.answered_on or today
    return CommitmentView(
        id=c.id,
        incident_id=c.incident_id,
        incident_title=title,
        party=c.party,
        kind=c.kind,
        made_on=c.made_on,
        quote=c.quote,
        status=c.status,
        answered_on=c.answered_on,
        age_days=(end - c.made_on).days if c.made_on else None,
    )


def list_commitments(
    session: Session,
    actor: Actor,
    *,
    status: str | None = "open",
    party: str | None = None,
    today: dt.date | None = None,
) -> list[CommitmentView]:
    """Commitments, oldest first: the ones a belligerent has left unanswered longest lead."""
    today = today or dt.date.today()
    stmt = select(Commitment, Incident.title).join(Incident, Incident.id == Commitment.incident_id)
    if actor.is_anonymous:
        stmt = stmt.where(Incident.state == "published")
    if status:
        stmt = stmt.where(Commitment.status == status)
    if party:
        stmt = stmt.where(Commitment.party == party)
    stmt = stmt.order_by(Commitment.made_on.asc().nulls_last(), Commitment.id)
    return [_view(c, title, today) for c, title in session.execute(stmt)]


# Built once, run on the connection (store/core.py): every incident page reads its commitments.
_COMMITMENTS_OF = (
    select(
        Commitment.id,
        Commitment.incident_id,
        Commitment.party,
        Commitment.kind,
        Commitment.made_on,
        Commitment.quote,
        Commitment.status,
        Commitment.answered_on,
    )
    .where(Commitment.incident_id == bindparam("incident_id"))
    .order_by(Commitment.id)
)


def incident_commitments(
    session: Session, incident_id: int, today: dt.date | None = None
) -> list[CommitmentView]:
    today = today or dt.date.today()
    rows = core.read(session, _COMMITMENTS_OF, {"incident_id": incident_id})
    return [_view(c, "", today) for c in rows]
