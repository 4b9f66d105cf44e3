"""Typed access to the window's preferences, stored with ``QSettings`` (INI, per user).

The file lives in Qt's per-user config location (``$XDG_CONFIG_HOME/TrialTracker/TrialTracker.ini``
on Linux). Values read back from an INI file are strings, so every getter parses
and clamps what it finds: a hand-edited or corrupt value falls back to the default.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "TrialTracker"
APPLICATION = "TrialTracker"

KEY_API_URL = "api_url"
KEY_PACE = "pace"
KEY_REFRESH_ON_START = "refresh_on_start"
KEY_REFRESH_ON_START_HOURS = "refresh_on_start_hours"

DEFAULT_PACE = 1.0
MIN_PACE, MAX_PACE = 0.0, 10.0
DEFAULT_REFRESH_ON_START = False
DEFAULT_REFRESH_ON_START_HOURS = 24
MIN_HOURS, MAX_HOURS = 1, 720


def _as_bool(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"true", "1", "yes", "on"}:
            return True
        if text in {"false", "0", "no", "off"}:
            return False
    return default


def _as_float(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _as_int(value: Any, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return default


class AppSettings:
    """The app's settings; pass a ``QSettings`` to use another store (tests do)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def qsettings(self) -> QSettings:
        return self._settings

    def file_name(self) -> str:
        return self._settings.fileName()

    def sync(self) -> None:
        self._settings.sync()

    # -- generic (window geometry, splitter state, …) ------------------------------

    def value(self, key: str, default: Any = None) -> Any:
        return self._settings.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self._settings.setValue(key, value)

    def remove(self, key: str) -> None:
        self._settings.remove(key)

    def contains(self, key: str) -> bool:
        return bool(self._settings.contains(key))

    # -- window layout (Qt's own opaque states) ------------------------------------

    def layout(self, name: str) -> QByteArray | None:
        """A saved ``saveState()`` / ``saveGeometry()`` blob (``window/<name>``), if there is one."""
        value = self._settings.value(f"window/{name}")
        return QByteArray(value) if isinstance(value, QByteArray | bytes) else None

    def save_layout(self, **states: QByteArray | str) -> None:
        """Save ``window/<name>`` for each keyword, then write the file."""
        for name, state in states.items():
            self._settings.setValue(f"window/{name}", state)
        self._settings.sync()

    # -- typed ---------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The registry's base URL; "" means the default (``$TRIALTRACKER_API_URL`` or the public API)."""
        value = self._settings.value(KEY_API_URL, "")
        return value.strip() if isinstance(value, str) else ""

    @api_url.setter
    def api_url(self, value: str) -> None:
        self._settings.setValue(KEY_API_URL, value.strip().rstrip("/"))

    @property
    def pace(self) -> float:
        """Seconds between two requests to the registry (0–10)."""
        value = _as_float(self._settings.value(KEY_PACE, DEFAULT_PACE), DEFAULT_PACE)
        return min(MAX_PACE, max(MIN_PACE, value))

    @pace.setter
    def pace(self, value: float) -> None:
        self._settings.setValue(KEY_PACE, min(MAX_PACE, max(MIN_PACE, _as_float(value, DEFAULT_PACE))))

    @property
    def refresh_on_start(self) -> bool:
        value = self._settings.value(KEY_REFRESH_ON_START, DEFAULT_REFRESH_ON_START)
        return _as_bool(value, DEFAULT_REFRESH_ON_START)

    @refresh_on_start.setter
    def refresh_on_start(self, value: bool) -> None:
        self._settings.setValue(KEY_REFRESH_ON_START, bool(value))

    @property
    def refresh_on_start_hours(self) -> int:
        """Refresh on start only if the last refresh is older than this many hours (1–720)."""
        value = self._settings.value(KEY_REFRESH_ON_START_HOURS, DEFAULT_REFRESH_ON_START_HOURS)
        return min(MAX_HOURS, max(MIN_HOURS, _as_int(value, DEFAULT_REFRESH_ON_START_HOURS)))

    @refresh_on_start_hours.setter
    def refresh_on_start_hours(self, value: int) -> None:
        hours = _as_int(value, DEFAULT_REFRESH_ON_START_HOURS)
        self._settings.setValue(KEY_REFRESH_ON_START_HOURS, min(MAX_HOURS, max(MIN_HOURS, hours)))
