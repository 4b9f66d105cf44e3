"""Unexpected errors: log them to a rotating file and tell the user, instead of vanishing.

:func:`install_crash_handler` sets up ``logging`` and replaces ``sys.excepthook``
and ``threading.excepthook`` (PySide6 routes exceptions raised in slots to
``sys.excepthook`` too). Each error goes through :func:`report_exception`, which
logs the traceback and, when a ``QApplication`` exists, shows one non-blocking
message box at a time (errors arriving while it is open are only counted, so a
failing timer cannot open a storm of dialogs). Errors from other threads are
handed to the GUI thread through a queued signal.

Tests set :data:`report_hook` to receive :class:`CrashReport` objects instead of
a dialog, or read :data:`last_report`.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from trialtracker import APP_NAME, __version__
from trialtracker.ui.i18n import Words

log = logging.getLogger("trialtracker.crash")

FAULT_LOG = "faults.log"
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
LOG_MAX_BYTES = 1024 * 1024
LOG_BACKUPS = 3

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass(frozen=True)
class CrashReport:
    summary: str  # "ValueError: bad thing"
    details: str  # format_crash(...)
    log_file: Path | None
    thread_name: str | None = None


#: If set, called with each report instead of showing a dialog (for tests and embedding).
report_hook: Callable[[CrashReport], None] | None = None
#: The latest report (whether or not a dialog was shown).
last_report: CrashReport | None = None

_log_file: Path | None = None
_handler: logging.Handler | None = None
_fault_file: TextIO | None = None
_faults_were_on = False
_previous_hooks: tuple[object, object] | None = None
_box: QMessageBox | None = None
_suppressed = 0
_notifier: _Notifier | None = None
_lock = threading.Lock()


def format_crash(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    """Versions plus the full traceback: what a bug report needs."""
    from PySide6 import __version__ as pyside_version

    header = (
        f"{APP_NAME} {__version__}, Python {platform.python_version()}, PySide6 {pyside_version}, "
        f"{platform.system()} {platform.release()}"
    )
    body = "".join(traceback.format_exception(exc_type, exc, tb))
    return f"{header}\n{body}".rstrip() + "\n"


def _summary(exc_type: type[BaseException], exc: BaseException | None) -> str:
    message = str(exc) if exc is not None else ""
    if len(message) > 300:
        message = message[:299] + "…"
    return f"{exc_type.__name__}: {message}" if message else exc_type.__name__


class CrashWords(Words):
    """The crash message box's words (the box is Qt's own)."""


class _Notifier(QObject):
    """Lives in the GUI thread; a report emitted from any thread is shown there."""

    report = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _show(self, report: CrashReport) -> None:
        _present(report)


def _get_notifier(app: QCoreApplication) -> _Notifier:
    global _notifier
    with _lock:
        if _notifier is None:
            notifier = _Notifier()
            if notifier.thread() is not app.thread():
                notifier.moveToThread(app.thread())
            _notifier = notifier
        return _notifier


def report_exception(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    thread_name: str | None = None,
) -> CrashReport:
    """Log an unexpected error and tell the user (see the module docstring)."""
    global last_report
    where = f" in thread {thread_name}" if thread_name else ""
    log.error("Unexpected error%s", where, exc_info=(exc_type, exc, tb) if exc is not None else None)
    report = CrashReport(_summary(exc_type, exc), format_crash(exc_type, exc, tb), _log_file, thread_name)
    last_report = report
    if _handler is not None:
        _handler.flush()
    app = QCoreApplication.instance()
    if report_hook is not None:
        report_hook(report)
    elif isinstance(app, QApplication):
        if QThread.currentThread() is app.thread():
            _present(report)
        else:
            _get_notifier(app).report.emit(report)
    return report


def _present(report: CrashReport) -> None:
    """Show the message box, or count the error if one is already open."""
    global _box, _suppressed
    if _box is not None:
        _suppressed += 1
        _box.setInformativeText(_informative(report.log_file, _suppressed))
        return
    parent = QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(CrashWords.tr("{app}: unexpected error").format(app=APP_NAME))
    box.setTextFormat(Qt.TextFormat.PlainText)
    said = CrashWords.tr("Something went wrong, but {app} is still running.").format(app=APP_NAME)
    box.setText(f"{said}\n\n{report.summary}")
    box.setInformativeText(_informative(report.log_file, 0))
    box.setDetailedText(report.details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(_closed)
    _box, _suppressed = box, 0
    box.open()


def _informative(log_file: Path | None, suppressed: int) -> str:
    lines = [
        CrashWords.tr(
            "Your tracked trials and notes are saved after every change; "
            "the action that failed may not have been applied."
        )
    ]
    if log_file is not None:
        lines.append(CrashWords.tr("Details were written to the log file:\n{file}").format(file=log_file))
    if suppressed:
        lines.append(CrashWords.tr("%n more error(s) occurred since (see the log).", "", suppressed))
    lines.append(
        CrashWords.tr("If this keeps happening, please restart the app and report the problem with the log.")
    )
    return "\n\n".join(lines)


def _closed(_result: int = 0) -> None:
    global _box, _suppressed
    _box, _suppressed = None, 0


def active_dialog() -> QMessageBox | None:
    """The crash message box currently shown, if any."""
    return _box


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt | SystemExit):
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        report_exception(exc_type, exc, tb)
    except Exception:  # never let the hook itself take the app down
        sys.__excepthook__(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else None
    try:
        report_exception(args.exc_type, args.exc_value, args.exc_traceback, thread_name=name)
    except Exception:
        threading.__excepthook__(args)


def install_crash_handler(log_file: Path) -> None:
    """Log to a rotating ``log_file`` and catch every unhandled exception (idempotent)."""
    global _log_file, _handler, _previous_hooks
    log_file = Path(log_file)
    log_file.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if _handler is not None and _log_file != log_file:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    if _handler is None:
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
        if root.level == logging.NOTSET or root.level > logging.INFO:
            root.setLevel(logging.INFO)
        _handler = handler
    _log_file = log_file
    _enable_fault_log(log_file.with_name(FAULT_LOG))
    if _previous_hooks is None:
        _previous_hooks = (sys.excepthook, threading.excepthook)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    log.info("%s %s started (Python %s)", APP_NAME, __version__, platform.python_version())


def _enable_fault_log(path: Path) -> None:
    """A hard abort (a crash inside Qt, a segfault) leaves no Python traceback in the log: let
    ``faulthandler`` write every thread's stack to ``faults.log`` then."""
    global _fault_file, _faults_were_on
    if _fault_file is not None:
        return
    _faults_were_on = faulthandler.is_enabled()
    _fault_file = path.open("a", encoding="utf-8")
    faulthandler.enable(_fault_file, all_threads=True)


def uninstall_crash_handler() -> None:
    """Undo :func:`install_crash_handler` (restores the previous hooks, closes the log file)."""
    global _log_file, _handler, _previous_hooks, _fault_file
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
        if _faults_were_on and sys.__stderr__ is not None:  # give a test runner's own handler back
            faulthandler.enable(sys.__stderr__)
    if _previous_hooks is not None:
        sys.excepthook, threading.excepthook = _previous_hooks  # type: ignore[assignment]
        _previous_hooks = None
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    _log_file = None
