"""The secondary dialogs: Add trials, Preferences, Discover, About, and the crash handler."""

from __future__ import annotations

import configparser
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library
from tests.ctgov_server import CtGovServer, Fault, make_study, nct
from trialtracker.paths import DataPaths
from trialtracker.services import discovery, trials
from trialtracker.services.library import Library
from trialtracker.services.settings import (
    DEFAULT,
    ENV,
    ENV_API_URL,
    ENV_CONFIG_DIR,
    ENV_PACE,
    ENV_REFRESH_ON_START,
    FILE,
    FLAG,
    PREFERENCES_FILE,
    SECTION,
    Preferences,
    load_settings,
    read_preferences,
)
from trialtracker.ui import crash
from trialtracker.ui.about import AboutDialog
from trialtracker.ui.add_dialog import AddTrialsDialog, parse_ids
from trialtracker.ui.data_access import DataAccess
from trialtracker.ui.discover_dialog import TRACKED_MARK, DiscoverDialog
from trialtracker.ui.preferences import PreferencesDialog

CATALOG_ID = "NCT00273364"  # in the shipped catalog, so tracked after seeding


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Preferences file lives here, never in the real user config folder."""
    path = tmp_path / "config"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(path))
    return path


@pytest.fixture
def open_lib(data_dir: Path, config_dir: Path) -> Iterator[Callable[..., Library]]:
    """Open the test library (keyword arguments are the command-line flags); every one is closed after."""
    opened: list[Library] = []

    def open_(*, api_url: str | None = None, pace: float | None = None) -> Library:
        lib = open_test_library(data_dir, api_url=api_url, pace=pace)
        opened.append(lib)
        return lib

    yield open_
    for lib in opened:
        lib.close()


# --------------------------------------------------------------------------- Add trials


def test_add_dialog_splits_valid_and_invalid(qtbot: QtBot) -> None:
    dialog = AddTrialsDialog(tracked=[CATALOG_ID])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.set_text("NCT00273364, nct1234567 and NCT12AB plus NCT123456789")
    assert dialog.ids() == ["NCT00273364", "NCT01234567"]
    assert dialog.invalid() == ["NCT12AB", "NCT123456789"]
    assert dialog.ok_button.isEnabled()
    assert dialog.preview.text().startswith("2 valid IDs found: NCT00273364, NCT01234567")
    assert "1 already tracked" in dialog.preview.text()
    assert not dialog.invalid_label.isHidden()
    assert "NCT12AB, NCT123456789" in dialog.invalid_label.text()

    dialog.set_text("only NCT12AB here")
    assert dialog.ids() == []
    assert dialog.invalid() == ["NCT12AB"]
    assert not dialog.ok_button.isEnabled()
    dialog.set_text("")
    assert dialog.invalid_label.isHidden()


def test_parse_ids_free_text() -> None:
    text = (
        "See https://clinicaltrials.gov/study/NCT02403947?tab=results\n"
        "NCT 01815632 (typed with a space), NCT-00288626, again nct02403947; NCTs are listed;"
        " xNCT01234567 is not one; NCT00000000 is not one either"
    )
    valid, invalid = parse_ids(text)
    assert valid == ["NCT02403947", "NCT01815632", "NCT00288626"]
    assert invalid == ["NCT00000000"]


# --------------------------------------------------------------------------- Preferences


def _ok(dialog: PreferencesDialog) -> bool:
    dialog.accept()
    return dialog.result() == PreferencesDialog.DialogCode.Accepted


def _shown(dialog: PreferencesDialog) -> tuple[float, bool, int]:
    return dialog.pace.value(), dialog.refresh_on_start.isChecked(), dialog.hours.value()


def test_preferences_round_trip(
    qtbot: QtBot, open_lib: Callable[..., Library], config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_API_URL)  # nothing overrides the file in this test (the dialog never fetches)
    lib = open_lib()
    assert lib.settings.preferences == Preferences("", 1.0, False, 24)
    dialog = PreferencesDialog(lib)
    qtbot.addWidget(dialog)
    assert dialog.api_url.text() == ""
    assert dialog.api_url.placeholderText() == "https://clinicaltrials.gov/api/v2"
    assert _shown(dialog) == (1.0, False, 24)
    assert not dialog.hours.isEnabled()
    assert dialog.api_url_note.isHidden() and dialog.pace_note.isHidden() and dialog.refresh_note.isHidden()
    assert dialog.path_label.text() == f"Saved in {config_dir / PREFERENCES_FILE}"

    for bad in ("ftp://example.org", "http://example.org/api v2", "example.org"):
        dialog.api_url.setText(bad)
        assert not dialog.ok_button.isEnabled(), bad
        assert not dialog.url_error.isHidden(), bad
        assert not _ok(dialog), bad
    assert not (config_dir / PREFERENCES_FILE).exists(), "a refused address was saved"

    dialog.api_url.setText("http://127.0.0.1:8080/api/v2/")
    assert dialog.ok_button.isEnabled()
    assert dialog.url_error.isHidden()
    dialog.pace.setValue(2.5)
    dialog.refresh_on_start.setChecked(True)
    assert dialog.hours.isEnabled()
    dialog.hours.setValue(48)
    assert _ok(dialog)

    saved = Preferences("http://127.0.0.1:8080/api/v2", 2.5, True, 48)
    assert read_preferences() == saved  # a fresh read of the file the dialog wrote
    raw = configparser.ConfigParser(interpolation=None)
    raw.read(config_dir / PREFERENCES_FILE, encoding="utf-8")
    assert set(raw[SECTION]) == {"api_url", "pace", "refresh_on_start", "refresh_on_start_hours", "home_place",
                                 "home_lat", "home_lon", "near_km", "refresh_every_hours", "theme",
                                 "database_url"}  # fmt: skip
    assert (raw[SECTION]["home_place"], raw[SECTION]["home_lat"]) == ("", "")  # no home place: none kept
    # The open library uses them at once, and says they came from the file.
    assert lib.settings.preferences == saved
    assert (lib.settings.api_url, lib.settings.pace, lib.settings.refresh_on_start) == (
        "http://127.0.0.1:8080/api/v2",
        2.5,
        True,
    )
    assert lib.settings.refresh_on_start_hours == 48
    assert {lib.settings.source_of(n) for n in ("api_url", "pace", "refresh_on_start")} == {FILE}

    lib.close()
    again_lib = open_lib()  # the next start reads them back
    assert again_lib.settings.preferences == saved
    again = PreferencesDialog(again_lib)
    qtbot.addWidget(again)
    assert again.api_url.text() == "http://127.0.0.1:8080/api/v2"
    assert _shown(again) == (2.5, True, 48)
    assert again.hours.isEnabled()
    again.reset_button.click()
    assert again.api_url.text() == ""
    assert _ok(again)
    assert read_preferences() == Preferences("", 2.5, True, 48)
    assert again_lib.settings.api_url == "https://clinicaltrials.gov/api/v2"
    assert again_lib.settings.source_of("api_url") == DEFAULT


def test_preferences_clamp_and_survive_garbage(
    qtbot: QtBot, open_lib: Callable[..., Library], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / PREFERENCES_FILE).write_text(
        f"[{SECTION}]\napi_url = ftp://nope\npace = fast\nrefresh_on_start = maybe\nrefresh_on_start_hours = 9999\n",
        encoding="utf-8",
    )
    lib = open_lib()
    assert lib.settings.preferences == Preferences("", 1.0, False, 720)
    dialog = PreferencesDialog(lib)
    qtbot.addWidget(dialog)
    assert dialog.api_url.text() == ""
    assert _shown(dialog) == (1.0, False, 720)
    assert dialog.ok_button.isEnabled()

    dialog.pace.setValue(99)
    dialog.hours.setValue(0)
    assert (dialog.pace.value(), dialog.hours.value()) == (10.0, 1)
    assert _ok(dialog)
    assert read_preferences() == Preferences("", 10.0, False, 1)

    dialog = PreferencesDialog(lib)
    qtbot.addWidget(dialog)
    dialog.pace.setValue(-3)
    dialog.hours.setValue(100_000)
    assert (dialog.pace.value(), dialog.hours.value()) == (0.0, 720)
    assert _ok(dialog)
    assert read_preferences() == Preferences("", 0.0, False, 720)


def test_preferences_say_what_overrides_them(
    qtbot: QtBot, open_lib: Callable[..., Library], config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / PREFERENCES_FILE).write_text(
        f"[{SECTION}]\napi_url = http://saved.example/api/v2\npace = 1.5\n", encoding="utf-8"
    )
    monkeypatch.setenv(ENV_API_URL, "http://mirror.example/api/v2")
    monkeypatch.setenv(ENV_PACE, "3")
    monkeypatch.setenv(ENV_REFRESH_ON_START, "yes")
    lib = open_lib()
    assert [lib.settings.source_of(n) for n in ("api_url", "pace", "refresh_on_start")] == [ENV, ENV, ENV]
    dialog = PreferencesDialog(lib)
    qtbot.addWidget(dialog)
    # The fields show what is saved, the notes what is used now and why.
    assert dialog.api_url.text() == "http://saved.example/api/v2"
    assert (dialog.pace.value(), dialog.refresh_on_start.isChecked()) == (1.5, False)
    assert not dialog.api_url_note.isHidden()
    assert dialog.api_url_note.text() == (
        "Now set by $TRIALTRACKER_API_URL (http://mirror.example/api/v2); "
        "what you save here is used when that is not set."
    )
    assert not dialog.pace_note.isHidden()
    assert dialog.pace_note.text().startswith("Now set by $TRIALTRACKER_PACE (3\u00a0s); ")  # no-break space
    assert not dialog.refresh_note.isHidden()
    assert dialog.refresh_note.text().startswith("Now set by $TRIALTRACKER_REFRESH_ON_START (on); ")

    dialog.pace.setValue(2.0)
    assert _ok(dialog)
    assert read_preferences() == Preferences("http://saved.example/api/v2", 2.0, False, 24)
    assert lib.settings.preferences.pace == 2.0
    assert (lib.settings.api_url, lib.settings.pace, lib.settings.refresh_on_start) == (
        "http://mirror.example/api/v2",
        3.0,
        True,
    ), "the environment still wins over what was saved"

    # A command-line flag is named too; without the variables the saved values are used again.
    for name in (ENV_API_URL, ENV_PACE, ENV_REFRESH_ON_START):
        monkeypatch.delenv(name)
    lib.close()
    flagged = open_lib(api_url="http://flag.example/api/v2")
    assert flagged.settings.source_of("api_url") == FLAG
    dialog = PreferencesDialog(flagged)
    qtbot.addWidget(dialog)
    assert dialog.api_url_note.text() == (
        "Now set by the command-line option --api-url (http://flag.example/api/v2); "
        "what you save here is used when it is not given."
    )
    assert dialog.pace_note.isHidden() and dialog.refresh_note.isHidden()
    assert flagged.settings.pace == 2.0


def test_preferences_failed_save_keeps_the_dialog_open(
    qtbot: QtBot, open_lib: Callable[..., Library], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = open_lib()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    monkeypatch.setenv(ENV_CONFIG_DIR, str(blocker))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    dialog = PreferencesDialog(lib)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pace.setValue(4.0)
    assert not _ok(dialog)
    assert dialog.isVisible(), "the dialog closed although nothing was saved"
    assert len(warnings) == 1 and str(blocker / PREFERENCES_FILE) in warnings[0]
    assert lib.settings.preferences.pace == 1.0, "the library took preferences that were not saved"

    good = tmp_path / "config-ok"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(good))
    assert _ok(dialog)  # the same dialog, saved once the folder is usable
    assert not dialog.isVisible()
    assert read_preferences(good / PREFERENCES_FILE).pace == 4.0
    assert lib.settings.preferences.pace == 4.0
    assert len(warnings) == 1


# --------------------------------------------------------------------------- Discover


def _dialog(qtbot: QtBot, store: Library, url: str, max_tries: int = 6) -> DiscoverDialog:
    store.settings = replace(
        load_settings(data_dir=store.paths.data_dir, api_url=url, pace=0), max_tries=max_tries, backoff=0.01
    )
    dialog = DiscoverDialog(DataAccess(store))
    qtbot.addWidget(dialog)
    return dialog


def _cell(dialog: DiscoverDialog, row: int, col: int) -> str:
    item = dialog.table.item(row, col)
    assert item is not None
    return item.text()


def _search(qtbot: QtBot, dialog: DiscoverDialog) -> None:
    with qtbot.waitSignal(dialog.searchFinished, timeout=10_000):
        assert dialog.start_search()
        assert dialog.searching
        assert not dialog.busy.isHidden()
    assert not dialog.searching
    assert dialog.busy.isHidden()


def test_discover_search_track_and_watch(
    qtbot: QtBot, store: Library, ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctgov_server.add(make_study(CATALOG_ID, overall_status="COMPLETED", phases=["PHASE2"]))
    ctgov_server.add_generated(nct(11), nct(12), overall_status="RECRUITING", phases=["PHASE1", "PHASE2"])
    ctgov_server.add(make_study(nct(13), brief_title="<b>Not bold</b> & HSCT", overall_status="RECRUITING"))
    ctgov_server.add(
        make_study(nct(14), conditions=["Crohn Disease"], brief_title="HSCT in Crohn", official_title="HSCT")
    )
    dialog = _dialog(qtbot, store, ctgov_server.url)
    assert dialog.condition.text() == "multiple sclerosis"

    _search(qtbot, dialog)
    assert dialog.summary.text().startswith("4 studies match in the registry")
    assert dialog.error.isHidden()
    ids = [_cell(dialog, r, 0) for r in range(dialog.table.rowCount())]
    assert ids == [CATALOG_ID, nct(11), nct(12), nct(13)]
    assert dialog.tracked_marker(CATALOG_ID) == TRACKED_MARK
    assert dialog.tracked_marker(nct(11)) == ""
    assert _cell(dialog, 0, 2) == "Completed"
    assert _cell(dialog, 1, 2) == "Recruiting"
    assert _cell(dialog, 1, 3) == "Phase 1 / Phase 2"
    assert _cell(dialog, 3, 1) == "<b>Not bold</b> & HSCT"  # plain text, as the registry wrote it
    search = ctgov_server.studies_requests()[-1].params
    assert search["query.cond"] == "multiple sclerosis"
    assert "stem cell" in search["query.intr"]

    # Track selected: the already-tracked row is skipped, the others are added in one go.
    assert not dialog.track_button.isEnabled()
    dialog.table.selectRow(0)
    assert not dialog.track_button.isEnabled()
    dialog.table.selectAll()
    assert dialog.track_button.isEnabled()
    with qtbot.waitSignal(dialog.trialsAdded) as added:
        dialog.track_button.click()
    assert added.args == [[nct(11), nct(12), nct(13)]]
    assert dialog.tracked_marker(nct(12)) == TRACKED_MARK
    assert not dialog.track_button.isEnabled()
    assert {nct(11), nct(12), nct(13), CATALOG_ID} <= set(trials.tracked_ids(store))

    # Status filter reaches the registry.
    dialog.set_statuses(["RECRUITING"])
    _search(qtbot, dialog)
    assert ctgov_server.studies_requests()[-1].params["filter.overallStatus"] == "RECRUITING"
    assert dialog.summary.text().startswith("3 studies match")

    # Save as watch (the name prompt is replaced).
    monkeypatch.setattr(dialog, "ask_watch_name", lambda: "  MS stem cells  ")
    with qtbot.waitSignal(dialog.watchSaved) as saved:
        dialog.watch_button.click()
    assert saved.args == ["MS stem cells"]
    (watch,) = discovery.list_watches(store)
    assert (watch.name, watch.cond, watch.statuses) == (
        "MS stem cells",
        "multiple sclerosis",
        ("RECRUITING",),
    )
    assert watch.intr is not None and "mesenchymal" in watch.intr
    # Same name again: refused inline, nothing saved.
    again = dialog.save_as_watch()
    assert again is not None  # written on the database lane, refused there
    qtbot.waitUntil(lambda: again.delivered and "already exists" in dialog.error.text())
    assert not dialog.error.isHidden() and len(discovery.list_watches(store)) == 1
    monkeypatch.setattr(dialog, "ask_watch_name", lambda: None)
    assert dialog.save_as_watch() is None


@pytest.mark.parametrize(
    ("faults", "expected"),
    [
        ([Fault.bad_request("Invalid value in parameter `query.cond`")], "HTTP 400: Invalid value"),
        ([Fault.http(503)] * 3, "gave up after 3 tries (last: HTTP 503)"),
    ],
)
def test_discover_shows_errors_inline(
    qtbot: QtBot, store: Library, ctgov_server: CtGovServer, faults: list[Fault], expected: str
) -> None:
    ctgov_server.add_generated(nct(21))
    ctgov_server.inject(*faults)
    dialog = _dialog(qtbot, store, ctgov_server.url, max_tries=3)
    _search(qtbot, dialog)
    assert not dialog.error.isHidden()
    assert expected in dialog.error.text()
    assert dialog.table.rowCount() == 0
    assert dialog.search_button.isEnabled()
    # The next search works and clears the error.
    _search(qtbot, dialog)
    assert dialog.error.isHidden()
    assert dialog.table.rowCount() == 1


def test_discover_cancel_and_close_while_searching(
    qtbot: QtBot, store: Library, ctgov_server: CtGovServer
) -> None:
    ctgov_server.add_generated(nct(31))
    ctgov_server.inject(Fault.slow(8))
    dialog = _dialog(qtbot, store, ctgov_server.url)
    with qtbot.waitSignal(dialog.searchFinished, timeout=5_000):
        dialog.start_search()
        qtbot.waitUntil(lambda: bool(ctgov_server.requests), timeout=5_000)
        dialog.cancel_button.click()
    assert dialog.summary.text() == "Search cancelled."
    assert dialog.error.isHidden()

    ctgov_server.inject(Fault.slow(8))
    dialog.start_search()
    qtbot.waitUntil(lambda: len(ctgov_server.requests) == 2, timeout=5_000)
    dialog.reject()  # closing cancels and joins the worker thread
    assert not dialog.searching


def test_discover_with_the_registry_unreachable(qtbot: QtBot, store: Library) -> None:
    dialog = _dialog(qtbot, store, "http://127.0.0.1:9/api/v2", max_tries=1)
    _search(qtbot, dialog)
    assert "ClinicalTrials.gov is unavailable" in dialog.error.text()
    assert "connection refused" in dialog.error.text()


# --------------------------------------------------------------------------- About


def test_about_dialog(qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    class FakeServices:
        @staticmethod
        def openUrl(url: object) -> bool:
            opened.append(url.toLocalFile())  # type: ignore[attr-defined]
            return True

    monkeypatch.setattr("trialtracker.ui.about.QDesktopServices", FakeServices)
    dialog = AboutDialog(paths)
    qtbot.addWidget(dialog)
    assert dialog.data_dir_label.text() == str(paths.data_dir)
    assert dialog.log_file_label.text() == str(paths.log_file)
    dialog.open_button.click()
    assert opened == [str(paths.data_dir)]
    assert paths.data_dir.is_dir()


# --------------------------------------------------------------------------- crash handler


@pytest.fixture
def crash_handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log_file = tmp_path / "logs" / "nested" / "trialtracker.log"
    crash.install_crash_handler(log_file)
    yield log_file
    crash.uninstall_crash_handler()
    monkeypatch.setattr(crash, "report_hook", None)
    box = crash.active_dialog()
    if box is not None:
        box.done(0)


def _raise_and_hook(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None
        sys.excepthook(exc_type, exc, tb)


def test_crash_handler_logs_and_reports(
    qtbot: QtBot, crash_handler: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports: list[crash.CrashReport] = []
    monkeypatch.setattr(crash, "report_hook", reports.append)
    assert sys.excepthook is crash._excepthook
    _raise_and_hook("boom in a slot")
    assert len(reports) == 1
    report = reports[0]
    assert report.summary == "RuntimeError: boom in a slot"
    assert report.log_file == crash_handler
    assert "Trial Tracker 0.1.0" in report.details
    assert "raise RuntimeError(message)" in report.details
    text = crash_handler.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: boom in a slot" in text

    thread = threading.Thread(target=lambda: 1 / 0, name="worker-x")
    thread.start()
    thread.join()
    assert reports[-1].thread_name == "worker-x"
    assert reports[-1].summary == "ZeroDivisionError: division by zero"
    assert "in thread worker-x" in crash_handler.read_text(encoding="utf-8")
    logging.getLogger("trialtracker.test").info("still logging")


def test_crash_dialog_is_non_blocking_and_not_a_storm(qtbot: QtBot, crash_handler: Path) -> None:
    _raise_and_hook("first")
    box = crash.active_dialog()
    assert box is not None and box.isVisible()
    assert "RuntimeError: first" in box.text()
    assert str(crash_handler) in box.informativeText()
    assert "RuntimeError: first" in box.detailedText()
    for n in range(5):
        _raise_and_hook(f"again {n}")
    assert crash.active_dialog() is box
    assert "5 more errors" in box.informativeText()

    # From another thread: queued to the GUI thread, counted by the open box.
    thread = threading.Thread(target=lambda: 1 / 0)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "6 more errors" in box.informativeText(), timeout=5_000)

    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: crash.active_dialog() is None, timeout=5_000)
    _raise_and_hook("later")
    second = crash.active_dialog()
    assert second is not None and "RuntimeError: later" in second.text()
