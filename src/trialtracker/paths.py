"""The one place that knows where Trial Tracker keeps its files.

Everything that touches the file system asks this module for a path, so a
``--data-dir`` flag or ``TRIALTRACKER_DATA_DIR`` moves *all* user data at
once (tests rely on that to never write to the real home directory).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

import platformdirs

APP_DIR_NAME = "TrialTracker"
APP_AUTHOR = "TrialTracker"
ENV_DATA_DIR = "TRIALTRACKER_DATA_DIR"
DB_FILENAME = "trialtracker.sqlite3"


def resources_dir() -> Path:
    """Return the folder of shipped resources (catalog, topics, icons).

    In a wheel the top-level ``resources/`` folder is installed as
    ``trialtracker/resources``; in a source checkout (editable install) it
    sits at the repository root, two levels above this package.
    """
    packaged = Path(str(importlib_resources.files("trialtracker"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Trial Tracker resources not found (looked in {packaged} and {checkout})")


def resource(*parts: str) -> Path:
    """Path of one shipped resource file, e.g. ``resource("catalog", "ms_stemcell_trials.json")``."""
    return resources_dir().joinpath(*parts)


def desktop_file(name: str) -> Path:
    """A Linux desktop file (``.desktop``, AppStream metainfo) by name.

    Their home is ``packaging/linux/``; a wheel or a frozen build carries copies
    in ``resources/desktop/``.
    """
    packaged = resources_dir() / "desktop" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "packaging" / "linux" / name


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class DataPaths:
    """All user-data locations, derived from one data directory."""

    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
        """Pick the data dir: explicit argument, then the environment, then platformdirs."""
        if data_dir is not None:
            return cls(Path(data_dir).expanduser().absolute())
        env = os.environ.get(ENV_DATA_DIR)
        if env:
            return cls(Path(env).expanduser().absolute())
        return cls(default_data_dir())

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "trialtracker.log"

    @property
    def unsaved_notes_dir(self) -> Path:
        """Note text that could not be saved into the database waits here (see services/note_recovery)."""
        return self.data_dir / "unsaved-notes"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "trialtracker.lock"

    def ensure(self) -> DataPaths:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self
