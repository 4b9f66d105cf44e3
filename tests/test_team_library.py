"""Opening a team library (issue 17, item 1): ``--database-url`` / ``TRIALTRACKER_DATABASE_URL`` put every
command on a PostgreSQL library instead of the local file; members share one list; what cannot work on a
server (copying the file) says so in one line; a library not set up, an old one and a dead server are each
one clear line. The use cases themselves run on both engines in test_services, test_store, test_refresh,
test_export_markdown and test_topics_cli."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command

from tests.conftest import CliResult, new_team_library
from tests.pg_server import PgServer
from trialtracker.store.db import alembic_config
from trialtracker.store.server import make_server_engine

Cli = Callable[..., CliResult]


def test_every_command_can_use_the_team_library_from_the_environment(
    pg_server: PgServer, cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRIALTRACKER_DATABASE_URL", new_team_library(pg_server))
    listed = cli("list", "--json")
    assert listed.code == 0, listed.err
    assert len(json.loads(listed.out)) == 66
    assert cli("add", "NCT01234567").code == 0
    assert cli("tag", "NCT01234567", "team-shortlist").code == 0
    assert "NCT01234567" in cli("list").out
    assert not (data_dir / "trialtracker.sqlite3").exists()  # nothing went to a local file


def test_two_members_share_one_list(pg_server: PgServer, data_dir: Path, cli: Cli) -> None:
    alice = new_team_library(pg_server)
    database = alice.rsplit("/", 1)[1]
    from trialtracker.services import team

    bob_login = team.add_member(pg_server.url(database), f"bob_of_{database}")
    bob = pg_server.url(database, user=bob_login.name, password=bob_login.password)
    assert cli("--database-url", alice, "add", "NCT01234567").code == 0
    assert cli("--database-url", alice, "star", "NCT01234567").code == 0
    assert cli("--database-url", alice, "tag", "NCT01234567", "ask-at-clinic").code == 0
    rows = {r["nct_id"]: r for r in json.loads(cli("--database-url", bob, "list", "--json").out)}
    assert rows["NCT01234567"]["tags"] == ["ask-at-clinic"]
    assert cli("--database-url", bob, "remove", "NCT01234567").code == 0
    assert "NCT01234567" not in cli("--database-url", alice, "list").out


@pytest.mark.parametrize("args", [("backup",), ("backup", "--list"), ("check",), ("restore", "some.sqlite3")])
def test_copying_the_file_is_refused_for_a_team_library(pg_server: PgServer, cli: Cli, args: tuple[str, ...]) -> None:
    result = cli("--database-url", new_team_library(pg_server), *args)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "backs it up (pg_dump" in result.err


def test_a_database_not_set_up_an_old_one_and_a_dead_server_are_each_one_line(
    pg_server: PgServer, cli: Cli
) -> None:
    empty = pg_server.url(pg_server.new_database())
    unset = cli("--database-url", empty, "list")
    assert unset.code == 2 and "holds no team library yet" in unset.err and "team init" in unset.err

    member_url = new_team_library(pg_server)
    owner_url = pg_server.url(member_url.rsplit("/", 1)[1])
    engine = make_server_engine(owner_url)
    config = alembic_config()
    try:
        with engine.begin() as conn:  # as if the app had been updated before the library
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
    finally:
        engine.dispose()
    old = cli("--database-url", member_url, "list")
    assert old.code == 2 and "is at schema 0004" in old.err and "team init" in old.err
    assert cli("team", "init", owner_url).code == 0  # the owner upgrades it; the member goes on
    assert cli("--database-url", member_url, "list").code == 0

    dead = cli("--database-url", f"postgresql://someone:s3cret@127.0.0.1:{pg_server.port + 1}/nowhere", "list")
    assert dead.code == 1 and dead.err.count("\n") == 1
    assert "s3cret" not in dead.err and "could not be used" in dead.err
    for result in (unset, old, dead):
        assert "Traceback" not in result.err and pg_server.password not in result.err


def test_the_library_is_named_as_typed_without_password_or_our_driver_options(pg_server: PgServer) -> None:
    from trialtracker.store.server import shown_url

    url = f"postgresql://ann:pw@127.0.0.1:{pg_server.port}/team?sslmode=require&connect_timeout=10"
    assert shown_url(url) == f"postgresql://ann@127.0.0.1:{pg_server.port}/team?sslmode=require"
