"""One background task runner for the window: a database lane and a network lane.

Why one runner (as Anki's ``TaskManager`` and Vorta's ``JobsManager``): every
piece of background work starts, reports, cancels and ends the same way, and
database writes are serialised in one place instead of racing each other.

* ``Lane.DB`` runs one task at a time, in submission order: the window's writes
  (star, tag, review, add, remove, …) and the rows they re-read.
* ``Lane.NET`` runs registry work (refresh, Discover) side by side, so a Discover
  search need not wait for a refresh to end.
* ``Lane.READ`` runs the reads behind what the window shows (a trial's page, its
  notes), one at a time beside the writes: a long import does not hold up the page
  of the trial clicked meanwhile, and a team library's server is never asked from
  the UI thread. A read asked for after a write ended sees that write.

A task is a plain function ``fn(ctx) -> T`` run in a worker thread (a plain
Python thread; there is no ``QThread`` to start, quit, wait for or delete).
``ctx`` (:class:`TaskContext`) carries the cancel token and a progress callback.
Progress, the result and the error come back on the runner's thread (the UI
thread) through queued signals, always after :meth:`TaskRunner.submit` has
returned, never synchronously.
"""

from __future__ import annotations

import contextlib
import enum
import itertools
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from trialtracker.domain.errors import Cancelled, TrialTrackerError
from trialtracker.services.registry import CancelToken

log = logging.getLogger(__name__)

T = TypeVar("T")

ProgressCallback = Callable[[int, int, str], None]


def expected_failure(exc: BaseException) -> bool:
    """True for a failure the window tells the user about (a :class:`TrialTrackerError`: the registry or
    the library said no). Anything else is a bug: handed to the crash handler (``sys.excepthook``, which
    logs it and says so), and False. One home for the check every task's ``on_error`` makes."""
    if isinstance(exc, TrialTrackerError):
        return True
    sys.excepthook(type(exc), exc, exc.__traceback__)
    return False


class Lane(enum.StrEnum):
    DB = "db"
    NET = "net"
    READ = "read"


#: How many tasks of a lane run at once. One for the database: writes are serialised.
LANE_LIMITS: dict[Lane, int] = {Lane.DB: 1, Lane.NET: 4, Lane.READ: 1}


class TaskCancelled(Cancelled):
    """The task was cancelled before it started (or its function gave up on cancel)."""


