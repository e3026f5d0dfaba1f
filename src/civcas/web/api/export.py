"""Exports over HTTP: the same files as `civcas export`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from civcas.services.exports import audit_restricted_export, export_incidents
from civcas.services.incidents import IncidentFilter
from civcas.store.database import Database
from civcas.web.api.filters import incident_filter
from civcas.web.deps import ActorDep, ReadSession, get_db

router = APIRouter(prefix="/api", tags=["export"])


@router.get(
    "/export",
    summary="Export incidents as CSV, GeoJSON, JSON or ACLED-layout CSV",
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/json": {}}}},
)
def api_export(
    session: ReadSession,
    actor: ActorDep,
    db: Annotated[Database, Depends(get_db)],
    flt: Annotated[IncidentFilter, Depends(incident_filter)],
    format: Literal["csv", "geojson", "json", "acled"] = "csv",
) -> Response:
    """Every incident matching the filters (the same filters as `/api/incidents`).

    `acled` is event data in ACLED's columns (event_date, event_type, sub_event_type, actor1,
    admin1, location, latitude, longitude, geo_precision, source, notes, fatalities).
    """
    out = export_incidents(session, actor, flt, format)
    if out.restricted:
        with db.write() as audit_session:  # a short transaction of its own, after the read
            audit_restricted_export(audit_session, actor, out, format, flt)
    return Response(
        out.text,
        media_type=out.media_type,
        headers={"content-disposition": f'attachment; filename="{out.file_name}"'},
    )
