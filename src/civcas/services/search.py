"""The incident list: filters, sorting, pagination with a total, and full-text search over reports.

Ranked search is bounded. Ranking every hit of a common word costs time in proportion to
the hits (FTS5 `ORDER BY rank`: about half a second at 200,000 hits), so a search takes
the SEARCH_WINDOW most recent matching reports that pass the other filters, reading the
index in rowid order and stopping there, ranks those (services/ranking.py) and groups them
into incidents. When the window fills, the page says so (`capped`): more reports match
than were ranked, and adding words or filters narrows the search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    column,
    exists,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from civcas.errors import InputError
from civcas.model.incident import IncidentSummary
from civcas.model.vocabulary import IncidentState
from civcas.services.actor import Actor
from civcas.services.incidents import SUMMARY_SELECT, IncidentFilter, summarize, visible_incidents
from civcas.services.ranking import bm25_scores
from civcas.services.reused import Reused
from civcas.store.search_index import FTS_TABLE, PG_VECTOR_COLUMN
from civcas.store.tables import Incident, IncidentRollup, IncidentSource, Source

SEARCH_WINDOW = 1000
MAX_WORDS = 16
SORTS = ("-date", "date", "-killed", "killed", "-updated", "updated", "relevance")

_SORT_COLUMNS: dict[str, Any] = {
    "date": Incident.date,
    "killed": Incident.civilians_killed_max,
    "updated": Incident.updated_at,
}


@dataclass(frozen=True, slots=True)
class IncidentPage:
    items: list[IncidentSummary]
    total: int | None  # incidents matching; None when not counted
    limit: int
    offset: int
    sort: str
    # Searches only: reports ranked, and whether more matched than the window holds.
    matched_reports: int | None = None
    capped: bool = False
    words: list[str] = field(default_factory=list)


def search_words(q: str | None) -> list[str]:
    """The words of a query; punctuation and search-syntax characters are dropped, not interpreted."""
    return re.findall(r"\w+", q or "")[:MAX_WORDS]


def incident_conditions(actor: Actor, flt: IncidentFilter) -> ColumnElement[bool] | None:
    """Everything but the text search, as one WHERE clause over incidents (None: no condition)."""
    stmt = visible_incidents(actor)
    if flt.belligerent:
        stmt = stmt.where(Incident.belligerent == flt.belligerent)
    if flt.admin1:
        stmt = stmt.where(Incident.admin1 == flt.admin1)
    if flt.state:
        stmt = stmt.where(Incident.state == flt.state)
    if flt.grade:
        stmt = stmt.where(Incident.grade == flt.grade)
    if flt.date_from:
        stmt = stmt.where(Incident.date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Incident.date <= flt.date_to)
    if flt.killed_min is not None:
        stmt = stmt.where(Incident.civilians_killed_min >= flt.killed_min)
    if flt.killed_max is not None:
        stmt = stmt.where(Incident.civilians_killed_min <= flt.killed_max)
    if flt.language:
        in_language = (
            select(IncidentSource.id)
            .join(Source, Source.id == IncidentSource.source_id)
            .where(IncidentSource.incident_id == Incident.id, Source.language == flt.language)
        )
        stmt = stmt.where(exists(in_language))
    return stmt.whereclause


def _order(sort: str) -> list[Any]:
    if sort not in SORTS:
        raise InputError(f"unknown sort {sort!r}; valid: {', '.join(SORTS)}", code="bad_sort")
    name = sort.lstrip("-")
    if name == "relevance":
        name, sort = "date", "-date"
    col = _SORT_COLUMNS[name]
    if sort.startswith("-"):
        return [col.desc().nulls_last(), Incident.id.desc()]
    return [col.asc().nulls_last(), Incident.id.asc()]


def _window(
    session: Session, words: list[str], where: ColumnElement[bool] | None
) -> Sequence[Row[int, int, str]]:
    """(incident id, report id, report title and text) for the most recent matching reports that pass
    the filters: one query, so the texts to rank come with the window rather than by a thousand ids."""
    searched = func.coalesce(Source.title, "") + " " + Source.text
    if session.get_bind().dialect.name == "sqlite":
        fts = table(FTS_TABLE, column("rowid", Integer))
        fts_ref: ColumnElement[Any] = literal_column(FTS_TABLE)
        # Reading the index in rowid order lets LIMIT stop it early, however common the words.
        stmt: Select[int, int, str] = (
            select(IncidentSource.incident_id, Source.id, searched)
            .select_from(fts)
            .join(IncidentSource, IncidentSource.source_id == fts.c.rowid)
            .join(Source, Source.id == fts.c.rowid)
            .where(fts_ref.op("MATCH")(" ".join(f'"{w}"' for w in words)))
            .order_by(fts.c.rowid.desc())
        )
    else:
        vector: ColumnElement[Any] = literal_column(f"sources.{PG_VECTOR_COLUMN}")
        query = func.plainto_tsquery(literal_column("'simple'::regconfig"), " ".join(words))
        stmt = (
            select(IncidentSource.incident_id, Source.id, searched)
            .select_from(Source)
            .join(IncidentSource, IncidentSource.source_id == Source.id)
            .where(vector.op("@@")(query))
            .order_by(Source.id.desc())
        )
    if where is not None:
        # Incidents are joined only when a condition needs them (an analyst's unfiltered search
        # then reads no incident rows at all).
        stmt = stmt.join(Incident, Incident.id == IncidentSource.incident_id).where(where)
    # Executed on the connection (Core), not through the ORM session: the ORM's loading of a thousand
    # rows costs half a millisecond more, for plain columns it has nothing to add to.
    return session.connection().execute(stmt.limit(SEARCH_WINDOW)).all()


def _rollup_count(session: Session, actor: Actor, flt: IncidentFilter) -> int | None:
    """The total from the trigger-kept rollup when the filters are all its keys (belligerent, state,
    grade, whole months); None when another filter needs a count over the incidents themselves."""
    if flt.admin1 or flt.language or flt.killed_min is not None or flt.killed_max is not None or flt.q:
        return None
    months = []
    if flt.date_from:
        if flt.date_from.day != 1:
            return None
        months.append(IncidentRollup.month >= flt.date_from.strftime("%Y-%m"))
    if flt.date_to:
        if (flt.date_to + timedelta(days=1)).day != 1:
            return None
        months.append(IncidentRollup.month.between("0000-00", flt.date_to.strftime("%Y-%m")))
    stmt = select(func.sum(IncidentRollup.incidents)).where(*months)
    if actor.is_anonymous:
        stmt = stmt.where(IncidentRollup.state == IncidentState.PUBLISHED.value)
    for key, value in (
        (IncidentRollup.belligerent, flt.belligerent),
        (IncidentRollup.state, flt.state),
        (IncidentRollup.grade, flt.grade),
    ):
        if value:
            stmt = stmt.where(key == value)
    return int(session.scalar(stmt) or 0)


def ranked_matches(
    session: Session, words: list[str], where: ColumnElement[bool] | None
) -> tuple[dict[int, float], int]:
    """Each matching incident's best score (lower ranks higher), and how many reports were ranked."""
    hits = _window(session, words, where)
    scores = bm25_scores({source_id: text for _, source_id, text in hits}, words)
    best: dict[int, float] = {}
    for incident_id, source_id, _ in hits:
        score = -scores.get(source_id, 0.0)
        if incident_id not in best or score < best[incident_id]:
            best[incident_id] = score
    return best, len(hits)


