"""Keyboard and assistive tech in every dialog (issue 15 item 4): Tab goes round each dialog and comes
back, reaches every control a mouse could use, and each stop has a name a screen reader says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trialtracker.services import backups, discovery, trials
from trialtracker.services.library import Library
from trialtracker.ui.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
               QPlainTextEdit)  # fmt: skip


def _open(window: MainWindow, lib: Library, which: str) -> QDialog:
    """The dialog ``which``, opened the way the window opens it (or built as it builds it)."""
    from trialtracker.ui.about import AboutDialog
    from trialtracker.ui.add_dialog import AddTrialsDialog
    from trialtracker.ui.all_notes import AllNotesDialog
    from trialtracker.ui.discover_dialog import DiscoverDialog
    from trialtracker.ui.history_dialog import HistoryDialog
    from trialtracker.ui.preferences import PreferencesDialog
    from trialtracker.ui.restore_dialog import RestoreDialog
    from trialtracker.ui.watch_form import WatchForm

    detail = trials.detail(lib, "NCT00273364")
    assert detail is not None
    build: dict[str, Callable[[], QDialog]] = {
        "preferences": lambda: PreferencesDialog(lib, window),
        "add": lambda: AddTrialsDialog(window),
        "discover": lambda: DiscoverDialog(window.data, window, runner=window.tasks),
        "watches": window.watches.manage,
        "watch form": lambda: WatchForm(discovery.list_watches(lib)[0], window),
        "topics": window.show_topics,
        "history": lambda: HistoryDialog(detail, window),
        "restore": lambda: RestoreDialog(backups.list_backups(lib.settings), window),
        "all notes": lambda: AllNotesDialog(lib, window),
        "about": lambda: AboutDialog(lib.paths, window),
    }
    return build[which]()


def _reachable(dialog: QDialog) -> list[QWidget]:
    """Controls a mouse could use: visible, enabled, taking focus by Tab."""
    return [w for w in dialog.findChildren(QWidget)
            if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled() and w.window() is dialog
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]  # fmt: skip


def _walk(dialog: QDialog, key: Qt.Key, stops: int = 120) -> list[QWidget]:
    start = QApplication.focusWidget()
    assert start is not None and start.window() is dialog
    passed = [start]
    for _ in range(stops):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, key)
        QApplication.processEvents()
        now = QApplication.focusWidget()
        assert now is not None and now.window() is dialog, "focus left the dialog"
        if now is start:
            return passed
        passed.append(now)
    raise AssertionError(f"Tab never came back: {[type(w).__name__ for w in passed[-5:]]}")


def _spoken(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


DIALOGS = ["preferences", "add", "discover", "watches", "watch form", "topics", "history", "restore",
           "all notes", "about"]  # fmt: skip


@pytest.mark.parametrize("which", DIALOGS)
def test_tab_goes_round_every_dialog_and_every_stop_has_a_name(
    qtbot: QtBot, store: Library, which: str
) -> None:
    discovery.add_watch(store, "MSC open", "multiple sclerosis", "mesenchymal", "recruiting")
    backups.backup_now(store.settings)
    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    dialog = _open(window, store, which)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: window.tasks.busy is False, timeout=10_000)
    QApplication.processEvents()
    if QApplication.focusWidget() is None or QApplication.focusWidget().window() is not dialog:
        dialog.focusNextChild()
    forward = _walk(dialog, Qt.Key.Key_Tab)
    nameless = [type(w).__name__ for w in forward if not _spoken(w)]
    assert not nameless, f"{which}: stops without a name: {nameless}"
    missed = [f"{type(w).__name__} {_spoken(w)!r}" for w in _reachable(dialog) if w not in forward]
    assert not missed, f"{which}: Tab never reaches {missed}"
    backward = _walk(dialog, Qt.Key.Key_Backtab)
    assert set(backward) == set(forward), f"{which}: Shift+Tab visits other widgets than Tab"
    dialog.close()
