"""indexes: each list filter with the default order, and the review queue in its order

Revision ID: 0006
Revises: 0005

A filtered list sorted by date reads one of these indexes in order and stops after a page,
instead of sorting every matching incident; the other filter columns ride along so a second
filter, and the count of a filtered list, read the index alone. The review queue reads a
partial index of the waiting incidents, gravest first.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FILTERS = ("belligerent", "state", "admin1", "grade")
WAITING = "state IN ('new', 'triaged')"


def upgrade() -> None:
    for column in FILTERS:
        others = [c for c in FILTERS if c != column]
        op.create_index(f"ix_incidents_{column}_date", "incidents", [column, "date", "id", *others])
    op.create_index(
        "ix_incidents_queue",
        "incidents",
        [sa.text("civilians_killed_max DESC"), sa.text("date DESC"), sa.text("id DESC")],
        sqlite_where=sa.text(WAITING),
        postgresql_where=sa.text(WAITING),
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_queue", table_name="incidents")
    for column in FILTERS:
        op.drop_index(f"ix_incidents_{column}_date", table_name="incidents")
