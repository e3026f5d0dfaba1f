"""search: full-text index over report texts, and indexes for sorting incident lists

Revision ID: 0003
Revises: 0002

SQLite: an external-content FTS5 table over sources(title, text), kept current by triggers,
so every write path (ingest, imports, the shell) updates it. PostgreSQL: a stored generated
tsvector column with a GIN index. Both use language-neutral tokenising ('simple' on
PostgreSQL, unicode61 on SQLite) so Arabic and English are indexed alike.

Note for later migrations: an SQLite batch alter of `sources` copies the table and drops
the old one, and with it these triggers; such a migration must recreate them.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Arabic vowel marks (Unicode Mn) stay inside words instead of splitting them.
_SQLITE = [
    "CREATE VIRTUAL TABLE sources_fts USING fts5(title, text, content='sources', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co Mn'\")",
    "CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN "
    "INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN "
    "INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, text ON sources BEGIN "
    "INSERT INTO sources_fts(sources_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO sources_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO sources_fts(sources_fts) VALUES ('rebuild')",
]

_POSTGRES = [
    "ALTER TABLE sources ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_sources_search_vector ON sources USING gin (search_vector)",
]


def upgrade() -> None:
    for statement in _SQLITE if op.get_bind().dialect.name == "sqlite" else _POSTGRES:
        op.execute(statement)
    # Sorting the incident list by harm or by last change without a full sort.
    op.create_index("ix_incidents_civilians_killed_max", "incidents", ["civilians_killed_max"])
    op.create_index("ix_incidents_updated_at", "incidents", ["updated_at"])
    op.create_index("ix_sources_language", "sources", ["language"])


def downgrade() -> None:
    op.drop_index("ix_sources_language", table_name="sources")
    op.drop_index("ix_incidents_updated_at", table_name="incidents")
    op.drop_index("ix_incidents_civilians_killed_max", table_name="incidents")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("sources_fts_insert", "sources_fts_delete", "sources_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS sources_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_sources_search_vector")
        op.execute("ALTER TABLE sources DROP COLUMN IF EXISTS search_vector")
