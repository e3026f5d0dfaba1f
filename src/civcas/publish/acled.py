"""Incidents as event data in ACLED's column layout, for people who analyse with ACLED tooling.

The mapping (documented in docs/exports.md): event types follow ACLED's "Explosions/Remote
violence" and "Battles" families; geo_precision becomes ACLED's 1 (the named place), 2 (near
it, or part of a region) or 3 (a larger region); fatalities is the lowest reported count of
civilians killed (ACLED counts fatalities as a single, conservative number).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from civcas.model.incident import IncidentSummary

ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)

REMOTE = "Explosions/Remote violence"
# civcas event type -> (ACLED event_type, ACLED sub_event_type)
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "airstrike": (REMOTE, "Air/drone strike"),
    "drone strike": (REMOTE, "Air/drone strike"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "artillery": (REMOTE, "Shelling/artillery/missile attack"),
    "naval strike": (REMOTE, "Shelling/artillery/missile attack"),
    "explosion": (REMOTE, "Remote explosive/landmine/IED"),
    "ground fighting": ("Battles", "Armed clash"),
}

GEO_PRECISION = {
    "exact": 1,
    "neighbourhood": 1,
    "village": 1,
    "town": 1,
    "district": 2,
    "province": 3,
    "country": 3,
}


def _notes(inc: IncidentSummary) -> str:
    killed = inc.civilians_killed
    figure = (
        "unknown"
        if killed is None
        else (str(killed.min) if killed.min == killed.max else f"{killed.min}-{killed.max}")
    )
    parts = [inc.title.rstrip(".") + ".", f"Civilians killed: {figure}."]
    if inc.claimed_target:
        parts.append(f"Claimed target: {inc.claimed_target}.")
    assessed = ", ".join(x for x in (inc.grade, inc.strike_status) if x)
    parts.append(
        f"civcas incident {inc.id} ({inc.state.replace('_', ' ')}{', ' + assessed if assessed else ''})."
    )
    return " ".join(parts)


def acled_row(inc: IncidentSummary, publishers: list[str]) -> dict[str, str | int | float]:
    event_type, sub_event_type = EVENT_TYPES.get(inc.event_type or "", (REMOTE, ""))
    has_point = inc.lat is not None and inc.lon is not None
    return {
        "event_date": inc.date.isoformat() if inc.date else "",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": inc.belligerent or "Unidentified",
        "admin1": inc.admin1 or "",
        "location": inc.place or "",
        "latitude": inc.lat if has_point and inc.lat is not None else "",
        "longitude": inc.lon if has_point and inc.lon is not None else "",
        "geo_precision": GEO_PRECISION.get(inc.geo_precision or "", 3) if has_point else "",
        "source": "; ".join(publishers),
        "notes": _notes(inc),
        "fatalities": inc.civilians_killed.min if inc.civilians_killed else 0,
    }


def acled_header() -> str:
    return _csv_text([], write_header=True)


def acled_lines(incidents: Iterable[IncidentSummary], publishers: Mapping[int, list[str]]) -> str:
    """Rows of incidents, without the header (an export writes them page by page)."""
    return _csv_text([acled_row(inc, publishers.get(inc.id, [])) for inc in incidents])


def to_acled_csv(incidents: Iterable[IncidentSummary], publishers: Mapping[int, list[str]]) -> str:
    return acled_header() + acled_lines(incidents, publishers)


def _csv_text(rows: list[dict[str, str | int | float]], write_header: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    if write_header:
        writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()
