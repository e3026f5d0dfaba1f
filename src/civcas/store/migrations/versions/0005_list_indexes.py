"""indexes: strike releases by publication date, for the incident page's candidate releases

Revision ID: 0005
Revises: 0004

The incident page looks for strike releases published near the incident's date; without
this index that is a scan of every report (a quarter of a second at a million reports).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sources_kind_published", "sources", ["kind", "published"])


def downgrade() -> None:
    op.drop_index("ix_sources_kind_published", table_name="sources")
