"""sources: the original bytes move to their own table, source_originals

Revision ID: 0011
Revises: 0010

A report's original bytes (an HTML page runs to hundreds of kilobytes) stood in its row before
its text. SQLite keeps what does not fit in a page on a chain of overflow pages and walks that
chain to reach the columns after it, so reading the text of a thousand reports with 60 KB
originals (a search's window) took 20 ms instead of 1.4 ms, and the ORM loaded the bytes with
every report it read. They are copied, unchanged, to `source_originals` (one row per report, the
same bytes under the same id) and the column is dropped: SQLite (3.35 and later) and PostgreSQL
drop it in place, so the full-text triggers on `sources` stay as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_originals",
        sa.Column(
            "source_id",
            sa.Integer(),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("original", sa.LargeBinary(), nullable=False),
    )
    op.execute("INSERT INTO source_originals (source_id, original) SELECT id, original FROM sources")
    op.drop_column("sources", "original")


def downgrade() -> None:
    op.add_column("sources", sa.Column("original", sa.LargeBinary(), nullable=True))
    op.execute(
        "UPDATE sources SET original = "
        "(SELECT o.original FROM source_originals AS o WHERE o.source_id = sources.id)"
    )
    op.drop_table("source_originals")
