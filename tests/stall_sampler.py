"""What every thread of a process was doing while its UI thread stalled: for the window tests that
measure the longest block of the event loop, when a block is long and a run alone never shows it."""

from __future__ import annotations

import sys
import threading
import time
import traceback


class StallSampler:
    """A watcher thread: once the UI thread has not called :meth:`tick` for ``after_ms``, it takes the
    stacks of the other threads every 5 ms until the next tick, and keeps those of the longest stall.

    A sample taken late in a stall, or none at all, says something too: the watcher needs the
    interpreter lock to run, so a thread holding it (a long C call) delays every sample."""

    def __init__(self, after_ms: int = 60) -> None:
        self._after = after_ms / 1000
        self._last_tick = time.monotonic()
        self._stall: list[str] = []  # samples of the stall going on now
        self._stall_since = 0.0
        self._longest = 0.0
        self.samples: list[str] = []  # of the longest stall seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-sampler", daemon=True)

    def start(self) -> None:
        self._last_tick = time.monotonic()
        self._thread.start()

    def tick(self) -> None:
        self._last_tick = time.monotonic()

    def stop(self) -> str:
        """Stop watching; the longest stall's samples as text ("" when no stall reached ``after_ms``)."""
        self._stop.set()
        self._thread.join()
        return "\n".join(self.samples)

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            since = self._last_tick
            stalled = time.monotonic() - since
            if stalled < self._after:
                continue
            if since != self._stall_since:  # a new stall
                self._stall_since, self._stall = since, []
            if len(self._stall) < 8:
                self._stall.append(f"--- {stalled * 1000:.0f} ms into the stall\n{self._stacks()}")
            if stalled > self._longest:
                self._longest, self.samples = stalled, self._stall

    def _stacks(self) -> str:
        names = {t.ident: t.name for t in threading.enumerate()}
        mine = threading.get_ident()
        return "\n".join(
            f"thread {names.get(ident, ident)}:\n" + "".join(traceback.format_stack(frame, limit=6))
            for ident, frame in sys._current_frames().items()
            if ident != mine
        )


def write_stalls(samples: str) -> None:
    """Hand a window process's stall samples to the test that started it, on stderr."""
    print("<stalls>", samples, "</stalls>", file=sys.stderr)


def stall_report(stderr: str) -> str:
    """The stall samples a window process wrote (:func:`write_stalls`), or "" if none."""
    return stderr.partition("<stalls>")[2].partition("</stalls>")[0].strip()
