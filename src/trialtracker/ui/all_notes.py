"""Every note of every trial in one searchable list (the "All notes…" dialog)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trialtracker.services import notes as note_service
from trialtracker.services.library import Library
from trialtracker.services.views import note_heading
from trialtracker.ui.topic_browser import SafeTextBrowser


def when(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class AllNotesDialog(QDialog):
    """Every note of every trial, searchable; double-click shows the trial.

    Signals:
        trialActivated(nct_id)
    """

    trialActivated = Signal(str)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("All notes — Trial Tracker"))
        self._lib = lib
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search all notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search all notes"))
        self.results = QListWidget()
        self.results.setObjectName("allNotes")
        self.results.setAccessibleName(self.tr("Notes found"))
        self.preview = SafeTextBrowser()
        self.preview.setAccessibleName(self.tr("The chosen note"))
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.results)
        split.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.results.currentItemChanged.connect(self._on_current)
        self.results.itemActivated.connect(self._on_activated)
        self.resize(720, 560)
        self.run_search()

    @Slot()
    def run_search(self) -> None:
        query = self.search.text().strip() or None
        rows = [(n.nct_id, n.body, n.updated_at) for n in note_service.notes(self._lib, query=query)]
        self.results.clear()
        for nct, body, updated in rows:
            item = QListWidgetItem(f"{nct}  ·  {note_heading(body)}  ·  {when(updated)}")
            item.setData(Qt.ItemDataRole.UserRole, nct)
            item.setData(Qt.ItemDataRole.UserRole + 1, body)
            self.results.addItem(item)
        if rows and query:
            said = self.tr("%n note(s) matching “{query}”", "", len(rows)).format(query=query)
        elif rows:
            said = self.tr("%n note(s)", "", len(rows))
        else:
            said = self.tr("No notes match.") if query else self.tr("No notes yet.")
        self.count.setText(said)
        if rows:
            self.results.setCurrentRow(0)
        else:
            self.preview.clear()

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.preview.setMarkdown("" if current is None else str(current.data(Qt.ItemDataRole.UserRole + 1)))

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.trialActivated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
