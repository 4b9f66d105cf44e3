"""Who wrote each note, and whether the team may read it: private by default, private at the database level.

In a team library (PostgreSQL) a note's author is the role that wrote it (``current_user``, filled in by the
server, so nobody can write as someone else) and row-level security lets each member read only their own
notes and the shared ones, even from ``psql``; FORCE makes the policies bind the tables' owner too (only a
superuser is above them). Notes written before this version were read by the whole team, so they stay
shared. In a personal library (SQLite) every note is its owner's: no author, never shared.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 17:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: name -> (command, USING, WITH CHECK). A member reads and edits their own notes and the shared ones;
#: only the author deletes a note (an old note with no author may be deleted by anyone, as before);
#: a note is added under one's own name only, and only its author may make a shared note private.
POLICIES = {
    "note_read": ("SELECT", "shared OR author = current_user", None),
    "note_add": ("INSERT", None, "author = current_user"),
    "note_edit": ("UPDATE", "shared OR author = current_user", "shared OR author = current_user"),
    "note_remove": ("DELETE", "author = current_user OR author IS NULL", None),
}


def _on_server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    with op.batch_alter_table("note") as batch:
        batch.add_column(sa.Column("author", sa.String(63), nullable=True))
        batch.add_column(sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false()))
    if not _on_server():
        return
    op.execute("UPDATE note SET shared = TRUE")  # what the team could read before stays readable
    op.execute("ALTER TABLE note ALTER COLUMN author SET DEFAULT current_user")
    op.execute("ALTER TABLE note ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE note FORCE ROW LEVEL SECURITY")
    for name, (command, using, check) in POLICIES.items():
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        op.execute(f"CREATE POLICY {name} ON note FOR {command} TO PUBLIC{clauses}")


def downgrade() -> None:
    if _on_server():
        for name in POLICIES:
            op.execute(f"DROP POLICY IF EXISTS {name} ON note")
        op.execute("ALTER TABLE note NO FORCE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE note DISABLE ROW LEVEL SECURITY")
    with op.batch_alter_table("note") as batch:
        batch.drop_column("shared")
        batch.drop_column("author")
