"""The main window's actions against a real store (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library, show_trial
from trialtracker.paths import DataPaths
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList
from trialtracker.store import trials as ops
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.tag_dialog import TagDialog

MIST = "NCT00273364"
HALT = "NCT00288626"
NEW_ID = "NCT09999901"


@pytest.fixture
def window(qtbot: QtBot, store: Library, paths: DataPaths) -> MainWindow:
    win = MainWindow(store, auto_refresh=False)
    qtbot.addWidget(win)
    win.show()
    return win


def test_add_via_store_then_reload_shows_the_trial(qtbot: QtBot, window: MainWindow, store: Library) -> None:
    trials.add(store, [NEW_ID])
    assert window.model.row_of(NEW_ID) < 0
    reloaded = window.reload()  # read on the read lane
    qtbot.waitUntil(lambda: reloaded.delivered)
    assert window.model.row_of(NEW_ID) >= 0
    assert show_trial(qtbot, window, NEW_ID)
    assert window.detail.nct_id == NEW_ID


def test_remove_through_the_action(
    qtbot: QtBot, window: MainWindow, store: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Yes)
    show_trial(qtbot, window, MIST)
    with qtbot.waitSignal(window.tasks.idle):  # the write runs in the background
        window.act_remove.trigger()
    assert window.model.row_of(MIST) < 0
    with store.transaction() as s:
        assert ops.get_trial(s, MIST) is None


def test_star_and_tag_through_the_actions(
    qtbot: QtBot, window: MainWindow, store: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    show_trial(qtbot, window, MIST)
    with qtbot.waitSignal(window.tasks.idle):  # the write runs in the background
        window.act_star.trigger()
    with store.transaction() as s:
        assert ops.require_trial(s, MIST).starred
    assert window.act_star.text() == "Unstar"
    window.select_smart_list(SmartList.STARRED)
    assert window.proxy.rowCount() == 1

    window.act_tag.trigger()
    with qtbot.waitSignal(window.tasks.idle):
        answer_tag_dialog(window, "ask nurse, shortlist")
    with store.transaction() as s:
        assert [t.name for t in ops.require_trial(s, MIST).tags] == ["ask nurse", "shortlist"]
    window.select_tag("shortlist")
    assert window.proxy.rowCount() == 1
    assert window.proxy.tag == "shortlist"


def test_typed_note_is_saved_when_the_window_closes(qtbot: QtBot, paths: DataPaths) -> None:
    store = open_test_library(paths.data_dir)
    win = MainWindow(store, auto_refresh=False)
    qtbot.addWidget(win)
    win.show()
    show_trial(qtbot, win, MIST)
    win.right_tabs.setCurrentWidget(win.notes)
    win.notes.editor.setFocus()
    qtbot.keyClicks(win.notes.editor, "Ask about the MRI schedule")
    win.close()  # before the 800 ms autosave fires
    store.close()

    reopened = open_test_library(paths.data_dir)
    try:
        with reopened.transaction() as s:
            assert [n.body for n in ops.notes(s, MIST)] == ["Ask about the MRI schedule"]
        win2 = MainWindow(reopened, auto_refresh=False)
        qtbot.addWidget(win2)
        show_trial(qtbot, win2, MIST)
        assert win2.notes.editor.toPlainText() == "Ask about the MRI schedule"
        assert win2.model.row_at(win2.model.row_of(MIST)).note_count == 1
        win2.close()
    finally:
        reopened.close()


def test_autosave_after_typing_stops(qtbot: QtBot, window: MainWindow, store: Library) -> None:
    show_trial(qtbot, window, MIST)
    qtbot.keyClicks(window.notes.editor, "first")
    qtbot.waitUntil(lambda: window.notes.current_note_id is not None, timeout=3000)
    with store.transaction() as s:
        assert [n.body for n in ops.notes(s, MIST)] == ["first"]
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=3000)  # the row's note count is re-read
    assert window.right_tabs.tabText(1) == "Notes (1)"


def test_topic_link_in_the_detail_pane_opens_the_topic_browser(qtbot: QtBot, window: MainWindow) -> None:
    show_trial(qtbot, window, MIST)
    window.detail.browser.anchorClicked.emit(QUrl("topic:hsct"))
    browser = window._topic_browser
    assert browser is not None and browser.isVisible()
    assert browser.current_key() == "hsct"
    qtbot.waitUntil(lambda: not browser.loading)
    assert MIST in " ".join(browser.linked.item(i).text() for i in range(browser.linked.count()))
    window.detail.badge.clicked.emit()
    assert browser.current_key() == "reading-a-trial"


def test_registry_text_is_shown_literally(qtbot: QtBot, window: MainWindow, store: Library) -> None:
    hostile = "<b>html</b><script>alert(1)</script> & <img src='http://example.com/x.png'>"
    trials.add(store, [NEW_ID])
    with store.transaction() as s:
        trial = ops.require_trial(s, NEW_ID)
        trial.brief_title = hostile
        trial.lead_sponsor = "<i>Sponsor</i>"
        trial.why_stopped = "<a href='https://evil.example'>click</a>"
        trial.conditions = ["<u>MS</u>"]
    reloaded = window.reload()  # read on the read lane
    qtbot.waitUntil(lambda: reloaded.delivered)
    show_trial(qtbot, window, NEW_ID)
    assert window.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert window.detail.title.text() == hostile
    body = window.detail.browser.toPlainText()
    assert "<a href='https://evil.example'>click</a>" in body
    assert "<u>MS</u>" in body
    assert "<i>Sponsor</i>" in window.detail.subtitle.text()
    assert window.model.row_at(window.model.row_of(NEW_ID)).title == hostile


def test_empty_states(qtbot: QtBot, window: MainWindow, store: Library) -> None:
    window.search.setText("zzz no such words")
    assert window.table_stack.currentWidget() is window.empty
    assert "No trials match" in window.empty_label.text()
    window.clear_filters()
    assert window.table_stack.currentWidget() is window.table
    with store.transaction() as s:
        ops.remove_trials(s, ops.tracked_ids(s))
    reloaded = window.reload()  # read on the read lane
    qtbot.waitUntil(lambda: reloaded.delivered)
    assert "No trials tracked" in window.empty_label.text()


def answer_tag_dialog(window: MainWindow, text: str, *, personal: bool = False) -> None:
    """Type ``text`` into the open Tag… dialog (ticking "only for me" if asked) and press OK."""
    dialog = window.findChild(TagDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.line.setText(text)
    if personal:
        assert dialog.only_me.isVisible()
        dialog.only_me.setChecked(True)
    dialog.accept()


def sidebar_texts(window: MainWindow) -> list[str]:
    flags = Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive
    return [item.text(0) for item in window.sidebar.findItems("", flags) if not item.isHidden()]


def status_box(window: MainWindow) -> list[str]:
    box = window.filters.status_filter
    return [box.itemText(i) for i in range(box.count())]


def test_writes_keep_the_sidebar_and_the_status_box_right(
    qtbot: QtBot, window: MainWindow, store: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction() as s:
        ops.require_trial(s, MIST).overall_status = "SUSPENDED"  # the only trial with this status
    reloaded = window.reload()  # read on the read lane
    qtbot.waitUntil(lambda: reloaded.delivered)
    tracked = window.model.tracked_count()
    assert f"All trials  ({tracked})" in sidebar_texts(window)
    assert "Suspended" in status_box(window)
    resets: list[str] = []
    window.model.modelReset.connect(lambda: resets.append("reset"))

    show_trial(qtbot, window, MIST)
    with qtbot.waitSignal(window.tasks.idle):
        window.act_star.trigger()
    assert "Starred  (1)" in sidebar_texts(window)

    window.act_tag.trigger()
    with qtbot.waitSignal(window.tasks.idle):
        answer_tag_dialog(window, "brand new")
    assert "brand new  (1)" in sidebar_texts(window)
    assert "No tags yet" not in sidebar_texts(window)
    window.select_tag("brand new")
    assert window.proxy.rowCount() == 1

    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Yes)
    show_trial(qtbot, window, MIST)
    with qtbot.waitSignal(window.tasks.idle):
        window.act_remove.trigger()
    texts = sidebar_texts(window)
    assert f"All trials  ({tracked - 1})" in texts and "Starred  (0)" in texts
    assert "brand new  (0)" in texts  # the tag stays, unused
    assert "Suspended" not in status_box(window)
    assert window.filters.count_label.text() == f"0 of {tracked - 1}"  # the tag "brand new" is still shown
    assert window.table_stack.currentWidget() is window.empty
    assert window.detail.nct_id is None and window.table.selected_ids() == []
    assert resets == [], "writes update rows in place"


def test_all_notes_searches_every_note_off_the_ui_thread(qtbot: QtBot, window: MainWindow, store: Library) -> None:
    from trialtracker.services import notes
    from trialtracker.ui.all_notes import AllNotesDialog

    notes.add_note(store, MIST, "Ask about the MRI schedule")
    notes.add_note(store, HALT, "Travel is paid by the site")
    dialog = AllNotesDialog(store, window, window.tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.searching)
    assert dialog.results.count() == 2 and dialog.count.text() == "2 notes"
    dialog.search.setText("mri")  # the search runs after a short pause in typing, on the read lane
    qtbot.waitUntil(lambda: dialog.results.count() == 1 and not dialog.searching)
    assert dialog.count.text() == "1 note matching “mri”"
    with qtbot.waitSignal(dialog.trialActivated) as activated:
        dialog.results.itemActivated.emit(dialog.results.item(0))
    assert activated.args == [MIST]


def test_a_star_does_not_draw_the_page_again_but_a_tag_does(qtbot: QtBot, window: MainWindow) -> None:
    """The star is not on the trial page: starring the trial shown leaves the page as it is (no read, no
    10–20 ms redraw for nothing); a tag is on the page, so a tag draws it again."""
    assert show_trial(qtbot, window, MIST)
    drawn: list[int] = []
    window.detail.browser.textChanged.connect(lambda: drawn.append(1))
    with qtbot.waitSignal(window.tasks.idle):
        window.trial_actions.set_starred([MIST], True)
    qtbot.waitUntil(lambda: not window.detail.loading and not window.tasks.busy)
    assert window.model.find(MIST).starred and drawn == []  # type: ignore[union-attr]
    with qtbot.waitSignal(window.tasks.idle):
        window.trial_actions.set_tags([MIST], ["ask nurse"])
    qtbot.waitUntil(lambda: not window.detail.loading and not window.tasks.busy)
    assert drawn and "tags: ask nurse" in window.detail.browser.toPlainText()


def test_back_to_the_trial_shown_before_a_slow_read_shows_its_page(qtbot: QtBot, window: MainWindow) -> None:
    """A → B (B slow: "Reading B…") → back to A before B answers: A's page comes back, though A's data did
    not change (the "nothing changed, draw nothing" shortcut must not leave the placeholder up)."""
    pane = window.detail
    assert show_trial(qtbot, window, MIST)
    pane.set_trial(HALT)
    pane._show_reading()  # as after 250 ms without B's answer
    assert pane.header.isHidden() and "Reading NCT00288626" in pane.empty.text()
    pane.set_trial(MIST)
    qtbot.waitUntil(lambda: not pane.loading)
    assert not pane.header.isHidden() and pane.nct_id == MIST and "MIST" in pane.subtitle.text()
