"""Plain-SQL reading on either engine: what the listing, the exports and the start-up checks read through.

Those reads skip SQLAlchemy for speed (see :mod:`trialtracker.store.listing`), so they speak the driver's
interface: ``execute(sql, params)`` and a cursor. SQLite's ``sqlite3.Connection`` is one such reader;
:class:`ServerReader` gives a psycopg connection the same face (``?`` placeholders), so one set of
statements serves both. The few statements that differ (SQLite's ``json_each`` against PostgreSQL's
``json_array_elements``) ask :func:`on_server`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import psycopg

__all__ = ["Cursor", "Reader", "ServerReader", "on_server", "reviewed_sql", "starred_sql"]


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchmany(self, size: int = ...) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Reader(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...


def on_server(conn: Reader) -> bool:
    """Whether ``conn`` reads a PostgreSQL library (else the local SQLite file)."""
    return isinstance(conn, ServerReader)


def _me(conn: Reader) -> str:
    """The person reading, in SQL: their role in a team library, "" in a personal one (schema 0009)."""
    return "current_user" if on_server(conn) else "''"


def starred_sql(conn: Reader) -> str:
    """Whether the person reading starred ``trial`` (the ORM's ``Trial.starred``, for plain reads)."""
    return f"EXISTS (SELECT 1 FROM star WHERE star.trial_id = trial.id AND star.member = {_me(conn)})"


def reviewed_sql(conn: Reader) -> str:
    """Whether ``change`` needs no review from the person reading (the ORM's ``Change.reviewed``)."""
    mine = f"change_review.change_id = change.id AND change_review.member = {_me(conn)}"
    return f"(change.reviewed OR EXISTS (SELECT 1 FROM change_review WHERE {mine}))"


#: 1 when the reader sees a tag name only as their own tag (schema 0012; never in a personal library).
_ONLY_MINE = "min(CASE WHEN tag.owner = '' THEN 0 ELSE 1 END)"
#: The trials' tags as the reader sees them, one row per (trial id, name, only one's own); ``{where}``:
#: which trials. Row-level security hides other members' own tags.
TRIAL_TAGS_SQL = (
    f"SELECT trial_tag.trial_id, tag.name, {_ONLY_MINE} FROM trial_tag JOIN tag ON tag.id = trial_tag.tag_id "
    "WHERE {where} GROUP BY trial_tag.trial_id, tag.name ORDER BY tag.name"
)
#: Every tag name the reader sees, and whether it is only their own.
TAG_NAMES_SQL = f"SELECT tag.name, {_ONLY_MINE} FROM tag GROUP BY tag.name ORDER BY tag.name"


@lru_cache(maxsize=256)
def _server_sql(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class ServerReader:
    """A psycopg connection with SQLite's reading face: JSON columns come back as their text, as SQLite
    gives them (the readers decode them once, their own way)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        from psycopg.types.string import TextLoader

        cursor = self._conn.cursor()
        cursor.adapters.register_loader("json", TextLoader)  # this cursor only: the ORM shares the connection
        cursor.execute(_server_sql(sql), tuple(parameters))  # type: ignore[arg-type]  # built, not typed
        return cursor
