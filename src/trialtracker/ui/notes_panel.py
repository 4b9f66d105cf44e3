"""Personal notes on a trial: a list, a Markdown editor with a safe preview, and autosave.

Autosave fires 800 ms after typing stops, and at least every 3 s while typing
goes on without such a pause; also on focus-out, when another trial is selected,
when the window closes and when the application quits, so text that was typed
is never lost. Nothing is written for a new note that is still empty.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services import notes as note_service
from trialtracker.services.library import Library
from trialtracker.ui.plain import ask, warn
from trialtracker.ui.topic_browser import SafeTextBrowser

log = logging.getLogger(__name__)

AUTOSAVE_MS = 800  # after the last keystroke
AUTOSAVE_MAX_WAIT_MS = 3000  # after the first keystroke not yet saved, however fast the typing
PREVIEW_MS = 250


def note_heading(body: str, limit: int = 60) -> str:
    """First non-empty line of a note, without Markdown heading marks."""
    for line in body.splitlines():
        text = line.strip().lstrip("#>*- ").strip()
        if text:
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return "(empty note)"


def _when(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class NotesPanel(QWidget):
    """Notes of one trial (by NCT ID).

    Signals:
        notesChanged(nct_id) -- a note was created, saved with new text or deleted
        topicRequested(key)  -- a ``topic:KEY`` link in the preview was clicked
        trialRequested(nct)  -- "All notes" asked to show a trial
    """

    notesChanged = Signal(str)
    topicRequested = Signal(str)
    trialRequested = Signal(str)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._nct: str | None = None
        self._note_id: int | None = None
        self._dirty = False
        self._loading = False

        self.new_button = QPushButton("New note")
        self.new_button.setToolTip("Start another note on this trial")
        self.new_button.clicked.connect(self.new_note)
        self.delete_button = QPushButton("Delete note")
        self.delete_button.clicked.connect(self.delete_note)
        self.all_button = QPushButton("All notes…")
        self.all_button.setToolTip("Search the notes of every trial")
        self.all_button.clicked.connect(self.show_all_notes)

        self.list = QListWidget()
        self.list.setObjectName("notesList")
        self.list.setMaximumHeight(96)
        self.list.currentItemChanged.connect(self._on_note_selected)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(
            "Write a note about this trial — questions for your MS team, what changed, links…\n\n"
            "Markdown works: **bold**, - lists, [links](https://…). Saved automatically."
        )
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.installEventFilter(self)

        self.preview = SafeTextBrowser()
        self.preview.setObjectName("notePreview")
        self.preview.setPlaceholderText("Preview")
        self.preview.topicRequested.connect(self.topicRequested)

        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setObjectName("noteState")
        self.state.setEnabled(False)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        # Started by the first unsaved keystroke and not restarted by the next ones, so typing
        # without an 800 ms pause is still saved.
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(AUTOSAVE_MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.save_now)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self._preview_timer.timeout.connect(self._update_preview)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.editor)
        split.addWidget(self.preview)
        split.setChildrenCollapsible(False)
        split.setSizes([220, 160])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(split, 1)
        layout.addWidget(self.state)

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.save_now)
        self._update_enabled()

    # -- public API ------------------------------------------------------------------

    @property
    def nct_id(self) -> str | None:
        return self._nct

    @property
    def current_note_id(self) -> int | None:
        return self._note_id

    def set_trial(self, nct_id: str | None, *, force: bool = False) -> None:
        """Show the notes of ``nct_id`` (saving the note being edited first)."""
        if nct_id == self._nct and not force:
            return
        self.save_now()
        self._nct = nct_id
        self._reload(select_id=None)

    @Slot()
    def save_now(self) -> bool:
        """Write the edited note if it changed; False if it could not be saved."""
        self._stop_autosave()
        if not self._dirty or self._nct is None:
            return True
        body = self.editor.toPlainText()
        created = self._note_id is None
        if created and not body.strip():
            self._dirty = False
            return True
        try:  # one small write, kept on this thread: it must be done before a close or a quit returns
            if self._note_id is None:
                note = note_service.add_note(self._lib, self._nct, body)
            else:
                note = note_service.save_note(self._lib, self._nct, self._note_id, body)
        except (TrialTrackerError, OSError) as exc:
            log.warning("could not save note: %s", exc)
            self.state.setText(f"Not saved: {exc}. Your text is still here; it will be retried.")
            self.state.setEnabled(True)
            self._autosave.start(5000)
            return False
        self._note_id, updated = note.id, note.updated_at
        self._dirty = False
        self.state.setEnabled(False)
        self.state.setText(f"Saved {_when(updated)}")
        if created:
            self._reload(select_id=self._note_id, keep_editor=True)
        else:
            item = self.list.currentItem()
            if item is not None:
                item.setText(f"{note_heading(body)}  ·  {_when(updated)}")
        self.notesChanged.emit(self._nct)
        return True

    @Slot()
    def new_note(self) -> None:
        if self._nct is None:
            return
        self.save_now()
        self._loading = True
        self.list.clearSelection()
        self._note_id = None
        self.editor.setPlainText("")
        self.preview.clear()
        self._loading = False
        self._dirty = False
        self.state.setText("New note — it is saved as soon as you type.")
        self._update_enabled()
        self.editor.setFocus()

    @Slot()
    def delete_note(self) -> None:
        if self._note_id is None:
            self.new_note()
            return
        answer = ask(
            self,
            "Delete note",
            f"Delete the note “{note_heading(self.editor.toPlainText())}”? This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._stop_autosave()
        try:
            note_service.delete_note(self._lib, self._note_id)
        except TrialTrackerError as exc:
            warn(self, f"Could not delete the note: {exc}")
            return
        self._dirty = False
        self._note_id = None
        self._reload(select_id=None)
        if self._nct is not None:
            self.notesChanged.emit(self._nct)

    @Slot()
    def show_all_notes(self) -> None:
        self.save_now()
        dialog = AllNotesDialog(self._lib, self.window())
        dialog.trialActivated.connect(self._on_all_notes_trial)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _on_all_notes_trial(self, nct_id: str) -> None:
        self.trialRequested.emit(nct_id)

    # -- internals ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return super().eventFilter(watched, event)

    def _reload(self, select_id: int | None, keep_editor: bool = False) -> None:
        self._loading = True
        self.list.clear()
        notes: list[tuple[int, str, dt.datetime]] = []
        if self._nct is not None:
            notes = [(n.id, n.body, n.updated_at) for n in note_service.notes(self._lib, self._nct)]
        current: QListWidgetItem | None = None
        for note_id, body, updated in notes:
            item = QListWidgetItem(f"{note_heading(body)}  ·  {_when(updated)}")
            item.setData(Qt.ItemDataRole.UserRole, note_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, body)
            self.list.addItem(item)
            if note_id == select_id or (select_id is None and not keep_editor):
                current = item  # the newest note by default
        self.list.setVisible(len(notes) > 1)
        if current is not None:
            self.list.setCurrentItem(current)
            self._note_id = int(current.data(Qt.ItemDataRole.UserRole))
            if not keep_editor:
                self.editor.setPlainText(str(current.data(Qt.ItemDataRole.UserRole + 1)))
        elif not keep_editor:
            self._note_id = None
            self.editor.setPlainText("")
        self._loading = False
        self._dirty = False
        if not keep_editor:
            self.state.setText(
                "" if self._nct is None else (f"{len(notes)} note{'s' if len(notes) != 1 else ''}")
            )
        self._update_preview()
        self._update_enabled()

    def _on_note_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._loading or current is None:
            return
        self.save_now()
        self._loading = True
        self._note_id = int(current.data(Qt.ItemDataRole.UserRole))
        note = next((n for n in note_service.notes(self._lib, self._nct) if n.id == self._note_id), None)
        body = note.body if note is not None else ""
        self.editor.setPlainText(body)
        self._loading = False
        self._dirty = False
        self._update_preview()
        self._update_enabled()

    def _on_text_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._autosave.start(AUTOSAVE_MS)  # (a failed save leaves a longer retry interval behind)
        if not self._max_wait.isActive():
            self._max_wait.start()
        self._preview_timer.start()
        self.state.setText("Editing…")

    def _stop_autosave(self) -> None:
        self._autosave.stop()
        self._max_wait.stop()

    def _update_preview(self) -> None:
        self.preview.setMarkdown(self.editor.toPlainText())

    def _update_enabled(self) -> None:
        has_trial = self._nct is not None
        for widget in (self.new_button, self.editor, self.preview):
            widget.setEnabled(has_trial)
        self.delete_button.setEnabled(has_trial and self._note_id is not None)


class AllNotesDialog(QDialog):
    """Every note of every trial, searchable; double-click shows the trial.

    Signals:
        trialActivated(nct_id)
    """

    trialActivated = Signal(str)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("All notes — Trial Tracker")
        self._lib = lib
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search all notes…")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("allNotes")
        self.preview = SafeTextBrowser()
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
            item = QListWidgetItem(f"{nct}  ·  {note_heading(body)}  ·  {_when(updated)}")
            item.setData(Qt.ItemDataRole.UserRole, nct)
            item.setData(Qt.ItemDataRole.UserRole + 1, body)
            self.results.addItem(item)
        self.count.setText(
            f"{len(rows)} note{'s' if len(rows) != 1 else ''}" + (f" matching “{query}”" if query else "")
            if rows
            else ("No notes match." if query else "No notes yet.")
        )
        if rows:
            self.results.setCurrentRow(0)
        else:
            self.preview.clear()

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.preview.setMarkdown("" if current is None else str(current.data(Qt.ItemDataRole.UserRole + 1)))

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.trialActivated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
