"""Operations on tracked trials, tags, stars and notes.

Every function takes a :class:`~sqlalchemy.orm.Session` that the caller opened
with ``Store.session()``, so a whole user action is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, insert, literal_column, select, text, update
from sqlalchemy.orm import Session, selectinload, undefer, undefer_group

from trialtracker.domain.catalog import CatalogEntry
from trialtracker.domain.nctid import InvalidIds, normalize_ids
from trialtracker.domain.topic_links import Linker
from trialtracker.store.db import StoreError
from trialtracker.store.export_rows import ChangeRow, LinkRow
from trialtracker.store.links import rule_link_rows
from trialtracker.store.models import (
    ME,
    PAGE,
    Change,
    ChangeReview,
    Note,
    RemovedTrial,
    Star,
    Tag,
    TopicLink,
    Trial,
    TrialTag,
    utcnow,
)
from trialtracker.store.seeding import CATALOG_COLUMNS, catalog_facts

__all__ = ["InvalidIds", "NotTracked", "normalize_ids"]


class NotTracked(StoreError):
    def __init__(self, nct_id: str) -> None:
        super().__init__(f"{nct_id} is not tracked (add it with: trialtracker add {nct_id})")
        self.nct_id = nct_id


def get_trial(session: Session, nct_id: str) -> Trial | None:
    """One trial with its page columns (a bulk read leaves them out: they are large)."""
    return session.scalar(select(Trial).where(Trial.nct_id == nct_id).options(undefer_group(PAGE)))


def require_trial(session: Session, value: str) -> Trial:
    nct = normalize_ids([value])[0]
    trial = get_trial(session, nct)
    if trial is None:
        raise NotTracked(nct)
    return trial


def tracked_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Trial.nct_id).order_by(Trial.nct_id)))


def list_trials(session: Session, *, changed_only: bool = False, with_links: bool = True) -> list[Trial]:
    query = select(Trial).order_by(Trial.nct_id)
    if with_links:
        query = query.options(selectinload(Trial.topic_links))
    if changed_only:
        query = query.where(exists().where(Change.trial_id == Trial.id, Change.reviewed.is_(False)))
    return list(session.scalars(query))




@dataclass(frozen=True)
class FullTrial:
    """A tracked trial with its topic links and changes as plain rows."""

    trial: Trial
    links: list[LinkRow]
    changes: list[ChangeRow]


def iter_trials_in_full(
    session: Session, chunk: int = 500, *, raw: bool = False, page: bool = False
) -> Iterator[FullTrial]:
    """Every tracked trial with its tags, links and changes, ``chunk`` trials at a time: a few
    queries per chunk instead of one per trial, and the 60,000 links of 10,000 trials read as rows
    rather than ORM objects (an export of 10,000 trials; never all in memory). ``raw``: the registry's
    full record is read in the same query (it is large, and otherwise read only on demand); ``page``:
    so are the trial page's columns."""
    query = select(Trial).order_by(Trial.nct_id).execution_options(yield_per=chunk)
    if raw:
        query = query.options(undefer(Trial.raw_record))
    if page:
        query = query.options(undefer_group(PAGE))
    link_cols = (TopicLink.trial_id, TopicLink.topic_key, TopicLink.how, TopicLink.reason, TopicLink.removed)
    change_cols = (Change.trial_id, Change.id, Change.field, Change.old, Change.new, Change.detected_at,
                   Change.registry_update, Change.reviewed)  # fmt: skip
    for part in session.scalars(query).partitions():
        ids = [t.id for t in part]
        links: dict[int, list[LinkRow]] = defaultdict(list)
        for tid, key, how, reason, removed in session.execute(
            select(*link_cols)
            .where(TopicLink.trial_id.in_(ids))
            .order_by(TopicLink.trial_id, TopicLink.topic_key)
        ):
            links[tid].append((key, how, reason, removed))
        changes: dict[int, list[ChangeRow]] = defaultdict(list)
        for tid, *change in session.execute(
            select(*change_cols).where(Change.trial_id.in_(ids)).order_by(Change.trial_id, Change.id)
        ):
            changes[tid].append(tuple(change))  # type: ignore[arg-type]
        for trial in part:
            yield FullTrial(trial, links.get(trial.id, []), changes.get(trial.id, []))


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def add_trials(
    session: Session, values: Iterable[str], catalog: Mapping[str, CatalogEntry], linker: Linker
) -> AddResult:
    """Track the given IDs (validated all-or-nothing). Re-adding clears the 'removed' mark.

    Catalog facts come from ``catalog``; topic links from ``linker`` (the store never imports them).
    Set-based: a few statements however many IDs (10,000 from a file must not mean 10,000 round trips).
    """
    ids = normalize_ids(values)
    existing = trial_ids_of(session, ids)
    result = AddResult()
    for nct in ids:
        (result.already if nct in existing else result.added).append(nct)
    if not result.added:
        return result
    now = utcnow()
    rows = [_new_trial_row(nct, catalog.get(nct), now) for nct in result.added]
    session.connection().execute(_INSERT_TRIAL, rows)
    removed = set(session.scalars(select(RemovedTrial.nct_id))).intersection(result.added)
    if removed:  # one executemany on the plain connection (an ORM delete would want to sync the session)
        gone = delete(RemovedTrial).where(RemovedTrial.nct_id == bindparam("gone"))
        session.connection().execute(gone, [{"gone": nct} for nct in sorted(removed)])
    new_ids = trial_ids_of(session, result.added)
    links = [link for row in rows for link in rule_link_rows(new_ids[row["nct_id"]], row, linker)]
    if links:
        session.execute(insert(TopicLink), links)
    return result


