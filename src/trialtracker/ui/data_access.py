"""Every read, write and registry call of the window and the Discover dialog, in one place.

Why: widgets must not know about sessions, ORM objects or the registry client.
The methods of :class:`DataAccess` take and return plain values (rows, IDs,
summaries); they are what a services layer replaces, one for one. Each opens its
own transaction and may block, so the window calls them from tasks
(:mod:`trialtracker.ui.tasks`): writes on the database lane, registry work on
the network lane. The start-up read (:meth:`DataAccess.load_library`) and the
small reads and writes of one trial's details, notes and topics (a row or two,
on a user's click) run on the UI thread.

Store trouble comes out as :class:`DataAccessError`, carrying the store's words.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trialtracker import discovery
from trialtracker import refresh as refreshing
from trialtracker.ctgov.client import CtGovClient
from trialtracker.store import trials as ops
from trialtracker.store.db import Store, StoreError
from trialtracker.store.models import Candidate, TopicLink, Trial
from trialtracker.topics.linking import link_manually, unlink_manually
from trialtracker.ui.tasks import TaskContext
from trialtracker.ui.trial_rows import TrialRow, load_rows

P = ParamSpec("P")
R = TypeVar("R")

ClientFactory = Callable[[], CtGovClient]


class DataAccessError(Exception):
    """The database refused or failed (the message is the store's own)."""


class RegistryUnavailable(Exception):
    """No registry client could be made (a bad API address in the preferences, for instance)."""


def _store_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn the store's exceptions into :class:`DataAccessError` (same message)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (StoreError, SQLAlchemyError, OSError) as exc:
            raise DataAccessError(str(exc)) from exc

    return wrapper


@dataclass(frozen=True)
class Library:
    """Every row of the table and every tag name: a full read."""

    rows: list[TrialRow]
    tags: list[str]


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


@dataclass(frozen=True)
class LastRefresh:
    finished_at: dt.datetime | None
    error: str | None
    updated: int
    changed: int


@dataclass(frozen=True)
class NoteView:
    id: int
    nct_id: str
    body: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class RefreshOutcome:
    """A finished refresh: its summary, new watch candidates, and every row read again."""

    summary: refreshing.RefreshSummary
    new_candidates: list[str] = field(default_factory=list)
    library: Library | None = None  # None if the rows could not be read again


class DataAccess:
    """The window's data: reads and writes over one :class:`Store`, and registry work.

    Threading rules: every method may be called from any thread, each in its own
    transaction; the registry methods honour the task's cancel token.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- reads -----------------------------------------------------------------------------

    @_store_errors
    def load_library(self) -> Library:
        with self._store.session() as s:
            return Library(load_rows(s), ops.all_tag_names(s))

    @_store_errors
    def load_rows(self, ids: Collection[str]) -> RowsUpdate:
        with self._store.session() as s:
            return self._reread(s, ids)

    @_store_errors
    def last_refresh(self) -> LastRefresh | None:
        run = refreshing.last_run(self._store)
        if run is None:
            return None
        return LastRefresh(run.finished_at, run.error, run.updated, run.changed)

    @_store_errors
    def last_successful_refresh(self) -> dt.datetime | None:
        return refreshing.last_successful_refresh(self._store)

    # -- writes (each one transaction, then the touched rows read again) --------------------

    @_store_errors
    def set_starred(self, ids: Sequence[str], starred: bool) -> RowsUpdate:
        with self._store.session() as s:
            for nct in ids:
                ops.set_starred(s, nct, starred)
            return self._reread(s, ids)

    @_store_errors
    def set_tags(self, ids: Sequence[str], add: Sequence[str], remove: Sequence[str] = ()) -> RowsUpdate:
        with self._store.session() as s:
            for nct in ids:
                if add:
                    ops.add_tags(s, nct, add)
                if remove:
                    ops.remove_tags(s, nct, remove)
            return self._reread(s, ids)

    @_store_errors
    def mark_reviewed(self, ids: Sequence[str] | None, *, reread: Collection[str] = ()) -> RowsUpdate:
        """Mark the changes of ``ids`` (None: of every trial) reviewed; re-read ``ids`` or ``reread``."""
        with self._store.session() as s:
            if ids is None:
                count = ops.mark_reviewed(s, None)
            else:
                count = sum(ops.mark_reviewed(s, nct) for nct in ids)
            return self._reread(s, reread or ids or (), count=count)

    @_store_errors
    def remove_trials(self, ids: Sequence[str]) -> RowsUpdate:
        with self._store.session() as s:
            removed = ops.remove_trials(s, ids)
            return self._reread(s, ids, done=removed)

    @_store_errors
    def add_trials(self, ids: Sequence[str]) -> RowsUpdate:
        with self._store.session() as s:
            result = ops.add_trials(s, ids)
            touched = [*result.added, *result.already]
            return self._reread(s, touched, done=result.added, already=result.already)

    @_store_errors
    def track_candidates(self, ids: Sequence[str]) -> RowsUpdate:
        with self._store.session() as s:
            added = discovery.track_candidates(s, ids)
            return self._reread(s, ids, done=added)

    @_store_errors
    def dismiss_candidates(self, ids: Sequence[str]) -> RowsUpdate:
        with self._store.session() as s:
            count = discovery.dismiss_candidates(s, ids)
            return self._reread(s, ids, count=count)

    @_store_errors
    def add_watch(self, name: str, cond: str | None, intr: str | None, statuses: Sequence[str]) -> str:
        """Save a search as a watch; returns its (cleaned) name."""
        with self._store.session() as s:
            return discovery.add_watch(s, name, cond, intr, list(statuses)).name

    def _reread(
        self,
        session: Session,
        ids: Collection[str],
        *,
        done: Sequence[str] = (),
        already: Sequence[str] = (),
        count: int = 0,
    ) -> RowsUpdate:
        wanted = tuple(dict.fromkeys(ids))
        rows = load_rows(session, ids=wanted)
        return RowsUpdate(wanted, rows, ops.all_tag_names(session), tuple(done), tuple(already), count)

    # -- one trial's details, notes and topics (UI thread: a row or two per click) -------------

    @_store_errors
    def trial_details(self, nct_id: str) -> dict[str, Any] | None:
        """Everything the detail pane shows of a tracked trial or a candidate; None if neither."""
        with self._store.session() as s:
            trial = ops.get_trial(s, nct_id)
            if trial is not None:
                data = ops.trial_details(trial, ops.notes(s, nct_id))
                data["candidate"] = False
                data["changes"] = [{**ops.change_row(c), "id": c.id} for c in trial.changes]
                data["removed_topics"] = [link.topic_key for link in trial.topic_links if link.removed]
                return data
            candidate = s.scalar(select(Candidate).where(Candidate.nct_id == nct_id).limit(1))
            if candidate is None:
                return None
            return {
                "nct_id": candidate.nct_id,
                "title": candidate.title or candidate.nct_id,
                "overall_status": candidate.overall_status,
                "candidate": True,
                "watch": candidate.watch.name,
                "first_seen": candidate.first_seen.isoformat(),
            }

    @_store_errors
    def change_topic_link(self, nct_id: str, key: str, *, link: bool) -> None:
        """Link topic ``key`` to the trial as the user's choice, or remove it (for good: rules obey)."""
        with self._store.session() as s:
            trial = ops.require_trial(s, nct_id)
            (link_manually if link else unlink_manually)(s, trial, key)

    @_store_errors
    def linked_trials(self, topic_key: str) -> list[tuple[str, str, str | None]]:
        """(NCT ID, title, reason) of the tracked trials linked to a topic."""
        with self._store.session() as s:
            query = (
                select(Trial, TopicLink.reason)
                .join(TopicLink, TopicLink.trial_id == Trial.id)
                .where(TopicLink.topic_key == topic_key, TopicLink.removed.is_(False))
                .order_by(Trial.nct_id)
            )
            return [(t.nct_id, t.title, reason) for t, reason in s.execute(query)]

    @_store_errors
    def notes(self, nct_id: str | None = None, *, query: str | None = None) -> list[NoteView]:
        """The notes of one trial (oldest first), or of every trial matching ``query``."""
        with self._store.session() as s:
            return [NoteView(n.id, n.nct_id, n.body, n.updated_at) for n in ops.notes(s, nct_id, query=query)]

    @_store_errors
    def save_note(self, nct_id: str, note_id: int | None, body: str) -> NoteView:
        """Save note ``note_id`` (None: a new note on ``nct_id``)."""
        with self._store.session() as s:
            note = ops.add_note(s, nct_id, body) if note_id is None else ops.save_note(s, note_id, body)
            return NoteView(note.id, note.nct_id, note.body, note.updated_at)

    @_store_errors
    def delete_note(self, note_id: int) -> None:
        with self._store.session() as s:
            ops.delete_note(s, note_id)

    # -- registry (network lane) --------------------------------------------------------------

    def refresh(
        self,
        ctx: TaskContext,
        client_factory: ClientFactory,
        ids: Sequence[str] | None = None,
        *,
        force: bool = False,
        run_watches: bool = True,
    ) -> RefreshOutcome:
        """Refresh ``ids`` (default: all), then the saved watches after a good refresh; re-read all rows."""
        with _registry_client(ctx, client_factory) as client:
            summary = refreshing.refresh(
                self._store,
                client,
                ids,
                force=force,
                progress=lambda p: ctx.progress(p.done, p.total, p.message),
            )
            new: list[str] = []
            if run_watches and summary.ok and not summary.cancelled and not summary.skipped:
                ctx.progress(summary.requested, summary.requested, "Checking saved searches…")
                new = discovery.run_watches(self._store, client).new
        try:
            library: Library | None = self.load_library()
        except DataAccessError:
            library = None
        return RefreshOutcome(summary, new, library)

    def discover(
        self,
        ctx: TaskContext,
        client_factory: ClientFactory,
        cond: str | None,
        intr: str | None,
        statuses: Sequence[str],
        max_results: int = discovery.DEFAULT_MAX_RESULTS,
    ) -> discovery.Discovery:
        """Search the registry (raises ``Cancelled`` / ``ApiError`` for the registry's trouble)."""
        with _registry_client(ctx, client_factory) as client:
            statuses = list(statuses)
            return discovery.discover(self._store, client, cond, intr, statuses, max_results=max_results)


@contextmanager
def _registry_client(ctx: TaskContext, client_factory: ClientFactory) -> Iterator[CtGovClient]:
    """A client for one task, cancelled with it (at once if the task was cancelled already), then closed."""
    try:
        client = client_factory()
    except Exception as exc:  # a bad API URL in the settings, for instance
        raise RegistryUnavailable(str(exc)) from exc
    forget = ctx.on_cancel(client.cancel)
    try:
        yield client
    finally:
        forget()
        client.close()
