"""An overall time limit for a whole registry operation (a CLI refresh or search).

Per-request timeouts bound each socket read, so a server trickling one byte a
second is never "timed out". A deadline is the total: when it passes, a timer
thread shuts every socket of the client down (unblocking a read in progress),
and the client raises :class:`~trialtracker.ctgov.errors.DeadlineExceeded`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Deadline:
    """``seconds`` from now; ``on_expire`` runs (in a timer thread) when they are over."""

    def __init__(self, seconds: float, on_expire: Callable[[], None]) -> None:
        if not seconds > 0:
            raise ValueError("a deadline needs a positive number of seconds")
        self.seconds = seconds
        self._at = time.monotonic() + seconds
        self._timer = threading.Timer(seconds, on_expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(0.0, self._at - time.monotonic())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self._at

    def stop(self) -> None:
        self._timer.cancel()
