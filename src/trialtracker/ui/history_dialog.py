"""Trial ▸ History…: every change we recorded for one trial, reviewed or not, newest first, under its
timeline strip. The trial page shows only what is new; this is the whole record (``trialtracker history``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.fields import FIRST_FETCH, change_value, field_label
from trialtracker.services.views import ChangeView, TrialDetail
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP
from trialtracker.ui.timeline_strip import TimelineStrip, timeline_marks

COLUMNS = (
    QT_TRANSLATE_NOOP("HistoryDialog", "Seen"),
    QT_TRANSLATE_NOOP("HistoryDialog", "What changed"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Before"),
    QT_TRANSLATE_NOOP("HistoryDialog", "After"),
    QT_TRANSLATE_NOOP("HistoryDialog", "Registry update"),
)
COL_SEEN, COL_FIELD, COL_OLD, COL_NEW, COL_UPDATE = range(len(COLUMNS))
LEGEND = QT_TRANSLATE_NOOP("HistoryDialog", "● actual date   ○ estimated date   | status change   ┆ today")


def change_cells(change: ChangeView) -> list[str]:
    """One history line in words: when we saw it, the field, before and after, the registry's date."""
    seen = change.detected_at.astimezone(dt.UTC).strftime("%Y-%m-%d")
    if change.field == FIRST_FETCH:
        status = QCoreApplication.translate("HistoryDialog", "status {0}").format(
            change_value(FIRST_FETCH, change.new)
        )
        return [seen, field_label(FIRST_FETCH), "—", status, change.registry_update or "—"]
    return [seen, field_label(change.field), change_value(change.field, change.old),
            change_value(change.field, change.new), change.registry_update or "—"]  # fmt: skip


class HistoryDialog(QDialog):
    """The whole change history of one tracked trial (a picture of it when opened)."""

    def __init__(self, detail: TrialDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of {nct}").format(nct=detail.nct_id))
        self.resize(900, 520)
        title = QLabel(detail.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)

        self.strip = TimelineStrip()
        self.strip.set_marks(timeline_marks(detail.dates, detail.changes))
        legend = QLabel(self.tr(LEGEND))
        legend.setTextFormat(Qt.TextFormat.PlainText)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(name) for name in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(self.tr("Every recorded change"))
        self.tree.setWordWrap(True)
        header = self.tree.header()
        for col in (COL_SEEN, COL_UPDATE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (COL_FIELD, COL_OLD, COL_NEW):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for change in reversed(detail.changes):  # newest first
            item = QTreeWidgetItem(change_cells(change))
            for col in range(len(COLUMNS)):
                item.setToolTip(col, item.text(col))
            if not change.reviewed and change.field != FIRST_FETCH:
                for col in range(len(COLUMNS)):
                    item.setFont(col, bold)
                item.setText(COL_SEEN, self.tr("{date} · new").format(date=item.text(COL_SEEN)))
            self.tree.addTopLevelItem(item)
        n = len(detail.changes)
        summary = QLabel(
            self.tr(
                "%n change(s) recorded since you started tracking this trial; "
                "the ones you have not reviewed yet are in bold.",
                "",
                n,
            )
            if n
            else self.tr("No changes recorded yet: refresh to fetch this trial from the registry.")
        )
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.strip)
        layout.addWidget(legend)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
