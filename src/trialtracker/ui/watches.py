"""Watches ▸ Manage…, Run now and New candidates: the saved searches the command line keeps, in the window.

A watch is a registry search saved from the Discover dialog; every full refresh runs it again and lists
trials it has not seen before as candidates (the sidebar's "New candidates"). The list is read on the
task runner's database lane, a run goes on its network lane (it can be cancelled and never freezes the
window), and the candidates it finds are added to the table as rows (no full reload).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.statuses import status_label
from trialtracker.services import discovery
from trialtracker.services.discovery import WatchRun
from trialtracker.services.views import WatchView
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP
from trialtracker.ui.data_access import DataAccess
from trialtracker.ui.i18n import Words
from trialtracker.ui.plain import ask, bring_to_front, warn
from trialtracker.ui.tasks import Lane, Task, TaskCancelled, TaskContext, TaskRunner, expected_failure
from trialtracker.ui.watch_form import WatchChange, WatchForm

COLUMNS = (
    QT_TRANSLATE_NOOP("Watches", "Name"),
    QT_TRANSLATE_NOOP("Watches", "Condition"),
    QT_TRANSLATE_NOOP("Watches", "Intervention"),
    QT_TRANSLATE_NOOP("Watches", "Statuses"),
    QT_TRANSLATE_NOOP("Watches", "Last run"),
    QT_TRANSLATE_NOOP("Watches", "New"),
)
COL_NAME, COL_COND, COL_INTR, COL_STATUSES, COL_LAST_RUN, COL_NEW = range(len(COLUMNS))
INTRO_TEXT = QT_TRANSLATE_NOOP(
    "Watches",
    "Each saved search runs again after every full refresh. Trials it finds that you do not track yet "
    "are listed under “New candidates”, where you can track or dismiss them."
)
EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "Watches",
    "No saved searches yet. Use “New…” to search the registry, then “Save as watch…” in that "
    "dialog: the search then runs again after every full refresh."
)


class Watches(Words):
    """The translation context of this window's words outside its classes (see :class:`Words`)."""


def last_run_text(watch: WatchView) -> str:
    """``2026-12-03 14:05 UTC · 12 found``, ``failed: …`` (the last try failed) or ``never``."""
    if watch.last_error:
        return Watches.tr("failed: {0}").format(watch.last_error)
    if watch.last_run_at is None:
        return Watches.tr("never")
    when = watch.last_run_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if watch.last_total is None:
        return Watches.tr("{0} · ? found").format(when)
    return Watches.tr("{0} · %n found", "", watch.last_total).format(when)


def watch_run_message(run: WatchRun) -> str:
    """One status-bar line about a run of every watch."""
    n = len(run.new)
    if n:
        text = Watches.tr("Saved searches found %n new candidate(s)", "", n)
    else:
        text = Watches.tr("No new candidates")
    if run.errors:
        text += Watches.tr("; %n search(es) failed: {0}", "", len(run.errors)).format(run.errors[0])
    return text


