"""The one place both faces read their configuration from: data folder, registry, pace, refresh policy.

Precedence, the same in the CLI and the window: a command-line flag, then an
environment variable, then the Preferences file, then the default. The file
is a small INI file in the per-user config folder (``preferences.ini``);
values read back are parsed and clamped, so a hand-edited or corrupt value
falls back to the default instead of breaking the app. Window geometry is not
a setting: the window keeps it in Qt's own store.
"""

from __future__ import annotations

import configparser
import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import platformdirs

from trialtracker.ctgov.query import DEFAULT_API_URL
from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.geo import Place, parse_coordinates
from trialtracker.paths import APP_AUTHOR, APP_DIR_NAME, ENV_DATA_DIR, DataPaths

ENV_API_URL = "TRIALTRACKER_API_URL"
ENV_PACE = "TRIALTRACKER_PACE"
ENV_REFRESH_ON_START = "TRIALTRACKER_REFRESH_ON_START"
ENV_CONFIG_DIR = "TRIALTRACKER_CONFIG_DIR"
#: A team library on PostgreSQL instead of the local file (no password in it: libpq finds that).
ENV_DATABASE_URL = "TRIALTRACKER_DATABASE_URL"
PREFERENCES_FILE = "preferences.ini"
LEGACY_QT_FILE = "TrialTracker.ini"  # where the window kept its preferences before version 0.2
SECTION = "preferences"

DEFAULT_PACE = 1.0
MIN_PACE, MAX_PACE = 0.0, 10.0
DEFAULT_REFRESH_ON_START = False
DEFAULT_REFRESH_ON_START_HOURS = 24
DEFAULT_NEAR_KM = 100
NEAR_KM_RANGE = (5, 5000)
MIN_HOURS, MAX_HOURS = 1, 720

#: Where a value came from, for Preferences to say "set by $TRIALTRACKER_API_URL".
FLAG, ENV, FILE, DEFAULT = "command line", "environment", "preferences", "default"


def api_url_problem(text: str) -> str | None:
    """Why ``text`` is not a usable registry address, or None ("" means the default and is fine)."""
    text = text.strip()
    if not text:
        return None
    if not re.match(r"^https?://[^/\s]+", text):
        return "Enter an address starting with http:// or https://, or leave it empty for the default."
    if any(c.isspace() for c in text):
        return "The address must not contain spaces."
    return None


def _holds_password(url: str) -> bool:
    """Whether a database URL carries a password (in its user part or as an option): never saved."""
    try:
        parts = urlsplit(url)
        return bool(parts.password) or "password" in parse_qs(parts.query)
    except ValueError:
        return False


def _as_bool(value: str | None, default: bool) -> bool:
    text = (value or "").strip().lower()
    if text in {"true", "1", "yes", "on"}:
        return True
    if text in {"false", "0", "no", "off"}:
        return False
    return default


def _as_float(value: str | None, default: float) -> float:
    try:
        number = float(value or "")
    except ValueError:
        return default
    return number if math.isfinite(number) else default


def _as_int(value: str | None, default: int) -> int:
    try:
        return int(float(value or ""))
    except (ValueError, OverflowError):
        return default


def clamp_pace(value: float) -> float:
    return min(MAX_PACE, max(MIN_PACE, value))


def clamp_hours(value: int) -> int:
    return min(MAX_HOURS, max(MIN_HOURS, value))


