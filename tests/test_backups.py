"""Backups: daily rotation, manual backup, restore (current DB saved first), refusal of bad files."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import open_test_library
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.errors import InvalidInput
from trialtracker.paths import DataPaths
from trialtracker.services import backups, notes
from trialtracker.services.settings import load_settings
from trialtracker.store.backups import daily_backup, list_backups


def test_daily_backup_once_a_day_and_rotates(paths: DataPaths) -> None:
    open_test_library(paths.data_dir).close()
    assert len(list_backups(paths.db_path)) == 1, "the first open makes today's backup"
    assert daily_backup(paths.db_path) is None, "only one per day"
    start = dt.date(2026, 1, 1)
    for i in range(10):
        daily_backup(paths.db_path, keep=3, today=start + dt.timedelta(days=i))
    names = [p.name for p in list_backups(paths.db_path)]
    # The newest three simulated days, and today's real backup (dated after them: never touched).
    assert [n.split("-")[1] for n in names] == [
        "20260108",
        "20260109",
        "20260110",
        dt.date.today().strftime("%Y%m%d"),
    ]
    for p in list_backups(paths.db_path):
        conn = sqlite3.connect(p)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM trial").fetchone()[0] > 50
        conn.close()


def test_backup_and_restore_round_trip(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    cli("note", "NCT00273364", "--add", "before the backup")
    result = cli("backup")
    assert result.code == 0
    backup = Path(result.out.split("Backup written: ")[1].strip())
    assert backup.exists() and backup.parent == data_dir / "backups"
    cli("note", "NCT00273364", "--add", "after the backup")
    cli("remove", "NCT00288626")
    assert str(backup) in cli("backup", "--list").out

    restored = cli("restore", str(backup))
    assert restored.code == 0, restored.err
    assert "previous database was saved to" in restored.out
    bodies = [n["body"] for n in json.loads(cli("notes", "--json").out)]
    assert bodies == ["before the backup"]
    assert "NCT00288626" in cli("list").out
    # The database we replaced is itself restorable: nothing is lost.
    safety = Path(restored.out.split("saved to ")[1].split("\n")[0].strip())
    assert cli("restore", str(safety)).code == 0
    assert len(json.loads(cli("notes", "--json").out)) == 2


def test_restore_refuses_garbage_and_keeps_the_current_db(cli, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("note", "NCT00273364", "--add", "precious")
    db = data_dir / "trialtracker.sqlite3"
    before = cli("export").out
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 50)
    result = cli("restore", str(junk))
    assert result.code == 2 and "not a Trial Tracker database" in result.err
    assert cli("restore", str(tmp_path / "missing.sqlite3")).code == 2
    assert cli("export").out == before
    assert db.exists()


def test_backup_services_copy_list_and_restore(paths: DataPaths, tmp_path: Path) -> None:
    settings = load_settings(data_dir=paths.data_dir)
    lib = open_test_library(paths.data_dir)
    try:
        notes.add_note(lib, "NCT00273364", "in the backup")
        manual = backups.backup_now(settings)
        notes.add_note(lib, "NCT00273364", "after the backup")
    finally:
        lib.close()
    listed = backups.list_backups(settings)
    assert manual in [b.path for b in listed] and all(b.size == b.path.stat().st_size > 0 for b in listed)
    assert len(listed) == 2, "today's daily backup and the manual one"

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    before = paths.db_path.read_bytes()
    with pytest.raises(InvalidInput, match="not a Trial Tracker database"):
        backups.restore(settings, junk)
    assert paths.db_path.read_bytes() == before
    safety = backups.restore(settings, manual)
    assert safety is not None and safety.parent == paths.backup_dir
    lib = open_test_library(paths.data_dir)
    try:
        assert [n.body for n in notes.notes(lib, "NCT00273364")] == ["in the backup"]
    finally:
        lib.close()
    backups.restore(settings, safety)
    lib = open_test_library(paths.data_dir)
    try:
        assert [n.body for n in notes.notes(lib, "NCT00273364")] == ["in the backup", "after the backup"]
    finally:
        lib.close()


def test_rotation_leaves_foreign_and_future_dated_files_alone(paths: DataPaths) -> None:
    open_test_library(paths.data_dir).close()
    folder = paths.backup_dir
    foreign = [
        folder / "trialtracker-my-own-copy-daily.sqlite3",
        folder / "trialtracker-20200101-daily.sqlite3",
    ]
    future = folder / "trialtracker-20990101-000000-000000-daily.sqlite3"
    for path in (*foreign, future):
        path.write_bytes(b"not ours to delete")
    start = dt.date(2026, 1, 1)
    for i in range(5):
        made = daily_backup(paths.db_path, keep=2, today=start + dt.timedelta(days=i))
        assert made is not None, "a future-dated name does not make today look done"
    ours = [p.name for p in list_backups(paths.db_path) if p not in (*foreign, future)]
    assert [n.split("-")[1] for n in ours if n.split("-")[1].startswith("2026010")] == [
        "20260104",
        "20260105",
    ]
    assert all(p.read_bytes() == b"not ours to delete" for p in (*foreign, future))


def test_a_failed_daily_backup_does_not_stop_opening(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("list").code == 0
    for old in (data_dir / "backups").iterdir():
        old.unlink()
    (data_dir / "backups").rmdir()
    (data_dir / "backups").write_text("a file where the backups folder should be")
    result = cli("list", "--json")
    assert result.code == 0 and len(json.loads(result.out)) == len(load_catalog().entries)
    assert result.err.count("\n") == 1 and "warning: today's backup could not be made" in result.err


def _damage_pages(db: Path) -> None:
    """Overwrite pages in the middle of the file (the trial table lives there), keeping the header."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for number in range(2, len(data) // page - 1):
        start = number * page
        data[start : start + page] = bytes([0xA5]) * page
    db.write_bytes(bytes(data))


def test_a_damaged_database_is_one_clear_line_and_check_says_so(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("check").code == 0 and "nothing to check" in cli("check").out
    assert cli("backup").code == 0
    assert cli("check").code == 0 and "is healthy" in cli("check").out
    db = data_dir / "trialtracker.sqlite3"
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    _damage_pages(db)
    damaged = db.read_bytes()
    for command in (["list"], ["show", "NCT00273364"], ["check"]):
        result = cli(*command)
        assert result.code == 2, (command, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err and "[SQL" not in result.err
        assert str(db) in result.err and "damaged" in result.err
        assert "trialtracker restore " in result.err and "backups" in result.err, result.err
    assert db.read_bytes() == damaged, "the damaged file is left as it was, for recovery"
    # Following the advice works.
    backup = cli("check").err.split("trialtracker restore ", 1)[1].split()[0]
    assert cli("restore", backup).code == 0
    assert cli("check").code == 0 and cli("list").code == 0


def test_a_backup_is_one_file_and_reading_it_leaves_nothing_beside_it(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    backup = Path(cli("backup").out.split("Backup written: ")[1].strip())
    assert cli("restore", str(backup)).code == 0  # reads it (checks it first), then copies it
    assert cli("check").code == 0
    beside = sorted(p.name for p in backup.parent.iterdir() if p.name.startswith(backup.name))
    assert beside == [backup.name], "no -wal or -shm files next to the backup"
