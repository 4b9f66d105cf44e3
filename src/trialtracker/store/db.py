"""Opening the store: safety checks, backup, migrations, SQLite pragmas.

Order matters. Before anything can write to the file we check, read-only,
that it is SQLite and not from a newer schema, so a file we refuse is left
byte-for-byte unchanged. A migration always starts from a copy of the file.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # SQLAlchemy is imported on first use: an up-to-date start reads without it
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Session", "Store", "StoreError", "open_store"]

from trialtracker.domain.errors import DatabaseError, InvalidInput, UnusableDatabase
from trialtracker.paths import DataPaths
from trialtracker.store.backups import backup_file, backups_hint, copy_database
from trialtracker.store.reader import Reader

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(InvalidInput):
    """Bad input noticed by the store (an unknown note, tag or watch), in one clear line."""


class NewerSchemaError(StoreError, UnusableDatabase):
    pass


class NotADatabaseError(StoreError, UnusableDatabase):
    pass


class DamagedDatabase(NotADatabaseError):
    """The file is an SQLite database of ours, but some of its pages are damaged."""


_DAMAGE = ("malformed", "not a database", "corrupt")


def damaged(db_path: Path, detail: str) -> DamagedDatabase:
    """One line: which file, what is wrong, and how to put a backup back."""
    return DamagedDatabase(
        f"{db_path} is damaged ({detail}); it was left unchanged. " + backups_hint(db_path)
    )


def database_error(exc: Exception, db_path: Path | None = None) -> DatabaseError | DamagedDatabase:
    """The one wording of a failed database operation (SQLAlchemy's or the plain driver's), for both
    faces."""
    orig = getattr(exc, "orig", None)
    detail = (str(orig if orig is not None else exc).strip().splitlines() or [""])[0]
    lowered = detail.lower()
    if db_path is not None and any(word in lowered for word in _DAMAGE):
        return damaged(db_path, detail)
    if "full" in lowered:
        return DatabaseError(f"the disk is full; nothing was changed ({detail})")
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"the database is busy (another program is writing); nothing changed ({detail})")
    if any(kind.__name__ == "OperationalError" for kind in type(orig or exc).__mro__):
        return DatabaseError(f"database error; nothing was changed ({detail})")
    return DatabaseError(f"database error; nothing was changed ({type(exc).__name__}: {detail})")


def alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files as text.

    Opening an up-to-date store (every start) then needs no ``import alembic``
    (about 130 ms); Alembic itself is loaded only to migrate. A test checks this
    agrees with Alembic's own view of the scripts.
    """
    graph: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        down = re.search(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", text, re.M)
        if rev and down:
            graph[rev.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise StoreError(f"the migration scripts have {len(heads)} heads; expected one")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def read_revision(db_path: Path) -> str | None:
    """The file's schema revision, read without any chance of writing to it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    with db_path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{db_path} is not a Trial Tracker database (not an SQLite file); it was left unchanged. "
            + backups_hint(db_path)
        )
    uri = db_path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise NotADatabaseError(
                        f"{db_path} is an SQLite file but not a Trial Tracker database; "
                        "it was left unchanged."
                    )
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(db_path, str(exc)) from exc
    return row[0] if row else None


def _set_pragmas(dbapi_conn: Any, _record: Any, *, foreign_keys: bool = True) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


IMMEDIATE = "trialtracker_immediate"


def _begin(conn: Any) -> None:
    """Begin every transaction ourselves (the driver would only begin before the first write, so
    reads would not be part of it); ``BEGIN IMMEDIATE`` takes the write lock up front, so a
    read-then-write use case (an import) cannot interleave with another writer."""
    immediate = conn.get_execution_options().get(IMMEDIATE)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(db_path: Path, *, foreign_keys: bool = True) -> Engine:
    """``foreign_keys=False`` only for migrations: SQLite rebuilds a changed table by dropping the old
    one, and with foreign keys on that drop would cascade into every row that refers to it."""
    from functools import partial

    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={
            "timeout": BUSY_TIMEOUT_MS / 1000,
            "check_same_thread": False,
            "isolation_level": None,  # transactions are begun by _begin, not by the driver
        },
    )
    event.listen(engine, "connect", partial(_set_pragmas, foreign_keys=foreign_keys))
    event.listen(engine, "begin", _begin)
    return engine


def migrate(db_path: Path, current: str | None) -> Path | None:
    """Bring the schema to head; back the file up first if it holds data.

    Runs on a connection of its own with foreign keys off (a table rebuild must not cascade into
    the rows that refer to it), then checks every reference is still whole."""
    head = head_revision()
    if current == head:
        return None
    from alembic import command

    backup = None
    if current is not None:
        backup = backup_file(db_path, f"before-migrate-{current}")
    config = alembic_config()
    engine = make_engine(db_path, foreign_keys=False)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"upgrading {db_path} would break {len(broken)} reference(s) between tables; "
                    "nothing was changed. " + backups_hint(db_path)
                )
    finally:
        engine.dispose()
    if current is not None:
        _give_space_back(db_path)
    return backup


def _give_space_back(db_path: Path) -> None:
    """A migration that rewrote a table (0003 compresses every registry record) leaves the old pages
    free inside the file; ``VACUUM`` returns them to the disk. It cannot run inside a transaction,
    so it goes through the plain driver."""
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("VACUUM")
    finally:
        conn.close()


class TeamNotice(NamedTuple):
    """One change another member of a team library made: the table, the trial's NCT ID (None: the whole
    list, as after a refresh), and who made it."""

    table: str
    nct_id: str | None
    by: str | None


class Store:
    """An open store: the engine plus a session factory. One per process.

    The engine (and SQLAlchemy with it) is made on first use, from any thread:
    a start that only reads goes through :meth:`reading` and paints without it.
    """

    def __init__(
        self, paths: DataPaths, engine: Engine | None = None, migrated_backup: Path | None = None
    ) -> None:
        self.paths = paths
        self.migrated_backup = migrated_backup
        self._engine = engine
        self._sessions: sessionmaker[Session] | None = None
        self._lock = threading.Lock()

    @property
    def db_path(self) -> Path:
        return self.paths.db_path

    #: A team library on a server (:class:`~trialtracker.store.server.ServerStore`), else the local file.
    on_server = False

    @property
    def where(self) -> str:
        """Where the library lives, as shown to people: here, the file's path."""
        return str(self.db_path)

    def current_user(self) -> str | None:
        """The member this app writes as: nobody in particular for a personal file."""
        return None

    def reachable(self) -> bool:
        """Whether the library answers now: a file on this computer always does."""
        return True

    @property
    def engine(self) -> Engine:
        self._factory()
        assert self._engine is not None
        return self._engine

    def _factory(self) -> sessionmaker[Session]:
        with self._lock:
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker

                if self._engine is None:
                    self._engine = make_engine(self.db_path)
                self._sessions = sessionmaker(self._engine, expire_on_commit=False)
            return self._sessions

    def warm_up(self) -> None:
        """Load SQLAlchemy and make the engine now (the window does it on its database lane after the
        first paint, so its first write does not wait for the import)."""
        self._factory()

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """One read-only transaction on a plain driver connection: every query inside sees the same
        state of the file. No SQLAlchemy; for the reads a start waits for."""
        try:
            conn = sqlite3.connect(
                self.db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise database_error(exc, self.db_path) from exc
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("BEGIN")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise database_error(exc, self.db_path) from exc
        finally:
            conn.close()

    @contextmanager
    def session(self, *, immediate: bool = False) -> Iterator[Session]:
        """A session whose work is one transaction: committed on success, rolled back on error.

        ``immediate`` takes the write lock at the start (for use cases that read, then write what
        they read). Database failures (disk full, locked, I/O) leave as :class:`DatabaseError`.
        """
        sessions = self._factory()
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with sessions() as session, session.begin():
                if immediate:
                    self._lock_writes(session)
                yield session
        except SQLAlchemyError as exc:
            raise database_error(exc, self.paths.db_path) from exc

    def _lock_writes(self, session: Session) -> None:
        """SQLite's own write lock, taken by ``BEGIN IMMEDIATE`` (see :func:`_begin`)."""
        session.connection(execution_options={IMMEDIATE: True})

    def read_session(self) -> Session:
        return self._factory()()

    def notices(self, stop: threading.Event, *, poll_s: float = 0.5) -> Iterator[TeamNotice]:
        """Changes other writers announce: none for a file (the window is its only writer that shows)."""
        return iter(())

    @contextmanager
    def refresh_turn(self, *, wait: bool = False) -> Iterator[None]:
        """The right to refresh, held for the whole refresh. A personal library has one user, and the
        window runs one refresh at a time: nothing to take here (a team library's store takes a lock)."""
        yield

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()


def open_store(paths: DataPaths) -> Store:
    """Open (creating or migrating as needed) the store under ``paths``.

    Raises :class:`NewerSchemaError` / :class:`NotADatabaseError` without
    touching the file when it cannot be used.
    """
    db_path = paths.db_path
    current = read_revision(db_path)
    if current is not None and current not in known_revisions():
        raise NewerSchemaError(
            f"{db_path} was written by a newer version of Trial Tracker (schema {current}); "
            "please update the app. The file was left unchanged."
        )
    paths.ensure()
    if current == head_revision():
        return Store(paths)  # up to date: the engine waits for the first session
    return Store(paths, migrated_backup=migrate(db_path, current))


def check_restorable(source: Path) -> None:
    """Raise unless ``source`` is an SQLite file of ours, from a schema this version knows."""
    if not source.is_file():
        raise StoreError(f"cannot restore {source}: no such file")
    revision = read_revision(source)
    if revision is None:
        raise StoreError(f"cannot restore {source}: it is an empty or uninitialised database")
    if revision not in known_revisions():
        raise NewerSchemaError(f"cannot restore {source}: it was written by a newer version of Trial Tracker")


def restore_backup(db_path: Path, source: Path) -> Path | None:
    """Replace the database with ``source``; the current database is backed up first.

    ``source`` is checked (:func:`check_restorable`) before anything is touched. Returns the backup
    of the replaced DB.
    """
    check_restorable(source)
    safety = backup_file(db_path, "before-restore") if db_path.exists() else None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copy_database(source, db_path)
    return safety


def check_database(db_path: Path) -> list[str]:
    """Problems with the file, read-only: not ours or from a newer version, damaged pages, broken
    references. An empty list means the file is healthy."""
    try:
        revision = read_revision(db_path)
    except StoreError as exc:
        return [str(exc)]
    if revision is None:
        return [f"{db_path} holds no Trial Tracker library yet"]
    if revision not in known_revisions():
        return [f"{db_path} was written by a newer version of Trial Tracker (schema {revision})"]
    problems: list[str] = []
    conn = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.append(str(damaged(db_path, "; ".join(rows[:3]) + (" …" if len(rows) > 3 else ""))))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(
                f"{db_path} has {len(broken)} broken reference(s) between tables (first in {broken[0][0]})"
            )
    except sqlite3.DatabaseError as exc:
        problems.append(str(damaged(db_path, str(exc))))
    finally:
        conn.close()
    return problems
