"""File ▸ Restore from a backup…: the window closes its library, the app restores the copy and opens a
new window on it; a file that cannot be restored is refused before anything closes."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library
from tests.test_gui_bad_data import read_the_next_message_box
from trialtracker.paths import DataPaths
from trialtracker.services import backups, listing, trials
from trialtracker.services.settings import load_settings
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.restore_dialog import backup_label

MIST = "NCT00273364"


def _windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def _when(ready: Callable[[], bool], then: Callable[[], None], deadline_ms: int = 15_000) -> None:
    """Call ``then`` once ``ready()`` holds (checked every 50 ms while the app runs)."""
    left = [deadline_ms // 50]

    def check() -> None:
        left[0] -= 1
        if ready():
            then()
        elif left[0] > 0:
            QTimer.singleShot(50, check)
        else:
            for window in _windows():
                window.close()

    QTimer.singleShot(50, check)


@pytest.fixture
def gui_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_gui installs the crash handler: give the hooks back after the test."""
    from trialtracker.ui import crash

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield None
    crash.uninstall_crash_handler()


def test_restoring_a_backup_reopens_the_window_on_it_and_keeps_the_replaced_library(
    qtbot: QtBot, paths: DataPaths, gui_hooks: None
) -> None:
    from trialtracker.ui.app import run_gui

    lib = open_test_library(paths.data_dir)
    trials.star(lib, [MIST])
    settings = lib.settings
    copy = backups.backup_now(settings)  # the copy has MIST starred
    trials.star(lib, [MIST], starred=False)
    trials.edit_tags(lib, [MIST], add=["after the copy"])
    lib.close()
    seen: dict[str, object] = {}

    def restore_in_first_window() -> None:
        (first,) = _windows()
        seen["first"] = first
        assert first.files.restore_from(copy)
        _when(lambda: any(w is not first for w in _windows()), look_at_second_window)

    def look_at_second_window() -> None:
        (second,) = _windows()
        qtbot.waitUntil(lambda: second.model.find(MIST) is not None, timeout=5_000)
        row = second.model.find(MIST)
        seen["starred"], seen["tags"] = row.starred, row.tags  # type: ignore[union-attr]
        seen["message"] = second.statusBar().currentMessage()
        second.close()

    _when(lambda: len(_windows()) == 1, restore_in_first_window)
    assert run_gui(load_settings(data_dir=paths.data_dir)) == 0
    assert (seen["starred"], seen["tags"]) == (True, ())
    message = str(seen["message"])
    assert message.startswith(f"Note: restored {copy.name}; your library as it was is kept in ")
    kept = [b for b in backups.list_backups(settings) if b.path.stem.endswith("before-restore")]
    assert len(kept) == 1 and str(kept[0].path) in message
    assert backup_label(kept[0]).split(" · ")[1] == "before restore"  # as the Restore dialog lists it
    lib = open_test_library(paths.data_dir)  # what the window showed is what is stored
    try:
        row = next(r for r in listing.list_rows(lib) if r.nct_id == MIST)
        assert row.starred and row.tags == ()
    finally:
        lib.close()


def test_a_file_that_is_not_a_library_is_refused_and_the_window_stays(
    qtbot: QtBot, paths: DataPaths, tmp_path: Path, gui_hooks: None
) -> None:
    open_test_library(paths.data_dir).close()
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("a shopping list, not a database\n", encoding="utf-8")
    window = MainWindow(open_test_library(paths.data_dir), auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    seen = read_the_next_message_box()
    requests: list[object] = []
    window.files.restoreRequested.connect(requests.append)
    assert not window.files.restore_from(bogus)
    assert requests == [] and window.isVisible() and window.restore_request is None
    assert seen["title"] == "Restore" and str(bogus) in seen["text"]
    window.close()
    window.lib.close()
