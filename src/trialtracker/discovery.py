"""Discovery: search the registry for MS stem-cell trials, and saved searches ("watches").

A watch is re-run on refresh; a study it finds that is neither tracked nor
already known to that watch becomes a *new candidate* the user can track or
dismiss. Dismissed candidates stay dismissed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker.ctgov.client import (
    DEFAULT_CONDITION,
    DEFAULT_INTERVENTION_TERMS,
    ApiError,
    CtGovClient,
    essie_or,
)
from trialtracker.domain.records import StudyRecord
from trialtracker.store.db import Store, StoreError
from trialtracker.store.models import Candidate, Trial, Watch, utcnow
from trialtracker.store.trials import add_trials, normalize_ids

DEFAULT_INTERVENTION = essie_or(DEFAULT_INTERVENTION_TERMS)
NEW, DISMISSED, TRACKED = "new", "dismissed", "tracked"
DEFAULT_MAX_RESULTS = 1000


@dataclass(frozen=True)
class Found:
    """One search hit, marked with whether the user already tracks it."""

    nct_id: str
    title: str
    overall_status: str | None
    phases: tuple[str, ...]
    tracked: bool

    def as_json(self) -> dict[str, object]:
        return {
            "nct_id": self.nct_id,
            "title": self.title,
            "overall_status": self.overall_status,
            "phases": list(self.phases),
            "tracked": self.tracked,
        }


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


def normalize_statuses(statuses: Sequence[str] | str | None) -> list[str]:
    if not statuses:
        return []
    items = statuses.split(",") if isinstance(statuses, str) else list(statuses)
    return [s.strip().upper().replace(" ", "_") for s in items if s.strip()]


def discover(
    store: Store,
    client: CtGovClient,
    cond: str | None = DEFAULT_CONDITION,
    intr: str | None = DEFAULT_INTERVENTION,
    statuses: Sequence[str] | str | None = None,
    max_results: int = DEFAULT_MAX_RESULTS,
) -> Discovery:
    """Search the registry (total count first, then pages) and mark what is tracked."""
    result = client.search(cond or None, intr or None, normalize_statuses(statuses) or None,
                           max_results=max_results)  # fmt: skip
    with store.session() as s:
        tracked = set(s.scalars(select(Trial.nct_id)))
    return Discovery(result.total, [_found(r, tracked) for r in result.studies])


# --- watches ----------------------------------------------------------------------


def add_watch(
    session: Session, name: str, cond: str | None, intr: str | None, statuses: Sequence[str] | str | None
) -> Watch:
    name = " ".join(name.split())
    if not name:
        raise StoreError("a watch needs a name")
    if session.scalar(select(Watch).where(Watch.name == name)) is not None:
        raise StoreError(f"a watch named {name!r} already exists")
    if not (cond or intr):
        raise StoreError("a watch needs a condition or an intervention to search for")
    watch = Watch(name=name, cond=cond or None, intr=intr or None, statuses=normalize_statuses(statuses))
    session.add(watch)
    session.flush()
    return watch


def list_watches(session: Session) -> list[Watch]:
    return list(session.scalars(select(Watch).order_by(Watch.name)))


def find_watch(session: Session, name_or_id: str) -> Watch:
    watch = session.scalar(select(Watch).where(Watch.name == name_or_id))
    if watch is None and name_or_id.isdigit():
        watch = session.get(Watch, int(name_or_id))
    if watch is None:
        raise StoreError(f"no watch named {name_or_id!r} (see: trialtracker watch list)")
    return watch


def remove_watch(session: Session, name_or_id: str) -> str:
    watch = find_watch(session, name_or_id)
    session.delete(watch)
    return watch.name


@dataclass
class WatchRun:
    new: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_watches(store: Store, client: CtGovClient, max_results: int = DEFAULT_MAX_RESULTS) -> WatchRun:
    """Re-run every watch; record new candidates (one transaction per watch)."""
    outcome = WatchRun()
    with store.session() as s:
        watches = [(w.id, w.name, w.cond, w.intr, list(w.statuses or [])) for w in list_watches(s)]
    for watch_id, name, cond, intr, statuses in watches:
        try:
            result = client.search(cond, intr, statuses or None, max_results=max_results)
        except ApiError as exc:
            with store.session() as s:
                watch = s.get(Watch, watch_id)
                if watch is not None:
                    watch.last_error = str(exc)
            outcome.errors.append(f"{name}: {exc}")
            continue
        with store.session() as s:
            watch = s.get(Watch, watch_id)
            if watch is None:
                continue
            tracked = set(s.scalars(select(Trial.nct_id)))
            known = {c.nct_id for c in watch.candidates}
            for record in result.studies:
                if record.nct_id in tracked or record.nct_id in known:
                    continue
                watch.candidates.append(
                    Candidate(nct_id=record.nct_id, title=record.brief_title or record.official_title,
                              overall_status=record.overall_status, state=NEW)
                )  # fmt: skip
                known.add(record.nct_id)
                outcome.new.append(record.nct_id)
            watch.last_run_at = utcnow()
            watch.last_total = result.total
            watch.last_error = None
    return outcome


def new_candidates(session: Session) -> list[Candidate]:
    """Candidates still waiting for a decision, one per NCT ID, not already tracked."""
    tracked = set(session.scalars(select(Trial.nct_id)))
    rows = session.scalars(select(Candidate).where(Candidate.state == NEW).order_by(Candidate.nct_id))
    seen: dict[str, Candidate] = {}
    for c in rows:
        if c.nct_id not in tracked:
            seen.setdefault(c.nct_id, c)
    return list(seen.values())


def _set_state(session: Session, ids: Sequence[str], state: str) -> int:
    ncts = normalize_ids(ids)
    rows = list(session.scalars(select(Candidate).where(Candidate.nct_id.in_(ncts))))
    if not rows:
        raise StoreError(f"no candidate {', '.join(ncts)} (see: trialtracker candidates)")
    for c in rows:
        c.state = state
    return len(rows)


def dismiss_candidates(session: Session, ids: Sequence[str]) -> int:
    return _set_state(session, ids, DISMISSED)


def track_candidates(session: Session, ids: Sequence[str]) -> list[str]:
    added = add_trials(session, ids).added
    _set_state(session, ids, TRACKED)
    return added
