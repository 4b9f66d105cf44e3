"""The calm strip at the top of the table that says how a refresh went, and what to do next."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class BannerKind(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"


#: (background, text, border) for light and dark palettes.
_COLOURS = {
    (BannerKind.WARNING, False): ("#fff4d6", "#5a3a00", "#e8c66a"),
    (BannerKind.WARNING, True): ("#4d3a0f", "#ffe7a8", "#8a6a1f"),
    (BannerKind.INFO, False): ("#e5f3fb", "#0b3a52", "#9fcbe3"),
    (BannerKind.INFO, True): ("#17384a", "#d6efff", "#2f6a8a"),
}


class Banner(QFrame):
    """A dismissible strip at the top of the table: refresh outcome and what to do next.

    Signals: none of its own; the buttons are public (``show_button``,
    ``review_button``, ``retry_button``) and the owner connects their ``clicked``.
    ``close_button`` hides the banner. UI thread only.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Show changed trials"))
        self.review_button = QPushButton(self.tr("Mark all reviewed"))
        self.retry_button = QPushButton(self.tr("Try again"))
        self.fetch_button = QPushButton(self.tr("Fetch current statuses"))
        self.fetch_button.setToolTip(self.tr("Refresh every tracked trial from ClinicalTrials.gov now"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take it back (Edit ▸ Undo)"))
        self.close_button = QPushButton(self.tr("✕"))
        self.close_button.setObjectName("bannerClose")
        self.close_button.setFlat(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        for button in (self.show_button, self.review_button, self.retry_button, self.fetch_button,
                       self.undo_button, self.close_button):  # fmt: skip
            layout.addWidget(button)
        self._kind = BannerKind.INFO
        self.hide()

    def recolour(self) -> None:
        """Colour the strip for the app's palette now (the window calls it when light or dark changes)."""
        # The app's palette: this widget's own follows its style sheet (always the last colours set).
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        bg, fg, border = _COLOURS[(self._kind, dark)]
        sheet = (
            f"QFrame#banner {{ background: {bg}; border: 1px solid {border}; border-radius: 6px; }}"
            f"QLabel#bannerText {{ color: {fg}; }}"
        )
        if sheet != self.styleSheet():  # a style sheet change is a palette change too: set it once
            self.setStyleSheet(sheet)

    def show_message(
        self, text: str, kind: BannerKind = BannerKind.INFO, *, changes: bool = False, retry: bool = False,
        fetch: bool = False, undo: bool = False,
    ) -> None:  # fmt: skip
        self._kind = BannerKind(kind)
        self.recolour()
        self.label.setText(text)
        self.show_button.setVisible(changes)
        self.review_button.setVisible(changes)
        self.retry_button.setVisible(retry)
        self.fetch_button.setVisible(fetch)
        self.undo_button.setVisible(undo)
        self.show()
