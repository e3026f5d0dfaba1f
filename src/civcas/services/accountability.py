"""How each belligerent answers the allegations against it: assessed, credible, how long its answers took,
and how long the rest wait."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict

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
    """Each belligerent's record over the incidents alleged against it (named in an incident's
    belligerent field, or answering one with a verdict).

    Incidents are counted per belligerent field and day in the database (a few thousand groups,
    not every incident in Python: 470 ms at 200,000 incidents before); only the incidents a
    belligerent has answered are read one by one.
    """
    today = today or dt.date.today()
    # The latest verdict of each belligerent on each incident counts.
    latest = (
        select(func.max(BelligerentVerdict.id))
        .group_by(BelligerentVerdict.incident_id, BelligerentVerdict.belligerent)
        .scalar_subquery()
    )
    answered = (
        select(
            BelligerentVerdict.incident_id,
            BelligerentVerdict.belligerent,
            BelligerentVerdict.verdict,
            BelligerentVerdict.decided_on,
            Incident.belligerent,
            Incident.date,
        )
        .join(Incident, Incident.id == BelligerentVerdict.incident_id)
        .where(BelligerentVerdict.id.in_(latest))
    )
    grouped = select(Incident.belligerent, Incident.date, func.count()).group_by(
        Incident.belligerent, Incident.date
    )
    if actor.is_anonymous:
        answered = answered.where(Incident.state == "published")
        grouped = grouped.where(Incident.state == "published")

    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for field, day, n in session.execute(grouped):
        for party in _parties(field):
            tallies[party].alleged(day, int(n))
    for _, party, verdict, decided_on, field, day in session.execute(answered):
        tally = tallies[party]
        if party not in _parties(field):
            tally.alleged(day, 1)  # answered an allegation its field does not name
        if verdict in FINAL:
            tally.answered(verdict, day, decided_on)

    open_commitments: dict[str, int] = dict(
        session.execute(
            select(Commitment.party, func.count())
            .where(Commitment.status == "open")
            .group_by(Commitment.party)
        ).all()
    )
    records = [tally.record(party, today, open_commitments.get(party, 0)) for party, tally in tallies.items()]
    return sorted(records, key=lambda r: (-r.allegations, r.belligerent))


class _Tally:
    """One belligerent's allegations: how many, the strike days of those still unanswered (as counts
    per day), its final verdicts and the days each took."""

    def __init__(self) -> None:
        self.allegations = 0
        self.waiting: Counter[dt.date] = Counter()
        self.finals: list[str] = []
        self.days_to_verdict: list[int] = []

    def alleged(self, day: dt.date | None, n: int) -> None:
        self.allegations += n
        if day is not None:
            self.waiting[day] += n

    def answered(self, verdict: str, day: dt.date | None, decided_on: dt.date | None) -> None:
        self.finals.append(verdict)
        if day is not None:
            self.waiting[day] -= 1
            if decided_on is not None:  # how long the answer took: strike to verdict
                self.days_to_verdict.append((decided_on - day).days)

    def record(self, party: str, today: dt.date, open_commitments: int) -> BelligerentRecord:
        waits = Counter({(today - day).days: n for day, n in self.waiting.items() if n > 0})
        return BelligerentRecord(
            belligerent=party,
            allegations=self.allegations,
            assessed=len(self.finals),
            credible=self.finals.count(Verdict.CREDIBLE.value),
            non_credible=self.finals.count(Verdict.NON_CREDIBLE.value),
            open=self.allegations - len(self.finals),
            median_wait_days=_median(waits),
            longest_wait_days=max(waits) if waits else None,
            median_days_to_verdict=int(statistics.median(self.days_to_verdict))
            if self.days_to_verdict
            else None,
            open_commitments=open_commitments,
        )


def _median(counts: Counter[int]) -> int | None:
    """The median of values given as counts per value, as int(statistics.median) of the values would
    give it (the mean of the middle two for an even number, then truncated)."""
    total = sum(counts.values())
    if not total:
        return None
    middle: list[int] = []
    wanted = sorted({(total - 1) // 2, total // 2})
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            middle.append(value)
            wanted.pop(0)
    return int(statistics.mean(middle)) if len(middle) == 2 else middle[0]
