"""Reading incidents: lists, one incident with its sources and facts, and what an actor may see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Select, bindparam, exists, func, select
from sqlalchemy.orm import Session

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
from civcas.model.vocabulary import IncidentState, Role
from civcas.publish.sentences import Sentences
from civcas.services.actor import Actor
from civcas.services.assessments import incident_assessments
from civcas.services.commitments import incident_commitments
from civcas.services.incident_edits import MergedIncident, merged_into
from civcas.services.redaction import redact_incident
from civcas.services.verdicts import incident_verdicts
from civcas.store import core
from civcas.store.tables import (
    Assessment,
    BelligerentVerdict,
    Commitment,
    Evidence,
    Extraction,
    Incident,
    IncidentSource,
    Source,
    SourceOriginal,
    Statement,
)

FACT_FIELDS = (
    "date",
    "place",
    "places_named",
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


# What a summary shows, and no more: lists select these columns (no JSON to decode, no ORM
# objects to build), which is most of a list page's database time in Python.
SUMMARY_COLUMNS = (
    Incident.id,
    Incident.title,
    Incident.state,
    Incident.date,
    Incident.date_end,
    Incident.date_precision,
    Incident.place,
    Incident.admin1,
    Incident.country,
    Incident.lat,
    Incident.lon,
    Incident.geo_precision,
    Incident.belligerent,
    Incident.event_type,
    Incident.claimed_target,
    Incident.civilians_killed_min,
    Incident.civilians_killed_max,
    Incident.injured_min,
    Incident.injured_max,
    Incident.children_killed_min,
    Incident.children_killed_max,
    Incident.women_killed_min,
    Incident.women_killed_max,
    Incident.men_killed_min,
    Incident.men_killed_max,
    Incident.grade,
    Incident.strike_status,
    Incident.version,
    Incident.updated_at,
)


def _range(lo: int | None, hi: int | None) -> dict[str, int] | None:
    """A CountRange's fields, validated with the summary it is part of (one call for a page's
    summaries, rather than one per range and summary: a third less time)."""
    if lo is None:
        return None
    return {"min": lo, "max": hi if hi is not None else lo}


_SUMMARIES = TypeAdapter(list[IncidentSummary])


_SUMMARY_NAMES = tuple(col.key for col in SUMMARY_COLUMNS)
# Built once: coercing 29 columns into a new select costs more than running the query.
SUMMARY_SELECT = select(*SUMMARY_COLUMNS)


def _summary_fields(inc: Incident, source_count: int) -> dict[str, Any]:
    return _summary_dict({name: getattr(inc, name) for name in _SUMMARY_NAMES}, source_count)


def _summary_dict(r: Mapping[Any, Any], source_count: int) -> dict[str, Any]:
    """The summary of one incident, from its SUMMARY_COLUMNS by name."""
    return {
        "id": r["id"],
        "title": r["title"],
        "state": r["state"],
        "date": r["date"],
        "date_end": r["date_end"],
        "date_precision": r["date_precision"],
        "place": r["place"],
        "admin1": r["admin1"],
        "country": r["country"],
        "lat": r["lat"],
        "lon": r["lon"],
        "geo_precision": r["geo_precision"],
        "belligerent": r["belligerent"],
        "event_type": r["event_type"],
        "claimed_target": r["claimed_target"],
        "civilians_killed": _range(r["civilians_killed_min"], r["civilians_killed_max"]),
        "injured": _range(r["injured_min"], r["injured_max"]),
        "children_killed": _range(r["children_killed_min"], r["children_killed_max"]),
        "women_killed": _range(r["women_killed_min"], r["women_killed_max"]),
        "men_killed": _range(r["men_killed_min"], r["men_killed_max"]),
        "grade": r["grade"],
        "strike_status": r["strike_status"],
        "source_count": source_count,
        "version": r["version"],
        "updated_at": r["updated_at"],
    }


def list_incidents(
    session: Session, actor: Actor, flt: IncidentFilter | None = None
) -> list[IncidentSummary]:
    # Imported here: services/search.py builds on this module's base query and summaries.
    from civcas.services.search import incident_page

    return incident_page(session, actor, flt or IncidentFilter(), with_total=False).items


_SOURCE_COUNTS = (
    select(IncidentSource.incident_id, func.count())
    .where(IncidentSource.incident_id.in_(bindparam("incident_ids", expanding=True)))
    .group_by(IncidentSource.incident_id)
)


def summarize(session: Session, incidents: Sequence[Any]) -> list[IncidentSummary]:
    """Summaries of rows of SUMMARY_COLUMNS (or of loaded incidents), with their source counts in one query."""
    rows = core.read_tuples(session, _SOURCE_COUNTS, {"incident_ids": [i.id for i in incidents]})
    counts: dict[int, int] = dict(rows)
    found = []
    for inc in incidents:
        if isinstance(inc, Incident):
            fields = _summary_fields(inc, counts.get(inc.id, 0))
        else:  # a row: its values by position, which is quicker than by attribute
            values = dict(zip(_SUMMARY_NAMES, inc, strict=True))
            fields = _summary_dict(values, counts.get(values["id"], 0))
        found.append(fields)
    return _SUMMARIES.validate_python(found)


# Summaries chosen by id (a ranked search's page), each with its source count in the same query: a
# count per row from the index on incident_sources.incident_id, for the fifty rows of a page (no
# ORDER BY here, so the count is taken for those rows only; a sorted select would take it for every
# row it sorts, which is why lists keep the separate query of `summarize`).
_SOURCE_COUNT = (
    select(func.count())
    .where(IncidentSource.incident_id == Incident.id)
    .correlate(Incident)
    .scalar_subquery()
    .label("source_count")
)
_SUMMARIES_WITH_COUNTS_BY_ID = select(*SUMMARY_COLUMNS, _SOURCE_COUNT).where(
    Incident.id.in_(bindparam("incident_ids", expanding=True))
)


def summaries_by_id(session: Session, ids: Sequence[int]) -> list[IncidentSummary]:
    """The summaries of these incidents, in this order (ids not found are left out)."""
    found: dict[int, dict[str, Any]] = {}
    for row in core.read(session, _SUMMARIES_WITH_COUNTS_BY_ID, {"incident_ids": list(ids)}).all():
        values = dict(zip(_SUMMARY_NAMES, row, strict=False))
        found[row[0]] = _summary_dict(values, row[-1])
    return _SUMMARIES.validate_python([found[i] for i in ids if i in found])


def _format(value: Any) -> str:
    if isinstance(value, dict) and "min" in value:
        lo, hi = value["min"], value["max"]
        return str(lo) if lo == hi else f"{lo}–{hi}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _fact_views(sentences: Sentences, facts: dict[str, Any]) -> list[FactView]:
    views: list[FactView] = []
    all_spans = facts.get("spans") or {}
    for name in FACT_FIELDS:
        value = facts.get(name)
        if value is None or not all_spans.get(name):
            continue
        spans = [(int(a), int(b)) for a, b in all_spans[name]]
        # Each sentence once, in text order (a dict keeps order; a long report repeats one many times).
        said = list(dict.fromkeys(sentences.around(span) for span in spans))
        views.append(FactView(field=name, value=_format(value), spans=spans, sentences=said))
    return views


# An incident's reports with their links and extracted facts, in one query of the columns the page
# shows (not the stored originals, which can be megabytes each).
_LINKED_SOURCES = (
    select(
        IncidentSource.method,
        IncidentSource.score,
        IncidentSource.reasons,
        IncidentSource.pinned,
        IncidentSource.extraction_id,
        Source.id,
        Source.sha256,
        Source.title,
        Source.url,
        Source.publisher,
        Source.language,
        Source.published,
        Source.ingested_at,
        Source.kind,
        Source.origin,
        Source.text,
        Extraction.facts,
    )
    .select_from(IncidentSource)
    .join(Source, Source.id == IncidentSource.source_id)
    .outerjoin(Extraction, Extraction.id == IncidentSource.extraction_id)
    .order_by(IncidentSource.id)
)


def _source_view(link: Any, statements: list[Any], evidence: list[Any]) -> SourceView:
    """The view of one row of _LINKED_SOURCES, with its rows of _STATEMENTS_OF and _EVIDENCE_OF."""
    facts = link.facts or {}
    text = link.text
    sentences = Sentences(text)  # the text's sentence ends, found once for all its facts
    return SourceView(
        id=link.id,
        sha256=link.sha256,
        title=link.title,
        url=link.url,
        publisher=link.publisher,
        language=link.language,
        published=link.published,
        ingested_at=link.ingested_at,
        kind=link.kind,
        origin=link.origin,
        text=text,
        link_method=link.method,
        link_score=link.score,
        link_reasons=link.reasons,
        link_pinned=link.pinned,
        facts=_fact_views(sentences, facts),
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
                sentence=sentences.around((e.span_start, e.span_end)),
            )
            for e in evidence
        ],
        extraction=facts or None,
    )


# The reads of one incident's page, built once with bound parameters (see store/core.py).
# With it, whether the incident has any assessments, verdicts, promises, and statements or evidence in
# its reports' extractions (an index probe each): most incidents have none, and the page then skips
# those reads, each of which costs more in SQLAlchemy than the probe does in SQLite.
_HAS_ROWS = (
    exists().where(Assessment.incident_id == Incident.id).label("has_assessments"),
    exists().where(BelligerentVerdict.incident_id == Incident.id).label("has_verdicts"),
    exists().where(Commitment.incident_id == Incident.id).label("has_commitments"),
    exists()
    .where(IncidentSource.incident_id == Incident.id, Statement.extraction_id == IncidentSource.extraction_id)
    .label("has_statements"),
    exists()
    .where(IncidentSource.incident_id == Incident.id, Evidence.extraction_id == IncidentSource.extraction_id)
    .label("has_evidence"),
)
_INCIDENT_COLUMNS = select(
    *SUMMARY_COLUMNS, Incident.figure_overrides, Incident.names_public, *_HAS_ROWS
).where(Incident.id == bindparam("incident_id"))
# By whether the reader is anonymous: anonymous visitors see only published incidents (visible_incidents).
_INCIDENT_FOR_ANONYMOUS = {
    False: _INCIDENT_COLUMNS,
    True: _INCIDENT_COLUMNS.where(Incident.state == IncidentState.PUBLISHED.value),
}
_LINKS_OF_INCIDENT = _LINKED_SOURCES.where(IncidentSource.incident_id == bindparam("incident_id"))
_STATEMENTS_OF = (
    select(
        Statement.extraction_id,
        Statement.party,
        Statement.speaker,
        Statement.stance,
        Statement.quote,
        Statement.span_start,
        Statement.span_end,
    )
    .where(Statement.extraction_id.in_(bindparam("extraction_ids", expanding=True)))
    .order_by(Statement.id)
)
_EVIDENCE_OF = (
    select(Evidence.extraction_id, Evidence.kind, Evidence.verified, Evidence.span_start, Evidence.span_end)
    .where(Evidence.extraction_id.in_(bindparam("extraction_ids", expanding=True)))
    .order_by(Evidence.id)
)


def get_incident(session: Session, actor: Actor, incident_id: int) -> IncidentDetail:
    inc = core.read(
        session, _INCIDENT_FOR_ANONYMOUS[actor.is_anonymous], {"incident_id": incident_id}
    ).first()
    if inc is None:
        _raise_if_merged(session, actor, incident_id)
        raise NotFound(f"no incident {incident_id} (or it is not published)")
    links = core.read(session, _LINKS_OF_INCIDENT, {"incident_id": incident_id}).all()
    extraction_ids = [lk.extraction_id for lk in links if lk.extraction_id]
    statements: Sequence[Any] = ()
    evidence: Sequence[Any] = ()
    if extraction_ids:
        ids = {"extraction_ids": extraction_ids}
        if inc.has_statements:
            statements = core.read(session, _STATEMENTS_OF, ids).all()
        if inc.has_evidence:
            evidence = core.read(session, _EVIDENCE_OF, ids).all()
    sources = [
        _source_view(
            lk,
            [s for s in statements if s.extraction_id == lk.extraction_id],
            [e for e in evidence if e.extraction_id == lk.extraction_id],
        )
        for lk in links
    ]
    groups: list[str] = []
    for view in sources:
        for group in (view.extraction or {}).get("victim_groups", []):
            if group not in groups:
                groups.append(group)
    detail = IncidentDetail(
        **_summary_dict(inc._mapping, len(links)),
        victim_groups=groups,
        sources=sources,
        statements=[s for v in sources for s in v.statements],
        evidence=[e for v in sources for e in v.evidence],
        assessments=incident_assessments(session, incident_id) if inc.has_assessments else [],
        verdicts=incident_verdicts(session, incident_id) if inc.has_verdicts else [],
        commitments=incident_commitments(session, incident_id) if inc.has_commitments else [],
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


def original_report(session: Session, actor: Actor, source_id: int) -> tuple[bytes, str, str]:
    """A report's bytes exactly as they came in, with their media type and SHA-256: for signed-in
    users only (the original names people whom the public text withholds)."""
    actor.require(Role.VIEWER, "reading a report's original")
    row = session.execute(
        select(SourceOriginal.original, Source.media_type, Source.sha256)
        .join(Source, Source.id == SourceOriginal.source_id)
        .where(SourceOriginal.source_id == source_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"no report {source_id}")
    return row[0], row[1], row[2]


def _raise_if_merged(session: Session, actor: Actor, incident_id: int) -> None:
    """A merged incident's id names where it went, if the reader may see that incident."""
    into = merged_into(session, incident_id)
    if into is not None and session.scalar(visible_incidents(actor).where(Incident.id == into)) is not None:
        raise MergedIncident(incident_id, into)
