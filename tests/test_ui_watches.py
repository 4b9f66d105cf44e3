"""Watches ▸ Manage saved searches…: list, run, remove, and the candidates they find, in the window.

The registry is the local test server; the window runs as the app runs it (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.conftest import open_test_library
from tests.ctgov_server import CtGovServer, Fault, make_study
from trialtracker.services import discovery
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.watches import COL_LAST_RUN, COL_NAME, COL_NEW, COL_STATUSES, WatchesDialog

MSC_TITLE = "Mesenchymal stem cells in progressive MS"


@pytest.fixture
def lib(ctgov_server: CtGovServer, data_dir: Path) -> Iterator[Library]:
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    yield lib
    lib.close()


@pytest.fixture
def window(qtbot: QtBot, lib: Library) -> MainWindow:
    win = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(win)
    win.show()
    return win


def _dialog(qtbot: QtBot, window: MainWindow) -> WatchesDialog:
    with qtbot.waitSignal(window.tasks.idle, timeout=10_000):
        window.act_watches.trigger()
    dialog = window.watches.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_saved_searches_are_listed_run_and_removed_in_the_window(
    qtbot: QtBot, window: MainWindow, lib: Library, ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    discovery.add_watch(lib, "MSC <b>trials</b>", "multiple sclerosis", "mesenchymal", "recruiting")
    ctgov_server.add(
        make_study(
            "NCT07000001",
            brief_title=MSC_TITLE,
            overall_status="RECRUITING",
            conditions=["Multiple Sclerosis"],
            interventions=[{"type": "BIOLOGICAL", "name": "Mesenchymal stromal cells"}],
        )
    )
    dialog = _dialog(qtbot, window)
    item = dialog.tree.topLevelItem(0)
    assert item is not None and dialog.tree.topLevelItemCount() == 1
    assert item.text(COL_NAME) == "MSC <b>trials</b>"  # a name is text, never markup
    assert (item.text(COL_STATUSES), item.text(COL_LAST_RUN), item.text(COL_NEW)) == (
        "Recruiting",
        "never",
        "0",
    )
    assert not dialog.candidates_button.isEnabled()

    with qtbot.waitSignal(dialog.listed, timeout=15_000):  # run on the network lane, then read again
        dialog.run_button.click()
    qtbot.waitUntil(lambda: window.model.find("NCT07000001") is not None, timeout=10_000)
    row = window.model.find("NCT07000001")
    assert row is not None and row.candidate and row.title == MSC_TITLE
    item = dialog.tree.topLevelItem(0)
    assert item is not None and item.text(COL_NEW) == "1" and "1 found" in item.text(COL_LAST_RUN)
    assert window.statusBar().currentMessage() == "Saved searches found 1 new candidate"
    assert ctgov_server.studies_requests()[-1].params["query.intr"] == "mesenchymal"

    dialog.candidates_button.click()  # the window shows its "New candidates" list
    assert window.proxy.smart_list is SmartList.CANDIDATES
    assert window.table.proxy_index("NCT07000001").isValid()

    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        dialog.remove_button.click()
    qtbot.waitUntil(lambda: window.model.find("NCT07000001") is None, timeout=10_000)
    assert discovery.list_watches(lib) == [] and dialog.empty.isVisible()
    assert not dialog.run_button.isEnabled()


def test_a_failed_run_says_so_and_keeps_the_watch(
    qtbot: QtBot, window: MainWindow, lib: Library, ctgov_server: CtGovServer
) -> None:
    discovery.add_watch(lib, "broken", "multiple sclerosis", None, None)
    ctgov_server.inject(Fault.bad_request("The query.cond parameter is malformed", path="/studies"))
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.listed, timeout=15_000):
        window.act_run_watches.trigger()
    item = dialog.tree.topLevelItem(0)
    assert item is not None and "failed" in item.text(COL_LAST_RUN) and "malformed" in item.text(COL_LAST_RUN)
    message = window.statusBar().currentMessage()
    assert message.startswith("No new candidates; 1 search failed: broken: ") and "malformed" in message
    assert [w.name for w in discovery.list_watches(lib)] == ["broken"]


def test_a_saved_search_is_edited_in_a_form_and_a_refusal_keeps_the_typed_values(
    qtbot: QtBot, window: MainWindow, lib: Library, ctgov_server: CtGovServer
) -> None:
    discovery.add_watch(lib, "MSC open", "multiple sclerosis", "mesenchymal", "recruiting")
    discovery.add_watch(lib, "HSCT", "multiple sclerosis", "transplant", None)
    dialog = _dialog(qtbot, window)
    assert dialog.selected_name() == "HSCT" and dialog.edit_button.isEnabled()
    dialog.tree.topLevelItem(1).setSelected(True)  # "MSC open" (the list is sorted by name)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    form = dialog.edit_selected()
    assert form is not None and form.name.text() == "MSC open"
    assert form.statuses.selected() == ["RECRUITING"] and form.intervention.text() == "mesenchymal"

    form.name.setText("HSCT")  # taken: refused, the form stays open with what was typed
    form.intervention.setText("mesenchymal OR stromal")
    form.accept()
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=10_000)
    assert "already exists" in form.error.text() and form.isVisible() and form.isEnabled()
    assert form.intervention.text() == "mesenchymal OR stromal"

    form.name.setText("MSC any status")
    form.statuses.select([])
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        form.buttons.button(form.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not isValid(form), timeout=5_000)  # closed and deleted
    watches = {w.name: w for w in discovery.list_watches(lib)}
    assert set(watches) == {"HSCT", "MSC any status"}
    edited = watches["MSC any status"]
    assert (edited.intr, edited.statuses, edited.cond) == ("mesenchymal OR stromal", (), "multiple sclerosis")
    names = [dialog.tree.topLevelItem(i).text(COL_NAME) for i in range(dialog.tree.topLevelItemCount())]
    assert names == ["HSCT", "MSC any status"]
    assert window.statusBar().currentMessage() == "Saved the search “MSC any status”"

    # The edited search is what runs next.
    with qtbot.waitSignal(dialog.listed, timeout=15_000):
        dialog.run_button.click()
    intr = {r.params.get("query.intr") for r in ctgov_server.studies_requests()}
    assert "mesenchymal OR stromal" in intr and "mesenchymal" not in intr
