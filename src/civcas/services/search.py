"""The incident list: filters, sorting, pagination with a total, and full-text search over reports.

Ranked search is bounded. Ranking every hit of a common word costs time in proportion to
the hits (FTS5 `ORDER BY rank`: about half a second at 200,000 hits), so a search takes
the SEARCH_WINDOW most recent matching reports that pass the other filters, reading the
index in rowid order and stopping there, ranks those (services/ranking.py) and groups them
into incidents. When the window fills, the page says so (`capped`): more reports match
than were ranked, and adding words or filters narrows the search.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
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
from civcas.services.actor import ANONYMOUS, SYSTEM, Actor
from civcas.services.incidents import (
    SUMMARY_SELECT,
    IncidentFilter,
    summaries_by_id,
    summarize,
    visible_incidents,
)
from civcas.services.ranking import bm25_totals
from civcas.services.reused import Reused
from civcas.store import core
from civcas.store.search_index import FTS_TABLE, PG_VECTOR_COLUMN
from civcas.store.tables import Incident, IncidentLanguage, IncidentRollup, IncidentSource, Source

SEARCH_WINDOW = 1000
AnySelect = Select[*tuple[Any, ...]]
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


@dataclass(frozen=True, slots=True)
class Conditions:
    """Everything but the text search, as one WHERE clause over incidents, and its parameters.

    The clause is built once per combination of filters (and audience) with bound parameters, and
    the statements built on it are kept by `key`: a request runs statements SQLAlchemy has keyed and
    compiled already, with its own values (see store/core.py).
    """

    where: ColumnElement[bool] | None  # None: no condition
    params: dict[str, Any]
    key: tuple[bool, tuple[str, ...]]  # anonymous, the filters given


def _language_condition() -> ColumnElement[bool]:
    # The trigger-kept languages of each incident's reports (migration 0015): one primary-key look-up
    # per incident, where a join through its reports cost about a second over 200,000 incidents.
    in_language = select(IncidentLanguage.reports).where(
        IncidentLanguage.incident_id == Incident.id, IncidentLanguage.language == bindparam("language")
    )
    return exists(in_language)


# Each filter's condition, in the order they are applied.
_FILTER_CONDITIONS: dict[str, Callable[[], ColumnElement[bool]]] = {
    "belligerent": lambda: Incident.belligerent == bindparam("belligerent"),
    "admin1": lambda: Incident.admin1 == bindparam("admin1"),
    "state": lambda: Incident.state == bindparam("state"),
    "grade": lambda: Incident.grade == bindparam("grade"),
    "date_from": lambda: Incident.date >= bindparam("date_from"),
    "date_to": lambda: Incident.date <= bindparam("date_to"),
    "killed_min": lambda: Incident.civilians_killed_min >= bindparam("killed_min"),
    "killed_max": lambda: Incident.civilians_killed_min <= bindparam("killed_max"),
    "language": _language_condition,
}


@functools.cache
def where_clause(anonymous: bool, names: tuple[str, ...]) -> ColumnElement[bool] | None:
    """The WHERE clause of these filters for this audience (built once per combination, parameters bound by name)."""
    stmt = visible_incidents(ANONYMOUS if anonymous else SYSTEM)
    for name in names:
        stmt = stmt.where(_FILTER_CONDITIONS[name]())
    return stmt.whereclause


def incident_conditions(actor: Actor, flt: IncidentFilter) -> Conditions:
    """The filters the actor and the filter call for (the text search aside)."""
    params: dict[str, Any] = {}
    for name in _FILTER_CONDITIONS:
        value = getattr(flt, name)
        if value is not None if name in ("killed_min", "killed_max") else value:
            params[name] = value
    key = (actor.is_anonymous, tuple(params))
    return Conditions(where_clause(*key), params, key)


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


# The statements of a list or search page, built once per combination of filters, sort and database
# (the keys are few: a page's values are bound parameters) and kept, with the SQLAlchemy cache keys they
# memoise. The parameter names are the filters' (Conditions.params) and the ones below.
_PAGE = {"limit": bindparam("page_limit", type_=Integer), "offset": bindparam("page_offset", type_=Integer)}
_BY_IDS = Incident.id.in_(bindparam("incident_ids", expanding=True))
_SUMMARIES_BY_ID = SUMMARY_SELECT.where(_BY_IDS)


def _page_params(flt: IncidentFilter) -> dict[str, int]:
    return {"page_limit": flt.limit, "page_offset": flt.offset}


@functools.cache
def _list_select(conditions: tuple[bool, tuple[str, ...]], sort: str) -> AnySelect:
    stmt = SUMMARY_SELECT.order_by(*_order(sort)).limit(_PAGE["limit"]).offset(_PAGE["offset"])
    where = where_clause(*conditions)
    return stmt if where is None else stmt.where(where)


@functools.cache
def _count_select(conditions: tuple[bool, tuple[str, ...]]) -> AnySelect:
    stmt = select(func.count(Incident.id))
    where = where_clause(*conditions)
    return stmt if where is None else stmt.where(where)


@functools.cache
def _ranked_page_select(sort: str) -> AnySelect:
    return _SUMMARIES_BY_ID.order_by(*_order(sort)).limit(_PAGE["limit"]).offset(_PAGE["offset"])


@functools.cache
def _window_select(dialect: str, conditions: tuple[bool, tuple[str, ...]]) -> AnySelect:
    # Title and text as two columns, joined in Python: SQLite's `||` over a thousand rows costs
    # more (0.7 ms) than reading them.
    if dialect == "sqlite":
        fts = table(FTS_TABLE, column("rowid", Integer))
        fts_ref: ColumnElement[Any] = literal_column(FTS_TABLE)
        # Reading the index in rowid order lets LIMIT stop it early, however common the words.
        stmt: AnySelect = (
            select(IncidentSource.incident_id, Source.title, Source.text)
            .select_from(fts)
            .join(IncidentSource, IncidentSource.source_id == fts.c.rowid)
            .join(Source, Source.id == fts.c.rowid)
            .where(fts_ref.op("MATCH")(bindparam("words", type_=String)))
            .order_by(fts.c.rowid.desc())
        )
    else:
        vector: ColumnElement[Any] = literal_column(f"sources.{PG_VECTOR_COLUMN}")
        query = func.plainto_tsquery(literal_column("'simple'::regconfig"), bindparam("words", type_=String))
        stmt = (
            select(IncidentSource.incident_id, Source.title, Source.text)
            .select_from(Source)
            .join(IncidentSource, IncidentSource.source_id == Source.id)
            .where(vector.op("@@")(query))
            .order_by(Source.id.desc())
        )
    where = where_clause(*conditions)
    if where is not None:
        # Incidents are joined only when a condition needs them (an analyst's unfiltered search
        # then reads no incident rows at all).
        stmt = stmt.join(Incident, Incident.id == IncidentSource.incident_id).where(where)
    return stmt.limit(bindparam("window", type_=Integer))


def _window(session: Session, words: list[str], conditions: Conditions) -> list[tuple[int, str | None, str]]:
    """(incident id, report title, report text) for the most recent matching reports that pass the
    filters: one query, so the texts to rank come with the window rather than by a thousand ids."""
    dialect = session.get_bind().dialect.name
    # SQLite: each word a quoted FTS5 string, all required; PostgreSQL: plainto_tsquery's words.
    searched = " ".join(f'"{w}"' for w in words) if dialect == "sqlite" else " ".join(words)
    # Executed on the connection (Core), not through the ORM session: the ORM's loading of a thousand
    # rows costs half a millisecond more, for plain columns it has nothing to add to.
    stmt = _window_select(dialect, conditions.key)
    params = {**conditions.params, "words": searched, "window": SEARCH_WINDOW}
    # An integer and two texts: the driver's tuples as they come (store/core.py).
    rows: list[tuple[int, str | None, str]] = core.read_tuples(session, stmt, params)
    return rows


def rollup_params(flt: IncidentFilter) -> dict[str, Any] | None:
    """The filter as keys of the trigger-kept rollup (belligerent, state, grade, whole months), or
    None when another filter needs the incidents themselves (the text search aside)."""
    if flt.admin1 or flt.language or flt.killed_min is not None or flt.killed_max is not None:
        return None
    params: dict[str, Any] = {}
    if flt.date_from:
        if flt.date_from.day != 1:
            return None
        params["month_from"] = flt.date_from.strftime("%Y-%m")
    if flt.date_to:
        if (
            flt.date_to.day != calendar.monthrange(flt.date_to.year, flt.date_to.month)[1]
        ):  # not a month's end
            return None
        params["month_to"] = flt.date_to.strftime("%Y-%m")
    for key in ("belligerent", "state", "grade"):
        value = getattr(flt, key)
        if value:
            params[key] = value
    return params


def rollup_where(stmt: AnySelect, anonymous: bool, keys: tuple[str, ...]) -> AnySelect:
    """`stmt` over the rollup limited by the keys `rollup_params` gave (bound by those names)."""
    if "month_from" in keys:
        stmt = stmt.where(IncidentRollup.month >= bindparam("month_from"))
    if "month_to" in keys:
        # Not the undated row (""), which sorts before every month.
        stmt = stmt.where(IncidentRollup.month.between("0000-00", bindparam("month_to")))
    if anonymous:
        stmt = stmt.where(IncidentRollup.state == IncidentState.PUBLISHED.value)
    for key, col in (
        ("belligerent", IncidentRollup.belligerent),
        ("state", IncidentRollup.state),
        ("grade", IncidentRollup.grade),
    ):
        if key in keys:
            stmt = stmt.where(col == bindparam(key))
    return stmt


def _rollup_count(session: Session, actor: Actor, flt: IncidentFilter) -> int | None:
    """The total from the rollup when the filters are all its keys; None when another filter needs
    a count over the incidents themselves."""
    params = None if flt.q else rollup_params(flt)
    if params is None:
        return None
    stmt = _rollup_select(actor.is_anonymous, tuple(params))
    return int(core.read(session, stmt, params).scalar() or 0)


@functools.cache
def _rollup_select(anonymous: bool, keys: tuple[str, ...]) -> AnySelect:
    return rollup_where(select(func.sum(IncidentRollup.incidents)), anonymous, keys)


def ranked_matches(
    session: Session, words: list[str], conditions: Conditions
) -> tuple[dict[int, float], int]:
    """Each matching incident's best score (lower ranks higher), and how many reports were ranked."""
    hits = _window(session, words, conditions)
    if not hits:
        return {}, 0
    # A report joins one incident (incident_sources is unique on the report), so the window holds
    # each report once: its texts are ranked in window order, as columns rather than through a dict.
    incident_ids, titles, bodies = zip(*hits, strict=True)
    texts = [(title or "") + " " + body for title, body in zip(titles, bodies, strict=True)]
    best: dict[int, float] = {}
    for incident_id, total in zip(incident_ids, bm25_totals(texts, words), strict=True):
        score = -total
        known = best.get(incident_id)
        if known is None or score < known:
            best[incident_id] = score
    return best, len(hits)


