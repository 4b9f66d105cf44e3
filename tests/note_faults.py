"""Real faults for note saves: SQLite refuses the write (a trigger raising the disk-full error),
or another program holds the write lock. Nothing of our own code is replaced."""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from trialtracker.services.library import Library

FULL = "database or disk is full"


def break_note_writes(lib: Library) -> None:
    """From now on every insert or update of a note fails inside SQLite, as on a full disk."""
    with lib.transaction() as s:
        for when in ("INSERT", "UPDATE"):
            s.execute(
                text(
                    f"CREATE TRIGGER IF NOT EXISTS test_fault_{when.lower()} BEFORE {when} ON note "
                    f"BEGIN SELECT RAISE(ABORT, '{FULL}'); END"
                )
            )


def mend_note_writes(lib: Library) -> None:
    with lib.transaction() as s:
        for when in ("insert", "update"):
            s.execute(text(f"DROP TRIGGER IF EXISTS test_fault_{when}"))


def hold_write_lock(lib: Library) -> sqlite3.Connection:
    """Another program's connection holding the database's write lock until it is closed."""
    conn = sqlite3.connect(lib.db_path, isolation_level=None, timeout=0)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def answer_message_box(button: QMessageBox.StandardButton, seen: list[str]) -> QTimer:
    """Click ``button`` on the next modal message box (polling, since it may open later)."""
    timer = QTimer()
    timer.setInterval(30)

    def poll() -> None:
        box: Any = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            timer.stop()
            clicked = box.button(button)
            assert clicked is not None, f"no {button} on the box"
            clicked.click()

    timer.timeout.connect(poll)
    timer.start()
    return timer
