"""The speed benchmark of issue 13, in one command: every case against its target and a baseline, same run.

Not part of the test suite. Run from the repository root (takes a few minutes):

    .venv/bin/python -m tests.bench.run [--trials 10000] [--runs 5] [--skip startup,cli,refresh]

It builds its own libraries in a temporary folder (the embedded catalog alone, and the
catalog + N synthetic trials with registry records, notes and tags), then measures:

* the window over N trials, in this process (offscreen): a key press in the search box until
  the table has painted the result, for typing and for backspacing; clearing the search;
  a sort on every column (both directions); each status-box choice; a star click until the
  row shows it, and the longest the window's event loop was blocked meanwhile. Baseline: the
  same filter and sort in plain Python over the same rows;
* start to first painted window (subprocesses, interleaved): bare PySide6, ours on the
  catalog, ours on N trials;
* the command line on N trials (subprocesses): ``--version`` against ``python -c "import
  trialtracker"``, ``add --from-file`` of N new IDs, ``import`` of an N-trial bundle,
  ``export --format json``, ``list``;
* ``refresh`` of N trials from the local test registry (TCP_NODELAY, no pace): wall time, the
  share spent in the database, and peak memory.

Every row prints the median (and worst), the target and whether it is met.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.ui_bench import bench_env, prepare_big, prepare_catalog, run_child

QUERIES = ("mesenchymal", "recruiting spain", "ask nurse", "NCT0100")
Row = tuple[str, list[float], float | None, str, str]  # case, samples (ms or s), baseline, unit, target


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --------------------------------------------------------------------------- the window


class LoopWatch:
    """The longest gap between two turns of the event loop while it runs (a 1 ms timer ticks)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.longest


def window_cases(big_dir: Path) -> list[Row]:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtTest import QTest

    from tests.conftest import open_test_library
    from trialtracker.ui.app import application
    from trialtracker.ui.main_window import MainWindow
    from trialtracker.ui.trial_model import COLUMN_COUNT

    app = application()
    store = open_test_library(big_dir)
    window = MainWindow(store, auto_refresh=False, remember=False)
    window.resize(1280, 800)
    window.show()
    deadline = time.perf_counter() + 60
    # Every row in (a big library reads the rest after its paint) and the database layer loaded (it is
    # imported on the database lane after that read, holding the interpreter lock for a while).
    while (window.loading or window.tasks.busy) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(50):  # then let it warm up while "idle"
        app.processEvents()
        time.sleep(0.01)
    search, table = window.search, window.table

    def shown(action: Callable[[], object]) -> float:
        """ms from the action until the window has processed it, painting included."""
        started = time.perf_counter()
        action()
        QCoreApplication.processEvents()
        return (time.perf_counter() - started) * 1000

    typing: list[float] = []
    backspacing: list[float] = []
    for query in QUERIES:
        search.setFocus()
        for char in query:
            typing.append(shown(lambda c=char: QTest.keyClick(search, c)))
        for _ in query:
            backspacing.append(shown(lambda: QTest.keyClick(search, Qt.Key.Key_Backspace)))
    clearing = []
    for query in QUERIES:
        search.setText(query)
        app.processEvents()
        clearing.append(shown(search.clear))
    sorting = [
        shown(lambda c=col, o=order: table.sortByColumn(c, o))
        for col in range(COLUMN_COUNT)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    ]
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    box = window.filters.status_filter
    status = [shown(lambda i=i: box.setCurrentIndex(i)) for i in [*range(1, box.count()), 0]]

    stars, blocked = [], []
    watch = LoopWatch()
    for row in range(0, 200, 20):
        table.selectRow(row)
        while window.detail.loading or window.notes.loading:  # the page of the row is read and shown first
            app.processEvents()
        app.processEvents()
        nct = window.table.current_id()
        before = window.model.find(nct)
        assert before is not None
        watch.start()
        started = time.perf_counter()
        window.trial_actions.toggle_star()
        deadline = started + 30
        while (found := window.model.find(nct)) is not None and found.starred == before.starred:
            app.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError("the star never arrived")
        app.processEvents()
        stars.append((time.perf_counter() - started) * 1000)
        blocked.append(watch.stop() * 1000)

    # Baselines: the same work in plain Python over the same rows.
    rows = window.model.rows()
    texts = [r.search_text for r in rows]
    plain_filter = []
    for query in QUERIES:
        for k in range(1, len(query) + 1):
            words = query[:k].casefold().split()
            started = time.perf_counter()
            _ = [i for i, t in enumerate(texts) if all(w in t for w in words)]
            plain_filter.append((time.perf_counter() - started) * 1000)
    plain_sort = []
    for col in range(COLUMN_COUNT):
        keys = window.model.sort_keys(col)
        started = time.perf_counter()
        sorted(range(len(keys)), key=lambda i, k=keys: (k[i] is None, k[i] if k[i] is not None else 0))
        plain_sort.append((time.perf_counter() - started) * 1000)
    window.close()
    store.close()
    pf, ps = median(plain_filter), median(plain_sort)
    return [
        (
            f"key press → result shown, typing ({len(rows):,} rows)",
            typing,
            pf,
            "ms",
            "≤ 16 median, ≤ 33 worst",
        ),
        ("key press → result shown, backspacing", backspacing, pf, "ms", "≤ 16 median, ≤ 33 worst"),
        ("clear the search", clearing, pf, "ms", "≤ 50"),
        ("sort a column (each, both ways)", sorting, ps, "ms", "≤ 50"),
        ("change the status box", status, pf, "ms", "≤ 50"),
        ("star click → row shows it", stars, None, "ms", "—"),
        ("star click: longest UI block", blocked, None, "ms", "≤ 20"),
    ]


