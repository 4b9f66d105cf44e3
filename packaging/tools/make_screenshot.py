"""Make ``packaging/linux/screenshot.png`` (the README's and the app store's picture) with the app itself.

The window shows the embedded catalog with one trial refreshed from a *recorded* registry answer
(BEAT-MS, NCT04047628, as ClinicalTrials.gov listed it in August 2026:
``tests/fixtures/ctgov/univabiocomp_search_ms_portland.json``), served by the tests' local registry
(no network). The home place is Portland, Oregon, so the sites show their distances. Run from the
repository root with the development install (offscreen, any machine):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/tools/make_screenshot.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "tests" / "fixtures" / "ctgov" / "univabiocomp_search_ms_portland.json"
OUT = ROOT / "packaging" / "linux" / "screenshot.png"
TRIAL = "NCT04047628"
SIZE = (1280, 800)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="trialtracker-shot-") as tmp:
        os.environ["TRIALTRACKER_CONFIG_DIR"] = str(Path(tmp) / "config")  # not the user's settings
        from tests.ctgov_server import CtGovServer

        from trialtracker.services.library import open_library
        from trialtracker.services.places import resolve_place
        from trialtracker.services.refresh import refresh_library
        from trialtracker.services.settings import Preferences, load_settings
        from trialtracker.ui.app import application
        from trialtracker.ui.main_window import MainWindow

        studies = json.loads(RECORD.read_text(encoding="utf-8"))["studies"]
        beat_ms = next(s for s in studies if s["protocolSection"]["identificationModule"]["nctId"] == TRIAL)
        with CtGovServer([beat_ms]) as server:
            app = application()
            lib = open_library(load_settings(data_dir=Path(tmp) / "data", api_url=server.url, pace=0))
            home = resolve_place("Portland, Oregon")
            lib.save_preferences(Preferences(home_place=home.label, home_lat=home.lat, home_lon=home.lon))
            summary = refresh_library(lib, [TRIAL])
            if not summary.ok:
                raise SystemExit(f"refresh failed: {summary.error}")
            window = MainWindow(lib, auto_refresh=False, remember=False)
            window.resize(*SIZE)
            window.show()
            window.splitter.setSizes([225, 445, 610])  # a wider page: it is what the picture shows
            window.select_smart_list(next(s for s in type(window.proxy.smart_list) if s.name == "NEAR"))
            window.select_trial(TRIAL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and window.tasks.tasks():
                app.processEvents()
            for _ in range(20):
                app.processEvents()
                time.sleep(0.02)
            browser = window.detail.browser  # open the page at "Could I join?"
            if browser.find("Could I join?"):
                bar = browser.verticalScrollBar()
                bar.setValue(bar.value() + browser.cursorRect().top() - 8)
                cursor = browser.textCursor()
                cursor.clearSelection()
                browser.setTextCursor(cursor)
                app.processEvents()
            if not window.grab().save(str(OUT)):
                raise SystemExit(f"could not write {OUT}")
            window.close()
            lib.close()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