#: A new trial's list columns hold the JSON of an empty list: written as text once, not encoded per row.
#: The JSON list columns of a trial (an empty list, never NULL).
LIST_COLUMNS = ("aliases", "phases", "conditions", "keywords", "interventions", "locations")
_INSERT_TRIAL = insert(Trial).values(
    {name: literal_column("'[]'", Trial.__table__.c[name].type) for name in LIST_COLUMNS}
)  # untyped SQL: SQLite keeps the text, PostgreSQL reads json (a CAST would give SQLite's 0)

#: Up to this many IDs are looked up with ``IN (…)``; more, and every tracked ID is read instead
#: (one statement either way, and never near SQLite's limit on bound parameters).
IN_LIMIT = 500


def trial_ids_of(session: Session, ncts: Collection[str]) -> dict[str, int]:
    """NCT ID -> row id of those of ``ncts`` that are tracked, in one query."""
    query = select(Trial.nct_id, Trial.id)
    if len(ncts) <= IN_LIMIT:
        query = query.where(Trial.nct_id.in_(list(ncts)))
        return {nct: tid for nct, tid in session.execute(query)}
    wanted = set(ncts)
    return {nct: tid for nct, tid in session.execute(query) if nct in wanted}


def _new_trial_row(nct: str, entry: CatalogEntry | None, now: dt.datetime) -> dict[str, Any]:
    """The column values of a newly tracked trial; every row has the same keys (one executemany)."""
    row: dict[str, Any] = {"nct_id": nct, "tracked_since": now, "in_catalog": entry is not None}
    facts = catalog_facts(entry) if entry is not None else dict.fromkeys(CATALOG_COLUMNS)
    row.update(facts)
    return row


def remove_trials(session: Session, values: Iterable[str]) -> list[str]:
    """Stop tracking; history and links go, notes stay (keyed by NCT ID)."""
    ids = normalize_ids(values)
    trials = [require_trial(session, nct) for nct in ids]
    for trial in trials:
        session.delete(trial)
        session.merge(RemovedTrial(nct_id=trial.nct_id, removed_at=utcnow()))
    session.flush()
    return [t.nct_id for t in trials]


def set_starred(session: Session, value: str, starred: bool) -> Trial:
    """Star or unstar a trial for the person writing (their own :class:`Star`; nobody else's changes)."""
    trial = require_trial(session, value)
    if starred != trial.starred:
        if starred:
            session.execute(insert(Star).values(trial_id=trial.id, member=ME))
        else:
            session.execute(delete(Star).where(Star.trial_id == trial.id, Star.member == ME))
        session.expire(trial, ["starred"])
    return trial


def _tag(session: Session, name: str, personal: bool) -> Tag:
    """The tag ``name`` of the team, or (``personal``) the writer's own; made when there is none."""
    owner = ME if personal else ""
    tag = session.scalar(select(Tag).where(Tag.name == name, Tag.owner == owner))
    if tag is None:
        tag = Tag(name=name, owner=owner)
        session.add(tag)
    return tag


def clean_tag(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 100:
        raise StoreError(f"invalid tag {name!r} (1 to 100 characters)")
    return cleaned


def add_tags(session: Session, value: str, names: Iterable[str], *, personal: bool = False) -> Trial:
    """Tag the trial; a name it already carries (the team's or one's own tag) is left as it is."""
    trial = require_trial(session, value)
    for name in map(clean_tag, names):
        if not any(t.name == name for t in trial.tags):
            trial.tags.append(_tag(session, name, personal))
    trial.tags.sort(key=lambda t: t.name.casefold())
    return trial


def remove_tags(session: Session, value: str, names: Iterable[str]) -> Trial:
    """Untag the trial: every tag of these names one sees (the team's and one's own)."""
    trial = require_trial(session, value)
    wanted = {clean_tag(n) for n in names}
    trial.tags = [t for t in trial.tags if t.name not in wanted]
    return trial


def share_tag(session: Session, name: str) -> list[str]:
    """Make one's own tag ``name`` the team's (merged into a team tag of that name if there is one).
    Returns the NCT IDs of the trials it tags."""
    name = clean_tag(name)
    mine = session.scalar(select(Tag).where(Tag.name == name, Tag.owner == ME, Tag.owner != ""))
    if mine is None:
        raise StoreError(f"you have no personal tag {name!r}")
    trials = list(session.scalars(select(Trial).join(TrialTag).where(TrialTag.tag_id == mine.id)))
    team = session.scalar(select(Tag).where(Tag.name == name, Tag.owner == ""))
    if team is None:
        mine.owner = ""
        session.flush()  # then touch its links: their trigger tells the team's windows (0012)
        session.execute(update(TrialTag).where(TrialTag.tag_id == mine.id).values(tag_id=TrialTag.tag_id))
    else:
        for trial in trials:
            trial.tags = [t for t in trial.tags if t.id != mine.id] + ([] if team in trial.tags else [team])
        session.delete(mine)
    session.flush()
    return sorted(t.nct_id for t in trials)


def all_tag_names(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).distinct().order_by(Tag.name)))


