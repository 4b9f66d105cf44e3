"""Talking to ClinicalTrials.gov on behalf of a use case: one client per task, cancellable from any thread.

The faces never build a registry client: they pass a :class:`CancelToken` and
the services open the client with the run's settings (address, pace), hook its
``cancel()`` to the token and close it afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from trialtracker.services.settings import Settings

if TYPE_CHECKING:  # the client imports requests (~100 ms): only load it when a task needs it
    from trialtracker.ctgov.client import CtGovClient


class CancelToken:
    """Thread-safe cancellation shared by a face and one task; cancel works before the client exists."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def on_cancel(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on cancel (at once if already cancelled)."""
        with self._lock:
            if not self._cancelled:
                self._callbacks.append(callback)
                return
        callback()

    def forget(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)


@contextmanager
def registry_client(settings: Settings, cancel: CancelToken | None = None) -> Iterator[CtGovClient]:
    """A client for ``settings``' registry address and pace, cancelled with ``cancel``, closed after use."""
    from trialtracker.ctgov.client import CtGovClient

    client = CtGovClient(settings.api_url, pace=settings.pace)
    if cancel is not None:
        cancel.on_cancel(client.cancel)
    try:
        yield client
    finally:
        if cancel is not None:
            cancel.forget(client.cancel)
        client.close()
