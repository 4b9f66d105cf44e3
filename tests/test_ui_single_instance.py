"""A second start for the same data folder asks the first window to come to the front."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from trialtracker.ui.single_instance import InstanceServer, ask_running_instance, server_name


def test_second_instance_activates_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    server = InstanceServer(tmp_path)
    assert server.listening
    try:
        # The second instance is another process, as it is for real.
        code = (
            "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
            "from trialtracker.ui.single_instance import ask_running_instance;"
            "app = QCoreApplication([]); sys.exit(0 if ask_running_instance(Path(sys.argv[1])) else 3)"
        )
        with qtbot.waitSignal(server.activateRequested, timeout=10_000):
            proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)])
            while proc.poll() is None:
                qtbot.wait(20)
        assert proc.returncode == 0
    finally:
        server.close()


def test_without_a_running_instance_nobody_answers(qtbot: QtBot, tmp_path: Path) -> None:
    assert ask_running_instance(tmp_path) is False


def test_names_differ_per_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")


def test_two_starts_at_once_cannot_both_be_primary(qtbot: QtBot, tmp_path: Path) -> None:
    """The lock file decides; the loser never removes the winner's live socket."""
    first = InstanceServer(tmp_path)
    second = InstanceServer(tmp_path)
    try:
        assert first.primary and first.listening
        assert not second.primary and not second.listening
        assert ask_running_instance(tmp_path), "the first instance still answers"
    finally:
        second.close()
        first.close()
    third = InstanceServer(tmp_path)  # the lock is released on close (and by the OS on a crash)
    try:
        assert third.primary and third.listening
    finally:
        third.close()


def test_a_crashed_instance_leaves_no_lock_behind(qtbot: QtBot, tmp_path: Path) -> None:
    code = (
        "import os, sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
        "from trialtracker.ui.single_instance import InstanceServer;"
        "app = QCoreApplication([]); s = InstanceServer(Path(sys.argv[1])); assert s.primary; os._exit(9)"
    )
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)], timeout=60).returncode == 9
    assert (tmp_path / "trialtracker.lock").exists(), "the crashed process left its lock file"
    server = InstanceServer(tmp_path)
    try:
        assert server.primary and server.listening
    finally:
        server.close()
