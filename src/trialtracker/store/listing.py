"""The columns the trial table and ``trialtracker list`` show, read in a handful of set-based queries.

Why plain SQL on the driver's connection (no SQLAlchemy): this is what a start
with 10,000 trials waits for, before anything else is loaded. Only what the
listing needs is selected (no locations or raw JSON); ``ids`` narrows every
query to the rows a write touched. The statements are plain SQL apart from the
site countries and site points, which each engine gathers with its own JSON functions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from trialtracker.domain.search import CANDIDATE_NEW
from trialtracker.store.export_rows import utc
from trialtracker.store.reader import (
    TAG_NAMES_SQL,
    TRIAL_TAGS_SQL,
    Reader,
    on_server,
    reviewed_sql,
    starred_sql,
)

#: Site countries, gathered by SQLite itself: decoding every locations list in Python would cost
#: more than the rest of the row ("recruiting spain" must find trials with sites in Spain).
_COUNTRIES = (
    "(SELECT group_concat(DISTINCT json_extract(value, '$.country')) FROM json_each(trial.locations))"
)
_SERVER_COUNTRIES = (
    "(SELECT string_agg(DISTINCT site->>'country', ',') FROM json_array_elements(trial.locations::json) site)"
)
#: Each site with coordinates: trial id, lat, lon, status, city, country.
_POINTS = (
    "SELECT trial.id, json_extract(value, '$.lat'), json_extract(value, '$.lon'), "
    "json_extract(value, '$.status'), json_extract(value, '$.city'), json_extract(value, '$.country') "
    "FROM trial, json_each(trial.locations) WHERE json_type(value, '$.lat') IN ('real', 'integer') "
    "AND json_type(value, '$.lon') IN ('real', 'integer')"
)
_SERVER_POINTS = (
    "SELECT trial.id, (site->>'lat')::float8, (site->>'lon')::float8, site->>'status', site->>'city', "
    "site->>'country' FROM trial, json_array_elements(trial.locations::json) site "
    "WHERE json_typeof(site->'lat') = 'number' AND json_typeof(site->'lon') = 'number'"
)
_COLUMNS = (
    "id", "nct_id", "brief_title", "official_title", "acronym", "overall_status", "phases",
    "catalog_phase", "cell_type", "ms_type", "last_update_posted", "last_refreshed", "starred",
    "lead_sponsor", "conditions", "interventions", "has_results", "not_found", "last_error",
    "enrollment_count", "caution", "catalog_country",
)  # fmt: skip
#: Without search texts (``search=False``): the costly columns read as NULL instead.
_NO_SEARCH = {"conditions": "NULL"}


class ListedTrial(NamedTuple):
    """One tracked trial's listing columns, decoded from their stored form."""

    id: int
    nct_id: str
    brief_title: str | None
    official_title: str | None
    acronym: str | None
    overall_status: str | None
    phases: tuple[str, ...]
    catalog_phase: str | None
    cell_type: str | None
    ms_type: str | None
    last_update_posted: str | None
    last_refreshed: dt.datetime | None
    starred: bool
    lead_sponsor: str | None
    conditions: list[Any]
    interventions: list[Any]
    has_results: bool | None
    not_found: bool
    last_error: str | None
    enrollment_count: int | None
    caution: str | None
    catalog_country: str | None
    site_countries: str | None


class ListedCandidate(NamedTuple):
    nct_id: str
    title: str | None
    overall_status: str | None


@dataclass
class ListingData:
    """Listing rows plus the per-trial facts gathered by grouped queries."""

    rows: list[ListedTrial]
    note_counts: dict[str, int]
    note_bodies: dict[str, list[str]]
    unreviewed: dict[int, int]
    tags: dict[int, list[str]]
    topics: dict[int, list[str]]
    personal_tags: dict[int, list[str]]  # the names in ``tags`` that are only the reader's own

    def __iter__(self) -> Iterator[ListedTrial]:
        return iter(self.rows)


def _json_list(text: str | None) -> list[Any]:
    value = json.loads(text) if text else None
    return value if isinstance(value, list) else []


@lru_cache(maxsize=256)
def _phases(text: str | None) -> tuple[str, ...]:
    """A phases list as stored (``["PHASE1", "PHASE2"]``): a handful of distinct texts across any
    library, so each is decoded once."""
    return tuple(str(p) for p in _json_list(text))


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _decode(r: tuple[Any, ...]) -> ListedTrial:
    return ListedTrial(
        r[0], r[1], r[2], r[3], r[4], r[5], _phases(r[6]), r[7], r[8], r[9], r[10], utc(r[11]),
        bool(r[12]), r[13], _json_list(r[14]), _json_list(r[15]), _flag(r[16]), bool(r[17]), r[18],
        r[19], r[20], r[21], r[22],
    )  # fmt: skip


def _within(column: str, values: Sequence[Any] | None) -> tuple[str, list[Any]]:
    """`` AND column IN (?, …)`` for a narrowed read, nothing for a full one."""
    if values is None:
        return "", []
    if not values:  # SQLite reads ``IN ()`` as no match; PostgreSQL calls it a syntax error
        return " AND 1 = 0", []
    return f" AND {column} IN ({','.join('?' * len(values))})", list(values)


