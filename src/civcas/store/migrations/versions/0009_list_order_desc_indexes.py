"""indexes: on PostgreSQL, the incident list's indexes in its own order (date DESC NULLS LAST)

Revision ID: 0009
Revises: 0008

The list orders `date DESC NULLS LAST, id DESC`. PostgreSQL reads an ascending b-tree backwards as
`DESC NULLS FIRST`, so the ascending indexes of 0006 could not give that order and every match was
sorted; these indexes are stored in it. SQLite puts NULLs first ascending, so its ascending indexes
read backwards already give `DESC NULLS LAST`, and SQLite rejects NULLS LAST in an index: SQLite
keeps the indexes of 0006 unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FILTERS = ("belligerent", "state", "admin1", "grade")
LIST_ORDER = [sa.text("date DESC NULLS LAST"), sa.text("id DESC")]


def _on_postgresql() -> bool:
    return bool(op.get_bind().dialect.name == "postgresql")


def upgrade() -> None:
    if not _on_postgresql():
        return
    for column in FILTERS:
        others = [c for c in FILTERS if c != column]
        op.drop_index(f"ix_incidents_{column}_date", table_name="incidents")
        op.create_index(f"ix_incidents_{column}_date", "incidents", [column, *LIST_ORDER, *others])
    # The unfiltered list reads the date index newest first; equal dates, few, are sorted by id.
    op.drop_index("ix_incidents_date", table_name="incidents")
    op.create_index("ix_incidents_date", "incidents", [LIST_ORDER[0]])


def downgrade() -> None:
    if not _on_postgresql():
        return
    op.drop_index("ix_incidents_date", table_name="incidents")
    op.create_index("ix_incidents_date", "incidents", ["date"])
    for column in FILTERS:
        others = [c for c in FILTERS if c != column]
        op.drop_index(f"ix_incidents_{column}_date", table_name="incidents")
        op.create_index(f"ix_incidents_{column}_date", "incidents", [column, "date", "id", *others])
