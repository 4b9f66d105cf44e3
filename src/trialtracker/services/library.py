"""Opening a library: the store (migrated, seeded with the catalog, backed up daily) and its settings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trialtracker.domain.catalog import CatalogEntry, load_catalog
from trialtracker.paths import DataPaths
from trialtracker.services.deferred import deferred
from trialtracker.services.settings import Preferences, Settings, save_preferences
from trialtracker.store.backups import try_daily_backup
from trialtracker.store.catalog_state import catalog_settled
from trialtracker.store.db import Store, open_store
from trialtracker.store.server import open_server_store, shown_url

if TYPE_CHECKING:
    from trialtracker.domain.topic_links import Linker
    from trialtracker.store import seeding
    from trialtracker.store.db import Session
else:
    seeding = deferred("trialtracker.store.seeding")


@dataclass
class Library:
    """An open library and the settings it was opened with. One per face; close it when done.

    Thread rule: the store opens a new connection per transaction, so services
    may be called from a worker thread; the window serialises its writes on
    one lane of its task runner.
    """

    store: Store
    settings: Settings
    seeded: list[str] = field(default_factory=list)
    #: One-line warnings from opening (a daily backup that could not be made); faces show them once.
    warnings: list[str] = field(default_factory=list)

    @property
    def paths(self) -> DataPaths:
        return self.settings.paths

    @property
    def db_path(self) -> Path:
        return self.paths.db_path

    @property
    def on_server(self) -> bool:
        """A team library on PostgreSQL (else the local SQLite file)."""
        return self.store.on_server

    @property
    def me(self) -> str | None:
        """The member name this app uses in a team library (None in a personal one)."""
        return self.store.current_user()

    @property
    def where(self) -> str:
        """Where the library lives, as shown to people: the file's path, or the server's URL (no password)."""
        return self.store.where

    @property
    def migrated_backup(self) -> Path | None:
        return self.store.migrated_backup

    @property
    def catalog(self) -> Mapping[str, CatalogEntry]:
        return load_catalog().by_id

    @property
    def linker(self) -> Linker:
        from trialtracker.topics.rules import link_rules  # loaded by the first write that links topics

        return link_rules

    @contextmanager
    def transaction(self, *, immediate: bool = False) -> Iterator[Session]:
        """One transaction: committed on success, rolled back (and reported as DatabaseError) on failure.

        ``immediate``: take the write lock first, for a use case that reads and then writes what it read."""
        with self.store.session(immediate=immediate) as session:
            yield session

    def warm_up(self) -> None:
        """Load the database layer now (it is loaded on first use otherwise): a face that painted
        from the plain reader calls this in the background."""
        self.store.warm_up()

    def save_preferences(self, prefs: Preferences) -> Settings:
        """Save what the user chose in Preferences; flags and environment variables still win."""
        save_preferences(prefs)
        self.settings = self.settings.with_preferences(prefs)
        return self.settings

    def other_library_chosen(self) -> bool:
        """Whether the settings now name another library than the open one (a team library chosen or
        left in Preferences): the window offers to open it."""
        wanted = self.settings.database_url
        if not wanted:
            return self.on_server
        return not self.on_server or shown_url(wanted) != self.where

    def close(self) -> None:
        self.store.close()


def open_library(settings: Settings) -> Library:
    """Open (creating or migrating) the library, seed the current catalog and make the daily backup.

    Raises :class:`~trialtracker.domain.errors.UnusableDatabase` without touching
    a file that cannot be used.
    """
    if settings.database_url:
        store: Store = open_server_store(settings.database_url, settings.paths)
    else:
        store = open_store(settings.paths)
    catalog = load_catalog()
    try:
        with store.reading() as conn:
            settled = catalog_settled(conn, catalog)
        seeded: list[str] = []
        if not settled:  # a new catalog version, a new library, or catalog facts to fill in
            from trialtracker.topics.rules import link_rules

            with store.session() as session:
                seeded = seeding.seed_catalog(session, catalog, link_rules)
    except BaseException:
        store.close()
        raise
    # A team library is backed up on its server (pg_dump, by whoever runs it), not copied file by file.
    warning = None if store.on_server else try_daily_backup(settings.paths.db_path)
    return Library(store, settings, seeded, [warning] if warning else [])
