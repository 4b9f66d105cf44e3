"""Stars and "reviewed" belong to a person: in a team library each member stars and reviews for themselves.

A star is a row (trial, member) and a review a row (change, member). In a team library (PostgreSQL) the
member is the role that wrote the row (``current_user``, filled in by the server) and row-level security
keeps each member to their own rows, so one person's stars and reviews neither show for nor undo another's.
In a personal library (SQLite) the member is always "" (there is one person).

What was there before is kept: a personal library's stars and reviews become its person's; in a team
library, where they were the whole team's, every member (and the owner running the upgrade) gets them.
``change.reviewed`` stays, meaning "needs nobody's review" (a trial's first fetch, or reviewed before this
version).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 21:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: table -> (its item column, the table that column points at)
TABLES = {"star": ("trial_id", "trial"), "change_review": ("change_id", "change")}
#: The members of the team (its group role is <database>_members) and the owner running the upgrade.
_EVERYONE = (
    "SELECT current_user::text AS name UNION "
    "SELECT m.rolname::text FROM pg_roles m JOIN pg_auth_members am ON am.member = m.oid "
    "JOIN pg_roles g ON g.oid = am.roleid WHERE g.rolname = current_database() || '_members'"
)


def _on_server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    server = _on_server()
    me = sa.text("current_user") if server else sa.text("''")
    for table, (item, target) in TABLES.items():
        op.create_table(
            table,
            sa.Column(item, sa.Integer(), sa.ForeignKey(f"{target}.id", ondelete="CASCADE"), nullable=False),
            sa.Column("member", sa.String(63), nullable=False, server_default=me),
            sa.PrimaryKeyConstraint(item, "member", name=f"pk_{table}"),
        )
    who = f"({_EVERYONE})" if server else "(SELECT '' AS name)"
    op.execute(f"INSERT INTO star (trial_id, member) SELECT t.id, w.name FROM trial t, {who} w WHERE t.starred")
    with op.batch_alter_table("trial") as batch:
        batch.drop_column("starred")
    if not server:
        return
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_own ON {table} FOR ALL TO PUBLIC "
                   "USING (member = current_user) WITH CHECK (member = current_user)")  # fmt: skip


def downgrade() -> None:
    if _on_server():  # the owner folds every member's rows back: above the policies for this
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    with op.batch_alter_table("trial") as batch:
        batch.add_column(sa.Column("starred", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE trial SET starred = TRUE WHERE id IN (SELECT trial_id FROM star)")
    op.execute("UPDATE change SET reviewed = TRUE WHERE id IN (SELECT change_id FROM change_review)")
    for table in TABLES:
        op.drop_table(table)
