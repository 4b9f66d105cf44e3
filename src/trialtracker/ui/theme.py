"""Light, dark or the system's colours (Preferences), applied to the whole app at once.

Why explicit palettes: the platform's own dark mode is not available everywhere (and not in the
tests' offscreen platform), so "Light" and "Dark" are palettes of ours (Fusion's roles, readable
contrast); "System" puts back the palette the app started with and asks Qt to follow the desktop's
colour scheme. Widgets that draw with colours of their own repaint on the palette-change event.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from trialtracker.ui.action_table import QT_TRANSLATE_NOOP

SYSTEM, LIGHT, DARK = "system", "light", "dark"
#: The choices' names (translated where they are shown: ``QCoreApplication.translate("Theme", name)``).
THEMES = {
    SYSTEM: QT_TRANSLATE_NOOP("Theme", "Same as the system"),
    LIGHT: QT_TRANSLATE_NOOP("Theme", "Light"),
    DARK: QT_TRANSLATE_NOOP("Theme", "Dark"),
}

_ROLES = QPalette.ColorRole
#: role -> (light, dark)
_COLOURS: dict[QPalette.ColorRole, tuple[str, str]] = {
    _ROLES.Window: ("#efefef", "#2b2d30"), _ROLES.WindowText: ("#1b1b1b", "#e8e8e8"),
    _ROLES.Base: ("#ffffff", "#1f2023"), _ROLES.AlternateBase: ("#f5f6f7", "#26282b"),
    _ROLES.Text: ("#1b1b1b", "#e8e8e8"), _ROLES.Button: ("#efefef", "#35373b"),
    _ROLES.ButtonText: ("#1b1b1b", "#e8e8e8"), _ROLES.Highlight: ("#2f7ed8", "#3d8ee8"),
    _ROLES.HighlightedText: ("#ffffff", "#ffffff"), _ROLES.Link: ("#0b57b5", "#8cc4ff"),
    _ROLES.ToolTipBase: ("#ffffdc", "#35373b"), _ROLES.ToolTipText: ("#1b1b1b", "#e8e8e8"),
    _ROLES.PlaceholderText: ("#6b6b6b", "#a0a0a0"), _ROLES.Mid: ("#c6c6c6", "#4a4d52"),
}  # fmt: skip
_started_with: QPalette | None = None


def palette_for(theme: str) -> QPalette:
    """Our light or dark palette (disabled text greyed in both)."""
    dark = theme == DARK
    palette = QPalette()
    for role, (light_colour, dark_colour) in _COLOURS.items():
        palette.setColor(role, QColor(dark_colour if dark else light_colour))
    grey = QColor("#8a8a8a" if dark else "#9a9a9a")
    for role in (_ROLES.Text, _ROLES.WindowText, _ROLES.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return palette


def apply_theme(theme: str) -> None:
    """Colour the whole app as ``theme`` says (unknown values mean the system's)."""
    global _started_with
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if _started_with is None:
        _started_with = QGuiApplication.palette()
    hints = QGuiApplication.styleHints()
    if theme in (LIGHT, DARK):
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == DARK else Qt.ColorScheme.Light)
        QGuiApplication.setPalette(palette_for(theme))
    else:
        hints.unsetColorScheme()
        QGuiApplication.setPalette(_started_with)
