"""Personal notes on a trial: a list, a Markdown editor with a safe preview, and autosave.

Autosave fires 800 ms after typing stops, and at least every 3 s while typing
goes on without such a pause; also on focus-out, when another trial or note is
selected, and when the window closes. Saves run off the UI thread (see
:mod:`trialtracker.ui.note_saver`): a locked database never freezes the window.

Text is never lost: a failed save leaves the text in the editor with a
persistent "Not saved" line and a Retry button, and in a recovery file;
moving to another trial keeps the unsaved text (it comes back with its trial);
closing asks first; the next start offers text kept by an earlier run.
Nothing is written for a new note that is still empty.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
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
from trialtracker.services.views import NoteView, note_heading
from trialtracker.ui.all_notes import AllNotesDialog, when
from trialtracker.ui.note_saver import NoteSaver, NoteSession
from trialtracker.ui.note_sharing import ShareBox, whose
from trialtracker.ui.plain import ask, warn
from trialtracker.ui.safe_browser import SafeTextBrowser
from trialtracker.ui.tasks import Lane, TaskContext, TaskRunner, expected_failure
from trialtracker.ui.undo import DoneWrite

log = logging.getLogger(__name__)

AUTOSAVE_MS = 800  # after the last keystroke
AUTOSAVE_MAX_WAIT_MS = 3000  # after the first keystroke not yet saved, however fast the typing
PREVIEW_MS = 250
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole

CLOSE_BUTTONS = (
    QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel
)

__all__ = ["AUTOSAVE_MAX_WAIT_MS", "AUTOSAVE_MS", "NotesPanel", "note_heading"]


def _warning_colour(palette: QPalette) -> str:
    """A red that reads well on the panel's own background, light or dark."""
    return "#ff8a80" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "#b3261e"


