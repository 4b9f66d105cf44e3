"""A team member's display name: "Alice Smith" beside the login ``alice`` wherever the app names who did what.

Each member sets their own (row-level security: a member writes only the row of their own login; everyone
reads all of them). The login stays the identity — the app always shows it with the name, so nobody can
pass for someone else by choosing their name. A personal library has the table but no use for it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 22:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

POLICIES = {
    "member_read": ("SELECT", "true", None),
    "member_add": ("INSERT", None, "name = current_user"),
    "member_edit": ("UPDATE", "name = current_user", "name = current_user"),
    "member_remove": ("DELETE", "name = current_user", None),
}


def upgrade() -> None:
    server = op.get_bind().dialect.name == "postgresql"
    me = sa.text("current_user") if server else sa.text("''")
    op.create_table(
        "member",
        sa.Column("name", sa.String(63), nullable=False, server_default=me),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_member"),
    )
    if not server:
        return
    op.execute("ALTER TABLE member ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE member FORCE ROW LEVEL SECURITY")
    for name, (command, using, check) in POLICIES.items():
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        op.execute(f"CREATE POLICY {name} ON member FOR {command} TO PUBLIC{clauses}")


def downgrade() -> None:
    op.drop_table("member")
