"""Initial schema: trials, changes, notes, tags, topic links, refresh runs.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 03:21:12.440993
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nct_id", sa.String(length=11), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_nct_id"), ["nct_id"], unique=False)

    op.create_table(
        "refresh_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("requested", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("not_found", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("data_timestamp", sa.String(length=40), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_run")),
    )
    op.create_table(
        "removed_trial",
        sa.Column("nct_id", sa.String(length=11), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("nct_id", name=op.f("pk_removed_trial")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "trial",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nct_id", sa.String(length=11), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("brief_title", sa.Text(), nullable=True),
        sa.Column("official_title", sa.Text(), nullable=True),
        sa.Column("acronym", sa.String(length=100), nullable=True),
        sa.Column("overall_status", sa.String(length=40), nullable=True),
        sa.Column("last_known_status", sa.String(length=40), nullable=True),
        sa.Column("why_stopped", sa.Text(), nullable=True),
        sa.Column("status_verified_date", sa.String(length=10), nullable=True),
        sa.Column("phases", sa.JSON(), nullable=False),
        sa.Column("study_type", sa.String(length=40), nullable=True),
        sa.Column("enrollment_count", sa.Integer(), nullable=True),
        sa.Column("enrollment_type", sa.String(length=20), nullable=True),
        sa.Column("start_date", sa.String(length=10), nullable=True),
        sa.Column("start_date_type", sa.String(length=20), nullable=True),
        sa.Column("primary_completion_date", sa.String(length=10), nullable=True),
        sa.Column("primary_completion_date_type", sa.String(length=20), nullable=True),
        sa.Column("completion_date", sa.String(length=10), nullable=True),
        sa.Column("completion_date_type", sa.String(length=20), nullable=True),
        sa.Column("first_posted", sa.String(length=10), nullable=True),
        sa.Column("last_update_posted", sa.String(length=10), nullable=True),
        sa.Column("has_results", sa.Boolean(), nullable=True),
        sa.Column("lead_sponsor", sa.Text(), nullable=True),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("interventions", sa.JSON(), nullable=False),
        sa.Column("locations", sa.JSON(), nullable=False),
        sa.Column("brief_summary", sa.Text(), nullable=True),
        sa.Column("raw_json", sa.Text(), nullable=True),
        sa.Column("raw_hash", sa.String(length=64), nullable=True),
        sa.Column("in_catalog", sa.Boolean(), nullable=False),
        sa.Column("cell_type", sa.Text(), nullable=True),
        sa.Column("route", sa.Text(), nullable=True),
        sa.Column("ms_type", sa.Text(), nullable=True),
        sa.Column("catalog_phase", sa.Text(), nullable=True),
        sa.Column("catalog_country", sa.Text(), nullable=True),
        sa.Column("catalog_source", sa.Text(), nullable=True),
        sa.Column("catalog_note", sa.Text(), nullable=True),
        sa.Column("caution", sa.Text(), nullable=True),
        sa.Column("tracked_since", sa.DateTime(), nullable=False),
        sa.Column("last_refreshed", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("not_found", sa.Boolean(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trial")),
    )
    with op.batch_alter_table("trial", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trial_nct_id"), ["nct_id"], unique=True)
        batch_op.create_index(batch_op.f("ix_trial_overall_status"), ["overall_status"], unique=False)

    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("registry_update", sa.String(length=10), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["refresh_run.id"], name=op.f("fk_change_run_id_refresh_run"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["trial_id"], ["trial.id"], name=op.f("fk_change_trial_id_trial"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_reviewed"), ["reviewed"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_trial_id"), ["trial_id"], unique=False)

    op.create_table(
        "topic_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("topic_key", sa.String(length=60), nullable=False),
        sa.Column("how", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trial_id"], ["trial.id"], name=op.f("fk_topic_link_trial_id_trial"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic_link")),
        sa.UniqueConstraint("trial_id", "topic_key", name=op.f("uq_topic_link_trial_id")),
    )
    with op.batch_alter_table("topic_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topic_link_trial_id"), ["trial_id"], unique=False)

    op.create_table(
        "trial_tag",
        sa.Column("trial_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_trial_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["trial_id"], ["trial.id"], name=op.f("fk_trial_tag_trial_id_trial"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("trial_id", "tag_id", name=op.f("pk_trial_tag")),
    )


def downgrade() -> None:
    op.drop_table("trial_tag")
    with op.batch_alter_table("topic_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topic_link_trial_id"))

    op.drop_table("topic_link")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_trial_id"))
        batch_op.drop_index(batch_op.f("ix_change_reviewed"))

    op.drop_table("change")
    with op.batch_alter_table("trial", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trial_overall_status"))
        batch_op.drop_index(batch_op.f("ix_trial_nct_id"))

    op.drop_table("trial")
    op.drop_table("tag")
    op.drop_table("setting")
    op.drop_table("removed_trial")
    op.drop_table("refresh_run")
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_nct_id"))

    op.drop_table("note")
