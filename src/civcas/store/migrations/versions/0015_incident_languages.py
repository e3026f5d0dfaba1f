"""incident languages: the languages of each incident's reports, kept by triggers

Revision ID: 0015
Revises: 0014

The list's "language of sources" filter asked, for every incident, whether one of its reports is in
that language: a join through incident_sources to sources per incident, about a second to count
the matches among 200,000 incidents on SQLite. This table holds each incident's languages with the
number of its reports in each; the filter is one primary-key look-up per incident (60 ms for the same
count). Triggers on incident_sources (a report joined, moved or taken out) and on sources (a
language corrected) keep it current on SQLite and PostgreSQL alike, whichever code writes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _add(incident: str, source: str) -> str:
    """Count one report of `source` for `incident` (nothing when the report has no language)."""
    return (
        "INSERT INTO incident_languages (incident_id, language, reports) "
        f"SELECT {incident}, s.language, 1 FROM sources s WHERE s.id = {source} AND s.language IS NOT NULL "
        "ON CONFLICT (incident_id, language) DO UPDATE SET reports = incident_languages.reports + 1"
    )


def _remove(incident: str, language: str) -> str:
    return (
        f"UPDATE incident_languages SET reports = reports - 1 "
        f"WHERE incident_id = {incident} AND language = {language}; "
        f"DELETE FROM incident_languages WHERE incident_id = {incident} AND reports <= 0"
    )


def _language_of(source: str) -> str:
    return f"(SELECT language FROM sources WHERE id = {source})"


def _relanguage(old: str, new: str) -> str:
    """A report's language corrected: move its count on each incident it belongs to."""
    return (
        "UPDATE incident_languages SET reports = reports - 1 WHERE language = "
        f"{old}.language AND incident_id IN (SELECT incident_id FROM incident_sources WHERE source_id = {old}.id); "
        "DELETE FROM incident_languages WHERE reports <= 0; "
        "INSERT INTO incident_languages (incident_id, language, reports) "
        f"SELECT incident_id, {new}.language, 1 FROM incident_sources WHERE source_id = {new}.id "
        f"AND {new}.language IS NOT NULL "
        "ON CONFLICT (incident_id, language) DO UPDATE SET reports = incident_languages.reports + 1"
    )


def _sqlite() -> list[str]:
    return [
        "CREATE TRIGGER incident_languages_insert AFTER INSERT ON incident_sources BEGIN "
        f"{_add('new.incident_id', 'new.source_id')}; END",
        "CREATE TRIGGER incident_languages_delete AFTER DELETE ON incident_sources BEGIN "
        f"{_remove('old.incident_id', _language_of('old.source_id'))}; END",
        "CREATE TRIGGER incident_languages_update AFTER UPDATE OF incident_id, source_id ON incident_sources "
        f"BEGIN {_remove('old.incident_id', _language_of('old.source_id'))}; "
        f"{_add('new.incident_id', 'new.source_id')}; END",
        "CREATE TRIGGER incident_languages_relanguage AFTER UPDATE OF language ON sources "
        f"WHEN old.language IS NOT new.language BEGIN {_relanguage('old', 'new')}; END",
    ]


def _postgres() -> list[str]:
    return [
        "CREATE FUNCTION incident_languages_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
        f"{_remove('OLD.incident_id', _language_of('OLD.source_id'))}; END IF; "
        f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_add('NEW.incident_id', 'NEW.source_id')}; END IF; "
        "RETURN NULL; END $$",
        "CREATE TRIGGER incident_languages AFTER INSERT OR DELETE OR UPDATE OF incident_id, source_id "
        "ON incident_sources FOR EACH ROW EXECUTE FUNCTION incident_languages_apply()",
        "CREATE FUNCTION incident_languages_relanguage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"{_relanguage('OLD', 'NEW')}; RETURN NULL; END $$",
        "CREATE TRIGGER incident_languages_relanguage AFTER UPDATE OF language ON sources FOR EACH ROW "
        "WHEN (OLD.language IS DISTINCT FROM NEW.language) EXECUTE FUNCTION incident_languages_relanguage()",
    ]


def upgrade() -> None:
    op.create_table(
        "incident_languages",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("incident_id", "language"),
    )
    op.execute(
        "INSERT INTO incident_languages (incident_id, language, reports) "
        "SELECT l.incident_id, s.language, count(*) FROM incident_sources l JOIN sources s ON s.id = l.source_id "
        "WHERE s.language IS NOT NULL GROUP BY l.incident_id, s.language"
    )
    for statement in _sqlite() if op.get_bind().dialect.name == "sqlite" else _postgres():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update", "relanguage"):
            op.execute(f"DROP TRIGGER IF EXISTS incident_languages_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS incident_languages ON incident_sources")
        op.execute("DROP TRIGGER IF EXISTS incident_languages_relanguage ON sources")
        op.execute("DROP FUNCTION IF EXISTS incident_languages_apply()")
        op.execute("DROP FUNCTION IF EXISTS incident_languages_relanguage()")
    op.drop_table("incident_languages")
