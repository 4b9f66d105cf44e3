"""The stall sampler the window's scale tests use to say what a long block of the UI thread was doing."""

from __future__ import annotations

import sys
import time

import pytest

from tests.stall_sampler import StallSampler, stall_report, write_stalls


def _ticking(sampler: StallSampler, seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        sampler.tick()
        time.sleep(0.01)


def _busy_without_ticks(seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        sum(range(1000))


def test_a_stall_is_sampled_with_the_busy_threads_stack_and_steady_ticks_are_not() -> None:
    sampler = StallSampler(after_ms=40)
    sampler.start()
    _ticking(sampler, 0.1)
    _busy_without_ticks(0.15)
    _ticking(sampler, 0.1)
    samples = sampler.stop()
    assert "ms into the stall" in samples
    first = samples.split("--- ")[1]
    assert "_busy_without_ticks" in first

    quiet = StallSampler(after_ms=150)  # even a loaded machine wakes a 10 ms sleep sooner
    quiet.start()
    _ticking(quiet, 0.2)
    assert quiet.stop() == ""


def test_the_samples_a_window_process_writes_are_found_in_its_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    print("Qt: a warning before", file=sys.stderr)
    write_stalls("--- 70 ms into the stall\nthread MainThread: ...")
    print("Qt: a warning after", file=sys.stderr)
    assert stall_report(capsys.readouterr().err) == "--- 70 ms into the stall\nthread MainThread: ..."
    assert stall_report("Qt: only warnings") == ""
