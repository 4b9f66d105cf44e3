"""Discovery: search the registry for MS stem-cell trials; saved searches ("watches") and their candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trialtracker.ctgov.errors import DeadlineExceeded
from trialtracker.domain.errors import Cancelled, RegistryError
from trialtracker.domain.records import StudyRecord
from trialtracker.domain.search import DEFAULT_CONDITION, DEFAULT_INTERVENTION
from trialtracker.domain.statuses import normalize_statuses
from trialtracker.services.deferred import deferred
from trialtracker.services.library import Library
from trialtracker.services.registry import CancelToken, RetryCallback, registry_client
from trialtracker.services.views import CandidateView, WatchView

if TYPE_CHECKING:
    from trialtracker.ctgov.client import CtGovClient
    from trialtracker.store import trials as tstore
    from trialtracker.store import watches as wstore
else:
    tstore = deferred("trialtracker.store.trials")
    wstore = deferred("trialtracker.store.watches")

DEFAULT_MAX_RESULTS = 1000
__all__ = ["DEFAULT_CONDITION", "DEFAULT_INTERVENTION"]


@dataclass(frozen=True)
class Found:
    """One search hit, marked with whether the user already tracks it."""

    nct_id: str
    title: str
    overall_status: str | None
    phases: tuple[str, ...]
    tracked: bool

    def as_json(self) -> dict[str, object]:
        return {"nct_id": self.nct_id, "title": self.title, "overall_status": self.overall_status,
                "phases": list(self.phases), "tracked": self.tracked}  # fmt: skip


@dataclass
class Discovery:
    total: int | None
    studies: list[Found] = field(default_factory=list)


def _found(record: StudyRecord, tracked: set[str]) -> Found:
    return Found(
        record.nct_id,
        record.brief_title or record.official_title or record.nct_id,
        record.overall_status,
        record.phases,
        record.nct_id in tracked or any(a in tracked for a in record.aliases),
    )


def discover(
    lib: Library,
    cond: str | None = DEFAULT_CONDITION,
    intr: str | None = DEFAULT_INTERVENTION,
    statuses: Sequence[str] | str | None = None,
    max_results: int = DEFAULT_MAX_RESULTS,
    *,
    cancel: CancelToken | None = None,
    deadline: float | None = None,
    on_retry: RetryCallback | None = None,
) -> Discovery:
    """Search the registry (total count first, then pages) and mark what is tracked.

    ``deadline`` bounds the whole search in seconds; ``on_retry`` hears each retry."""
    with registry_client(lib.settings, cancel, deadline=deadline, on_retry=on_retry) as client:
        result = client.search(cond or None, intr or None, normalize_statuses(statuses) or None,
                               max_results=max_results)  # fmt: skip
    with lib.transaction() as s:
        tracked = set(tstore.tracked_ids(s))
    return Discovery(result.total, [_found(r, tracked) for r in result.studies])


# --- watches ----------------------------------------------------------------------


def add_watch(
    lib: Library, name: str, cond: str | None, intr: str | None, statuses: Sequence[str] | str | None
) -> WatchView:
    with lib.transaction() as s:
        return WatchView.of(wstore.add_watch(s, name, cond, intr, normalize_statuses(statuses)))


def edit_watch(
    lib: Library,
    name_or_id: str,
    *,
    name: str | None = None,
    cond: str | None = None,
    intr: str | None = None,
    statuses: Sequence[str] | str | None = None,
) -> WatchView:
    """Rename a saved search or change what it looks for (``None`` keeps a value)."""
    wanted = None if statuses is None else normalize_statuses(statuses)
    with lib.transaction() as s:
        watch = wstore.edit_watch(s, name_or_id, name=name, cond=cond, intr=intr, statuses=wanted)
        return WatchView.of(watch)


def list_watches(lib: Library) -> list[WatchView]:
    with lib.transaction() as s:
        return [WatchView.of(w) for w in wstore.list_watches(s)]


def remove_watch(lib: Library, name_or_id: str) -> str:
    with lib.transaction() as s:
        return wstore.remove_watch(s, name_or_id)


@dataclass
class WatchRun:
    new: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_watches(lib: Library, client: CtGovClient, max_results: int = DEFAULT_MAX_RESULTS) -> WatchRun:
    """Re-run every watch; record new candidates (one transaction per watch). A cancel ends the run
    (raised, watches done so far stay recorded); other registry trouble is recorded per watch."""
    outcome = WatchRun()
    with lib.transaction() as s:
        watches = [(w.id, w.name, w.cond, w.intr, list(w.statuses or [])) for w in wstore.list_watches(s)]
    for watch_id, name, cond, intr, statuses in watches:
        try:
            result = client.search(cond, intr, statuses or None, max_results=max_results)
        except (Cancelled, DeadlineExceeded):  # the user stopped it, or its time is up: no watch's fault
            raise
        except RegistryError as exc:
            with lib.transaction() as s:
                wstore.record_watch_error(s, watch_id, str(exc))
            outcome.errors.append(f"{name}: {exc}")
            continue
        with lib.transaction() as s:
            outcome.new += wstore.record_watch_result(s, watch_id, result.total, result.studies)
    return outcome


def run_watches_now(
    lib: Library,
    *,
    cancel: CancelToken | None = None,
    deadline: float | None = None,
    on_retry: RetryCallback | None = None,
) -> WatchRun:
    """Run the saved searches now, with the library's registry settings (``deadline``: seconds for all
    of them; ``on_retry`` hears each retry, as for :func:`discover`)."""
    with registry_client(lib.settings, cancel, deadline=deadline, on_retry=on_retry) as client:
        return run_watches(lib, client)


def candidates(lib: Library) -> list[CandidateView]:
    """New candidates waiting for a decision, one per NCT ID, not already tracked."""
    with lib.transaction() as s:
        return [CandidateView.of(c) for c in wstore.new_candidates(s)]


def candidate(lib: Library, nct_id: str) -> CandidateView | None:
    with lib.transaction() as s:
        found = wstore.find_candidate(s, nct_id)
        return CandidateView.of(found) if found is not None else None


def dismiss_candidates(lib: Library, ids: Sequence[str]) -> int:
    with lib.transaction() as s:
        return wstore.set_candidate_state(s, ids, wstore.DISMISSED)


def track_candidates(lib: Library, ids: Sequence[str]) -> list[str]:
    """Track the candidates (one transaction) and mark them tracked; returns the IDs newly added."""
    with lib.transaction() as s:
        added = tstore.add_trials(s, ids, lib.catalog, lib.linker).added
        wstore.set_candidate_state(s, ids, wstore.TRACKED)
        return added