class WatchesDialog(QDialog):
    """Every saved search, with buttons to make a new one, run them all, remove one, or see what they found.

    Signals:
        listed()                  -- the list was read (again)
        newRequested()            -- "New…": the window opens the Discover dialog
        candidatesRequested()     -- "Show candidates": the window shows its "New candidates" list

    Threading rules: UI thread only; reads and removals go through ``controller``'s runner.
    """

    listed = Signal()
    newRequested = Signal()
    candidatesRequested = Signal()

    def __init__(self, controller: WatchActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Saved searches (watches)"))
        self.resize(860, 380)
        self._controller = controller
        self.watches: list[WatchView] = []

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([Watches.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(self.tr("Saved searches"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col in (COL_NAME, COL_COND, COL_INTR):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for col in (COL_STATUSES, COL_LAST_RUN, COL_NEW):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(Watches.tr(EMPTY_TEXT))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)

        self.new_button = QPushButton(self.tr("&New…"))
        self.new_button.setToolTip(self.tr("Search the registry; save the search from there"))
        self.run_button = QPushButton(self.tr("&Run all now"))
        self.run_button.setToolTip(self.tr("Search the registry again for every saved search"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Rename the selected saved search or change what it looks for"))
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.remove_button.setToolTip(
            self.tr("Delete the selected saved search and the candidates only it found")
        )
        self.candidates_button = QPushButton(self.tr("Show &candidates"))
        self.candidates_button.setToolTip(
            self.tr("Show the trials the searches found that you have not decided on")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.new_button, self.edit_button, self.run_button, self.remove_button,
                       self.candidates_button):  # fmt: skip
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.new_button.clicked.connect(self.newRequested)
        self.run_button.clicked.connect(self.run_now)
        self.edit_button.clicked.connect(self.edit_selected)
        self.tree.itemActivated.connect(lambda *_: self.edit_selected())
        self.remove_button.clicked.connect(self.remove_selected)
        self.candidates_button.clicked.connect(self.candidatesRequested)

        intro = QLabel(Watches.tr(INTRO_TEXT))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        controller.changed.connect(self.reload)
        controller.running.connect(self._update_buttons)
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> Task[list[WatchView]]:
        return self._controller.read_watches(self._show)

    def _show(self, watches: list[WatchView]) -> None:
        selected = self.selected_name()
        self.watches = watches
        self.tree.clear()
        for watch in watches:
            statuses = ", ".join(status_label(s) for s in watch.statuses) or self.tr("any")
            item = QTreeWidgetItem([watch.name, watch.cond or "—", watch.intr or "—", statuses,
                                    last_run_text(watch), str(watch.new_candidates)])  # fmt: skip
            item.setTextAlignment(COL_NEW, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(COL_LAST_RUN, last_run_text(watch))
            self.tree.addTopLevelItem(item)
            if watch.name == selected:
                item.setSelected(True)
        first = self.tree.topLevelItem(0)
        if first is not None and not self.tree.selectedItems():
            first.setSelected(True)
        self.empty.setVisible(not watches)
        self.tree.setVisible(bool(watches))
        self._update_buttons()
        self.listed.emit()

    def selected_name(self) -> str | None:
        items = self.tree.selectedItems()
        return items[0].text(COL_NAME) if items else None

    def _update_buttons(self) -> None:
        running = self._controller.is_running
        self.run_button.setEnabled(bool(self.watches))
        self.run_button.setText(self.tr("&Stop") if running else self.tr("&Run all now"))
        self.remove_button.setEnabled(self.selected_name() is not None)
        self.edit_button.setEnabled(self.selected_name() is not None)
        self.candidates_button.setEnabled(any(w.new_candidates for w in self.watches))

    # -- acting --------------------------------------------------------------------------------

    def run_now(self) -> None:
        """Run every search, or stop the run in progress (the same button)."""
        if self._controller.is_running:
            self._controller.stop()
        else:
            self._controller.run_now()

    def edit_selected(self) -> WatchForm | None:
        """Open the form for the selected search (modal to this dialog); None when nothing is selected."""
        name = self.selected_name()
        watch = next((w for w in self.watches if w.name == name), None)
        if watch is None:
            return None
        form = WatchForm(watch, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.submitted.connect(lambda change: self._controller.edit(watch.name, change, form.saved,
                                                                    form.show_error))  # fmt: skip
        form.open()
        return form

    def remove_selected(self) -> None:
        items = self.tree.selectedItems()
        if not items:
            return
        name = items[0].text(COL_NAME)
        answer = ask(self, self.tr("Remove saved search"),
                     self.tr("Remove the saved search “{0}”? Trials you track stay tracked; candidates only "
                             "this search found are forgotten.").format(name))  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._controller.remove(name)


class WatchActions(QObject):
    """The window's saved-search actions and the work behind the Watches dialog.

    Signals:
        changed()              -- a watch was removed or run: lists of watches should be read again
        running()              -- a run started or ended (see ``is_running``)
        candidatesFound(list)  -- NCT IDs a run listed as new candidates (the window adds their rows)
        removed()              -- a watch is gone, and candidates only it found (the window re-reads them)
        newRequested()         -- the dialog's "New…" (the window opens Discover)
        candidatesRequested()  -- the dialog's "Show candidates"
        message(str, int)      -- a status-bar line and its timeout (ms)
    """

    changed = Signal()
    running = Signal()
    candidatesFound = Signal(list)
    removed = Signal()
    newRequested = Signal()
    candidatesRequested = Signal()
    message = Signal(str, int)

    def __init__(self, data: DataAccess, tasks: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._lib = data.lib
        self._tasks = tasks
        self._window = window
        self._run: Task[WatchRun] | None = None
        self.dialog: WatchesDialog | None = None

    @property
    def is_running(self) -> bool:
        return self._run is not None

    def manage(self) -> WatchesDialog:
        """Open (or raise) the Watches dialog; it is not modal, so the table stays usable."""
        if self.dialog is None:
            self.dialog = WatchesDialog(self, self._window)
            self.dialog.finished.connect(self._forget_dialog)
            self.dialog.newRequested.connect(self.newRequested)
            self.dialog.candidatesRequested.connect(self.candidatesRequested)
        bring_to_front(self.dialog)
        return self.dialog

    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def read_watches(self, then: Callable[[list[WatchView]], None]) -> Task[list[WatchView]]:
        what = self.tr("read the saved searches")
        return self._tasks.submit(lambda _ctx: discovery.list_watches(self._lib), lane=Lane.DB, name=what,
                                  on_done=then, on_error=lambda exc: self._failed(what, exc))  # fmt: skip

    def run_now(self) -> Task[WatchRun]:
        """Run every saved search on the network lane (after a refresh in progress; :meth:`stop` ends it)."""
        if self._run is not None:
            return self._run

        def work(ctx: TaskContext) -> WatchRun:
            return discovery.run_watches_now(self._lib, cancel=ctx.token)

        self.message.emit(self.tr("Running the saved searches…"), 0)
        what = self.tr("run the saved searches")
        self._run = self._tasks.submit(
            work, lane=Lane.NET, name="run the saved searches", on_done=self._ran,
            on_error=lambda exc: self._failed(what, exc), on_finished=self._run_ended,
        )  # fmt: skip
        self.running.emit()
        return self._run

    def stop(self) -> None:
        if self._run is not None:
            self._run.cancel()

    def _ran(self, run: WatchRun) -> None:
        self.message.emit(watch_run_message(run), 10_000)
        if run.new:
            self.candidatesFound.emit(list(run.new))

    def _run_ended(self) -> None:
        self._run = None
        self.running.emit()
        self.changed.emit()

    def edit(
        self, name: str, change: WatchChange, on_saved: Callable[[], None], on_refused: Callable[[str], None]
    ) -> Task[WatchView]:
        """Save ``change`` to the search called ``name``; a refusal goes to ``on_refused`` (the form)."""

        def work(_ctx: TaskContext) -> WatchView:
            return discovery.edit_watch(self._lib, name, name=change.name, cond=change.cond,
                                        intr=change.intr, statuses=list(change.statuses))  # fmt: skip

        def saved(watch: WatchView) -> None:
            self.message.emit(self.tr("Saved the search “{0}”").format(watch.name), 8000)
            on_saved()
            self.changed.emit()

        def failed(exc: Exception) -> None:
            if expected_failure(exc):
                on_refused(self.tr("Not saved: {0}").format(exc))
            else:
                on_refused(self.tr("Not saved: an unexpected error (see the log)"))

        return self._tasks.submit(work, lane=Lane.DB, name="edit a saved search", on_done=saved,
                                  on_error=failed)  # fmt: skip

    def remove(self, name: str) -> Task[str]:
        def removed(gone: str) -> None:
            self.message.emit(self.tr("Removed the saved search “{0}”").format(gone), 8000)
            self.changed.emit()
            self.removed.emit()

        what = self.tr("remove the saved search")
        return self._tasks.submit(lambda _ctx: discovery.remove_watch(self._lib, name), lane=Lane.DB,
                                  name=what, on_done=removed,
                                  on_error=lambda exc: self._failed(what, exc))  # fmt: skip

    def _failed(self, what: str, exc: Exception) -> None:
        if isinstance(exc, TaskCancelled):
            self.message.emit(self.tr("Stopped the saved searches"), 8000)
        elif expected_failure(exc):  # the registry or the database said no: say so (a bug: the crash handler)
            self.message.emit(self.tr("Could not {0}").format(what), 8000)
            warn(self._window, self.tr("Could not {0}: {1}").format(what, exc))
