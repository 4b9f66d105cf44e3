"""Toolbar icons: the desktop theme's where it has one, else our own line drawings in the text colour.

The drawings (``resources/icons/actions/<freedesktop name>.svg``) are stroked in ``currentColor``,
which Qt's SVG renderer does not know: it is replaced by the palette's text colour before rendering,
and the icons are drawn again when the palette changes (light or dark), so they always contrast.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from trialtracker.paths import resource

SIZES = (16, 22, 24, 32, 48, 64)


def bundled_icon(name: str, colour: QColor) -> QIcon:
    """Our drawing of ``name`` in ``colour`` (an empty icon if we have none)."""
    path = resource("icons", "actions", f"{name}.svg")
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def action_icon(name: str, colour: QColor) -> QIcon:
    """The theme's icon called ``name`` (a freedesktop name), else ours in ``colour``."""
    themed = QIcon.fromTheme(name)
    return themed if not themed.isNull() else bundled_icon(name, colour)


def apply_icons(named: Iterable[tuple[QAction, str]], colour: QColor) -> None:
    """Give each action its icon (again, after a palette change)."""
    for action, name in named:
        if name:
            action.setIcon(action_icon(name, colour))
