"""Exports of incidents: CSV, GeoJSON, JSON and ACLED-layout CSV, for people who build on the data."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from civcas.errors import InputError
from civcas.model.incident import IncidentSummary
from civcas.publish.acled import acled_header, acled_lines

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


def _csv_lines(incidents: Iterable[IncidentSummary], write_header: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    if write_header:
        writer.writeheader()
    for inc in incidents:
        writer.writerow({k: "" if v is None else v for k, v in flat_record(inc).items()})
    return buf.getvalue()


def _feature(inc: IncidentSummary) -> dict[str, Any]:
    """An incident as a GeoJSON feature; without coordinates it keeps a null geometry (RFC 7946 allows it)."""
    geometry = (
        {"type": "Point", "coordinates": [inc.lon, inc.lat]}
        if inc.lat is not None and inc.lon is not None
        else None
    )
    return {"type": "Feature", "id": inc.id, "geometry": geometry, "properties": flat_record(inc)}


def _json_items(
    pages: Iterable[Sequence[IncidentSummary]], item: Callable[[IncidentSummary], Any], depth: int
) -> Iterator[str]:
    """The items of a JSON array written `depth` levels deep, exactly as json.dumps(..., indent=1)
    writes them inside their document, one page at a time."""
    pad = " " * depth
    first = True
    for page in pages:
        parts = [
            pad + json.dumps(item(inc), ensure_ascii=False, indent=1).replace("\n", "\n" + pad)
            for inc in page
        ]
        if parts:
            yield ("\n" if first else ",\n") + ",\n".join(parts)
            first = False
    if not first:
        yield "\n" + " " * (depth - 1)


Publishers = Callable[[list[int]], Mapping[int, list[str]]]


def export_text(
    fmt: str, pages: Iterable[Sequence[IncidentSummary]], publishers: Publishers | None = None
) -> Iterator[str]:
    """The export in pieces, one per page of incidents, so that an archive of any size is written in
    constant memory; joined, the pieces are the file. `publishers` gives each incident's sources'
    publishers (ACLED's source column), asked page by page."""
    check_format(fmt)
    if fmt == "csv":
        yield _csv_lines([], write_header=True)
        for page in pages:
            yield _csv_lines(page)
    elif fmt == "acled":
        yield acled_header()
        for page in pages:
            yield acled_lines(page, publishers([inc.id for inc in page]) if publishers else {})
    elif fmt == "json":
        yield "["
        yield from _json_items(pages, lambda inc: inc.model_dump(mode="json"), 1)
        yield "]"
    else:
        yield '{\n "type": "FeatureCollection",\n "features": ['
        yield from _json_items(pages, _feature, 2)
        yield "]\n}"


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}", code="bad_format")


def render(
    fmt: str, incidents: Iterable[IncidentSummary], publishers: Mapping[int, list[str]] | None = None
) -> str:
    """The export as one text; `publishers` (incident id -> its sources' publishers) fills ACLED's source."""
    return "".join(export_text(fmt, [list(incidents)], lambda _: publishers or {}))


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
