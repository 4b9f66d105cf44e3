"""Refresh from the window against the local registry server: progress, cancel, a live event loop."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from tests.ctgov_server import CtGovServer, Fault, make_study
from tests.stall_sampler import StallSampler, write_stalls
from trialtracker.domain.catalog import load_catalog
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList
from trialtracker.services.settings import load_settings
from trialtracker.store import trials as ops
from trialtracker.ui.main_window import MainWindow

MIST = "NCT00273364"


class GapMeter:
    """A 10 ms timer on the UI thread; records the longest gap between two ticks. With ``sample_stalls``,
    :meth:`stop` also writes the threads' stacks in the longest stall to stderr (:func:`stall_report`)."""

    TICK_MS = 10

    def __init__(self, *, sample_stalls: bool = False) -> None:
        self.longest = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._sampler = StallSampler() if sample_stalls else None

    def start(self) -> None:
        if self._sampler is not None:
            self._sampler.start()
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        if self._sampler is not None:
            self._sampler.tick()
        self.longest = max(self.longest, self._clock.restart())

    def stop(self) -> int:
        self._timer.stop()
        if self._sampler is not None:
            write_stalls(self._sampler.stop())
        return self.longest


@pytest.fixture
def server(ctgov_server: CtGovServer) -> CtGovServer:
    for entry in load_catalog().entries:
        ctgov_server.add(make_study(entry.nct_id, overall_status="RECRUITING"))
    return ctgov_server


@pytest.fixture
def window(qtbot: QtBot, store: Library, paths: DataPaths, server: CtGovServer) -> MainWindow:
    store.settings = load_settings(data_dir=paths.data_dir, api_url=server.url, pace=0)
    win = MainWindow(store, auto_refresh=False)
    qtbot.addWidget(win)
    win.show()
    return win


def test_refresh_shows_progress_then_a_change_banner(
    qtbot: QtBot, window: MainWindow, server: CtGovServer, store: Library
) -> None:
    progress: list[tuple[int, int, str]] = []
    window.refresher.progress.connect(lambda d, t, m: progress.append((d, t, m)))
    meter = GapMeter()
    meter.start()
    assert window.start_refresh()
    assert window.progress.isVisible() and not window.act_refresh.isEnabled()
    assert window.act_cancel.isEnabled()
    with qtbot.waitSignal(window.refresher.stopped, timeout=20_000):
        pass
    assert meter.stop() < 250
    total = len(load_catalog().entries)
    assert progress[-1][0] == progress[-1][1] == total
    assert not window.progress.isVisible() and window.act_refresh.isEnabled()
    row = window.model.row_at(window.model.row_of(MIST))
    assert row.status == "RECRUITING" and row.last_refreshed is not None
    qtbot.waitUntil(lambda: "Last refresh" in window.last_refresh_label.text())  # read on the read lane

    server.update(MIST, overall_status="COMPLETED")
    server.data_timestamp = "2026-12-01T00:00:00"
    window.start_refresh()
    with qtbot.waitSignal(window.refresher.stopped, timeout=20_000):
        pass
    assert window.banner.isVisible()
    assert f"1 trial changed: {MIST} now Completed" in window.banner.label.text()
    window.banner.show_button.click()
    assert window.proxy.smart_list is SmartList.CHANGED
    assert window.proxy.rowCount() == 1
    with qtbot.waitSignal(window.tasks.idle):  # the write runs in the background
        window.banner.review_button.click()
    with store.transaction() as s:
        assert ops.unreviewed_counts(s) == {}
    # The change banner gives way to what was done, with a way to take it back.
    assert window.banner.label.text().startswith("Marked ") and window.banner.undo_button.isVisible()
    with qtbot.waitSignal(window.tasks.idle):
        window.banner.undo_button.click()
    with store.transaction() as s:
        assert ops.unreviewed_counts(s), "the changes are new again"
    assert not window.banner.isVisible() and window.act_redo.isEnabled()


def test_cancel_mid_run_keeps_the_ui_responsive(
    qtbot: QtBot, window: MainWindow, server: CtGovServer
) -> None:
    server.inject(Fault.slow(20, path="/studies"))
    meter = GapMeter()
    meter.start()
    window.start_refresh()
    qtbot.waitUntil(lambda: len(server.studies_requests()) >= 1, timeout=10_000)
    started = time.monotonic()
    window.act_cancel.trigger()
    with qtbot.waitSignal(window.refresher.stopped, timeout=10_000):
        pass
    assert time.monotonic() - started < 5
    assert meter.stop() < 250
    assert "cancelled" in window.banner.label.text().lower()
    assert window.act_refresh.isEnabled() and not window.act_cancel.isEnabled()
    assert not window.progress.isVisible()


def test_offline_refresh_is_a_calm_banner(qtbot: QtBot, store: Library, paths: DataPaths) -> None:
    offline = load_settings(data_dir=paths.data_dir, api_url="http://127.0.0.1:9/api/v2", pace=0)
    store.settings = replace(offline, max_tries=1)
    win = MainWindow(store, auto_refresh=False)
    qtbot.addWidget(win)
    win.show()
    win.start_refresh()
    with qtbot.waitSignal(win.refresher.stopped, timeout=20_000):
        pass
    assert win.banner.isVisible()
    assert "Could not reach ClinicalTrials.gov" in win.banner.label.text()
    assert win.banner.retry_button.isVisible()


def test_a_first_start_offers_to_fetch_statuses_when_the_registry_answers(
    qtbot: QtBot, store: Library, paths: DataPaths, server: CtGovServer
) -> None:
    """The catalog ships no statuses: a never-refreshed library offers them in one click (issue 14)."""
    store.settings = load_settings(data_dir=paths.data_dir, api_url=server.url, pace=0)
    win = MainWindow(store, auto_refresh=True, remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.banner.isVisible(), timeout=10_000)
    assert "no current status yet" in win.banner.label.text() and win.banner.fetch_button.isVisible()
    assert [r.path for r in server.requests] == ["/api/v2/version"]  # one small request, no more
    with qtbot.waitSignal(win.refresher.stopped, timeout=20_000):
        win.banner.fetch_button.click()
    assert win.model.row_at(win.model.row_of(MIST)).status == "RECRUITING"

    again = MainWindow(store, auto_refresh=True, remember=False)  # refreshed once: no offer any more
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(2_000)
    assert not again.banner.isVisible()


def test_no_first_start_offer_when_the_registry_does_not_answer(
    qtbot: QtBot, store: Library, paths: DataPaths
) -> None:
    offline = load_settings(data_dir=paths.data_dir, api_url="http://127.0.0.1:9/api/v2", pace=0)
    store.settings = replace(offline, max_tries=1)
    win = MainWindow(store, auto_refresh=True, remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.tasks.tasks() and win.isVisible(), timeout=10_000)
    qtbot.wait(2_000)
    qtbot.waitUntil(lambda: not win.tasks.tasks(), timeout=10_000)
    assert not win.banner.isVisible()
