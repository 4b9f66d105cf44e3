"""Personal tags in the window (issue 17, item 3): the Tag… dialog offers "only for me" in a team library
(and only there), the sidebar and the table mark one's own tags, an undo gives a personal tag back as
personal, and the sidebar's "Share with the team" makes it the team's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.conftest import TwoMembers, open_either_library, open_test_library, show_trial
from tests.pg_server import PgServer
from tests.test_ui_window import answer_tag_dialog, sidebar_texts
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.services.listing import list_rows
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.sidebar import TAG_ROLE
from trialtracker.ui.tag_dialog import TagDialog
from trialtracker.ui.trial_model import COL_TAGS

MIST = "NCT00273364"


@pytest.fixture
def two(pg_server: PgServer) -> TwoMembers:
    return TwoMembers(pg_server)


def _window(qtbot: QtBot, lib: Library) -> MainWindow:
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading and window.tasks.busy is False, timeout=10_000)
    return window


def _run(qtbot: QtBot, window: MainWindow, step: object) -> None:
    with qtbot.waitSignal(window.tasks.idle, timeout=10_000):
        step()  # type: ignore[operator]


def _tags_cell(window: MainWindow) -> str:
    row = next(i for i in range(window.model.rowCount()) if window.model.row_at(i).nct_id == MIST)
    return str(window.model.index(row, COL_TAGS).data(Qt.ItemDataRole.DisplayRole))


def _tag_item(window: MainWindow, name: str) -> QTreeWidgetItem:
    tags_root = window.sidebar.topLevelItem(1)
    assert tags_root is not None
    items = [tags_root.child(i) for i in range(tags_root.childCount())]
    return next(item for item in items if item is not None and item.data(0, TAG_ROLE) == name)


def _bobs_tags(bob: Library) -> tuple[str, ...]:
    (row,) = list_rows(bob, [MIST])
    return row.tags


def test_a_member_tags_for_themselves_undoes_it_and_shares_it(qtbot: QtBot, two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        window = _window(qtbot, alice)
        show_trial(qtbot, window, MIST)
        window.act_tag.trigger()
        _run(qtbot, window, lambda: answer_tag_dialog(window, "hunch", personal=True))
        assert "hunch · only you  (1)" in sidebar_texts(window)
        assert _tags_cell(window) == "hunch (only you)"
        assert _bobs_tags(bob) == ()

        window.act_tag.trigger()  # take it off, and add a team tag
        _run(qtbot, window, lambda: answer_tag_dialog(window, "ask the nurse"))
        assert _tags_cell(window) == "ask the nurse" and _bobs_tags(bob) == ("ask the nurse",)
        _run(qtbot, window, window.act_undo.trigger)
        assert _tags_cell(window) == "hunch (only you)" and _bobs_tags(bob) == ()  # back, and still hers

        item = _tag_item(window, "hunch")
        menu = window.sidebar.tag_menu(item)
        assert menu is not None
        (share,) = menu.actions()
        assert share.text() == "Share with the team" and share.isEnabled()
        window._online_changed(False)  # offline: sharing waits like every other write
        offline_menu = window.sidebar.tag_menu(item)
        assert offline_menu is not None and not offline_menu.actions()[0].isEnabled()
        window._online_changed(True)
        _run(qtbot, window, share.trigger)
        assert "hunch  (1)" in sidebar_texts(window) and _tags_cell(window) == "hunch"
        assert _bobs_tags(bob) == ("hunch",)
        assert window.sidebar.tag_menu(_tag_item(window, "hunch")) is None  # the team's: nothing to share
        window.close()
    finally:
        alice.close()
        bob.close()


def test_a_personal_library_does_not_offer_only_for_me(qtbot: QtBot, data_dir: Path) -> None:
    lib = open_test_library(data_dir)
    try:
        window = _window(qtbot, lib)
        show_trial(qtbot, window, MIST)
        window.act_tag.trigger()
        dialog = window.findChild(TagDialog)
        assert dialog is not None and dialog.isVisible() and not dialog.only_me.isVisible()
        dialog.reject()
        qtbot.waitUntil(lambda: not window.tasks.busy)
        assert trials.require_detail(lib, MIST).tags == ()
        window.close()
    finally:
        lib.close()
