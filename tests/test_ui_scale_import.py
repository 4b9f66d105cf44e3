"""Importing a 10,000-trial bundle from the window (File ▸ Import…) never blocks its event loop for long.

Issue 13, item 3 asks this of a refresh (``test_ui_scale_refresh``) and of an import. As there, the window
runs in a process of its own, as the app does; the bundle is a real export of a filled library (18 MB).
On this 2-core machine the longest block was 382 ms when the import parsed the bundle with one
``json.loads`` (the garbage collector's passes over the new objects and the parse itself hold the
interpreter lock), and 17-35 ms once it is read in steps (``services/jsonsteps.py``). The bound is the
refresh test's, for the same reason (a loaded CI machine)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import open_test_library
from tests.stall_sampler import stall_report
from tests.test_ui_scale import N_TRIALS, fill_library
from tests.test_ui_scale_refresh import LONGEST_BLOCK_MS
from trialtracker.services import exchange

WINDOW = """
import resource, sys, time
from pathlib import Path
from tests.test_ui_refresh import GapMeter
from trialtracker.services.library import open_library
from trialtracker.services.settings import load_settings
from trialtracker.ui.app import application
from trialtracker.ui.main_window import MainWindow

app = application()
lib = open_library(load_settings(data_dir=Path(sys.argv[1])))
window = MainWindow(lib, auto_refresh=False, remember=False)
window.show()
while window.loading or window.tasks.busy:  # the catalog's rows in, and the database layer loaded
    app.processEvents()
idle_until = time.monotonic() + 0.5
while time.monotonic() < idle_until:
    app.processEvents()
class UsageMeter(GapMeter):  # also what the process did in the longest gap: CPU used, pages read back

    def start(self) -> None:
        self.usage, self.during = resource.getrusage(resource.RUSAGE_SELF), (0, 0)
        super().start()

    def _tick(self) -> None:
        gap = self._clock.elapsed()
        super()._tick()
        now = resource.getrusage(resource.RUSAGE_SELF)
        if gap >= self.longest:
            cpu = now.ru_utime + now.ru_stime - self.usage.ru_utime - self.usage.ru_stime
            self.during = (round(cpu * 1000), now.ru_majflt - self.usage.ru_majflt)
        self.usage = now

meter = UsageMeter(sample_stalls=True)
meter.start()
started = time.monotonic()
task = window.files.import_from(Path(sys.argv[2]))
while not task.delivered:
    app.processEvents()
seconds = time.monotonic() - started
end = time.monotonic() + 0.2  # the table's reset with every row, and its paint
while time.monotonic() < end:
    app.processEvents()
longest = meter.stop() - GapMeter.TICK_MS  # a tick every 10 ms: a 10 ms gap is no block at all
cpu_ms, page_ins = meter.during
print(f"rows={window.model.rowCount()} seconds={seconds:.1f} longest_block_ms={longest} cpu_ms={cpu_ms} "
      f"page_ins={page_ins}")
window.close()
lib.close()
"""


def test_importing_10k_trials_keeps_the_window_responsive(tmp_path: Path) -> None:
    """Best of three imports, each into a fresh catalog library: a step back in the app (a blocking parse, a
    full reload) shows in all, a one-off stall in one. About one import in six of a whole-suite run here saw
    a single 87-131 ms gap that no run of this test alone showed; the threads' stacks in a stall of 60 ms or
    more (:class:`StallSampler`, printed with the process's figures during the longest gap) found it: the
    import's thread joining the decoded 18 MB text into one string (16 ms on a quiet machine), holding the
    interpreter lock. The text is now parsed in its pieces; four whole-suite runs since saw 8-22 ms."""
    source = open_test_library(tmp_path / "source")
    try:
        ids = fill_library(source, N_TRIALS)
        bundle = exchange.export_to_file(source, "json", tmp_path / "bundle.json")
        seeded = len(source.seeded)
    finally:
        source.close()
    catalog_only = tmp_path / "catalog"
    open_test_library(catalog_only).close()  # every one of the 10,000 is new to it
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    runs = []
    for attempt in (1, 2, 3):
        target = shutil.copytree(catalog_only, tmp_path / f"target-{attempt}")
        done = subprocess.run(
            [sys.executable, "-c", WINDOW, str(target), str(bundle)],
            env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        fields = dict(item.split("=", 1) for item in done.stdout.split())
        assert int(fields["rows"]) == len(ids) + seeded
        runs.append(fields)
        print(f"import of {len(ids):,} trials in the window: {fields['seconds']} s, longest block "
              f"{fields['longest_block_ms']} ms (the process meanwhile: {fields['cpu_ms']} ms of CPU, "
              f"{fields['page_ins']} pages read back)")  # fmt: skip
        if stacks := stall_report(done.stderr):  # the threads' stacks in the longest stall of 60 ms or more
            print(stacks[:8000])
    longest = min(int(run["longest_block_ms"]) for run in runs)
    assert longest <= LONGEST_BLOCK_MS, f"the event loop was blocked for {longest} ms at best: {runs}"
