"""Consistent copies of the database: before migrations, once a day, on demand, and restore.

Copies are made with SQLite's online backup API, so they are consistent even
while another process (the window, the CLI) has the database open in WAL mode.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from pathlib import Path

DAILY = "daily"
KEEP_DAILY = 7


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, oldest first."""
    folder = backup_dir(db_path)
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3")) if folder.is_dir() else []


def backups_hint(db_path: Path) -> str:
    """Where the backups are, and the command that puts the newest one back."""
    backups = list_backups(db_path)
    if not backups:
        return "No backups found."
    return (
        f"Backups available in {backups[-1].parent}: "
        + ", ".join(p.name for p in backups[-3:])
        + f"; restore the newest with: trialtracker restore {backups[-1]}"
    )


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` with the online backup API (``target`` is replaced).

    The copy is switched out of WAL mode: a backup is then one self-contained file, and merely reading
    it later (a restore checks it first) leaves no ``-wal``/``-shm`` files beside it."""
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
    try:
        dest = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dest)
            with contextlib.suppress(sqlite3.DatabaseError):  # a damaged source is still copied as it is
                dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def backup_file(db_path: Path, reason: str, when: dt.datetime | None = None) -> Path:
    """Make a timestamped backup of ``db_path`` in ``backups/`` and return its path."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    part = target.with_name(target.name + ".part")
    try:
        copy_database(db_path, part)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return target


def _our_dailies(db_path: Path, today: str) -> list[Path]:
    """Daily backups this app made, dated today or earlier, oldest first.

    Files named otherwise (the user's own, another app's) and future-dated names (a clock that
    ran ahead) are neither counted nor ever deleted.
    """
    name = re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}})-\d{{6}}-\d{{6}}-{DAILY}\.sqlite3$")
    dated = []
    for path in list_backups(db_path):
        match = name.match(path.name)
        if match and match.group(1) <= today:
            dated.append((match.group(1), path.name, path))
    return [path for *_key, path in sorted(dated)]


def daily_backup(db_path: Path, keep: int = KEEP_DAILY, today: dt.date | None = None) -> Path | None:
    """Back up once per calendar day and keep the newest ``keep`` daily backups."""
    if not db_path.exists():
        return None
    now = dt.datetime.now()
    if today is not None:
        now = dt.datetime.combine(today, now.time())
    day = now.strftime("%Y%m%d")
    dailies = _our_dailies(db_path, day)
    made = None
    if not any(p.name.startswith(f"{db_path.stem}-{day}-") for p in dailies):
        made = backup_file(db_path, DAILY, now)
        dailies.append(made)
    for old in dailies[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return made


def try_daily_backup(db_path: Path) -> str | None:
    """The daily backup, best effort: a full disk or an unwritable ``backups/`` never stops the
    library from opening. Returns a one-line warning when the copy could not be made."""
    try:
        daily_backup(db_path)
    except (OSError, sqlite3.Error) as exc:
        return f"today's backup could not be made ({exc}); your data opened normally"
    return None
