"""Moving between modes (issue 17, item 7): ``team push URL`` copies a personal library into a team
library (trials, notes and tags as the member's own, stars, topic choices); ``team pull URL`` makes a
personal copy of what a member reads there. Both are safe to run again: a second run adds nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, TwoMembers, open_either_library, open_test_library
from tests.pg_server import PgServer
from trialtracker.services import notes, team_copy, topics, trials
from trialtracker.services.listing import list_rows
from trialtracker.services.settings import load_settings

Cli = Callable[..., CliResult]
MIST = "NCT00273364"
OWN = "NCT09999001"  # a trial this person added themselves (not in the catalog)


@pytest.fixture
def two(pg_server: PgServer) -> TwoMembers:
    return TwoMembers(pg_server)


def _personal(data_dir: Path) -> None:
    lib = open_test_library(data_dir)
    try:
        trials.add(lib, [OWN])
        trials.star(lib, [MIST])
        trials.edit_tags(lib, [MIST, OWN], add=["ask at clinic"])
        notes.add_note(lib, MIST, "Called the site: they answer on Tuesdays.")
        notes.add_note(lib, OWN, "Found through a friend.")
        topics.set_link(lib, OWN, "hsct", linked=True)
    finally:
        lib.close()


def test_push_copies_a_personal_library_into_the_team_once(two: TwoMembers, data_dir: Path, cli: Cli,
                                                           tmp_path: Path) -> None:  # fmt: skip
    _personal(data_dir)
    first = cli("team", "push", two.alice_url, "--json")
    assert first.code == 0, first.err
    done = json.loads(first.out)
    assert done["added"] == [OWN] and done["notes_added"] == 2 and MIST in done["already"]
    assert two.alice_password not in first.out and done["to"].startswith("postgresql://")
    again = json.loads(cli("team", "push", two.alice_url, "--json").out)
    assert again["added"] == [] and again["notes_added"] == 0  # idempotent

    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        (mist,) = list_rows(alice, [MIST])
        (own,) = list_rows(alice, [OWN])
        assert mist.starred and mist.tags == ("ask at clinic",) and own.tags == ("ask at clinic",)
        assert mist.personal_tags == ("ask at clinic",)  # hers until she shares it
        assert "hsct" in own.topics
        mine = notes.notes(alice)
        assert sorted(n.body for n in mine) == ["Called the site: they answer on Tuesdays.", "Found through a friend."]
        assert all(n.author == alice.me and not n.shared for n in mine)  # private, and hers
        assert notes.notes(bob) == []  # Bob cannot read them
        (bobs_mist,) = list_rows(bob, [MIST])
        assert not bobs_mist.starred and bobs_mist.tags == ()  # the star and the tag are hers

        shared = cli("--database-url", two.alice_url, "team", "share-tag", "ask at clinic")
        assert shared.code == 0 and "2 trial(s)" in shared.out, shared.err
        (bobs_mist,) = list_rows(bob, [MIST])
        assert bobs_mist.tags == ("ask at clinic",) and bobs_mist.personal_tags == ()
        assert cli("team", "push", two.alice_url, "--json").code == 0  # a third push: the name is the team's now
        (mist,) = list_rows(alice, [MIST])
        assert mist.tags == ("ask at clinic",) and mist.personal_tags == ()  # not a second, personal one
    finally:
        alice.close()
        bob.close()


def test_pull_makes_a_personal_copy_of_what_the_member_reads(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    try:
        notes.add_note(alice, MIST, "For the team: the site pays for travel.", shared=True)
        notes.add_note(alice, MIST, "Alice's own worry.")
    finally:
        alice.close()
    bob_team = open_either_library(tmp_path / "bt", two.bob_url)
    try:
        trials.star(bob_team, [MIST])
    finally:
        bob_team.close()

    settings = load_settings(data_dir=tmp_path / "bob-home")
    pulled = team_copy.pull(settings, two.bob_url)
    assert pulled.notes_added == 1 and pulled.added == []  # the catalog trials were there already
    assert team_copy.pull(settings, two.bob_url).notes_added == 0  # idempotent

    local = open_test_library(tmp_path / "bob-home")
    try:
        assert [n.body for n in notes.notes(local, MIST)] == ["For the team: the site pays for travel."]
        (mist,) = list_rows(local, [MIST])
        assert mist.starred and not local.on_server
    finally:
        local.close()
