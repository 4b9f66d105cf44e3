"""One schema on both engines (issue 17, item 2): the migrations build on a real PostgreSQL server the same
tables as on SQLite, an old server library upgrades step by step with its data, and two apps upgrading at
once do not collide."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tests.fixtures.make_schema_0002_db import record_text
from tests.pg_server import PgServer
from trialtracker.paths import DataPaths
from trialtracker.store.db import alembic_config, head_revision, open_store
from trialtracker.store.models import Base
from trialtracker.store.server import ServerError, make_server_engine, migrate_server, server_revision

FIXTURE_0002 = Path(__file__).parent / "fixtures" / "schema_0002.sqlite3"


def _columns(engine: sa.Engine) -> dict[str, set[str]]:
    inspector = sa.inspect(engine)
    return {table: {c["name"] for c in inspector.get_columns(table)} for table in inspector.get_table_names()}


def test_an_empty_server_database_gets_the_same_schema_as_a_personal_library(
    pg_url: str, paths: DataPaths
) -> None:
    engine = make_server_engine(pg_url)
    try:
        assert migrate_server(engine) == (None, head_revision())
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert server_revision(conn) == head_revision()
        assert migrate_server(engine) == (head_revision(), head_revision())  # a second run changes nothing
        local = open_store(paths)
        try:
            assert _columns(engine) == _columns(local.engine)
        finally:
            local.close()
    finally:
        engine.dispose()


def _copy_rows(source: Path, engine: sa.Engine) -> None:
    """Every row of an SQLite library into the server's tables of the same revision, with the server's
    types (SQLite keeps booleans as 0/1 and times as text); sequences then start after the copied ids."""
    meta = sa.MetaData()
    meta.reflect(engine)
    lite = sqlite3.connect(source)
    lite.row_factory = sqlite3.Row
    try:
        with engine.begin() as conn:
            for table in meta.sorted_tables:
                if table.name == "alembic_version":
                    continue
                rows = [dict(r) for r in lite.execute(f"SELECT * FROM {table.name}")]
                if rows:
                    conn.execute(table.insert(), [_typed(table, row) for row in rows])
                if "id" in table.c and rows:
                    conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                         f"(SELECT max(id) FROM {table.name}))"))  # fmt: skip
    finally:
        lite.close()


def _typed(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for column in table.c:
        value = out.get(column.name)
        if value is None:
            continue
        if isinstance(column.type, sa.Boolean):
            out[column.name] = bool(value)
        elif isinstance(column.type, sa.DateTime) and isinstance(value, str):
            out[column.name] = dt.datetime.fromisoformat(value)
    return out


def test_an_old_server_library_upgrades_one_step_at_a_time_keeping_its_data(pg_url: str) -> None:
    engine = make_server_engine(pg_url)
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0002")
        _copy_rows(FIXTURE_0002, engine)
        record = json.loads(record_text())
        record["protocolSection"]["sponsorCollaboratorsModule"]["leadSponsor"]["class"] = "INDUSTRY"
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO trial (nct_id, aliases, phases, conditions, keywords, interventions, locations, "
                "raw_json, in_catalog, tracked_since, not_found, starred) VALUES ('NCT07000001', '[]', '[]', "
                "'[]', '[]', '[]', '[]', :raw, false, '2026-11-30 09:00:00', false, false)"
            ), {"raw": json.dumps(record, sort_keys=True)})  # fmt: skip

        steps = [s.revision for s in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]
        for revision in steps[steps.index("0002") + 1 :]:
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "+1")
                assert server_revision(conn) == revision
                # The user's own data survives every step.
                assert conn.execute(sa.text("SELECT body FROM note")).scalars().all() == ["Ask about travel."]
                assert conn.execute(sa.text("SELECT name FROM tag")).scalars().all() == ["shortlist"]

        with engine.connect() as conn:
            rows = {r.nct_id: r for r in conn.execute(sa.text(
                "SELECT nct_id, raw_record, lead_sponsor_class, EXISTS (SELECT 1 FROM star WHERE trial_id = "
                "trial.id AND member = current_user) AS starred FROM trial ORDER BY nct_id"))}  # fmt: skip
        assert zlib.decompress(rows["NCT02576665"].raw_record).decode("utf-8") == record_text()
        assert rows["NCT02576665"].starred is True  # 0009: the team's star is now each member's own
        assert rows["NCT07000001"].lead_sponsor_class == "INDUSTRY"  # 0005 read it from the stored record

        with engine.begin() as conn:  # and back down again, on this engine too
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
            text, starred = conn.execute(
                sa.text("SELECT raw_json, starred FROM trial WHERE nct_id = 'NCT02576665'")
            ).one()
        assert text == record_text() and starred is True
        assert migrate_server(engine) == ("0002", head_revision())
    finally:
        engine.dispose()


def test_two_apps_upgrading_at_once_take_turns(pg_url: str) -> None:
    """The advisory lock: one migrates, the other waits and then finds the schema already at head."""
    results: list[tuple[str | None, str]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def upgrade() -> None:
        engine = make_server_engine(pg_url)
        try:
            start.wait()
            results.append(migrate_server(engine))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=upgrade) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert set(results) == {(None, head_revision()), (head_revision(), head_revision())}


def test_a_newer_or_foreign_server_database_is_refused_unchanged(pg_server: PgServer) -> None:
    newer = pg_server.new_database()
    engine = make_server_engine(pg_server.url(newer))
    try:
        migrate_server(engine)
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(ServerError, match="newer Trial Tracker"):
            migrate_server(engine)
    finally:
        engine.dispose()

    foreign = pg_server.new_database()
    with pg_server.admin(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
    engine = make_server_engine(pg_server.url(foreign))
    try:
        with pytest.raises(ServerError, match="not a Trial Tracker library"):
            migrate_server(engine)
        assert set(sa.inspect(engine).get_table_names()) == {"invoices"}
    finally:
        engine.dispose()
