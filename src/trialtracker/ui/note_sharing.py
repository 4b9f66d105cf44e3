"""Sharing a note with the team, in a team library: a check box under the note, and the words that say
whose a note is.

Only a note's author decides who reads it (the server enforces it), so the box is enabled for one's own
saved notes only; for a teammate's shared note it says whose it is instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QWidget

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services import notes as note_service
from trialtracker.services.library import Library
from trialtracker.services.views import NoteView
from trialtracker.ui.i18n import Words
from trialtracker.ui.plain import warn
from trialtracker.ui.tasks import Lane, TaskContext, TaskRunner

__all__ = ["ShareBox", "whose"]


class Sharing(Words):
    """The translation context of :func:`whose`."""


def whose(note: NoteView, me: str | None) -> str:
    """``you, private`` / ``alice, shared`` for a team library's note list; empty in a personal library."""
    if me is None:
        return ""
    author = Sharing.tr("you") if note.author == me else (note.by or Sharing.tr("someone"))
    state = Sharing.tr("shared") if note.shared else Sharing.tr("private")
    return f"{author}, {state}"


class ShareBox(QCheckBox):
    """"Shared with the team" for the note in the editor.

    Signals:
        sharingChanged(int, bool): a note's sharing was stored (note ID, shared).
    """

    sharingChanged = Signal(int, bool)

    def __init__(self, lib: Library, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Shared with the team"), parent)
        self.setObjectName("noteShared")
        self._lib = lib
        self._tasks = tasks  # written on its database lane: a slow server never freezes the window
        self._note: NoteView | None = None
        self._setting = False
        self.toggled.connect(self._on_toggled)
        self.show_note(None)

    def show_note(self, note: NoteView | None) -> None:
        """Reflect ``note`` (None: a note not saved yet, or no note)."""
        self._note = note
        self._setting = True
        self.setChecked(bool(note and note.shared))
        self._setting = False
        mine = note is not None and note.author is not None and note.author == self._lib.me
        self.setEnabled(mine)
        if note is None:
            tip = self.tr("Notes are private until you share them: write first, then share.")
        elif mine:
            tip = self.tr("Shared notes can be read and edited by the whole team; private ones only by you.")
        else:
            tip = self.tr("Only its author decides who reads this note.")
        self.setToolTip(tip)

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        note = self._note
        if self._setting or note is None:
            return
        self.setEnabled(False)  # until the server has answered

        def share(_ctx: TaskContext) -> NoteView:
            return note_service.share_note(self._lib, note.id, checked)

        self._tasks.submit(share, lane=Lane.DB, name="share note", on_done=self._stored,
                           on_error=lambda exc: self._refused(note, exc))  # fmt: skip

    def _stored(self, stored: NoteView) -> None:
        if self._note is not None and self._note.id == stored.id:
            self.show_note(stored)
        self.sharingChanged.emit(stored.id, stored.shared)

    def _refused(self, note: NoteView, exc: Exception) -> None:
        if not isinstance(exc, TrialTrackerError):
            raise exc
        warn(self, self.tr("Could not change who reads this note: {error}").format(error=exc))
        if self._note is not None and self._note.id == note.id:
            self.show_note(note)
