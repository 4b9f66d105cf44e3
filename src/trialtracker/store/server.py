"""A library on a PostgreSQL server (a team library): its engine, its schema revision and its migrations.

The same Alembic scripts as the local SQLite file build the schema, so both engines hold the same tables.
What differs: there is no file to copy before a migration — PostgreSQL runs the whole upgrade as one
transaction, so a failed one leaves the schema as it was — and two members' apps must not migrate at once,
so the upgrade holds an advisory lock. Passwords are never part of what we store: libpq finds them in
``.pgpass``, a service file or ``PGPASSWORD``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from trialtracker.domain.errors import DatabaseError, InvalidInput, RefreshBusy, UnusableDatabase
from trialtracker.domain.team import shown_member
from trialtracker.paths import DataPaths
from trialtracker.store.db import Store, TeamNotice, head_revision, known_revisions
from trialtracker.store.reader import Reader, ServerReader

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session

__all__ = [
    "MIGRATION_LOCK",
    "ServerAddress",
    "ServerError",
    "ServerStore",
    "TeamNotice",
    "make_server_engine",
    "migrate_server",
    "on_server",
    "open_server_store",
    "parse_server_url",
    "server_address",
    "server_revision",
    "shown_url",
]

#: The advisory-lock key an upgrade holds ("TTMIGRAT" read as a number): one migration at a time.
MIGRATION_LOCK = 0x5454_4D49_4752_4154
#: The key a refresh holds for its whole run ("TTREFRSH"): one refresh at a time serves the whole team.
REFRESH_LOCK = 0x5454_5245_4652_5348
#: The key a read-then-write use case holds ("TTWRITES"): PostgreSQL's stand-in for SQLite's BEGIN IMMEDIATE.
WRITE_LOCK = 0x5454_5752_4954_4553
SERVER_SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT_S = 10
DEFAULT_PORT = 5432
#: Left out of a shown URL: the options make_server_engine adds, and a password given as an option.
_NOT_SHOWN = frozenset({"connect_timeout", "application_name", "password"})
T = TypeVar("T")


class ServerError(InvalidInput):
    """A team-library URL or server we cannot use, in one line."""


class NewerServerSchema(ServerError, UnusableDatabase):
    pass


def parse_server_url(text: str) -> URL:
    """``postgresql://…`` (any driver suffix) as a SQLAlchemy URL for psycopg 3; :class:`ServerError` else."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text.strip())
    except ArgumentError as exc:
        raise ServerError(
            f"not a database URL: {text.strip()[:80]!r} (expected postgresql://HOST/DATABASE)"
        ) from exc
    if url.get_backend_name() not in SERVER_SCHEMES:
        raise ServerError(f"a team library needs a postgresql:// URL, not {url.get_backend_name()}://")
    if not url.database:
        raise ServerError("the URL names no database (postgresql://HOST/DATABASE)")
    return url.set(drivername="postgresql+psycopg")


def make_server_engine(url: URL | str) -> Engine:
    """An engine on the server: a short connect timeout (a dead server is reported, not waited on) and a
    liveness check before each pooled connection is reused (the server may have restarted)."""
    from sqlalchemy import create_engine

    target = parse_server_url(url) if isinstance(url, str) else url
    query = dict(target.query)
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    query.setdefault("application_name", "Trial Tracker")
    return create_engine(target.set(query=query), pool_pre_ping=True, pool_size=4, max_overflow=4)


def server_error(exc: Exception, url: URL) -> DatabaseError:
    """One line for a failed server operation, the password never in it."""
    orig = getattr(exc, "orig", None)
    detail = (str(orig if orig is not None else exc).strip().splitlines() or [""])[0]
    where = shown_url(url.render_as_string(hide_password=False))
    return DatabaseError(f"the team library at {where} could not be used: {detail}")


def server_revision(conn: Connection) -> str | None:
    """The database's schema revision; None for an empty database. Refuses a database that holds other
    tables but none of ours (it is someone else's)."""
    from sqlalchemy import inspect, text

    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise ServerError(
                "that database holds other tables, not a Trial Tracker library; it was left unchanged"
            )
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate_server(engine: Engine) -> tuple[str | None, str]:
    """Bring the server's schema to head in one transaction, under the migration lock; (from, to)."""
    from alembic import command
    from sqlalchemy import text

    from trialtracker.store.db import alembic_config

    head = head_revision()
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = server_revision(conn)
        if current is not None and current not in known_revisions():
            raise NewerServerSchema(
                f"the team library was upgraded by a newer Trial Tracker (schema {current}); update the app"
            )
        if current != head:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    return current, head


class ServerAddress(NamedTuple):
    """Where a team library is, as libpq's files name it (``.pgpass``: host:port:database:user)."""

    host: str
    port: int
    database: str
    user: str | None


def server_address(url_text: str) -> ServerAddress:
    url = parse_server_url(url_text)
    return ServerAddress(url.host or "localhost", url.port or DEFAULT_PORT, str(url.database), url.username)


def shown_url(url_text: str, *, user: str | None = None) -> str:
    """``postgresql://user@host:port/db`` as a person types it: no driver name, never a password."""
    from sqlalchemy.engine import URL as Url

    url = parse_server_url(url_text)
    query = {k: v for k, v in url.query.items() if k not in _NOT_SHOWN}  # what the person typed
    plain = Url.create("postgresql", username=user or url.username, host=url.host, port=url.port,
                       database=url.database, query=query)  # fmt: skip
    return plain.render_as_string(hide_password=True)


