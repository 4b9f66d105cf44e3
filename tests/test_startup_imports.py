"""A start reads and paints without the ORM; the database layer is loaded after, in the background.

Each case runs in a fresh interpreter (this one has SQLAlchemy loaded long ago). Why it matters:
``import sqlalchemy`` and our models were a quarter of a second of every start; see issue 13.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import open_test_library

WINDOW_CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from trialtracker.services.library import open_library
from trialtracker.services.settings import load_settings
from trialtracker.ui.app import application
from trialtracker.ui.main_window import MainWindow

ON_DEMAND = ("trialtracker.ui.topic_browser", "trialtracker.ui.home_place", "trialtracker.services.exchange",
             "uuid")
app = application()
lib = open_library(load_settings(data_dir=Path(sys.argv[1])))
window = MainWindow(lib, auto_refresh=False, remember=False)
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "at_paint" not in seen:
            seen["at_paint"] = "sqlalchemy" in sys.modules
            seen["on_demand"] = sorted(set(ON_DEMAND) & set(sys.modules))
            seen["rows"] = window.proxy.rowCount()
        return False

spy = FirstPaint()
window.installEventFilter(spy)
window.show()
deadline = time.monotonic() + 30
loaded = lambda: "sqlalchemy.orm" in sys.modules and not window.tasks.tasks()
while time.monotonic() < deadline and ("at_paint" not in seen or not loaded()):
    app.processEvents()
    time.sleep(0.005)
seen["after"] = "sqlalchemy" in sys.modules
first = window.model.rows()[0].nct_id
update = window.data.set_starred([first], True)
seen["starred"] = [r.starred for r in update.rows]
window.close()
lib.close()
print(json.dumps(seen))
"""

LIST_CHILD = r"""
import sys
from trialtracker.cli import main
code = main(["--data-dir", sys.argv[1], "list"])
print("sqlalchemy" in sys.modules, code, file=sys.stderr)
"""


def _child(code: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], env=env, capture_output=True, text=True, timeout=120
    )


def test_window_paints_its_rows_before_loading_the_orm_then_loads_it_in_the_background(
    data_dir: Path,
) -> None:
    open_test_library(data_dir).close()  # seeded and migrated: the start a user has every day
    done = _child(WINDOW_CHILD, data_dir)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["rows"] > 50, "the first paint shows the catalog's trials"
    assert seen["at_paint"] is False, "SQLAlchemy was imported before the first paint"
    assert seen["on_demand"] == [], "parts used only on demand (a dialog, an export) slowed the start"
    assert seen["after"] is True, "the database layer was not loaded after the paint"
    assert seen["starred"] == [True]


def test_list_runs_without_the_orm(data_dir: Path) -> None:
    open_test_library(data_dir).close()
    done = _child(LIST_CHILD, data_dir)
    assert done.returncode == 0, done.stderr
    assert "NCT" in done.stdout
    assert done.stderr.split()[-2:] == ["False", "0"], done.stderr


def test_a_new_library_is_created_and_seeded_on_first_start(data_dir: Path) -> None:
    """The plain reader cannot create or seed: a first start still goes through the ORM, and lists."""
    done = _child(LIST_CHILD, data_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("NCT") > 50
    assert done.stderr.split()[-2:] == ["True", "0"], done.stderr