# --------------------------------------------------------------------------- start-up


def startup_cases(catalog_dir: Path, big_dir: Path, env: dict[str, str], runs: int, n: int) -> list[Row]:
    cases = (("bare", catalog_dir), ("ours", catalog_dir), ("ours", big_dir))
    results: list[list[float]] = [[], [], []]
    memory: list[list[float]] = [[], [], []]
    every_row: list[float] = []
    for _ in range(runs):  # interleaved, so drift hits every case alike
        for i, (mode, data) in enumerate(cases):
            measured = run_child(mode, data, env)
            results[i].append(measured["first_paint"])
            memory[i].append(measured["hwm_mb"])
        every_row.append(measured["every_row"])  # the last case: the big library
    bare = median(results[0])
    return [
        ("start → first paint, bare PySide6 window", results[0], None, "s", "baseline"),
        ("start → first paint, catalog (58 trials)", results[1], bare, "s", "≤ 3× bare"),
        (f"start → first paint, {n:,} trials", results[2], bare, "s", "≤ 4× bare"),
        (f"start → every one of {n:,} rows shown", every_row, bare, "s", "—"),
        (f"peak memory (RSS), window with {n:,} trials", memory[2], median(memory[0]), "MB", "≤ 300 MB"),
    ]


# --------------------------------------------------------------------------- command line


