"""Edit ▸ Undo for writes that already happened on the database lane.

A :class:`QUndoStack` wants to run a command's ``redo()`` when it is pushed; our writes run first (in
the background, so the window never waits) and are pushed once they are stored. So the first
``redo()`` of a :class:`DoneWrite` does nothing; later ones run the write again. Undo and redo are
writes on the same lane, so they happen in the order they were asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class DoneWrite(QUndoCommand):
    """A write that is stored; ``back(self)`` undoes it, ``again(self)`` does it once more.

    ``kept`` is what the undo needs (the rows a removal deleted, the changes a review marked); a redo
    that produces a new one sets it again."""

    def __init__(
        self, text: str, kept: Any, back: Callable[[DoneWrite], object], again: Callable[[DoneWrite], object]
    ) -> None:
        super().__init__(text)
        self.kept = kept
        self._back = back
        self._again = again
        self._stored = True  # the write ran before the push

    def redo(self) -> None:
        if self._stored:
            self._stored = False
            return
        self._again(self)

    def undo(self) -> None:
        self._back(self)
