"""Tracking trials: add, remove, star, tag, review, and everything stored about one of them.

Each function is one transaction and returns the NCT IDs it touched (or a
plain view), so the window can update just those rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.nctid import normalize_ids
from trialtracker.services.deferred import deferred
from trialtracker.services.library import Library
from trialtracker.services.views import ChangeView, TrialDetail

if TYPE_CHECKING:
    from trialtracker.store import removal as rstore
    from trialtracker.store import trials as tstore
    from trialtracker.store.models import Trial
    from trialtracker.store.removal import RemovedRows
else:
    rstore = deferred("trialtracker.store.removal")
    tstore = deferred("trialtracker.store.trials")


@dataclass(frozen=True)
class AddOutcome:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def add(lib: Library, values: Iterable[str]) -> AddOutcome:
    """Track the given IDs, validated all-or-nothing; catalog facts and topic links come with them."""
    ids = normalize_ids(values)
    with lib.transaction() as s:
        result = tstore.add_trials(s, ids, lib.catalog, lib.linker)
    return AddOutcome(result.added, result.already)


def remove(lib: Library, values: Iterable[str]) -> list[str]:
    """Stop tracking; history and links go, notes stay (keyed by NCT ID)."""
    ids = normalize_ids(values)
    with lib.transaction() as s:
        return tstore.remove_trials(s, ids)


def remove_undoably(lib: Library, values: Iterable[str]) -> RemovedRows:
    """Like :func:`remove`, keeping every row it deletes (history, links and tags included) in the
    result, so :func:`put_back` can undo it exactly."""
    with lib.transaction() as s:
        return rstore.remove_keeping_rows(s, values)


def put_back(lib: Library, removed: RemovedRows) -> list[str]:
    """Undo :func:`remove_undoably`: the trials come back as they were (unless tracked again since)."""
    with lib.transaction() as s:
        return rstore.put_back(s, removed)


def set_tag_sets(
    lib: Library, wanted: Mapping[str, Sequence[str]], personal: Mapping[str, Collection[str]] | None = None
) -> dict[str, tuple[str, ...]]:
    """Give each trial exactly these tags (an undo of a tag edit), those in ``personal`` as one's own;
    returns each trial's tags afterwards."""
    out: dict[str, tuple[str, ...]] = {}
    with lib.transaction() as s:
        for nct, names in wanted.items():
            mine = set((personal or {}).get(nct, ()))
            trial = tstore.require_trial(s, nct)
            tstore.remove_tags(s, nct, [t.name for t in trial.tags if t.name not in names])
            tstore.add_tags(s, nct, [n for n in names if n not in mine])
            tstore.add_tags(s, nct, [n for n in names if n in mine], personal=True)
            out[trial.nct_id] = _names(trial)
    return out


def _names(trial: Trial) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.name for t in trial.tags))


def star(lib: Library, values: Iterable[str], starred: bool = True) -> list[str]:
    ids = normalize_ids(values)
    with lib.transaction() as s:
        return [tstore.set_starred(s, nct, starred).nct_id for nct in ids]


def edit_tags(
    lib: Library, values: Iterable[str], add: Sequence[str] = (), remove: Sequence[str] = (), *,
    personal: bool = False,
) -> dict[str, tuple[str, ...]]:  # fmt: skip
    """Add and remove tags on each trial (added ones, ``personal``: as one's own, unseen by the rest of a
    team); returns each trial's tags afterwards."""
    ids = normalize_ids(values)
    out: dict[str, tuple[str, ...]] = {}
    with lib.transaction() as s:
        for nct in ids:
            trial = tstore.require_trial(s, nct)
            if add:
                tstore.add_tags(s, nct, add, personal=personal)
            if remove:
                tstore.remove_tags(s, nct, remove)
            out[trial.nct_id] = _names(trial)
    return out


def share_tag(lib: Library, name: str) -> list[str]:
    """Make one's own tag the team's; returns the NCT IDs of the trials it tags."""
    if not lib.on_server:
        raise InvalidInput("every tag of this computer's library is yours alone; sharing a tag is for a team "
                           "library (--database-url)")  # fmt: skip
    with lib.transaction() as s:
        return tstore.share_tag(s, name)


def mark_reviewed(lib: Library, values: Iterable[str] | None) -> int:
    """Mark the changes of these trials (``None``: of every trial) reviewed; returns how many."""
    return len(review_changes(lib, values))


def review_changes(lib: Library, values: Iterable[str] | None) -> list[int]:
    """Like :func:`mark_reviewed`; returns the IDs of the changes it marked (what an undo unmarks)."""
    ids = None if values is None else normalize_ids(values)
    with lib.transaction() as s:
        if ids is None:
            return tstore.mark_reviewed(s, None)
        return [change for nct in ids for change in tstore.mark_reviewed(s, nct)]


def unreview_changes(lib: Library, change_ids: Sequence[int]) -> list[str]:
    """Undo a review: these changes are new again. Returns the NCT IDs of their trials."""
    with lib.transaction() as s:
        return tstore.mark_unreviewed(s, change_ids)


def detail(lib: Library, value: str) -> TrialDetail | None:
    """Everything stored about one trial, or None if it is not tracked."""
    nct = normalize_ids([value])[0]
    with lib.transaction() as s:
        trial = tstore.get_trial(s, nct)
        return TrialDetail.of(trial, tstore.notes(s, nct)) if trial is not None else None


def require_detail(lib: Library, value: str) -> TrialDetail:
    """Like :func:`detail`, but an untracked trial is bad input (``NotTracked``)."""
    with lib.transaction() as s:
        trial = tstore.require_trial(s, value)
        return TrialDetail.of(trial, tstore.notes(s, trial.nct_id))


def history(lib: Library, value: str) -> tuple[str, list[ChangeView]]:
    """(NCT ID, every recorded change, oldest first) of a tracked trial."""
    with lib.transaction() as s:
        trial = tstore.require_trial(s, value)
        return trial.nct_id, [ChangeView.of(c) for c in trial.changes]


def tracked_ids(lib: Library) -> list[str]:
    with lib.transaction() as s:
        return tstore.tracked_ids(s)
