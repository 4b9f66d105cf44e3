"""View ▸ Theme: Light, Dark or the system's colours, one click away (the same choice as Preferences).

The choice is saved in the preferences file at once; when it cannot be saved the colours still change
for this session, the menu says so in a warning, and the next start uses the saved choice.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services.library import Library
from trialtracker.ui.plain import warn
from trialtracker.ui.theme import DARK, LIGHT, SYSTEM, apply_theme


class ThemeMenu(QObject):
    """A submenu of three exclusive choices, kept in step with the saved preference."""

    def __init__(self, lib: Library, window: QWidget) -> None:
        super().__init__(window)
        self._lib = lib
        self._window = window
        self.menu = QMenu(self.tr("&Theme"), window)
        self.menu.setObjectName("themeMenu")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for key, text, tip in (
            (SYSTEM, self.tr("&Same as the system"), self.tr("Follow the desktop's light or dark setting")),
            (LIGHT, self.tr("&Light"), self.tr("Dark text on light backgrounds")),
            (DARK, self.tr("&Dark"), self.tr("Light text on dark backgrounds")),
        ):
            action = QAction(text, self.menu)
            action.setCheckable(True)
            action.setStatusTip(tip)
            action.setData(key)
            action.triggered.connect(lambda _checked=False, k=key: self.choose(k))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[key] = action
        self.sync()

    def sync(self) -> None:
        """Tick the saved choice (after Preferences changed it, say)."""
        current = self._lib.settings.preferences.theme
        self.actions.get(current, self.actions[SYSTEM]).setChecked(True)

    def choose(self, theme: str) -> None:
        """Colour the app as ``theme`` and save it as the preference."""
        apply_theme(theme)
        prefs = self._lib.settings.preferences
        if prefs.theme != theme:
            try:
                self._lib.save_preferences(dataclasses.replace(prefs, theme=theme))
            except (OSError, TrialTrackerError) as exc:  # the menu keeps showing the colours in use
                warn(self._window, self.tr("The colours changed for now, but the choice could not be saved: "
                                           "{0}").format(exc), title=self.tr("Theme not saved"))  # fmt: skip
                return
        self.sync()
