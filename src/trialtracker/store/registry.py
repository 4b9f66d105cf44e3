"""Writing what the registry sent: records onto trials, history rows, and refresh runs.

Each batch of a refresh is one transaction opened by the caller. The first
fetch of a trial is one ``first_fetch`` row, not a list of "changes" from
nothing. Notes, tags and stars are never written here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker.domain.eligibility import eligibility_summary
from trialtracker.domain.errors import RUN_CANCELLED
from trialtracker.domain.fields import (
    FIRST_FETCH,
    STORED_WATCHED_FIELDS,
    FieldChange,
    differences,
    history_text,
)
from trialtracker.domain.records import PartialDate, StudyRecord
from trialtracker.domain.statuses import site_recruiting
from trialtracker.domain.topic_links import Linker
from trialtracker.store.links import relink
from trialtracker.store.models import Change, RefreshRun, Setting, Trial, utcnow
from trialtracker.store.trials import LIST_COLUMNS, normalize_ids, require_trial

LAST_DATA_TIMESTAMP = "last_data_timestamp"
NOT_FOUND_MESSAGE = "not found in the registry"
CANCELLED = RUN_CANCELLED


def watched_values(trial: Trial) -> dict[str, str | None]:
    """The watched fields of a stored trial, as the strings history rows hold."""
    return watched_of(lambda name: getattr(trial, name))


def watched_of(get: Callable[[str], Any]) -> dict[str, str | None]:
    """The same from a column getter, so a batch can compare plain rows (no ORM objects)."""
    stored = bool(get("raw_hash"))
    locations = get("locations") or []
    values: dict[str, object] = {name: get(name) for name in STORED_WATCHED_FIELDS}
    values["site_count"] = len(locations) if stored else None
    values["recruiting_sites"] = (
        sum(1 for loc in locations if isinstance(loc, dict) and site_recruiting(loc.get("status")))
        if stored
        else None
    )
    values["recruiting_places"] = (
        "; ".join(sorted({
            ", ".join(str(x) for x in (loc.get("city"), loc.get("country")) if x) or "a site"
            for loc in locations if isinstance(loc, dict) and site_recruiting(loc.get("status"))
        }))
        if stored
        else None
    )  # fmt: skip
    rules = get("eligibility")
    if isinstance(rules, dict):  # None: not fetched since schema 0004
        values["eligibility"] = eligibility_summary(
            rules.get("minimum_age"),
            rules.get("maximum_age"),
            rules.get("sex"),
            rules.get("healthy_volunteers"),
        )
        values["eligibility_criteria"] = rules.get("criteria")
    else:
        values["eligibility"] = values["eligibility_criteria"] = None
    return {k: history_text(v) for k, v in values.items()}


def raw_text(record: StudyRecord) -> tuple[str, str]:
    """The record's raw JSON text and its hash: serialised once, as it is the costly part."""
    text = json.dumps(record.raw, sort_keys=True)
    return text, hashlib.sha256(text.encode()).hexdigest()


#: zlib level for records a refresh stores: level 1 packs a 45 KB record about 9-fold in a fifth of a
#: millisecond; level 6 (the migration's) gains little more for twice the time.
PACK_LEVEL = 1


def pack_raw(text: str) -> bytes:
    """The stored form of a record's JSON text (schema 0003): zlib, a tenth of the size."""
    return zlib.compress(text.encode("utf-8"), PACK_LEVEL)


def unpack_raw(packed: bytes | None) -> str | None:
    return None if packed is None else zlib.decompress(packed).decode("utf-8")


def raw_hash(record: StudyRecord) -> str:
    return raw_text(record)[1]


#: Registry text fields copied as they come; these three keep the catalog's value when the registry has none.
_COPIED = (
    "brief_title", "official_title", "acronym", "overall_status", "last_known_status", "why_stopped",
    "status_verified_date", "study_type", "enrollment_count", "enrollment_type", "first_posted",
    "last_update_posted", "has_results", "lead_sponsor", "lead_sponsor_class", "brief_summary",
)  # fmt: skip
_KEEP_CATALOG_VALUE = ("brief_title", "acronym", "lead_sponsor")


_DATES = ("start_date", "primary_completion_date", "completion_date")
#: The trial page's parts (schema 0004), as JSON: see :func:`detail_values`.
DETAIL_COLUMNS = (
    "detailed_description", "eligibility", "design_info", "arm_groups", "outcomes", "central_contacts",
    "officials", "publications",
)  # fmt: skip
#: Every column a registry record writes (besides raw_record/raw_hash), for statements of one shape.
RECORD_COLUMNS: tuple[str, ...] = (
    *LIST_COLUMNS, *_COPIED, *_DATES, *(name + "_type" for name in _DATES), *DETAIL_COLUMNS
)  # fmt: skip


def _plain(value: Any) -> Any:
    """A frozen record part as JSON-ready data (tuples become lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def detail_values(record: StudyRecord) -> dict[str, Any]:
    """The trial page's parts of ``record`` as stored: lists are [] when the registry lists none."""
    return {
        "detailed_description": record.detailed_description,
        "eligibility": _plain(record.eligibility),
        "design_info": _plain(record.design),
        "arm_groups": _plain(record.arms),
        "outcomes": _plain(record.outcomes),
        "central_contacts": _plain(record.central_contacts),
        "officials": _plain(record.officials),
        "publications": _plain(record.references),
    }


