"""The window's operations: one service call, then the rows it touched read again.

Why a module of its own: a write in the window is "call the service, re-read
just the rows it touched, hand both to the table" (Anki's ``aqt/operations``).
The services do the work and own the transactions; this class only pairs each
write with the re-read the table model needs. Each method may block, so the
window runs writes on its task runner's database lane and registry work on the
network lane; errors leave as :class:`~trialtracker.domain.errors.TrialTrackerError`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services import discovery, listing, trials
from trialtracker.services import refresh as refreshing
from trialtracker.services.library import Library
from trialtracker.services.listing import RowTally, TrialRow
from trialtracker.ui.tasks import TaskContext


@dataclass(frozen=True)
class Snapshot:
    """Every row of the table and every tag name: a full read, or (``partial_of`` > 0) only the
    first screen of a library of ``partial_of`` trials, shown while the rest is read."""

    rows: list[TrialRow]
    tags: list[str]
    partial_of: int = 0
    tally: RowTally | None = None  # the lists' counts, counted where the rows were read (not in the UI)
    personal_tags: frozenset[str] = frozenset()  # the names in ``tags`` that are only one's own


@dataclass(frozen=True)
class RowsUpdate:
    """What a write touched, read again after it: what the table model and sidebar need.

    ``rows`` are the touched IDs' rows now; an ID in ``ids`` without a row is gone
    (removed, dismissed). ``done`` lists the IDs the write acted on (removed,
    added…); ``count`` is how many things it changed, where that is worth telling.
    """

    ids: tuple[str, ...]
    rows: list[TrialRow]
    tags: list[str]
    done: tuple[str, ...] = ()
    already: tuple[str, ...] = ()
    count: int = 0
    undo: Any = None  # what undoing the write needs: the rows a removal deleted, the changes a review marked
    personal_tags: frozenset[str] = frozenset()
    page_changed: bool = True  # False: nothing the trial page shows changed (a star): it is not read again


@dataclass(frozen=True)
class RefreshOutcome:
    """A finished refresh (with its watch candidates) and every row read again."""

    summary: refreshing.RefreshSummary
    snapshot: Snapshot | None = None  # None if the rows could not be read again
    errors: list[str] = field(default_factory=list)


class DataAccess:
    """The window's writes and reads over one :class:`Library`.

    Threading rules: every method may be called from any thread; the services
    open one transaction per call; the registry methods honour the task's cancel token.
    """

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def _near(self) -> dict[str, Any]:
        """Distances from the home place set in Preferences (none when no place is set)."""
        prefs = self.lib.settings.preferences
        return {"near": prefs.home, "within_km": prefs.near_km}

    def load_snapshot(self) -> Snapshot:
        rows = listing.list_rows(self.lib, include_candidates=True, **self._near())
        tags, personal = listing.tags_seen(self.lib)
        return Snapshot(rows, tags, tally=RowTally.of(rows), personal_tags=personal)

    def load_first_screen(self, rows: int, *, above: int) -> Snapshot:
        """The first ``rows`` trials in ID order when more than ``above`` are tracked, else every row."""
        total, first = listing.first_trials(self.lib, rows)
        if total <= above:
            return self.load_snapshot()
        shown = listing.list_rows(self.lib, first, **self._near())
        tags, personal = listing.tags_seen(self.lib)
        return Snapshot(shown, tags, partial_of=total, personal_tags=personal)

    def load_rows(self, ids: Collection[str]) -> RowsUpdate:
        return self._reread(ids)

    # -- writes (each one transaction, then the touched rows read again) --------------------

    def set_starred(self, ids: Sequence[str], starred: bool) -> RowsUpdate:
        return replace(self._reread(trials.star(self.lib, ids, starred)), page_changed=False)

    def set_tags(
        self, ids: Sequence[str], add: Sequence[str], remove: Sequence[str] = (), *, personal: bool = False
    ) -> RowsUpdate:
        return self._reread(trials.edit_tags(self.lib, ids, add, remove, personal=personal))

    def set_tag_sets(
        self, wanted: Mapping[str, Sequence[str]], personal: Mapping[str, Collection[str]] | None = None
    ) -> RowsUpdate:
        return self._reread(trials.set_tag_sets(self.lib, wanted, personal))

    def share_tag(self, name: str) -> RowsUpdate:
        return self._reread(trials.share_tag(self.lib, name))

    def mark_reviewed(self, ids: Sequence[str] | None, *, reread: Collection[str] = ()) -> RowsUpdate:
        """Mark the changes of ``ids`` (None: of every trial) reviewed; re-read ``ids`` or ``reread``."""
        marked = trials.review_changes(self.lib, ids)
        return self._reread(reread or ids or (), count=len(marked), undo=marked)

    def unreview(self, change_ids: Sequence[int]) -> RowsUpdate:
        return self._reread(trials.unreview_changes(self.lib, change_ids))

    def remove_trials(self, ids: Sequence[str]) -> RowsUpdate:
        kept = trials.remove_undoably(self.lib, ids)
        return self._reread(ids, done=kept.nct_ids, undo=kept)

    def put_back(self, kept: Any) -> RowsUpdate:
        """Undo :meth:`remove_trials` (``kept``: its ``undo``)."""
        return self._reread(trials.put_back(self.lib, kept))

    def add_trials(self, ids: Sequence[str]) -> RowsUpdate:
        result = trials.add(self.lib, ids)
        return self._reread([*result.added, *result.already], done=result.added, already=result.already)

    def track_candidates(self, ids: Sequence[str]) -> RowsUpdate:
        return self._reread(ids, done=discovery.track_candidates(self.lib, ids))

    def dismiss_candidates(self, ids: Sequence[str]) -> RowsUpdate:
        return self._reread(ids, count=discovery.dismiss_candidates(self.lib, ids))

    def _reread(
        self, ids: Collection[str], *, done: Sequence[str] = (), already: Sequence[str] = (), count: int = 0,
        undo: Any = None,
    ) -> RowsUpdate:  # fmt: skip
        wanted = tuple(dict.fromkeys(ids))
        rows = listing.list_rows(self.lib, wanted, include_candidates=True, **self._near())
        tags, personal = listing.tags_seen(self.lib)
        return RowsUpdate(wanted, rows, tags, tuple(done), tuple(already), count, undo, personal)

    # -- registry (network lane) --------------------------------------------------------------

    def refresh(
        self, ctx: TaskContext, ids: Sequence[str] | None = None, *, force: bool = False
    ) -> RefreshOutcome:
        """Refresh ``ids`` (default: all; saved watches run after a complete one), then re-read every row."""
        summary = refreshing.refresh_library(
            self.lib,
            ids,
            force=force,
            progress=lambda p: ctx.progress(p.done, p.total, p.message),
            cancel=ctx.token,
        )
        try:
            snapshot: Snapshot | None = self.load_snapshot()
        except TrialTrackerError:
            snapshot = None
        return RefreshOutcome(summary, snapshot)

    def discover(
        self, ctx: TaskContext, cond: str | None, intr: str | None, statuses: Sequence[str], max_results: int
    ) -> discovery.Discovery:
        """Search the registry (``RegistryError`` for the registry's trouble, ``Cancelled`` on cancel)."""
        return discovery.discover(self.lib, cond, intr, list(statuses), max_results, cancel=ctx.token)
