"""Saving note edits off the UI thread, keeping every unsaved text until it is stored.

An editing session (:class:`NoteSession`) is one note being edited. The saver
writes it on the task runner's database lane, so a locked database (each try
waits up to the SQLite busy timeout) never freezes the window. A session with
text that is not stored yet is never dropped: when the user moves to another
trial or note it stays here, keeps being retried, and comes back into the
editor when its trial is shown again. A failed save also leaves the text in a
recovery file (see :mod:`trialtracker.services.note_recovery`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from trialtracker.services import note_recovery
from trialtracker.services.library import Library
from trialtracker.services.note_recovery import NoteEdit, SaveOutcome
from trialtracker.services.views import NoteView
from trialtracker.ui.tasks import Lane, TaskContext, TaskRunner

log = logging.getLogger(__name__)

RETRY_MS = 5000


@dataclass(eq=False)
class NoteSession:
    """One note being edited: its stored text (``base``) and the text in the editor (``text``)."""

    nct_id: str
    note_id: int | None
    base: str | None
    text: str
    token: str = field(default_factory=note_recovery.new_token)
    saving: bool = False
    error: str | None = None
    kept: Path | None = None
    conflict: bool = False
    updated_at: dt.datetime | None = None
    version: int | None = None  # the stored note's version the text was edited from

    @classmethod
    def stored(cls, note: NoteView) -> NoteSession:
        n = note
        return cls(n.nct_id, n.id, n.body, n.body, updated_at=n.updated_at, version=n.version)

    @property
    def unsaved(self) -> bool:
        """The editor holds text that is not stored (an empty new note counts as nothing)."""
        if self.note_id is None:
            return bool(self.text.strip())
        return self.text != self.base

    def edit(self) -> NoteEdit:
        return NoteEdit(self.nct_id, self.note_id, self.text, self.base, self.token, self.version)


class NoteSaver(QObject):
    """Owns the sessions that still hold unsaved text; one save in flight per session.

    Signals:
        sessionChanged(session, created)  -- a save ended (``created``: a new note row exists)
        failedChanged(count)               -- how many sessions' last save failed (text not stored)
        settled()                          -- no save is in flight any more

    Threading rules: UI thread only; the writes run on ``tasks``' database lane.
    """

    sessionChanged = Signal(object, bool)
    failedChanged = Signal(int)
    settled = Signal()

    def __init__(self, lib: Library, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self._tasks = tasks
        self._sessions: list[NoteSession] = []  # unsaved or saving, whether shown or left behind
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry)

    # -- state -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return any(s.saving for s in self._sessions)

    def unsaved(self) -> list[NoteSession]:
        """Sessions whose text is not stored yet (including ones being saved right now)."""
        return [s for s in self._sessions if s.unsaved or s.saving]

    def left_for(self, nct_id: str) -> NoteSession | None:
        """An unsaved session of ``nct_id`` the user moved away from (it goes back into the editor)."""
        return next((s for s in self._sessions if s.nct_id == nct_id), None)

    def tokens(self) -> set[str]:
        return {s.token for s in self._sessions}

    # -- saving ------------------------------------------------------------------------

    def save(self, session: NoteSession) -> None:
        """Write ``session`` if it holds unsaved text; a save already in flight is followed by another."""
        if session not in self._sessions:
            if not session.unsaved:
                return
            self._sessions.append(session)
        if session.saving:
            return  # _on_outcome saves again if the text changed meanwhile
        if not session.unsaved:
            self._forget(session)
            return
        session.saving = True
        edit = session.edit()

        def work(_ctx: TaskContext) -> SaveOutcome:
            return note_recovery.save_edit(self._lib, edit)

        self._tasks.submit(
            work,
            lane=Lane.DB,
            name="save note",
            on_done=lambda outcome: self._on_outcome(session, outcome),
            on_error=lambda exc: self._on_outcome(session, SaveOutcome(edit, error=str(exc))),
        )
        self._count_changed()

    def save_blocking(self) -> None:
        """Last chance when the application quits without closing the window: save on this thread."""
        for session in self.unsaved():
            if not session.saving:
                self._apply(session, note_recovery.save_edit(self._lib, session.edit()))

    def retry(self) -> None:
        for session in list(self._sessions):
            if session.error is not None:
                self.save(session)

    def wait(self, msecs: int) -> bool:
        """Run the event loop until no save is in flight (True) or ``msecs`` passed (False)."""
        if self.busy:
            loop = QEventLoop()
            self.settled.connect(loop.quit)
            QTimer.singleShot(msecs, loop.quit)
            loop.exec()
            self.settled.disconnect(loop.quit)
        return not self.busy

    def _on_outcome(self, session: NoteSession, outcome: SaveOutcome) -> None:
        session.saving = False
        created = self._apply(session, outcome)
        self.sessionChanged.emit(session, created)
        if outcome.saved and session.unsaved:
            self.save(session)  # typed on while it was being written
        elif not session.unsaved:
            self._forget(session)
        if session.error is not None and not self._retry.isActive():
            self._retry.start()
        self._count_changed()
        if not self.busy:
            self.settled.emit()

    @staticmethod
    def _apply(session: NoteSession, outcome: SaveOutcome) -> bool:
        if outcome.note is None:
            session.error = outcome.error or QCoreApplication.translate("NoteSaver", "unknown error")
            session.kept = outcome.kept or session.kept
            return False
        created = session.note_id != outcome.note.id
        session.note_id = outcome.note.id
        session.base = outcome.edit.body
        session.updated_at = outcome.note.updated_at
        session.version = outcome.note.version
        session.conflict = outcome.conflict
        session.error = None
        session.kept = None
        return created

    def forget(self, session: NoteSession) -> None:
        """The note was deleted: stop keeping its session (and its recovery file)."""
        self._forget(session)
        note_recovery.discard(self._lib.paths, session.token)
        self._count_changed()

    def _forget(self, session: NoteSession) -> None:
        if session in self._sessions and not session.saving:
            self._sessions.remove(session)

    def failed(self) -> list[NoteSession]:
        return [s for s in self._sessions if s.error is not None]

    def keep_unsaved(self) -> None:
        """Make sure every unsaved text is in a recovery file (before a close the user confirmed)."""
        for session in self.unsaved():
            if session.kept is None:
                session.kept = note_recovery.keep(self._lib.paths, session.edit())

    def _count_changed(self) -> None:
        self.failedChanged.emit(len(self.failed()))