# --- notes -----------------------------------------------------------------


def add_note(
    session: Session, value: str, body: str, *, created_at: dt.datetime | None = None,
    updated_at: dt.datetime | None = None, shared: bool = False, conflict_of: int | None = None,
) -> Note:  # fmt: skip
    """Append a note. Notes may exist for an untracked NCT ID (they are kept on removal). The times are
    now, unless given (a deleted note put back keeps its place among the others). The author is not ours
    to give: a team library's server writes the member's name."""
    nct = normalize_ids([value])[0]
    now = utcnow()
    note = Note(nct_id=nct, body=body, created_at=created_at or now, updated_at=updated_at or now,
                shared=shared, conflict_of=conflict_of)  # fmt: skip
    session.add(note)
    session.flush()
    return note


def note_for(session: Session, note_id: int, nct_id: str) -> Note | None:
    """Note ``note_id`` if it exists and belongs to ``nct_id`` (None otherwise)."""
    note = session.get(Note, note_id)
    return note if note is not None and note.nct_id == nct_id else None


def save_note(session: Session, note_id: int, body: str, *, nct_id: str | None = None) -> Note:
    """Replace a note's text. With ``nct_id``, the note must belong to that trial (never another's)."""
    note = session.get(Note, note_id)
    if note is None or (nct_id is not None and note.nct_id != nct_id):
        raise StoreError(f"note {note_id} does not exist" + (f" for {nct_id}" if nct_id else ""))
    if note.body != body:
        note.body = body
        note.updated_at = utcnow()
        note.version += 1
    return note


def delete_note(session: Session, note_id: int) -> None:
    note = session.get(Note, note_id)
    if note is not None:
        session.delete(note)


def share_note(session: Session, note_id: int, shared: bool) -> Note:
    """Share a note with the team, or make it private again (its author only: the server says so)."""
    note = session.get(Note, note_id)
    if note is None:
        raise StoreError(f"note {note_id} does not exist")
    me = session.scalar(text("SELECT current_user"))
    if note.author != me:
        if note.author is None:
            raise StoreError(f"note {note_id} was written before notes had authors, so it stays shared")
        raise StoreError(f"note {note_id} is {note.author}'s: only its author decides who may read it")
    note.shared = shared
    return note


def notes(session: Session, nct_id: str | None = None, *, query: str | None = None) -> list[Note]:
    """Notes, oldest first; ``query`` keeps those containing it, literally and ignoring case.

    The match is done here, with Unicode case folding: SQLite's ``lower()`` folds only
    ASCII ("ÄRZTE" would not find "ärzte") and ``LIKE`` treats ``%`` and ``_`` as wildcards.
    """
    stmt = select(Note).order_by(Note.nct_id, Note.created_at, Note.id)
    if nct_id is not None:
        stmt = stmt.where(Note.nct_id == nct_id)
    found = list(session.scalars(stmt))
    if query:
        folded = query.casefold()
        found = [n for n in found if folded in n.body.casefold()]
    return found


def note_counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Note.nct_id, func.count()).group_by(Note.nct_id))
    return {nct: count for nct, count in rows}


# --- change review -----------------------------------------------------------


def unreviewed_counts(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Change.trial_id, func.count()).where(Change.reviewed.is_(False)).group_by(Change.trial_id)
    )
    return {trial_id: count for trial_id, count in rows}


def mark_reviewed(session: Session, value: str | None) -> list[int]:
    """Mark one trial's changes (or all, with ``None``) reviewed; return the IDs of those it marked."""
    stmt = select(Change.id, ME).where(Change.reviewed.is_(False))
    if value is not None:
        stmt = stmt.where(Change.trial_id == require_trial(session, value).id)
    marked = list(session.scalars(stmt))
    if marked:  # the person's own reviews: another member's list of new changes stays as it was
        session.execute(insert(ChangeReview).from_select(["change_id", "member"], stmt))
        session.expire_all()
    return marked


def mark_unreviewed(session: Session, change_ids: Sequence[int]) -> list[str]:
    """Mark these changes not reviewed again (an undo); return the NCT IDs of their trials."""
    ids = list(change_ids)
    session.execute(delete(ChangeReview).where(ChangeReview.change_id.in_(ids), ChangeReview.member == ME))
    session.expire_all()
    trial_ids = set(session.scalars(select(Change.trial_id).where(Change.id.in_(ids))))
    found = select(Trial.nct_id).where(Trial.id.in_(trial_ids)).order_by(Trial.nct_id)
    return list(session.scalars(found))
