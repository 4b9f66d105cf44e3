"""Store modules imported when first used, so a face can paint before SQLAlchemy is loaded.

Why: ``import sqlalchemy`` and our ORM models cost about a quarter of a second,
more than everything else the window needs for its first paint. The window's
first read goes through the store's plain SQLite reader; the ORM is loaded on
the first write, or by the window right after its first paint. Each service
writes::

    if TYPE_CHECKING:
        from trialtracker.store import trials as tstore
    else:
        tstore = deferred("trialtracker.store.trials")

so type checkers and the layering test see the real module; at run time the
name is a stand-in that imports the module on first attribute access. The
import goes through :func:`importlib.import_module`, which holds Python's
per-module import lock, so two threads touching it at once are safe.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any


class DeferredModule:
    """Stands in for a module until one of its attributes is read."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = sys.modules.get(name)

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        state = "loaded" if self._module is not None else "not loaded yet"
        return f"<deferred module {self._name!r} ({state})>"


def deferred(name: str) -> Any:
    """A stand-in for the module ``name``; typed ``Any`` because callers declare the real module
    under ``TYPE_CHECKING``."""
    return DeferredModule(name)
