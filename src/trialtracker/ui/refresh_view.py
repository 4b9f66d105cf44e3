"""Refresh as a task on the network lane, and how it shows: progress, last-refresh label, the banner.

:class:`RefreshController` starts at most one refresh at a time on the window's
:class:`~trialtracker.ui.tasks.TaskRunner`; Cancel sets the task's token, which
calls ``client.cancel()`` (interrupting waits and in-flight requests, even
before the client exists). The task reads every row again when it is done, so
the window's full reload costs no database time on the UI thread.
:class:`RefreshStatus` owns the status-bar widgets and turns the outcome into
a calm banner, never a stack of dialogs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.domain.fields import changes_summary
from trialtracker.services import refresh as refreshing
from trialtracker.services.refresh import RefreshSummary
from trialtracker.services.views import RunView
from trialtracker.ui.banner import Banner, BannerKind
from trialtracker.ui.data_access import DataAccess, RefreshOutcome
from trialtracker.ui.tasks import Lane, Task, TaskCancelled, TaskContext, TaskRunner

log = logging.getLogger(__name__)


def when_due(runner: TaskRunner, is_due: Callable[[], bool], then: Callable[[], object]) -> Task[bool]:
    """Ask ``is_due()`` on ``runner``'s read lane and call ``then()`` on the UI thread if it says yes (the
    task's result). A locked database or a team server out of reach counts as "not now"."""

    def due(_ctx: TaskContext) -> bool:
        try:
            return is_due()
        except TrialTrackerError:
            return False

    def answered(yes: bool) -> None:
        if yes:
            then()

    return runner.submit(due, lane=Lane.READ, name="is a refresh due", on_done=answered)


class RefreshController(QObject):
    """Starts at most one refresh at a time, as a network-lane task.

    Signals:
        started()
        cancelling()              -- Cancel was asked for
        progress(done, total, message)
        finished(RefreshOutcome)  -- summary, new candidates, and every row read again
        failed(message)           -- an unexpected error (the registry's trouble is in the summary)
        stopped()                 -- always last, after finished or failed: restore the UI here

    Threading rules: UI thread only; the refresh itself runs in the runner's network lane.
    """

    started = Signal()
    cancelling = Signal()
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    stopped = Signal()

    def __init__(
        self,
        data: DataAccess,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._runner = runner
        self._task: Task[RefreshOutcome] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self, ids: Sequence[str] | None = None, *, force: bool = False) -> bool:
        """Start a refresh of ``ids`` (default: every trial); False if one is running."""
        if self._task is not None:
            return False
        wanted = list(ids) if ids else None

        def run(ctx: TaskContext) -> RefreshOutcome:
            return self._data.refresh(ctx, wanted, force=force)

        self._task = self._runner.submit(
            run,
            lane=Lane.NET,
            name="refresh",
            on_progress=self.progress.emit,
            on_done=self.finished.emit,
            on_error=self._on_error,
            on_finished=self._on_finished,
        )
        self.started.emit()
        return True

    @Slot()
    def cancel(self) -> None:
        if self._task is not None:
            self.cancelling.emit()
            self._task.cancel()

    def when_due(self, then: Callable[[], object]) -> Task[bool]:
        """Ask (on the read lane) whether the refresh-on-start policy wants one now; ``then()`` if so."""
        return when_due(self._runner, lambda: refreshing.refresh_due_on_start(self._data.lib), then)

    def _on_error(self, exc: Exception) -> None:
        if isinstance(exc, TaskCancelled):  # cancelled before it started: nothing happened
            return
        log.error("refresh failed", exc_info=exc)
        self.failed.emit(self.tr("Refresh failed: {error}").format(error=exc))

    def _on_finished(self) -> None:
        self._task = None
        self.stopped.emit()


