"""The columns the trial table and ``trialtracker list`` show, read in a handful of set-based queries.

Only what the listing needs is selected (no ORM objects, no locations or raw
JSON): this is what a start with 10,000 trials waits for. ``ids`` narrows
every query to the rows a write touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, literal_column, null, select
from sqlalchemy.orm import Session

from trialtracker.store.models import Change, Note, Tag, TopicLink, Trial, TrialTag

_COLUMNS: tuple[Any, ...] = (
    Trial.id, Trial.nct_id, Trial.brief_title, Trial.official_title, Trial.acronym, Trial.overall_status,
    Trial.phases, Trial.catalog_phase, Trial.cell_type, Trial.ms_type, Trial.last_update_posted,
    Trial.last_refreshed, Trial.starred, Trial.lead_sponsor, Trial.conditions, Trial.interventions,
    Trial.has_results, Trial.not_found, Trial.last_error, Trial.enrollment_count, Trial.caution,
    Trial.catalog_country,
    # Site countries, gathered by SQLite itself: decoding every locations list in Python would
    # cost more than the rest of the row ("recruiting spain" must find trials with sites in Spain).
    literal_column(
        "(SELECT group_concat(DISTINCT json_extract(value, '$.country')) FROM json_each(trial.locations))"
    ).label("site_countries"),
)  # fmt: skip


@dataclass
class ListingData:
    """Raw listing rows plus the per-trial facts gathered by grouped queries."""

    rows: list[Any]
    note_counts: dict[str, int]
    note_bodies: dict[str, list[str]]
    unreviewed: dict[int, int]
    tags: dict[int, list[str]]
    topics: dict[int, list[str]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


#: Without search texts (``search=False``): the costly columns read as NULL instead.
_NO_SEARCH = {"conditions": null().label("conditions"), "site_countries": null().label("site_countries")}


def listing(
    session: Session, ids: Sequence[str] | None = None, *, changed_only: bool = False, search: bool = True
) -> ListingData:
    """``search=False`` leaves out what only the search box matches (site countries, conditions, note
    text): gathering those is most of the cost of listing 10,000 trials, and the command line prints none."""
    columns = _COLUMNS if search else tuple(_NO_SEARCH.get(c.key, c) for c in _COLUMNS)
    query = select(*columns).order_by(Trial.nct_id)
    if ids is not None:
        query = query.where(Trial.nct_id.in_(list(ids)))
    if changed_only:
        query = query.where(exists().where(Change.trial_id == Trial.id, Change.reviewed.is_(False)))
    rows = list(session.execute(query))
    trial_ids = [r.id for r in rows] if ids is not None else None
    ncts = [r.nct_id for r in rows] if ids is not None else None

    notes = select(Note.nct_id, Note.body).order_by(Note.nct_id, Note.created_at, Note.id)
    counts = select(Note.nct_id, func.count()).group_by(Note.nct_id)
    unreviewed = select(Change.trial_id, func.count()).where(Change.reviewed.is_(False))
    tags = select(TrialTag.trial_id, Tag.name).join(Tag, Tag.id == TrialTag.tag_id).order_by(Tag.name)
    topics = select(TopicLink.trial_id, TopicLink.topic_key).where(TopicLink.removed.is_(False))
    if ncts is not None and trial_ids is not None:
        notes = notes.where(Note.nct_id.in_(ncts))
        counts = counts.where(Note.nct_id.in_(ncts))
        unreviewed = unreviewed.where(Change.trial_id.in_(trial_ids))
        tags = tags.where(TrialTag.trial_id.in_(trial_ids))
        topics = topics.where(TopicLink.trial_id.in_(trial_ids))
    note_bodies: dict[str, list[str]] = defaultdict(list)
    if search:
        for nct, body in session.execute(notes):
            note_bodies[nct].append(body)
        note_counts = {nct: len(bodies) for nct, bodies in note_bodies.items()}
    else:
        note_counts = {nct: count for nct, count in session.execute(counts)}
    tag_names: dict[int, list[str]] = defaultdict(list)
    for trial_id, name in session.execute(tags):
        tag_names[trial_id].append(name)
    topic_keys: dict[int, list[str]] = defaultdict(list)
    for trial_id, key in session.execute(topics.order_by(TopicLink.topic_key)):
        topic_keys[trial_id].append(key)
    return ListingData(
        rows=rows,
        note_counts=note_counts,
        note_bodies=note_bodies,
        unreviewed={tid: n for tid, n in session.execute(unreviewed.group_by(Change.trial_id))},
        tags=tag_names,
        topics=topic_keys,
    )
