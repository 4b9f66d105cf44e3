"""Adding trials through the real dialog, and topic/notes text that must stay inert."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import show_trial
from tests.ctgov_server import CtGovServer
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.services.settings import load_settings
from trialtracker.store import trials as ops
from trialtracker.ui.add_dialog import AddTrialsDialog
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.safe_browser import SafeTextBrowser


def test_add_trials_dialog_from_the_window_tracks_valid_ids_only(
    qtbot: QtBot, store: Library, paths: DataPaths, ctgov_server: CtGovServer
) -> None:
    ctgov_server.add_generated("NCT09999901", "NCT09999902")
    store.settings = load_settings(data_dir=paths.data_dir, api_url=ctgov_server.url, pace=0)
    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, list[str]] = {}

    def fill_and_accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddTrialsDialog)
        dialog.set_text("Please track NCT09999901, nct9999902 and NCT12AB (typo)")
        seen["ids"], seen["invalid"] = dialog.ids(), dialog.invalid()
        dialog.accept()

    QTimer.singleShot(0, fill_and_accept)
    window.add_trials_dialog()
    # The write runs on the database lane (the window's reads may end first: no waiting for "idle").
    qtbot.waitUntil(lambda: window.model.find("NCT09999902") is not None, timeout=20_000)
    assert seen["ids"] == ["NCT09999901", "NCT09999902"]
    assert seen["invalid"] == ["NCT12AB"]
    with store.transaction() as s:
        assert {"NCT09999901", "NCT09999902"} <= set(ops.tracked_ids(s))
    # New trials are fetched in the background; wait for that refresh to finish.
    qtbot.waitUntil(lambda: not window.refresher.running, timeout=20_000)
    with store.transaction() as s:
        assert ops.require_trial(s, "NCT09999901").last_refreshed is not None
    assert show_trial(qtbot, window, "NCT09999902")


def test_safe_text_browser_never_loads_remote_images(qtbot: QtBot, ctgov_server: CtGovServer) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    image = f"{ctgov_server.root}/tracker.png"
    browser.setMarkdown(f"# Note\n\n![pixel]({image})\n\n<img src='{image}'>\n\n[a link]({image})")
    browser.show()
    qtbot.wait(300)
    placeholder = browser.loadResource(int(QTextDocument.ResourceType.ImageResource), QUrl(image))
    assert isinstance(placeholder, QImage) and placeholder.size() == QSize(1, 1)  # a blank, never the image
    assert ctgov_server.requests == [], "a remote image was fetched"


def test_search_on_a_big_list_filters_on_every_keystroke(
    qtbot: QtBot, store: Library, paths: DataPaths
) -> None:
    """No debounce at any size: each key shows its result at once (the proxy narrows what it shows)."""
    from trialtracker.services.listing import TrialRow

    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.model.set_rows([TrialRow(nct_id=f"NCT{i:08d}", title=f"Trial {i}") for i in range(1, 12_001)])
    window.search.setText("NCT0000004")
    assert window.proxy.rowCount() == 10  # NCT00000040 … NCT00000049
    window.search.setText("NCT00000042")
    assert window.proxy.rowCount() == 1
    window.search.setText("")
    assert window.proxy.rowCount() == 12_000
