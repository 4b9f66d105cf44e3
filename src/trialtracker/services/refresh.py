"""Refresh tracked trials from the registry, record what changed, then run the saved searches.

Why it is shaped like this:

* IDs go out in ``filter.ids`` batches (about N/100 requests for N trials).
* ``/version``'s ``dataTimestamp`` lets us skip the work when nothing upstream
  changed since the last complete refresh (``force`` overrides).
* Each batch is stored in its own transaction: an outage in batch 3 keeps
  batches 1-2. Notes, tags and stars are never written here.
* Saved searches (watches) run after a *complete* refresh that did work — the
  same rule for the window and the CLI — never after refreshing a few IDs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trialtracker.domain.errors import RUN_CANCELLED, Cancelled, RegistryError
from trialtracker.domain.fields import STATUS_FIELD, FieldChange
from trialtracker.domain.statuses import status_label
from trialtracker.domain.team import shown_member
from trialtracker.domain.topic_links import Linker
from trialtracker.services.deferred import deferred
from trialtracker.services.library import Library
from trialtracker.services.registry import CancelToken, RetryCallback, registry_client
from trialtracker.services.views import RunView
from trialtracker.store import listing as lstore

if TYPE_CHECKING:
    from trialtracker.ctgov.client import CtGovClient
    from trialtracker.store import refresh_batch as batches
    from trialtracker.store import registry as rstore
else:
    rstore = deferred("trialtracker.store.registry")
    batches = deferred("trialtracker.store.refresh_batch")

CANCELLED = RUN_CANCELLED  # the error of a run the user cancelled
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str


ProgressCallback = Callable[[Progress], None]


@dataclass
class RefreshSummary:
    run_id: int
    requested: int = 0
    updated: int = 0
    changed: int = 0
    not_found: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    skipped: bool = False
    cancelled: bool = False
    error: str | None = None
    data_timestamp: str | None = None
    complete: bool = False  # every tracked trial was asked for (not a few chosen IDs)
    new_candidates: list[str] = field(default_factory=list)
    watch_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and self.error is None

    def line(self) -> str:
        """The one-line summary the CLI prints and the window shows."""
        if self.skipped:
            return (
                f"Nothing to do: the registry has not changed since the last refresh "
                f"(data of {self.data_timestamp}); use --force to refresh anyway."
            )
        text = (
            f"requested {self.requested}, updated {self.updated}, changed {self.changed}, "
            f"not found {len(self.not_found)}, failed {len(self.failed)}"
        )
        if self.cancelled:
            text += " (cancelled)"
        return text


def refresh_library(
    lib: Library,
    ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    deadline: float | None = None,
    on_retry: RetryCallback | None = None,
    wait: bool = False,
) -> RefreshSummary:
    """Refresh ``ids`` (default: every tracked trial) with the library's registry settings, then watches.

    ``deadline`` bounds the whole run in seconds (batches stored before it stay stored). In a team library
    one member refreshes at a time: another's refresh raises :class:`RefreshBusy`, or ``wait``s its turn."""
    with (
        lib.store.refresh_turn(wait=wait),
        registry_client(lib.settings, cancel, deadline=deadline, on_retry=on_retry) as client,
    ):
        return run_refresh(lib, client, ids, force=force, progress=progress)


def run_refresh(
    lib: Library,
    client: CtGovClient,
    ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
    watches: bool = True,
) -> RefreshSummary:
    """Refresh with ``client``. Never raises for registry trouble: the summary says what failed,
    and the refresh-run row records it."""
    with lib.transaction() as s:
        wanted = rstore.select_ids(s, ids)
        run_id = rstore.start_run(s, len(wanted))
        last_timestamp = rstore.last_data_timestamp(s)
    summary = RefreshSummary(run_id=run_id, requested=len(wanted), complete=not ids)
    report = progress or (lambda _p: None)
    pending = list(wanted)
    try:
        report(Progress(0, len(wanted), "Checking the registry version…"))
        version = client.version()
        summary.data_timestamp = version.data_timestamp
        if not force and version.data_timestamp and version.data_timestamp == last_timestamp:
            with lib.transaction() as s:
                pending = rstore.stale_ids(s, wanted)
            summary.skipped = not pending
        summary.requested = len(pending)
        done = 0
        for chunk in client.iter_study_chunks(pending):
            prepared = batches.prepare(chunk.studies)
            _store_chunk(lib, summary, chunk.requested, prepared, _links_worked_out(lib, prepared))
            log.info("refresh: batch %d of %d stored (%d trials)", chunk.index + 1, chunk.chunk_count,
                     len(chunk.requested))  # fmt: skip
            done += len(chunk.requested)
            pending = pending[len(chunk.requested) :]
            report(Progress(done, summary.requested, f"Refreshed {done} of {summary.requested} trials"))
    except Cancelled:
        summary.cancelled = True
        summary.error = CANCELLED
    except RegistryError as exc:
        log.info("refresh: stopped with %d trials left: %s", len(pending), type(exc).__name__)
        summary.error = str(exc)
        summary.failed = list(pending)
    with lib.transaction() as s:
        rstore.finish_run(
            s, run_id, requested=summary.requested, updated=summary.updated, changed=summary.changed,
            not_found=len(summary.not_found), failed=summary.failed, error=summary.error,
            skipped=summary.skipped, data_timestamp=summary.data_timestamp,
            complete=summary.complete and summary.ok and not summary.cancelled,
        )  # fmt: skip
    if watches and summary.complete and summary.ok and not summary.cancelled and not summary.skipped:
        from trialtracker.services.discovery import run_watches

        report(Progress(summary.requested, summary.requested, "Checking saved searches…"))
        try:
            outcome = run_watches(lib, client)
        except Cancelled:  # the refresh itself is stored and complete; only the watches stopped
            summary.cancelled = True
        else:
            summary.new_candidates, summary.watch_errors = outcome.new, outcome.errors
    return summary


