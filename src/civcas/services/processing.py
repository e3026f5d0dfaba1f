"""From a stored source to an incident: extract its facts, then link it.

The extraction is kept beside the source as a suggestion; the incident's own
figures are reconciled from all its sources' extractions (assess/reconcile.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.extract.pipeline import extract_report
from civcas.link.rule import LinkKey, RuleLinker
from civcas.model.extraction import IncidentFacts
from civcas.model.report import IncomingReport
from civcas.services.actor import Actor
from civcas.services.commitments import commitments_from_statements
from civcas.services.incident_facts import refresh_incident
from civcas.services.ingestion import store_report
from civcas.store import audit
from civcas.store.tables import Evidence, Extraction, Incident, IncidentSource, Source, Statement


def extract_source(session: Session, source: Source, by: Actor) -> Extraction:
    result = extract_report(
        id=str(source.id), text=source.text, published=source.published, language=source.language
    )
    facts = result.incident
    row = Extraction(
        source_id=source.id,
        extractor=result.extractor,
        facts=facts.model_dump(mode="json") if facts else None,
    )
    session.add(row)
    session.flush()
    if facts is not None:
        for st in facts.statements:
            session.add(
                Statement(
                    extraction_id=row.id,
                    source_id=source.id,
                    speaker=st.speaker,
                    party=st.party,
                    stance=st.stance.value,
                    quote=st.quote,
                    span_start=st.span[0],
                    span_end=st.span[1],
                )
            )
        for ev in facts.evidence:
            session.add(
                Evidence(
                    extraction_id=row.id,
                    source_id=source.id,
                    kind=ev.kind.value,
                    verified=ev.verified,
                    span_start=ev.span[0],
                    span_end=ev.span[1],
                )
            )
    audit.record(
        session,
        actor=by.username,
        action="source.extract",
        entity="source",
        entity_id=source.id,
        payload={"extraction": row.id, "extractor": row.extractor, "found": facts is not None},
    )
    return row


def _key(facts: IncidentFacts) -> LinkKey:
    day = date.fromisoformat(facts.date) if facts.date else None
    return LinkKey(day, facts.lat, facts.lon, facts.belligerent)


def _incident_key(inc: Incident) -> LinkKey:
    return LinkKey(inc.date, inc.lat, inc.lon, inc.belligerent)


def _candidates(session: Session, linker: RuleLinker, key: LinkKey) -> list[Incident]:
    if not key.linkable:
        return []
    assert key.date is not None
    lat0, lat1, lon0, lon1 = linker.box(key)
    day0 = date.fromordinal(key.date.toordinal() - linker.max_days)
    day1 = date.fromordinal(key.date.toordinal() + linker.max_days)
    stmt = select(Incident).where(
        Incident.date.between(day0, day1), Incident.lat.between(lat0, lat1), Incident.lon.between(lon0, lon1)
    )
    return list(session.scalars(stmt))


def link_source(
    session: Session, source: Source, extraction: Extraction, by: Actor, linker: RuleLinker | None = None
) -> IncidentSource | None:
    """Join the source to the best matching incident, or start a new one.

    Returns None when the report describes no incident.
    """
    if extraction.facts is None:
        return None
    linker = linker or RuleLinker()
    facts = IncidentFacts.model_validate(extraction.facts)
    key = _key(facts)
    best: tuple[float, Incident] | None = None
    for inc in _candidates(session, linker, key):
        score = linker.score(key, _incident_key(inc))
        if score is not None and (best is None or score > best[0]):
            best = (score, inc)
    if best is None:
        incident = Incident(state="new")
        session.add(incident)
        session.flush()
        link = IncidentSource(
            incident=incident, source_id=source.id, extraction_id=extraction.id, method="new"
        )
        action = "incident.create"
    else:
        incident = best[1]
        link = IncidentSource(
            incident=incident, source_id=source.id, extraction_id=extraction.id, method="rule", score=best[0]
        )
        action = "incident.link"
    session.add(link)
    session.flush()
    refresh_incident(session, incident)
    audit.record(
        session,
        actor=by.username,
        action=action,
        entity="incident",
        entity_id=incident.id,
        payload={"source": source.id, "method": link.method, "score": link.score},
    )
    return link


def process_incoming(
    session: Session, report: IncomingReport, by: Actor, linker: RuleLinker | None = None
) -> Processed:
    """Store one report and, if it is new, extract its facts and link it to an incident."""
    stored = store_report(session, report, by)
    if not stored.created:
        return Processed(stored.source.id, created=False, incident_id=_incident_of(session, stored.source.id))
    extraction = extract_source(session, stored.source, by)
    if stored.source.kind == "strike_release":
        # A belligerent's release is matched to allegations on their pages, never made an incident.
        return Processed(stored.source.id, created=True, incident_id=None, kind=stored.source.kind)
    link = link_source(session, stored.source, extraction, by, linker)
    if link is not None:
        commitments_from_statements(session, link.incident_id, stored.source, extraction.id, by)
    return Processed(stored.source.id, created=True, incident_id=link.incident_id if link else None)


def _incident_of(session: Session, source_id: int) -> int | None:
    return session.scalar(select(IncidentSource.incident_id).where(IncidentSource.source_id == source_id))


@dataclass(frozen=True, slots=True)
class Processed:
    source_id: int
    created: bool
    incident_id: int | None
    kind: str = "allegation"
