"""Exports: the incidents matching a filter, written in one of the publication formats."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.publish.export import FILE_NAMES, FORMATS, MEDIA_TYPES, render
from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter, list_incidents
from civcas.store.tables import IncidentSource, Source

_CHUNK = 5000  # ids per IN list: well under every database's bound-parameter limit


@dataclass(frozen=True, slots=True)
class Export:
    text: str
    count: int
    media_type: str
    file_name: str


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
        ).tuples()
        for incident_id, publisher in rows:
            names = found.setdefault(incident_id, [])
            if publisher and publisher not in names:
                names.append(publisher)
    return found


def export_incidents(session: Session, actor: Actor, flt: IncidentFilter, fmt: str) -> Export:
    render(fmt, [])  # an unknown format fails before any query
    rows = list_incidents(session, actor, flt)
    publishers = incident_publishers(session, [r.id for r in rows]) if fmt == "acled" else None
    return Export(render(fmt, rows, publishers), len(rows), MEDIA_TYPES[fmt], FILE_NAMES[fmt])


__all__ = ["FORMATS", "Export", "export_incidents", "incident_publishers"]
