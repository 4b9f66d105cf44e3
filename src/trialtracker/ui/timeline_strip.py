"""A trial's life on one line: start → primary completion → completion, and each status change seen.

Drawn with QPainter (no chart library): a horizontal axis over the years the dates span, a filled dot
for a date the registry calls actual and a hollow one for an estimate, a tick above the axis for each
status change we recorded (at the registry's update date when known), and a dashed line for today.
Every mark is also said in words: the widget's tooltip and accessible description list them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from trialtracker.domain.fields import FIRST_FETCH, STATUS_FIELD, change_value
from trialtracker.domain.records import ACTUAL
from trialtracker.services.views import ChangeView, DateFact
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP

#: The milestones, with the short names drawn under the axis (translated when the marks are made).
MILESTONES = (
    ("start_date", QT_TRANSLATE_NOOP("TimelineStrip", "Start")),
    ("primary_completion_date", QT_TRANSLATE_NOOP("TimelineStrip", "Main results")),
    ("completion_date", QT_TRANSLATE_NOOP("TimelineStrip", "End")),
)
MARGIN = 14
DOT = 5.0


@dataclass(frozen=True)
class Mark:
    """One point on the strip: a milestone (``actual`` or not) or a status change (``status``)."""

    when: dt.date
    label: str
    detail: str
    actual: bool = True
    status: bool = False


def registry_date(text: str | None) -> dt.date | None:
    """``2019``, ``2019-03`` or ``2019-03-14`` as a date (the first day of that year or month)."""
    if not text:
        return None
    parts = text.split("-")
    try:
        year, month, day = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                            int(parts[2]) if len(parts) > 2 else 1)  # fmt: skip
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def timeline_marks(dates: dict[str, DateFact], changes: Sequence[ChangeView]) -> list[Mark]:
    """The strip's marks, oldest first: the three milestones that have a date, and every status change."""
    translate = QCoreApplication.translate
    marks: list[Mark] = []
    for field, milestone in MILESTONES:
        fact = dates.get(field)
        when = registry_date(fact.date if fact else None)
        if fact is not None and when is not None:
            name, actual = translate("TimelineStrip", milestone), fact.type == ACTUAL
            if actual:
                said = translate("TimelineStrip", "{name}: {date} (actual)")
            else:
                said = translate("TimelineStrip", "{name}: {date} (estimated)")
            marks.append(Mark(when, name, said.format(name=name, date=fact.date), actual=actual))
    for change in changes:
        if change.field not in (STATUS_FIELD, FIRST_FETCH):
            continue
        when = registry_date(change.registry_update) or change.detected_at.date()
        status = change_value(STATUS_FIELD, change.new)
        if change.field == STATUS_FIELD:
            said = translate("TimelineStrip", "{date}: Status {status}")
        else:
            said = translate("TimelineStrip", "{date}: First seen as {status}")
        marks.append(Mark(when, status, said.format(date=when.isoformat(), status=status), status=True))
    return sorted(marks, key=lambda m: (m.when, m.status))


def describe(marks: list[Mark]) -> str:
    """The marks in words, one per line (the tooltip and what a screen reader says)."""
    if not marks:
        return QCoreApplication.translate("TimelineStrip", "No dates known yet.")
    return "\n".join(m.detail for m in marks)


class TimelineStrip(QWidget):
    """The strip for one trial; :meth:`set_marks` with :func:`timeline_marks`. Hidden marks: no strip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.today = dt.date.today()
        self.setAccessibleName(self.tr("Timeline"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_marks(self, marks: list[Mark], today: dt.date | None = None) -> None:
        self.marks = marks
        self.today = today or dt.date.today()
        text = describe(marks)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self._small_font()).height()
        return QSize(320, int(self._axis_y(line) + DOT + 2 + 3 * line + MARGIN // 2))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

    @staticmethod
    def _axis_y(line: int) -> float:
        return MARGIN // 2 + 2 * line + 8  # two rows of status labels above the axis

    def _span(self) -> tuple[dt.date, dt.date]:
        days = [m.when for m in self.marks] + [self.today]
        first, last = min(days), max(days)
        if (last - first).days < 60:  # one date, or a few close together: a little room on both sides
            first, last = first - dt.timedelta(days=30), last + dt.timedelta(days=30)
        return first, last

    def position(self, day: dt.date) -> QPointF:
        """Where ``day`` lies on the axis, in widget pixels."""
        first, last = self._span()
        left, right = float(MARGIN), float(self.width() - MARGIN)
        x = left + (day - first).days * (right - left) / max(1, (last - first).days)
        return QPointF(x, self._axis_y(QFontMetrics(self._small_font()).height()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.marks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        font = self._small_font()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        line = metrics.height()
        axis_y = self._axis_y(line)
        below = axis_y + DOT + 2
        left, right = float(MARGIN), float(self.width() - MARGIN)
        first, last = self._span()

        def x_of(day: dt.date) -> float:
            return self.position(day).x()

        painter.setPen(QPen(faint, 1))
        painter.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
        for year in range(first.year + 1, last.year + 1):  # a small notch at each new year
            x = x_of(dt.date(year, 1, 1))
            painter.drawLine(QPointF(x, axis_y - 3), QPointF(x, axis_y + 3))
        today_x = x_of(self.today)
        painter.setPen(QPen(faint, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(today_x, axis_y - 8), QPointF(today_x, below + 2 * line))
        self._label(painter, metrics, self.tr("today"), today_x, below + 2 * line, faint)

        above_rows: list[list[tuple[float, float]]] = []
        below_rows: list[list[tuple[float, float]]] = []
        for mark in self.marks:
            x = x_of(mark.when)
            if mark.status:
                painter.setPen(QPen(accent, 2))
                painter.drawLine(QPointF(x, axis_y - 8), QPointF(x, axis_y))
                self._label(
                    painter, metrics, mark.label, x, axis_y - 8 - line, ink, rows=above_rows, step=-line
                )
            else:
                painter.setPen(QPen(ink, 1.5))
                painter.setBrush(ink if mark.actual else Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(x, axis_y), DOT, DOT)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                text = f"{mark.label} {mark.when.year}"
                self._label(painter, metrics, text, x, below, ink, rows=below_rows, step=line)
        painter.end()

    def _label(
        self, painter: QPainter, metrics: QFontMetrics, text: str, x: float, top: float, colour: QColor,
        *, rows: list[list[tuple[float, float]]] | None = None, step: int = 0,
    ) -> None:  # fmt: skip
        """Draw ``text`` centred on ``x``, kept inside the widget; with ``rows`` (the labels already on
        each row), on the first row where it overlaps none, ``step`` pixels per row (two rows at most)."""
        width = metrics.horizontalAdvance(text) + 6
        left = min(max(0.0, x - width / 2), self.width() - width)
        row = 0
        if rows is not None:
            while row < len(rows) and any(a < left + width and left < b for a, b in rows[row]):
                row += 1
            row = min(row, 1)
            while len(rows) <= row:
                rows.append([])
            rows[row].append((left, left + width))
        painter.setPen(colour)
        painter.drawText(QRectF(left, top + row * step, width, metrics.height()),
                         int(Qt.AlignmentFlag.AlignCenter), text)  # fmt: skip
