"""Tick-boxes for the registry's overall statuses, shared by Discover and the saved-search form."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from trialtracker.domain.statuses import STATUSES

COLUMNS = 3


class StatusPicker(QWidget):
    """One box per status in :data:`STATUSES`; none ticked means "any status" (the hint says so)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for index, info in enumerate(STATUSES):
            box = QCheckBox(info.label)
            self.boxes[info.code] = box
            grid.addWidget(box, index // COLUMNS, index % COLUMNS)
        hint = QLabel(self.tr("None ticked: any status."))
        palette = hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        hint.setPalette(palette)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(grid)
        layout.addWidget(hint)

    def selected(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def select(self, codes: Sequence[str]) -> None:
        wanted = set(codes)
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)
