"""Belligerents' records counted in the database match the same records counted incident by incident."""

from __future__ import annotations

import datetime as dt
import random
import statistics

from civcas.model.accountability import BelligerentRecord
from civcas.services.accountability import FINAL, _median, _parties, belligerent_records
from civcas.services.actor import ANONYMOUS, SYSTEM
from civcas.store.database import Database
from civcas.store.tables import BelligerentVerdict, Incident

FIELDS = ["US-led Coalition", "Russian Military", "US-led Coalition, Russian Military", "Unknown", None]
VERDICTS = ["credible", "non_credible", "duplicate", "open"]
TODAY = dt.date(2020, 1, 1)


def _one_by_one(
    incidents: dict[int, tuple[str | None, dt.date | None, str]],
    verdicts: dict[tuple[int, str], tuple[str, dt.date | None]],
    published_only: bool,
) -> dict[str, tuple[int, int, int, int, int | None, int | None, int | None]]:
    """The records as the incidents tell them one at a time (the rule, written plainly)."""
    seen = {i: v for i, v in incidents.items() if not published_only or v[2] == "published"}
    alleged: dict[str, set[int]] = {}
    for i, (field, _, _) in seen.items():
        for party in _parties(field):
            alleged.setdefault(party, set()).add(i)
    for i, party in verdicts:
        if i in seen:
            alleged.setdefault(party, set()).add(i)
    out = {}
    for party, ids in alleged.items():
        finals = [i for i in ids if verdicts.get((i, party), ("", None))[0] in FINAL]
        waits = [(TODAY - seen[i][1]).days for i in ids if i not in finals and seen[i][1] is not None]  # type: ignore[operator]
        took = [
            (decided - day).days
            for i in finals
            if (decided := verdicts[(i, party)][1]) is not None and (day := seen[i][1]) is not None
        ]
        out[party] = (
            len(ids),
            len(finals),
            sum(verdicts[(i, party)][0] == "credible" for i in finals),
            len(ids) - len(finals),
            int(statistics.median(waits)) if waits else None,
            max(waits) if waits else None,
            int(statistics.median(took)) if took else None,
        )
    return out


def _as_tuple(r: BelligerentRecord) -> tuple[int, int, int, int, int | None, int | None, int | None]:
    return (
        r.allegations,
        r.assessed,
        r.credible,
        r.open,
        r.median_wait_days,
        r.longest_wait_days,
        r.median_days_to_verdict,
    )


def test_records_match_counting_incident_by_incident(db: Database) -> None:
    rng = random.Random(7)
    incidents: dict[int, tuple[str | None, dt.date | None, str]] = {}
    verdicts: dict[tuple[int, str], tuple[str, dt.date | None]] = {}
    with db.write() as s:
        for _ in range(120):
            field = rng.choice(FIELDS)
            day = rng.choice([None, dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(900))])
            state = rng.choice(["new", "published"])
            inc = Incident(title="x", belligerent=field, date=day, state=state)
            s.add(inc)
            s.flush()
            incidents[inc.id] = (field, day, state)
            for party in ("US-led Coalition", "Russian Military", "Turkish Military"):
                for _ in range(rng.choice([0, 0, 1, 2])):  # a second verdict replaces the first
                    verdict = rng.choice(VERDICTS)
                    decided = rng.choice([None, dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(300))])
                    s.add(
                        BelligerentVerdict(
                            incident_id=inc.id, belligerent=party, verdict=verdict, decided_on=decided
                        )
                    )
                    s.flush()
                    verdicts[(inc.id, party)] = (verdict, decided)
    for actor, published_only in ((SYSTEM, False), (ANONYMOUS, True)):
        with db.read() as s:
            found = {r.belligerent: _as_tuple(r) for r in belligerent_records(s, actor, today=TODAY)}
        assert found == _one_by_one(incidents, verdicts, published_only)


def test_median_of_counted_values_is_the_median_of_the_values() -> None:
    from collections import Counter

    rng = random.Random(3)
    for _ in range(200):
        values = [rng.randrange(-5, 40) for _ in range(rng.randrange(1, 30))]
        assert _median(Counter(values)) == int(statistics.median(values))
    assert _median(Counter()) is None
