"""Storing one refresh batch in a fixed number of statements, whatever its size.

Why: per-object ORM flushes made a 10,000-trial refresh spend three quarters of its time
in the database. Most records come back unchanged (same raw hash): those only get their
refresh stamp, in one UPDATE for the batch, and their rows are never read whole. Only new
or changed records are read and written, with executemany statements. The rules (history
rows, watched-field changes, topic links) are those of
:func:`~trialtracker.store.registry.store_record`, which ``tests/test_refresh_speed.py``
compares this against. The caller opens the batch's one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from trialtracker.domain.fields import FIRST_FETCH, FieldChange, differences
from trialtracker.domain.records import StudyRecord
from trialtracker.domain.topic_links import Linker, RuleLink, TrialFacts
from trialtracker.store.links import facts_of_row, relink_many
from trialtracker.store.models import Change, Trial, utcnow
from trialtracker.store.registry import (
    NOT_FOUND_MESSAGE,
    RECORD_COLUMNS,
    pack_raw,
    raw_text,
    record_values,
    watched_of,
)

#: What a stored record writes onto its trial row (one shape, so one executemany).
_WRITTEN = (*RECORD_COLUMNS, "raw_record", "raw_hash", "last_refreshed", "last_error", "not_found")
#: Core statements (executemany, no per-row ORM bookkeeping); the column types still convert the values.
_TRIAL, _CHANGE = (Trial.metadata.tables[m.__tablename__] for m in (Trial, Change))
_UPDATE_TRIAL = update(_TRIAL).where(_TRIAL.c.id == bindparam("trial_id"))
#: What is read of a changed trial: everything but the large raw record.
_READ = tuple(c for c in _TRIAL.c if c.key != "raw_record")


@dataclass(frozen=True)
class Prepared:
    """A registry record with its raw JSON and hash, made before the batch's transaction (no database)."""

    record: StudyRecord
    raw_json: str
    raw_hash: str

    @cached_property
    def packed(self) -> bytes:
        """The stored (compressed) form; made for new and changed records only, before the write
        (:func:`facts_to_link`), or here on demand."""
        return pack_raw(self.raw_json)


def prepare(studies: Mapping[str, StudyRecord]) -> dict[str, Prepared]:
    """Serialise and hash each record once, outside the transaction: pure work needs no write lock."""
    return {nct: Prepared(record, *raw_text(record)) for nct, record in studies.items()}


def facts_to_link(session: Session, studies: Mapping[str, Prepared]) -> list[TrialFacts]:
    """What the topic rules will see for each new or changed record of the batch, read before its write
    transaction: the rules (pure CPU work) can then run without holding the write lock. The write step
    computes the facts again and uses a result only when the facts are the same (see ``remembered``).
    The same records are compressed here, also outside the write transaction."""
    query = select(*_READ).where(Trial.nct_id.in_(list(studies)))
    facts: list[TrialFacts] = []
    for row in session.execute(query):
        study = studies[row.nct_id]
        if study.raw_hash != row.raw_hash:
            facts.append(facts_of_row({**row._asdict(), **record_values(study.record)}))
            _ = study.packed
    return facts


def remembered(linker: Linker) -> Linker:
    """``linker`` that keeps its answers by facts (the facts are frozen and hashable)."""
    known: dict[TrialFacts, Sequence[RuleLink]] = {}

    def link(facts: TrialFacts) -> Sequence[RuleLink]:
        found = known.get(facts)
        if found is None:
            found = known[facts] = linker(facts)
        return found

    return link


@dataclass
class BatchOutcome:
    """What one batch did, in the order the trials were requested."""

    updated: int = 0
    changed: int = 0  # trials with at least one watched-field change (a first fetch is none)
    not_found: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)


def store_batch(
    session: Session,
    requested: Sequence[str],
    studies: Mapping[str, Prepared],
    run_id: int,
    linker: Linker,
) -> BatchOutcome:
    r"""Store one batch of registry answers (:func:`prepare`\ d, by NCT ID); a requested ID without one
    is not found.

    A requested trial no longer tracked (removed meanwhile) is passed over."""
    now = utcnow()
    outcome = BatchOutcome()
    query = select(Trial.id, Trial.nct_id, Trial.raw_hash).where(Trial.nct_id.in_(list(requested)))
    stored = {nct: (trial_id, digest) for trial_id, nct, digest in session.execute(query)}
    same: list[int] = []
    missing: list[int] = []
    fresh: dict[int, Prepared] = {}
    for nct in requested:
        hit = stored.get(nct)
        if hit is None:
            continue
        trial_id, digest = hit
        answer = studies.get(nct)
        if answer is None:
            missing.append(trial_id)
            outcome.not_found.append(nct)
            continue
        outcome.updated += 1
        if answer.raw_hash == digest:
            same.append(trial_id)
        else:
            fresh[trial_id] = answer
    if same:
        session.execute(
            update(Trial)
            .where(Trial.id.in_(same))
            .values(last_refreshed=now, last_error=None, not_found=False)
        )
    if missing:
        session.execute(
            update(Trial)
            .where(Trial.id.in_(missing))
            .values(not_found=True, last_error=NOT_FOUND_MESSAGE, last_refreshed=now)
        )
    if fresh:
        for changes in _store_fresh(session, fresh, run_id, linker, now):
            outcome.changed += bool(changes)
            outcome.changes += changes
    return outcome


def _store_fresh(
    session: Session, fresh: Mapping[int, Prepared], run_id: int, linker: Linker,
    now: dt.datetime,
) -> list[list[FieldChange]]:  # fmt: skip
    """New and changed records: rows, history and topic links; the changes of each, in order."""
    rows = {row.id: row._asdict() for row in session.execute(select(*_READ).where(Trial.id.in_(list(fresh))))}
    written: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    links: dict[int, tuple[bool, TrialFacts]] = {}
    found: list[list[FieldChange]] = []
    for trial_id, answer in fresh.items():
        before = rows[trial_id]
        after = {**before, **record_values(answer.record), "raw_record": answer.packed,
                 "raw_hash": answer.raw_hash, "last_refreshed": now, "last_error": None,
                 "not_found": False}  # fmt: skip
        written.append({"trial_id": trial_id} | {name: after[name] for name in _WRITTEN})
        entry = {"trial_id": trial_id, "detected_at": now, "registry_update": after["last_update_posted"],
                 "run_id": run_id}  # fmt: skip
        changes: list[FieldChange] = []
        if before["raw_hash"] is None:
            history.append({**entry, "field": FIRST_FETCH, "old": None, "new": after["overall_status"],
                            "reviewed": True})  # fmt: skip
        else:
            old, new = watched_of(before.get), watched_of(after.get)
            changes = [FieldChange(after["nct_id"], k, old[k], new[k]) for k in differences(old, new)]
            history += [
                {**entry, "field": c.field, "old": c.old, "new": c.new, "reviewed": False} for c in changes
            ]
        found.append(changes)
        links[trial_id] = (bool(after["in_catalog"]), facts_of_row(after))
    session.execute(_UPDATE_TRIAL, written)
    if history:
        session.execute(insert(_CHANGE), history)
    relink_many(session, links, linker)
    return found
