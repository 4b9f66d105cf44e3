"""The window while its team library cannot be reached: it says so and stays usable for reading.

What is on screen stays readable (the list, the trial pages, the notes already loaded). Nothing that
writes to the library can be started — those actions are disabled — except note text: the editor keeps
accepting it, each save that fails leaves the text in a recovery file on this computer, and the saves are
tried again the moment the server answers (then the whole list is read again, for what others did).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from trialtracker.ui.banner import Banner, BannerKind

__all__ = ["WRITING_ACTIONS", "OfflineMode"]

#: The window's actions that write to the library (``act_<name>``): disabled while offline.
WRITING_ACTIONS = ("refresh", "add", "discover", "remove", "star", "tag", "review", "review_all", "undo",
                   "redo", "import", "restore", "watches", "run_watches")  # fmt: skip


class OfflineMode(QObject):
    """Offline or not, for one window: the banner, the disabled actions and the note saves held back."""

    def __init__(self, window: QObject, banner: Banner, where: str) -> None:
        super().__init__(window)
        self._window = window
        self._banner = banner
        self._where = where
        self.offline = False
        self._held: list[QAction] = []  # what going offline disabled: enabled again when it is back

    def _actions(self) -> list[QAction]:
        found = (getattr(self._window, f"act_{name}", None) for name in WRITING_ACTIONS)
        return [a for a in found if isinstance(a, QAction)]

    @Slot(bool)
    def set_online(self, online: bool) -> None:
        self.offline = not online
        if self.offline:
            self._banner.show_message(
                self.tr(
                    "Offline: the team library at {0} does not answer. What is shown stays readable; "
                    "changes wait until it is back. Note text you type is kept on this computer and "
                    "saved when the connection returns."
                ).format(self._where),
                BannerKind.WARNING,
            )
        else:
            if self._banner.label.text().startswith(self.tr("Offline:")):
                self._banner.hide()
            for action in self._held:  # the window then narrows them to the selection again
                action.setEnabled(True)
            self._held = []
        self.apply()

    def apply(self) -> None:
        """Disable what writes while offline (called after the window enables its actions)."""
        if self.offline:
            for action in self._actions():
                if action.isEnabled():
                    self._held.append(action)
                    action.setEnabled(False)
