"""The row above the table: the search box, the status and cell-type boxes, and the count."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from trialtracker.domain.statuses import status_label, status_order
from trialtracker.domain.therapy import CELL_GROUP_LABELS, CellGroup
from trialtracker.ui.trial_filter import TrialFilterProxy


class FilterBar(QWidget):
    """Search words, status and cell-type group, applied straight to the table's proxy.

    Signals:
        filtersChanged()  -- the proxy's filters changed (the owner updates the empty state)

    UI thread only.
    """

    filtersChanged = Signal()

    def __init__(self, proxy: TrialFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search trials"))
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Search titles, sponsors, conditions, tags and your notes…  (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        # Every keystroke filters at once, at any size (the proxy narrows the rows it already shows).
        self.search.textChanged.connect(self.apply_search)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setToolTip(self.tr("Show only trials with this status"))
        # The statuses follow when the rows are read.
        self.status_filter.addItem(self.tr("All statuses"), None)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter)
        self._statuses: tuple[str, ...] | None = None
        self.cell_filter = QComboBox()
        self.cell_filter.setAccessibleName(self.tr("Filter by cell type"))
        self.cell_filter.setObjectName("cellFilter")
        self.cell_filter.setToolTip(self.tr("Show only one family of cell therapy"))
        self.cell_filter.addItem(self.tr("All cell types"), None)
        for group, label in CELL_GROUP_LABELS.items():
            self.cell_filter.addItem(label, group.name)
        self.cell_filter.currentIndexChanged.connect(self._on_cell_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.status_filter)
        layout.addWidget(self.cell_filter)
        layout.addWidget(self.count_label)

    # -- public API ------------------------------------------------------------------------

    def set_statuses(self, present: Iterable[str]) -> None:
        """Offer the statuses of the tracked trials (the box is kept as is when that set did not change)."""
        statuses = tuple(sorted(present, key=lambda c: (status_order(c), c)))
        if statuses == self._statuses:
            return
        self._statuses = statuses
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        try:
            self.status_filter.clear()
            self.status_filter.addItem(self.tr("All statuses"), None)
            for code in statuses:
                self.status_filter.addItem(status_label(code), code)
            index = self.status_filter.findData(current) if current else 0
            self.status_filter.setCurrentIndex(max(index, 0))
        finally:
            self.status_filter.blockSignals(False)
        if index < 0:  # the chosen status is gone
            self._proxy.set_status(None)
            self.filtersChanged.emit()

    def set_count(self, shown: int, tracked: int) -> None:
        if shown != tracked:
            self.count_label.setText(self.tr("{shown} of {tracked}").format(shown=shown, tracked=tracked))
        else:
            self.count_label.setText(self.tr("%n trial(s)", "", tracked))

    def words(self) -> str:
        return self.search.text().strip()

    @Slot()
    def clear(self) -> None:
        self.search.clear()
        self.apply_search()
        self.status_filter.setCurrentIndex(0)
        self.cell_filter.setCurrentIndex(0)

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def apply_search(self) -> None:
        """Filter by the search box now."""
        self._proxy.set_text(self.search.text())
        self.filtersChanged.emit()

    # -- internals -------------------------------------------------------------------------

    @Slot(int)
    def _on_status_filter(self, _index: int) -> None:
        data = self.status_filter.currentData()
        self._proxy.set_status(str(data) if data else None)
        self.filtersChanged.emit()

    @Slot(int)
    def _on_cell_filter(self, _index: int) -> None:
        data = self.cell_filter.currentData()
        self._proxy.set_cell_group(CellGroup[str(data)] if data else None)
        self.filtersChanged.emit()
