"""The full-text index and the dashboard rollup are kept by database triggers (migrations 0003, 0004).

An SQLite batch migration that copies `sources` or `incidents` drops their triggers without a
word; this test fails if a later migration does so without recreating them.
"""

from __future__ import annotations

from sqlalchemy import text

from civcas.store.database import Database

SQLITE_TRIGGERS = {
    "sources_fts_insert",
    "sources_fts_delete",
    "sources_fts_update",
    "incident_rollup_insert",
    "incident_rollup_delete",
    "incident_rollup_update",
}


def test_triggers_survive_every_migration(db: Database) -> None:
    with db.read() as s:
        if db.is_sqlite:
            found = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            assert found >= SQLITE_TRIGGERS
        else:
            found = set(s.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
            assert "incident_rollup" in found
            columns = set(
                s.scalars(
                    text("SELECT column_name FROM information_schema.columns WHERE table_name = 'sources'")
                )
            )
            assert "search_vector" in columns
