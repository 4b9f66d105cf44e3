"""Talking to ClinicalTrials.gov on behalf of a use case: one client per task, cancellable from any thread.

The faces never build a registry client: they pass a :class:`CancelToken` and
the services open the client with the run's settings (address, pace), hook its
``cancel()`` to the token and close it afterwards. A face may also give a time
limit for the whole task and a callback that hears, in words, what is retried.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from trialtracker.services.settings import Settings

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the client imports requests (~100 ms): only load it when a task needs it
    from trialtracker.ctgov.client import CtGovClient

#: Hears one line per retry, e.g. "registry not answering (connection refused) — try 2 of 6, next in 4 s".
RetryCallback = Callable[[str], None]


class CancelToken:
    """A thread-safe cancel flag with callbacks (for example ``client.cancel``).

    A callback registered after the cancel runs at once, so cancel works even
    before the object it has to interrupt exists.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._event = threading.Event()
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """Set the flag and run the callbacks (in the calling thread), once."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("cancel callback failed")

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run ``callback`` on cancel (now, if already cancelled); returns a function that unregisters it."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True (early) if cancelled meanwhile."""
        return self._event.wait(seconds)


@contextmanager
def registry_client(
    settings: Settings,
    cancel: CancelToken | None = None,
    *,
    deadline: float | None = None,
    on_retry: RetryCallback | None = None,
) -> Iterator[CtGovClient]:
    """A client for ``settings``' registry address and pace, cancelled with ``cancel``, closed after use.

    ``deadline`` (seconds) bounds everything done with it; ``on_retry`` hears each retry."""
    from trialtracker.ctgov.client import CtGovClient

    client = CtGovClient(
        settings.api_url,
        pace=settings.pace,
        max_tries=settings.max_tries,
        backoff_base=settings.backoff,
        on_retry=(lambda notice: on_retry(notice.line())) if on_retry is not None else None,
    )
    if deadline is not None:
        client.start_deadline(deadline)
    forget = cancel.on_cancel(client.cancel) if cancel is not None else None
    try:
        yield client
    finally:
        if forget is not None:
            forget()
        client.close()