def on_server(url_text: str, work: Callable[[Engine], T]) -> T:
    """``work`` with an engine on the server, disposed after; a server failure leaves as one line with the
    password hidden."""
    from sqlalchemy.exc import SQLAlchemyError

    url = parse_server_url(url_text)
    engine = make_server_engine(url)
    try:
        return work(engine)
    except SQLAlchemyError as exc:
        raise server_error(exc, url) from exc
    finally:
        engine.dispose()


NOTICE_CHANNEL = "trialtracker"


class ServerStore(Store):
    """A team library's store: the same sessions as a file's; plain reads on a pooled driver connection in
    a read-only snapshot (every query of one read sees the same state, as in SQLite)."""

    on_server = True

    def __init__(self, paths: DataPaths, engine: Engine, where: str) -> None:
        super().__init__(paths, engine=engine)
        self._where = where
        self._me: str | None = None

    @property
    def where(self) -> str:
        """The server's URL as the person typed it, never with the password."""
        return self._where

    def current_user(self) -> str:
        """The member this app connects as (their role: what the server writes as a note's author)."""
        if self._me is None:
            from sqlalchemy import text

            with self.engine.connect() as conn:
                self._me = str(conn.execute(text("SELECT current_user")).scalar())
        return self._me

    def reachable(self) -> bool:
        """Whether the server lets this member in now (one short query; a dead server fails within the
        connect timeout)."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        import psycopg

        raw = self.engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert isinstance(conn, psycopg.Connection)
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield ServerReader(conn)
        except psycopg.Error as exc:
            raise server_error(exc, self.engine.url) from exc
        finally:
            try:
                raw.rollback()
            except psycopg.Error:  # the connection broke (server gone): never back into the pool
                raw.invalidate()
            raw.close()  # otherwise it would stay checked out, and the pool run dry

    @contextmanager
    def refresh_turn(self, *, wait: bool = False) -> Iterator[None]:
        """Hold the team's refresh lock on a connection of its own until the refresh ends (a crashed app's
        lock goes with its connection). Taken: :class:`RefreshBusy` naming who refreshes, unless ``wait``."""
        from sqlalchemy import text

        with self.engine.connect() as conn:
            take = "pg_advisory_lock" if wait else "pg_try_advisory_lock"
            got = conn.execute(text(f"SELECT {take}(:key)"), {"key": REFRESH_LOCK}).scalar()
            conn.commit()  # the lock is the session's, not the transaction's: nothing stays open meanwhile
            if got is False:
                raise RefreshBusy(self._who_refreshes(conn))
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": REFRESH_LOCK})
                conn.commit()

    @staticmethod
    def _who_refreshes(conn: Connection) -> str:
        from sqlalchemy import text

        row = conn.execute(
            text(
                "SELECT r.started_by, r.started_at, m.display_name FROM refresh_run r "
                "LEFT JOIN member m ON m.name = r.started_by WHERE r.finished_at IS NULL "
                "ORDER BY r.id DESC LIMIT 1"
            )
        ).first()
        who = shown_member(row.started_by, row.display_name) if row is not None else None
        who = who or "another member"
        since = f" since {row.started_at:%Y-%m-%d %H:%M} UTC" if row is not None else ""
        return (f"{who} is refreshing the team library{since}; everyone sees the result when it ends. "
                "Try again later, or wait for it (refresh --wait).")  # fmt: skip

    def notices(self, stop: threading.Event, *, poll_s: float = 0.5) -> Iterator[TeamNotice]:
        """What other members change, as the server announces it (migration 0008), until ``stop`` is set.

        Listens on a connection of its own (in autocommit: a notice arrives between transactions) that is
        closed, never pooled again, when the loop ends. Connection trouble: :class:`DatabaseError`."""
        import json

        import psycopg

        raw = self.engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert isinstance(conn, psycopg.Connection)
            conn.autocommit = True
            conn.execute(f"LISTEN {NOTICE_CHANNEL}")
            while not stop.is_set():
                for notice in conn.notifies(timeout=poll_s):
                    try:
                        data = json.loads(notice.payload)
                        yield TeamNotice(str(data["table"]), data.get("nct"), data.get("by"))
                    except (ValueError, KeyError, TypeError):
                        continue  # not one of ours
                    if stop.is_set():
                        break
        except psycopg.Error as exc:
            raise server_error(exc, self.engine.url) from exc
        finally:
            raw.invalidate()  # LISTEN and autocommit must not follow this connection back into the pool

    def _lock_writes(self, session: Session) -> None:
        from sqlalchemy import text

        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def open_server_store(url_text: str, paths: DataPaths) -> ServerStore:
    """Open the team library at ``url_text``. Never migrates: its owner does, with ``team init``."""
    from sqlalchemy.exc import SQLAlchemyError

    url = parse_server_url(url_text)
    engine = make_server_engine(url)
    try:
        with engine.connect() as conn:
            current = server_revision(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise server_error(exc, url) from exc
    except BaseException:
        engine.dispose()
        raise
    where = f"the database at {shown_url(url_text)}"
    if current is None or current != head_revision():
        engine.dispose()
        if current is None:
            raise ServerError(
                f"{where} holds no team library yet; its owner sets it up with: trialtracker team init URL"
            )
        if current not in known_revisions():
            raise NewerServerSchema(
                f"{where} was upgraded by a newer Trial Tracker (schema {current}); update the app"
            )
        raise ServerError(f"{where} is at schema {current} and this app needs {head_revision()}; its owner "
                          "upgrades it with: trialtracker team init URL")  # fmt: skip
    return ServerStore(paths, engine, shown_url(url_text))