class NotesPanel(QWidget):
    """Notes of one trial (by NCT ID).

    Signals:
        notesChanged(nct_id) -- a note was created, saved with new text or deleted
        topicRequested(key)  -- a ``topic:KEY`` link in the preview was clicked
        trialRequested(nct)  -- "All notes" (or the unsaved-notes button) asked to show a trial
        failedChanged(n)     -- how many notes could not be saved (their text waits; see ``retry``)
    """

    notesChanged = Signal(str)
    topicRequested = Signal(str)
    trialRequested = Signal(str)
    failedChanged = Signal(int)

    def __init__(self, lib: Library, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.saver = NoteSaver(lib, self.tasks, self)
        self.saver.sessionChanged.connect(self._on_session_changed)
        self.saver.failedChanged.connect(self.failedChanged)
        self._nct: str | None = None
        self._session: NoteSession | None = None
        self._loading = False  # the list or editor is being filled: their change signals are ours
        self._asked = 0  # reads of the notes asked for: the answer of one that is not the latest is dropped
        self._reading = False  # a read of the notes is under way
        self._switching = False  # ... for a trial just chosen: the editor waits read-only for it
        self._deleting = False  # a delete is being stored: the editor waits read-only for it
        self.undo_stack: QUndoStack | None = None  # the window's: a deleted note can be put back

        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.setToolTip(self.tr("Start another note on this trial"))
        self.new_button.clicked.connect(self.new_note)
        self.delete_button = QPushButton(self.tr("Delete note"))
        self.delete_button.clicked.connect(self.delete_note)
        self.all_button = QPushButton(self.tr("All notes…"))
        self.all_button.setToolTip(self.tr("Search the notes of every trial"))
        self.all_button.clicked.connect(self.show_all_notes)

        self.list = QListWidget()
        self.list.setObjectName("notesList")
        self.list.setMaximumHeight(96)
        self.list.currentItemChanged.connect(self._on_note_selected)

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setAccessibleName(self.tr("Note text"))
        self.editor.setPlaceholderText(
            self.tr(
                "Write a note about this trial — questions for your MS team, what changed, links…\n\n"
                "Markdown works: **bold**, - lists, [links](https://…). Saved automatically."
            )
        )
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.installEventFilter(self)

        self.preview = SafeTextBrowser()
        self.preview.setObjectName("notePreview")
        self.preview.setAccessibleName(self.tr("Note preview"))
        self.preview.setPlaceholderText(self.tr("Preview"))
        self.preview.topicRequested.connect(self.topicRequested)

        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setObjectName("noteState")
        self.state.setWordWrap(True)
        self.state.setEnabled(False)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("noteRetry")
        self.retry_button.setToolTip(self.tr("Try to save this note again now"))
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.hide()
        # In a team library: who may read the note in the editor (its author decides).
        self.share = ShareBox(lib, self.tasks) if lib.on_server else None
        self._views: dict[int, NoteView] = {}
        if self.share is not None:
            self.share.sharingChanged.connect(self._on_shared)

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

        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        state_row.addWidget(self.retry_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addWidget(split, 1)
        if self.share is not None:
            layout.addWidget(self.share)
        layout.addLayout(state_row)

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_quit)
        self._update_enabled()

    # -- public API ------------------------------------------------------------------

    @property
    def nct_id(self) -> str | None:
        return self._nct

    @property
    def current_note_id(self) -> int | None:
        return self._session.note_id if self._session is not None else None

    @property
    def session(self) -> NoteSession | None:
        return self._session

    @property
    def loading(self) -> bool:
        """The notes of the trial shown are being read (on the task runner's read lane)."""
        return self._reading

    def set_trial(self, nct_id: str | None, *, force: bool = False) -> None:
        """Show the notes of ``nct_id``. Unsaved text of the note being left is kept (and saved)."""
        if nct_id == self._nct and not force:
            return
        self.save_now()
        switching = nct_id != self._nct
        self._nct = nct_id
        left = self.saver.left_for(nct_id) if nct_id is not None else None
        self._reload(resume=left, switching=switching)

    @Slot()
    def save_now(self) -> None:
        """Start writing the edited note if it holds unsaved text (the write runs in the background)."""
        self._stop_autosave()
        if self._session is not None:
            self.saver.save(self._session)
            self._show_state()

    @Slot()
    def retry(self) -> None:
        """Try every failed save again now, and show the first one that is not on screen."""
        failed = self.saver.failed()
        self.saver.retry()
        self._show_state()
        if failed and all(s.nct_id != self._nct for s in failed):
            self.trialRequested.emit(failed[0].nct_id)

    def settle(self, msecs: int) -> bool:
        """Save everything and wait (the event loop keeps running) until it is stored: True if nothing
        is left unsaved. Used before the window closes."""
        self.save_now()
        self.saver.retry()
        self.saver.wait(msecs)
        return not self.saver.unsaved()

    def confirm_close(self, msecs: int) -> bool:
        """Closing is fine once every note is stored; otherwise ask, and never discard silently."""
        while not self.settle(msecs):
            self.saver.keep_unsaved()
            unsaved = self.saver.unsaved()
            first = unsaved[0]
            text, default = self._close_question(unsaved)
            answer = ask(self, self.tr("Notes not saved"), text, CLOSE_BUTTONS, default)
            if answer == QMessageBox.StandardButton.Close:
                log.warning("window closed with %d note(s) not saved", len(unsaved))
                return True
            if answer != QMessageBox.StandardButton.Retry:
                if first.nct_id != self._nct:
                    self.trialRequested.emit(first.nct_id)
                return False
        return True

    @Slot()
    def new_note(self) -> None:
        if self._nct is None:
            return
        self.save_now()
        self._open(NoteSession(self._nct, None, None, ""))
        self.list.clearSelection()
        self.state.setText(self.tr("New note — it is saved as soon as you type."))
        self.editor.setFocus()

    @Slot()
    def delete_note(self) -> None:
        session = self._session
        if session is None or session.note_id is None:
            self.new_note()
            return
        if session.saving:
            warn(self, self.tr("This note is being saved; try again in a moment."))
            return
        heading = note_heading(self.editor.toPlainText())
        if self.undo_stack is not None:
            question = self.tr("Delete the note “{heading}”? (Edit ▸ Undo brings it back)")
        else:
            question = self.tr("Delete the note “{heading}”?")
        answer = ask(self, self.tr("Delete note"), question.format(heading=heading))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._stop_autosave()
        deleted = self._views.get(session.note_id)
        note_id = session.note_id
        self._deleting = True  # until the delete is stored: nothing typed meanwhile can be lost
        self._hold_editor()

        def delete(_ctx: TaskContext) -> None:
            note_service.delete_note(self._lib, note_id)

        self.tasks.submit(delete, lane=Lane.DB, name="delete note",
                          on_done=lambda _none: self._deleted(session, deleted),
                          on_error=self._not_deleted)  # fmt: skip

    def _deleted(self, session: NoteSession, deleted: NoteView | None) -> None:
        """The delete is stored: the list without it, and an undo that brings it back."""
        self._deleting = False
        self._hold_editor()
        self.saver.forget(session)
        if self._session is session:
            self._session = None
            self._reload(resume=None)
        if self._nct is not None:
            self.notesChanged.emit(self._nct)
        if deleted is not None and self.undo_stack is not None:
            name = self.tr("Delete note “{heading}”").format(heading=note_heading(deleted.body, 30))
            self.undo_stack.push(DoneWrite(name, deleted, self._put_back, self._delete_again))

    def _not_deleted(self, exc: Exception) -> None:
        self._deleting = False
        self._hold_editor()
        if not isinstance(exc, TrialTrackerError):
            raise exc
        warn(self, self.tr("Could not delete the note: {error}").format(error=exc))

    def _put_back(self, command: DoneWrite) -> None:
        """Undo a deletion: the note comes back with its text and times (a new ID, kept for a redo)."""
        note: NoteView = command.kept

        def back(view: NoteView) -> None:
            command.kept = view
            self._after_undo(note.nct_id, view.id)

        self._undo_step(lambda: note_service.put_back(self._lib, note), back,
                        self.tr("Could not bring the note back: {error}"))  # fmt: skip

    def _delete_again(self, command: DoneWrite) -> None:
        note: NoteView = command.kept
        self._undo_step(lambda: note_service.delete_note(self._lib, note.id),
                        lambda _none: self._after_undo(note.nct_id, None),
                        self.tr("Could not delete the note: {error}"))  # fmt: skip

    def _undo_step(self, write: Callable[[], Any], then: Callable[[Any], None], failed: str) -> None:
        """An undo or redo of a deletion, written on the database lane; ``failed`` says why it was not."""

        def not_done(exc: Exception) -> None:
            if not isinstance(exc, TrialTrackerError):
                raise exc
            warn(self, failed.format(error=exc))

        self.tasks.submit(lambda _ctx: write(), lane=Lane.DB, name="undo a note deletion", on_done=then,
                          on_error=not_done)  # fmt: skip

    def _after_undo(self, nct: str, select_id: int | None) -> None:
        if nct == self._nct:
            self.save_now()
            self._reload(resume=None, select_id=select_id)
        self.notesChanged.emit(nct)

    @Slot()
    def show_all_notes(self) -> None:
        self.save_now()
        dialog = AllNotesDialog(self._lib, self.window(), self.tasks)
        dialog.trialActivated.connect(self.trialRequested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # -- internals ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return super().eventFilter(watched, event)

    def _on_quit(self) -> None:
        self._stop_autosave()
        self.saver.save_blocking()

    def _reload(
        self, resume: NoteSession | None, select_id: int | None = None, *, switching: bool = False
    ) -> None:
        """Read the trial's notes (read lane), then refill the list and open ``resume`` (unsaved text),
        else note ``select_id``, else the newest. ``switching``: another trial was chosen, so the editor
        waits read-only (nothing typed may go to the trial left)."""
        self._asked += 1
        asked, nct = self._asked, self._nct
        if nct is None:
            self._reading = self._switching = False
            self._fill([], None, None)
            return
        self._reading = True
        if switching:  # the list and editor of the trial left are not to be used meanwhile
            self._switching = True
            self._session, self._views = None, {}
            self._loading = True
            self.list.clear()
            self._loading = False
            self._hold_editor()
            self.state.setText(self.tr("Reading notes…"))
        self.tasks.submit(lambda _ctx: note_service.notes(self._lib, nct), lane=Lane.READ, name="read notes",
                          on_done=lambda stored: self._read(asked, stored, resume, select_id),
                          on_error=lambda exc: self._not_read(asked, exc, resume, select_id))  # fmt: skip

    def _read(
        self, asked: int, stored: list[NoteView], resume: NoteSession | None, select_id: int | None
    ) -> None:
        if asked != self._asked:  # another trial (or a newer read) was asked for meanwhile
            return
        self._reading = self._switching = False
        self._hold_editor()
        current = self._session
        if current is not None and current.nct_id == self._nct and current.unsaved:
            resume = current  # typed while the notes were read: it stays as it is
        self._fill(stored, resume, select_id)

    def _not_read(
        self, asked: int, exc: Exception, resume: NoteSession | None, select_id: int | None
    ) -> None:
        expected_failure(exc)  # a bug goes to the crash handler
        if asked != self._asked:
            return
        log.warning("cannot read the notes of %s: %s", self._nct, type(exc).__name__)
        self._read(asked, [], resume, select_id)  # a new note can still be written (and kept if need be)
        self.state.setText(self.tr("The notes could not be read: {error}").format(error=exc))

    def _fill(self, stored: list[NoteView], resume: NoteSession | None, select_id: int | None) -> None:
        """Refill the list from ``stored``; open ``resume``, else note ``select_id``, else the newest. The
        session already in the editor is left as it is (no text or cursor moved under the typist)."""
        self._views = {note.id: note for note in stored}
        self._loading = True
        self.list.clear()
        chosen: NoteSession | None = resume
        wanted = resume.note_id if resume is not None else select_id
        for note in stored:
            item = QListWidgetItem(self._item_text(note.body, note.updated_at, note))
            item.setData(NOTE_ID_ROLE, note.id)
            self.list.addItem(item)
            if note.id == wanted or (wanted is None and resume is None):
                self.list.setCurrentItem(item)  # the newest note by default (the last one here)
                if resume is None:  # the editor shows the note the list marks
                    chosen = NoteSession.stored(note)
        self.list.setVisible(len(stored) > 1)
        self._loading = False
        if chosen is None and self._nct is not None:
            chosen = NoteSession(self._nct, None, None, "")
        if chosen is not None and chosen is self._session:
            self._show_sharing()
            self._update_enabled()
            self._show_state()
        else:
            self._open(chosen)
        if resume is None and self._nct is not None:
            self.state.setText(self.tr("%n note(s)", "", len(stored)))

    def _hold_editor(self) -> None:
        """Read-only while a delete is stored or a chosen trial's notes are read; writable otherwise."""
        self.editor.setReadOnly(self._deleting or self._switching)

    def _item_text(self, body: str, updated_at: dt.datetime, view: NoteView | None) -> str:
        """A note's line in the list: its heading, whose it is (a team library) and when it was saved."""
        who = whose(view, self._lib.me) if view is not None else ""
        copy = self.tr("conflict copy") if view is not None and view.conflict_of is not None else ""
        return "  ·  ".join(part for part in (note_heading(body), copy, who, when(updated_at)) if part)

    def _on_shared(self, note_id: int, _shared: bool) -> None:
        self._reload(resume=self._session, select_id=note_id)
        if self._nct is not None:
            self.notesChanged.emit(self._nct)

    def _show_sharing(self) -> None:
        if self.share is not None:
            session = self._session
            self.share.show_note(self._views.get(session.note_id) if session and session.note_id else None)

    def _open(self, session: NoteSession | None) -> None:
        """Put ``session`` into the editor (the previous one was handed to the saver already)."""
        self._session = session
        self._show_sharing()
        self._loading = True
        self.editor.setPlainText(session.text if session is not None else "")
        self._loading = False
        self._update_preview()
        self._update_enabled()
        self._show_state()

    def _on_note_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._loading or current is None or self._nct is None:
            return
        note_id = int(current.data(NOTE_ID_ROLE))
        if self._session is not None and self._session.note_id == note_id:
            return
        self.save_now()
        left = next((s for s in self.saver.unsaved() if s.nct_id == self._nct and s.note_id == note_id), None)
        if left is not None:
            self._open(left)
            return
        note = self._views.get(note_id)  # as read with the list
        if note is not None:
            self._open(NoteSession.stored(note))

    def _on_text_changed(self) -> None:
        if self._loading or self._session is None:
            return
        self._session.text = self.editor.toPlainText()
        self._autosave.start(AUTOSAVE_MS)
        if not self._max_wait.isActive():
            self._max_wait.start()
        self._preview_timer.start()
        if self._session.error is None:
            self.state.setText(self.tr("Editing…"))

    def _on_session_changed(self, session: NoteSession, created: bool) -> None:
        if session.error is None:
            self.notesChanged.emit(session.nct_id)
        if session is not self._session:
            return
        if created or session.conflict:
            self._reload(resume=session)
        else:
            item = self.list.currentItem()
            if item is not None and session.updated_at is not None:
                view = self._views.get(session.note_id) if session.note_id is not None else None
                item.setText(self._item_text(session.base or "", session.updated_at, view))
        self._show_state()
        self._update_enabled()

    def _show_state(self) -> None:
        """The line under the editor; a failed save stays visible (with Retry) until a save works."""
        session = self._session
        failed = session is not None and session.error is not None
        self.retry_button.setVisible(failed)
        self.state.setEnabled(failed)
        self.state.setStyleSheet(
            f"color: {_warning_colour(self.palette())}; font-weight: bold;" if failed else ""
        )
        if session is None or self._loading:
            return
        if session.error is not None:
            if session.kept:
                said = self.tr(
                    "Not saved: {error}. Your text is still here, and a copy is kept in {file}. "
                    "Trying again every few seconds."
                )
            else:
                said = self.tr(
                    "Not saved: {error}. Your text is still here (no copy could be written). "
                    "Trying again every few seconds."
                )
            self.state.setText(said.format(error=session.error, file=session.kept))
        elif session.saving:
            self.state.setText(self.tr("Saving…"))
        elif session.conflict:
            self.state.setText(
                self.tr(
                    "This note had been changed elsewhere meanwhile, so your text was saved beside it as a "
                    "conflict copy (both texts are kept)."
                )
            )
        elif session.updated_at is not None and not session.unsaved:
            self.state.setText(self.tr("Saved {when}").format(when=when(session.updated_at)))

    def _stop_autosave(self) -> None:
        self._autosave.stop()
        self._max_wait.stop()

    def _update_preview(self) -> None:
        self.preview.setMarkdown(self.editor.toPlainText())

    def _update_enabled(self) -> None:
        has_trial = self._nct is not None
        for widget in (self.new_button, self.editor, self.preview):
            widget.setEnabled(has_trial)
        self.delete_button.setEnabled(has_trial and self.current_note_id is not None)

    def _close_question(self, unsaved: list[NoteSession]) -> tuple[str, QMessageBox.StandardButton]:
        """What to say when closing with notes not stored, and which answer is the safe default."""
        first = unsaved[0]
        kept = [str(s.kept) for s in unsaved if s.kept is not None]
        error = first.error or self.tr("the database did not answer in time")
        text = self.tr("%n note(s) could not be saved (first: {nct}): {error}.", "", len(unsaved))
        text = text.format(nct=first.nct_id, error=error) + "\n\n"
        if len(kept) < len(unsaved):
            return (
                text
                + self.tr(
                    "Their text could not be written to a recovery file either: if you close now, it is "
                    "lost. Copy it somewhere safe first, or try again."
                ),
                QMessageBox.StandardButton.Cancel,
            )
        return (
            text
            + self.tr(
                "The text is kept in {files} and will be offered the next time Trial Tracker starts. "
                "You can also try saving again now."
            ).format(files=", ".join(kept)),
            QMessageBox.StandardButton.Retry,
        )
