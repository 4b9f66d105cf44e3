"""What a person weighing a trial reads: eligibility, design, arms, outcomes, contacts, publications.

The columns are empty (NULL) until the first refresh after the upgrade fills them; nothing
stored before is touched.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 18:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("detailed_description", sa.Text()),
    ("eligibility", sa.JSON()),
    ("design_info", sa.JSON()),
    ("arm_groups", sa.JSON()),
    ("outcomes", sa.JSON()),
    ("central_contacts", sa.JSON()),
    ("officials", sa.JSON()),
    ("publications", sa.JSON()),
)


def upgrade() -> None:
    with op.batch_alter_table("trial") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("trial") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
