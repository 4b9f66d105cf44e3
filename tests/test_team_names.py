"""Display names (issue 17, item 3): each member sets how the team sees them; both faces show it with the
login ("Alice Smith (alice)"), so a chosen name can never pass for someone else; only its member can set
it (row-level security), and a personal library has no use for it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from psycopg import errors
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import CliResult, TwoMembers, open_either_library
from tests.pg_server import PgServer
from trialtracker.services import notes, team
from trialtracker.ui.preferences import PreferencesDialog

Cli = Callable[..., CliResult]
NCT = "NCT00273364"


@pytest.fixture
def two(pg_server: PgServer) -> TwoMembers:
    return TwoMembers(pg_server)


def test_a_members_name_shows_with_their_login_in_both_faces(two: TwoMembers, cli: Cli) -> None:
    as_alice = ("--database-url", two.alice_url)
    said = cli(*as_alice, "team", "name", "  Alice   Smith ")
    assert said.code == 0 and said.out.strip() == f"The team now sees you as Alice Smith ({two.alice})."
    assert "shown as Alice Smith" in cli(*as_alice, "team", "name").out
    assert cli(*as_alice, "note", NCT, "--add", "Site visit went well.", "--shared").code == 0
    with two.sql(two.alice, two.alice_password) as conn:  # a refresh Alice ran (started_by: the server's)
        conn.execute("INSERT INTO refresh_run (started_at, finished_at, requested, updated, changed, not_found, "
                     "failed, skipped) VALUES (now(), now(), 1, 1, 0, 0, 0, false)")  # fmt: skip

    as_bob = ("--database-url", two.bob_url)
    listed = cli(*as_bob, "notes", NCT)
    assert f"by Alice Smith ({two.alice}) · shared" in listed.out
    (shown,) = json.loads(cli(*as_bob, "notes", NCT, "--json").out)
    assert shown["author"] == two.alice and shown["author_name"] == "Alice Smith"
    assert f"by Alice Smith ({two.alice})" in cli(*as_bob, "list").out

    assert cli(*as_alice, "team", "name", "").out.strip() == f"Display name cleared: the team sees you as {two.alice}."
    assert f"by {two.alice} · shared" in cli(*as_bob, "notes", NCT).out


def test_only_a_member_sets_their_own_name(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    try:
        team.set_display_name(alice, "Alice Smith")
    finally:
        alice.close()
    with two.sql(two.bob, two.bob_password) as bob:
        assert bob.execute("SELECT name, display_name FROM member").fetchall() == [(two.alice, "Alice Smith")]
        assert bob.execute("UPDATE member SET display_name = 'Bob pretending'").rowcount == 0
        assert bob.execute("DELETE FROM member").rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege):
            bob.execute("INSERT INTO member (name, display_name) VALUES (%s, 'Alice too')", (two.alice,))


@pytest.mark.parametrize("text", ["Alice\u202eecilA", "Alice\x1b[31m", "x" * 101])
def test_a_name_that_could_mislead_or_break_a_terminal_is_refused(two: TwoMembers, cli: Cli, text: str) -> None:
    result = cli("--database-url", two.alice_url, "team", "name", text)
    assert result.code == 2 and "a display name is up to 100 printable characters" in result.err


def test_a_personal_library_has_no_display_names(cli: Cli) -> None:
    for args in (("team", "name", "Me"), ("team", "name")):
        result = cli(*args)
        assert result.code == 2 and "display names are for a team library" in result.err


def test_preferences_set_the_name_on_a_team_library(qtbot: QtBot, two: TwoMembers, tmp_path: Path) -> None:
    lib = open_either_library(tmp_path, two.alice_url)
    try:
        dialog = PreferencesDialog(lib)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.team.name_field.isEnabled)  # read on the read lane
        assert dialog.team.name_field.isVisible() and dialog.team.name_field.text() == ""
        shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "--database-url (postgresql://" in shown  # the address given for this run is named ...
        assert two.alice_password not in shown  # ... without its password
        dialog.team.name_field.setText("Alice Smith")
        dialog.ok_button.click()  # the name is written on the database lane; the dialog closes after
        assert not dialog.ok_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert team.display_name(lib) == "Alice Smith"
        notes.add_note(lib, NCT, "mine")
        assert notes.notes(lib, NCT)[0].by == f"Alice Smith ({two.alice})"
    finally:
        lib.close()


def test_preferences_keep_a_refused_name_and_say_why(qtbot: QtBot, two: TwoMembers, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    lib = open_either_library(tmp_path, two.alice_url)
    try:
        dialog = PreferencesDialog(lib)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.team.name_field.isEnabled)
        dialog.team.name_field.setText("Alice\u202e Smith")  # a bidi control: refused where it is written
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: bool(warnings) and dialog.ok_button.isEnabled())
        assert "display name" in warnings[0] and dialog.isVisible()
        assert dialog.team.name_field.text() == "Alice\u202e Smith"  # what was typed stays to be fixed
        assert team.display_name(lib) is None
    finally:
        lib.close()
