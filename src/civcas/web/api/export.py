"""Exports over HTTP: the same files as `civcas export`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from civcas.publish.export import MEDIA_TYPES, render
from civcas.services.incidents import IncidentFilter, list_incidents
from civcas.web.api.filters import incident_filter
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api", tags=["export"])


@router.get(
    "/export",
    summary="Export incidents as CSV, GeoJSON or JSON",
    responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/json": {}}}},
)
def api_export(
    session: ReadSession,
    actor: ActorDep,
    flt: Annotated[IncidentFilter, Depends(incident_filter)],
    format: Literal["csv", "geojson", "json"] = "csv",
) -> Response:
    """Every incident matching the filters (the same filters as `/api/incidents`)."""
    rows = list_incidents(session, actor, flt)
    ext = {"csv": "csv", "geojson": "geojson", "json": "json"}[format]
    return Response(
        render(format, rows),
        media_type=MEDIA_TYPES[format],
        headers={"content-disposition": f'attachment; filename="civcas-incidents.{ext}"'},
    )
