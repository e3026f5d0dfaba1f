"""Exports of incidents: CSV, GeoJSON, JSON and ACLED-layout CSV, for people who build on the data."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from civcas.errors import InputError
from civcas.model.incident import IncidentSummary
from civcas.publish.acled import to_acled_csv

FORMATS = ("csv", "geojson", "json", "acled")

CSV_COLUMNS = (
    "id",
    "title",
    "state",
    "date",
    "date_end",
    "date_precision",
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "belligerent",
    "event_type",
    "claimed_target",
    "civilians_killed_min",
    "civilians_killed_max",
    "injured_min",
    "injured_max",
    "children_killed_min",
    "children_killed_max",
    "women_killed_min",
    "women_killed_max",
    "men_killed_min",
    "men_killed_max",
    "grade",
    "strike_status",
    "source_count",
)


def flat_record(inc: IncidentSummary) -> dict[str, Any]:
    """One incident as a flat row: counts split into _min and _max columns."""
    data = inc.model_dump(mode="json")
    row: dict[str, Any] = {}
    for col in CSV_COLUMNS:
        if col.endswith(("_min", "_max")):
            field, bound = col.rsplit("_", 1)
            value = data.get(field)
            row[col] = value[bound] if value else None
        else:
            row[col] = data.get(col)
    return row


def to_csv(incidents: Iterable[IncidentSummary]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        writer.writerow({k: "" if v is None else v for k, v in flat_record(inc).items()})
    return buf.getvalue()


def to_geojson(incidents: Iterable[IncidentSummary]) -> str:
    """A FeatureCollection; incidents without coordinates keep a null geometry (RFC 7946 allows it)."""
    features = []
    for inc in incidents:
        props = flat_record(inc)
        geometry = (
            {"type": "Point", "coordinates": [inc.lon, inc.lat]}
            if inc.lat is not None and inc.lon is not None
            else None
        )
        features.append({"type": "Feature", "id": inc.id, "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def to_json(incidents: Iterable[IncidentSummary]) -> str:
    return json.dumps([inc.model_dump(mode="json") for inc in incidents], ensure_ascii=False, indent=1)


def render(
    fmt: str, incidents: Iterable[IncidentSummary], publishers: Mapping[int, list[str]] | None = None
) -> str:
    """The export as text; `publishers` (incident id -> its sources' publishers) fills ACLED's source."""
    if fmt == "acled":
        return to_acled_csv(incidents, publishers or {})
    writers = {"csv": to_csv, "geojson": to_geojson, "json": to_json}
    if fmt not in writers:
        raise InputError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}", code="bad_format")
    return writers[fmt](incidents)


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "json": "application/json",
    "acled": "text/csv; charset=utf-8",
}
FILE_NAMES = {
    "csv": "civcas-incidents.csv",
    "geojson": "civcas-incidents.geojson",
    "json": "civcas-incidents.json",
    "acled": "civcas-incidents-acled.csv",
}
