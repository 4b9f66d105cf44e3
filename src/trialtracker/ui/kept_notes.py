"""The window's side of note recovery: offer text kept by an earlier run, and show failed saves.

At start, note text that an earlier run could not store (see
:mod:`trialtracker.services.note_recovery`) is offered back in a message box
that does not block the window. While the window runs, a status-bar button
says how many notes are not saved and retries them when clicked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QStatusBar, QWidget

from trialtracker.services import note_recovery
from trialtracker.services.library import Library
from trialtracker.services.note_recovery import KeptNote, SaveOutcome
from trialtracker.services.views import note_heading
from trialtracker.ui.all_notes import when
from trialtracker.ui.i18n import Words
from trialtracker.ui.tasks import Lane, TaskContext, TaskRunner

log = logging.getLogger(__name__)

SHOWN = 8


class KeptNotesWords(Words):
    """The words of the offer and of the status-bar button (functions here, not methods)."""


def kept_notes_text(kept: list[KeptNote]) -> str:
    """The offer, in plain words (shown as plain text: note text is never rendered)."""
    line = KeptNotesWords.tr("• {nct}: {heading} (from {when})")
    lines = [line.format(nct=k.edit.nct_id, heading=note_heading(k.edit.body), when=when(k.kept_at))
             for k in kept[:SHOWN]]  # fmt: skip
    if len(kept) > SHOWN:
        lines.append(KeptNotesWords.tr("… and %n more", "", len(kept) - SHOWN))
    head = KeptNotesWords.tr(
        "Trial Tracker could not save %n note(s) last time. The text was kept safe:", "", len(kept)
    )
    tail = KeptNotesWords.tr(
        "Restore now? If a note was changed since then, both versions are kept "
        "(the kept text comes back as a new note)."
    )
    return head + "\n\n" + "\n".join(lines) + "\n\n" + tail


def restored_summary(outcomes: list[SaveOutcome]) -> str:
    saved = [o for o in outcomes if o.saved]
    as_new = sum(1 for o in saved if o.conflict)
    text = KeptNotesWords.tr("Restored %n kept note(s)", "", len(saved))
    if as_new:
        text += KeptNotesWords.tr(" (%n as new notes)", "", as_new)
    failed = [o for o in outcomes if not o.saved]
    if failed:
        more = KeptNotesWords.tr(
            "; %n could not be saved ({error}) and stay kept for next time", "", len(failed)
        )
        text += more.format(error=failed[0].error)
    return text + "."


class KeptNotesOffer(QObject):
    """Asks once whether to restore kept note text; restores it on the database lane.

    Signals:
        restored(ncts, summary) -- kept notes were written (NCT IDs touched, a one-line summary)
    """

    restored = Signal(list, str)

    def __init__(self, lib: Library, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._lib = lib
        self._tasks = tasks
        self._parent = parent
        self.box: QMessageBox | None = None

    def offer(self, skip_tokens: set[str]) -> QMessageBox | None:
        """Show the offer if there is kept text (not owned by a live editor); None if there is none."""
        kept = [k for k in note_recovery.kept_notes(self._lib.paths) if k.edit.token not in skip_tokens]
        if not kept:
            return None
        text = kept_notes_text(kept)
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Unsaved notes found"), text, parent=self._parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)

        def answered(_result: int) -> None:
            if box.clickedButton() is restore:
                self._restore(kept)
            else:
                log.info("kept notes left for later: %d", len(kept))

        box.finished.connect(answered)
        box.open()  # not exec(): the window stays usable, and nothing nests an event loop
        self.box = box
        return box

    def _restore(self, kept: list[KeptNote]) -> None:
        def work(_ctx: TaskContext) -> list[SaveOutcome]:
            return [note_recovery.restore(self._lib, k) for k in kept]

        def done(outcomes: list[SaveOutcome]) -> None:
            ncts = sorted({o.edit.nct_id for o in outcomes if o.saved})
            self.restored.emit(ncts, restored_summary(outcomes))

        self._tasks.submit(work, lane=Lane.DB, name="restore kept notes", on_done=done)


def unsaved_button(status_bar: QStatusBar, on_click: Callable[[], None]) -> Callable[[int], None]:
    """A permanent status-bar button for notes that could not be saved; returns its updater."""
    button = QPushButton()
    button.setObjectName("unsavedNotes")
    # A full style (with a border rule) so the style draws it as given: white on red in light and dark themes.
    button.setStyleSheet(
        "QPushButton#unsavedNotes { color: #ffffff; background-color: #b3261e; border: none;"
        " border-radius: 3px; padding: 2px 8px; font-weight: bold; }"
        "QPushButton#unsavedNotes:hover { background-color: #8c1d18; }"
    )
    button.setToolTip(
        KeptNotesWords.tr(
            "Their text is safe in a recovery file. Click to try saving again and show the note."
        )
    )
    button.clicked.connect(on_click)
    button.hide()
    status_bar.addPermanentWidget(button)

    def update(count: int) -> None:
        button.setText(KeptNotesWords.tr("%n note(s) not saved — Retry", "", count))
        button.setVisible(count > 0)

    return update
