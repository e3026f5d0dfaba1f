"""Exports: the incidents matching a filter, written in one of the publication formats."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.model.vocabulary import IncidentState
from civcas.publish.export import FILE_NAMES, FORMATS, MEDIA_TYPES, render
from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter, list_incidents
from civcas.store import audit
from civcas.store.tables import IncidentSource, Source

_CHUNK = 5000  # ids per IN list: well under every database's bound-parameter limit


@dataclass(frozen=True, slots=True)
class Export:
    text: str
    count: int
    media_type: str
    file_name: str
    restricted: int = 0  # how many exported incidents are not published (names and drafts inside)


def incident_publishers(session: Session, incident_ids: list[int]) -> dict[int, list[str]]:
    """Each incident's sources' publishers, in the order the sources joined it, without repeats."""
    found: dict[int, list[str]] = {}
    for start in range(0, len(incident_ids), _CHUNK):
        chunk = incident_ids[start : start + _CHUNK]
        rows = session.execute(
            select(IncidentSource.incident_id, Source.publisher)
            .join(Source, Source.id == IncidentSource.source_id)
            .where(IncidentSource.incident_id.in_(chunk), Source.publisher.is_not(None))
            .order_by(IncidentSource.incident_id, IncidentSource.id)
        )
        for incident_id, publisher in rows:
            names = found.setdefault(incident_id, [])
            if publisher and publisher not in names:
                names.append(publisher)
    return found


def export_incidents(session: Session, actor: Actor, flt: IncidentFilter, fmt: str) -> Export:
    render(fmt, [])  # an unknown format fails before any query
    rows = list_incidents(session, actor, flt)
    publishers = incident_publishers(session, [r.id for r in rows]) if fmt == "acled" else None
    restricted = sum(1 for r in rows if r.state != IncidentState.PUBLISHED.value)
    return Export(render(fmt, rows, publishers), len(rows), MEDIA_TYPES[fmt], FILE_NAMES[fmt], restricted)


def audit_restricted_export(
    session: Session, actor: Actor, out: Export, fmt: str, flt: IncidentFilter
) -> None:
    """An export that holds unpublished incidents is a disclosure: it goes in the audit log."""
    if out.restricted:
        filters = {
            k: str(v)
            for k, v in ((f.name, getattr(flt, f.name)) for f in fields(flt))
            if v not in (None, "", 0) and k not in ("limit", "offset")
        }
        audit.record(
            session,
            actor=actor.username,
            action="export.restricted",
            entity="export",
            entity_id=fmt,
            payload={
                "format": fmt,
                "incidents": out.count,
                "unpublished": out.restricted,
                "filters": filters,
            },
        )


__all__ = ["FORMATS", "Export", "audit_restricted_export", "export_incidents", "incident_publishers"]