def listing(
    conn: Reader,
    ids: Sequence[str] | None = None,
    *,
    changed_only: bool = False,
    search: bool = True,
) -> ListingData:
    """``search=False`` leaves out what only the search box matches (site countries, conditions, note
    text): gathering those is most of the cost of listing 10,000 trials, and the command line prints none.

    ``conn`` should be in a transaction (:meth:`Store.reading`), so the queries agree with each other."""
    picked = [_NO_SEARCH.get(c, c) if not search else c for c in _COLUMNS]
    picked[_COLUMNS.index("starred")] = starred_sql(conn)
    countries = (_SERVER_COUNTRIES if on_server(conn) else _COUNTRIES) if search else "NULL"
    where, params = _within("nct_id", ids)
    if changed_only:
        mine = reviewed_sql(conn)
        where += f" AND EXISTS (SELECT 1 FROM change WHERE change.trial_id = trial.id AND NOT {mine})"
    sql = f"SELECT {', '.join(picked)}, {countries} FROM trial WHERE 1 = 1{where} ORDER BY nct_id"
    rows = [_decode(r) for r in conn.execute(sql, params)]
    trial_ids = [r.id for r in rows] if ids is not None else None
    ncts = [r.nct_id for r in rows] if ids is not None else None

    note_bodies: dict[str, list[str]] = defaultdict(list)
    in_notes, note_params = _within("nct_id", ncts)
    if search:
        notes = f"SELECT nct_id, body FROM note WHERE 1 = 1{in_notes} ORDER BY nct_id, created_at, id"
        for nct, body in conn.execute(notes, note_params):
            note_bodies[nct].append(body)
        note_counts = {nct: len(bodies) for nct, bodies in note_bodies.items()}
    else:
        counts = f"SELECT nct_id, count(*) FROM note WHERE 1 = 1{in_notes} GROUP BY nct_id"
        note_counts = dict(conn.execute(counts, note_params))
    in_trials, trial_params = _within("trial_id", trial_ids)
    tag_names: dict[int, list[str]] = defaultdict(list)
    personal: dict[int, list[str]] = defaultdict(list)
    tags = TRIAL_TAGS_SQL.replace("{where}", "1 = 1" + in_trials)
    for trial_id, name, mine in conn.execute(tags, trial_params):
        tag_names[trial_id].append(name)
        if mine:
            personal[trial_id].append(name)
    topic_keys: dict[int, list[str]] = defaultdict(list)
    topics = f"SELECT trial_id, topic_key FROM topic_link WHERE removed = FALSE{in_trials} ORDER BY topic_key"
    for trial_id, key in conn.execute(topics, trial_params):
        topic_keys[trial_id].append(key)
    unreviewed = (
        f"SELECT trial_id, count(*) FROM change WHERE NOT {reviewed_sql(conn)}{in_trials} GROUP BY trial_id"
    )
    return ListingData(
        rows=rows,
        note_counts=note_counts,
        note_bodies=note_bodies,
        unreviewed=dict(conn.execute(unreviewed, trial_params)),
        tags=tag_names,
        topics=topic_keys,
        personal_tags=personal,
    )


def site_points(
    conn: Reader, trial_ids: Sequence[int] | None = None
) -> dict[int, list[tuple[float, float, str | None, str]]]:
    """Each trial's sites that have coordinates: (lat, lon, site status, "city, country"), gathered by
    the database from the stored locations (only asked when the user has a home place)."""
    where, params = _within("trial.id", trial_ids)
    rows = conn.execute((_SERVER_POINTS if on_server(conn) else _POINTS) + where, params)
    found: dict[int, list[tuple[float, float, str | None, str]]] = defaultdict(list)
    for trial_id, lat, lon, status, city, country in rows:
        found[trial_id].append((float(lat), float(lon), status, ", ".join(x for x in (city, country) if x)))
    return found


def new_candidates(conn: Reader) -> list[ListedCandidate]:
    """Candidates still waiting for a decision, one per NCT ID (the first found), not already tracked."""
    rows = conn.execute(
        "SELECT nct_id, title, overall_status FROM candidate WHERE state = ? "
        "AND nct_id NOT IN (SELECT nct_id FROM trial) ORDER BY nct_id, id",
        (CANDIDATE_NEW,),
    )
    seen: dict[str, ListedCandidate] = {}
    for row in rows:
        seen.setdefault(row[0], ListedCandidate(*row))
    return list(seen.values())


def first_trials(conn: Reader, limit: int) -> tuple[int, list[str]]:
    """How many trials are tracked, and the first ``limit`` NCT IDs in ID order (two index reads)."""
    total = conn.execute("SELECT count(*) FROM trial").fetchone()[0]
    return total, [r[0] for r in conn.execute("SELECT nct_id FROM trial ORDER BY nct_id LIMIT ?", (limit,))]


def last_finished_run(
    conn: Reader,
) -> tuple[dt.datetime | None, int, int, str | None, str | None, str | None] | None:
    """The latest finished refresh run: finished at, trials updated, trials changed, error, started by
    (a login) and that member's display name."""
    row = conn.execute(
        "SELECT r.finished_at, r.updated, r.changed, r.error, r.started_by, m.display_name "
        "FROM refresh_run r LEFT JOIN member m ON m.name = r.started_by "
        "WHERE r.finished_at IS NOT NULL ORDER BY r.id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else (utc(row[0]), row[1], row[2], row[3], row[4], row[5])


def tag_names(conn: Reader) -> list[tuple[str, bool]]:
    """Every tag name the reader sees, with whether it is only their own."""
    return [(name, bool(mine)) for name, mine in conn.execute(TAG_NAMES_SQL)]
