"""Refresh tracked trials from the registry and record what changed.

Why it is shaped like this:

* IDs go out in ``filter.ids`` batches (about N/100 requests for N trials).
* ``/version``'s ``dataTimestamp`` lets us skip the work when nothing upstream
  changed since the last complete refresh (``force`` overrides).
* Each batch is stored in its own transaction: an outage in batch 3 keeps
  batches 1-2. Notes, tags and stars are never written here.
* The first fetch of a trial is recorded as one ``first_fetch`` row, not as a
  list of "changes" from nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from trialtracker.ctgov.client import ApiError, Cancelled, CtGovClient
from trialtracker.domain.records import PartialDate, StudyRecord
from trialtracker.store.db import Store
from trialtracker.store.models import Change, RefreshRun, Setting, Trial, utcnow
from trialtracker.store.trials import normalize_ids, require_trial
from trialtracker.topics.linking import relink

LAST_DATA_TIMESTAMP = "last_data_timestamp"
FIRST_FETCH = "first_fetch"
NOT_FOUND_MESSAGE = "not found in the registry"

#: Fields compared between fetches; each difference becomes one history row.
WATCHED_FIELDS = (
    "overall_status",
    "why_stopped",
    "phases",
    "enrollment_count",
    "enrollment_type",
    "start_date",
    "start_date_type",
    "primary_completion_date",
    "primary_completion_date_type",
    "completion_date",
    "completion_date_type",
    "has_results",
    "last_update_posted",
    "site_count",
    "recruiting_sites",
)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str


@dataclass(frozen=True)
class FieldChange:
    nct_id: str
    field: str
    old: str | None
    new: str | None


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


ProgressCallback = Callable[[Progress], None]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value)


def watched_values(trial: Trial) -> dict[str, str | None]:
    """The watched fields of a stored trial, as the strings history rows hold."""
    locations = trial.locations or []
    values: dict[str, object] = {name: getattr(trial, name) for name in WATCHED_FIELDS[:-2]}
    values["site_count"] = len(locations) if trial.raw_hash else None
    values["recruiting_sites"] = (
        sum(1 for loc in locations if isinstance(loc, dict) and loc.get("status") == "RECRUITING")
        if trial.raw_hash
        else None
    )
    return {k: _text(v) for k, v in values.items()}


def _set_date(trial: Trial, name: str, value: PartialDate | None) -> None:
    setattr(trial, name, value.value if value else None)
    setattr(trial, name + "_type", value.type if value else None)


def raw_hash(record: StudyRecord) -> str:
    return hashlib.sha256(json.dumps(record.raw, sort_keys=True).encode()).hexdigest()


def apply_record(trial: Trial, record: StudyRecord) -> None:
    """Copy a parsed registry record onto the stored trial (registry fields only)."""
    trial.aliases = list(record.aliases)
    for name in (
        "brief_title", "official_title", "acronym", "overall_status", "last_known_status", "why_stopped",
        "status_verified_date", "study_type", "enrollment_count", "enrollment_type", "first_posted",
        "last_update_posted", "has_results", "lead_sponsor", "brief_summary",
    ):  # fmt: skip
        value = getattr(record, name)
        if value is not None or name not in ("brief_title", "acronym", "lead_sponsor"):
            setattr(trial, name, value)
    trial.phases = list(record.phases)
    trial.conditions = list(record.conditions)
    trial.keywords = list(record.keywords)
    trial.interventions = [
        {"name": i.name, "type": i.type, "description": i.description, "other_names": list(i.other_names)}
        for i in record.interventions
    ]
    trial.locations = [
        {"facility": loc.facility, "city": loc.city, "state": loc.state, "country": loc.country,
         "status": loc.status}
        for loc in record.locations
    ]  # fmt: skip
    _set_date(trial, "start_date", record.start_date)
    _set_date(trial, "primary_completion_date", record.primary_completion_date)
    _set_date(trial, "completion_date", record.completion_date)
    trial.raw_json = json.dumps(record.raw, sort_keys=True)
    trial.raw_hash = raw_hash(record)


def store_record(session: Session, trial: Trial, record: StudyRecord, run_id: int) -> list[FieldChange]:
    """Apply ``record`` to ``trial`` and write history rows; return the changes recorded."""
    now = utcnow()
    first = trial.raw_hash is None
    unchanged = trial.raw_hash == raw_hash(record)
    before = watched_values(trial)
    if not unchanged:
        apply_record(trial, record)
    trial.last_refreshed = now
    trial.last_error = None
    trial.not_found = False
    if first:
        session.add(
            Change(trial_id=trial.id, field=FIRST_FETCH, old=None, new=trial.overall_status, detected_at=now,
                   registry_update=trial.last_update_posted, reviewed=True, run_id=run_id)
        )  # fmt: skip
        relink(session, trial)
        return []
    if unchanged:
        return []
    after = watched_values(trial)
    changes = [
        FieldChange(trial.nct_id, k, before[k], after[k]) for k in WATCHED_FIELDS if before[k] != after[k]
    ]
    for c in changes:
        session.add(
            Change(trial_id=trial.id, field=c.field, old=c.old, new=c.new, detected_at=now,
                   registry_update=trial.last_update_posted, run_id=run_id)
        )  # fmt: skip
    relink(session, trial)
    return changes


def _setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def _select_ids(session: Session, ids: Sequence[str] | None) -> list[str]:
    if ids:
        return [require_trial(session, nct).nct_id for nct in normalize_ids(ids)]
    return list(session.scalars(select(Trial.nct_id).order_by(Trial.nct_id)))


def _stale_ids(session: Session, ids: list[str]) -> list[str]:
    """Trials a complete refresh did not cover yet (never fetched, or last attempt failed)."""
    stale = session.scalars(
        select(Trial.nct_id).where(
            Trial.nct_id.in_(ids), (Trial.last_refreshed.is_(None)) | (Trial.last_error.is_not(None))
        )
    )
    return sorted(set(stale))


def refresh(
    store: Store,
    client: CtGovClient,
    ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> RefreshSummary:
    """Refresh ``ids`` (default: every tracked trial). Never raises for registry trouble:
    the summary says what failed, and the refresh-run row records it."""
    with store.session() as s:
        wanted = _select_ids(s, ids)
        run = RefreshRun(requested=len(wanted))
        s.add(run)
        s.flush()
        run_id = run.id
        last_timestamp = _setting(s, LAST_DATA_TIMESTAMP)
    summary = RefreshSummary(run_id=run_id, requested=len(wanted))
    report = progress or (lambda _p: None)
    pending = list(wanted)
    try:
        report(Progress(0, len(wanted), "Checking the registry version…"))
        version = client.version()
        summary.data_timestamp = version.data_timestamp
        if not force and version.data_timestamp and version.data_timestamp == last_timestamp:
            with store.session() as s:
                pending = _stale_ids(s, wanted)
            if not pending:
                summary.skipped = True
        summary.requested = len(pending)
        done = 0
        for chunk in client.iter_study_chunks(pending):
            with store.session() as s:
                batch = {
                    t.nct_id: t
                    for t in s.scalars(
                        select(Trial)
                        .where(Trial.nct_id.in_(chunk.requested))
                        .options(selectinload(Trial.topic_links))
                    )
                }
                for nct in chunk.requested:
                    trial = batch.get(nct)
                    if trial is None:  # removed meanwhile (e.g. from the CLI)
                        continue
                    record = chunk.studies.get(nct)
                    if record is None:
                        trial.not_found = True
                        trial.last_error = NOT_FOUND_MESSAGE
                        trial.last_refreshed = utcnow()
                        summary.not_found.append(nct)
                        continue
                    changes = store_record(s, trial, record, run_id)
                    summary.updated += 1
                    if changes:
                        summary.changed += 1
                        summary.changes.extend(changes)
            done += len(chunk.requested)
            pending = pending[len(chunk.requested) :]
            report(Progress(done, summary.requested, f"Refreshed {done} of {summary.requested} trials"))
    except Cancelled:
        summary.cancelled = True
        summary.error = "cancelled"
    except ApiError as exc:
        summary.error = str(exc)
        summary.failed = list(pending)
    _finish(store, summary, pending if summary.failed else [])
    return summary


def _finish(store: Store, summary: RefreshSummary, failed: list[str]) -> None:
    with store.session() as s:
        run = s.get(RefreshRun, summary.run_id)
        assert run is not None
        run.finished_at = utcnow()
        run.requested = summary.requested
        run.updated = summary.updated
        run.changed = summary.changed
        run.not_found = len(summary.not_found)
        run.failed = len(summary.failed)
        run.error = summary.error
        run.skipped = summary.skipped
        run.data_timestamp = summary.data_timestamp
        message = f"refresh failed: {summary.error}"
        for trial in s.scalars(select(Trial).where(Trial.nct_id.in_(failed))):
            trial.last_error = message
        if summary.ok and not summary.cancelled and summary.data_timestamp:
            s.merge(Setting(key=LAST_DATA_TIMESTAMP, value=summary.data_timestamp))


def last_run(store: Store) -> RefreshRun | None:
    with store.session() as s:
        return s.scalar(
            select(RefreshRun)
            .where(RefreshRun.finished_at.is_not(None))
            .order_by(RefreshRun.id.desc())
            .limit(1)
        )


def last_successful_refresh(store: Store) -> dt.datetime | None:
    with store.session() as s:
        return s.scalar(
            select(RefreshRun.finished_at)
            .where(RefreshRun.finished_at.is_not(None), RefreshRun.error.is_(None))
            .order_by(RefreshRun.id.desc())
            .limit(1)
        )
