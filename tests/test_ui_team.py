"""The window on a team library (issue 17): its title says which, the notes list says whose each note
is and whether the team reads it, and the author alone can share or unshare a note from the window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from tests.conftest import new_team_library, open_either_library, show_trial
from tests.pg_server import PgServer
from trialtracker.services import notes, team
from trialtracker.services.library import Library
from trialtracker.ui.notes_panel import NotesPanel

NCT = "NCT00273364"


def _panel(qtbot: QtBot, lib: Library) -> NotesPanel:
    panel = NotesPanel(lib)
    qtbot.addWidget(panel)
    panel.show()
    show_trial(qtbot, panel, NCT)
    return panel


def test_the_author_shares_a_note_from_the_window_and_the_team_reads_it(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    alice_url = new_team_library(pg_server)
    database = alice_url.rsplit("/", 1)[1]
    bob_login = team.add_member(pg_server.url(database), f"bob_of_{database}")
    bob_url = pg_server.url(database, user=bob_login.name, password=bob_login.password)
    alice = open_either_library(tmp_path / "a", alice_url)
    bob = open_either_library(tmp_path / "b", bob_url)
    try:
        notes.add_note(bob, NCT, "Bob's note for the team", shared=True)
        mine = notes.add_note(alice, NCT, "Alice's draft")
        panel = _panel(qtbot, alice)
        assert panel.share is not None and panel.share.isVisible()
        texts = [panel.list.item(i).text() for i in range(panel.list.count())]
        assert any(f"{bob.me}, shared" in t for t in texts) and any("you, private" in t for t in texts)

        assert panel.current_note_id == mine.id and panel.share.isEnabled() and not panel.share.isChecked()
        panel.share.setChecked(True)
        assert not panel.share.isEnabled()  # written on the database lane: the box waits for the answer
        with qtbot.waitSignal(panel.notesChanged):
            pass
        qtbot.waitUntil(lambda: not panel.loading)  # the list is read again
        assert [n.body for n in notes.notes(bob, NCT)] == ["Bob's note for the team", "Alice's draft"]
        assert any("you, shared" in panel.list.item(i).text() for i in range(panel.list.count()))

        bobs = next(i for i in range(panel.list.count()) if "Bob's note" in panel.list.item(i).text())
        panel.list.setCurrentRow(bobs)
        assert panel.share.isChecked() and not panel.share.isEnabled()  # only its author decides
    finally:
        alice.close()
        bob.close()


def test_a_personal_library_has_no_sharing_box(qtbot: QtBot, library: Library) -> None:
    notes.add_note(library, NCT, "mine")
    notes.add_note(library, NCT, "also mine")
    panel = _panel(qtbot, library)
    assert panel.share is None and panel.list.count() == 2
    assert all(", private" not in panel.list.item(i).text() for i in range(2))  # heading · time, as before


def test_the_window_title_names_the_team_library(qtbot: QtBot, pg_server: PgServer, tmp_path: Path) -> None:
    from trialtracker.ui.main_window import MainWindow

    url = new_team_library(pg_server)
    lib = open_either_library(tmp_path, url)
    try:
        window = MainWindow(lib, auto_refresh=False, remember=False)
        qtbot.addWidget(window)
        assert window.windowTitle() == f"Trial Tracker — team library {lib.where}"
        assert "@127.0.0.1" in lib.where and str(make_url(url).password) not in lib.where
        assert lib.me is not None and lib.me in lib.where
    finally:
        lib.close()
