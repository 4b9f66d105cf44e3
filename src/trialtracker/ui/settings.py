"""Where the window keeps its own layout: geometry, splitter, columns, the last smart list.

These are Qt's opaque ``saveState()`` blobs, so they stay in ``QSettings`` (an INI
file in Qt's per-user config folder, ``$XDG_CONFIG_HOME/TrialTracker/TrialTracker.ini``
on Linux). The user's preferences are not here: both faces read those from
:mod:`trialtracker.services.settings`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "TrialTracker"
APPLICATION = "TrialTracker"


def qt_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class WindowState:
    """The window layout; pass a ``QSettings`` to use another store (tests do)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or qt_settings()

    def file_name(self) -> str:
        return self._settings.fileName()

    def value(self, key: str, default: object = None) -> object:
        return self._settings.value(key, default)

    def layout(self, name: str) -> QByteArray | None:
        """A saved ``saveState()`` / ``saveGeometry()`` blob (``window/<name>``), if there is one."""
        value = self._settings.value(f"window/{name}")
        return QByteArray(value) if isinstance(value, QByteArray | bytes) else None

    def save_layout(self, **states: QByteArray | str) -> None:
        """Save ``window/<name>`` for each keyword, then write the file."""
        for name, state in states.items():
            self._settings.setValue(f"window/{name}", state)
        self._settings.sync()
