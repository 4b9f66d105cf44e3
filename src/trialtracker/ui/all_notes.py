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
from trialtracker.ui.safe_browser import SafeTextBrowser
from trialtracker.ui.tasks import Lane, TaskContext, TaskRunner, expected_failure


def when(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class AllNotesDialog(QDialog):
    """Every note of every trial, searchable; double-click shows the trial.

    Signals:
        trialActivated(nct_id)
    """

    trialActivated = Signal(str)

    def __init__(self, lib: Library, parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("All notes — Trial Tracker"))
        self._lib = lib
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self._asked = 0  # searches asked for: only the latest one's answer is shown
        self._searching = False
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

    @property
    def searching(self) -> bool:
        """A search is being run (on the task runner's read lane)."""
        return self._searching

    @Slot()
    def run_search(self) -> None:
        """Search the notes on the read lane; the list shows the latest search's answer when it comes."""
        query = self.search.text().strip() or None
        self._asked += 1
        asked = self._asked
        self._searching = True

        def search(_ctx: TaskContext) -> list[tuple[str, str, dt.datetime]]:
            return [(n.nct_id, n.body, n.updated_at) for n in note_service.notes(self._lib, query=query)]

        self.tasks.submit(search, lane=Lane.READ, name="search the notes",
                          on_done=lambda rows: self._found(asked, query, rows),
                          on_error=lambda exc: self._not_found(asked, exc))  # fmt: skip

    def _not_found(self, asked: int, exc: Exception) -> None:
        expected_failure(exc)  # a bug goes to the crash handler
        if asked == self._asked:
            self._searching = False
            self.count.setText(self.tr("The notes could not be read: {error}").format(error=exc))

    def _found(self, asked: int, query: str | None, rows: list[tuple[str, str, dt.datetime]]) -> None:
        if asked != self._asked:  # typed on meanwhile: a newer search is coming
            return
        self._searching = False
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
