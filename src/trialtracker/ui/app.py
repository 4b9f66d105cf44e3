"""Start the desktop window: ``trialtracker gui`` (and ``--screenshot PATH`` for docs and tests)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QThread,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trialtracker import __version__
from trialtracker.domain.errors import TrialTrackerError
from trialtracker.paths import resource
from trialtracker.services.library import Library, open_library
from trialtracker.services.settings import FILE, Settings
from trialtracker.ui.plain import show_message

APP_ID = "io.github.trialtracker.TrialTracker"
SCREENSHOT_TRIAL = "NCT00273364"
UI_SWITCH_INTERVAL = 0.001  # seconds; see application()

log = logging.getLogger(__name__)
_TRANSLATORS: list[QObject] = []  # kept alive for as long as the app


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (created if needed) with our names and icon."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else [sys.argv[0] if sys.argv else "trialtracker"])
    # A worker thread (a refresh storing a batch) keeps the interpreter lock up to this long before the
    # window's thread gets a turn: 1 ms instead of Python's 5 keeps clicks and paints prompt meanwhile.
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
    QCoreApplication.setOrganizationName("TrialTracker")
    QCoreApplication.setApplicationName("TrialTracker")
    QGuiApplication.setApplicationDisplayName("Trial Tracker")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resource("icons", "trialtracker.svg")
    if icon.exists():
        QGuiApplication.setWindowIcon(QIcon(str(icon)))
    if app.property("trialtrackerTranslated") is None:  # once per process: the system's language
        from trialtracker.ui.i18n import install_translators

        _TRANSLATORS.extend(install_translators(app))
        app.setProperty("trialtrackerTranslated", True)
    return app


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}  # fmt: skip


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def log_qt_messages() -> None:
    """Send Qt's own warnings to our log (the window's users have no terminal to read them in)."""
    qInstallMessageHandler(_qt_message)


def settle(window: QWidget, tasks_busy: Callable[[], bool], cap_ms: int = 5_000) -> None:
    """Process events until ``window`` has painted and no background task is left, then a few rounds more
    (layouts and paints they posted); at most ``cap_ms``. No fixed sleep: a screenshot takes what it needs."""
    painted: list[bool] = []

    class _Painted(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(True)
            return False

    spy = _Painted()
    window.installEventFilter(spy)
    window.update()
    timer = QElapsedTimer()
    timer.start()
    quiet = 0
    try:
        while timer.elapsed() < cap_ms and quiet < 3:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            QCoreApplication.sendPostedEvents()
            quiet = quiet + 1 if painted and not tasks_busy() else 0
            if not quiet:
                QThread.msleep(2)
    finally:
        window.removeEventFilter(spy)


def save_screenshot(window: object, path: Path) -> bool:
    from trialtracker.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    if not window.select_trial(SCREENSHOT_TRIAL) and window.proxy.rowCount():
        window.table.selectRow(0)
    settle(window, lambda: window.tasks.busy)
    path.parent.mkdir(parents=True, exist_ok=True)
    return bool(window.grab().save(str(path), "PNG"))


def _headless_if_screenshot(screenshot: str | None) -> None:
    if screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless: docs builds, CI


NO_DISPLAY = (
    "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start Trial Tracker "
    "from your desktop session, or use the command line (trialtracker --help)"
)


def display_problem() -> str | None:
    """Why the window cannot open here, before Qt aborts the process (it exits 134 without a display);
    None when there is a display or a platform was chosen (``QT_QPA_PLATFORM``)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


def refuse_to_start(message: str, screenshot: str | None = None, title: str | None = None) -> int:
    """Say why the window cannot open (a dialog; one line on stderr for ``--screenshot``); exit code 2.
    ``title``: the dialog's (default "Trial Tracker cannot start")."""
    _headless_if_screenshot(screenshot)
    if screenshot:
        print(f"trialtracker: error: {message}", file=sys.stderr)
    else:
        application()
        title = title or QCoreApplication.translate("Startup", "Trial Tracker cannot start")
        show_message(None, QMessageBox.Icon.Critical, title, message)
    return 2


def _cannot_open() -> str:
    return QCoreApplication.translate("Startup", "Trial Tracker cannot open its data")


