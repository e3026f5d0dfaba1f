"""Belligerents' own verdicts on incidents, and the promises (commitments) they answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from civcas.assess.commitments import answers
from civcas.assess.verdicts import check_conceded, normalise_reasons, parse_verdict
from civcas.errors import InputError, NotFound
from civcas.model.accountability import VerdictView
from civcas.model.vocabulary import Role, Verdict
from civcas.services.actor import Actor
from civcas.store import audit, core
from civcas.store.tables import BelligerentVerdict, Commitment, Incident


def verdict_view(v: BelligerentVerdict | Row[Any]) -> VerdictView:
    return VerdictView(
        id=v.id,
        incident_id=v.incident_id,
        belligerent=v.belligerent,
        verdict=v.verdict,
        reasons=list(v.reasons.get("reasons", [])),
        deaths_conceded_min=v.deaths_conceded_min,
        deaths_conceded_max=v.deaths_conceded_max,
        injuries_conceded_min=v.injuries_conceded_min,
        injuries_conceded_max=v.injuries_conceded_max,
        decided_on=v.decided_on,
        published_in=v.published_in,
        note=v.note,
    )


def record_verdict(
    session: Session,
    incident_id: int,
    by: Actor,
    *,
    belligerent: str,
    verdict: str,
    reasons: list[str] | None = None,
    deaths_conceded: tuple[int | None, int | None] = (None, None),
    injuries_conceded: tuple[int | None, int | None] = (None, None),
    decided_on: dt.date | None = None,
    published_in: str = "",
    note: str = "",
    audit_action: str = "verdict.record",
) -> VerdictView:
    """Record what a belligerent concluded about an incident; a final verdict answers its open promises."""
    by.require(Role.ANALYST, "recording a belligerent's verdict")
    if not belligerent.strip():
        raise InputError("a verdict needs the belligerent that gave it", code="missing_belligerent")
    if session.get(Incident, incident_id) is None:
        raise NotFound(f"no incident {incident_id}")
    parsed = parse_verdict(verdict)
    check_conceded(*deaths_conceded, what="deaths")
    check_conceded(*injuries_conceded, what="injuries")
    row = BelligerentVerdict(
        incident_id=incident_id,
        belligerent=belligerent.strip(),
        verdict=parsed.value,
        reasons={"reasons": normalise_reasons(reasons or [])},
        deaths_conceded_min=deaths_conceded[0],
        deaths_conceded_max=deaths_conceded[1],
        injuries_conceded_min=injuries_conceded[0],
        injuries_conceded_max=injuries_conceded[1],
        decided_on=decided_on,
        published_in=published_in,
        note=note,
        user_id=by.user_id,
    )
    session.add(row)
    session.flush()
    closed: list[int] = []
    if parsed != Verdict.OPEN:
        for c in session.scalars(
            select(Commitment).where(Commitment.incident_id == incident_id, Commitment.status == "open")
        ):
            if answers(row.belligerent, c.party):
                c.status = "answered"
                c.answered_by_id = row.id
                c.answered_on = decided_on or dt.date.today()
                closed.append(c.id)
    audit.record(
        session,
        actor=by.username,
        action=audit_action,
        entity="incident",
        entity_id=incident_id,
        payload={
            "verdict": row.id,
            "belligerent": row.belligerent,
            "value": row.verdict,
            "reasons": row.reasons,
            "commitments_answered": closed,
        },
    )
    return verdict_view(row)


# Built once, run on the connection (store/core.py): every incident page reads its verdicts.
_VERDICTS_OF = (
    select(
        BelligerentVerdict.id,
        BelligerentVerdict.incident_id,
        BelligerentVerdict.belligerent,
        BelligerentVerdict.verdict,
        BelligerentVerdict.reasons,
        BelligerentVerdict.deaths_conceded_min,
        BelligerentVerdict.deaths_conceded_max,
        BelligerentVerdict.injuries_conceded_min,
        BelligerentVerdict.injuries_conceded_max,
        BelligerentVerdict.decided_on,
        BelligerentVerdict.published_in,
        BelligerentVerdict.note,
    )
    .where(BelligerentVerdict.incident_id == bindparam("incident_id"))
    .order_by(BelligerentVerdict.id)
)


def incident_verdicts(session: Session, incident_id: int) -> list[VerdictView]:
    return [verdict_view(v) for v in core.read(session, _VERDICTS_OF, {"incident_id": incident_id})]
