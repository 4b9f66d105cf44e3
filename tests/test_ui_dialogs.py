"""The secondary dialogs: Add trials, Preferences, Discover, About, and the crash handler."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.ctgov_server import CtGovServer, Fault, make_study, nct
from trialtracker.catalog import open_seeded_store
from trialtracker.ctgov.client import CtGovClient
from trialtracker.paths import DataPaths
from trialtracker.store.db import Store
from trialtracker.store.models import Watch
from trialtracker.store.trials import tracked_ids
from trialtracker.ui import crash
from trialtracker.ui.about import AboutDialog
from trialtracker.ui.add_dialog import AddTrialsDialog, parse_ids
from trialtracker.ui.discover_dialog import TRACKED_MARK, DiscoverDialog
from trialtracker.ui.preferences import PreferencesDialog
from trialtracker.ui.settings import AppSettings

CATALOG_ID = "NCT00273364"  # in the shipped catalog, so tracked after seeding


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[AppSettings]:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    yield AppSettings()


@pytest.fixture
def store(paths: DataPaths) -> Iterator[Store]:
    opened = open_seeded_store(paths)
    yield opened
    opened.close()


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


def test_preferences_round_trip(qtbot: QtBot, settings: AppSettings) -> None:
    assert (settings.api_url, settings.pace, settings.refresh_on_start, settings.refresh_on_start_hours) == (
        "",
        1.0,
        False,
        24,
    )
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.api_url.placeholderText() == "https://clinicaltrials.gov/api/v2"
    assert not dialog.hours.isEnabled()
    dialog.api_url.setText("ftp://example.org")
    assert not dialog.ok_button.isEnabled()
    assert not dialog.url_error.isHidden()
    dialog.api_url.setText("http://127.0.0.1:8080/api/v2/")
    assert dialog.ok_button.isEnabled()
    dialog.pace.setValue(2.5)
    dialog.refresh_on_start.setChecked(True)
    assert dialog.hours.isEnabled()
    dialog.hours.setValue(48)
    dialog.accept()

    fresh = AppSettings()  # a new QSettings on the same file
    assert fresh.api_url == "http://127.0.0.1:8080/api/v2"
    assert fresh.pace == 2.5
    assert fresh.refresh_on_start is True
    assert fresh.refresh_on_start_hours == 48
    raw = QSettings(settings.file_name(), QSettings.Format.IniFormat)
    assert {"api_url", "pace", "refresh_on_start", "refresh_on_start_hours"} <= set(raw.allKeys())

    again = PreferencesDialog(settings=fresh)
    qtbot.addWidget(again)
    assert again.api_url.text() == "http://127.0.0.1:8080/api/v2"
    again.reset_button.click()
    again.accept()
    assert AppSettings().api_url == ""


def test_settings_clamp_and_survive_garbage(settings: AppSettings) -> None:
    settings.set_value("pace", "fast")
    settings.set_value("refresh_on_start", "maybe")
    settings.set_value("refresh_on_start_hours", "9999")
    assert (settings.pace, settings.refresh_on_start, settings.refresh_on_start_hours) == (1.0, False, 720)
    settings.pace = 99
    settings.refresh_on_start_hours = 0
    assert (settings.pace, settings.refresh_on_start_hours) == (10.0, 1)
    settings.set_value("geometry", b"\x01\x02")
    assert bytes(settings.value("geometry")) == b"\x01\x02"


# --------------------------------------------------------------------------- Discover


def _dialog(qtbot: QtBot, store: Store, server: CtGovServer, max_tries: int = 6) -> DiscoverDialog:
    dialog = DiscoverDialog(
        store, lambda: CtGovClient(server.url, pace=0, backoff_base=0.01, max_tries=max_tries)
    )
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
    qtbot: QtBot, store: Store, ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctgov_server.add(make_study(CATALOG_ID, overall_status="COMPLETED", phases=["PHASE2"]))
    ctgov_server.add_generated(nct(11), nct(12), overall_status="RECRUITING", phases=["PHASE1", "PHASE2"])
    ctgov_server.add(make_study(nct(13), brief_title="<b>Not bold</b> & HSCT", overall_status="RECRUITING"))
    ctgov_server.add(
        make_study(nct(14), conditions=["Crohn Disease"], brief_title="HSCT in Crohn", official_title="HSCT")
    )
    dialog = _dialog(qtbot, store, ctgov_server)
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
    with store.session() as s:
        assert {nct(11), nct(12), nct(13), CATALOG_ID} <= set(tracked_ids(s))

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
    with store.session() as s:
        watch = s.scalar(select(Watch))
        assert watch is not None
        assert (watch.name, watch.cond, watch.statuses) == (
            "MS stem cells",
            "multiple sclerosis",
            ["RECRUITING"],
        )
        assert watch.intr is not None and "mesenchymal" in watch.intr
    # Same name again: refused inline, nothing saved.
    assert dialog.save_as_watch() is None
    assert "already exists" in dialog.error.text()
    assert not dialog.error.isHidden()
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
    qtbot: QtBot, store: Store, ctgov_server: CtGovServer, faults: list[Fault], expected: str
) -> None:
    ctgov_server.add_generated(nct(21))
    ctgov_server.inject(*faults)
    dialog = _dialog(qtbot, store, ctgov_server, max_tries=3)
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
    qtbot: QtBot, store: Store, ctgov_server: CtGovServer
) -> None:
    ctgov_server.add_generated(nct(31))
    ctgov_server.inject(Fault.slow(8))
    dialog = _dialog(qtbot, store, ctgov_server)
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


def test_discover_bad_client_factory(qtbot: QtBot, store: Store) -> None:
    def broken() -> CtGovClient:
        return CtGovClient("not a url")

    dialog = DiscoverDialog(store, broken)
    qtbot.addWidget(dialog)
    _search(qtbot, dialog)
    assert "Cannot reach the registry" in dialog.error.text()


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
