"""What other members of a team library change, as it happens, for a face to show at once.

The server announces each committed change (migration 0008); this turns its notices into plain values.
A personal library has no other writers: the stream ends at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from trialtracker.services.library import Library

__all__ = ["TeamChange", "reachable", "team_changes"]

#: The table whose notice means "the whole list changed" (a refresh ended).
_WHOLE_LIST = "refresh_run"


@dataclass(frozen=True)
class TeamChange:
    """One trial changed (``nct_id``), or the whole list (``nct_id`` None: someone refreshed)."""

    nct_id: str | None
    by: str | None

    @property
    def whole_list(self) -> bool:
        return self.nct_id is None


def team_changes(lib: Library, stop: threading.Event) -> Iterator[TeamChange]:
    """Changes until ``stop`` is set. Connection trouble leaves as a ``DatabaseError`` (the caller may
    listen again; what it missed meanwhile is best read whole)."""
    for notice in lib.store.notices(stop):
        if notice.table == _WHOLE_LIST:
            yield TeamChange(None, notice.by)
        elif notice.nct_id:
            yield TeamChange(str(notice.nct_id), notice.by)


def reachable(lib: Library) -> bool:
    """Whether the library answers now (a team library's server may be down or out of reach)."""
    return lib.store.reachable()
