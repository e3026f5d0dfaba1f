"""Storing incoming reports: the original kept unchanged, hashed, exactly once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.model.report import IncomingReport
from civcas.services.actor import Actor
from civcas.store import audit
from civcas.store.tables import Source


@dataclass(frozen=True, slots=True)
class Stored:
    source: Source
    created: bool  # False: the same bytes were already stored, nothing was added


def store_report(session: Session, report: IncomingReport, by: Actor) -> Stored:
    digest = report.sha256
    existing = session.scalar(select(Source).where(Source.sha256 == digest))
    if existing is not None:
        return Stored(existing, created=False)
    source = Source(
        sha256=digest,
        original=report.original,
        media_type=report.media_type,
        text=report.text,
        title=report.title,
        url=report.url,
        publisher=report.publisher,
        language=report.language,
        published=report.published,
        origin=report.origin,
        external_id=report.external_id,
        kind=report.kind,
        meta=dict(report.meta),
    )
    session.add(source)
    session.flush()
    audit.record(
        session,
        actor=by.username,
        action="source.ingest",
        entity="source",
        entity_id=source.id,
        payload={"sha256": digest, "origin": report.origin, "bytes": len(report.original)},
    )
    return Stored(source, created=True)


def is_stored(session: Session, sha256: str) -> bool:
    """Whether a report with these exact bytes is in the database."""
    return session.scalar(select(Source.id).where(Source.sha256 == sha256)) is not None
