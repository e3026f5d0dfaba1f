"""The incident list, newest first, reads an index in its order and sorts nothing, on both databases.

The list orders `date DESC NULLS LAST, id DESC`. PostgreSQL needs indexes stored in that order
(migration 0009); SQLite reads its ascending ones backwards. The plan of the list's own query is
checked: a full Sort (PostgreSQL) or a temporary b-tree for ORDER BY (SQLite) means every matching
incident is sorted before the first page can be served.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.incidents import IncidentFilter
from civcas.services.search import incident_page
from civcas.store.database import Database
from civcas.store.tables import Incident

ADMIN = Actor(username="t", role=Role.ADMIN)
BELLIGERENTS = ("North", "South", "East")
STATES = ("new", "triaged", "published")


def _seed(session: Session, n: int = 300) -> None:
    first = date(2016, 1, 1)
    session.add_all(
        Incident(
            title=f"Incident {i}",
            belligerent=BELLIGERENTS[i % 3],
            state=STATES[i % 3 - 1],
            admin1=f"Province {i % 7}",
            date=None if i % 25 == 0 else first + timedelta(days=i % 90),
        )
        for i in range(n)
    )


def _list_plan(db: Database, flt: IncidentFilter) -> list[str]:
    """The plan of the query that loads the page of `flt` (not its count), as the database words it."""
    captured: list[tuple[str, Any]] = []

    def _capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "ORDER BY" in statement and "LIMIT" in statement:
            captured.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", _capture)
    try:
        with db.read() as s:
            incident_page(s, ADMIN, flt, with_total=False)
    finally:
        event.remove(db.engine, "before_cursor_execute", _capture)
    assert len(captured) == 1
    statement, parameters = captured[0]
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            return [str(r[-1]) for r in rows]
        # A few hundred rows fit one page, where a sequential scan (and a sort) is cheapest: rule
        # scans out so the choice is between reading an index in order and sorting its matches.
        conn.execute(text("SET enable_seqscan = off"))
        conn.execute(text("SET enable_bitmapscan = off"))
        conn.execute(text("ANALYZE incidents"))
        return [str(r[0]) for r in conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()]


def _sorts_everything(plan: list[str]) -> bool:
    # An Incremental Sort only orders the few incidents of one date, already read in date order.
    full_sort = any(re.match(r"\s*(->\s*)?Sort\s+\(cost=", line) for line in plan)
    return full_sort or any("TEMP B-TREE FOR ORDER BY" in line for line in plan)


@pytest.mark.parametrize(
    "flt",
    [
        IncidentFilter(belligerent="North", limit=20),
        IncidentFilter(state="new", limit=20),
        IncidentFilter(belligerent="South", state="triaged", limit=20),
        IncidentFilter(admin1="Province 3", limit=20),
    ],
    ids=["belligerent", "state", "two-filters", "admin1"],
)
def test_filtered_list_reads_its_index_in_order(db: Database, flt: IncidentFilter) -> None:
    with db.write() as s:
        _seed(s)
    plan = _list_plan(db, flt)
    assert not _sorts_everything(plan), plan
    assert any("_date" in line for line in plan), plan  # one of ix_incidents_<column>_date


def test_unfiltered_list_reads_the_date_index_in_order(db: Database) -> None:
    with db.write() as s:
        _seed(s)
    plan = _list_plan(db, IncidentFilter(limit=20))
    assert not _sorts_everything(plan), plan