@dataclass(frozen=True)
class Preferences:
    """What the user saved in Preferences ("" for the API address means the default)."""

    api_url: str = ""
    pace: float = DEFAULT_PACE
    refresh_on_start: bool = DEFAULT_REFRESH_ON_START
    refresh_on_start_hours: int = DEFAULT_REFRESH_ON_START_HOURS
    #: While the window is open, refresh when the last refresh is this many hours old (0: never).
    refresh_every_hours: int = 0
    #: The window's colours: "system", "light" or "dark".
    theme: str = "system"
    #: Home place for "sites near me": its label and coordinates, kept on this computer only.
    home_place: str = ""
    home_lat: float | None = None
    home_lon: float | None = None
    near_km: int = DEFAULT_NEAR_KM
    #: A team library's address (``postgresql://NAME@HOST/DATABASE``, never with a password); "" for the
    #: library on this computer.
    database_url: str = ""

    def cleaned(self) -> Preferences:
        coordinates = None
        if self.home_place.strip():
            coordinates = parse_coordinates(f"{self.home_lat},{self.home_lon}")
        return replace(
            self,
            api_url=self.api_url.strip().rstrip("/"),
            pace=clamp_pace(self.pace),
            refresh_on_start_hours=clamp_hours(self.refresh_on_start_hours),
            refresh_every_hours=0 if self.refresh_every_hours <= 0 else clamp_hours(self.refresh_every_hours),
            theme=self.theme if self.theme in ("system", "light", "dark") else "system",
            home_place=" ".join(self.home_place.split()) if coordinates else "",
            home_lat=coordinates[0] if coordinates else None,
            home_lon=coordinates[1] if coordinates else None,
            near_km=min(max(int(self.near_km), NEAR_KM_RANGE[0]), NEAR_KM_RANGE[1]),
            database_url=self.database_url.strip(),
        )

    @property
    def home(self) -> Place | None:
        """The home place, or None when none is set."""
        if not self.home_place or self.home_lat is None or self.home_lon is None:
            return None
        return Place(self.home_place, "", "", self.home_lat, self.home_lon)


def config_dir() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env).expanduser().absolute()
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, APP_AUTHOR))


def preferences_path() -> Path:
    return config_dir() / PREFERENCES_FILE


def _parse(values: dict[str, str]) -> Preferences:
    url = values.get("api_url", "").strip()
    return Preferences(
        api_url="" if api_url_problem(url) else url,
        pace=_as_float(values.get("pace"), DEFAULT_PACE),
        refresh_on_start=_as_bool(values.get("refresh_on_start"), DEFAULT_REFRESH_ON_START),
        refresh_on_start_hours=_as_int(values.get("refresh_on_start_hours"), DEFAULT_REFRESH_ON_START_HOURS),
        refresh_every_hours=_as_int(values.get("refresh_every_hours"), 0),
        theme=values.get("theme", "system").strip().lower(),
        home_place=values.get("home_place", ""),
        home_lat=_as_float(values.get("home_lat"), math.nan),
        home_lon=_as_float(values.get("home_lon"), math.nan),
        near_km=_as_int(values.get("near_km"), DEFAULT_NEAR_KM),
        database_url=values.get("database_url", ""),
    ).cleaned()


def _read_ini(path: Path, section: str) -> dict[str, str] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as fh:
            parser.read_file(fh)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, configparser.Error):
        return {}  # unreadable or hand-broken: every value falls back to its default
    return dict(parser[section]) if parser.has_section(section) else {}


def read_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; the window's pre-0.2 Qt settings file is read once if there is no file yet."""
    path = path or preferences_path()
    values = _read_ini(path, SECTION)
    if values is None:
        values = _read_ini(path.with_name(LEGACY_QT_FILE), "General") or {}
    return _parse(values)


