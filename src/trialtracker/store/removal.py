"""A removal that can be undone: the rows it deletes kept as plain values, and putting them back.

Removing a trial deletes its row and, by cascade, its change history, topic links and tags (notes are
kept by NCT ID anyway). An undo must bring all of it back as it was, so the rows are read as they are
stored (every column, the registry's full record included) in the removal's own transaction, and
inserted again by :func:`put_back` under their old row IDs where those are still free.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from trialtracker.domain.nctid import normalize_ids
from trialtracker.store.models import (
    Change,
    ChangeReview,
    RemovedTrial,
    Star,
    Tag,
    TopicLink,
    Trial,
    TrialTag,
)
from trialtracker.store.trials import remove_trials, require_trial

Row = dict[str, Any]


@dataclass(frozen=True)
class RemovedRows:
    """What a removal deleted: the trials' rows and, per child table, the rows that pointed at them."""

    nct_ids: list[str]
    trials: list[Row]
    children: dict[str, list[Row]] = field(default_factory=dict)


_CHILDREN: tuple[Table, ...] = (Change.__table__, TopicLink.__table__, TrialTag.__table__, Star.__table__)  # type: ignore[assignment]
_REVIEWS: Table = ChangeReview.__table__  # type: ignore[assignment]


def remove_keeping_rows(session: Session, values: Iterable[str]) -> RemovedRows:
    """Like :func:`~trialtracker.store.trials.remove_trials`, returning every row it deletes."""
    ids = normalize_ids(values)
    trial_ids = [require_trial(session, nct).id for nct in ids]
    trial_table: Table = Trial.__table__  # type: ignore[assignment]

    def rows(table: Table, column: str) -> list[Row]:
        found = session.execute(select(table).where(table.c[column].in_(trial_ids)))
        return [dict(r._mapping) for r in found]

    children = {table.name: rows(table, "trial_id") for table in _CHILDREN}
    change_ids = [r["id"] for r in children["change"]]
    reviews = session.execute(select(_REVIEWS).where(_REVIEWS.c.change_id.in_(change_ids)))
    children[_REVIEWS.name] = [dict(r._mapping) for r in reviews]  # one's own (a member sees only theirs)
    kept = RemovedRows(ids, rows(trial_table, "id"), children)
    remove_trials(session, ids)
    return kept


def _free(session: Session, table: Table, rows: list[Row]) -> list[Row]:
    """``rows`` with their ``id`` kept where no row holds it now, else dropped (a new one is given)."""
    if "id" not in table.c:
        return rows
    taken = set(session.scalars(select(table.c.id).where(table.c.id.in_([r["id"] for r in rows]))))
    return [r if r["id"] not in taken else {k: v for k, v in r.items() if k != "id"} for r in rows]


def put_back(session: Session, kept: RemovedRows) -> list[str]:
    """Insert what :func:`remove_keeping_rows` deleted (one transaction: the caller's). A trial tracked
    again meanwhile is left as it is now. Returns the NCT IDs put back."""
    trial_table: Table = Trial.__table__  # type: ignore[assignment]
    tracked = set(session.scalars(select(Trial.nct_id).where(Trial.nct_id.in_(kept.nct_ids))))
    new_ids: dict[int, int] = {}
    for row in _free(session, trial_table, [r for r in kept.trials if r["nct_id"] not in tracked]):
        old = next(r["id"] for r in kept.trials if r["nct_id"] == row["nct_id"])
        new_ids[old] = session.execute(
            insert(trial_table).values(**row).returning(trial_table.c.id)
        ).scalar_one()
    tags = set(session.scalars(select(Tag.id)))  # a tag deleted meanwhile stays deleted
    for table in _CHILDREN:
        rows = [{**r, "trial_id": new_ids[r["trial_id"]]} for r in kept.children.get(table.name, [])
                if r["trial_id"] in new_ids and ("tag_id" not in r or r["tag_id"] in tags)]  # fmt: skip
        free = _free(session, table, rows)
        for same_keys in ([r for r in free if "id" in r], [r for r in free if "id" not in r]):
            if same_keys:  # one executemany per shape
                session.execute(insert(table), same_keys)
        if table.name == "change":  # a change back under its old ID gets its reviews back
            same_id = {r["id"] for r in free if "id" in r}
            reviews = [r for r in kept.children.get(_REVIEWS.name, []) if r["change_id"] in same_id]
            if reviews:
                session.execute(insert(_REVIEWS), reviews)
    restored = [r["nct_id"] for r in kept.trials if r["id"] in new_ids]
    if restored:
        session.execute(delete(RemovedTrial).where(RemovedTrial.nct_id.in_(restored)))
    session.flush()
    session.expire_all()
    return restored
