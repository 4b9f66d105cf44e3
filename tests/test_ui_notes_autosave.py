"""Notes autosave: a typing pause saves, and so does typing that never pauses."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from tests.conftest import show_trial
from trialtracker.services import notes, trials
from trialtracker.services.library import Library
from trialtracker.ui.notes_panel import AUTOSAVE_MAX_WAIT_MS, AUTOSAVE_MS, NotesPanel

NCT = "NCT09999941"


def _panel(qtbot: QtBot, lib: Library) -> NotesPanel:
    trials.add(lib, [NCT])
    panel = NotesPanel(lib)
    qtbot.addWidget(panel)
    show_trial(qtbot, panel, NCT)
    return panel


def test_continuous_typing_is_saved_at_least_every_few_seconds(qtbot: QtBot, library: Library) -> None:
    panel = _panel(qtbot, library)
    typed = ""
    saved_at: list[float] = []
    started = time.monotonic()
    while time.monotonic() - started < 5.0:  # a key every 200 ms: never the 800 ms pause
        panel.editor.insertPlainText("a")
        typed += "a"
        qtbot.wait(200)
        bodies = [n.body for n in notes.notes(library, NCT)]
        if bodies and not saved_at:
            saved_at.append(time.monotonic() - started)
            assert len(bodies) == 1 and typed.startswith(bodies[0]) and bodies[0]
    assert saved_at, "five seconds of typing and nothing saved"
    # The bound is 3 s; the slack is for a loaded machine (each loop step also reads the database).
    assert saved_at[0] <= AUTOSAVE_MAX_WAIT_MS / 1000 + 1.5


def test_a_typing_pause_still_saves_soon(qtbot: QtBot, library: Library) -> None:
    panel = _panel(qtbot, library)
    panel.editor.insertPlainText("short")
    assert notes.notes(library, NCT) == []
    qtbot.waitUntil(
        lambda: [n.body for n in notes.notes(library, NCT)] == ["short"], timeout=AUTOSAVE_MS + 1500
    )
    # The max-wait timer is not left running after that save: nothing more to write, nothing written.
    before = notes.notes(library, NCT)[0].updated_at
    qtbot.wait(AUTOSAVE_MAX_WAIT_MS + 300)
    assert notes.notes(library, NCT)[0].updated_at == before


def test_the_editor_opens_the_note_the_list_marks(qtbot: QtBot, library: Library) -> None:
    """With several notes, the newest is marked in the list and is the one in the editor (it once showed
    the oldest while marking the newest: typing then changed a note the user was not looking at)."""
    notes.add_note(library, "NCT00273364", "the first note")
    newest = notes.add_note(library, "NCT00273364", "the newest note")
    panel = _panel(qtbot, library)
    show_trial(qtbot, panel, "NCT00273364")
    current = panel.list.currentItem()
    assert current is not None and current.text().startswith("the newest note")
    assert panel.editor.toPlainText() == "the newest note"
    assert panel._session is not None and panel._session.note_id == newest.id


def test_typing_goes_on_where_it_was_after_the_first_save(qtbot: QtBot, library: Library) -> None:
    """The first save of a new note reads the notes again; the text and the cursor stay as the typist left
    them (typing on after the pause continues the sentence: before the read lane it went in front of it)."""
    panel = _panel(qtbot, library)
    panel.editor.setFocus()
    qtbot.keyClicks(panel.editor, "Ask about travel")
    qtbot.waitUntil(lambda: panel.current_note_id is not None and not panel.loading, timeout=5_000)
    assert [n.body for n in notes.notes(library, NCT)] == ["Ask about travel"]
    qtbot.keyClicks(panel.editor, " costs")
    assert panel.editor.toPlainText() == "Ask about travel costs"
    assert panel.editor.textCursor().position() == len("Ask about travel costs")
