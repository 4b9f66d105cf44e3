"""A team library's window shows what other members change within 2 s (issue 17, item 5): the server
announces each committed change (LISTEN/NOTIFY, no polling), the window reads just those rows again, or
the whole list after someone's refresh; a private note announces nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import new_team_library, open_either_library, show_trial
from tests.ctgov_server import CtGovServer
from tests.pg_server import PgServer
from trialtracker.domain.catalog import load_catalog
from trialtracker.services import notes, team, trials
from trialtracker.services.library import Library
from trialtracker.services.refresh import refresh_library
from trialtracker.ui.main_window import MainWindow

NEW = "NCT01234567"
MIST = "NCT00273364"
WITHIN_MS = 2000


@pytest.fixture
def alice_and_bob(pg_server: PgServer, tmp_path: Path, ctgov_server: CtGovServer) -> tuple[Library, Library]:
    ctgov_server.add_generated(*(e.nct_id for e in load_catalog().entries), NEW)
    alice_url = new_team_library(pg_server)
    database = alice_url.rsplit("/", 1)[1]
    bob = team.add_member(pg_server.url(database), f"bob_of_{database}")
    bob_url = pg_server.url(database, user=bob.name, password=bob.password)
    libs = (open_either_library(tmp_path / "a", alice_url, api_url=ctgov_server.url, pace=0),
            open_either_library(tmp_path / "b", bob_url, api_url=ctgov_server.url, pace=0))  # fmt: skip
    yield libs
    for lib in libs:
        lib.close()


def _window(qtbot: QtBot, lib: Library) -> MainWindow:
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading and window.tasks.busy is False, timeout=10_000)
    time.sleep(0.3)  # the listener is listening (LISTEN is sent as its thread starts)
    return window


def test_another_members_changes_show_within_two_seconds(qtbot: QtBot, alice_and_bob: tuple[Library, Library]) -> None:
    alice, bob = alice_and_bob
    window = _window(qtbot, alice)
    started = time.monotonic()
    trials.add(bob, [NEW])
    qtbot.waitUntil(lambda: window.model.find(NEW) is not None, timeout=WITHIN_MS)
    print(f"\nanother member's new trial shown after {(time.monotonic() - started) * 1000:.0f} ms")

    trials.edit_tags(bob, [MIST], add=["ask-at-clinic"])
    qtbot.waitUntil(lambda: window.model.find(MIST).tags == ("ask-at-clinic",), timeout=WITHIN_MS)  # type: ignore[union-attr]
    show_trial(qtbot, window, MIST)
    notes.add_note(bob, MIST, "Team: the site called back", shared=True)
    qtbot.waitUntil(lambda: window.model.find(MIST).note_count == 1, timeout=WITHIN_MS)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "the site called back" in window.notes.editor.toPlainText(), timeout=WITHIN_MS)

    notes.add_note(bob, MIST, "Bob's private worry")  # nobody else may know of it
    trials.remove(bob, [NEW])
    qtbot.waitUntil(lambda: window.model.find(NEW) is None, timeout=WITHIN_MS)
    assert window.model.find(MIST).note_count == 1  # type: ignore[union-attr]

    window.close()
    assert window.live is not None and not window.live._thread.is_alive()


def test_another_members_refresh_is_read_whole_and_named(qtbot: QtBot, alice_and_bob: tuple[Library, Library]) -> None:
    alice, bob = alice_and_bob
    window = _window(qtbot, alice)
    assert window.model.find(MIST).status is None  # type: ignore[union-attr]  # never refreshed
    assert refresh_library(bob).ok
    qtbot.waitUntil(lambda: window.model.find(MIST).status is not None, timeout=WITHIN_MS)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: f"by {bob.me}" in window.last_refresh_label.text(), timeout=WITHIN_MS)
    window.close()
