"""A team library that stops answering (issue 17, item 6): the window says it is offline and stays
readable with every writing action disabled; note text typed meanwhile is kept in a recovery file on this
computer and saved as soon as the server answers again; then the window is back to normal.

"Offline" is made real: the member's connections are ended by the server and their login is refused
(``NOLOGIN``) until it is allowed again, as when a server restarts or a network drops."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import TwoMembers, open_either_library, show_trial
from tests.note_faults import answer_message_box
from tests.pg_server import PgServer
from trialtracker.services import note_recovery, notes
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.offline import WRITING_ACTIONS

MIST = "NCT00273364"


def _lock_out(server: PgServer, role: str, *, out: bool) -> None:
    with server.admin() as admin:
        admin.execute(f'ALTER ROLE "{role}" {"NOLOGIN" if out else "LOGIN"}')
        if out:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))


def test_offline_window_reads_keeps_note_text_and_saves_it_when_back(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    two = TwoMembers(pg_server)
    lib = open_either_library(tmp_path, two.alice_url)
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: not window.loading and not window.tasks.busy, timeout=10_000)
        assert show_trial(qtbot, window, MIST)
        time.sleep(0.3)  # the listener is listening
        window.table.selectRow(0)
        enabled = {name for name in WRITING_ACTIONS if getattr(window, f"act_{name}").isEnabled()}
        assert {"refresh", "add", "import", "star", "watches"} <= enabled
        _lock_out(pg_server, two.alice, out=True)
        qtbot.waitUntil(lambda: window.offline.offline, timeout=5_000)
        assert window.banner.isVisible() and window.banner.label.text().startswith("Offline: the team library")
        disabled = [name for name in WRITING_ACTIONS if not getattr(window, f"act_{name}").isEnabled()]
        assert disabled == list(WRITING_ACTIONS)
        window.table.selectRow(0)  # moving around re-enables nothing that writes
        assert not window.act_star.isEnabled() and not window.act_refresh.isEnabled()
        assert window.model.find(MIST) is not None  # the list stays readable

        typed_on = window.notes.nct_id
        assert typed_on is not None
        window.notes.editor.setPlainText("Typed while the server was away.")
        window.notes.save_now()
        qtbot.waitUntil(lambda: "Not saved" in window.notes.state.text(), timeout=15_000)
        assert len(note_recovery.kept_notes(lib.paths)) == 1  # the text waits in its recovery file

        _lock_out(pg_server, two.alice, out=False)
        qtbot.waitUntil(lambda: not window.offline.offline, timeout=10_000)
        qtbot.waitUntil(lambda: [n.body for n in notes.notes(lib, typed_on)] == ["Typed while the server was away."],
                        timeout=10_000)  # fmt: skip
        qtbot.waitUntil(lambda: note_recovery.kept_notes(lib.paths) == [], timeout=5_000)
        assert not window.banner.isVisible()
        again = {name for name in WRITING_ACTIONS if getattr(window, f"act_{name}").isEnabled()}
        assert again == enabled  # every action offline mode held back is usable again
    finally:
        _lock_out(pg_server, two.alice, out=False)
        closing = answer_message_box(QMessageBox.StandardButton.Close, [])  # if the test failed with text unsaved
        window.close()
        closing.stop()
        lib.close()


def test_a_delete_the_server_refuses_keeps_the_note_and_says_why(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    from trialtracker.ui.notes_panel import NotesPanel

    two = TwoMembers(pg_server)
    lib = open_either_library(tmp_path, two.alice_url)
    try:
        notes.add_note(lib, MIST, "Keep me.")
        panel = NotesPanel(lib)
        qtbot.addWidget(panel)
        panel.show()
        show_trial(qtbot, panel, MIST)
        _lock_out(pg_server, two.alice, out=True)
        seen: list[str] = []
        confirm = answer_message_box(QMessageBox.StandardButton.Yes, seen)
        panel.delete_note()  # asks, then writes on the database lane
        confirm.stop()
        assert panel.editor.isReadOnly()
        told = answer_message_box(QMessageBox.StandardButton.Ok, seen)
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=15_000)
        told.stop()
        assert seen[1].startswith("Could not delete the note:") and not panel.editor.isReadOnly()
        assert panel.editor.toPlainText() == "Keep me."
        _lock_out(pg_server, two.alice, out=False)
        assert [n.body for n in notes.notes(lib, MIST)] == ["Keep me."]
    finally:
        _lock_out(pg_server, two.alice, out=False)
        lib.close()
