"""Edit ▸ Undo and Redo: removing, starring, tagging, reviewing and deleting a note can be taken back.

Each write is stored first (on the database lane), then pushed on the undo stack; undo and redo are
writes too. What comes back must be what was there: the stored detail is compared, not just the row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library, show_trial
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.services import notes, refresh, trials
from trialtracker.services.library import Library
from trialtracker.ui.main_window import MainWindow

MIST, HALT = "NCT00273364", "NCT00288626"


@pytest.fixture
def lib(ctgov_server: CtGovServer, data_dir: Path) -> Iterator[Library]:
    """MIST refreshed twice (so it has a history with an unreviewed change), starred, tagged, with a note."""
    ctgov_server.add(
        make_study(MIST, overall_status="RECRUITING"), make_study(HALT, overall_status="COMPLETED")
    )
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    refresh.refresh_library(lib, [MIST, HALT])
    ctgov_server.update(MIST, overall_status="COMPLETED", last_update_posted="2026-11-20")
    ctgov_server.data_timestamp = "2026-11-21T09:00:00"
    refresh.refresh_library(lib, [MIST], force=True)
    trials.star(lib, [MIST])
    trials.edit_tags(lib, [MIST], add=["ask nurse"])
    notes.add_note(lib, MIST, "Travel costs?")
    yield lib
    lib.close()


@pytest.fixture
def window(qtbot: QtBot, lib: Library, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Yes)
    win = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(win)
    win.show()
    return win


def _run(qtbot: QtBot, window: MainWindow, step: object) -> None:
    """Trigger an action (or call a function) and wait until its writes are stored and shown."""
    with qtbot.waitSignal(window.tasks.idle, timeout=10_000):
        step.trigger() if hasattr(step, "trigger") else step()  # type: ignore[operator, union-attr]


def test_removing_a_trial_is_undone_with_its_history_tags_star_and_links(
    qtbot: QtBot, window: MainWindow, lib: Library
) -> None:
    before = trials.require_detail(lib, MIST)
    assert before.unreviewed and before.starred and before.tags == ("ask nurse",)
    assert show_trial(qtbot, window, MIST)
    _run(qtbot, window, window.act_remove)
    assert window.model.find(MIST) is None and trials.detail(lib, MIST) is None
    assert window.act_undo.text() == f"Undo Remove {MIST}"
    assert window.banner.isVisible() and window.banner.undo_button.isVisible()
    assert window.banner.label.text() == f"Stopped tracking {MIST}."

    _run(qtbot, window, window.banner.undo_button.click)  # the banner's Undo is Edit ▸ Undo
    assert trials.require_detail(lib, MIST) == before, "everything stored comes back as it was"
    row = window.model.find(MIST)
    assert (
        row is not None
        and row.starred
        and row.tags == ("ask nurse",)
        and row.unreviewed == len(before.unreviewed)
    )
    assert not window.banner.isVisible()

    _run(qtbot, window, window.act_redo)
    assert window.model.find(MIST) is None and trials.detail(lib, MIST) is None
    _run(qtbot, window, window.act_undo)  # undo the redo: the rows kept by the redo come back
    assert trials.require_detail(lib, MIST) == before


def test_star_tag_and_review_are_undone_and_redone(qtbot: QtBot, window: MainWindow, lib: Library) -> None:
    trials.edit_tags(lib, [HALT], add=["shortlist"])
    _run(qtbot, window, lambda: window.trial_actions.reread([HALT]))
    _run(qtbot, window, lambda: window.trial_actions.set_starred([MIST, HALT], False))
    assert not trials.require_detail(lib, MIST).starred
    _run(qtbot, window, window.act_undo)
    assert trials.require_detail(lib, MIST).starred and not trials.require_detail(lib, HALT).starred

    # One tag edit over two trials with different tags: the undo gives each its own tags back.
    _run(
        qtbot,
        window,
        lambda: window.trial_actions.set_tags([MIST, HALT], ["too far"], ["ask nurse", "shortlist"]),
    )
    assert trials.require_detail(lib, MIST).tags == ("too far",) == trials.require_detail(lib, HALT).tags
    _run(qtbot, window, window.act_undo)
    assert trials.require_detail(lib, MIST).tags == ("ask nurse",)
    assert trials.require_detail(lib, HALT).tags == ("shortlist",)
    assert window.model.find(HALT).tags == ("shortlist",)  # type: ignore[union-attr]
    _run(qtbot, window, window.act_redo)
    assert trials.require_detail(lib, HALT).tags == ("too far",)

    new = len(trials.require_detail(lib, MIST).unreviewed)
    assert new
    _run(qtbot, window, lambda: window.trial_actions.mark_reviewed([MIST]))
    assert not trials.require_detail(lib, MIST).unreviewed
    assert window.act_undo.text() == f"Undo Mark {MIST} reviewed"
    _run(qtbot, window, window.act_undo)
    assert len(trials.require_detail(lib, MIST).unreviewed) == new
    assert window.model.find(MIST).unreviewed == new  # type: ignore[union-attr]


def test_a_deleted_note_comes_back_with_its_text_and_date(
    qtbot: QtBot, window: MainWindow, lib: Library
) -> None:
    (note,) = notes.notes(lib, MIST)
    assert show_trial(qtbot, window, MIST)
    window.right_tabs.setCurrentWidget(window.notes)
    assert window.notes.editor.toPlainText() == "Travel costs?"
    window.notes.delete_note()
    assert window.notes.editor.isReadOnly()  # stored on the database lane; nothing typed meanwhile is lost
    qtbot.waitUntil(lambda: window.act_undo.text() == "Undo Delete note “Travel costs?”", timeout=5_000)
    assert notes.notes(lib, MIST) == [] and not window.notes.editor.isReadOnly()
    window.act_undo.trigger()  # written on the database lane too, then the notes read again
    qtbot.waitUntil(lambda: window.notes.editor.toPlainText() == "Travel costs?" and not window.tasks.busy)
    (back,) = notes.notes(lib, MIST)
    assert (back.body, back.created_at, back.updated_at) == (note.body, note.created_at, note.updated_at)
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: window.notes.editor.toPlainText() == "" and not window.tasks.busy)
    assert notes.notes(lib, MIST) == []
