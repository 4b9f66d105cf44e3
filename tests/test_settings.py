"""Settings: one precedence for both faces (flag > environment > preferences file > default).

Every test points ``$TRIALTRACKER_CONFIG_DIR`` at a temp folder; conftest sets
``$TRIALTRACKER_API_URL`` for every test, so tests where the file or the default
must win remove it first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from trialtracker.ctgov.query import DEFAULT_API_URL
from trialtracker.domain.errors import EXIT_USAGE, InvalidInput
from trialtracker.paths import default_data_dir
from trialtracker.services.library import Library
from trialtracker.services.settings import (
    DEFAULT,
    DEFAULT_PACE,
    DEFAULT_REFRESH_ON_START,
    DEFAULT_REFRESH_ON_START_HOURS,
    ENV,
    FILE,
    FLAG,
    LEGACY_QT_FILE,
    MAX_HOURS,
    MAX_PACE,
    MIN_HOURS,
    PREFERENCES_FILE,
    Preferences,
    api_url_problem,
    config_dir,
    load_settings,
    preferences_path,
    read_preferences,
    save_preferences,
)

ENV_NAMES = ("TRIALTRACKER_API_URL", "TRIALTRACKER_PACE", "TRIALTRACKER_REFRESH_ON_START")
DEFAULTS = Preferences()


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("TRIALTRACKER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No registry address, pace or refresh policy in the environment (conftest sets the address)."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


def test_defaults_without_flags_environment_or_file(
    config: Path, no_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRIALTRACKER_DATA_DIR")
    settings = load_settings()
    assert settings.api_url == DEFAULT_API_URL == "https://clinicaltrials.gov/api/v2"
    assert settings.pace == DEFAULT_PACE == 1.0
    assert settings.refresh_on_start is DEFAULT_REFRESH_ON_START is False
    assert settings.refresh_on_start_hours == DEFAULT_REFRESH_ON_START_HOURS
    assert settings.paths.data_dir == default_data_dir()
    assert settings.preferences == DEFAULTS
    for name in ("api_url", "pace", "refresh_on_start", "data_dir"):
        assert settings.source_of(name) == DEFAULT, name
    assert not config.exists(), "reading settings never writes a file"


def test_flag_beats_environment_beats_file_beats_default(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = Preferences(
        api_url="http://file.test/api/v2", pace=3.0, refresh_on_start=True, refresh_on_start_hours=6
    )
    assert save_preferences(saved) == config / PREFERENCES_FILE == preferences_path()
    monkeypatch.setenv("TRIALTRACKER_API_URL", " http://env.test/api/v2/ ")
    monkeypatch.setenv("TRIALTRACKER_PACE", "2.5")
    monkeypatch.setenv("TRIALTRACKER_REFRESH_ON_START", "off")
    monkeypatch.setenv("TRIALTRACKER_DATA_DIR", str(tmp_path / "env-data"))

    # Flags win, even a falsy one (pace 0).
    flagged = load_settings(data_dir=tmp_path / "flag-data", api_url="http://flag.test/api/v2/", pace=0.0)
    assert (flagged.api_url, flagged.pace) == ("http://flag.test/api/v2", 0.0)
    assert flagged.paths.data_dir == tmp_path / "flag-data"
    assert [flagged.source_of(n) for n in ("api_url", "pace", "data_dir")] == [FLAG, FLAG, FLAG]
    assert flagged.refresh_on_start is False and flagged.source_of("refresh_on_start") == ENV
    assert flagged.preferences == saved, "the file is still read (Preferences shows what was saved)"

    # Then the environment (an empty --api-url flag is no flag).
    env = load_settings(api_url="  ")
    assert (env.api_url, env.pace, env.refresh_on_start) == ("http://env.test/api/v2", 2.5, False)
    assert env.paths.data_dir == tmp_path / "env-data"
    assert [env.source_of(n) for n in ("api_url", "pace", "refresh_on_start", "data_dir")] == [ENV] * 4

    # Then the file.
    for name in (*ENV_NAMES, "TRIALTRACKER_DATA_DIR"):
        monkeypatch.delenv(name)
    filed = load_settings(data_dir=tmp_path / "data")
    assert (filed.api_url, filed.pace, filed.refresh_on_start) == ("http://file.test/api/v2", 3.0, True)
    assert filed.refresh_on_start_hours == 6
    assert [filed.source_of(n) for n in ("api_url", "pace", "refresh_on_start")] == [FILE] * 3
    assert filed.source_of("data_dir") == FLAG

    # Then the defaults.
    preferences_path().unlink()
    default = load_settings(data_dir=tmp_path / "data")
    assert (default.api_url, default.pace, default.refresh_on_start) == (DEFAULT_API_URL, DEFAULT_PACE, False)
    assert default.refresh_on_start_hours == DEFAULT_REFRESH_ON_START_HOURS
    assert [default.source_of(n) for n in ("api_url", "pace", "refresh_on_start")] == [DEFAULT] * 3


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TRIALTRACKER_PACE", "fast", "invalid pace 'fast' (environment)"),
        ("TRIALTRACKER_PACE", "-1", "invalid pace '-1' (environment)"),
        ("TRIALTRACKER_PACE", "nan", "invalid pace 'nan' (environment)"),
        ("TRIALTRACKER_PACE", "inf", "invalid pace 'inf' (environment)"),
        ("TRIALTRACKER_API_URL", "ftp://nope", "unusable registry address 'ftp://nope' (environment)"),
        (
            "TRIALTRACKER_API_URL",
            "clinicaltrials.gov/api/v2",
            "(environment): Enter an address starting with",
        ),
        ("TRIALTRACKER_API_URL", "http://host/a b", "(environment): The address must not contain spaces"),
    ],
)
def test_a_bad_value_in_the_environment_is_a_clear_invalid_input(
    cli: Callable[..., CliResult],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput) as exc_info:
        load_settings(data_dir=data_dir)
    assert message in str(exc_info.value) and "\n" not in str(exc_info.value)
    assert exc_info.value.exit_code == EXIT_USAGE
    # The CLI says so in one line, exit 2, before touching the library.
    result = cli("list")
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert not data_dir.exists()


def test_a_bad_flag_is_invalid_input_too(data_dir: Path) -> None:
    with pytest.raises(InvalidInput, match=r"unusable registry address 'ftp://x' \(command line\)"):
        load_settings(data_dir=data_dir, api_url="ftp://x")
    with pytest.raises(InvalidInput, match=r"invalid pace -0.5 \(command line\)"):
        load_settings(data_dir=data_dir, pace=-0.5)


def test_a_pace_beyond_the_limit_is_clamped(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIALTRACKER_PACE", "50")
    assert load_settings(data_dir=data_dir).pace == MAX_PACE == 10.0
    assert load_settings(data_dir=data_dir, pace=11.0).pace == MAX_PACE


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00 not text at all \x80\x81",
        b"pace = 3\napi_url = http://file.test/api/v2\n",  # no section header
        b"[preferences]\npace = 3\n[preferences]\npace = 4\n",  # duplicate section
        b"[preferences]\npace = 3\npace = 4\n",  # duplicate option
        b"[preferences\npace = 3\n",
        b"",
        b"[other]\npace = 3\n",
        b"[preferences]\napi_url = ftp://nope\npace = fast\nrefresh_on_start = maybe\nrefresh_on_start_hours = lots\n",
        b"[preferences]\napi_url = http://a b/\npace = 1e999\nrefresh_on_start_hours = 1e999\n",
    ],
    ids=[
        "binary",
        "no-section",
        "dup-section",
        "dup-option",
        "broken-header",
        "empty",
        "other-section",
        "bad-values",
        "overflow",
    ],
)
def test_a_corrupt_preferences_file_falls_back_to_defaults(
    config: Path, no_env: None, data_dir: Path, content: bytes
) -> None:
    config.mkdir()
    (config / PREFERENCES_FILE).write_bytes(content)
    # Present but broken: the window's old file is not consulted instead.
    (config / LEGACY_QT_FILE).write_text(
        "[General]\npace=7\napi_url=http://legacy.test/api/v2\n", encoding="utf-8"
    )
    assert read_preferences() == DEFAULTS
    settings = load_settings(data_dir=data_dir)
    assert (settings.api_url, settings.pace, settings.refresh_on_start) == (
        DEFAULT_API_URL,
        DEFAULT_PACE,
        False,
    )
    assert settings.refresh_on_start_hours == DEFAULT_REFRESH_ON_START_HOURS
    assert (config / PREFERENCES_FILE).read_bytes() == content, "a broken file is left for the user to see"


def test_out_of_range_values_in_the_file_are_clamped(config: Path, no_env: None, data_dir: Path) -> None:
    config.mkdir()
    (config / PREFERENCES_FILE).write_text(
        "[preferences]\npace = 99\nrefresh_on_start_hours = 0\nrefresh_on_start = YES\n", encoding="utf-8"
    )
    assert read_preferences() == Preferences(
        pace=MAX_PACE, refresh_on_start=True, refresh_on_start_hours=MIN_HOURS
    )
    (config / PREFERENCES_FILE).write_text(
        "[preferences]\npace = -3\nrefresh_on_start_hours = 100000\n", encoding="utf-8"
    )
    assert read_preferences() == Preferences(pace=0.0, refresh_on_start_hours=MAX_HOURS)
    assert load_settings(data_dir=data_dir).pace == 0.0


def test_save_preferences_round_trips(config: Path, tmp_path: Path) -> None:
    prefs = Preferences(
        api_url="  http://127.0.0.1:8080/api/v2/ ",
        pace=0.1 + 0.2,
        refresh_on_start=True,
        refresh_on_start_hours=12,
    )
    path = save_preferences(prefs)
    assert path == config / PREFERENCES_FILE
    assert (
        read_preferences()
        == prefs.cleaned()
        == Preferences("http://127.0.0.1:8080/api/v2", 0.1 + 0.2, True, 12)
    )
    assert sorted(p.name for p in config.iterdir()) == [PREFERENCES_FILE], "no .part file is left behind"
    # Saving the defaults round-trips too (an empty address means the default registry).
    elsewhere = tmp_path / "elsewhere" / "prefs.ini"
    assert save_preferences(DEFAULTS, elsewhere) == elsewhere
    assert read_preferences(elsewhere) == DEFAULTS
    # Values out of range are clamped on the way in.
    save_preferences(Preferences(pace=99.0, refresh_on_start_hours=0), elsewhere)
    assert read_preferences(elsewhere) == Preferences(pace=MAX_PACE, refresh_on_start_hours=MIN_HOURS)


def test_saving_an_unusable_address_is_refused_and_keeps_the_file(config: Path) -> None:
    save_preferences(Preferences(api_url="http://good.test/api/v2", pace=2.0))
    before = (config / PREFERENCES_FILE).read_bytes()
    for bad in ("ftp://nope", "http://a b/api", "not a url"):
        with pytest.raises(InvalidInput) as exc_info:
            save_preferences(Preferences(api_url=bad))
        assert exc_info.value.exit_code == EXIT_USAGE and str(exc_info.value)
    assert (config / PREFERENCES_FILE).read_bytes() == before
    assert sorted(p.name for p in config.iterdir()) == [PREFERENCES_FILE]


def test_api_url_problem() -> None:
    assert api_url_problem("") is None and api_url_problem("   ") is None
    assert api_url_problem("https://clinicaltrials.gov/api/v2") is None
    assert api_url_problem("http://127.0.0.1:8080/api/v2/") is None
    for bad in ("ftp://nope", "clinicaltrials.gov", "http://", "http://a b"):
        assert api_url_problem(bad), bad


def test_the_windows_legacy_settings_are_read_once_when_there_is_no_preferences_file(
    config: Path, no_env: None, data_dir: Path
) -> None:
    config.mkdir()
    legacy = config / LEGACY_QT_FILE
    legacy.write_text(
        "[General]\napi_url=http://legacy.test/api/v2\npace=0\nrefresh_on_start=true\nrefresh_on_start_hours=2\n"
        "\n[MainWindow]\ngeometry=@ByteArray(\\x1\\xd9\\xd0\\xcb)\n",
        encoding="utf-8",
    )
    legacy_bytes = legacy.read_bytes()
    expected = Preferences("http://legacy.test/api/v2", 0.0, True, 2)
    assert read_preferences() == expected
    settings = load_settings(data_dir=data_dir)
    assert (settings.api_url, settings.pace, settings.refresh_on_start) == (
        "http://legacy.test/api/v2",
        0.0,
        True,
    )
    assert settings.refresh_on_start_hours == 2
    assert [settings.source_of(n) for n in ("api_url", "pace", "refresh_on_start")] == [FILE] * 3
    # Once Preferences are saved, the new file is the only one read; the old one is left alone.
    save_preferences(Preferences(pace=4.0))
    assert read_preferences() == Preferences(pace=4.0)
    assert load_settings(data_dir=data_dir).api_url == DEFAULT_API_URL
    assert legacy.read_bytes() == legacy_bytes


def test_the_default_config_folder_is_where_the_window_kept_its_settings() -> None:
    # $TRIALTRACKER_CONFIG_DIR is unset (conftest); XDG_CONFIG_HOME points into the test's HOME.
    assert config_dir() == Path(os.environ["XDG_CONFIG_HOME"]) / "TrialTracker"
    assert preferences_path() == config_dir() / PREFERENCES_FILE


def test_saving_preferences_in_an_open_library_keeps_flags_and_environment_winning(
    library: Library, config: Path
) -> None:
    before = library.settings
    assert before.source_of("api_url") == ENV  # conftest's unreachable address
    prefs = Preferences(
        api_url="http://file.test/api/v2", pace=4.0, refresh_on_start=True, refresh_on_start_hours=3
    )
    after = library.save_preferences(prefs)
    assert after is library.settings and after.paths == before.paths
    assert after.api_url == before.api_url and after.source_of("api_url") == ENV
    assert (after.pace, after.refresh_on_start, after.refresh_on_start_hours) == (4.0, True, 3)
    assert after.source_of("pace") == FILE and after.preferences == prefs
    assert read_preferences() == prefs
    # A flag given at start keeps winning over what is saved later.
    flagged = load_settings(data_dir=before.paths.data_dir, api_url="http://flag.test/api/v2", pace=0.0)
    again = flagged.with_preferences(Preferences(api_url="http://other.test/api/v2", pace=5.0))
    assert (again.api_url, again.pace) == ("http://flag.test/api/v2", 0.0)
    assert again.source_of("pace") == FLAG and again.preferences.pace == 5.0
