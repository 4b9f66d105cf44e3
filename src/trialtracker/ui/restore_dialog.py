"""File ▸ Restore from a backup…: pick one of the library's backups (newest first) or another file.

Restoring replaces the whole library, so the window closes its library first and opens the restored
one in a new window (see :func:`trialtracker.ui.app.run_gui`); the library it replaces is kept as a
backup of its own ("before-restore"), so a restore can itself be undone the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trialtracker.services.backups import BackupFile
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP

INTRO = QT_TRANSLATE_NOOP(
    "RestoreDialog",
    "Restoring puts the chosen copy back as your library: trials, notes, tags and history as they were "
    "then. Your library as it is now is saved as a backup first, and the window opens again on the copy.",
)


def backup_label(backup: BackupFile) -> str:
    """``2026-12-05 08:30 · daily · 1.2 MB`` (the time the copy was written, the reason in its name)."""
    when = dt.datetime.fromtimestamp(backup.path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    found = re.search(r"-\d{8}-\d{6}(?:-\d+)?-(.+)$", backup.path.stem)  # name-date-time-µs-reason
    reason = (
        found.group(1).replace("-", " ") if found else QCoreApplication.translate("RestoreDialog", "copy")
    )
    if backup.size >= 100_000:
        size = QCoreApplication.translate("RestoreDialog", "{0} MB").format(f"{backup.size / 1_000_000:.1f}")
    else:
        size = QCoreApplication.translate("RestoreDialog", "{0} kB").format(backup.size // 1000)
    return f"{when} · {reason} · {size}"


class RestoreDialog(QDialog):
    """The backups newest first; ``chosen`` is the file to restore once the dialog is accepted."""

    def __init__(self, found: list[BackupFile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.resize(560, 380)
        self.chosen: Path | None = None
        intro = QLabel(self.tr(INTRO))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        for backup in reversed(found):
            item = QListWidgetItem(backup_label(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        empty = QLabel(
            self.tr("No backups yet: Trial Tracker makes one each day it is used, and File ▸ Back up now.")
        )
        empty.setTextFormat(Qt.TextFormat.PlainText)
        empty.setWordWrap(True)
        empty.setVisible(not found)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(found))
        other = QPushButton(self.tr("Other &file…"))
        other.setToolTip(
            self.tr("Restore a copy kept somewhere else (a .sqlite3 file made by Trial Tracker)")
        )
        other.clicked.connect(self._choose_file)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.chosen is None:
            item = self.list.currentItem()
            if item is None:
                return
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        super().accept()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a file"),
            "",
            self.tr("Trial Tracker library (*.sqlite3);;All files (*)"),
        )
        if path:
            self.chosen = Path(path)
            super().accept()
