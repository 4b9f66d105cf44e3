"""The window's background task runner: lanes, callbacks on the UI thread, cancel, idle."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from trialtracker.ui.tasks import CancelToken, Lane, TaskCancelled, TaskContext, TaskRunner, TaskState


@pytest.fixture
def runner(qapp: QCoreApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown(5_000)


def on_ui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def test_result_and_progress_arrive_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[str, object, bool]] = []

    def work(ctx: TaskContext) -> int:
        seen.append(("work", threading.current_thread() is threading.main_thread(), on_ui_thread()))
        for i in range(3):
            ctx.progress(i + 1, 3, f"step {i + 1}")
        return 42

    with qtbot.waitSignal(runner.idle, timeout=5_000):
        task = runner.submit(
            work,
            lane=Lane.NET,
            on_progress=lambda d, t, m: seen.append(("progress", (d, t, m), on_ui_thread())),
            on_done=lambda result: seen.append(("done", result, on_ui_thread())),
            on_finished=lambda: seen.append(("finished", None, on_ui_thread())),
        )
        assert runner.busy and runner.running(Lane.NET) and not runner.running(Lane.DB)
    assert seen == [
        ("work", False, False),
        ("progress", (1, 3, "step 1"), True),
        ("progress", (2, 3, "step 2"), True),
        ("progress", (3, 3, "step 3"), True),
        ("done", 42, True),
        ("finished", None, True),
    ]
    assert task.state is TaskState.DONE and task.result == 42 and task.done and task.delivered
    assert not runner.busy


def test_delivered_means_the_callbacks_ran_not_only_the_function(qtbot: QtBot, runner: TaskRunner) -> None:
    """``done`` is set in the worker when the function returns; ``delivered`` only once the callbacks ran on
    the runner's thread (what a test that waits for the window to show a result needs)."""
    seen: list[int] = []
    task = runner.submit(lambda _ctx: 7, lane=Lane.READ, on_done=seen.append)
    assert task.wait(5_000) and task.done
    assert not task.delivered and seen == []  # no event processed yet: the callback is still queued
    qtbot.waitUntil(lambda: task.delivered)
    assert seen == [7]


def test_an_exception_arrives_as_on_error(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[str, object, bool]] = []

    def boom(_ctx: TaskContext) -> None:
        raise ValueError("no such trial")

    with qtbot.waitSignal(runner.idle, timeout=5_000):
        task = runner.submit(
            boom,
            lane=Lane.DB,
            on_done=lambda result: seen.append(("done", result, on_ui_thread())),
            on_error=lambda exc: seen.append(("error", exc, on_ui_thread())),
            on_finished=lambda: seen.append(("finished", None, on_ui_thread())),
        )
    assert [(kind, ui) for kind, _, ui in seen] == [("error", True), ("finished", True)]
    error = seen[0][1]
    assert isinstance(error, ValueError) and str(error) == "no such trial"
    assert task.state is TaskState.FAILED and task.error is error


def test_db_lane_tasks_never_overlap(qtbot: QtBot, runner: TaskRunner) -> None:
    spans: dict[str, tuple[float, float]] = {}

    def timed(name: str) -> Callable[[TaskContext], None]:
        def run(_ctx: TaskContext) -> None:
            started = time.monotonic()
            time.sleep(0.2)
            spans[name] = (started, time.monotonic())

        return run

    with qtbot.waitSignal(runner.idle, timeout=5_000):
        runner.submit(timed("first"), lane=Lane.DB)
        runner.submit(timed("second"), lane=Lane.DB)
    (_, first_end), (second_start, _) = spans["first"], spans["second"]
    assert first_end <= second_start, "the second write started before the first one ended"

    # The network lane, by contrast, runs side by side.
    with qtbot.waitSignal(runner.idle, timeout=5_000):
        runner.submit(timed("net 1"), lane=Lane.NET)
        runner.submit(timed("net 2"), lane=Lane.NET)
    (a_start, a_end), (b_start, b_end) = spans["net 1"], spans["net 2"]
    assert a_start < b_end and b_start < a_end


def test_cancel_all_stops_a_long_task_promptly(qtbot: QtBot, runner: TaskRunner) -> None:
    interrupted: list[str] = []
    errors: list[Exception] = []
    started = threading.Event()

    def long_download(ctx: TaskContext) -> str:
        ctx.on_cancel(lambda: interrupted.append("client.cancel"))  # what a registry task registers
        started.set()
        if ctx.token.wait(30):
            raise TaskCancelled()
        return "finished"

    ran_after: list[str] = []
    long_task = runner.submit(long_download, lane=Lane.DB, on_error=errors.append)
    queued = runner.submit(lambda _c: ran_after.append("ran"), lane=Lane.DB, on_error=errors.append)
    assert started.wait(5)
    t0 = time.monotonic()
    with qtbot.waitSignal(runner.idle, timeout=5_000):
        runner.cancel_all()
    assert time.monotonic() - t0 < 2
    assert interrupted == ["client.cancel"]
    assert ran_after == [], "a task that had not started must not run after cancel_all"
    assert long_task.state is TaskState.CANCELLED and queued.state is TaskState.CANCELLED
    assert len(errors) == 2 and all(isinstance(e, TaskCancelled) for e in errors)
    assert runner.wait(1_000)


def test_cancel_works_before_the_cancellable_thing_exists() -> None:
    token = CancelToken()
    token.cancel()
    calls: list[str] = []
    token.on_cancel(lambda: calls.append("cancelled at once"))
    assert calls == ["cancelled at once"]
    assert token.cancelled and token.wait(5)  # returns at once: already cancelled


def test_idle_fires_once_after_the_last_task(qtbot: QtBot, runner: TaskRunner) -> None:
    idles: list[int] = []
    runner.idle.connect(lambda: idles.append(len(runner.tasks())))
    with qtbot.waitSignal(runner.idle, timeout=5_000):
        runner.submit(lambda _c: time.sleep(0.05), lane=Lane.DB)
        runner.submit(lambda _c: time.sleep(0.05), lane=Lane.NET)
        runner.submit(lambda _c: None, lane=Lane.DB)
    qtbot.wait(50)
    assert idles == [0]


def test_shutdown_lets_queued_writes_finish_but_delivers_nothing(
    qtbot: QtBot, qapp: QCoreApplication
) -> None:
    runner = TaskRunner()
    written: list[str] = []
    delivered: list[str] = []
    runner.submit(lambda _c: (time.sleep(0.1), written.append("star"))[1], lane=Lane.DB,
                  on_done=lambda _r: delivered.append("star"))  # fmt: skip
    runner.submit(lambda ctx: ctx.token.wait(30), lane=Lane.NET, on_done=lambda _r: delivered.append("net"))
    t0 = time.monotonic()
    assert runner.shutdown(5_000)
    assert time.monotonic() - t0 < 2
    assert written == ["star"]
    qtbot.wait(50)
    assert delivered == []
    late = runner.submit(
        lambda _c: written.append("late"), lane=Lane.DB, on_error=lambda _e: delivered.append("x")
    )
    qtbot.wait(50)
    assert late.state is TaskState.CANCELLED and written == ["star"] and delivered == []