def save_preferences(prefs: Preferences, path: Path | None = None) -> Path:
    """Write the preferences atomically (a crash never leaves half a file)."""
    path = path or preferences_path()
    prefs = prefs.cleaned()
    if api_url_problem(prefs.api_url):
        raise InvalidInput(api_url_problem(prefs.api_url) or "invalid API address")
    if _holds_password(prefs.database_url):
        raise InvalidInput("a team library's address is saved without its password (it goes to ~/.pgpass)")
    parser = configparser.ConfigParser(interpolation=None)
    parser[SECTION] = {
        "api_url": prefs.api_url,
        "pace": repr(prefs.pace),
        "refresh_on_start": "true" if prefs.refresh_on_start else "false",
        "refresh_on_start_hours": str(prefs.refresh_on_start_hours),
        "refresh_every_hours": str(prefs.refresh_every_hours),
        "theme": prefs.theme,
        "home_place": prefs.home_place,
        "home_lat": "" if prefs.home_lat is None else repr(prefs.home_lat),
        "home_lon": "" if prefs.home_lon is None else repr(prefs.home_lon),
        "near_km": str(prefs.near_km),
        "database_url": prefs.database_url,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as fh:
        parser.write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    part.replace(path)
    return path


@dataclass(frozen=True)
class Settings:
    """The effective configuration of one run, and where each value came from."""

    paths: DataPaths
    api_url: str = DEFAULT_API_URL
    pace: float = DEFAULT_PACE
    refresh_on_start: bool = DEFAULT_REFRESH_ON_START
    refresh_on_start_hours: int = DEFAULT_REFRESH_ON_START_HOURS
    preferences: Preferences = field(default_factory=Preferences)
    #: How hard to try the registry (tests and mirrors tune these; not a user preference).
    max_tries: int = 6
    backoff: float = 1.0
    #: ``postgresql://…`` of a team library; None for the local SQLite file (the default).
    database_url: str | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    flags: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def source_of(self, name: str) -> str:
        return self.sources.get(name, DEFAULT)

    def with_preferences(self, prefs: Preferences) -> Settings:
        """These settings after the user saved ``prefs`` (flags and environment still win)."""
        return _resolve(self.paths, prefs.cleaned(), self.flags)


def _pick(name: str, flag: object | None, env: str | None, file_value: object, default: object,
          sources: dict[str, str]) -> object:  # fmt: skip
    if flag is not None:
        sources[name] = FLAG
        return flag
    if env is not None and env.strip():
        sources[name] = ENV
        return env
    if file_value != default:
        sources[name] = FILE
        return file_value
    sources[name] = DEFAULT
    return default


def _resolve(paths: DataPaths, prefs: Preferences, flags: dict[str, object]) -> Settings:
    sources: dict[str, str] = {"data_dir": str(flags.get("data_dir_source", DEFAULT))}
    url = str(_pick("api_url", flags.get("api_url"), os.environ.get(ENV_API_URL), prefs.api_url, "", sources))
    url = (url.strip() or DEFAULT_API_URL).rstrip("/")
    problem = api_url_problem(url)
    if problem:
        raise InvalidInput(f"unusable registry address {url!r} ({sources['api_url']}): {problem}")
    raw_pace = _pick("pace", flags.get("pace"), os.environ.get(ENV_PACE), prefs.pace, DEFAULT_PACE, sources)
    pace = raw_pace if isinstance(raw_pace, float) else _as_float(str(raw_pace), float("nan"))
    if not math.isfinite(pace) or pace < 0:
        raise InvalidInput(f"invalid pace {raw_pace!r} ({sources['pace']}): give seconds between 0 and 10")
    on_start = _pick("refresh_on_start", None, os.environ.get(ENV_REFRESH_ON_START), prefs.refresh_on_start,
                     DEFAULT_REFRESH_ON_START, sources)  # fmt: skip
    env_db = os.environ.get(ENV_DATABASE_URL)
    database_url = str(
        _pick("database_url", flags.get("database_url"), env_db, prefs.database_url, "", sources)
    ).strip()
    return Settings(
        paths=paths,
        database_url=database_url or None,
        api_url=url,
        pace=clamp_pace(pace),
        refresh_on_start=on_start if isinstance(on_start, bool) else _as_bool(str(on_start), False),
        refresh_on_start_hours=prefs.refresh_on_start_hours,
        preferences=prefs,
        sources=sources,
        flags=dict(flags),
    )


def load_settings(
    *,
    data_dir: str | os.PathLike[str] | None = None,
    api_url: str | None = None,
    pace: float | None = None,
    preferences_file: Path | None = None,
    database_url: str | None = None,
) -> Settings:
    """Settings for this run: flags (the arguments) > environment > Preferences file > defaults."""
    paths = DataPaths.resolve(data_dir)
    flags: dict[str, object] = {}
    if api_url is not None and api_url.strip():
        flags["api_url"] = api_url
    if pace is not None:
        flags["pace"] = float(pace)
    if database_url is not None and database_url.strip():
        flags["database_url"] = database_url
    flags["data_dir_source"] = (
        FLAG if data_dir is not None else (ENV if os.environ.get(ENV_DATA_DIR) else DEFAULT)
    )
    return _resolve(paths, read_preferences(preferences_file), flags)
