"""Every tracked trial in full for a JSON bundle or a CSV export, read with plain SQL.

Why not the ORM (:func:`trialtracker.store.trials.iter_trials_in_full`): building 10,000 ORM objects
and their relations took 1.4 s of a 3 s export; these rows are decoded straight from the driver's
tuples (~0.3 s). The rows carry the same attribute names as :class:`~trialtracker.store.models.Trial`,
so the services build the same :class:`~trialtracker.services.views.TrialDetail` from either.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from trialtracker.store.reader import TRIAL_TAGS_SQL, Reader, reviewed_sql, starred_sql

#: The trial columns a bundle entry shows (not the trial page's, which only the Markdown report has).
_COLUMNS = (
    "id", "nct_id", "aliases", "brief_title", "official_title", "acronym", "overall_status",
    "last_known_status", "why_stopped", "phases", "study_type", "enrollment_count", "enrollment_type",
    "start_date", "start_date_type", "primary_completion_date", "primary_completion_date_type",
    "completion_date", "completion_date_type", "first_posted", "last_update_posted", "has_results",
    "lead_sponsor", "lead_sponsor_class", "conditions", "keywords", "interventions", "locations",
    "in_catalog", "cell_type", "route", "ms_type", "catalog_phase", "catalog_country", "catalog_source",
    "catalog_note", "caution",
    "tracked_since", "last_refreshed", "last_error", "not_found", "starred",
)  # fmt: skip
_JSON = frozenset({"aliases", "phases", "conditions", "keywords", "interventions", "locations"})
_FLAGS = frozenset({"in_catalog", "not_found", "starred", "has_results"})
_TIMES = frozenset({"tracked_since", "last_refreshed"})

#: A topic link as a row: topic key, how, reason, removed.
LinkRow = tuple[str, str, str | None, bool]
#: A change as a row: id, field, old, new, detected at, registry update, reviewed.
ChangeRow = tuple[int, str, str | None, str | None, dt.datetime, str | None, bool]
#: A note as a row: id, NCT ID, body, created at, updated at, author, shared.
NoteRow = tuple[int, str, str, dt.datetime, dt.datetime, str | None, bool]


class StoredTrial(SimpleNamespace):
    """One trial's columns under their model names (JSON decoded, flags as bools, times aware UTC)."""

    @property
    def title(self) -> str:
        return str(self.brief_title or self.official_title or self.nct_id)  # as Trial.title


@dataclass(frozen=True)
class TrialRows:
    """A tracked trial with its tag names (and which of them are only the reader's own), topic links and
    changes; ``raw_record`` as stored when asked."""

    trial: StoredTrial
    tags: list[str]
    links: list[LinkRow]
    changes: list[ChangeRow]
    raw_record: bytes | None
    personal_tags: list[str]


def utc(value: str | dt.datetime | None) -> dt.datetime | None:
    """A stored naive UTC time (text in SQLite, a timestamp in PostgreSQL) as an aware datetime, as the ORM
    reads it."""
    if not value:
        return None
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return when.replace(tzinfo=dt.UTC)


def _decoder(column: str) -> Callable[[Any], Any] | None:
    """How a column's non-NULL stored value becomes the model's value (None: as it is)."""
    if column in _JSON:
        return json.loads
    if column in _FLAGS:
        return bool
    return utc if column in _TIMES else None


_TAGS = TRIAL_TAGS_SQL.replace("{where}", "trial_tag.trial_id IN ({marks})")
_LINKS = (
    "SELECT trial_id, topic_key, how, reason, removed FROM topic_link "
    "WHERE trial_id IN ({marks}) ORDER BY trial_id, topic_key"
)
_CHANGES = (
    "SELECT trial_id, id, field, old, new, detected_at, registry_update, {reviewed} FROM change "
    "WHERE trial_id IN ({marks}) ORDER BY trial_id, id"
)
_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)  # a change or note always has a time; never shown as this


def _grouped(conn: Reader, sql: str, ids: Sequence[int]) -> dict[int, list[Any]]:
    """Rows of ``sql`` (trial id first, kept) by trial id, for the trials ``ids``."""
    found: dict[int, list[Any]] = defaultdict(list)
    for row in conn.execute(sql.format(marks=",".join("?" * len(ids))), list(ids)):
        found[row[0]].append(row)
    return found


def _change(_trial_id: int, i: int, field: str, old: str | None, new: str | None, at: str | dt.datetime,
            update: str | None, reviewed: int) -> ChangeRow:  # fmt: skip
    return i, field, old, new, utc(at) or _NEVER, update, bool(reviewed)


def trials_in_full(conn: Reader, *, raw: bool = False, chunk: int = 500) -> Iterator[TrialRows]:
    """Every tracked trial in NCT ID order, ``chunk`` at a time (three grouped queries per chunk; never
    every trial in memory). ``conn`` should be in a transaction (:meth:`Store.reading`)."""
    decoders = [(i, decode) for i, decode in enumerate(map(_decoder, _COLUMNS)) if decode is not None]
    extra = ", raw_record" if raw else ""
    picked = [starred_sql(conn) if c == "starred" else c for c in _COLUMNS]
    cursor = conn.execute(f"SELECT {', '.join(picked)}{extra} FROM trial ORDER BY nct_id")
    changes_sql = _CHANGES.replace("{reviewed}", reviewed_sql(conn))
    while part := cursor.fetchmany(chunk):
        trial_ids = [r[0] for r in part]
        tags, links, changes = (_grouped(conn, sql, trial_ids) for sql in (_TAGS, _LINKS, changes_sql))
        for row in part:
            values = list(row)
            for i, decode in decoders:
                if values[i] is not None:
                    values[i] = decode(values[i])
            trial = StoredTrial()
            trial.__dict__.update(zip(_COLUMNS, values, strict=False))
            its_tags = tags.get(row[0], ())
            yield TrialRows(
                trial,
                [name for _, name, _mine in its_tags],
                [(key, how, reason, bool(removed)) for _, key, how, reason, removed in links.get(row[0], ())],
                [_change(*change) for change in changes.get(row[0], ())],
                row[-1] if raw else None,
                [name for _, name, mine in its_tags if mine],
            )


def notes(conn: Reader) -> list[NoteRow]:
    """Every note this reader may read (in a team library: the member's own and the shared ones), tracked
    trial or not, in NCT ID then writing order."""
    rows = conn.execute(
        "SELECT id, nct_id, body, created_at, updated_at, author, shared FROM note "
        "ORDER BY nct_id, created_at, id"
    )
    return [(i, nct, body, utc(c) or _NEVER, utc(u) or _NEVER, author, bool(shared))
            for i, nct, body, c, u, author, shared in rows]  # fmt: skip


def tracked_ids(conn: Reader) -> set[str]:
    return {nct for (nct,) in conn.execute("SELECT nct_id FROM trial")}
