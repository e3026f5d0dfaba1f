"""What must hold in a database after any crash, whatever was running: the invariants the
reliability tests check."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from civcas.store import audit
from civcas.store.database import Database
from civcas.store.tables import AuditEvent, Extraction, IncidentSource, Source


def expected_hashes(batch: Path) -> set[str]:
    """SHA-256 of every readable row of a JSONL batch: what must be stored, each once."""
    found: set[str] = set()
    for raw in batch.read_text(encoding="utf-8").split("\n"):
        if not raw.strip():
            continue
        try:
            if not isinstance(json.loads(raw), dict):
                continue
        except ValueError:
            continue
        found.add(hashlib.sha256(raw.encode("utf-8")).hexdigest())
    return found


@dataclass(frozen=True)
class StoreCounts:
    sources: int
    incidents_linked: int
    not_linked: int
    audit_events: int


def check_ingested(db: Database) -> StoreCounts:
    """Every source stored once, extracted once, linked once (or found to describe no incident),
    each step with its audit event, and the chain intact."""
    with db.read() as s:
        hashes = list(s.scalars(select(Source.sha256)))
        assert len(hashes) == len(set(hashes)), "a report is stored twice"
        per_source = Counter(s.scalars(select(Extraction.source_id)))
        source_ids = set(s.scalars(select(Source.id)))
        assert set(per_source) == source_ids, "a source has no extraction"
        assert max(per_source.values(), default=1) == 1, "a source was extracted twice"
        with_facts = set(s.scalars(select(Extraction.source_id).where(Extraction.facts.is_not(None))))
        links = Counter(s.scalars(select(IncidentSource.source_id)))
        assert max(links.values(), default=1) == 1, "a source is linked twice"
        assert set(links) == with_facts, "a source with facts is not linked, or one without is"
        actions = Counter(
            (action, entity_id)
            for action, entity_id in s.execute(select(AuditEvent.action, AuditEvent.entity_id))
        )
        by_action = Counter(action for action, _ in actions.elements())
        assert all(actions[("source.ingest", str(i))] == 1 for i in source_ids), "a source audited twice"
        assert {int(e) for (a, e) in actions if a == "source.ingest"} == source_ids
        assert by_action["source.ingest"] == by_action["source.extract"] == len(source_ids)
        assert by_action["incident.create"] + by_action["incident.link"] == sum(links.values())
        count, problems = audit.verify(s)
        assert problems == [], problems[:5]
        events = s.scalar(select(func.count()).select_from(AuditEvent))
        assert count == events
    return StoreCounts(len(hashes), sum(links.values()), len(source_ids) - len(with_facts), count)
