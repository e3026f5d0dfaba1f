"""Exports over HTTP: the same files as `civcas export`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response, StreamingResponse

from civcas.services.actor import Actor
from civcas.services.exports import (
    FILE_NAMES,
    MEDIA_TYPES,
    ExportTally,
    audit_restricted_export,
    check_export,
    export_incidents,
)
from civcas.services.incidents import IncidentFilter
from civcas.store.database import Database
from civcas.web.api.filters import incident_filter
from civcas.web.deps import ActorDep, get_db

router = APIRouter(prefix="/api", tags=["export"])


@router.get(
    "/export",
    summary="Export incidents as CSV, GeoJSON, JSON or ACLED-layout CSV",
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/json": {}}}},
)
def api_export(
    actor: ActorDep,
    db: Annotated[Database, Depends(get_db)],
    flt: Annotated[IncidentFilter, Depends(incident_filter)],
    format: Literal["csv", "geojson", "json", "acled"] = "csv",
) -> Response:
    """Every incident matching the filters (the same filters as `/api/incidents`), streamed as it is
    read, a thousand incidents at a time.

    `acled` is event data in ACLED's columns (event_date, event_type, sub_event_type, actor1,
    admin1, location, latitude, longitude, geo_precision, source, notes, fatalities).
    """
    with db.read() as session:  # a bad filter is a 400 before anything is sent
        check_export(session, actor, flt, format)
    return StreamingResponse(
        _streamed(db, actor, flt, format),
        media_type=MEDIA_TYPES[format],
        headers={"content-disposition": f'attachment; filename="{FILE_NAMES[format]}"'},
    )


def _streamed(db: Database, actor: Actor, flt: IncidentFilter, fmt: str) -> Iterator[str]:
    """The export's pieces from one read transaction; what it disclosed of unpublished incidents goes in
    the audit log when it ends, however it ends (a client may stop reading half-way)."""
    tally = ExportTally()
    try:
        with db.read() as session:
            yield from export_incidents(session, actor, flt, fmt, tally)
    finally:
        if tally.restricted:
            with db.write() as audit_session:
                audit_restricted_export(audit_session, actor, tally, fmt, flt)
