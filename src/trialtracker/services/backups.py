"""Keeping the library safe: a consistent copy now, the list of copies, restoring one, and a health check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trialtracker.domain.errors import InvalidInput
from trialtracker.services.folder_lock import refuse_if_window_open
from trialtracker.services.settings import Settings
from trialtracker.store import backups as bstore
from trialtracker.store.db import check_database, open_store, restore_backup
from trialtracker.store.db import check_restorable as check_backup

TEAM_LIBRARY_BACKUPS = (
    "a team library lives on its PostgreSQL server, which backs it up (pg_dump, by whoever runs the server); "
    "backup, restore and check work on the local library file (leave out --database-url)"
)


def _local_only(settings: Settings) -> None:
    """Refuse, in one line, the file-copy commands for a team library: there is no file to copy."""
    if settings.database_url:
        raise InvalidInput(TEAM_LIBRARY_BACKUPS)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    size: int


def list_backups(settings: Settings) -> list[BackupFile]:
    """Backups of this library, oldest first."""
    _local_only(settings)
    return [BackupFile(p, p.stat().st_size) for p in bstore.list_backups(settings.paths.db_path)]


def backup_now(settings: Settings) -> Path:
    """A consistent copy of the (opened, so valid and migrated) library in ``backups/``."""
    _local_only(settings)
    open_store(settings.paths).close()
    return bstore.backup_file(settings.paths.db_path, "manual")


def check_restorable(source: Path) -> None:
    """Raise (a :class:`~trialtracker.domain.errors.TrialTrackerError`) unless ``source`` can be
    restored: the window asks before it closes to restore, so a wrong file never closes it."""
    check_backup(source)


def restore(settings: Settings, source: Path, *, own_window: bool = False) -> Path | None:
    """Put ``source`` back as the library (checked first); returns the backup of the replaced database.

    The restored file is opened once, so one from an older schema is migrated now. ``own_window``:
    the caller is the window of this data folder and has closed its library (the folder is still
    its own); anyone else is refused while a window is open.
    """
    _local_only(settings)
    if not own_window:
        refuse_if_window_open(settings.paths, "restore")
    safety = restore_backup(settings.paths.db_path, source)
    open_store(settings.paths).close()
    return safety


def check(settings: Settings) -> list[str]:
    """What is wrong with the library file (read-only; nothing is opened for writing). Empty: healthy."""
    _local_only(settings)
    db_path = settings.paths.db_path
    if not db_path.exists():
        return [f"{db_path} does not exist yet (it is created when Trial Tracker first opens)"]
    return check_database(db_path)
