"""Schema migrations: fixture DB per schema version, backup first, refusal of unusable files."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tests.conftest import open_test_library
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.errors import UnusableDatabase
from trialtracker.paths import DataPaths
from trialtracker.store import trials as ops
from trialtracker.store.db import (
    NewerSchemaError,
    NotADatabaseError,
    head_revision,
    open_store,
    read_revision,
)
from trialtracker.store.models import Base

FIXTURES = Path(__file__).parent / "fixtures"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_fixture(paths: DataPaths, name: str) -> Path:
    paths.ensure()
    shutil.copyfile(FIXTURES / name, paths.db_path)
    return paths.db_path


def test_schema_0001_fixture_opens_with_current_code_and_keeps_user_data(paths: DataPaths) -> None:
    db = install_fixture(paths, "schema_0001.sqlite3")
    original = sha(db)
    lib = open_test_library(paths.data_dir)
    try:
        assert read_revision(db) == head_revision()
        # Backup first: a byte-identical copy of the old file sits in backups/.
        assert lib.migrated_backup is not None
        assert lib.migrated_backup.parent == paths.backup_dir
        assert "before-migrate-0001" in lib.migrated_backup.name
        assert sha(lib.migrated_backup) == original or read_revision(lib.migrated_backup) == "0001"
        # The fixture holds catalog version 1 with two trials; version 2 adds every catalog trial it lacks.
        catalog_ids = {e.nct_id for e in load_catalog().entries}
        assert set(lib.seeded) == catalog_ids - {"NCT00273364"}
        with lib.transaction() as s:
            trial = ops.require_trial(s, "NCT00273364")
            assert trial.starred and [t.name for t in trial.tags] == ["ask-nurse"]
            assert trial.start_date == "2006-01" and trial.start_date_type == "ACTUAL"
            assert [n.body for n in trial.notes] == ["# My questions\n- cost?\n- travel?"]
            assert ops.list_trials(s, changed_only=True)[0].nct_id == "NCT00273364"
            assert [n.body for n in ops.notes(s, "NCT05555555")] == ["note of a removed trial"]
            assert ops.get_trial(s, "NCT09999991") is not None
            # The manual link from the old DB survives and wins over rules.
            assert "hsct" in trial.active_topic_keys
            assert set(ops.tracked_ids(s)) == catalog_ids | {"NCT09999991"}
    finally:
        lib.close()


def test_backup_is_a_consistent_sqlite_copy_of_the_old_schema(paths: DataPaths) -> None:
    install_fixture(paths, "schema_0001.sqlite3")
    store = open_store(paths)
    store.close()
    assert store.migrated_backup is not None
    backup = sqlite3.connect(store.migrated_backup)
    try:
        assert backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT count(*) FROM note").fetchone() == (2,)
    finally:
        backup.close()


def test_opening_an_up_to_date_store_makes_no_backup(paths: DataPaths) -> None:
    open_store(paths).close()
    store = open_store(paths)
    store.close()
    assert store.migrated_backup is None
    assert not paths.backup_dir.exists()


def test_models_match_the_migrated_schema(paths: DataPaths) -> None:
    store = open_store(paths)
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        store.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(paths: DataPaths) -> None:
    open_store(paths).close()
    db = paths.db_path
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = sha(db)
    with pytest.raises(NewerSchemaError, match=r"newer version of Trial Tracker \(schema 9999_future\)"):
        open_store(paths)
    assert sha(db) == before
    assert not paths.backup_dir.exists()
    # Opening it as a face does is refused the same way: bad input (exit 2), nothing touched.
    with pytest.raises(UnusableDatabase, match="newer version") as exc_info:
        open_test_library(paths.data_dir)
    assert exc_info.value.exit_code == 2
    assert sha(db) == before
    assert not paths.backup_dir.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage that is not a database" * 10, b"SQLite format 3\x00" + b"\xff" * 2000],
    ids=["empty", "garbage", "truncated-sqlite"],
)
def test_a_non_database_file_is_refused_unchanged(paths: DataPaths, content: bytes) -> None:
    paths.ensure()
    paths.db_path.write_bytes(content)
    if not content:
        # An empty file is simply a new store.
        open_store(paths).close()
        return
    with pytest.raises(NotADatabaseError, match="left unchanged"):
        open_store(paths)
    assert paths.db_path.read_bytes() == content


def test_a_foreign_sqlite_database_is_refused_unchanged(paths: DataPaths) -> None:
    paths.ensure()
    conn = sqlite3.connect(paths.db_path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = sha(paths.db_path)
    with pytest.raises(NotADatabaseError, match="not a Trial Tracker database"):
        open_store(paths)
    assert sha(paths.db_path) == before


def test_revision_graph_read_as_text_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from trialtracker.store.db import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {rev.revision for rev in scripts.walk_revisions()}


def _stored_record(db: Path) -> tuple[bytes | None, str | None, list[str]]:
    conn = sqlite3.connect(db)
    try:
        packed, digest = conn.execute(
            "SELECT raw_record, raw_hash FROM trial WHERE nct_id = 'NCT02576665'"
        ).fetchone()
        columns = [row[1] for row in conn.execute("PRAGMA table_info(trial)")]
    finally:
        conn.close()
    return packed, digest, columns


def test_schema_0002_fixture_keeps_its_registry_record_compressed(paths: DataPaths) -> None:
    from tests.fixtures.make_schema_0002_db import record_text
    from trialtracker.services import exchange
    from trialtracker.services.discovery import candidates

    db = install_fixture(paths, "schema_0002.sqlite3")
    text = record_text()
    lib = open_test_library(paths.data_dir)
    try:
        assert read_revision(db) == head_revision()
        packed, digest, columns = _stored_record(db)
        assert "raw_json" not in columns
        assert packed is not None and zlib.decompress(packed).decode() == text
        assert len(packed) * 2 < len(text.encode())
        assert digest == hashlib.sha256(text.encode()).hexdigest()  # a refresh still sees it unchanged
        bundle = json.loads("".join(exchange.export_json_chunks(lib, raw=True)))
        (trial,) = [t for t in bundle["trials"] if t["nct_id"] == "NCT02576665"]
        assert trial["raw"] == json.loads(text) and trial["starred"] and trial["tags"] == ["shortlist"]
        assert [c.nct_id for c in candidates(lib)] == ["NCT05555556"]
    finally:
        lib.close()


def test_upgrading_to_compressed_records_gives_the_space_back(paths: DataPaths) -> None:
    """A library of 0002 with 300 stored records shrinks on upgrade (the rewrite, then VACUUM)."""
    from tests.fixtures.make_schema_0002_db import record_text

    db = install_fixture(paths, "schema_0002.sqlite3")
    conn = sqlite3.connect(db)
    text = record_text()
    conn.executemany(
        "INSERT INTO trial (nct_id, aliases, phases, conditions, keywords, interventions, locations, raw_json,"
        " in_catalog, tracked_since, not_found, starred) VALUES (?, '[]', '[]', '[]', '[]', '[]', '[]', ?, 0,"
        " '2026-11-30 09:00:00.000000', 0, 0)",
        [(f"NCT0{7000000 + i}", text.replace("NCT02576665", f"NCT0{7000000 + i}")) for i in range(300)],
    )
    conn.commit()
    conn.close()
    before = db.stat().st_size
    open_store(paths).close()
    assert db.stat().st_size < 0.6 * before  # this record packs 2.3-fold; a 45 KB one about 9-fold
    check = sqlite3.connect(db)
    try:
        assert check.execute("SELECT count(*) FROM trial WHERE raw_record IS NOT NULL").fetchone() == (301,)
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        check.close()


def test_the_sponsor_class_is_read_from_records_stored_before_schema_0005(paths: DataPaths) -> None:
    """0005 fills ``lead_sponsor_class`` from each stored record: no refresh is needed for the caution."""
    from tests.fixtures.make_schema_0002_db import record_text

    db = install_fixture(paths, "schema_0002.sqlite3")
    record = json.loads(record_text())
    record["protocolSection"]["sponsorCollaboratorsModule"]["leadSponsor"]["class"] = "INDUSTRY"
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO trial (nct_id, aliases, phases, conditions, keywords, interventions, locations, raw_json,"
        " in_catalog, tracked_since, not_found, starred) VALUES ('NCT07000001', '[]', '[]', '[]', '[]', '[]',"
        " '[]', ?, 0, '2026-11-30 09:00:00.000000', 0, 0)",
        (json.dumps(record, sort_keys=True),),
    )
    conn.execute("INSERT INTO trial (nct_id, aliases, phases, conditions, keywords, interventions, locations,"
                 " raw_json, in_catalog, tracked_since, not_found, starred) VALUES ('NCT07000002', '[]', '[]',"
                 " '[]', '[]', '[]', '[]', '{\"not\": \"a study\"}', 0, '2026-11-30 09:00:00.000000', 0, 0)")
    conn.commit()
    conn.close()
    open_store(paths).close()
    check = sqlite3.connect(db)
    try:
        found = dict(check.execute("SELECT nct_id, lead_sponsor_class FROM trial ORDER BY nct_id").fetchall())
    finally:
        check.close()
    # The fixture's own record names no class; an odd record is left for the next refresh to fill.
    assert found == {"NCT02576665": None, "NCT07000001": "INDUSTRY", "NCT07000002": None}


def test_compressed_records_migrate_back_down(paths: DataPaths) -> None:
    from alembic import command

    from tests.fixtures.make_schema_0002_db import record_text
    from trialtracker.store.db import alembic_config

    install_fixture(paths, "schema_0002.sqlite3")
    store = open_store(paths)
    try:
        config = alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
    finally:
        store.close()
    conn = sqlite3.connect(paths.db_path)
    try:
        assert conn.execute("SELECT raw_json FROM trial WHERE nct_id = 'NCT02576665'").fetchone() == (
            record_text(),
        )
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    finally:
        conn.close()
