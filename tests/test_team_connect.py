"""Choosing a team library (issue 17, item 1): its address is saved in Preferences without a password —
one typed into it goes to libpq's own password file, where the connection finds it — and a saved address
opens the team library for both faces."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import new_team_library
from tests.pg_server import PgServer
from trialtracker.domain.errors import InvalidInput
from trialtracker.services import team
from trialtracker.services.library import open_library
from trialtracker.services.pgpass import pgpass_path
from trialtracker.services.settings import (
    FILE,
    Preferences,
    load_settings,
    preferences_path,
    save_preferences,
)


def test_a_typed_password_moves_to_the_password_file_and_the_saved_address_connects(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password_file = tmp_path / "secrets" / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(password_file))
    typed = new_team_library(pg_server)
    url = make_url(typed)
    password_file.parent.mkdir()
    password_file.write_text("db.example.org:5432:other:someone:s3cret\n", encoding="utf-8")

    kept = team.keep_team_address(typed)
    again = team.keep_team_address(typed)  # saving twice leaves one line for this server and member

    assert kept == again and kept.password_file == password_file == pgpass_path()
    assert str(url.password) not in kept.url and kept.url.startswith(f"postgresql://{url.username}@127.0.0.1:")
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600  # libpq ignores a file others can read
    lines = password_file.read_text(encoding="utf-8").splitlines()
    assert lines == ["db.example.org:5432:other:someone:s3cret",
                     f"127.0.0.1:{url.port}:{url.database}:{url.username}:{url.password}"]  # fmt: skip

    save_preferences(Preferences(database_url=kept.url))
    assert str(url.password) not in preferences_path().read_text(encoding="utf-8")
    settings = load_settings(data_dir=tmp_path / "data")
    assert settings.database_url == kept.url and settings.source_of("database_url") == FILE
    lib = open_library(settings)  # libpq finds the password in the file
    try:
        assert lib.on_server and lib.me == url.username and not lib.other_library_chosen()
        lib.save_preferences(Preferences())  # back to this computer's library
        assert lib.settings.database_url is None and lib.other_library_chosen()
    finally:
        lib.close()


def test_an_address_without_a_password_leaves_the_password_file_alone() -> None:
    kept = team.keep_team_address("  postgresql://alice@db.example.org/msclinic?sslmode=require  ")
    assert kept == team.KeptAddress("postgresql://alice@db.example.org/msclinic?sslmode=require", None)
    assert not pgpass_path().exists()
    assert team.keep_team_address("") == team.KeptAddress("", None)


def test_a_password_given_as_an_option_is_kept_apart_too() -> None:
    kept = team.keep_team_address("postgresql://alice@db.example.org:6543/msclinic?password=a:b%5Cc")
    assert kept.url == "postgresql://alice@db.example.org:6543/msclinic"
    assert kept.password_file is not None
    assert kept.password_file.read_text(encoding="utf-8") == "db.example.org:6543:msclinic:alice:a\\:b\\\\c\n"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("mysql://alice@db/msclinic", "a team library needs a postgresql:// URL, not mysql://"),
        ("postgresql://alice@db.example.org", "the URL names no database (postgresql://HOST/DATABASE)"),
        ("postgresql://:secret@db.example.org/msclinic", "put your user name before the password"),
        ("not an address", "not a database URL"),
    ],
)
def test_an_unusable_address_is_refused_with_its_reason_and_nothing_is_written(typed: str, said: str) -> None:
    problem = team.team_address_problem(typed)
    assert problem is not None and problem.startswith(said)
    with pytest.raises(InvalidInput, match="^" + said.replace("(", r"\(").replace(")", r"\)")):
        team.keep_team_address(typed)
    assert not pgpass_path().exists()


def test_the_preferences_file_never_takes_a_password() -> None:
    with pytest.raises(InvalidInput, match="without its password"):
        save_preferences(Preferences(database_url="postgresql://alice:secret@db.example.org/msclinic"))
    with pytest.raises(InvalidInput, match="without its password"):
        save_preferences(Preferences(database_url="postgresql://alice@db.example.org/msclinic?password=x"))
    assert not preferences_path().exists()


def test_the_environment_and_the_command_line_win_over_the_saved_address(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_preferences(Preferences(database_url="postgresql://alice@saved.example.org/team"))
    assert load_settings(data_dir=tmp_path).database_url == "postgresql://alice@saved.example.org/team"
    monkeypatch.setenv("TRIALTRACKER_DATABASE_URL", "postgresql://alice@env.example.org/team")
    assert load_settings(data_dir=tmp_path).database_url == "postgresql://alice@env.example.org/team"
    flagged = load_settings(data_dir=tmp_path, database_url="postgresql://alice@flag.example.org/team")
    assert flagged.database_url == "postgresql://alice@flag.example.org/team"
