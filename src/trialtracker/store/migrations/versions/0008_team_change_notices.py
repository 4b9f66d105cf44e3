"""Tell every open window of a team library what another member changed (PostgreSQL ``LISTEN/NOTIFY``).

A trigger on each table the window shows sends a notice on the ``trialtracker`` channel naming the table,
the trial (its NCT ID, when the row has one) and who wrote it; the windows read just those rows again. A
private note sends nothing (nobody else may know of it). A finished refresh sends one notice for the
whole list. Notices are sent at commit, so a window never reads a change that was rolled back. A personal
library (SQLite) has no other writers and gets nothing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 18:20:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHANNEL = "trialtracker"
#: table -> how its row names its trial (an NCT ID column, or a trial id to look up; None: the whole list).
TABLES = {
    "trial": "nct_id",
    "trial_tag": "trial_id",
    "topic_link": "trial_id",
    "change": "trial_id",
    "note": "nct_id",
    "refresh_run": None,
}

FUNCTION = f"""
CREATE FUNCTION trialtracker_notice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    nct text := NULL;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    IF TG_TABLE_NAME = 'note' THEN
        IF NOT r.shared THEN  -- a private note is nobody else's business (unless it was just unshared)
            IF TG_OP <> 'UPDATE' THEN RETURN NULL; END IF;
            IF NOT OLD.shared THEN RETURN NULL; END IF;
        END IF;
        nct := r.nct_id;
    ELSIF TG_TABLE_NAME = 'refresh_run' THEN
        IF r.finished_at IS NULL THEN RETURN NULL; END IF;  -- a refresh tells once, when it ends
    ELSIF TG_TABLE_NAME = 'trial' THEN
        nct := r.nct_id;
    ELSE
        SELECT nct_id INTO nct FROM trial WHERE id = r.trial_id;
        IF nct IS NULL THEN RETURN NULL; END IF;  -- its trial is being removed: that notice says it
    END IF;
    PERFORM pg_notify('{CHANNEL}', json_build_object('table', TG_TABLE_NAME, 'nct', nct, 'by', current_user)::text);
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in TABLES:
        op.execute(f'CREATE TRIGGER trialtracker_notice AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                   "FOR EACH ROW EXECUTE FUNCTION trialtracker_notice()")  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f'DROP TRIGGER IF EXISTS trialtracker_notice ON "{table}"')
    op.execute("DROP FUNCTION IF EXISTS trialtracker_notice()")
