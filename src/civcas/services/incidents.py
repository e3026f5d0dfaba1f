"""Reading incidents: lists, one incident with its sources and facts, and what an actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from civcas.assess.reconcile import reconcile
from civcas.errors import NotFound
from civcas.model.extraction import CountRange, IncidentFacts
from civcas.model.incident import (
    EvidenceView,
    FactView,
    IncidentDetail,
    IncidentSummary,
    SourceView,
    StatementView,
)
from civcas.model.vocabulary import IncidentState
from civcas.publish.sentences import sentence_around
from civcas.services.actor import Actor
from civcas.services.assessments import view as assessment_view
from civcas.services.commitments import incident_commitments
from civcas.services.incident_edits import MergedIncident, merged_into
from civcas.services.redaction import redact_incident
from civcas.services.verdicts import incident_verdicts
from civcas.store.tables import Evidence, Incident, IncidentSource, Source, Statement

FACT_FIELDS = (
    "date",
    "place",
    "belligerent",
    "event_type",
    "civilians_killed",
    "injured",
    "children_killed",
    "women_killed",
    "men_killed",
    "total_killed",
    "claimed_target",
)


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    belligerent: str | None = None
    admin1: str | None = None
    state: str | None = None
    grade: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int = 100
    offset: int = 0
    # The list page's further filters and order (applied in services/search.py).
    q: str | None = None  # words that must all occur in one report joined to the incident
    language: str | None = None  # at least one report in this language
    killed_min: int | None = None  # bounds on the lowest reported count of civilians killed
    killed_max: int | None = None
    sort: str = "-date"  # date, killed, updated or relevance; a leading "-" sorts descending


def visible_incidents(actor: Actor) -> Select[Incident]:
    """The base query every incident read goes through: anonymous visitors see only published ones."""
    stmt = select(Incident)
    if actor.is_anonymous:
        stmt = stmt.where(Incident.state == IncidentState.PUBLISHED.value)
    return stmt


def _range(lo: int | None, hi: int | None) -> CountRange | None:
    if lo is None:
        return None
    return CountRange(min=lo, max=hi if hi is not None else lo)


def _summary_fields(inc: Incident, source_count: int) -> dict[str, Any]:
    return {
        "id": inc.id,
        "title": inc.title,
        "state": inc.state,
        "date": inc.date,
        "date_end": inc.date_end,
        "date_precision": inc.date_precision,
        "place": inc.place,
        "admin1": inc.admin1,
        "country": inc.country,
        "lat": inc.lat,
        "lon": inc.lon,
        "geo_precision": inc.geo_precision,
        "belligerent": inc.belligerent,
        "event_type": inc.event_type,
        "claimed_target": inc.claimed_target,
        "civilians_killed": _range(inc.civilians_killed_min, inc.civilians_killed_max),
        "injured": _range(inc.injured_min, inc.injured_max),
        "children_killed": _range(inc.children_killed_min, inc.children_killed_max),
        "women_killed": _range(inc.women_killed_min, inc.women_killed_max),
        "men_killed": _range(inc.men_killed_min, inc.men_killed_max),
        "grade": inc.grade,
        "strike_status": inc.strike_status,
        "source_count": source_count,
        "version": inc.version,
        "updated_at": inc.updated_at,
    }


def list_incidents(
    session: Session, actor: Actor, flt: IncidentFilter | None = None
) -> list[IncidentSummary]:
    # Imported here: services/search.py builds on this module's base query and summaries.
    from civcas.services.search import incident_page

    return incident_page(session, actor, flt or IncidentFilter(), with_total=False).items


def summarize(session: Session, incidents: list[Incident]) -> list[IncidentSummary]:
    """Summaries of loaded incidents, with their source counts in one query."""
    rows = session.execute(
        select(IncidentSource.incident_id, func.count())
        .where(IncidentSource.incident_id.in_([i.id for i in incidents]))
        .group_by(IncidentSource.incident_id)
    )
    counts: dict[int, int] = {incident_id: n for incident_id, n in rows}
    return [IncidentSummary(**_summary_fields(i, counts.get(i.id, 0))) for i in incidents]


def _format(value: Any) -> str:
    if isinstance(value, dict) and "min" in value:
        lo, hi = value["min"], value["max"]
        return str(lo) if lo == hi else f"{lo}–{hi}"
    return str(value)


def _fact_views(text: str, facts: dict[str, Any]) -> list[FactView]:
    views: list[FactView] = []
    for name in FACT_FIELDS:
        value = facts.get(name)
        spans = [(int(a), int(b)) for a, b in facts.get("spans", {}).get(name, [])]
        if value is None or not spans:
            continue
        sentences: list[str] = []
        for span in spans:
            sentence = sentence_around(text, span)[0]
            if sentence not in sentences:
                sentences.append(sentence)
        views.append(FactView(field=name, value=_format(value), spans=spans, sentences=sentences))
    return views


def _source_view(link: IncidentSource, statements: list[Statement], evidence: list[Evidence]) -> SourceView:
    src: Source = link.source
    facts = link.extraction.facts if link.extraction and link.extraction.facts else {}
    return SourceView(
        id=src.id,
        sha256=src.sha256,
        title=src.title,
        url=src.url,
        publisher=src.publisher,
        language=src.language,
        published=src.published,
        ingested_at=src.ingested_at,
        kind=src.kind,
        origin=src.origin,
        text=src.text,
        link_method=link.method,
        link_score=link.score,
        link_reasons=link.reasons,
        link_pinned=link.pinned,
        facts=_fact_views(src.text, facts),
        statements=[
            StatementView(
                party=s.party,
                speaker=s.speaker,
                stance=s.stance,
                quote=s.quote,
                span=(s.span_start, s.span_end),
            )
            for s in statements
        ],
        evidence=[
            EvidenceView(
                kind=e.kind,
                verified=e.verified,
                span=(e.span_start, e.span_end),
                sentence=sentence_around(src.text, (e.span_start, e.span_end))[0],
            )
            for e in evidence
        ],
        extraction=facts or None,
    )


def get_incident(session: Session, actor: Actor, incident_id: int) -> IncidentDetail:
    stmt = (
        visible_incidents(actor)
        .where(Incident.id == incident_id)
        .options(
            selectinload(Incident.links).selectinload(IncidentSource.source),
            selectinload(Incident.links).selectinload(IncidentSource.extraction),
            selectinload(Incident.assessments),
        )
    )
    inc = session.scalar(stmt)
    if inc is None:
        _raise_if_merged(session, actor, incident_id)
        raise NotFound(f"no incident {incident_id} (or it is not published)")
    extraction_ids = [lk.extraction_id for lk in inc.links if lk.extraction_id]
    statements = list(
        session.scalars(
            select(Statement).where(Statement.extraction_id.in_(extraction_ids)).order_by(Statement.id)
        )
    )
    evidence = list(
        session.scalars(
            select(Evidence).where(Evidence.extraction_id.in_(extraction_ids)).order_by(Evidence.id)
        )
    )
    sources = [
        _source_view(
            lk,
            [s for s in statements if s.extraction_id == lk.extraction_id],
            [e for e in evidence if e.extraction_id == lk.extraction_id],
        )
        for lk in inc.links
    ]
    groups: list[str] = []
    for view in sources:
        for group in (view.extraction or {}).get("victim_groups", []):
            if group not in groups:
                groups.append(group)
    detail = IncidentDetail(
        **_summary_fields(inc, len(inc.links)),
        victim_groups=groups,
        sources=sources,
        statements=[s for v in sources for s in v.statements],
        evidence=[e for v in sources for e in v.evidence],
        assessments=[assessment_view(a) for a in inc.assessments],
        verdicts=incident_verdicts(session, inc.id),
        commitments=incident_commitments(session, inc.id),
        figure_overrides=dict(inc.figure_overrides or {}),
        reconciled=_reconciled(sources),
    )
    # Redaction lives here, in the one read path, so no route can forget it.
    return redact_incident(detail) if actor.is_anonymous and not inc.names_public else detail


def _reconciled(sources: list[SourceView]) -> dict[str, CountRange | None]:
    """The figures as the sources give them, before any analyst override."""
    facts = [IncidentFacts.model_validate(s.extraction) for s in sources if s.extraction]
    return dict(reconcile(facts).figures)


def list_sources(
    session: Session, actor: Actor, limit: int = 100, offset: int = 0, source_id: int | None = None
) -> list[Source]:
    stmt = select(Source).order_by(Source.id.desc()).limit(limit).offset(offset)
    if source_id is not None:
        stmt = stmt.where(Source.id == source_id)
    if actor.is_anonymous:
        published = (
            select(IncidentSource.source_id)
            .join(Incident)
            .where(Incident.state == IncidentState.PUBLISHED.value)
        )
        stmt = stmt.where(Source.id.in_(published))
    return list(session.scalars(stmt))


def _raise_if_merged(session: Session, actor: Actor, incident_id: int) -> None:
    """A merged incident's id names where it went, if the reader may see that incident."""
    into = merged_into(session, incident_id)
    if into is not None and session.scalar(visible_incidents(actor).where(Incident.id == into)) is not None:
        raise MergedIncident(incident_id, into)
