"""Planner statistics. SQLite picks indexes by the row counts ANALYZE records in sqlite_stat1; with
none it guesses that every equality filter is selective and may sort a hundred thousand incidents
for one page. PostgreSQL's autovacuum keeps its own statistics."""

from __future__ import annotations

from civcas.store.database import Database

# The tables whose list queries choose between several indexes; ANALYZE of 200,000 incidents takes
# about 0.1 s (reports and the full-text index are left alone: their queries have one plan).
ANALYZED = ("incidents", "incident_sources")


def refresh_statistics(db: Database) -> None:
    if not db.is_sqlite:
        return
    with db.write() as session:
        for table in ANALYZED:
            session.connection().exec_driver_sql(f"ANALYZE {table}")