def run_gui(settings: Settings, screenshot: str | None = None) -> int:
    """Open the window over the library of ``settings``; returns the process exit code."""
    paths = settings.paths
    _headless_if_screenshot(screenshot)
    problem = display_problem()
    if problem is not None:
        print(f"trialtracker: {problem}", file=sys.stderr)
        return 1
    app = application()
    instance_server = None
    if not screenshot:
        from trialtracker.ui.crash import install_crash_handler
        from trialtracker.ui.single_instance import InstanceServer, ask_running_instance

        install_crash_handler(paths.log_file)
        log_qt_messages()
        if ask_running_instance(paths.data_dir):
            print("Trial Tracker is already open for this data folder; brought it to the front.",
                  file=sys.stderr)  # fmt: skip
            return 0
        instance_server = InstanceServer(paths.data_dir)
        if not instance_server.primary:  # another start holds the folder: it is coming up now
            instance_server.close()
            if ask_running_instance(paths.data_dir, wait_ms=10_000):
                print("Trial Tracker is already open for this data folder; brought it to the front.",
                      file=sys.stderr)  # fmt: skip
                return 0
            return refuse_to_start(
                QCoreApplication.translate(
                    "Startup",
                    "Trial Tracker is already running for {folder} but does not answer; "
                    "close it (or end it in your task manager) and start again.",
                ).format(folder=paths.data_dir)
            )

    try:
        lib, notes = open_for_window(settings)
    except TrialTrackerError as exc:
        if instance_server is not None:
            instance_server.close()
        return refuse_to_start(str(exc), screenshot, _cannot_open())

    from trialtracker.ui.main_window import MainWindow

    try:
        while True:
            window = MainWindow(lib, auto_refresh=not screenshot, remember=not screenshot)
            try:
                if instance_server is not None:
                    instance_server.activateRequested.connect(window.bring_to_front)
                window.show()
                for warning in [*lib.warnings, *notes]:
                    said = QCoreApplication.translate("Startup", "Note: {0}").format(warning)
                    window.statusBar().showMessage(said, 30_000)
                if screenshot:
                    ok = save_screenshot(window, Path(screenshot))
                    window.close()
                    if not ok:
                        print(f"trialtracker: error: could not write {screenshot}", file=sys.stderr)
                        return 1
                    return 0
                QTimer.singleShot(0, window.table.setFocus)
                code = int(app.exec())
                restore, switch = window.restore_request, window.switch_request
            finally:
                window.deleteLater()
                lib.close()
            if restore is None and switch is None:
                return code
            notes = [] if restore is None else [_restore(settings, restore)]
            settings = switch or settings
            try:  # the restored (or chosen) library; the old one if the restore was refused
                lib, fell_back = open_for_window(settings)
            except TrialTrackerError as exc:
                return refuse_to_start(str(exc), None, _cannot_open())
            notes += fell_back
    finally:
        if instance_server is not None:
            instance_server.close()


def open_for_window(settings: Settings) -> tuple[Library, list[str]]:
    """The library the window opens, and what to say about it. A team library chosen in Preferences that
    cannot be reached (server down, no network) leaves the window on this computer's library, saying why,
    instead of refusing to start; one given on the command line or in the environment is opened or refused."""
    try:
        return open_library(settings), []
    except TrialTrackerError as exc:
        if not settings.database_url or settings.source_of("database_url") != FILE:
            raise
        log.warning("team library not opened, using the local one: %s", exc)
        said = QCoreApplication.translate(
            "Startup",
            "the team library could not be opened ({error}); this is the library on this computer. "
            "File ▸ Team library… tries again or changes it.",
        ).format(error=exc)
        return open_library(replace(settings, database_url=None)), [said]


def _restore(settings: Settings, source: Path) -> str:
    """Put ``source`` back as the library (the window has closed its own); what happened, in words."""
    from trialtracker.services import backups

    try:
        safety = backups.restore(settings, source, own_window=True)
    except TrialTrackerError as exc:
        log.error("restore of %s failed: %s", source, exc)
        failed = QCoreApplication.translate(
            "Startup", "could not restore {name}: {error}. Your library is as it was."
        )
        return failed.format(name=source.name, error=exc)
    if safety:
        kept = QCoreApplication.translate(
            "Startup", "restored {name}; your library as it was is kept in {backup}"
        )
        return kept.format(name=source.name, backup=safety)
    return QCoreApplication.translate("Startup", "restored {name}").format(name=source.name)
