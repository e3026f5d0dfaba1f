"""Import a monitor's existing archive of assessed incidents (Airwars' record layout), so a team can
start from its history: incidents with their gradings, and the belligerents' own verdicts.

Imports are idempotent: an incident already imported under the same archive id is left alone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.assess.verdicts import VERDICT_CODES, belligerent_name, belligerent_names, normalise_reasons
from civcas.errors import InputError
from civcas.model.vocabulary import Grade, IncidentState, StrikeStatus
from civcas.services.actor import Actor
from civcas.services.incident_facts import incident_title
from civcas.services.linking import index_incident_record
from civcas.services.verdicts import record_verdict
from civcas.store import audit
from civcas.store.tables import Incident

GEO_PRECISION = {
    "exact_location": "exact",
    "exact": "exact",
    "neighbourhood": "neighbourhood",
    "village": "village",
    "town": "town",
    "city": "town",
    "district": "district",
    "subdistrict": "district",
    "governorate": "province",
    "province": "province",
    "country": "country",
}


@dataclass
class ImportStats:
    read: int = 0
    imported: int = 0
    already: int = 0
    verdicts: int = 0
    problems: list[str] = field(default_factory=list)


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, problem or None) for each non-blank line."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"{path}:{n}: not JSON ({exc.msg})"
                continue
            if (
                not isinstance(record, dict)
                or not isinstance(record.get("gold"), dict)
                or not record.get("id")
            ):
                yield n, None, f"{path}:{n}: not an incident record (needs 'id' and a 'gold' object)"
                continue
            yield n, record, None


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _enum_value(enum: type[Grade] | type[StrikeStatus], value: Any) -> str | None:
    return next((m.value for m in enum if str(value or "").casefold() == m.value.casefold()), None)


def _incident(record: dict[str, Any]) -> Incident:
    g: dict[str, Any] = record["gold"]
    grade = _enum_value(Grade, g.get("grading"))
    inc = Incident(
        external_id=str(record["id"]),
        state=IncidentState.PUBLISHED.value if grade else IncidentState.UNDER_ASSESSMENT.value,
        date=_date(g.get("date")),
        date_end=_date(g.get("date_end")),
        date_precision="range" if g.get("date_end") else "day",
        place=g.get("place"),
        admin1=g.get("admin1"),
        country="SY" if g.get("country") == "Syria" else (g.get("country") or None),
        lat=g.get("lat"),
        lon=g.get("lon"),
        geo_precision=GEO_PRECISION.get(str(g.get("location_precision") or "").casefold()),
        belligerent=belligerent_names(g.get("belligerent")),
        event_type=g.get("event_type"),
        grade=grade,
        strike_status=_enum_value(StrikeStatus, g.get("strike_status")),
    )
    for name, lo_key, hi_key in (
        ("civilians_killed", "civilians_killed_min", "civilians_killed_max"),
        ("injured", "injured_min", "injured_max"),
        ("children_killed", "children_killed", "children_killed_max"),
        ("women_killed", "women_killed", "women_killed_max"),
        ("men_killed", "men_killed", "men_killed_max"),
    ):
        lo, hi = _int(g.get(lo_key)), _int(g.get(hi_key))
        setattr(inc, f"{name}_min", lo)
        setattr(inc, f"{name}_max", hi if hi is not None and lo is not None and hi >= lo else lo)
    if inc.country and len(inc.country) > 2:
        inc.country = None
    inc.title = incident_title(inc)
    return inc


def _verdicts(g: dict[str, Any]) -> list[dict[str, Any]]:
    """The belligerents' verdicts in a record; 'not yet assessed' is no verdict at all."""
    out: list[dict[str, Any]] = []
    for a in g.get("belligerent_assessments") or []:
        code = str(a.get("belligerent_assessment") or "").casefold()
        if code not in VERDICT_CODES:
            continue
        out.append(
            {
                "belligerent": belligerent_name(str(a.get("belligerent") or "unknown")),
                "verdict": code,
                "reasons": normalise_reasons(a.get("belligerent_reason_non_credible"))
                + normalise_reasons(a.get("belligerent_reason_credible")),
                "deaths": (
                    _int(a.get("civilian_deaths_conceded_min")),
                    _int(a.get("civilian_deaths_conceded_max")),
                ),
                "injuries": (
                    _int(a.get("civilian_injuries_conceded_min")),
                    _int(a.get("civilian_injuries_conceded_max")),
                ),
            }
        )
    coalition = str(g.get("coalition_assessment") or "").casefold()
    if coalition in VERDICT_CODES and not any(v["belligerent"] == "US-led Coalition" for v in out):
        out.append(
            {
                "belligerent": "US-led Coalition",
                "verdict": coalition,
                "reasons": [],
                "deaths": (None, None),
                "injuries": (None, None),
            }
        )
    return out


def _range(pair: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    lo, hi = pair
    if lo is None and hi is None:
        return None, None
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    return (lo, hi) if lo is not None and hi is not None and lo <= hi else (None, None)


def import_record(session: Session, record: dict[str, Any], by: Actor, stats: ImportStats) -> None:
    external = str(record["id"])
    if session.scalar(select(Incident.id).where(Incident.external_id == external)) is not None:
        stats.already += 1
        return
    inc = _incident(record)
    session.add(inc)
    session.flush()
    index_incident_record(session, inc)  # new reports of the same strike can join it
    audit.record(
        session,
        actor=by.username,
        action="incident.import",
        entity="incident",
        entity_id=inc.id,
        payload={"external_id": external, "grade": inc.grade},
    )
    for v in _verdicts(record["gold"]):
        record_verdict(
            session,
            inc.id,
            by,
            belligerent=v["belligerent"],
            verdict=v["verdict"],
            reasons=v["reasons"],
            deaths_conceded=_range(v["deaths"]),
            injuries_conceded=_range(v["injuries"]),
            published_in="imported archive",
            audit_action="verdict.import",
        )
        stats.verdicts += 1
    stats.imported += 1


def check_readable(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"{path}: no such file", code="not_found")
