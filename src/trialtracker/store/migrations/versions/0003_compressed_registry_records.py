"""Store each registry record compressed (zlib) instead of as JSON text.

A full registry record is about 45 KB of JSON and nine tenths of a library's
size; compressed it takes a tenth of that, and so do the daily backups. The
record's hash (``raw_hash``, of the JSON text) is unchanged, so a refresh after
the upgrade finds every unchanged record unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 17:40:00
"""

import zlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CHUNK = 500


def upgrade() -> None:
    with op.batch_alter_table("trial") as batch:
        batch.add_column(sa.Column("raw_record", sa.LargeBinary(), nullable=True))
    conn = op.get_bind()
    last = 0
    while True:  # a few hundred records at a time: a 10,000-trial library never sits in memory whole
        rows = conn.execute(
            sa.text(
                "SELECT id, raw_json FROM trial WHERE raw_json IS NOT NULL AND id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": _CHUNK},
        ).all()
        if not rows:
            break
        conn.execute(
            sa.text("UPDATE trial SET raw_record = :packed WHERE id = :id"),
            [{"id": row.id, "packed": zlib.compress(row.raw_json.encode("utf-8"), 6)} for row in rows],
        )
        last = rows[-1].id
    with op.batch_alter_table("trial") as batch:
        batch.drop_column("raw_json")


def downgrade() -> None:
    with op.batch_alter_table("trial") as batch:
        batch.add_column(sa.Column("raw_json", sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, raw_record FROM trial WHERE raw_record IS NOT NULL")).all()
    if rows:
        conn.execute(
            sa.text("UPDATE trial SET raw_json = :text WHERE id = :id"),
            [{"id": row.id, "text": zlib.decompress(row.raw_record).decode("utf-8")} for row in rows],
        )
    with op.batch_alter_table("trial") as batch:
        batch.drop_column("raw_record")
