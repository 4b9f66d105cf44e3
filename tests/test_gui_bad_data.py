"""The window refuses an unusable database with a dialog naming the file, and leaves it untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from trialtracker.paths import DataPaths
from trialtracker.services.settings import load_settings

GARBAGE = b"this is not a database, it is a shopping list\n" * 40


def read_the_next_message_box() -> dict[str, str]:
    """Once a message box is shown, note its title and text and close it (the dict fills in then)."""
    seen: dict[str, str] = {}

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, read_and_close)
            return
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        box.accept()

    QTimer.singleShot(0, read_and_close)
    return seen


def test_gui_shows_a_dialog_for_a_corrupt_database_and_keeps_the_file(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trialtracker.ui import crash
    from trialtracker.ui.app import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    paths.ensure()
    paths.db_path.write_bytes(GARBAGE)
    seen = read_the_next_message_box()
    try:
        code = run_gui(load_settings(data_dir=paths.data_dir))
    finally:
        crash.uninstall_crash_handler()
    assert code == 2
    assert "cannot open" in seen["title"]
    assert str(paths.db_path) in seen["text"] and "left unchanged" in seen["text"]
    assert paths.db_path.read_bytes() == GARBAGE


def test_screenshot_mode_reports_a_newer_database_on_stderr(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    exe = str(Path(sys.executable).with_name("trialtracker"))
    assert (
        subprocess.run([exe, "--data-dir", str(data), "list"], capture_output=True, timeout=60).returncode
        == 0
    )
    db = data / "trialtracker.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = 'zz_future'")
    conn.commit()
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = subprocess.run([exe, "--data-dir", str(data), "gui", "--screenshot", str(tmp_path / "x.png")],
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 2
    assert "newer version" in result.stderr and str(db) in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (tmp_path / "x.png").exists()


def test_gui_explains_an_unusable_registry_address_in_a_dialog(
    qtbot: QtBot, paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad $TRIALTRACKER_API_URL stops the window with a dialog (a desktop launch has no terminal)."""
    from trialtracker.cli import main

    monkeypatch.setenv("TRIALTRACKER_API_URL", "ftp://example.org/api")
    seen = read_the_next_message_box()
    assert main(["--data-dir", str(paths.data_dir), "gui"]) == 2
    assert seen["title"] == "Trial Tracker cannot start"
    assert "ftp://example.org/api" in seen["text"] and "environment" in seen["text"]
    assert "http://" in seen["text"]
    assert not paths.db_path.exists(), "nothing is opened or created before the settings are usable"


def test_no_display_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """Without a display Qt aborts the process (exit 134); the command says why instead (issue 15)."""
    exe = str(Path(sys.executable).with_name("trialtracker"))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([exe, "--data-dir", str(tmp_path / "data"), "gui"], env=env, capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "no display" in result.stderr
    assert "DISPLAY" in result.stderr and "trialtracker --help" in result.stderr
