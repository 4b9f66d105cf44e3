"""Ctrl-C during a registry command: stop at the next safe point, say so in one line, exit 130.

The first SIGINT does not raise ``KeyboardInterrupt`` in the middle of whatever
runs (it could land between two statements of a batch being stored); it cancels
the task's :class:`CancelToken` instead, so the client stops and the service
records a cancelled run after the last complete batch. A second Ctrl-C raises
``KeyboardInterrupt`` as usual (an open transaction is rolled back).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

from trialtracker.services.registry import CancelToken

#: The shell's convention for "ended by SIGINT" (128 + 2).
EXIT_CANCELLED = 130
CANCELLED_LINE = "trialtracker: cancelled; nothing half-written"


def report_cancelled() -> int:
    """Print the one cancel line on stderr; return the exit code."""
    print(CANCELLED_LINE, file=sys.stderr)
    return EXIT_CANCELLED


@contextlib.contextmanager
def cancel_on_sigint() -> Iterator[CancelToken]:
    """A token that the first Ctrl-C cancels (while the block runs, in the main thread)."""
    token = CancelToken()

    def on_sigint(_signum: int, _frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl-C interrupts for real
        # Cancel from another thread: the handler may run while this thread holds a lock that
        # the cancel callbacks take (the token's, the socket tracker's).
        threading.Thread(target=token.cancel, name="sigint-cancel", daemon=True).start()

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread: no signal handling here
        yield token
        return
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, previous)