def record_values(record: StudyRecord) -> dict[str, Any]:
    """The registry columns ``record`` sets; a kept catalog field it has no value for is left out."""
    values: dict[str, Any] = {name: getattr(record, name) for name in _COPIED}
    for name in _KEEP_CATALOG_VALUE:
        if values[name] is None:
            del values[name]
    values["aliases"] = list(record.aliases)
    values["phases"] = list(record.phases)
    values["conditions"] = list(record.conditions)
    values["keywords"] = list(record.keywords)
    values["interventions"] = [
        {"name": i.name, "type": i.type, "description": i.description, "other_names": list(i.other_names)}
        for i in record.interventions
    ]
    values["locations"] = _plain(record.locations)
    values.update(detail_values(record))
    for name in _DATES:
        date: PartialDate | None = getattr(record, name)
        values[name] = date.value if date else None
        values[name + "_type"] = date.type if date else None
    return values


def apply_record(trial: Trial, record: StudyRecord, raw: tuple[str, str] | None = None) -> None:
    """Copy a parsed registry record onto the stored trial (registry fields only).

    ``raw`` is :func:`raw_text` of the record when the caller has it already."""
    for name, value in record_values(record).items():
        setattr(trial, name, value)
    text, trial.raw_hash = raw or raw_text(record)
    trial.raw_record = pack_raw(text)


def _history_row(trial: Trial, field: str, old: str | None, new: str | None, run_id: int,
                 when: dt.datetime, *, reviewed: bool = False) -> Change:  # fmt: skip
    return Change(trial_id=trial.id, field=field, old=old, new=new, detected_at=when,
                  registry_update=trial.last_update_posted, settled=reviewed, run_id=run_id)  # fmt: skip


def store_record(
    session: Session, trial: Trial, record: StudyRecord, run_id: int, linker: Linker
) -> list[FieldChange]:
    """Apply ``record`` to ``trial`` and write history rows; return the changes recorded."""
    now = utcnow()
    first = trial.raw_hash is None
    raw = raw_text(record)
    unchanged = trial.raw_hash == raw[1]
    before = watched_values(trial)
    if not unchanged:
        apply_record(trial, record, raw)
    trial.last_refreshed = now
    trial.last_error = None
    trial.not_found = False
    if first:
        session.add(_history_row(trial, FIRST_FETCH, None, trial.overall_status, run_id, now, reviewed=True))
        relink(session, trial, linker)
        return []
    if unchanged:
        return []
    after = watched_values(trial)
    changes = [FieldChange(trial.nct_id, k, before[k], after[k]) for k in differences(before, after)]
    for c in changes:
        session.add(_history_row(trial, c.field, c.old, c.new, run_id, now))
    relink(session, trial, linker)
    return changes


def mark_not_found(trial: Trial) -> None:
    trial.not_found = True
    trial.last_error = NOT_FOUND_MESSAGE
    trial.last_refreshed = utcnow()


def select_ids(session: Session, ids: Sequence[str] | None) -> list[str]:
    """The given IDs (each must be tracked), or every tracked trial."""
    if ids:
        return [require_trial(session, nct).nct_id for nct in normalize_ids(ids)]
    return list(session.scalars(select(Trial.nct_id).order_by(Trial.nct_id)))


def stale_ids(session: Session, ids: Sequence[str]) -> list[str]:
    """Trials a complete refresh did not cover yet (never fetched, or last attempt failed)."""
    stale = session.scalars(
        select(Trial.nct_id).where(
            Trial.nct_id.in_(list(ids)), (Trial.last_refreshed.is_(None)) | (Trial.last_error.is_not(None))
        )
    )
    return sorted(set(stale))


def last_data_timestamp(session: Session) -> str | None:
    row = session.get(Setting, LAST_DATA_TIMESTAMP)
    return row.value if row else None


def start_run(session: Session, requested: int) -> int:
    run = RefreshRun(requested=requested)
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    requested: int,
    updated: int,
    changed: int,
    not_found: int,
    failed: Sequence[str],
    error: str | None,
    skipped: bool,
    data_timestamp: str | None,
    complete: bool,
) -> None:
    """Close the run row, mark failed trials, and remember the data timestamp of a complete run."""
    run = session.get(RefreshRun, run_id)
    assert run is not None
    run.finished_at = utcnow()
    run.requested, run.updated, run.changed, run.not_found = requested, updated, changed, not_found
    run.failed = len(failed)
    run.error = error
    run.skipped = skipped
    run.data_timestamp = data_timestamp
    message = f"refresh failed: {error}"
    for trial in session.scalars(select(Trial).where(Trial.nct_id.in_(list(failed)))):
        trial.last_error = message
    if complete and data_timestamp:
        session.merge(Setting(key=LAST_DATA_TIMESTAMP, value=data_timestamp))


def last_successful_refresh(session: Session) -> dt.datetime | None:
    return session.scalar(
        select(RefreshRun.finished_at)
        .where(RefreshRun.finished_at.is_not(None), RefreshRun.error.is_(None))
        .order_by(RefreshRun.id.desc())
        .limit(1)
    )
