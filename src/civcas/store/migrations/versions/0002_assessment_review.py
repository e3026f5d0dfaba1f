"""assessment: four-eyes review, belligerent verdicts, commitments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:23:30.281763
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "belligerent_verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("belligerent", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("deaths_conceded_min", sa.Integer(), nullable=True),
        sa.Column("deaths_conceded_max", sa.Integer(), nullable=True),
        sa.Column("injuries_conceded_min", sa.Integer(), nullable=True),
        sa.Column("injuries_conceded_max", sa.Integer(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("published_in", sa.String(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("belligerent_verdicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_belligerent_verdicts_belligerent"), ["belligerent"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_belligerent_verdicts_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["answered_by_id"], ["belligerent_verdicts.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["statement_id"], ["statements.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitments_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_party"), ["party"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_status"), ["status"], unique=False)

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), nullable=False, server_default="applied")
        )
        batch_op.add_column(sa.Column("reviewer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_assessments_status"), ["status"], unique=False)
        batch_op.create_foreign_key("fk_assessments_reviewer_id_users", "users", ["reviewer_id"], ["id"])

    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("figure_overrides", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("external_id", sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint("uq_incidents_external_id", ["external_id"])


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_constraint("uq_incidents_external_id", type_="unique")
        batch_op.drop_column("external_id")
        batch_op.drop_column("figure_overrides")

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_constraint("fk_assessments_reviewer_id_users", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_assessments_status"))
        batch_op.drop_column("review_note")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewer_id")
        batch_op.drop_column("status")

    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_status"))
        batch_op.drop_index(batch_op.f("ix_commitments_party"))
        batch_op.drop_index(batch_op.f("ix_commitments_incident_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("belligerent_verdicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_belligerent_verdicts_incident_id"))
        batch_op.drop_index(batch_op.f("ix_belligerent_verdicts_belligerent"))

    op.drop_table("belligerent_verdicts")
