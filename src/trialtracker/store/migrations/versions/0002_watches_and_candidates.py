"""Watches (saved registry searches) and the candidate trials they find.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:24:39.647028
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("cond", sa.Text(), nullable=True),
        sa.Column("intr", sa.Text(), nullable=True),
        sa.Column("statuses", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.Column("last_total", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch")),
        sa.UniqueConstraint("name", name=op.f("uq_watch_name")),
    )
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("nct_id", sa.String(length=11), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("overall_status", sa.String(length=40), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(
            ["watch_id"], ["watch.id"], name=op.f("fk_candidate_watch_id_watch"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
        sa.UniqueConstraint("watch_id", "nct_id", name=op.f("uq_candidate_watch_id")),
    )
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_nct_id"), ["nct_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidate_watch_id"), ["watch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_watch_id"))
        batch_op.drop_index(batch_op.f("ix_candidate_nct_id"))

    op.drop_table("candidate")
    op.drop_table("watch")
