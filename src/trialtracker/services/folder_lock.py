"""Whether the desktop window holds a data folder, seen from outside Qt (the command line).

The window holds ``paths.lock_file`` as a ``QLockFile`` for as long as it runs.
Qt takes an ``flock`` on that file where the system has it, so asking for the same
lock without waiting tells for certain whether a live process holds it; where
``flock`` is missing (Windows, some network folders) the process id written in the
file is checked instead. Commands that replace the whole database (``restore``)
ask first: the window would otherwise go on writing into the file that was replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.paths import DataPaths

__all__ = ["FolderInUse", "refuse_if_window_open", "window_open"]


class FolderInUse(TrialTrackerError):
    """The window is open on this data folder, so the database cannot be replaced under it (exit 1:
    nothing is wrong with what was typed; it works once the window is closed)."""


def window_open(paths: DataPaths) -> bool:
    """True while a Trial Tracker window holds ``paths``' data folder."""
    lock = paths.lock_file
    if not lock.exists():
        return False
    held = _flock_held(str(lock))
    return held if held is not None else _pid_alive(str(lock))


def refuse_if_window_open(paths: DataPaths, what: str) -> None:
    if window_open(paths):
        raise FolderInUse(
            f"Trial Tracker's window is open on {paths.data_dir}: close it first, then {what} again "
            "(the open window would go on writing to the old database)"
        )


def _flock_held(path: str) -> bool | None:
    """True/False from ``flock``; None where it cannot tell."""
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return True
        return None  # e.g. ENOLCK on a network folder
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _pid_alive(path: str) -> bool:
    """The lock file's first line is the holder's process id (Qt's format)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open(path, encoding="utf-8", errors="replace") as fh:
            pid = int(fh.readline().strip())
        if sys.platform == "win32":  # os.kill would end the process there: ask whether it can be opened
            return _windows_pid_alive(pid)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # alive, someone else's
        return True
    return False


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    kernel32.CloseHandle(handle)
    return True
