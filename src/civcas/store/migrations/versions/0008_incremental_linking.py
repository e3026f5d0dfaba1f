"""linking: each link's features, reasons and pin; blocking keys; redirects of merged incidents

Revision ID: 0008
Revises: 0007

A new report is scored against the reports of the incidents that share one of its blocking keys
(link_keys, looked up by index), so linking stays fast at any number of incidents; link_tokens
counts the reports using each word, so a report's distinctive words are its rarest; incident_features
holds the own row of an incident with no reports (an archive import), so new reports can join it. Links placed
by an analyst (merge, split) are pinned and never moved by an automatic run. A merged incident's
id redirects to the incident it was merged into.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: no batch copy (incident_sources has none of the incidents triggers, but stays simple).
    op.add_column("incident_sources", sa.Column("features", sa.JSON(), nullable=True))
    op.add_column("incident_sources", sa.Column("reasons", sa.JSON(), nullable=True))
    op.add_column(
        "incident_sources", sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "link_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "incident_features",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incident_features_incident_id", "incident_features", ["incident_id"])
    op.create_index("ix_link_keys_key_incident", "link_keys", ["key", "incident_id"])
    op.create_index("ix_link_keys_incident", "link_keys", ["incident_id"])
    op.create_index("ix_link_keys_source_id", "link_keys", ["source_id"])
    op.create_table(
        "link_tokens",
        sa.Column("token", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    op.create_table(
        "incident_merges",
        sa.Column("merged_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("into_id", sa.Integer(), nullable=False),
        sa.Column("merged_by", sa.String(length=64), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["into_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("merged_id"),
    )
    op.create_index("ix_incident_merges_into_id", "incident_merges", ["into_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_merges_into_id", table_name="incident_merges")
    op.drop_table("incident_merges")
    op.drop_table("link_tokens")
    op.drop_index("ix_incident_features_incident_id", table_name="incident_features")
    op.drop_table("incident_features")
    op.drop_index("ix_link_keys_source_id", table_name="link_keys")
    op.drop_index("ix_link_keys_incident", table_name="link_keys")
    op.drop_index("ix_link_keys_key_incident", table_name="link_keys")
    op.drop_table("link_keys")
    with op.batch_alter_table("incident_sources") as batch_op:
        batch_op.drop_column("pinned")
        batch_op.drop_column("reasons")
        batch_op.drop_column("features")
