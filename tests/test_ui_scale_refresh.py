"""A refresh of 10,000 trials in the window never blocks its event loop for long.

The window runs in a process of its own, as the app does (a test process carries every earlier test's
objects and threads); the registry is the local test server in this process, on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import open_test_library
from tests.ctgov_server import CtGovServer
from tests.stall_sampler import stall_report
from tests.test_ui_scale import N_TRIALS, fill_library

# Issue 13's target is 50 ms; on this 2-core machine the longest block measured 34-46 ms over six runs (it
# was 323 ms before the rows were frozen out of the garbage collector's walks). The bound leaves room for a
# loaded CI machine and still catches any step back to a blocking reload or collection. On 2026-12-05 the
# same machine ran slower (every bench case ~30 % up) and measured 58-75 ms: the reset at the end.
LONGEST_BLOCK_MS = 100

WINDOW = """
import sys, time
from pathlib import Path
from tests.test_ui_refresh import GapMeter
from trialtracker.services.library import open_library
from trialtracker.services.settings import load_settings
from trialtracker.ui.app import application
from trialtracker.ui.main_window import MainWindow

app = application()
lib = open_library(load_settings(data_dir=Path(sys.argv[1]), api_url=sys.argv[2], pace=0))
window = MainWindow(lib, auto_refresh=False, remember=False)
window.show()
# Every row in, and the database layer loaded (it is imported on the database lane after that read):
# this measures a refresh, not the start.
while window.loading or window.tasks.busy or window.model.rowCount() < int(sys.argv[3]):
    app.processEvents()
idle_until = time.monotonic() + 0.5  # loaded, then half a second idle (search texts are built then)
while time.monotonic() < idle_until:
    app.processEvents()
stopped = []
window.refresher.stopped.connect(lambda: stopped.append(time.monotonic()))
meter = GapMeter(sample_stalls=True)
meter.start()
started = time.monotonic()
window.start_refresh()
while not stopped:
    app.processEvents()
end = time.monotonic() + 0.2  # the reload after the refresh, and its paint
while time.monotonic() < end:
    app.processEvents()
longest = meter.stop() - GapMeter.TICK_MS  # a tick every 10 ms: a 10 ms gap is no block at all
print(f"rows={window.model.rowCount()} seconds={stopped[0] - started:.1f} longest_block_ms={longest}")
window.close()
lib.close()
"""


def test_refreshing_10k_trials_keeps_the_window_responsive(tmp_path: Path, ctgov_server: CtGovServer) -> None:
    data = tmp_path / "data"
    lib = open_test_library(data)
    try:
        ids = fill_library(lib, N_TRIALS)
        ctgov_server.add_generated(*ids, *lib.seeded)
        total = len(ids) + len(lib.seeded)
    finally:
        lib.close()
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", WINDOW, str(data), ctgov_server.url, str(total)],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    fields = dict(item.split("=", 1) for item in done.stdout.split())
    print(f"refresh of {fields['rows']} trials in the window: {fields['seconds']} s, "
          f"longest block {fields['longest_block_ms']} ms")  # fmt: skip
    if stacks := stall_report(done.stderr):  # the threads' stacks in the longest stall of 60 ms or more
        print(stacks[:8000])
    assert int(fields["rows"]) == total
    assert len(ctgov_server.studies_requests()) >= N_TRIALS // 100
    longest = int(fields["longest_block_ms"])
    assert longest <= LONGEST_BLOCK_MS, f"the event loop was blocked for {longest} ms"
