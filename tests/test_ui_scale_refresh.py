"""A refresh of 10,000 trials in the window never blocks its event loop for long (offscreen, local registry)."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from tests.ctgov_server import CtGovServer
from tests.test_ui_refresh import GapMeter
from tests.test_ui_scale import N_TRIALS, fill_library
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.services.settings import load_settings
from trialtracker.ui.app import application
from trialtracker.ui.main_window import MainWindow

# Issue 13's target is 50 ms; on this 2-core machine the longest block measured 34-46 ms over six runs (it
# was 323 ms before the rows were frozen out of the garbage collector's walks). The bound leaves room for a
# loaded CI machine and still catches any step back to a blocking reload or collection.
LONGEST_BLOCK_MS = 75


def test_refreshing_10k_trials_keeps_the_window_responsive(
    qtbot: QtBot, store: Library, paths: DataPaths, ctgov_server: CtGovServer
) -> None:
    application()  # the app's own settings (its thread switch interval among them)
    ids = fill_library(store, N_TRIALS)
    ctgov_server.add_generated(*ids, *(row for row in store.seeded))
    store.settings = load_settings(data_dir=paths.data_dir, api_url=ctgov_server.url, pace=0)
    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() >= N_TRIALS, timeout=30_000)
    qtbot.wait(200)  # the idle warm-up of the search texts
    meter = GapMeter()
    meter.start()
    started = time.monotonic()
    with qtbot.waitSignal(window.refresher.stopped, timeout=300_000):
        window.start_refresh()
    qtbot.wait(100)  # the reload after the refresh, and its paint
    longest = meter.stop() - GapMeter.TICK_MS  # a tick every 10 ms: a 10 ms gap is no block at all
    elapsed = time.monotonic() - started
    print(
        f"refresh of {window.model.rowCount()} trials in the window: {elapsed:.1f} s, longest block {longest} ms"
    )
    assert len(ctgov_server.studies_requests()) >= N_TRIALS // 100
    assert longest <= LONGEST_BLOCK_MS, f"the event loop was blocked for {longest} ms"
