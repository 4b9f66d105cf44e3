"""The trial table view: default columns, the header's show/hide menu, the row menu, and selection helpers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from trialtracker.services.listing import TrialRow
from trialtracker.ui.status_badge import StatusBadgeDelegate
from trialtracker.ui.trial_filter import TrialFilterProxy
from trialtracker.ui.trial_model import (
    COL_CELL_TYPE,
    COL_CHANGES,
    COL_LAST_REFRESHED,
    COL_LAST_UPDATE,
    COL_MS_TYPE,
    COL_NCT,
    COL_NEAREST,
    COL_NOTES,
    COL_PHASE,
    COL_STAR,
    COL_STATUS,
    COL_TAGS,
    COL_TITLE,
    HEADERS,
    STATUS_ROLE,
    TrialTableModel,
    header_text,
)

COLUMN_WIDTHS = {
    COL_STAR: 30,
    COL_NCT: 108,
    COL_TITLE: 300,
    COL_STATUS: 160,
    COL_PHASE: 120,
    COL_CELL_TYPE: 74,
    COL_MS_TYPE: 120,
    COL_LAST_UPDATE: 128,
    COL_LAST_REFRESHED: 110,
    COL_CHANGES: 68,
    COL_NOTES: 54,
    COL_TAGS: 140,
    COL_NEAREST: 104,
}
#: The nearest open site shows once a home place is set (:meth:`TrialTable.show_distances`).
HIDDEN_BY_DEFAULT = (COL_MS_TYPE, COL_LAST_REFRESHED, COL_PHASE, COL_LAST_UPDATE, COL_TAGS, COL_NEAREST)
_ROWS = QItemSelectionModel.SelectionFlag.Rows


class TrialTable(QTableView):
    """The trials through the filter proxy; selection is always by row, read as :class:`TrialRow`.

    Signals: those of ``QTableView`` (``selectionModel().selectionChanged``,
    ``doubleClicked``). The row menu shows the actions given to
    :meth:`set_row_actions`. UI thread only.
    """

    def __init__(
        self, model: TrialTableModel, proxy: TrialFilterProxy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._row_actions: list[QAction | None] = []
        self.setObjectName("trialTable")
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the trial page and notes
        self.setAccessibleName(self.tr("Tracked trials"))
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.setItemDelegateForColumn(COL_STATUS, StatusBadgeDelegate(STATUS_ROLE, parent=self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._row_menu)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.apply_default_columns()

    def set_row_actions(self, actions: Sequence[QAction | None]) -> None:
        """The row menu's entries (None: a separator)."""
        self._row_actions = list(actions)

    # -- columns -----------------------------------------------------------------------------

    def apply_default_columns(self) -> None:
        header = self.horizontalHeader()
        for col, width in COLUMN_WIDTHS.items():
            header.resizeSection(col, width)
            header.setSectionHidden(col, col in HIDDEN_BY_DEFAULT)
        for col in (COL_STAR, COL_CHANGES, COL_NOTES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(28)
        header.moveSection(header.visualIndex(COL_STAR), 0)
        header.moveSection(header.visualIndex(COL_NEAREST), header.visualIndex(COL_STATUS) + 1)
        self.sortByColumn(COL_NCT, Qt.SortOrder.AscendingOrder)

    def show_distances(self, shown: bool) -> None:
        """Show the "Nearest open site" column when a home place is set, hide it when none is."""
        self.horizontalHeader().setSectionHidden(COL_NEAREST, not shown)

    @Slot()
    def reset_columns(self) -> None:
        header = self.horizontalHeader()
        for visual, logical in enumerate(range(header.count())):
            header.moveSection(header.visualIndex(logical), visual)
        self.apply_default_columns()

    @Slot(QPoint)
    def _header_menu(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        for col in HEADERS:
            if col == COL_NCT:
                continue
            action = menu.addAction(self.tr("Starred") if col == COL_STAR else header_text(col) or "")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.addSeparator()
        reset = menu.addAction(self.tr("Reset columns"))
        reset.triggered.connect(self.reset_columns)
        menu.popup(header.mapToGlobal(pos))

    @Slot(QPoint)
    def _row_menu(self, pos: QPoint) -> None:
        if not self.selected_rows():
            return
        menu = QMenu(self)
        for action in self._row_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.viewport().mapToGlobal(pos))

    # -- selection -----------------------------------------------------------------------------

    def proxy_index(self, nct_id: str, column: int = COL_NCT) -> QModelIndex:
        """Where ``nct_id`` is shown (invalid if it is not in the model or filtered out)."""
        row = self._model.row_of(nct_id)
        if row < 0:
            return QModelIndex()
        return self._proxy.mapFromSource(self._model.index(row, column))

    def selected_rows(self) -> list[TrialRow]:
        selection = self.selectionModel()
        indexes = selection.selectedRows(COL_NCT) if selection is not None else []
        rows = [self._model.row_at(self._proxy.mapToSource(i).row()) for i in indexes]
        return sorted(rows, key=lambda r: r.nct_id)

    def selected_ids(self) -> list[str]:
        return [r.nct_id for r in self.selected_rows()]

    def current_id(self) -> str | None:
        """The current row's NCT ID if it is selected, else the first selected one."""
        index = self.currentIndex()
        if index.isValid() and self.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return self._model.row_at(self._proxy.mapToSource(index).row()).nct_id
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select(self, nct_id: str) -> bool:
        """Make ``nct_id`` the only selected row and scroll to it; False if it is not shown."""
        index = self.proxy_index(nct_id)
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | _ROWS
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def restore_selection(self, selected: Sequence[str], current: str | None) -> None:
        """Select ``selected`` again (those still shown) without a selection signal per row.

        The caller refreshes what depends on the selection afterwards.
        """
        selection = self.selectionModel()
        selection.blockSignals(True)
        try:
            selection.clearSelection()
            first: QModelIndex | None = None
            for nct in selected:
                index = self.proxy_index(nct)
                if index.isValid():
                    selection.select(index, QItemSelectionModel.SelectionFlag.Select | _ROWS)
                    if nct == current or first is None:
                        first = index
            if first is not None:
                selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.viewport().update()
