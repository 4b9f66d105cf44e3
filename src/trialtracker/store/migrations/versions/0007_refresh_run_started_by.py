"""Who started each refresh: in a team library everyone sees "last refreshed by X at T", and a member who
tries to refresh while another does is told who it is.

The server fills the name in (``current_user``); a personal library leaves it empty.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 17:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("refresh_run") as batch:
        batch.add_column(sa.Column("started_by", sa.String(63), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE refresh_run ALTER COLUMN started_by SET DEFAULT current_user")


def downgrade() -> None:
    with op.batch_alter_table("refresh_run") as batch:
        batch.drop_column("started_by")