class TaskContext:
    """What a task's function gets: the cancel token and a progress reporter (both thread-safe)."""

    def __init__(self, token: CancelToken, report: ProgressCallback) -> None:
        self.token = token
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        return self.token.on_cancel(callback)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress; ``on_progress`` gets it on the UI thread."""
        self._report(done, total, message)


class TaskState(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINAL_STATES = frozenset({TaskState.DONE, TaskState.FAILED, TaskState.CANCELLED})


class TaskHandle:
    """What the runner keeps of a task, whatever its result type (see :class:`Task`)."""

    _ids = itertools.count(1)

    def __init__(self, runner: TaskRunner, lane: Lane, name: str) -> None:
        self.id = next(TaskHandle._ids)
        self.lane = lane
        self.name = name
        self.token = CancelToken()
        self.state = TaskState.PENDING
        self.error: Exception | None = None
        self._runner = runner
        self._quiet = False
        self._ended = threading.Event()
        self._delivered = False  # its callbacks ran (on the runner's thread)

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.name!r} {self.lane} {self.state.value}>"

    @property
    def delivered(self) -> bool:
        """The task ended and its callbacks (``on_done``, ``on_error``, ``on_finished``) have run."""
        return self._delivered

    @property
    def done(self) -> bool:
        """The function has returned or raised (or will never run)."""
        return self._ended.is_set()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def cancel(self, *, quiet: bool = False) -> None:
        """Stop the task: a pending one never runs, a running one sees its token set.

        ``quiet``: also drop its callbacks (their owner is going away).
        """
        if quiet:
            self._quiet = True
        self.token.cancel()
        self._runner._drop_pending(self)

    def wait(self, msecs: int) -> bool:
        """Block until the function has ended; False after ``msecs`` without that."""
        return self._ended.wait(max(msecs, 0) / 1000)

    def _end_unstarted(self) -> None:
        self.error = TaskCancelled()
        self.state = TaskState.CANCELLED
        self._ended.set()

    def _run(self, report: ProgressCallback) -> None:
        raise NotImplementedError

    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        raise NotImplementedError

    def _deliver_end(self) -> None:
        raise NotImplementedError


class Task(TaskHandle, Generic[T]):
    """One submitted function and its callbacks. Create with :meth:`TaskRunner.submit`.

    Threading rules: :meth:`cancel` and :meth:`wait` may be called from any
    thread; the callbacks run on the runner's thread.
    """

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[[TaskContext], T],
        lane: Lane,
        name: str,
        on_done: Callable[[T], None] | None,
        on_error: Callable[[Exception], None] | None,
        on_progress: ProgressCallback | None,
        on_finished: Callable[[], None] | None,
    ) -> None:
        super().__init__(runner, lane, name or getattr(fn, "__name__", "task"))
        self._value: tuple[T] | None = None  # (result,) once the function returned
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_finished = on_finished

    @property
    def result(self) -> T | None:
        """What the function returned (None until then, or if it raised)."""
        return self._value[0] if self._value is not None else None

    # -- worker side -------------------------------------------------------------------

    def _run(self, report: ProgressCallback) -> None:
        try:
            if self.token.cancelled:
                raise TaskCancelled()
            self._value = (self._fn(TaskContext(self.token, report)),)
            self.state = TaskState.DONE
        except Exception as exc:
            self.error = exc
            cancelled = isinstance(exc, TaskCancelled) or self.token.cancelled
            self.state = TaskState.CANCELLED if cancelled else TaskState.FAILED
        finally:
            self._ended.set()

    # -- UI side -------------------------------------------------------------------------

    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        if self._on_progress is not None and not self._quiet:
            self._on_progress(done, total, message)

    def _deliver_end(self) -> None:
        if self._quiet:
            return
        try:
            if self._value is not None:
                if self._on_done is not None:
                    self._on_done(self._value[0])
            elif self._on_error is not None:
                self._on_error(self.error or TaskCancelled())
            elif not isinstance(self.error, TaskCancelled):
                log.error("task %s failed", self.name, exc_info=self.error)
        finally:
            if self._on_finished is not None:
                self._on_finished()


class TaskRunner(QObject):
    """Runs tasks in worker threads, one queue per :class:`Lane`; owned by the window.

    Signals:
        idle()  -- no task is pending or running any more (emitted after the last
                   task's callbacks ran; tests wait on it)

    Threading rules: call :meth:`submit`, :meth:`cancel_all`, :meth:`wait` and
    :meth:`shutdown` from the runner's thread (the UI thread). Task functions run
    in worker threads and must not touch widgets; their callbacks run on the
    runner's thread.
    """

    idle = Signal()
    _progressed = Signal(object, int, int, str)  # task, done, total, message (queued from workers)
    _ended = Signal(object)  # task (queued from workers)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._queues: dict[Lane, deque[TaskHandle]] = {lane: deque() for lane in Lane}
        self._workers: dict[Lane, int] = dict.fromkeys(Lane, 0)
        self._threads: set[threading.Thread] = set()
        self._active: list[TaskHandle] = []  # submitted, end not delivered yet (UI thread only)
        self._closed = False
        self._progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)

    # -- state -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._active)

    @property
    def closed(self) -> bool:
        """:meth:`shutdown` was called: a task submitted now never runs."""
        return self._closed

    def running(self, lane: Lane) -> bool:
        """A task of ``lane`` is pending or running."""
        return any(task.lane is lane for task in self._active)

    def tasks(self) -> list[TaskHandle]:
        return list(self._active)

    # -- submitting ---------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[[TaskContext], T],
        *,
        lane: Lane,
        name: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: ProgressCallback | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Task[T]:
        """Queue ``fn(ctx)`` on ``lane``; callbacks come back on this thread.

        ``on_done(result)`` or ``on_error(exception)``, then ``on_finished()``
        (always, last). Without ``on_error`` a failure is logged. A task cancelled
        before it started ends with :class:`TaskCancelled`. After :meth:`shutdown`
        the task is cancelled at once and nothing is delivered (its owner is closing).
        """
        task: Task[T] = Task(self, fn, lane, name, on_done, on_error, on_progress, on_finished)
        if self._closed:
            log.debug("task %s submitted after shutdown: dropped", task.name)
            task._quiet = True
            task._end_unstarted()
            return task
        self._active.append(task)
        with self._lock:
            self._queues[lane].append(task)
            if self._workers[lane] < LANE_LIMITS[lane]:
                self._workers[lane] += 1
                thread = threading.Thread(
                    target=self._work, args=(lane,), name=f"trialtracker-{lane}", daemon=True
                )
                self._threads.add(thread)
                thread.start()
        return task

    # -- cancelling and waiting ------------------------------------------------------------

    def cancel_all(self, lanes: tuple[Lane, ...] = tuple(Lane)) -> None:
        """Cancel every task of ``lanes``: pending ones never run, running ones see their token set."""
        with self._lock:
            dropped = [task for lane in lanes for task in self._queues[lane]]
            for lane in lanes:
                self._queues[lane].clear()
        for task in dropped:
            self._end_unstarted(task)
        for task in list(self._active):
            if task.lane in lanes:
                task.token.cancel()

    def wait(self, msecs: int) -> bool:
        """Block until every worker thread has ended; False if some still run after ``msecs``."""
        deadline = time.monotonic() + max(msecs, 0) / 1000
        while True:
            with self._lock:
                threads = list(self._threads)
            if not threads:
                return True
            for thread in threads:
                thread.join(max(deadline - time.monotonic(), 0))
                if thread.is_alive():
                    return False

    def shutdown(self, msecs: int = 15_000) -> bool:
        """The owner is closing: cancel registry work, let queued writes finish, wait, deliver nothing more.

        Writes are short and are the user's own actions (a star clicked just before
        closing must not be lost), so the database lane drains; the network lane
        is cancelled. Anything still pending after ``msecs`` is cancelled too.
        """
        self.cancel_all((Lane.NET,))
        for task in list(self._active):
            task._quiet = True
        ok = self.wait(msecs)
        self.cancel_all()
        self._closed = True
        self._active.clear()
        return ok

    def _drop_pending(self, task: TaskHandle) -> None:
        with self._lock:
            queue = self._queues[task.lane]
            if task not in queue:
                return
            queue.remove(task)
        self._end_unstarted(task)

    def _end_unstarted(self, task: TaskHandle) -> None:
        task._end_unstarted()
        self._ended.emit(task)  # queued: callbacks never run inside cancel()

    # -- worker threads ---------------------------------------------------------------------

    def _work(self, lane: Lane) -> None:
        """A worker thread: run the lane's queued tasks until there are none."""
        while True:
            with self._lock:
                queue = self._queues[lane]
                if not queue:
                    self._workers[lane] -= 1
                    self._threads.discard(threading.current_thread())
                    return
                task = queue.popleft()
                task.state = TaskState.RUNNING

            def report(done: int, total: int, message: str, task: TaskHandle = task) -> None:
                if not self._closed:
                    with contextlib.suppress(RuntimeError):  # the runner's window was deleted
                        self._progressed.emit(task, done, total, message)

            task._run(report)
            if not self._closed:
                with contextlib.suppress(RuntimeError):
                    self._ended.emit(task)

    # -- UI thread -------------------------------------------------------------------------

    @Slot(object, int, int, str)
    def _on_progressed(self, task: TaskHandle, done: int, total: int, message: str) -> None:
        if task in self._active:  # progress is queued before the end, so it always arrives first
            task._deliver_progress(done, total, message)

    @Slot(object)
    def _on_ended(self, task: TaskHandle) -> None:
        if task not in self._active:
            return
        self._active.remove(task)
        try:
            task._deliver_end()
        finally:
            task._delivered = True
            if not self._active and not self._closed:
                self.idle.emit()