def _links_worked_out(lib: Library, studies: Mapping[str, batches.Prepared]) -> Linker:
    """The topic rules run for the batch's new and changed records before its write transaction
    (a read, then CPU work without the write lock); returns the linker that remembers them."""
    linker = batches.remembered(lib.linker)
    with lib.transaction() as s:
        facts = batches.facts_to_link(s, studies)
    for one in facts:
        linker(one)
    return linker


def _store_chunk(
    lib: Library,
    summary: RefreshSummary,
    requested: Sequence[str],
    studies: Mapping[str, batches.Prepared],
    linker: Linker,
) -> None:
    """One batch, one transaction (a crash keeps the batches stored before it)."""
    with lib.transaction() as s:
        outcome = batches.store_batch(s, requested, studies, summary.run_id, linker)
    summary.updated += outcome.updated
    summary.changed += outcome.changed
    summary.not_found += outcome.not_found
    summary.changes += outcome.changes


def last_run(lib: Library) -> RunView | None:
    """Read over the plain driver: the window shows it before its first paint."""
    with lib.store.reading() as conn:
        run = lstore.last_finished_run(conn)
    if run is None:
        return None
    finished, updated, changed, error, by, name = run
    return RunView(finished, updated, changed, error, shown_member(by, name))


def last_successful_refresh(lib: Library) -> dt.datetime | None:
    with lib.transaction() as s:
        return rstore.last_successful_refresh(s)


#: How long the first-start check waits for the registry before it gives up quietly.
FIRST_START_CHECK_S = 15.0


def offer_first_fetch(lib: Library, cancel: CancelToken | None = None) -> bool:
    """True when this library was never refreshed and the registry answers now: the catalog ships no
    statuses, so a first start should offer to fetch them. One small request (the registry's version),
    only when nothing was ever fetched; any trouble means "not now", never an error."""
    if last_run(lib) is not None:
        return False
    try:
        with registry_client(lib.settings, cancel, deadline=FIRST_START_CHECK_S) as client:
            client.version()
    except (RegistryError, Cancelled):
        return False
    return True


def refresh_due_while_open(lib: Library, now: dt.datetime | None = None) -> bool:
    """Whether "refresh every N hours while open" asks for a refresh now."""
    hours = lib.settings.preferences.refresh_every_hours
    if hours <= 0:
        return False
    last = last_successful_refresh(lib)
    return last is None or (now or dt.datetime.now(dt.UTC)) - last > dt.timedelta(hours=hours)


def worth_telling(summary: RefreshSummary) -> list[FieldChange]:
    """The changes a person following trials wants to hear about at once: a new status, results posted."""
    return [
        c for c in summary.changes if c.field == STATUS_FIELD or (c.field == "has_results" and c.new == "yes")
    ]


def news_lines(summary: RefreshSummary, limit: int = 4) -> list[str]:
    """The news of a refresh in short lines (``NCT…: now Completed``), for a notification: only NCT IDs
    and status words, never registry text."""
    found = worth_telling(summary)
    lines = [
        f"{c.nct_id}: now {status_label(c.new)}" if c.field == STATUS_FIELD else f"{c.nct_id}: results posted"
        for c in found[:limit]
    ]
    if len(found) > limit:
        lines.append(f"… and {len(found) - limit} more")
    return lines


def refresh_due_on_start(lib: Library, now: dt.datetime | None = None) -> bool:
    """Whether the refresh-on-start policy asks for a refresh now."""
    if not lib.settings.refresh_on_start:
        return False
    last = last_successful_refresh(lib)
    limit = dt.timedelta(hours=lib.settings.refresh_on_start_hours)
    return last is None or (now or dt.datetime.now(dt.UTC)) - last > limit
