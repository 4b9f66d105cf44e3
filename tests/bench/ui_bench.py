"""UI benchmark: cold start to first paint, peak memory, and search-filter latency on 10,000 trials.

Not part of the test suite. Run from the repository root:

    .venv/bin/python -m tests.bench.ui_bench [--runs 5] [--trials 10000]

Cold start: each run is a fresh ``python -m tests.bench.ui_bench --child …``
subprocess with ``QT_QPA_PLATFORM=offscreen``. The child builds its window,
shows it, and quits (``QTimer.singleShot(0, app.quit)``) right after the
window's first ``QEvent.Paint``; wall time is measured from ``Popen`` to process
exit (interpreter start, imports, store open, window build, first paint,
teardown). The child also reports Popen -> first paint. Peak memory is the
child's own ``VmHWM`` (peak RSS, from ``/proc/self/status``) printed at exit.
(``ru_maxrss`` from ``wait4``/``RUSAGE_CHILDREN`` is not used: it also counts
the forked copy of this parent process before ``exec``, which inflated the
bare case from ~56 to ~83 MB in trials.)

  (a) bare:  PySide6 QApplication + QMainWindow(QTableView), same size as ours
  (b) ours:  MainWindow over a data dir holding just the embedded catalog
  (c) ours:  MainWindow over a data dir holding the catalog + N synthetic trials
             with generated registry records, notes and tags

Data dirs are prepared before any timing, so catalog seeding, migrations and the
10k import are *not* measured (the child's ``open_library`` finds them done).

Filter latency: in-process, the window over (c); for every prefix of a few
queries it sets the search box text and applies it at once
(``FilterBar.apply_search``: proxy ``set_text`` + empty-state update), and
stops the clock once ``proxy.rowCount()`` is computed (every keystroke filters at once).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES = ("mesenchymal", "NCT01004217", "recruiting spain", "ask nurse")
NOTES = (
    "Asked the MS nurse about this one; site in Barcelona, Spain.",
    "Check the MRI schedule and travel costs.",
    "Wait for results before asking the neurologist.",
)
TAGS = ("ask nurse", "shortlist", "too far")
WINDOW_SIZE = (1280, 800)  # MainWindow's DEFAULT_SIZE; the bare window gets the same


# --------------------------------------------------------------------------- child


def child(mode: str, data_dir: str) -> int:
    """Start one window, quit after its first paint; print timings and VmHWM."""
    started = float(os.environ.get("UI_BENCH_T0", "0"))
    from PySide6.QtCore import QEvent, QObject, QTimer

    store: Any = None
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

        app = QApplication([sys.argv[0]])
        window = QMainWindow()
        window.setCentralWidget(QTableView())
        window.resize(*WINDOW_SIZE)
    else:
        from trialtracker.services.library import open_library  # as the app does (no test helpers)
        from trialtracker.services.settings import load_settings
        from trialtracker.ui.app import application
        from trialtracker.ui.main_window import MainWindow

        app = application()
        store = open_library(load_settings(data_dir=Path(data_dir)))
        window = MainWindow(store, auto_refresh=False, remember=False)

    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.time())
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
    rows = window.proxy.rowCount() if mode != "bare" else 0  # type: ignore[attr-defined]
    window.close()
    if store is not None:
        store.close()
    hwm = next((ln.split()[1] for ln in Path("/proc/self/status").read_text().splitlines()
                if ln.startswith("VmHWM:")), "0")  # fmt: skip
    first = painted[0] - started if painted and started else float("nan")
    print(f"first_paint={first:.4f} rows={rows} vmhwm_kb={hwm}", flush=True)
    return 0 if painted else 1


def run_child(mode: str, data_dir: Path, env: dict[str, str]) -> dict[str, float]:
    env = {**env, "UI_BENCH_T0": repr(time.time())}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.ui_bench", "--child", mode, str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({proc.returncode}): {out}")
    fields = dict(item.split("=", 1) for item in out.split())
    return {
        "wall": wall,
        "first_paint": float(fields["first_paint"]),
        "hwm_mb": int(fields["vmhwm_kb"]) / 1024,
        "rows": float(fields["rows"]),
    }


# --------------------------------------------------------------------------- data


def prepare_catalog(root: Path) -> None:
    from tests.conftest import open_test_library

    open_test_library(root).close()


def prepare_big(root: Path, n: int) -> float:
    """Catalog + ``n`` synthetic trials with registry records, notes and tags (one transaction)."""
    from tests.conftest import open_test_library
    from tests.ctgov_server import make_study, nct
    from trialtracker.ctgov.parser import parse_study
    from trialtracker.store import trials as ops
    from trialtracker.store.models import RefreshRun
    from trialtracker.store.registry import store_record

    started = time.perf_counter()
    store = open_test_library(root)
    ids = [nct(1_000_000 + i) for i in range(n)]
    try:
        with store.transaction() as s:
            ops.add_trials(s, ids, store.catalog, store.linker)
            run = RefreshRun(requested=n)
            s.add(run)
            s.flush()
            by_id = {t.nct_id: t for t in ops.list_trials(s)}
            for i, nct_id in enumerate(ids):
                store_record(s, by_id[nct_id], parse_study(make_study(nct_id)), run.id, store.linker)
                if i % 10 == 0:
                    ops.add_note(s, nct_id, NOTES[i // 10 % len(NOTES)])
                if i % 7 == 0:
                    ops.add_tags(s, nct_id, [TAGS[i // 7 % len(TAGS)]])
                if i % 50 == 0:
                    by_id[nct_id].starred = True
    finally:
        store.close()
    return time.perf_counter() - started


# --------------------------------------------------------------------------- filter latency


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def filter_latency(root: Path) -> dict[str, Any]:
    from tests.conftest import open_test_library
    from trialtracker.ui.app import application, settle
    from trialtracker.ui.main_window import MainWindow

    app = application()
    store = open_test_library(root)
    window = MainWindow(store, auto_refresh=False, remember=False)
    window.show()
    settle(window, lambda: window.tasks.busy)
    per_query: dict[str, list[float]] = {}
    proxy_only: list[float] = []
    matches: dict[str, int] = {}
    try:
        for query in QUERIES:
            times: list[float] = []
            for i in range(1, len(query) + 1):
                t0 = time.perf_counter()
                window.search.setText(query[:i])  # filters at once (no debounce)
                window.proxy.rowCount()
                times.append((time.perf_counter() - t0) * 1000)
            matches[query] = window.proxy.rowCount()
            per_query[query] = times
            window.search.setText("")
            # The proxy alone (no line edit / empty-state label), same prefixes.
            for i in range(1, len(query) + 1):
                t0 = time.perf_counter()
                window.proxy.set_text(query[:i])
                window.proxy.rowCount()
                proxy_only.append((time.perf_counter() - t0) * 1000)
            window.proxy.set_text("")
            window.search.setText("")
            app.processEvents()
        total = window.model.rowCount()
    finally:
        window.close()
        store.close()
    return {"per_query": per_query, "proxy_only": proxy_only, "matches": matches, "rows": total}


# --------------------------------------------------------------------------- main


def bench_env(root: Path) -> dict[str, str]:
    """Offscreen, a home of its own under ``root`` (no user settings read or written), no registry;
    applied to this process too. Returns the environment for child processes."""
    home = root / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TRIALTRACKER_API_URL": "http://127.0.0.1:9/api/v2",
    }
    os.environ.update({k: env[k] for k in ("QT_QPA_PLATFORM", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                           "XDG_CACHE_HOME")})  # fmt: skip
    return env


def main(argv: list[str]) -> int:
    if len(argv) >= 4 and argv[1] == "--child":
        return child(argv[2], argv[3])
    parser = argparse.ArgumentParser(prog="ui_bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--trials", type=int, default=10_000)
    args = parser.parse_args(argv[1:])
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    with tempfile.TemporaryDirectory(prefix="ui-bench-") as tmp:
        root = Path(tmp)
        env = bench_env(root)
        catalog_dir, big_dir = root / "catalog", root / "big"
        prepare_catalog(catalog_dir)
        prep = prepare_big(big_dir, args.trials)
        print(f"prepared: catalog dir, and {args.trials} synthetic trials in {prep:.1f} s (not timed below)")

        cases = (("a bare PySide6", "bare", catalog_dir), ("b ours, catalog", "ours", catalog_dir),
                 (f"c ours, +{args.trials // 1000}k", "ours", big_dir))  # fmt: skip
        results: dict[str, dict[str, list[float]]] = {label: {} for label, _, _ in cases}
        for _ in range(args.runs):  # interleaved, so drift hits every case alike
            for label, mode, data in cases:
                for k, v in run_child(mode, data, env).items():
                    results[label].setdefault(k, []).append(v)
        med = {label: {k: statistics.median(v) for k, v in r.items()} for label, r in results.items()}
        base = med["a bare PySide6"]
        header = (
            f"{'cold start (median of ' + str(args.runs) + ')':<26} | {'rows':>6} | {'wall s':>7} {'÷bare':>6} "
            f"| {'→paint s':>8} {'÷bare':>6} | {'peak RSS MB':>11} {'÷bare':>6}"
        )
        print()
        print(header)
        print("-" * len(header))
        for label, m in med.items():
            print(
                f"{label:<26} | {m['rows']:>6.0f} | {m['wall']:>7.3f} {m['wall'] / base['wall']:>6.2f} "
                f"| {m['first_paint']:>8.3f} {m['first_paint'] / base['first_paint']:>6.2f} "
                f"| {m['hwm_mb']:>11.1f} {m['hwm_mb'] / base['hwm_mb']:>6.2f}",
                flush=True,
            )

        lat = filter_latency(big_dir)
        print()
        header = f"{'filter latency, ' + str(lat['rows']) + ' rows':<28} | {'keys':>4} | {'median ms':>9} | {'p95 ms':>7} | matches"
        print(header)
        print("-" * len(header))
        every: list[float] = []
        for query, times in lat["per_query"].items():
            every += times
            print(f"{query!r:<28} | {len(times):>4} | {statistics.median(times):>9.1f} | "
                  f"{pct(times, 0.95):>7.1f} | {lat['matches'][query]}")  # fmt: skip
        print(f"{'all keystrokes (search box)':<28} | {len(every):>4} | {statistics.median(every):>9.1f} | "
              f"{pct(every, 0.95):>7.1f} |")  # fmt: skip
        po = lat["proxy_only"]
        print(f"{'all keystrokes (proxy only)':<28} | {len(po):>4} | {statistics.median(po):>9.1f} | "
              f"{pct(po, 0.95):>7.1f} |")  # fmt: skip
        print(
            "one filter pass per row above; the window runs it on every keystroke, at any size.", flush=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
