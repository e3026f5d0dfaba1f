"""Incidents as GeoJSON points for the map, filtered like the list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from civcas.services.geo import MapPoints, map_points
from civcas.services.incidents import IncidentFilter
from civcas.web.api.filters import incident_filter
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api", tags=["incidents"])


def _killed(lo: int | None, hi: int | None) -> str | None:
    if lo is None:
        return None
    return str(lo) if hi is None or lo == hi else f"{lo}–{hi}"


def feature_collection(found: MapPoints) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "id": p.id,
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {
                "id": p.id,
                "title": p.title,
                "date": p.date.isoformat() if p.date else None,
                "grade": p.grade,
                "state": p.state,
                "belligerent": p.belligerent,
                "civilians_killed": _killed(p.killed_min, p.killed_max),
            },
        }
        for p in found.points
    ]
    # "truncated" is a foreign member (RFC 7946 §6.1): more incidents match than are drawn.
    return {"type": "FeatureCollection", "truncated": found.truncated, "features": features}


@router.get(
    "/incidents.geojson",
    summary="Incidents with coordinates as GeoJSON points (the map's data), filtered like /api/incidents",
    responses={200: {"content": {"application/geo+json": {}}}},
)
def api_incidents_geojson(
    session: ReadSession, actor: ActorDep, flt: Annotated[IncidentFilter, Depends(incident_filter)]
) -> JSONResponse:
    body = feature_collection(map_points(session, actor, flt))
    return JSONResponse(body, media_type="application/geo+json")
