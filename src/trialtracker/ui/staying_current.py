"""Keeping an open window current: refresh every N hours while it is open (Preferences), and say so
when a tracked trial changes status or posts results — a desktop notification where the desktop has
a system tray, the window's banner (which every refresh shows) otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from trialtracker.services import refresh as refreshing
from trialtracker.services.library import Library
from trialtracker.ui.data_access import RefreshOutcome
from trialtracker.ui.refresh_view import when_due
from trialtracker.ui.tasks import Task, TaskRunner

#: How often the window asks whether a refresh is due (the refresh itself follows the preference).
CHECK_EVERY_MS = 10 * 60 * 1000
NOTIFICATION_MS = 15_000


def notification_text(outcome: RefreshOutcome) -> str | None:
    """One short message for the changes worth telling at once, or None."""
    return "\n".join(refreshing.news_lines(outcome.summary)) or None


class KeepCurrent(QObject):
    """Checks now and then whether a refresh is due (``start`` starts one) and tells about its news.

    UI thread only. ``available`` says whether a tray notification can be shown here."""

    def __init__(self, lib: Library, start: Callable[[], bool], tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._lib = lib
        self._start = start
        self._tasks = tasks
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.tray: QSystemTrayIcon | None = None
        self.last_message: str | None = None

    @property
    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    @Slot()
    def check(self) -> Task[bool]:
        """Ask (on the read lane) whether "every N hours while open" says a refresh is due, and start one
        if so. The task's result: whether it was due (not when the library cannot say: next check)."""
        return when_due(self._tasks, lambda: refreshing.refresh_due_while_open(self._lib), self._start)

    def tell(self, outcome: RefreshOutcome) -> str | None:
        """After a refresh: the news worth telling, as a desktop notification where there is a tray
        (the banner shows it in the window either way). Returns what was told."""
        text = notification_text(outcome)
        self.last_message = text
        if text is None or not self.available:
            return text
        if self.tray is None:
            parent = self.parent()
            icon = parent.windowIcon() if isinstance(parent, QWidget) else QIcon()
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Trial Tracker")
            self.tray.show()
        self.tray.showMessage(self.tr("Trial Tracker: news about your trials"), text,
                              QSystemTrayIcon.MessageIcon.Information, NOTIFICATION_MS)  # fmt: skip
        return text
