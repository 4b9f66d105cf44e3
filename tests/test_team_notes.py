"""Private and shared notes in a team library (issue 17, item 3): a note is private to its author unless
shared, and private at the database level — row-level security keeps another member from reading it
even with their own SQL connection. The author is the server's ``current_user``: nobody writes as someone
else. In a personal library every note is its owner's and sharing is refused."""

from __future__ import annotations

import json
from collections.abc import Callable

import psycopg
import pytest
from psycopg import errors

from tests.conftest import CliResult, TwoMembers
from tests.pg_server import PgServer
from trialtracker.services import team

Cli = Callable[..., CliResult]
NCT = "NCT00273364"


class Team(TwoMembers):
    def bob_sql(self) -> psycopg.Connection[tuple[object, ...]]:
        """Bob's own connection, as psql would give him."""
        return self.sql(self.bob, self.bob_password)


@pytest.fixture
def two(pg_server: PgServer) -> Team:
    return Team(pg_server)


def _notes(cli: Cli, url: str) -> list[dict[str, object]]:
    result = cli("--database-url", url, "notes", "--json")
    assert result.code == 0, result.err
    return list(json.loads(result.out))


def test_a_private_note_is_its_authors_alone_and_a_shared_one_the_teams(two: Team, cli: Cli) -> None:
    assert cli("--database-url", two.alice_url, "note", NCT, "--add", "my worries about travel").code == 0
    shared = cli("--database-url", two.alice_url, "note", NCT, "--add", "Site visit on Monday", "--shared")
    assert shared.code == 0 and "shared with the team" in shared.out

    mine = {n["body"]: n for n in _notes(cli, two.alice_url)}
    assert mine["my worries about travel"]["author"] == two.alice and mine["my worries about travel"]["shared"] is False
    assert mine["Site visit on Monday"]["shared"] is True
    theirs = _notes(cli, two.bob_url)
    assert [(n["body"], n["author"]) for n in theirs] == [("Site visit on Monday", two.alice)]
    listed = {r["nct_id"]: r for r in json.loads(cli("--database-url", two.bob_url, "list", "--json").out)}
    assert listed[NCT]["note_count"] == 1  # the count is of the notes he can read
    printed = cli("--database-url", two.bob_url, "notes", NCT).out
    assert f"by {two.alice} · shared" in printed and "worries" not in printed


def test_private_means_private_even_to_a_members_own_sql(two: Team, cli: Cli) -> None:
    cli("--database-url", two.alice_url, "note", NCT, "--add", "private words")
    cli("--database-url", two.alice_url, "note", NCT, "--add", "team words", "--shared")
    private_id, shared_id = (n["id"] for n in _notes(cli, two.alice_url))
    with two.bob_sql() as bob:
        assert [r[0] for r in bob.execute("SELECT body FROM note")] == ["team words"]
        assert bob.execute("UPDATE note SET body = 'gotcha' WHERE id = %s", (private_id,)).rowcount == 0
        assert bob.execute("DELETE FROM note WHERE id = %s", (private_id,)).rowcount == 0
        assert bob.execute("DELETE FROM note WHERE id = %s", (shared_id,)).rowcount == 0  # only its author
        with pytest.raises(errors.InsufficientPrivilege):  # writing as someone else
            bob.execute("INSERT INTO note (nct_id, body, created_at, updated_at, author) "
                        "VALUES (%s, 'forged', now(), now(), %s)", (NCT, two.alice))  # fmt: skip
        with pytest.raises(errors.InsufficientPrivilege):  # taking over a note
            bob.execute("UPDATE note SET author = %s WHERE id = %s", (two.bob, shared_id))
        with pytest.raises(errors.InsufficientPrivilege):  # hiding the team's note from the team
            bob.execute("UPDATE note SET shared = false WHERE id = %s", (shared_id,))
        # A shared note is for discussion: the team may edit its text.
        assert bob.execute("UPDATE note SET body = 'team words, and mine' WHERE id = %s", (shared_id,)).rowcount == 1
    assert {n["body"] for n in _notes(cli, two.alice_url)} == {"private words", "team words, and mine"}


def test_only_the_author_decides_who_reads_a_note(two: Team, cli: Cli) -> None:
    cli("--database-url", two.alice_url, "note", NCT, "--add", "draft")
    (note,) = _notes(cli, two.alice_url)
    assert cli("--database-url", two.alice_url, "note", NCT, "--share", str(note["id"])).code == 0
    assert [n["body"] for n in _notes(cli, two.bob_url)] == ["draft"]
    refused = cli("--database-url", two.bob_url, "note", NCT, "--unshare", str(note["id"]))
    assert refused.code == 2 and f"{two.alice}'s: only its author" in refused.err
    assert cli("--database-url", two.alice_url, "note", NCT, "--unshare", str(note["id"])).code == 0
    assert _notes(cli, two.bob_url) == []
    hidden = cli("--database-url", two.bob_url, "note", NCT, "--share", str(note["id"]))
    assert hidden.code == 2 and "does not exist" in hidden.err  # he cannot even tell it is there


def test_a_personal_library_has_no_sharing(cli: Cli) -> None:
    refused = cli("note", NCT, "--add", "hello", "--shared")
    assert refused.code == 2 and "needs a team library" in refused.err
    assert cli("note", NCT, "--add", "hello").code == 0
    (note,) = json.loads(cli("notes", "--json").out)
    assert "author" not in note and "shared" not in note  # a personal bundle is as it always was
    assert cli("note", NCT, "--share", str(note["id"])).code == 2


def test_notes_written_before_authors_stay_shared_after_the_upgrade(pg_server: PgServer, cli: Cli) -> None:
    from alembic import command

    from trialtracker.store.db import alembic_config
    from trialtracker.store.server import make_server_engine

    database = pg_server.new_database()
    engine = make_server_engine(pg_server.url(database))
    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0005")
            conn.exec_driver_sql("INSERT INTO note (nct_id, body, created_at, updated_at) "
                                 "VALUES ('NCT00273364', 'from the old days', now(), now())")  # fmt: skip
    finally:
        engine.dispose()
    assert cli("team", "init", pg_server.url(database)).code == 0
    member = team.add_member(pg_server.url(database), f"late_{database}")
    url = pg_server.url(database, user=member.name, password=member.password)
    (old,) = _notes(cli, url)
    assert old["body"] == "from the old days" and old["shared"] is True and old["author"] is None
    refused = cli("--database-url", url, "note", NCT, "--unshare", str(old["id"]))
    assert refused.code == 2 and "stays shared" in refused.err
