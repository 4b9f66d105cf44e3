"""Pausing Python's garbage collector while a worker builds many objects that hold no reference cycles.

Why: the collector's passes over such objects find nothing, and a full pass holds the interpreter lock
all along: 10,000 rows read for the window (~300,000 objects) froze it ~90 ms every second of a refresh,
and the ~1,000,000 objects of a 10,000-trial bundle being parsed froze it 70-240 ms at a time. Another
thread's pause may end this one early; that only costs time.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[Callable[[bool], None]]:
    """No collection inside the block. Call what it gives with True to freeze what is alive before the
    collector is turned back on: otherwise its first pass walks every one of the new objects, and later
    full passes walk them again. Frozen objects are still freed when no longer used (by their reference
    counts); they are only never collected as cycles, so small reads, where the walk is cheap, are not
    frozen."""
    was_on = gc.isenabled()
    wanted: list[bool] = []
    gc.disable()
    try:
        yield wanted.append
    finally:
        if any(wanted):
            gc.freeze()
        if was_on:
            gc.enable()
