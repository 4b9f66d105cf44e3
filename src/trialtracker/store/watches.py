"""Saved searches ("watches") and the candidates they find.

A study a watch finds that is neither tracked nor already known to that watch
becomes a *new candidate* the user can track or dismiss. Dismissed candidates
stay dismissed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker.domain.nctid import normalize_ids
from trialtracker.domain.records import StudyRecord
from trialtracker.domain.search import CANDIDATE_DISMISSED, CANDIDATE_NEW, CANDIDATE_TRACKED
from trialtracker.store.db import StoreError
from trialtracker.store.models import Candidate, Trial, Watch, utcnow

NEW, DISMISSED, TRACKED = CANDIDATE_NEW, CANDIDATE_DISMISSED, CANDIDATE_TRACKED


def add_watch(
    session: Session, name: str, cond: str | None, intr: str | None, statuses: Sequence[str]
) -> Watch:
    name = " ".join(name.split())
    if not name:
        raise StoreError("a watch needs a name")
    if session.scalar(select(Watch).where(Watch.name == name)) is not None:
        raise StoreError(f"a watch named {name!r} already exists")
    if not (cond or intr):
        raise StoreError("a watch needs a condition or an intervention to search for")
    watch = Watch(name=name, cond=cond or None, intr=intr or None, statuses=list(statuses))
    session.add(watch)
    session.flush()
    return watch


def edit_watch(
    session: Session,
    name_or_id: str,
    *,
    name: str | None = None,
    cond: str | None = None,
    intr: str | None = None,
    statuses: Sequence[str] | None = None,
) -> Watch:
    """Change a saved search; ``None`` keeps a value, ``""`` clears the condition or intervention.

    A changed search forgets its last count and error (they described the old one); the candidates it
    found stay, since they are real trials the user may still want to decide on.
    """
    watch = find_watch(session, name_or_id)
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise StoreError("a watch needs a name")
        clash = session.scalar(select(Watch).where(Watch.name == name, Watch.id != watch.id))
        if clash is not None:
            raise StoreError(f"a watch named {name!r} already exists")
        watch.name = name
    new_cond = watch.cond if cond is None else (cond.strip() or None)
    new_intr = watch.intr if intr is None else (intr.strip() or None)
    if not (new_cond or new_intr):
        raise StoreError("a watch needs a condition or an intervention to search for")
    new_statuses = list(watch.statuses or ()) if statuses is None else list(statuses)
    if (new_cond, new_intr, new_statuses) != (watch.cond, watch.intr, list(watch.statuses or ())):
        watch.cond, watch.intr, watch.statuses = new_cond, new_intr, new_statuses
        watch.last_total, watch.last_error = None, None
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


def record_watch_error(session: Session, watch_id: int, error: str) -> None:
    watch = session.get(Watch, watch_id)
    if watch is not None:
        watch.last_error = error


def record_watch_result(
    session: Session, watch_id: int, total: int | None, studies: Sequence[StudyRecord]
) -> list[str]:
    """Store a watch's search result; return the NCT IDs that became new candidates."""
    watch = session.get(Watch, watch_id)
    if watch is None:  # removed meanwhile
        return []
    tracked = set(session.scalars(select(Trial.nct_id)))
    known = {c.nct_id for c in watch.candidates}
    new: list[str] = []
    for record in studies:
        if record.nct_id in tracked or record.nct_id in known:
            continue
        watch.candidates.append(
            Candidate(nct_id=record.nct_id, title=record.brief_title or record.official_title,
                      overall_status=record.overall_status, state=NEW)
        )  # fmt: skip
        known.add(record.nct_id)
        new.append(record.nct_id)
    watch.last_run_at = utcnow()
    watch.last_total = total
    watch.last_error = None
    return new


def new_candidates(session: Session) -> list[Candidate]:
    """Candidates still waiting for a decision, one per NCT ID, not already tracked."""
    tracked = set(session.scalars(select(Trial.nct_id)))
    rows = session.scalars(select(Candidate).where(Candidate.state == NEW).order_by(Candidate.nct_id))
    seen: dict[str, Candidate] = {}
    for c in rows:
        if c.nct_id not in tracked:
            seen.setdefault(c.nct_id, c)
    return list(seen.values())


def find_candidate(session: Session, nct_id: str) -> Candidate | None:
    return session.scalar(select(Candidate).where(Candidate.nct_id == nct_id).limit(1))


def set_candidate_state(session: Session, ids: Sequence[str], state: str) -> int:
    ncts = normalize_ids(ids)
    rows = list(session.scalars(select(Candidate).where(Candidate.nct_id.in_(ncts))))
    if not rows:
        raise StoreError(f"no candidate {', '.join(ncts)} (see: trialtracker candidates)")
    for c in rows:
        c.state = state
    return len(rows)
