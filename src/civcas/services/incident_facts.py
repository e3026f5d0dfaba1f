"""An incident's own facts, derived from its sources' extractions, with the analyst's overrides on top."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.assess.reconcile import FIGURES, first_known, reconcile
from civcas.model.extraction import IncidentFacts
from civcas.store.tables import Extraction, Incident, IncidentSource


def _incident_facts(session: Session, incident: Incident) -> list[IncidentFacts]:
    rows: Iterable[dict[str, Any] | None] = session.scalars(
        select(Extraction.facts)
        .join(IncidentSource, IncidentSource.extraction_id == Extraction.id)
        .where(IncidentSource.incident_id == incident.id)
        .order_by(IncidentSource.id)
    )
    return [IncidentFacts.model_validate(f) for f in rows if f]


def refresh_incident(session: Session, incident: Incident) -> None:
    """Re-derive the incident's facts from its sources (figures reconciled, the rest first known)."""
    facts = _incident_facts(session, incident)
    if facts:
        _derive(incident, facts)
    for name, override in (incident.figure_overrides or {}).items():
        if name in FIGURES:
            setattr(incident, f"{name}_min", override["min"])
            setattr(incident, f"{name}_max", override["max"])
    incident.title = incident_title(incident)


def _derive(incident: Incident, facts: list[IncidentFacts]) -> None:
    rec = reconcile(facts)
    for name in FIGURES:
        value = rec.figures[name]
        setattr(incident, f"{name}_min", value.min if value else None)
        setattr(incident, f"{name}_max", value.max if value else None)
    for attr in (
        "place",
        "admin1",
        "country",
        "geo_precision",
        "belligerent",
        "event_type",
        "claimed_target",
        "date_precision",
    ):
        setattr(incident, attr, first_known(getattr(f, attr) for f in facts))
    located = next((f for f in facts if f.lat is not None and f.lon is not None), None)
    incident.lat, incident.lon = (located.lat, located.lon) if located else (None, None)
    dated = next((f for f in facts if f.date), None)
    incident.date = date.fromisoformat(dated.date) if dated and dated.date else None
    incident.date_end = date.fromisoformat(dated.date_end) if dated and dated.date_end else None


def incident_title(inc: Incident) -> str:
    what = (inc.event_type or "incident").capitalize()
    where = ", ".join(p for p in (inc.place, inc.admin1) if p)
    when = inc.date.isoformat() if inc.date else "date unknown"
    return f"{what} near {where}, {when}" if where else f"{what}, {when}"
