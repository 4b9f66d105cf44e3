"""Outside text (the registry's, the user's, an error's) shown exactly as it was written.

Qt guesses: a tooltip, a message box or a label in its default format shows its text as rich text
when ``Qt.mightBeRichText`` says it might be (the text starts with a known tag). A trial titled
``<img src="/dev/zero">`` would then be rendered as HTML, and reading that "image" aborts the
application. So every tooltip that can carry outside text is built by :func:`plain_tooltip`, and
every message box that can is shown by :func:`show_message` (or :func:`warn` / :func:`ask`), which
sets ``Qt.TextFormat.PlainText``. Labels set ``Qt.TextFormat.PlainText`` themselves.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

APP_TITLE = "Trial Tracker"


def plain_tooltip(text: str | None) -> str:
    """``text`` as a tooltip that Qt shows character for character ("" when there is nothing to show).

    A tooltip cannot be told it is plain text, so this one is rich text whose only content is the
    escaped words: nothing in them is a tag, an entity or an image. ``white-space: pre-wrap`` keeps
    line breaks and repeated spaces; long lines still wrap.
    """
    if not text:
        return ""
    return f'<qt style="white-space:pre-wrap">{html.escape(text, quote=False)}</qt>'


def show_message(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """A modal message box showing ``text`` as plain text; returns the button chosen (NoButton if
    the box was closed without one). Use this instead of ``QMessageBox.warning`` and friends, which
    guess the format."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    # With standard buttons only, exec() answers the StandardButton clicked (0 when there is none).
    return QMessageBox.StandardButton(box.exec())


def warn(parent: QWidget | None, text: str, title: str = APP_TITLE) -> None:
    """A warning with an OK button; ``text`` is shown as written."""
    show_message(parent, QMessageBox.Icon.Warning, title, text)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
) -> QMessageBox.StandardButton:
    """A question; returns the button chosen. ``text`` is shown as written."""
    return show_message(parent, QMessageBox.Icon.Question, title, text, buttons, default)


def bring_to_front(widget: QWidget) -> None:
    """Show ``widget`` and raise it above other windows (the offscreen and minimal platforms, used by
    tests and screenshots, have no window stack and warn on ``raise()``)."""
    widget.show()
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        widget.raise_()
        widget.activateWindow()


def show_as_error(label: QLabel) -> None:
    """Colour a label's text as an error, readable on the light and the dark palette (WCAG AA on both)."""
    palette = label.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff8a80" if dark else "#b3261e"))
    label.setPalette(palette)
