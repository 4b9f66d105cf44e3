"""Personal tags next to the team's (issue 17, item 3): a member's own tag — its name and the trials it is
on — is theirs alone, even from ``psql`` (row-level security); a name may be the team's and someone's own
at once; tagging with one's own tag tells nobody; sharing it makes it the team's."""

from __future__ import annotations

import json
import select
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from tests.conftest import CliResult, TwoMembers, open_either_library, open_test_library
from tests.pg_server import PgServer
from trialtracker.domain.errors import InvalidInput
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.services.listing import list_rows, tags_seen

Cli = Callable[..., CliResult]
MIST = "NCT00273364"
HALT = "NCT00288626"


@pytest.fixture
def two(pg_server: PgServer) -> TwoMembers:
    return TwoMembers(pg_server)


def _tags(lib: Library, nct: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    (row,) = list_rows(lib, [nct])
    return row.tags, row.personal_tags


def test_a_personal_tag_is_unseen_by_the_rest_of_the_team(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        trials.edit_tags(alice, [MIST], add=["my shortlist"], personal=True)
        trials.edit_tags(alice, [MIST], add=["ask the nurse"])
        assert _tags(alice, MIST) == (("ask the nurse", "my shortlist"), ("my shortlist",))
        assert _tags(bob, MIST) == (("ask the nurse",), ())
        assert tags_seen(bob) == (["ask the nurse"], frozenset())
        assert tags_seen(alice) == (["ask the nurse", "my shortlist"], frozenset({"my shortlist"}))
        detail = trials.require_detail(alice, MIST)
        assert detail.tags == ("ask the nurse", "my shortlist") and detail.personal_tags == ("my shortlist",)

        # The same name: Bob's team tag, and Bob's own tag, live beside Alice's.
        trials.edit_tags(bob, [HALT], add=["my shortlist"])
        trials.edit_tags(bob, [MIST], add=["my shortlist"], personal=True)
        assert _tags(bob, HALT) == (("my shortlist",), ()) and _tags(bob, MIST)[1] == ("my shortlist",)
        assert _tags(alice, HALT) == (("my shortlist",), ())  # the team's
        assert _tags(alice, MIST) == (("ask the nurse", "my shortlist"), ("my shortlist",))  # still her own
        assert tags_seen(alice)[1] == frozenset()  # the name is the team's too now

        # Removing a name takes every tag of it one sees: Bob's own and the team's stay for the others.
        trials.edit_tags(alice, [MIST], remove=["my shortlist"])
        assert _tags(alice, MIST) == (("ask the nurse",), ())
        assert _tags(bob, MIST) == (("ask the nurse", "my shortlist"), ("my shortlist",))
    finally:
        alice.close()
        bob.close()


def test_another_member_cannot_read_forge_or_use_a_personal_tag_with_sql(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    try:
        trials.edit_tags(alice, [MIST], add=["worried about the chemo"], personal=True)
    finally:
        alice.close()
    with two.sql(two.alice, two.alice_password) as conn:
        ((tag_id, owner),) = conn.execute("SELECT id, owner FROM tag").fetchall()
        assert owner == two.alice
    with two.sql(two.bob, two.bob_password) as bob:
        assert bob.execute("SELECT count(*) FROM tag").fetchone() == (0,)
        assert bob.execute("SELECT count(*) FROM trial_tag").fetchone() == (0,)
        assert bob.execute("DELETE FROM trial_tag").rowcount == 0 and bob.execute("DELETE FROM tag").rowcount == 0
        assert bob.execute("UPDATE tag SET owner = ''").rowcount == 0  # nor make it the team's
        with pytest.raises(errors.InsufficientPrivilege):  # nor put one on Alice's name
            bob.execute("INSERT INTO tag (name, owner) VALUES ('planted', %s)", (two.alice,))
        with pytest.raises(errors.InsufficientPrivilege):  # nor tag a trial with hers
            bob.execute("INSERT INTO trial_tag (trial_id, tag_id) SELECT id, %s FROM trial WHERE nct_id = %s",
                        (tag_id, MIST))  # fmt: skip
    with two.sql(two.alice, two.alice_password) as conn:
        assert conn.execute("SELECT count(*) FROM trial_tag").fetchone() == (1,)


def _notices(conn: psycopg.Connection[tuple[object, ...]], wait: float) -> list[dict[str, str]]:
    found = []
    if select.select([conn.fileno()], [], [], wait)[0]:
        found = [json.loads(n.payload) for n in conn.notifies(timeout=0.2)]
    return found


def test_tagging_with_ones_own_tag_tells_nobody_and_sharing_it_tells_the_team(
    two: TwoMembers, tmp_path: Path
) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    with two.sql(two.bob, two.bob_password) as bob:
        bob.execute("LISTEN trialtracker")
        try:
            trials.edit_tags(alice, [MIST, HALT], add=["to read"], personal=True)
            assert _notices(bob, 1.0) == []
            trials.edit_tags(alice, [MIST], add=["for the team"])
            assert [(n["table"], n["nct"]) for n in _notices(bob, 5.0)] == [("trial_tag", MIST)]

            assert trials.share_tag(alice, "to read") == sorted([MIST, HALT])
            assert sorted(n["nct"] for n in _notices(bob, 5.0)) == sorted([MIST, HALT])
            assert bob.execute("SELECT name, owner FROM tag ORDER BY name").fetchall() == [
                ("for the team", ""), ("to read", "")
            ]  # fmt: skip
            with pytest.raises(Exception, match="no personal tag"):
                trials.share_tag(alice, "to read")  # hers no more
        finally:
            alice.close()


def test_sharing_a_tag_the_team_already_has_merges_them(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        trials.edit_tags(bob, [HALT], add=["travel paid"])
        trials.edit_tags(alice, [MIST, HALT], add=["travel paid"], personal=True)
        assert _tags(alice, HALT) == (("travel paid",), ())  # HALT carried the team's already
        assert _tags(alice, MIST) == (("travel paid",), ("travel paid",))
        assert trials.share_tag(alice, "travel paid") == [MIST]
        assert _tags(bob, MIST) == (("travel paid",), ()) == _tags(alice, MIST)
        with two.sql(two.alice, two.alice_password) as conn:
            assert conn.execute("SELECT count(*) FROM tag").fetchone() == (1,)  # one tag left, the team's
    finally:
        alice.close()
        bob.close()


def test_undo_of_a_tag_edit_gives_back_a_personal_tag_as_personal(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        trials.edit_tags(alice, [MIST], add=["private hunch"], personal=True)
        before = _tags(alice, MIST)
        trials.edit_tags(alice, [MIST], add=["for all"], remove=["private hunch"])
        trials.set_tag_sets(alice, {MIST: before[0]}, {MIST: before[1]})
        assert _tags(alice, MIST) == before and _tags(bob, MIST) == ((), ())
    finally:
        alice.close()
        bob.close()


def test_cli_tags_for_oneself_and_marks_them(two: TwoMembers, cli: Cli) -> None:
    done = cli("--database-url", two.alice_url, "tag", MIST, "shortlist", "--personal")
    assert done.code == 0 and done.out.strip() == f"{MIST} tags: shortlist (only you)", done.err
    shown = cli("--database-url", two.alice_url, "list")
    assert "[shortlist (only you)]" in shown.out
    listed = json.loads(cli("--database-url", two.alice_url, "list", "--json").out)
    (row,) = [r for r in listed if r["nct_id"] == MIST]
    assert row["tags"] == ["shortlist"] and row["personal_tags"] == ["shortlist"]
    assert "Tags:                shortlist (only you)" in cli("--database-url", two.alice_url, "show", MIST).out
    assert "shortlist" not in cli("--database-url", two.bob_url, "list").out
    missing = cli("--database-url", two.bob_url, "team", "share-tag", "shortlist")
    assert missing.code == 2 and "no personal tag 'shortlist'" in missing.err


def test_a_personal_library_has_only_its_persons_tags(data_dir: Path, cli: Cli) -> None:
    """``--personal`` changes nothing there (every tag is the one person's), and sharing is refused."""
    assert cli("tag", MIST, "a", "--personal").code == 0
    lib = open_test_library(data_dir)
    try:
        assert _tags(lib, MIST) == (("a",), ())  # not marked: there is nobody else
        with pytest.raises(InvalidInput, match="team library"):
            trials.share_tag(lib, "a")
    finally:
        lib.close()
    refused = cli("team", "share-tag", "a")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "team library" in refused.err
