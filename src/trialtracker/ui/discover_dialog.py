"""The Discover dialog: search the registry for trials, track some, or save the search as a watch.

The search is a task on the network lane of a :class:`~trialtracker.ui.tasks.TaskRunner`
(the window's, or the dialog's own); the dialog only gets plain results back on
the UI thread. Cancel sets the task's token, which calls ``client.cancel()`` and
so interrupts waits and in-flight requests. Tracking the selected results is a
write on the database lane. Problems are shown inside the dialog, never as a
pile of message boxes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.errors import Cancelled, RegistryError
from trialtracker.domain.phases import phase_label
from trialtracker.domain.search import DEFAULT_CONDITION, DEFAULT_INTERVENTION
from trialtracker.domain.statuses import STATUSES, status_label
from trialtracker.services import discovery
from trialtracker.services.discovery import DEFAULT_MAX_RESULTS, Discovery, Found
from trialtracker.ui.data_access import DataAccess, RowsUpdate
from trialtracker.ui.plain import plain_tooltip
from trialtracker.ui.tasks import Lane, Task, TaskCancelled, TaskContext, TaskRunner, expected_failure

log = logging.getLogger(__name__)


STATUS_COLUMNS = 3
COL_ID, COL_TITLE, COL_STATUS, COL_PHASE, COL_TRACKED = range(5)
TRACKED_MARK = "✓"
_ID_ROLE = Qt.ItemDataRole.UserRole


def _coloured(label: QLabel, light: str, dark: str) -> None:
    palette = label.palette()
    is_dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor(dark if is_dark else light))
    label.setPalette(palette)


def _plain_label(word_wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(word_wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DiscoverDialog(QDialog):
    """Search ClinicalTrials.gov; track selected results or save the search as a watch.

    Signals:
        trialsAdded(list[str])  -- NCT IDs newly tracked from this dialog
        watchSaved(str)         -- the name of a newly saved watch
        searchFinished()        -- after results, an error or a cancel (handy for tests and the window)

    Threading rules: UI thread only. The search runs on ``runner``'s network lane
    (the window passes its own runner; without one the dialog makes its own),
    tracking on its database lane; closing the dialog cancels the search.
    """

    trialsAdded = Signal(list)
    watchSaved = Signal(str)
    searchFinished = Signal()

    def __init__(
        self,
        data: DataAccess,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Discover trials"))
        self.resize(920, 620)
        self._data = data
        self._runner = runner if runner is not None else TaskRunner(self)
        self._search: Task[Discovery] | None = None
        self._results: list[Found] = []
        self._tracked: set[str] = set()
        self.max_results = DEFAULT_MAX_RESULTS

        # -- search form ---------------------------------------------------------------
        self.condition = QLineEdit(DEFAULT_CONDITION)
        self.condition.setPlaceholderText(self.tr("e.g. multiple sclerosis (empty: any condition)"))
        self.intervention = QLineEdit(DEFAULT_INTERVENTION)
        self.intervention.setPlaceholderText(
            self.tr('e.g. mesenchymal OR "stem cell" (empty: any treatment)')
        )
        self.intervention.setCursorPosition(0)
        self.status_boxes: dict[str, QCheckBox] = {}
        status_grid = QGridLayout()
        status_grid.setContentsMargins(0, 0, 0, 0)
        status_grid.setHorizontalSpacing(16)
        status_grid.setVerticalSpacing(2)
        for index, info in enumerate(STATUSES):
            box = QCheckBox(info.label)
            self.status_boxes[info.code] = box
            status_grid.addWidget(box, index // STATUS_COLUMNS, index % STATUS_COLUMNS)
        status_hint = QLabel(self.tr("None ticked: any status."))
        hint_palette = status_hint.palette()
        hint_palette.setColor(
            QPalette.ColorRole.WindowText, hint_palette.color(QPalette.ColorRole.PlaceholderText)
        )
        status_hint.setPalette(hint_palette)
        status_box = QVBoxLayout()
        status_box.setSpacing(4)
        status_box.addLayout(status_grid)
        status_box.addWidget(status_hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Condition:"), self.condition)
        form.addRow(self.tr("&Intervention:"), self.intervention)
        form.addRow(self.tr("Status:"), status_box)

        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.start_search)
        self.cancel_button = QPushButton(self.tr("Cancel search"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_search)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.summary = _plain_label()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_button)
        search_row.addWidget(self.cancel_button)
        search_row.addWidget(self.busy)
        search_row.addWidget(self.summary, 1)

        # -- results -------------------------------------------------------------------
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("NCT ID"), self.tr("Title"), self.tr("Status"), self.tr("Phase"), self.tr("Tracked")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Studies found"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ID, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PHASE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TRACKED, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.error = _plain_label()
        _coloured(self.error, "#b3261e", "#ff8a80")
        self.error.hide()
        self.info = _plain_label()
        self.info.hide()

        # -- actions -------------------------------------------------------------------
        self.track_button = QPushButton(self.tr("&Track selected"))
        self.track_button.clicked.connect(self.track_selected)
        self.watch_button = QPushButton(self.tr("Save as &watch…"))
        self.watch_button.setToolTip(
            self.tr("Re-run this search on every refresh and list new matching trials as candidates")
        )
        self.watch_button.clicked.connect(self.save_as_watch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.track_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.watch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(search_row)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)

        self.condition.textChanged.connect(self._update_buttons)
        self.intervention.textChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- state -------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        return self._search is not None

    def selected_statuses(self) -> list[str]:
        return [status for status, box in self.status_boxes.items() if box.isChecked()]

    def set_statuses(self, statuses: Sequence[str]) -> None:
        wanted = set(statuses)
        for status, box in self.status_boxes.items():
            box.setChecked(status in wanted)

    def results(self) -> list[Found]:
        return list(self._results)

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids: list[str] = []
        for row in rows:
            item = self.table.item(row, COL_ID)
            if item is not None:
                ids.append(str(item.data(_ID_ROLE)))
        return ids

    def _query(self) -> tuple[str | None, str | None]:
        return self.condition.text().strip() or None, self.intervention.text().strip() or None

    def _update_buttons(self) -> None:
        cond, intr = self._query()
        busy = self.searching
        self.search_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.condition.setReadOnly(busy)
        self.intervention.setReadOnly(busy)
        untracked = [i for i in self.selected_ids() if i not in self._tracked]
        self.track_button.setEnabled(bool(untracked))
        self.watch_button.setEnabled(bool(cond or intr))

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _show_info(self, message: str | None) -> None:
        self.info.setText(message or "")
        self.info.setVisible(bool(message))

    # -- search ------------------------------------------------------------------------

    @Slot()
    def start_search(self) -> bool:
        """Start a search with the form's values; False if one is already running."""
        if self._search is not None:
            return False
        cond, intr = self._query()
        statuses, max_results = self.selected_statuses(), self.max_results
        self._show_error(None)
        self._show_info(None)
        self._results = []
        self._fill_table()

        def run(ctx: TaskContext) -> Discovery:
            return self._data.discover(ctx, cond, intr, statuses, max_results)

        self._search = self._runner.submit(
            run, lane=Lane.NET, name="discover", on_done=self._on_finished, on_error=self._on_error
        )
        self.summary.setText(self.tr("Searching ClinicalTrials.gov…"))
        self.busy.show()
        self._update_buttons()
        return True

    @Slot()
    def cancel_search(self) -> None:
        if self._search is not None:
            self.summary.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)
            self._search.cancel()

    def _on_finished(self, result: Discovery) -> None:
        self._search = None
        self._results = list(result.studies)
        self._tracked = {f.nct_id for f in result.studies if f.tracked}
        shown = len(result.studies)
        if result.total is None:
            text = self.tr("%n stud(y|ies) found", "", shown)
        else:
            text = self.tr("%n stud(y|ies) match(es|) in the registry", "", result.total)
            if shown < result.total:
                text += self.tr(" (showing the first %n)", "", shown)
        if self._tracked:
            text += self.tr("; you already track %n", "", len(self._tracked))
        self.summary.setText(text + ".")
        self._fill_table()
        self._finish_search()

    def _on_error(self, exc: Exception) -> None:
        self._search = None
        if isinstance(exc, Cancelled | TaskCancelled):
            self.summary.setText(self.tr("Search cancelled."))
        else:
            self.summary.setText("")
            if isinstance(exc, RegistryError):
                self._show_error(self.tr("The search failed: {error}").format(error=exc))
            else:
                log.error("discover failed", exc_info=exc)
                self._show_error(self.tr("The search failed unexpectedly: {error}").format(error=exc))
        self._finish_search()

    def _finish_search(self) -> None:
        self.busy.hide()
        self._update_buttons()
        self.searchFinished.emit()

    def _fill_table(self) -> None:
        table = self.table
        table.setSortingEnabled(False)
        table.clearContents()
        table.setRowCount(len(self._results))
        for row, found in enumerate(self._results):
            id_item = QTableWidgetItem(found.nct_id)
            id_item.setData(_ID_ROLE, found.nct_id)
            title_item = QTableWidgetItem(found.title)
            title_item.setToolTip(plain_tooltip(found.title))
            status_item = QTableWidgetItem(status_label(found.overall_status))
            phase_item = QTableWidgetItem(phase_label(found.phases))
            tracked_item = QTableWidgetItem()
            tracked_item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for col, item in enumerate((id_item, title_item, status_item, phase_item, tracked_item)):
                table.setItem(row, col, item)
            self._mark(row)
        # Keep the registry's order until the user clicks a column header.
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.scrollToTop()

    def _mark(self, row: int) -> None:
        id_item, tracked_item = self.table.item(row, COL_ID), self.table.item(row, COL_TRACKED)
        if id_item is None or tracked_item is None:
            return
        tracked = str(id_item.data(_ID_ROLE)) in self._tracked
        tracked_item.setText(TRACKED_MARK if tracked else "")
        tracked_item.setToolTip(self.tr("You track this trial") if tracked else "")

    def tracked_marker(self, nct_id: str) -> str:
        """The text in the "Tracked" column for ``nct_id`` ("" if absent or not tracked)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_ID)
            if item is not None and item.data(_ID_ROLE) == nct_id:
                marker = self.table.item(row, COL_TRACKED)
                return marker.text() if marker is not None else ""
        return ""

    # -- actions -------------------------------------------------------------------------

    @Slot()
    def track_selected(self) -> Task[RowsUpdate] | None:
        """Track the selected, untracked results (one write on the database lane).

        ``trialsAdded`` follows with the newly tracked IDs once they are stored.
        """
        ids = [i for i in self.selected_ids() if i not in self._tracked]
        if not ids:
            return None
        self._show_error(None)
        self.track_button.setEnabled(False)

        def run(_ctx: TaskContext) -> RowsUpdate:
            return self._data.add_trials(ids)

        return self._runner.submit(
            run, lane=Lane.DB, name="track", on_done=self._on_tracked, on_error=self._on_track_failed
        )

    def _on_tracked(self, result: RowsUpdate) -> None:
        self._tracked.update(result.done)
        self._tracked.update(result.already)
        for row in range(self.table.rowCount()):
            self._mark(row)
        added = list(result.done)
        if added:
            said = self.tr("Now tracking %n more trial(s): {ids}.", "", len(added))
            self._show_info(said.format(ids=", ".join(added)))
            self.trialsAdded.emit(added)
        else:
            self._show_info(self.tr("The selected trials were already tracked."))
        self._update_buttons()

    def _on_track_failed(self, exc: Exception) -> None:
        log.warning("track from discover failed: %s", exc)
        self._show_error(self.tr("Could not track the selected trials: {error}").format(error=exc))
        self._update_buttons()

    def ask_watch_name(self) -> str | None:
        """Ask for the watch's name (a modal input dialog); None if cancelled."""
        cond = self._query()[0]
        suggestion = cond or self.tr("Saved search")
        statuses = self.selected_statuses()
        if statuses:
            suggestion += f" ({', '.join(status_label(s).lower() for s in statuses[:2])}"
            suggestion += ", …)" if len(statuses) > 2 else ")"
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save as watch"),
            self.tr("Name of this saved search:"),
            QLineEdit.EchoMode.Normal,
            suggestion,
        )
        return name if ok else None

    @Slot()
    def save_as_watch(self) -> Task[str] | None:
        """Save the form's search as a watch, on the database lane (None: no name given). ``watchSaved``
        says the name once it is stored; a refusal (a name taken) is shown under the form."""
        cond, intr = self._query()
        name = self.ask_watch_name()
        if name is None:
            return None
        self._show_error(None)
        statuses = self.selected_statuses()

        def saved(stored: str) -> None:
            self._show_info(
                self.tr(
                    "Saved the search as “{name}”. It is re-run after every full refresh; new matching "
                    "trials are listed as candidates."
                ).format(name=stored)
            )
            self.watchSaved.emit(stored)

        def refused(exc: Exception) -> None:
            if not expected_failure(exc):
                return
            self._show_error(self.tr("Could not save the watch: {error}").format(error=exc))

        return self._runner.submit(
            lambda _ctx: discovery.add_watch(self._data.lib, name, cond, intr, statuses).name,
            lane=Lane.DB, name="save a watch", on_done=saved, on_error=refused,
        )  # fmt: skip

    # -- closing -----------------------------------------------------------------------

    def shutdown(self, msecs: int = 10_000) -> None:
        """Cancel a running search and wait for it to end (called when the dialog closes)."""
        search, self._search = self._search, None
        if search is not None:
            search.cancel(quiet=True)
            search.wait(msecs)
        self.busy.hide()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
