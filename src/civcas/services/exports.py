"""Exports: the incidents matching a filter, written in one of the publication formats."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.model.incident import IncidentSummary
from civcas.model.vocabulary import IncidentState
from civcas.publish.export import FILE_NAMES, FORMATS, MEDIA_TYPES, check_format, export_text
from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter
from civcas.services.search import incident_page
from civcas.store import audit
from civcas.store.tables import IncidentSource, Source

_CHUNK = 5000  # ids per IN list: well under every database's bound-parameter limit


@dataclass(slots=True)
class ExportTally:
    """What an export has written so far: incidents, and how many of them are not published (names
    and drafts inside), for the audit log."""

    count: int = 0
    restricted: int = 0


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


EXPORT_PAGE = 1000  # incidents read, and written, at a time
EXPORT_LIMIT = 2**31 - 1  # every incident: the export streams, so no archive is too large for it


def export_pages(
    session: Session, actor: Actor, flt: IncidentFilter, tally: ExportTally
) -> Iterator[list[IncidentSummary]]:
    """The incidents matching the filter, in the list's order, a page at a time, counted in `tally`."""
    offset, remaining = flt.offset, flt.limit
    while remaining > 0:
        page = incident_page(
            session, actor, replace(flt, limit=min(EXPORT_PAGE, remaining), offset=offset), with_total=False
        ).items
        if not page:
            return
        tally.count += len(page)
        tally.restricted += sum(1 for r in page if r.state != IncidentState.PUBLISHED.value)
        yield page
        if len(page) < min(EXPORT_PAGE, remaining):
            return
        offset += len(page)
        remaining -= len(page)


def check_export(session: Session, actor: Actor, flt: IncidentFilter, fmt: str) -> None:
    """Raise InputError for an unknown format or a bad filter (one incident read), before any output."""
    check_format(fmt)
    incident_page(session, actor, replace(flt, limit=1), with_total=False)


def export_incidents(
    session: Session, actor: Actor, flt: IncidentFilter, fmt: str, tally: ExportTally
) -> Iterator[str]:
    """The export of the incidents matching `flt`, in pieces (publish/export.py), read a page at a time
    in the session's one transaction: memory stays flat whatever the archive's size. An unknown format
    or sort fails before the first piece."""
    check_export(session, actor, flt, fmt)
    publishers = (lambda ids: incident_publishers(session, ids)) if fmt == "acled" else None
    return export_text(fmt, export_pages(session, actor, flt, tally), publishers)


def audit_restricted_export(
    session: Session, actor: Actor, out: ExportTally, fmt: str, flt: IncidentFilter
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


__all__ = [
    "EXPORT_LIMIT",
    "FILE_NAMES",
    "FORMATS",
    "MEDIA_TYPES",
    "ExportTally",
    "audit_restricted_export",
    "check_export",
    "export_incidents",
    "incident_publishers",
]
