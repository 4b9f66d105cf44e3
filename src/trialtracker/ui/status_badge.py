"""The status badge: a rounded, coloured pill with the status in words.

Colours come in light/dark pairs chosen for contrast (text on badge well above
4.5:1 in both), picked by the lightness of the current palette's base colour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from trialtracker.domain.statuses import NOT_FOUND_LABEL, ColourRole, colour_role, status_label

#: colour role -> (light background, light text, dark background, dark text)
_COLOURS: dict[ColourRole, tuple[str, str, str, str]] = {
    ColourRole.RECRUITING: ("#d3f0db", "#0f4d23", "#1d4a2b", "#d2f5dc"),
    ColourRole.UPCOMING: ("#d6ecf5", "#0b4a63", "#163f52", "#d3eef9"),
    ColourRole.ACTIVE: ("#dfe3fa", "#23307a", "#2a3163", "#dde2ff"),
    ColourRole.PAUSED: ("#fbeccc", "#6b4200", "#5a4010", "#fde8c2"),
    ColourRole.COMPLETED: ("#e6e8eb", "#2f363d", "#3a4048", "#e6e8eb"),
    ColourRole.STOPPED: ("#f8dada", "#7a1c1c", "#5c2222", "#fbdada"),
    ColourRole.UNKNOWN: ("#eeeae2", "#4a4338", "#46413a", "#ece6da"),
    ColourRole.NONE: ("#e4e6e8", "#45494e", "#3b3f44", "#d4d7da"),
}
#: The status a view passes for a trial the registry no longer has (a STOPPED-coloured "Not found").
NOT_FOUND = "__NOT_FOUND__"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def badge_colours(status: str | None, dark: bool) -> tuple[QColor, QColor]:
    """(background, text) colours for ``status`` in a light or dark palette."""
    not_found = status == NOT_FOUND
    role = colour_role(None if not_found else status, not_found=not_found)
    light_bg, light_fg, dark_bg, dark_fg = _COLOURS[role]
    return (QColor(dark_bg), QColor(dark_fg)) if dark else (QColor(light_bg), QColor(light_fg))


def badge_text(status: str | None) -> str:
    return NOT_FOUND_LABEL if status == NOT_FOUND else status_label(status)


def paint_badge(painter: QPainter, rect: QRectF, status: str | None, palette: QPalette) -> None:
    """Paint a pill fitted to ``rect`` (left-aligned, vertically centred), text elided if needed."""
    background, foreground = badge_colours(status, is_dark(palette))
    text = badge_text(status)
    metrics = painter.fontMetrics()
    pad_x, height = 8.0, min(rect.height() - 4.0, metrics.height() + 6.0)
    available = int(rect.width() - 4.0 - 2 * pad_x)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(available, 0))
    width = metrics.horizontalAdvance(shown) + 2 * pad_x + 1
    pill = QRectF(rect.left() + 2.0, rect.center().y() - height / 2, max(width, 0.0), height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setPen(foreground)
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, shown)
    painter.restore()


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the status column as a badge; the status code comes from ``status_role``."""

    def __init__(self, status_role: int, not_found_role: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._status_role = status_role
        self._not_found_role = not_found_role

    def _status(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        if self._not_found_role is not None and index.data(self._not_found_role):
            return NOT_FOUND
        value = index.data(self._status_role)
        return str(value) if value is not None else None

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background/selection only; the badge is the text
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setFont(opt.font)
        rect = QRectF(opt.rect).adjusted(2, 1, -2, -1)
        paint_badge(painter, rect, self._status(index), opt.palette)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        metrics = option.fontMetrics
        return QSize(metrics.horizontalAdvance(badge_text(self._status(index))) + 24, size.height() + 4)


class StatusBadgeLabel(QLabel):
    """A clickable badge for the detail pane (plain text, never rich text)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("What does this status mean? (opens “Reading a trial record”)"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; Enter or Space opens the topic
        self.set_status(None)

    def set_status(self, status: str | None) -> None:
        # The app's palette: a label with a style sheet keeps the palette of its last sheet.
        background, foreground = badge_colours(status, is_dark(QGuiApplication.palette()))
        self.setText(badge_text(status))
        said = self.tr("Status: {status}. Press Enter to read what it means")
        self.setAccessibleName(said.format(status=badge_text(status)))
        self.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()}; "
            "border-radius: 10px; padding: 3px 10px; font-weight: 600; border: 2px solid transparent; }"
            f"QLabel:focus {{ border: 2px solid {foreground.name()}; }}"
        )
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().verticalPolicy())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
