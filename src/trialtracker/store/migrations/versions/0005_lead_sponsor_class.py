"""The registry's class of a trial's lead sponsor (INDUSTRY, OTHER, NIH…), for the sponsor caution.

Filled at once from each stored registry record (the raw JSON already holds it), so a library that
was refreshed before the upgrade needs no refresh to show its cautions; trials never fetched stay NULL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 13:20:00
"""

import json
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CHUNK = 500


def _sponsor_class(packed: bytes) -> str | None:
    try:
        study = json.loads(zlib.decompress(packed).decode("utf-8"))
        value = study["protocolSection"]["sponsorCollaboratorsModule"]["leadSponsor"]["class"]
    except (ValueError, zlib.error, KeyError, TypeError):
        return None  # an odd record: the next refresh fills the column
    return value.strip().upper()[:20] if isinstance(value, str) and value.strip() else None


def upgrade() -> None:
    with op.batch_alter_table("trial") as batch:
        batch.add_column(sa.Column("lead_sponsor_class", sa.String(20), nullable=True))
    conn = op.get_bind()
    last = 0
    while True:  # a few hundred records at a time, as in 0003
        rows = conn.execute(
            sa.text(
                "SELECT id, raw_record FROM trial WHERE raw_record IS NOT NULL AND id > :last "
                "ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": _CHUNK},
        ).all()
        if not rows:
            break
        found = [{"id": row.id, "cls": _sponsor_class(row.raw_record)} for row in rows]
        if any(item["cls"] for item in found):
            conn.execute(
                sa.text("UPDATE trial SET lead_sponsor_class = :cls WHERE id = :id"),
                [item for item in found if item["cls"]],
            )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("trial") as batch:
        batch.drop_column("lead_sponsor_class")
