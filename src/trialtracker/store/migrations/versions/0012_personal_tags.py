"""Personal tags next to the team's: a tag belongs to the team ("" owner) or to one member.

A member's personal tag — its name and which trials carry it — is theirs alone: row-level security shows a
member the team's tags and their own, and a trial's tag links only through tags they may see. Names are
unique per owner, so Alice's private "shortlist" neither blocks nor shows beside Bob's, nor a team tag of
that name. Linking a trial to a personal tag tells nobody else (the notice trigger skips it). In a personal
library (SQLite) every tag already belongs to its one person: the owner stays "" there.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 02:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: Tells the team of a change to a trial's tags, unless the tag is the writer's own (0008's notice, narrowed).
TAG_NOTICE = """
CREATE FUNCTION trialtracker_tag_notice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    nct text;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    IF NOT EXISTS (SELECT 1 FROM tag WHERE id = r.tag_id AND owner = '') THEN RETURN NULL; END IF;
    SELECT nct_id INTO nct FROM trial WHERE id = r.trial_id;
    IF nct IS NULL THEN RETURN NULL; END IF;
    PERFORM pg_notify('trialtracker', json_build_object('table', TG_TABLE_NAME, 'nct', nct, 'by', current_user)::text);
    RETURN NULL;
END $$
"""


def _trigger(function: str) -> str:
    return ('CREATE TRIGGER trialtracker_notice AFTER INSERT OR UPDATE OR DELETE ON "trial_tag" '
            f"FOR EACH ROW EXECUTE FUNCTION {function}()")  # fmt: skip


def upgrade() -> None:
    server = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("tag") as batch:
        batch.add_column(sa.Column("owner", sa.String(63), nullable=False, server_default=""))
        batch.drop_constraint("uq_tag_name", type_="unique")
        batch.create_unique_constraint("uq_tag_owner", ["owner", "name"])
    if not server:
        return
    for table, rule in (("tag", "owner = '' OR owner = current_user"),
                        ("trial_tag", "EXISTS (SELECT 1 FROM tag WHERE tag.id = trial_tag.tag_id)")):  # fmt: skip
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_seen ON {table} FOR ALL TO PUBLIC USING ({rule}) WITH CHECK ({rule})")
    op.execute(TAG_NOTICE)
    op.execute('DROP TRIGGER trialtracker_notice ON "trial_tag"')
    op.execute(_trigger("trialtracker_tag_notice"))


def downgrade() -> None:
    """Personal tags cannot become the team's: they go (with their links) before the old schema returns."""
    server = op.get_bind().dialect.name == "postgresql"
    if server:
        op.execute('DROP TRIGGER trialtracker_notice ON "trial_tag"')
        op.execute(_trigger("trialtracker_notice"))
        op.execute("DROP FUNCTION trialtracker_tag_notice()")
        for table in ("tag", "trial_tag"):
            op.execute(f"DROP POLICY {table}_seen ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DELETE FROM tag WHERE owner <> ''")
    with op.batch_alter_table("tag") as batch:
        batch.drop_constraint("uq_tag_owner", type_="unique")
        batch.create_unique_constraint("uq_tag_name", ["name"])
        batch.drop_column("owner")