def incident_page(
    session: Session, actor: Actor, flt: IncidentFilter, *, with_total: bool = True
) -> IncidentPage:
    """One page of the incident list, filtered and sorted, with the number of incidents matching."""
    words = search_words(flt.q)
    sort = flt.sort if flt.sort != "relevance" or words else "-date"
    order = _order(sort)
    where = incident_conditions(actor, flt)
    if not words:
        stmt = SUMMARY_SELECT.order_by(*order).limit(flt.limit).offset(flt.offset)
        if where is not None:
            stmt = stmt.where(where)
        total = None
        if with_total:
            total = _rollup_count(session, actor, flt)
            if total is None:
                count = select(func.count(Incident.id))
                total = int(session.scalar(count if where is None else count.where(where)) or 0)
        items = summarize(session, session.connection().execute(stmt).all())
        return IncidentPage(items, total, flt.limit, flt.offset, sort)

    best, hits = ranked_matches(session, words, where)
    if sort == "relevance":
        ranked = sorted(best, key=lambda i: (best[i], -i))[flt.offset : flt.offset + flt.limit]
        rows = session.connection().execute(SUMMARY_SELECT.where(Incident.id.in_(ranked))).all()
        loaded = {r.id: r for r in rows}
        incidents: Sequence[Any] = [loaded[i] for i in ranked if i in loaded]
    else:
        stmt = SUMMARY_SELECT.where(Incident.id.in_(list(best)))
        page = stmt.order_by(*order).limit(flt.limit).offset(flt.offset)
        incidents = session.connection().execute(page).all()
    return IncidentPage(
        summarize(session, incidents),
        len(best),
        flt.limit,
        flt.offset,
        sort,
        matched_reports=hits,
        capped=hits >= SEARCH_WINDOW,
        words=words,
    )


# The filter menus change only when a new belligerent, province or language first appears;
# they are reused for a few seconds per database and audience.
OPTIONS_SECONDS = 5.0
_options: Reused[dict[str, list[str]]] = Reused(OPTIONS_SECONDS)


def filter_options(session: Session, actor: Actor) -> dict[str, list[str]]:
    key = (str(session.get_bind().engine.url), actor.is_anonymous)
    return _options.get(key, lambda: _filter_options(session, actor))


def _filter_options(session: Session, actor: Actor) -> dict[str, list[str]]:
    """The values the list's filters offer: belligerents, provinces and report languages present.

    Read as a loose index scan (the next value above the last, one index seek each), so the
    cost grows with the number of distinct values, not with the number of incidents.
    """
    where = incident_conditions(actor, IncidentFilter())

    def distinct(col: Any, *conditions: ColumnElement[bool]) -> list[str]:
        found: list[str] = []
        while True:
            stmt: Select[Any] = select(func.min(col)).where(col.is_not(None), *conditions)
            if found:
                stmt = stmt.where(col > found[-1])
            value = session.scalar(stmt)
            if value is None:
                return found
            found.append(str(value))

    visible = () if where is None else (where,)
    return {
        "belligerents": distinct(Incident.belligerent, *visible),
        "admin1": distinct(Incident.admin1, *visible),
        "languages": distinct(Source.language),
    }
