"""File ▸ Import…, Export…, Back up now and Restore…: what the command line could do, in the window.

Each runs on the task runner's database lane (an import of 10,000 trials must not freeze the window);
the dialogs only pick a file. ``export_to`` / ``import_from`` / ``back_up`` are the parts after the
dialog, so tests (and scripts) drive them directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services import backups
from trialtracker.services.deferred import deferred
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP
from trialtracker.ui.data_access import DataAccess, Snapshot
from trialtracker.ui.plain import ask, warn
from trialtracker.ui.tasks import Lane, Task, TaskContext, TaskRunner

if TYPE_CHECKING:
    from trialtracker.services import exchange
else:  # loaded with the first import or export, not at every start
    exchange = deferred("trialtracker.services.exchange")

#: File-dialog filter (translated where it is shown) -> export format.
EXPORT_FILTERS = {
    QT_TRANSLATE_NOOP("FileActions", "Trial Tracker bundle (*.json)"): "json",
    QT_TRANSLATE_NOOP("FileActions", "Spreadsheet (*.csv)"): "csv",
    QT_TRANSLATE_NOOP("FileActions", "Report to share (*.md)"): "md",
}
IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "FileActions", "Bundles and lists of NCT IDs (*.json *.csv *.txt *.md);;All files (*)"
)


class FileActions(QObject):
    """Import, export and backup for the window.

    Signals:
        imported(Snapshot)      -- trials or notes were added; every row, read again in the background
        restoreRequested(Path)  -- a checked backup to restore: the window closes, the app restores it
        message(str, int)       -- a status-bar line and its timeout (ms)
    """

    imported = Signal(object)
    restoreRequested = Signal(object)
    message = Signal(str, int)

    def __init__(self, data: DataAccess, tasks: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._data = data
        self._lib = data.lib
        self._tasks = tasks
        self._window = window

    def _folder(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    # -- with a dialog -------------------------------------------------------------------------

    def export_dialog(self) -> None:
        start = str(Path(self._folder()) / "trialtracker-export.json")
        filters = {self.tr(name): fmt for name, fmt in EXPORT_FILTERS.items()}
        path, chosen = QFileDialog.getSaveFileName(self._window, self.tr("Export"), start, ";;".join(filters))
        if path:
            fmt = filters.get(chosen) or Path(path).suffix.lstrip(".").lower()
            self.export_to(Path(path), fmt if fmt in exchange.FORMATS else "json")

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import"), self._folder(), self.tr(IMPORT_FILTER)
        )
        if path:
            self.import_from(Path(path))

    def restore_dialog(self) -> None:
        from trialtracker.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(backups.list_backups(self._lib.settings), self._window)
        if not dialog.exec() or dialog.chosen is None:
            return
        question = self.tr(
            "Replace your library with the copy in {name}? Your library as it is now is "
            "saved as a backup first. The window closes and opens again on the copy."
        ).format(name=dialog.chosen.name)
        answer = ask(self._window, self.tr("Restore from a backup"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(dialog.chosen)

    # -- the work ------------------------------------------------------------------------------

    def restore_from(self, source: Path) -> bool:
        """Ask the window to close and the app to restore ``source`` (checked first: a file that cannot
        be restored is refused here, and the window stays open)."""
        try:
            backups.check_restorable(source)
        except TrialTrackerError as exc:
            warn(self._window, self.tr("Cannot restore: {error}").format(error=exc), title=self.tr("Restore"))
            return False
        self.restoreRequested.emit(source)
        return True

    def export_to(self, target: Path, fmt: str) -> Task[Path]:
        """Write the export of ``fmt`` to ``target`` (whole, or not at all) in the background."""
        return self._tasks.submit(
            lambda _ctx: exchange.export_to_file(self._lib, fmt, target), lane=Lane.DB, name="export",
            on_done=lambda path: self.message.emit(self.tr("Exported to {file}").format(file=path), 10_000),
            on_error=lambda exc: self._failed(self.tr("Export failed"), exc),
        )  # fmt: skip

    def import_from(self, source: Path) -> Task[tuple[exchange.ImportOutcome, Snapshot]]:
        """Merge a bundle or track the NCT IDs of a file, in one transaction, then read every row again:
        both in the background (10,000 imported trials must not freeze the window)."""

        def work(_ctx: TaskContext) -> tuple[exchange.ImportOutcome, Snapshot]:
            return exchange.import_file(self._lib, source), self._data.load_snapshot()

        return self._tasks.submit(
            work, lane=Lane.DB, name="import", on_done=self._imported,
            on_error=lambda exc: self._failed(self.tr("Import failed"), exc),
        )  # fmt: skip

    def back_up(self) -> Task[Path]:
        return self._tasks.submit(
            lambda _ctx: backups.backup_now(self._lib.settings), lane=Lane.DB, name="back up",
            on_done=lambda path: self.message.emit(self.tr("Backup written: {0}").format(path), 10_000),
            on_error=lambda exc: self._failed(self.tr("Backup failed"), exc),
        )  # fmt: skip

    def _imported(self, done: tuple[exchange.ImportOutcome, Snapshot]) -> None:
        outcome, snapshot = done
        parts = [
            self.tr("%n added", "", len(outcome.added)),
            self.tr("%n already tracked", "", len(outcome.already)),
        ]
        if outcome.kind == "bundle":
            parts.append(self.tr("%n note(s) added", "", outcome.notes_added))
        self.message.emit(self.tr("Imported: {0}").format(", ".join(parts)), 15_000)
        self.imported.emit(snapshot)

    def _failed(self, title: str, exc: Exception) -> None:
        if isinstance(exc, TrialTrackerError | OSError):
            warn(self._window, f"{title}: {exc}", title=title)
        else:
            raise exc
