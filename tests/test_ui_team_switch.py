"""The window's way to a team library (issue 17, item 1): File ▸ Team library… opens Preferences on the
address; a password typed there is moved out (and the dialog says where); the window then offers to open
the chosen library. A saved team library that cannot be reached leaves the app on this computer's library,
saying why, instead of refusing to start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from tests.conftest import new_team_library, open_test_library
from tests.pg_server import PgServer
from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services.pgpass import pgpass_path
from trialtracker.services.settings import Preferences, load_settings, preferences_path, save_preferences
from trialtracker.ui.app import open_for_window
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.preferences import PreferencesDialog

Step = Callable[[QWidget], bool]


def drive_modals(steps: list[Step]) -> QTimer:
    """Hand each modal window, as it opens, to the next step (which returns True once it dealt with it)."""
    timer = QTimer()
    timer.setInterval(30)
    done: list[int] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or id(widget) in done or not steps:
            return
        try:
            handled = steps[0](widget)
        except BaseException:
            widget.close()  # a failed step must not leave the test waiting on a modal window
            timer.stop()
            raise
        if handled:
            done.append(id(widget))
            steps.pop(0)
        if not steps:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def click(button: QMessageBox.StandardButton, seen: list[str]) -> Step:
    def step(widget: QWidget) -> bool:
        if not isinstance(widget, QMessageBox):
            return False
        seen.append(widget.text())
        clicked = widget.button(button)
        assert clicked is not None
        QTimer.singleShot(0, clicked.click)
        return True

    return step


def test_team_library_item_saves_the_address_without_its_password_and_switches(
    qtbot: QtBot, pg_server: PgServer, data_dir: Path
) -> None:
    typed = new_team_library(pg_server)
    password = str(make_url(typed).password)
    lib = open_test_library(data_dir)
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def type_address(widget: QWidget) -> bool:
        if not isinstance(widget, PreferencesDialog):
            return False
        assert widget.team.field.hasFocus() or QApplication.focusWidget() is widget.team.field
        widget.team.field.setText(typed)
        assert widget.team.problem() is None and widget.ok_button.isEnabled()
        QTimer.singleShot(0, widget.ok_button.click)  # after this step: OK opens a message box of its own
        return True

    try:
        timer = drive_modals(
            [type_address, click(QMessageBox.StandardButton.Ok, seen), click(QMessageBox.StandardButton.Yes, seen)]
        )
        window.act_team_library.trigger()
        timer.stop()
        kept_in = pgpass_path()
        assert f"saved in {kept_in}" in seen[0] and password not in seen[0]
        assert seen[1].startswith("Open the team library at postgresql://member_of_")
        assert password not in preferences_path().read_text(encoding="utf-8")
        assert password in kept_in.read_text(encoding="utf-8")
        assert window.switch_request is not None and window.switch_request.database_url is not None
        assert password not in window.switch_request.database_url and not window.isVisible()

        team_lib, notes = open_for_window(window.switch_request)  # what the app opens next
        try:
            assert team_lib.on_server and notes == []
        finally:
            team_lib.close()
    finally:
        lib.close()


def test_a_bad_address_keeps_ok_disabled_and_says_why(qtbot: QtBot, library: object) -> None:
    from trialtracker.services.library import Library

    assert isinstance(library, Library)
    dialog = PreferencesDialog(library, team_first=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.team.field.setText("mysql://alice@db/msclinic")
    assert not dialog.ok_button.isEnabled() and dialog.team.error.isVisible()
    assert dialog.team.error.text() == "a team library needs a postgresql:// URL, not mysql://"
    dialog.team.field.clear()  # empty: this computer's library
    assert dialog.ok_button.isEnabled() and not dialog.team.error.isVisible()


def test_an_unreachable_saved_team_library_opens_this_computers_library_instead(data_dir: Path) -> None:
    save_preferences(Preferences(database_url="postgresql://alice@127.0.0.1:9/msclinic"))
    settings = load_settings(data_dir=data_dir)
    lib, notes = open_for_window(settings)
    try:
        assert not lib.on_server and lib.paths.db_path.exists()
        assert len(notes) == 1 and notes[0].startswith("the team library could not be opened (")
        assert "File ▸ Team library…" in notes[0] and not lib.other_library_chosen()
        lib.save_preferences(lib.settings.preferences)  # OK in Preferences: the saved address again
        assert lib.other_library_chosen()  # so the window offers to try it
    finally:
        lib.close()
    given = load_settings(data_dir=data_dir, database_url="postgresql://alice@127.0.0.1:9/msclinic")
    with pytest.raises(TrialTrackerError):  # named on the command line: opened or refused, never replaced
        open_for_window(given)