class RefreshStatus(QObject):
    """The status bar's progress bar and last-refresh label, and the banner after a refresh.

    Follows ``controller``'s refused/started/progress/failed/stopped signals itself;
    the window calls :meth:`show_outcome` once it has shown the new rows. UI thread only.
    """

    def __init__(
        self,
        controller: RefreshController,
        data: DataAccess,
        banner: Banner,
        status_bar: QStatusBar,
        parent: QObject | None = None,
        *,
        tasks: TaskRunner,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._tasks = tasks
        self._banner = banner
        self._status_bar = status_bar
        self.last_error: str | None = None
        self.progress = QProgressBar()
        self.progress.setObjectName("refreshProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.last_refresh_label = QLabel()
        self.last_refresh_label.setObjectName("lastRefresh")
        self.last_refresh_label.setTextFormat(Qt.TextFormat.PlainText)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.last_refresh_label)
        controller.started.connect(self.show_started)
        controller.cancelling.connect(lambda: status_bar.showMessage(self.tr("Cancelling…")))
        controller.progress.connect(self.show_progress)
        controller.failed.connect(self.show_failure)
        controller.stopped.connect(self.show_stopped)

    @Slot()
    def show_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Connecting…"))
        self.progress.show()
        self._status_bar.showMessage(self.tr("Refreshing from ClinicalTrials.gov…"))

    @Slot(int, int, str)
    def show_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done} / {total}")
        self._status_bar.showMessage(message)

    @Slot()
    def show_stopped(self) -> None:
        self.progress.hide()

    def show_last_refresh(self) -> Task[RunView | None]:
        """Read the last refresh (on the read lane) and say it in the status bar."""

        def last(_ctx: TaskContext) -> RunView | None:
            try:
                return refreshing.last_run(self._data.lib)
            except TrialTrackerError:
                return None

        return self._tasks.submit(last, lane=Lane.READ, name="read the last refresh", on_done=self._show_run)

    def _show_run(self, run: RunView | None) -> None:
        if run is None or run.finished_at is None:
            self.last_refresh_label.setText(self.tr("Never refreshed — press F5 to fetch the latest records"))
            return
        when = run.finished_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if run.error == refreshing.CANCELLED:
            said = self.tr("Last refresh {when} (cancelled)")
        elif run.error:
            said = self.tr("Last refresh {when} (failed)")
        else:
            said = self.tr("Last refresh {when} ({updated} updated, {changed} changed)")
        if run.by:  # a team library: whose refresh everyone is looking at
            said = self.tr("{said} by {who}").format(said=said, who=run.by)
        self.last_refresh_label.setText(said.format(when=when, updated=run.updated, changed=run.changed))

    def show_outcome(self, outcome: RefreshOutcome) -> None:
        """The last-refresh label, and the banner (or a status-bar line) for a finished refresh."""
        self.show_last_refresh()
        summary = outcome.summary
        self._status_bar.showMessage(self.tr("Refresh: {0}").format(summary.line()), 10000)
        if summary.cancelled:
            self._banner.show_message(
                self.tr(
                    "Refresh cancelled. %n trial(s) (was|were) updated before it stopped; "
                    "the rest keep their stored data.",
                    "",
                    summary.updated,
                ),
                BannerKind.INFO,
            )
            return
        if summary.error:
            self.last_error = summary.error
            self._banner.show_message(
                self.tr(
                    "Could not reach ClinicalTrials.gov — showing the data stored on this computer. ({error})"
                ).format(error=summary.error),
                BannerKind.WARNING,
                retry=True,
            )
            return
        parts = self._outcome_parts(summary)
        if parts:
            changed = bool(summary.changes)
            self._banner.show_message(" ".join(parts), BannerKind.INFO, changes=changed)
            return
        self._banner.hide()
        if summary.skipped:
            self._status_bar.showMessage(
                self.tr("Up to date: the registry has not changed since the last refresh."), 10000
            )
        else:
            said = self.tr("Refreshed %n trial(s): nothing changed.", "", summary.updated)
            self._status_bar.showMessage(said, 10000)

    @Slot(str)
    def show_failure(self, message: str) -> None:
        self._banner.show_message(message, BannerKind.WARNING, retry=True)

    def _outcome_parts(self, summary: RefreshSummary) -> list[str]:
        parts = []
        new = summary.new_candidates
        text = changes_summary(summary.changes)
        if text:
            parts.append(text + ".")
        if summary.not_found:
            more = " …" if len(summary.not_found) > 5 else ""
            said = self.tr("Not found in the registry: {ids}.")
            parts.append(said.format(ids=", ".join(summary.not_found[:5]) + more))
        if new:
            parts.append(self.tr("%n new candidate(s) from your saved searches.", "", len(new)))
        return parts