def incident_page(
    session: Session, actor: Actor, flt: IncidentFilter, *, with_total: bool = True
) -> IncidentPage:
    """One page of the incident list, filtered and sorted, with the number of incidents matching."""
    words = search_words(flt.q)
    sort = flt.sort if flt.sort != "relevance" or words else "-date"
    _order(sort)  # an unknown sort is the caller's error, before any query
    conditions = incident_conditions(actor, flt)
    if not words:
        total = None
        if with_total:
            total = _rollup_count(session, actor, flt)
            if total is None:
                count = _count_select(conditions.key)
                total = int(core.read(session, count, conditions.params).scalar() or 0)
        stmt = _list_select(conditions.key, sort)
        rows = core.read(session, stmt, {**conditions.params, **_page_params(flt)}).all()
        return IncidentPage(summarize(session, rows), total, flt.limit, flt.offset, sort)

    best, hits = ranked_matches(session, words, conditions)
    if sort == "relevance":
        # Best score first, the newer incident first among equals: ids newest first, then a stable
        # sort by score (both sorts in C, no key tuple per incident).
        ranked = sorted(best, reverse=True)
        ranked.sort(key=best.__getitem__)
        items = summaries_by_id(session, ranked[flt.offset : flt.offset + flt.limit])
    else:
        params = {"incident_ids": list(best), **_page_params(flt)}
        items = summarize(session, core.read(session, _ranked_page_select(sort), params).all())
    return IncidentPage(
        items,
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
    where = incident_conditions(actor, IncidentFilter()).where

    def distinct(col: Any, *conditions: ColumnElement[bool]) -> list[str]:
        found: list[str] = []
        while True:
            stmt: AnySelect = select(func.min(col)).where(col.is_not(None), *conditions)
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
