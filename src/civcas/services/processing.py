"""From a stored source to an incident: extract its facts, then link it (services/linking.py).

The extraction is kept beside the source as a suggestion; the incident's own
figures are reconciled from all its sources' extractions (assess/reconcile.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.extract.pipeline import extract_report
from civcas.link.incremental import IncrementalLinker
from civcas.model.report import IncomingReport
from civcas.services.actor import Actor
from civcas.services.commitments import commitments_from_statements
from civcas.services.ingestion import store_report
from civcas.services.linking import link_source
from civcas.store import audit
from civcas.store.tables import Evidence, Extraction, IncidentSource, Source, Statement


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


def process_incoming(
    session: Session, report: IncomingReport, by: Actor, linker: IncrementalLinker | None = None
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
