"""A second start for the same data folder asks the first window to come to the front."""

from __future__ import annotations

import json
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


def test_restore_refuses_while_a_window_holds_the_folder(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """An open window would go on writing into the replaced database: restore waits until it is closed,
    and a window that crashed (its lock file left behind) does not block it."""
    assert cli("note", "NCT00273364", "--add", "in the backup").code == 0
    backup = Path(cli("backup").out.split("Backup written: ")[1].strip())
    assert cli("note", "NCT00273364", "--add", "written while the window is open").code == 0
    code = (
        "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
        "from trialtracker.ui.single_instance import InstanceServer;"
        "app = QCoreApplication([]); s = InstanceServer(Path(sys.argv[1])); assert s.primary;"
        "print('holding', flush=True); sys.stdin.readline()"
    )
    window = subprocess.Popen(
        [sys.executable, "-c", code, str(data_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert window.stdout is not None and window.stdout.readline() == "holding\n"
        before = (data_dir / "trialtracker.sqlite3").read_bytes()
        refused = cli("restore", str(backup))
        assert refused.code == 1 and refused.err.count("\n") == 1
        assert "window is open on" in refused.err and "close it first" in refused.err
        assert (data_dir / "trialtracker.sqlite3").read_bytes() == before
    finally:
        window.kill()  # a crash: the lock file stays, its lock goes with the process
        window.wait(timeout=30)
    assert (data_dir / "trialtracker.lock").exists()
    assert cli("restore", str(backup)).code == 0
    assert [n["body"] for n in json.loads(cli("notes", "--json").out)] == ["in the backup"]
