"""A notes preview whose every hand-off to Qt's own resource loader is recorded instead of read.

Qt's loader reads local files (``/dev/zero``, a FIFO): the app's ``SafeTextBrowser`` must never call it."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTextBrowser

from trialtracker.ui.safe_browser import SafeTextBrowser


class _DefaultLoader(QTextBrowser):
    """Sits between SafeTextBrowser and QTextBrowser in the MRO: whatever SafeTextBrowser hands to
    Qt's own loader lands here, is recorded, and gets a harmless image instead of being read."""

    reached: list[str]

    def loadResource(self, type: int, name: QUrl | str) -> object:
        self.reached.append(QUrl(name).toString())
        return QImage(1, 1, QImage.Format.Format_ARGB32)


class RecordingPreview(SafeTextBrowser, _DefaultLoader):
    """The app's preview class; ``reached`` lists what it would have let Qt load."""

    def __init__(self) -> None:
        self.reached = []
        super().__init__()
