"""The roles of a team library: one group role for its members, and a login role per member.

Least privilege: members read and write the library's rows, and nothing else — they cannot change the
schema (no CREATE on the schema; only the owner migrates), cannot change the schema revision, and cannot
connect to the database unless they belong to the group. A member's password reaches the server only as a
SCRAM-SHA-256 verifier computed here, so it appears in no server log.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, NamedTuple

from trialtracker.domain.team import check_member_name, members_role
from trialtracker.store.server import ServerError, migrate_server, on_server

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from trialtracker.domain.catalog import Catalog
    from trialtracker.domain.topic_links import Linker

__all__ = ["SetUp", "create_member", "grant_members", "member_names", "scram_verifier", "set_up_library"]

SCRAM_ITERATIONS = 4096  # PostgreSQL's own default (scram_iterations)
_TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS) -> str:
    """What PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802 / 7677), made on this side."""
    salt = salt or secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote_identifier(name))


def _role_exists(conn: Connection, name: str) -> bool:
    from sqlalchemy import text

    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None


def _require_createrole(conn: Connection) -> None:
    from sqlalchemy import text

    me, allowed = conn.execute(
        text("SELECT rolname, rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
    ).one()
    if not allowed:
        raise ServerError(
            f"the role {me} may not create roles; run this as the database's owner with CREATEROLE "
            "(ALTER ROLE … CREATEROLE) or as a superuser"
        )


def grant_members(conn: Connection, database: str) -> str:
    """Create (if missing) the members' group role and give it exactly its rights; its name. Idempotent."""
    _require_createrole(conn)
    role = members_role(database)
    group, db = _quote(conn, role), _quote(conn, database)
    statements = [] if _role_exists(conn, role) else [f"CREATE ROLE {group} NOLOGIN"]
    statements += [
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {group}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {group}",
        f"GRANT {_TABLE_RIGHTS} ON ALL TABLES IN SCHEMA public TO {group}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {group}",  # the owner migrates
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
        # A note keeps its trial and its author: members change only its text, time and sharing.
        f"REVOKE UPDATE ON note FROM {group}",
        f"GRANT UPDATE (body, updated_at, shared, version) ON note TO {group}",
        # Tables a later migration (run by the owner) creates are the members' too.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {_TABLE_RIGHTS} ON TABLES TO {group}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {group}",
    ]
    for statement in statements:
        conn.exec_driver_sql(statement)
    return role


def add_member(conn: Connection, database: str, name: str, password: str) -> str:
    """A login role ``name`` in the members' group, with ``password``; the role's name."""
    member = check_member_name(name)
    _require_createrole(conn)
    role = members_role(database)
    if not _role_exists(conn, role):
        raise ServerError(
            "this database is not set up as a team library yet; run: trialtracker team init URL"
        )
    if _role_exists(conn, member):
        raise ServerError(f"a role called {member} already exists on this server; nothing was changed")
    verifier = scram_verifier(password)  # base64 and '$:' only: nothing to escape
    conn.exec_driver_sql(
        f"CREATE ROLE {_quote(conn, member)} LOGIN PASSWORD '{verifier}' IN ROLE {_quote(conn, role)}"
    )
    return member


class SetUp(NamedTuple):
    schema_from: str | None
    schema_to: str
    members_role: str
    seeded: int


def set_up_library(url_text: str, catalog: Catalog, linker: Linker) -> SetUp:
    """Migrate the server's library to head, seed the catalog, grant the members' role. Idempotent."""
    from sqlalchemy.orm import Session

    from trialtracker.store import seeding

    def work(engine: Engine) -> SetUp:
        before, after = migrate_server(engine)
        with Session(engine) as session, session.begin():
            seeded = seeding.seed_catalog(session, catalog, linker)
        with engine.begin() as conn:
            role = grant_members(conn, str(engine.url.database))
        return SetUp(before, after, role, len(seeded))

    return on_server(url_text, work)


def create_member(url_text: str, name: str, password: str) -> str:
    """A login for ``name`` in the library's members' group; the role's name."""

    def work(engine: Engine) -> str:
        with engine.begin() as conn:
            return add_member(conn, str(engine.url.database), name, password)

    return on_server(url_text, work)


def member_names(url_text: str) -> list[str]:
    """The logins in the library's members' group, sorted."""
    from sqlalchemy import text

    query = text(
        "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
        "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = :grp ORDER BY m.rolname"
    )

    def work(engine: Engine) -> list[str]:
        with engine.connect() as conn:
            return list(conn.execute(query, {"grp": members_role(str(engine.url.database))}).scalars())

    return on_server(url_text, work)
