"""How each belligerent answers the allegations against it: assessed, credible, how long its answers took,
and how long the rest wait."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from civcas.model.accountability import BelligerentRecord
from civcas.model.vocabulary import Verdict
from civcas.services.actor import Actor
from civcas.store.tables import BelligerentVerdict, Commitment, Incident

FINAL = frozenset({Verdict.CREDIBLE.value, Verdict.NON_CREDIBLE.value, Verdict.DUPLICATE.value})


def _parties(belligerent: str | None) -> list[str]:
    """Several suspected belligerents are joined with ', ' in one field."""
    return [p.strip() for p in (belligerent or "").split(",") if p.strip() and p.strip() != "Unknown"]


def belligerent_records(
    session: Session, actor: Actor, today: dt.date | None = None
) -> list[BelligerentRecord]:
    today = today or dt.date.today()
    visible = select(Incident.id, Incident.belligerent, Incident.date)
    if actor.is_anonymous:
        visible = visible.where(Incident.state == "published")
    incidents = {iid: (bell, day) for iid, bell, day in session.execute(visible)}

    # The latest verdict of each belligerent on each incident counts.
    latest = (
        select(func.max(BelligerentVerdict.id))
        .group_by(BelligerentVerdict.incident_id, BelligerentVerdict.belligerent)
        .scalar_subquery()
    )
    verdicts: dict[tuple[int, str], str] = {}
    decided: dict[tuple[int, str], dt.date | None] = {}
    for iid, who, v, day in session.execute(
        select(
            BelligerentVerdict.incident_id,
            BelligerentVerdict.belligerent,
            BelligerentVerdict.verdict,
            BelligerentVerdict.decided_on,
        ).where(BelligerentVerdict.id.in_(latest))
    ):
        if iid in incidents:
            verdicts[(iid, who)] = v
            decided[(iid, who)] = day
    alleged: dict[str, set[int]] = defaultdict(set)
    for iid, (bell, _) in incidents.items():
        for party in _parties(bell):
            alleged[party].add(iid)
    for iid, party in verdicts:
        alleged[party].add(iid)

    open_commitments: dict[str, int] = dict(
        session.execute(
            select(Commitment.party, func.count())
            .where(Commitment.status == "open")
            .group_by(Commitment.party)
        ).all()
    )
    records: list[BelligerentRecord] = []
    for party, ids in alleged.items():
        finals = [verdicts[(i, party)] for i in ids if verdicts.get((i, party)) in FINAL]
        waits = [
            (today - day).days
            for i in ids
            if verdicts.get((i, party)) not in FINAL and (day := incidents[i][1]) is not None
        ]
        # How long it took to answer: strike to verdict, where both days are known.
        answers = [
            (answered - struck).days
            for i in ids
            if verdicts.get((i, party)) in FINAL
            and (answered := decided.get((i, party))) is not None
            and (struck := incidents[i][1]) is not None
        ]
        records.append(
            BelligerentRecord(
                belligerent=party,
                allegations=len(ids),
                assessed=len(finals),
                credible=finals.count(Verdict.CREDIBLE.value),
                non_credible=finals.count(Verdict.NON_CREDIBLE.value),
                open=len(ids) - len(finals),
                median_wait_days=int(statistics.median(waits)) if waits else None,
                longest_wait_days=max(waits) if waits else None,
                median_days_to_verdict=int(statistics.median(answers)) if answers else None,
                open_commitments=open_commitments.get(party, 0),
            )
        )
    return sorted(records, key=lambda r: (-r.allegations, r.belligerent))
