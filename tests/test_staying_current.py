"""Staying current while the window is open (issue 15, item 6): refresh every N hours, and say when a
trial changes status or posts results."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from tests.ctgov_server import CtGovServer, make_study
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.fields import FieldChange
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.services.refresh import RefreshSummary, refresh_due_while_open, worth_telling
from trialtracker.services.settings import Preferences, load_settings
from trialtracker.ui.data_access import RefreshOutcome
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.staying_current import notification_text

MIST = "NCT00273364"


def summary(*changes: FieldChange) -> RefreshSummary:
    return RefreshSummary(run_id=1, changes=list(changes))


def test_only_a_new_status_or_posted_results_is_worth_telling() -> None:
    status = FieldChange(MIST, "overall_status", "RECRUITING", "COMPLETED")
    results = FieldChange(MIST, "has_results", "no", "yes")
    dates = FieldChange(MIST, "completion_date", "2026-01", "2027-01")
    assert worth_telling(summary(status, results, dates)) == [status, results]
    assert notification_text(RefreshOutcome(summary(dates))) is None
    text = notification_text(RefreshOutcome(summary(status, results)))
    assert text == f"{MIST}: now Completed\n{MIST}: results posted"
    many = [FieldChange(f"NCT0000000{i}", "overall_status", None, "RECRUITING") for i in range(6)]
    assert notification_text(RefreshOutcome(summary(*many))).endswith("… and 2 more")  # type: ignore[union-attr]


def test_refresh_every_n_hours_while_open(
    qtbot: QtBot, store: Library, paths: DataPaths, ctgov_server: CtGovServer
) -> None:
    for entry in load_catalog().entries:
        ctgov_server.add(make_study(entry.nct_id, overall_status="RECRUITING"))
    store.settings = load_settings(data_dir=paths.data_dir, api_url=ctgov_server.url, pace=0)
    assert not refresh_due_while_open(store), "off unless asked for"
    store.save_preferences(replace(store.settings.preferences, refresh_every_hours=6))
    assert refresh_due_while_open(store), "never refreshed: due"
    window = MainWindow(store, auto_refresh=True, remember=False)
    qtbot.addWidget(window)
    window.show()
    assert window.keep_current is not None
    with qtbot.waitSignal(window.refresher.stopped, timeout=20_000):
        due = window.keep_current.check()  # asked on the read lane; the refresh starts when it answers
    assert due.done and due.result
    assert not refresh_due_while_open(store)
    assert refresh_due_while_open(store, dt.datetime.now(dt.UTC) + dt.timedelta(hours=7))
    again = window.keep_current.check()
    qtbot.waitUntil(lambda: again.delivered)
    assert not again.result and not window.refresher.running, "not due again yet"

    ctgov_server.update(MIST, overall_status="COMPLETED")
    ctgov_server.data_timestamp = "2031-01-01T00:00:00"
    with qtbot.waitSignal(window.refresher.stopped, timeout=20_000):
        window.start_refresh()
    assert (window.keep_current.last_message or "").startswith(f"{MIST}: now Completed")
    assert window.banner.isVisible() and MIST in window.banner.label.text()  # no tray offscreen: the banner


def test_preferences_keep_the_interval(tmp_path: pytest.TempPathFactory) -> None:
    from trialtracker.services.settings import read_preferences, save_preferences

    path = tmp_path / "p.ini"  # type: ignore[operator]
    save_preferences(Preferences(refresh_every_hours=12), path)
    assert read_preferences(path).refresh_every_hours == 12
    assert Preferences(refresh_every_hours=-3).cleaned().refresh_every_hours == 0
    assert Preferences(refresh_every_hours=10**6).cleaned().refresh_every_hours == 720
