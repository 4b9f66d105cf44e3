"""Notes carry a version: two people saving the same shared note keep both texts.

Each save of a note's text adds one to its version. An editor remembers the version it started from;
if the stored one has moved on (another member, window or command saved first), the text is stored as
a new note marked as a conflict copy of the first (``conflict_of``), never over the other change.
Existing notes start at version 1.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("note") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))
        batch.add_column(sa.Column("conflict_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("note") as batch:
        batch.drop_column("conflict_of")
        batch.drop_column("version")
