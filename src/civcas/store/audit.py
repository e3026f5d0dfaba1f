"""Tamper-evident audit log: every change is an append-only event in a hash chain.

Each event stores the hash of the one before it, and its own hash covers its content
and that link, so editing or deleting any event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from civcas.store.database import WRITE_LOCK_KEY
from civcas.store.tables import AuditEvent

GENESIS = "0" * 64


def _canonical_time(at: datetime) -> str:
    # SQLite hands back naive datetimes; treat them as the UTC they were written in.
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    payload: dict[str, Any],
) -> str:
    body = json.dumps(
        [prev_hash, _canonical_time(at), actor, action, entity, entity_id, payload],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    """Serialise appends so two writers never link to the same previous event."""
    if session.get_bind().dialect.name == "postgresql":
        # Database.write() took it already; this covers sessions made elsewhere (re-taking is harmless).
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
    # SQLite: write transactions begin IMMEDIATE and hold the database write lock already.


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: object,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction."""
    _lock_chain(session)
    last = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    at = datetime.now(UTC)
    clean = json.loads(json.dumps(payload or {}, default=str))
    ev = AuditEvent(
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        payload=clean,
        prev_hash=prev,
        hash=event_hash(prev, at, actor, action, entity, str(entity_id), clean),
    )
    session.add(ev)
    session.flush()
    return ev


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    problem: str


def verify(session: Session) -> tuple[int, list[ChainProblem]]:
    """Walk the chain; return how many events were checked and every break found."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    count = 0
    last_id = 0
    for ev in session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        count += 1
        # A gap in the ids whose link still holds is a number a rolled-back transaction took
        # (PostgreSQL sequences never give numbers back, e.g. after a writer was killed), not
        # a deletion: deleting an event breaks the link of the one after it.
        if ev.id != last_id + 1 and ev.prev_hash != prev:
            problems.append(ChainProblem(ev.id, f"events {last_id + 1}..{ev.id - 1} are missing"))
        if ev.prev_hash != prev:
            problems.append(
                ChainProblem(ev.id, "does not link to the event before it (deleted or reordered)")
            )
        expected = event_hash(ev.prev_hash, ev.at, ev.actor, ev.action, ev.entity, ev.entity_id, ev.payload)
        if expected != ev.hash:
            problems.append(ChainProblem(ev.id, "content does not match its hash (edited)"))
        prev = ev.hash
        last_id = ev.id
    return count, problems
