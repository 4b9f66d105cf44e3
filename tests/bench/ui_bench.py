"""The pieces of ``tests.bench.run`` that start windows: one cold start in a fresh process, the data.

Not part of the test suite; run ``python -m tests.bench.run`` (it calls this module as a child).

Cold start: ``python -m tests.bench.ui_bench --child MODE DATA_DIR`` with ``QT_QPA_PLATFORM=offscreen``
builds one window, waits for its first ``QEvent.Paint`` and then for every row (a big library first shows
one screen and reads the rest in the background), and quits; it prints the time from ``Popen`` to the
first paint and to every row shown, and its own ``VmHWM`` (peak RSS, from ``/proc/self/status``;
``ru_maxrss`` of the child would also count the forked copy of the parent before ``exec``).

  bare:  PySide6 QApplication + QMainWindow(QTableView), same size as ours
  ours:  MainWindow over DATA_DIR, opened as the app opens it

Data folders are prepared before any timing (:func:`prepare_catalog`, :func:`prepare_big`), so catalog
seeding, migrations and the 10k fill are not measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

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
    every_row: list[float] = []

    def quit_when_every_row_is_in() -> None:
        """A big library first shows one screen and reads the rest after the paint: wait for it, so the
        peak memory and the "every row shown" time are honest."""
        if getattr(window, "loading", False):
            QTimer.singleShot(5, quit_when_every_row_is_in)
            return
        every_row.append(time.time())
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.time())
                QTimer.singleShot(0, quit_when_every_row_is_in)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    app.exec()
    if every_row:  # the paint of the full table (it is in the model; one more paint puts it on screen)
        window.repaint()
        every_row[0] = time.time()
    rows = window.proxy.rowCount() if mode != "bare" else 0  # type: ignore[attr-defined]
    window.close()
    if store is not None:
        store.close()
    hwm = next((ln.split()[1] for ln in Path("/proc/self/status").read_text().splitlines()
                if ln.startswith("VmHWM:")), "0")  # fmt: skip
    first = painted[0] - started if painted and started else float("nan")
    full = every_row[0] - started if every_row and started else float("nan")
    print(f"first_paint={first:.4f} every_row={full:.4f} rows={rows} vmhwm_kb={hwm}", flush=True)
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
        "every_row": float(fields["every_row"]),
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


# --------------------------------------------------------------------------- environment


def bench_env(root: Path) -> dict[str, str]:
    """Offscreen, a home of its own under ``root`` (no user settings read or written), no registry;
    applied to this process too. Returns the environment for child processes.

    Bytecode is allowed and our sources are compiled (to their ``__pycache__``) before any timing, as an
    installed app has them: with ``PYTHONDONTWRITEBYTECODE`` set, every start compiled ~80 modules
    from source (~0.1 s) and measured the compiler, not the app."""
    home = root / "home"
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {
        **environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TRIALTRACKER_API_URL": "http://127.0.0.1:9/api/v2",
    }
    os.environ.update({k: env[k] for k in ("QT_QPA_PLATFORM", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                           "XDG_CACHE_HOME")})  # fmt: skip
    package = Path(__file__).resolve().parents[2] / "src" / "trialtracker"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
    return env


def main(argv: list[str]) -> int:
    if len(argv) >= 4 and argv[1] == "--child":
        return child(argv[2], argv[3])
    print("usage: python -m tests.bench.run   (this module is its window child)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
