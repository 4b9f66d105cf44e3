"""``trialtracker team init`` / ``add-member`` / ``members`` on a real PostgreSQL server (issue 17, item 2):
members read and write the library but cannot change its tables, people outside the team cannot connect,
and no password is printed but the new member's, once."""

from __future__ import annotations

import json
from collections.abc import Callable

import psycopg
import pytest
from psycopg import errors

from tests.conftest import CliResult
from tests.pg_server import PgServer
from trialtracker.domain.team import members_role
from trialtracker.store.team_roles import scram_verifier

Cli = Callable[..., CliResult]


def _connect(server: PgServer, database: str, user: str, password: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(host="127.0.0.1", port=server.port, user=user, password=password, dbname=database,
                           autocommit=True)  # fmt: skip


@pytest.fixture
def team_db(pg_server: PgServer, cli: Cli) -> str:
    database = pg_server.new_database()
    done = cli("team", "init", pg_server.url(database))
    assert done.code == 0, done.err
    return database


def test_init_creates_the_library_with_the_catalog_and_says_so_without_the_password(
    pg_server: PgServer, cli: Cli
) -> None:
    database = pg_server.new_database()
    first = cli("team", "init", pg_server.url(database))
    assert first.code == 0, first.err
    assert "created (schema" in first.out and "66 catalog trials added" in first.out
    assert members_role(database) in first.out
    again = cli("team", "init", pg_server.url(database))
    assert again.code == 0 and "already at schema" in again.out and "0 catalog trials added" in again.out
    for result in (first, again):
        assert pg_server.password not in result.out + result.err
    with pg_server.admin(database) as conn:
        assert conn.execute("SELECT count(*) FROM trial").fetchone() == (66,)
        assert conn.execute("SELECT count(*) FROM topic_link").fetchone()[0] > 66  # linked by the rules


def test_a_member_reads_and_writes_the_library_but_not_its_tables(
    pg_server: PgServer, team_db: str, cli: Cli
) -> None:
    added = cli("team", "add-member", pg_server.url(team_db), "alice", "--json")
    assert added.code == 0, added.err
    member = json.loads(added.out)
    assert member["name"] == "alice" and member["url"].startswith("postgresql://alice@127.0.0.1:")
    assert member["password"] not in member["url"] and pg_server.password not in added.out
    assert member["pgpass_line"] == f"127.0.0.1:{pg_server.port}:{team_db}:alice:{member['password']}"

    with _connect(pg_server, team_db, "alice", member["password"]) as alice:
        assert alice.execute("SELECT count(*) FROM trial").fetchone() == (66,)
        alice.execute("INSERT INTO tag (name) VALUES ('team shortlist')")
        alice.execute("INSERT INTO star (trial_id) SELECT id FROM trial WHERE nct_id = 'NCT00273364'")
        alice.execute("DELETE FROM tag WHERE name = 'team shortlist'")
        for forbidden in ("CREATE TABLE mine (id int)", "DROP TABLE note", "ALTER TABLE trial ADD COLUMN x int",
                          "UPDATE alembic_version SET version_num = '0001'", "TRUNCATE trial"):  # fmt: skip
            with pytest.raises(errors.InsufficientPrivilege):
                alice.execute(forbidden)
        assert alice.execute("SELECT version_num FROM alembic_version").fetchone() is not None

    listed = cli("team", "members", pg_server.url(team_db))
    assert listed.code == 0 and listed.out.split() == ["alice"]


def test_someone_outside_the_team_cannot_even_connect(pg_server: PgServer, team_db: str) -> None:
    with pg_server.admin() as admin:
        admin.execute(f"CREATE ROLE stranger LOGIN PASSWORD '{scram_verifier('open sesame')}'")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        _connect(pg_server, team_db, "stranger", "open sesame")


def test_the_password_is_checked_by_the_server_from_our_verifier(pg_server: PgServer, team_db: str, cli: Cli) -> None:
    member = json.loads(cli("team", "add-member", pg_server.url(team_db), "bob", "--json").out)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        _connect(pg_server, team_db, "bob", member["password"] + "x")
    with _connect(pg_server, team_db, "bob", member["password"]) as bob:
        assert bob.execute("SELECT current_user").fetchone() == ("bob",)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("add-member", "{url}", "Bob Smith"), "not a usable member name"),
        (("add-member", "{url}", "pg_monitor"), "not a usable member name"),
        (("add-member", "{url}", "alice2"), None),  # fine: the control case
        (("init", "sqlite:///tmp/x.db"), "needs a postgresql:// URL"),
        (("init", "postgresql://127.0.0.1"), "names no database"),
        (("init", "not a url"), "not a database URL"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    pg_server: PgServer, team_db: str, cli: Cli, args: tuple[str, ...], expected: str | None
) -> None:
    result = cli("team", *(a.format(url=pg_server.url(team_db)) for a in args))
    if expected is None:
        assert result.code == 0, result.err
        return
    assert result.code == 2
    assert result.err.count("\n") == 1 and expected in result.err and "Traceback" not in result.err


def test_a_second_login_of_the_same_name_and_a_server_that_is_not_there(
    pg_server: PgServer, team_db: str, cli: Cli
) -> None:
    assert cli("team", "add-member", pg_server.url(team_db), "carol").code == 0
    again = cli("team", "add-member", pg_server.url(team_db), "carol")
    assert again.code == 2 and "already exists" in again.err
    missing = cli("team", "init", pg_server.url("no_such_db"))
    assert missing.code == 1 and missing.err.count("\n") == 1 and "no_such_db" in missing.err
    assert pg_server.password not in missing.err
