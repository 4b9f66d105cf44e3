"""Notes in the window under real faults (issue 12, item 1): a failed save never writes into
another trial's note, keeps the text (in the editor and in a recovery file) with a persistent
"Not saved" line and Retry, survives moving to another trial, is asked about on close and is
offered back at the next start; a locked database never freezes the window; the log never
receives the note's text."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library, show_trial
from tests.note_faults import answer_message_box, break_note_writes, hold_write_lock, mend_note_writes
from trialtracker.paths import DataPaths
from trialtracker.services import note_recovery, notes, trials
from trialtracker.services.library import Library
from trialtracker.ui import crash
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.notes_panel import NotesPanel

A = "NCT09999951"
B = "NCT09999952"


def _bodies(lib: Library, nct: str) -> list[str]:
    return [n.body for n in notes.notes(lib, nct)]


def _panel(qtbot: QtBot, lib: Library) -> NotesPanel:
    trials.add(lib, [A, B])
    notes.add_note(lib, A, "A: stored")
    notes.add_note(lib, B, "B: stored")
    panel = NotesPanel(lib)
    qtbot.addWidget(panel)
    panel.show()
    show_trial(qtbot, panel, A)
    return panel


def _type(panel: NotesPanel, text: str) -> None:
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    panel.editor.insertPlainText(text)


def test_a_failed_save_keeps_the_text_says_so_until_saved_and_keeps_a_recovery_file(
    qtbot: QtBot, library: Library
) -> None:
    panel = _panel(qtbot, library)
    break_note_writes(library)
    _type(panel, " + typed while the disk was full")
    panel.save_now()
    session = panel.session
    assert session is not None
    qtbot.waitUntil(lambda: session.error is not None, timeout=5000)

    assert panel.editor.toPlainText() == "A: stored + typed while the disk was full"
    assert panel.state.text().startswith("Not saved: the disk is full")
    assert panel.retry_button.isVisible()
    assert _bodies(library, A) == ["A: stored"] and _bodies(library, B) == ["B: stored"]
    kept = note_recovery.kept_notes(library.paths)
    assert [k.edit.body for k in kept] == ["A: stored + typed while the disk was full"]
    assert session.kept == kept[0].path and kept[0].path.parent == library.paths.unsaved_notes_dir

    qtbot.wait(300)  # more typing on a failed note: the line stays until a save works
    _type(panel, "!")
    assert panel.state.text().startswith("Not saved")

    mend_note_writes(library)
    panel.retry_button.click()
    qtbot.waitUntil(
        lambda: _bodies(library, A) == ["A: stored + typed while the disk was full!"], timeout=5000
    )
    qtbot.waitUntil(lambda: not panel.retry_button.isVisible(), timeout=2000)
    assert panel.state.text().startswith("Saved")
    assert note_recovery.kept_notes(library.paths) == []  # stored: the recovery file is gone


def test_moving_to_another_trial_never_replaces_unsaved_text_or_writes_into_its_note(
    qtbot: QtBot, library: Library
) -> None:
    panel = _panel(qtbot, library)
    failed: list[int] = []
    panel.failedChanged.connect(failed.append)
    break_note_writes(library)
    _type(panel, " + unsaved")
    show_trial(qtbot, panel, B)  # the failed save of A's text must not land in B's note
    assert panel.editor.toPlainText() == "B: stored"
    qtbot.waitUntil(lambda: failed and failed[-1] == 1, timeout=5000)
    _type(panel, " + also unsaved")
    panel.save_now()
    qtbot.waitUntil(lambda: failed[-1] == 2, timeout=5000)
    assert _bodies(library, A) == ["A: stored"] and _bodies(library, B) == ["B: stored"]

    show_trial(qtbot, panel, A)  # the unsaved text comes back with its trial, still marked
    assert panel.editor.toPlainText() == "A: stored + unsaved"
    assert panel.state.text().startswith("Not saved")

    qtbot.waitUntil(lambda: not panel.saver.busy)  # (leaving B started one more try)
    mend_note_writes(library)
    panel.retry()
    qtbot.waitUntil(lambda: failed[-1] == 0, timeout=5000)
    assert _bodies(library, A) == ["A: stored + unsaved"]
    assert _bodies(library, B) == ["B: stored + also unsaved"]
    assert note_recovery.kept_notes(library.paths) == []


def test_a_save_is_keyed_by_trial_and_note_and_never_overwrites_a_change_made_elsewhere(
    qtbot: QtBot, library: Library
) -> None:
    panel = _panel(qtbot, library)
    b_note = notes.notes(library, B)[0]
    # An edit of A that names B's note (a stale id) goes to a new note of A; B is untouched.
    outcome = note_recovery.save_edit(library, note_recovery.NoteEdit(A, b_note.id, "for A", "B: stored"))
    assert outcome.saved and outcome.conflict
    assert _bodies(library, B) == ["B: stored"] and _bodies(library, A) == ["A: stored", "for A"]

    show_trial(qtbot, panel, B)
    session = panel.session
    assert session is not None and session.note_id == b_note.id
    notes.save_note(library, B, b_note.id, "B: changed from the command line")
    _type(panel, " + from the window")
    panel.save_now()
    qtbot.waitUntil(lambda: len(_bodies(library, B)) == 2, timeout=5000)
    assert _bodies(library, B) == ["B: changed from the command line", "B: stored + from the window"]
    qtbot.waitUntil(lambda: "conflict copy" in panel.state.text(), timeout=2000)


def test_a_locked_database_does_not_freeze_the_window(qtbot: QtBot, library: Library) -> None:
    panel = _panel(qtbot, library)
    other = hold_write_lock(library)
    try:
        _type(panel, " + typed while another program writes")
        panel.save_now()
        clock = QElapsedTimer()
        clock.start()
        gaps: list[int] = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(20)
        qtbot.wait(1500)
        timer.stop()
        session = panel.session
        assert session is not None and session.saving  # still waiting for the lock, in the background
        assert panel.state.text() == "Saving…"
        assert len(gaps) > 20 and max(gaps) < 400, f"the event loop stalled: {max(gaps)} ms"
    finally:
        other.rollback()
        other.close()
    qtbot.waitUntil(
        lambda: _bodies(library, A) == ["A: stored + typed while another program writes"], timeout=12_000
    )


def test_closing_with_unsaved_text_asks_and_the_next_start_offers_it_back(
    qtbot: QtBot, paths: DataPaths
) -> None:
    lib = open_test_library(paths.data_dir)
    trials.add(lib, [A])
    win = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(win)
    win.show()
    assert show_trial(qtbot, win, A)
    break_note_writes(lib)
    win.notes.editor.setFocus()
    qtbot.keyClicks(win.notes.editor, "Question for the MS nurse")

    seen: list[str] = []
    answer_message_box(QMessageBox.StandardButton.Cancel, seen)
    assert not win.close()  # asked, and the user stayed
    assert "could not be saved" in seen[0] and "the disk is full" in seen[0]
    assert win.isVisible() and win.notes.editor.toPlainText() == "Question for the MS nurse"
    status_button = win.statusBar().findChild(QPushButton, "unsavedNotes")
    assert status_button is not None and status_button.isVisible()
    assert status_button.text() == "1 note not saved — Retry"

    answer_message_box(QMessageBox.StandardButton.Close, seen)
    assert win.close()
    assert "offered the next time" in seen[1]
    mend_note_writes(lib)
    lib.close()

    reopened = open_test_library(paths.data_dir)
    try:
        assert _bodies(reopened, A) == []
        win2 = MainWindow(reopened, auto_refresh=False, remember=False)
        qtbot.addWidget(win2)
        win2.show()
        qtbot.waitUntil(lambda: win2.kept_notes.box is not None and win2.kept_notes.box.isVisible())
        box = win2.kept_notes.box
        assert box is not None and f"{A}: Question for the MS nurse" in box.text()
        restore = next(b for b in box.buttons() if b.text() == "Restore")
        with qtbot.waitSignal(win2.kept_notes.restored, timeout=5000):
            restore.click()
        assert _bodies(reopened, A) == ["Question for the MS nurse"]
        assert note_recovery.kept_notes(reopened.paths) == []
        assert "Restored 1 kept note" in win2.statusBar().currentMessage()
        win2.close()
    finally:
        reopened.close()


def test_the_log_never_receives_the_note_text(qtbot: QtBot, library: Library, tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "trialtracker.log"
    crash.install_crash_handler(log_file)
    try:
        panel = _panel(qtbot, library)
        break_note_writes(library)
        secret = "my EDSS went from 3.5 to 6 — private " + str(time.time())
        _type(panel, secret)
        panel.save_now()
        qtbot.waitUntil(lambda: panel.session is not None and panel.session.error is not None, timeout=5000)
    finally:
        crash.uninstall_crash_handler()
    logged = log_file.read_text(encoding="utf-8")
    assert "not saved: DatabaseError" in logged  # the kind and the ids are logged …
    assert A in logged
    assert "EDSS" not in logged and "private" not in logged  # … never the text
