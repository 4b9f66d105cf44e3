"""Test-wide setup: offscreen Qt, and user data that never leaves a temp dir."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import tempfile

# Hypothesis keeps caches (Unicode tables) under .hypothesis/ in the working directory; keep the repo clean.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    os.path.join(tempfile.gettempdir(), f"trialtracker-hypothesis-{os.getuid()}"),
)

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

from trialtracker.paths import DataPaths

if TYPE_CHECKING:
    import psycopg
    from PySide6.QtWidgets import QApplication

    from tests.pg_server import PgServer
    from trialtracker.services.library import Library

pytest_plugins = ["tests.ctgov_server", "tests.pg_server"]

# Property tests on a shared 2-core machine: no per-example deadline, a fixed sequence of examples (the
# same run every time, no example database written anywhere). `--hypothesis-profile=explore` searches
# further with fresh random examples, for a developer hunting bugs.
settings.register_profile(
    "ci",
    deadline=None,
    database=None,
    derandomize=True,
    max_examples=100,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, database=None, max_examples=2000)
settings.load_profile("ci")

# Nothing in the tests may reach the internet: an accidental refresh goes to a closed local port.
UNREACHABLE_API = "http://127.0.0.1:9/api/v2"


@pytest.fixture(scope="session")
def qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's application, with the English plural forms the app installs (``%n trial(s)``)."""
    from trialtracker.ui.i18n import EnglishPlurals

    if not qapp.property("englishPlurals"):
        qapp.installTranslator(EnglishPlurals(qapp))
        qapp.setProperty("englishPlurals", True)
    return qapp


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("TRIALTRACKER_DATA_DIR", str(home / "default-data"))
    monkeypatch.setenv("TRIALTRACKER_API_URL", UNREACHABLE_API)
    # Settings come from the temp HOME only: no pace, refresh policy or config folder of the developer's.
    for name in ("TRIALTRACKER_PACE", "TRIALTRACKER_REFRESH_ON_START", "TRIALTRACKER_CONFIG_DIR",
                 "TRIALTRACKER_DATABASE_URL", "PGPASSFILE", "PGPASSWORD"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    return path


@pytest.fixture
def paths(data_dir: Path) -> DataPaths:
    return DataPaths(data_dir)


def open_test_library(
    data_dir: Path,
    *,
    api_url: str | None = None,
    pace: float | None = None,
    preferences_file: Path | None = None,
) -> Library:
    """Open the library in ``data_dir`` as both faces do: settings (these arguments are the
    command-line flags), then migration, catalog seeding and the daily backup."""
    from trialtracker.services.library import open_library
    from trialtracker.services.settings import load_settings

    settings = load_settings(data_dir=data_dir, api_url=api_url, pace=pace, preferences_file=preferences_file)
    return open_library(settings)


@pytest.fixture
def library(data_dir: Path) -> Iterator[Library]:
    """The library of the test's data dir, opened as the faces open it, closed after the test."""
    lib = open_test_library(data_dir)
    yield lib
    lib.close()


@pytest.fixture(params=["file", "server"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """Each engine in turn: None (the local SQLite file), then the URL of a new team library on a real
    PostgreSQL server, as one of its members (who may write rows, not change tables) connects to it."""
    if request.param == "file":
        return None
    return new_team_library(request.getfixturevalue("pg_server"))


def new_team_library(server: PgServer) -> str:
    """A team library set up by its owner on ``server``; the URL a new member of it connects with."""
    from trialtracker.services import team

    database = server.new_database()
    team.init_team(server.url(database))
    member = team.add_member(server.url(database), f"member_of_{database}")
    return server.url(database, user=member.name, password=member.password)


class TwoMembers:
    """Alice and Bob, two members of one new team library on ``server``: their logins and URLs, and
    their own SQL connections (as ``psql`` would give them)."""

    def __init__(self, server: PgServer) -> None:
        from sqlalchemy.engine import make_url

        from trialtracker.services import team

        self.server = server
        self.alice_url = new_team_library(server)
        self.database = str(make_url(self.alice_url).database)
        self.alice, self.alice_password = f"member_of_{self.database}", str(make_url(self.alice_url).password)
        bob = team.add_member(server.url(self.database), f"bob_of_{self.database}")
        self.bob, self.bob_password = bob.name, bob.password
        self.bob_url = server.url(self.database, user=bob.name, password=bob.password)

    def sql(self, user: str, password: str) -> psycopg.Connection[tuple[object, ...]]:
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.server.port, user=user, password=password,
                               dbname=self.database, autocommit=True)  # fmt: skip


def open_either_library(data_dir: Path, database_url: str | None, *, api_url: str = UNREACHABLE_API,
                        pace: float | None = None) -> Library:  # fmt: skip
    from trialtracker.services.library import open_library
    from trialtracker.services.settings import load_settings

    return open_library(load_settings(data_dir=data_dir, api_url=api_url, pace=pace, database_url=database_url))


@pytest.fixture
def either_library(data_dir: Path, database_url: str | None) -> Iterator[Library]:
    """The test's library on each engine (see :func:`database_url`). A module runs its tests on both by
    naming this fixture ``library`` (and ``either_cli`` ``cli``: the two then share one library)."""
    lib = open_either_library(data_dir, database_url)
    yield lib
    lib.close()


@pytest.fixture
def store(library: Library) -> Library:
    """The test's library, by the name the window tests give it."""
    return library


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """One library for every example of a module's property tests (opening one per example is too slow).
    Module scope runs before the per-test environment is isolated: every setting is given as a flag."""
    root = tmp_path_factory.mktemp("shared")
    lib = open_test_library(
        root / "data", api_url=UNREACHABLE_API, pace=0, preferences_file=root / "prefs.ini"
    )
    yield lib
    lib.close()


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Callable[..., CliResult]]:
    """Run ``trialtracker ARGS`` in-process on the test's data dir."""
    yield from _cli(data_dir, capsys, None)


@pytest.fixture
def either_cli(
    data_dir: Path, capsys: pytest.CaptureFixture[str], database_url: str | None
) -> Iterator[Callable[..., CliResult]]:
    """``cli`` on each engine in turn (``--database-url`` for the team library)."""
    yield from _cli(data_dir, capsys, database_url)


def _cli(data_dir: Path, capsys: pytest.CaptureFixture[str], database_url: str | None
         ) -> Iterator[Callable[..., CliResult]]:  # fmt: skip
    from trialtracker.cli import main

    where = ["--data-dir", str(data_dir)] + (["--database-url", database_url] if database_url else [])

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([*where, *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    yield run


def show_trial(qtbot: Any, shown: Any, nct: str | None) -> bool:
    """Show ``nct`` in a window (selected in its table), a ``DetailPane`` or a ``NotesPanel``, and wait until
    what it shows is read (the panes read on the task runner's read lane). Returns whether it was found."""
    found = shown.select_trial(nct) if hasattr(shown, "select_trial") else (shown.set_trial(nct) or True)
    panes = [shown.detail, shown.notes] if hasattr(shown, "detail") else [shown]
    qtbot.waitUntil(lambda: not any(pane.loading for pane in panes), timeout=10_000)
    return bool(found)
