"""rollup: incident counts and civilian deaths per month, belligerent, grade and state

Revision ID: 0004
Revises: 0003

The dashboards aggregate this table instead of every incident. Triggers on `incidents` keep
it current on insert, update and delete, on SQLite and PostgreSQL alike, whichever code
writes; the table is filled from the incidents already there.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_WATCHED = "date, belligerent, grade, state, civilians_killed_min, civilians_killed_max"


def _key(row: str, month: str) -> str:
    return f"{month}, coalesce({row}.belligerent, ''), coalesce({row}.grade, ''), {row}.state"


def _add(row: str, month: str) -> str:
    return (
        "INSERT INTO incident_rollup (month, belligerent, grade, state, incidents, killed_min, killed_max) "
        f"VALUES ({_key(row, month)}, 1, coalesce({row}.civilians_killed_min, 0), "
        f"coalesce({row}.civilians_killed_max, {row}.civilians_killed_min, 0)) "
        "ON CONFLICT (month, belligerent, grade, state) DO UPDATE SET "
        "incidents = incident_rollup.incidents + 1, "
        "killed_min = incident_rollup.killed_min + excluded.killed_min, "
        "killed_max = incident_rollup.killed_max + excluded.killed_max"
    )


def _remove(row: str, month: str) -> str:
    return (
        f"UPDATE incident_rollup SET incidents = incidents - 1, "
        f"killed_min = killed_min - coalesce({row}.civilians_killed_min, 0), "
        f"killed_max = killed_max - coalesce({row}.civilians_killed_max, {row}.civilians_killed_min, 0) "
        f"WHERE (month, belligerent, grade, state) = ({_key(row, month)})"
    )


def _sqlite() -> list[str]:
    new, old = "coalesce(substr(new.date, 1, 7), '')", "coalesce(substr(old.date, 1, 7), '')"
    return [
        f"CREATE TRIGGER incident_rollup_insert AFTER INSERT ON incidents BEGIN {_add('new', new)}; END",
        f"CREATE TRIGGER incident_rollup_delete AFTER DELETE ON incidents BEGIN {_remove('old', old)}; END",
        f"CREATE TRIGGER incident_rollup_update AFTER UPDATE OF {_WATCHED} ON incidents BEGIN "
        f"{_remove('old', old)}; {_add('new', new)}; END",
    ]


def _postgres() -> list[str]:
    new, old = "coalesce(to_char(NEW.date, 'YYYY-MM'), '')", "coalesce(to_char(OLD.date, 'YYYY-MM'), '')"
    return [
        "CREATE FUNCTION incident_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_remove('OLD', old)}; END IF; "
        f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_add('NEW', new)}; END IF; "
        "RETURN NULL; END $$",
        f"CREATE TRIGGER incident_rollup AFTER INSERT OR DELETE OR UPDATE OF {_WATCHED} ON incidents "
        "FOR EACH ROW EXECUTE FUNCTION incident_rollup_apply()",
    ]


def upgrade() -> None:
    op.create_table(
        "incident_rollup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("belligerent", sa.String(length=200), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("incidents", sa.Integer(), nullable=False),
        sa.Column("killed_min", sa.Integer(), nullable=False),
        sa.Column("killed_max", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("month", "belligerent", "grade", "state", name="uq_incident_rollup_key"),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    month = "coalesce(substr(date, 1, 7), '')" if sqlite else "coalesce(to_char(date, 'YYYY-MM'), '')"
    op.execute(
        "INSERT INTO incident_rollup (month, belligerent, grade, state, incidents, killed_min, killed_max) "
        f"SELECT {month}, coalesce(belligerent, ''), coalesce(grade, ''), state, count(*), "
        "coalesce(sum(coalesce(civilians_killed_min, 0)), 0), "
        "coalesce(sum(coalesce(civilians_killed_max, civilians_killed_min, 0)), 0) "
        f"FROM incidents GROUP BY {month}, coalesce(belligerent, ''), coalesce(grade, ''), state"
    )
    for statement in _sqlite() if sqlite else _postgres():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS incident_rollup_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS incident_rollup ON incidents")
        op.execute("DROP FUNCTION IF EXISTS incident_rollup_apply()")
    op.drop_table("incident_rollup")