def timed_run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, timeout=900, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args[1:]} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def cli_cases(root: Path, big_dir: Path, env: dict[str, str], runs: int, n: int) -> list[Row]:
    exe = str(Path(sys.executable).with_name("trialtracker"))
    py = sys.executable
    # Tens of milliseconds each: many interleaved runs, in ms. The third row is the floor of any launcher:
    # `import sys` and our CLI module (pip's launcher for an entry point also imported `re`: 1.7x).
    version: list[float] = []
    bare_import: list[float] = []
    launcher_floor: list[float] = []
    for _ in range(max(20, runs * 4)):
        version.append(timed_run([exe, "--version"], env) * 1000)
        bare_import.append(timed_run([py, "-c", "import trialtracker"], env) * 1000)
        launcher_floor.append(timed_run([py, "-c", "import sys, trialtracker.cli"], env) * 1000)
    listing = [timed_run([exe, "--data-dir", str(big_dir), "list"], env) for _ in range(max(1, runs // 2))]
    bundle = root / "bundle.json"
    export = [
        timed_run([exe, "--data-dir", str(big_dir), "export", "--format", "json", "-o", str(bundle)], env)
    ]
    size_mb = bundle.stat().st_size / 1e6
    ids_file = root / "ids.txt"
    ids_file.write_text("\n".join(f"NCT{20_000_000 + i:08d}" for i in range(n)), encoding="utf-8")
    add_dir, import_dir = root / "add", root / "import"
    for folder in (add_dir, import_dir):
        timed_run([exe, "--data-dir", str(folder), "list"], env)  # created and seeded before timing
    add = [timed_run([exe, "--data-dir", str(add_dir), "add", "--from-file", str(ids_file)], env)]
    imported = [timed_run([exe, "--data-dir", str(import_dir), "import", str(bundle)], env)]
    base = median(bare_import)
    return [
        ('python -c "import trialtracker"', bare_import, None, "ms", "baseline"),
        ("trialtracker --version", version, base, "ms", "≤ 1.3× that import"),
        ("  floor: a launcher's imports (sys, trialtracker.cli)", launcher_floor, base, "ms", "—"),
        (f"list at {n:,}", listing, None, "s", "≤ 0.5"),
        (f"export --format json at {n:,} ({size_mb:.0f} MB)", export, None, "s", "≤ 2, ≤ 100 MB"),
        (f"add {n:,} IDs from a file", add, None, "s", "≤ 2"),
        (f"import a {n:,}-trial bundle", imported, None, "s", "≤ 3"),
    ]


# --------------------------------------------------------------------------- refresh


REFRESH_CHILD = """
import cProfile, pstats, sys, time
from pathlib import Path
from trialtracker.services import trials
from trialtracker.services.library import open_library
from trialtracker.services.refresh import refresh_library
from trialtracker.services.settings import load_settings

lib = open_library(load_settings(data_dir=Path(sys.argv[1]), api_url=sys.argv[2], pace=0))
trials.remove(lib, lib.seeded)
trials.add(lib, [line for line in Path(sys.argv[3]).read_text().split()])
profile = cProfile.Profile()
started = time.perf_counter()
profile.enable()
summary = refresh_library(lib, None, force=True)
profile.disable()
wall = time.perf_counter() - started
stats = pstats.Stats(profile)
store = sum(v[3] for k, v in stats.stats.items() if k[2] == "_store_chunk")
links = sum(v[3] for k, v in stats.stats.items() if k[2] == "_links_worked_out")
hwm = next(ln.split()[1] for ln in Path("/proc/self/status").read_text().splitlines() if ln.startswith("VmHWM:"))
print(f"wall={wall:.3f} store={store:.3f} links={links:.3f} updated={summary.updated} hwm_kb={hwm}")
"""


def refresh_cases(root: Path, env: dict[str, str], n: int) -> list[Row]:
    from tests.ctgov_server import CtGovServer, nct

    ids = [nct(1_000_000 + i) for i in range(n)]
    ids_file = root / "refresh-ids.txt"
    ids_file.write_text("\n".join(ids), encoding="utf-8")
    with CtGovServer() as server:
        server.add_generated(*ids)
        done = subprocess.run(
            [sys.executable, "-c", REFRESH_CHILD, str(root / "refresh"), server.url, str(ids_file)],
            env=env, capture_output=True, text=True, timeout=1800, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"refresh failed: {done.stderr[-800:]}")
    fields = dict(item.split("=", 1) for item in done.stdout.split())
    wall, store, links = float(fields["wall"]), float(fields["store"]), float(fields["links"])
    return [
        (f"refresh {n:,} trials (local registry, no pace; profiled)", [wall], None, "s", "—"),
        (
            "  of which storing in the database (write transactions)",
            [store / wall * 100],
            None,
            "%",
            "≤ 30 %",
        ),
        ("  of which topic rules before the write (and their read)", [links / wall * 100], None, "%", "—"),
        ("  peak memory (RSS)", [int(fields["hwm_kb"]) / 1024], None, "MB", "≤ 250 MB"),
    ]


# --------------------------------------------------------------------------- report


def report(rows: list[Row]) -> None:
    header = f"{'case':<58} | {'median':>9} | {'worst':>9} | {'baseline':>9} | {'÷base':>6} | target"
    print(header)
    print("-" * len(header))
    for case, samples, base, unit, target in rows:
        med, worst = median(samples), max(samples)
        ratio = f"{med / base:>6.1f}" if base else " " * 6
        base_text = f"{base:>7.2f} {unit}" if base is not None else " " * 9
        print(
            f"{case:<58} | {med:>7.2f} {unit:<1} | {worst:>7.2f} {unit:<1} | {base_text:>9} | {ratio} | {target}"
        )
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tests.bench.run")
    parser.add_argument("--trials", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip", default="", help="comma-separated: window, startup, cli, refresh")
    args = parser.parse_args(argv[1:])
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="trialtracker-bench-") as tmp:
        root = Path(tmp)
        env = bench_env(root)
        catalog_dir, big_dir = root / "catalog", root / "big"
        prepare_catalog(catalog_dir)
        prep = prepare_big(big_dir, args.trials)
        print(
            f"prepared the catalog library and {args.trials:,} synthetic trials in {prep:.1f} s (not timed)\n"
        )
        rows: list[Row] = []
        sections: dict[str, Callable[[], list[Row]]] = {
            "window": lambda: window_cases(big_dir),
            "startup": lambda: startup_cases(catalog_dir, big_dir, env, args.runs, args.trials),
            "cli": lambda: cli_cases(root, big_dir, env, args.runs, args.trials),
            "refresh": lambda: refresh_cases(root, env, args.trials),
        }
        for name, section in sections.items():
            if name not in skip:
                rows += section()
        report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
