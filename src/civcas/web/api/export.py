"""Exports over HTTP: the same files as `civcas export`."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from civcas.publish.export import MEDIA_TYPES, render
from civcas.services.incidents import IncidentFilter, list_incidents
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
    format: Literal["csv", "geojson", "json"] = "csv",
    state: str | None = None,
) -> Response:
    rows = list_incidents(session, actor, IncidentFilter(state=state, limit=1_000_000))
    ext = {"csv": "csv", "geojson": "geojson", "json": "json"}[format]
    return Response(
        render(format, rows),
        media_type=MEDIA_TYPES[format],
        headers={"content-disposition": f'attachment; filename="civcas-incidents.{ext}"'},
    )
