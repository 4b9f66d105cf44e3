"""The list of tracked trials as both faces show it: plain rows, smart lists and their counts.

A :class:`TrialRow` is a frozen snapshot built in one read; the window's table
model and ``trialtracker list`` both use it, so a smart list or a therapy class
means the same thing in either face.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, dataclass, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any

from trialtracker.domain.geo import Place, distance_km
from trialtracker.domain.statuses import is_opening_soon, is_recruiting, site_open, status_label
from trialtracker.domain.therapy import CellGroup, cell_group
from trialtracker.services.collector import collector_paused
from trialtracker.services.deferred import deferred
from trialtracker.services.library import Library
from trialtracker.store import listing as lstore

if TYPE_CHECKING:
    from trialtracker.services import views
else:  # only ``list --json`` needs it; importing the detail views costs ``list`` 17 ms
    views = deferred("trialtracker.services.views")


class SmartList(enum.Enum):
    ALL = "All trials"
    STARRED = "Starred"
    CHANGED = "Changed since last review"
    RECRUITING = "Recruiting"
    OPENING_SOON = "Opening soon"
    NEAR = "Open near me"
    WITH_RESULTS = "With results"
    PROBLEMS = "Not found / errors"
    CANDIDATES = "New candidates"


@dataclass(frozen=True)
class TrialRow:
    """A snapshot of one tracked trial (or a discovery candidate) as a list shows it."""

    nct_id: str
    title: str
    acronym: str | None = None
    status: str | None = None
    phases: tuple[str, ...] = ()
    catalog_phase: str | None = None
    cell_type: str | None = None
    cell_group: CellGroup = CellGroup.OTHER
    ms_type: str | None = None
    last_update_posted: str | None = None
    last_refreshed: dt.datetime | None = None
    unreviewed: int = 0
    note_count: int = 0
    starred: bool = False
    tags: tuple[str, ...] = ()
    #: The names in ``tags`` that are only this person's own tags (a team library's personal tags).
    personal_tags: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sponsor: str | None = None
    conditions: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    note_text: str = ""
    has_results: bool | None = None
    not_found: bool = False
    last_error: str | None = None
    enrollment: int | None = None
    caution: str | None = None
    countries: str = ""
    candidate: bool = False
    #: With a home place: the nearest recruiting site's distance and "city, country" (None: no such
    #: site with coordinates), and whether it lies within the user's "near" distance.
    nearest_km: float | None = None
    nearest_site: str | None = None
    near: bool = False

    @cached_property
    def search_text(self) -> str:
        """Everything the search box matches, built on first use (not at start-up)."""
        parts = [
            self.nct_id, self.title, self.acronym or "", self.sponsor or "", self.cell_type or "",
            self.ms_type or "", status_label(self.status), " ".join(self.conditions),
            " ".join(self.interventions), " ".join(self.tags), self.countries, self.note_text,
        ]  # fmt: skip
        return " ".join(parts).casefold()

    @property
    def display_title(self) -> str:
        return f"{self.acronym}: {self.title}" if self.acronym else self.title

    @property
    def has_problem(self) -> bool:
        return self.not_found or bool(self.last_error)

    def as_json(self) -> dict[str, Any]:
        """The ``list --json`` shape: stable keys scripts can rely on."""
        return {
            "nct_id": self.nct_id, "title": self.title, "acronym": self.acronym,
            "overall_status": self.status,
            "phases": list(self.phases), "last_update_posted": self.last_update_posted,
            "last_refreshed": views.iso(self.last_refreshed), "tags": list(self.tags),
            "personal_tags": list(self.personal_tags), "starred": self.starred,
            "note_count": self.note_count, "topics": list(self.topics), "not_found": self.not_found,
            "last_error": self.last_error, "cell_group": self.cell_group.value,
            "unreviewed_changes": self.unreviewed,
        }  # fmt: skip


if TYPE_CHECKING:
    _snapshot = TrialRow  # so every name and type given to it is checked against the real constructor
else:
    _DEFAULTS = {f.name: f.default for f in fields(TrialRow) if f.default is not MISSING}

    def _snapshot(**values: Any) -> TrialRow:
        """A :class:`TrialRow` with its fields put in its ``__dict__`` at once. The generated frozen
        ``__init__`` sets each of its 33 fields through ``object.__setattr__``: 4.5 µs a row, 45 ms of the
        0.3 s a list of 10,000 trials takes to build (a test checks both give equal rows)."""
        row = object.__new__(TrialRow)
        row.__dict__.update(_DEFAULTS, **values)
        return row


def accepts(smart: SmartList, row: TrialRow) -> bool:
    """Whether ``row`` belongs in the smart list (candidates appear only in their own list)."""
    if smart is SmartList.CANDIDATES:
        return row.candidate
    if row.candidate:
        return False
    if smart is SmartList.ALL:
        return True
    if smart is SmartList.STARRED:
        return row.starred
    if smart is SmartList.CHANGED:
        return row.unreviewed > 0
    if smart is SmartList.RECRUITING:
        return is_recruiting(row.status)
    if smart is SmartList.OPENING_SOON:
        return is_opening_soon(row.status)
    if smart is SmartList.NEAR:
        return row.near
    if smart is SmartList.WITH_RESULTS:
        return bool(row.has_results)
    return row.has_problem


@dataclass
class RowTally:
    """Counts over a set of rows that a list shows beside itself: rows per smart list, per tag and per
    status. Kept up to date by adding and taking away rows (a star changes two numbers, not 10,000)."""

    smart: Counter[SmartList]
    tags: Counter[str]
    statuses: Counter[str]

    @classmethod
    def of(cls, rows: Iterable[TrialRow]) -> RowTally:
        tally = cls(Counter(), Counter(), Counter())
        tally.add(rows)
        return tally

    def add(self, rows: Iterable[TrialRow], sign: int = 1) -> None:
        """Count ``rows`` in (``sign`` -1: take them out again). Plain ints in the loop, Counters once
        after it: 10,000 rows take a few milliseconds."""
        tracked = candidates = starred = changed = results = problems = near = 0
        statuses: list[str] = []
        tags: list[str] = []
        for r in rows:
            if r.candidate:
                candidates += 1
                continue
            tracked += 1
            starred += r.starred
            changed += r.unreviewed > 0
            results += bool(r.has_results)
            problems += r.has_problem
            near += r.near
            if r.status:
                statuses.append(r.status)
            if r.tags:
                tags.extend(r.tags)
        by_status = Counter(statuses)  # a handful of statuses: ask is_recruiting once for each
        recruiting = sum(n for status, n in by_status.items() if is_recruiting(status))
        soon = sum(n for status, n in by_status.items() if is_opening_soon(status))
        counted = (
            (SmartList.ALL, tracked), (SmartList.STARRED, starred), (SmartList.CHANGED, changed),
            (SmartList.RECRUITING, recruiting), (SmartList.OPENING_SOON, soon), (SmartList.NEAR, near),
            (SmartList.WITH_RESULTS, results), (SmartList.PROBLEMS, problems),
            (SmartList.CANDIDATES, candidates),
        )  # fmt: skip
        for smart, n in counted:
            self.smart[smart] += sign * n
        for counter, counts in ((self.statuses, by_status), (self.tags, Counter(tags))):
            for key, n in counts.items():
                counter[key] += sign * n

    def remove(self, rows: Iterable[TrialRow]) -> None:
        self.add(rows, -1)


def smart_counts(rows: Iterable[TrialRow]) -> dict[SmartList, int]:
    """How many rows each smart list shows (the same tests as :func:`accepts`)."""
    counted = RowTally.of(rows).smart
    return {smart: counted[smart] for smart in SmartList}


def _intervention_names(values: Iterable[Any]) -> tuple[str, ...]:
    names: list[str] = []
    for item in values:
        if isinstance(item, dict):
            names += [str(v) for v in (item.get("name"), *(item.get("other_names") or ())) if v]
        elif item:
            names.append(str(item))
    return tuple(names)


#: From this many rows, a read's objects are frozen out of the garbage collector's walks.
FREEZE_FROM = 2_000


def list_rows(
    lib: Library,
    ids: Sequence[str] | None = None,
    *,
    changed_only: bool = False,
    include_candidates: bool = False,
    search: bool = True,
    near: Place | None = None,
    within_km: float | None = None,
) -> list[TrialRow]:
    """Tracked trials as rows (only ``ids`` when given), plus new watch candidates if asked.

    ``search=False``: rows without what only a search matches (conditions, site countries, note
    text), for a face that prints the list and never filters it (their SQL and JSON work is skipped).
    ``near``: each row gets its nearest recruiting site's distance from that place, and counts as
    near within ``within_km``."""
    with lib.store.reading() as conn, collector_paused() as freeze:
        data = lstore.listing(conn, ids, changed_only=changed_only, search=search)
        nearest: dict[int, tuple[float, str]] = {}
        if near is not None:
            points = lstore.site_points(conn, [t.id for t in data] if ids is not None else None)
            statuses = {t.id: t.overall_status for t in data}
            nearest = _nearest_open_sites(near, points, statuses)
        limit = within_km if within_km is not None else float("inf")
        rows = [_row(t, data, nearest.get(t.id), limit) for t in data]
        if include_candidates:
            wanted = set(ids) if ids is not None else None
            rows += [
                _candidate_row(c.nct_id, c.title, c.overall_status)
                for c in lstore.new_candidates(conn)
                if wanted is None or c.nct_id in wanted
            ]
        freeze(len(rows) >= FREEZE_FROM)
    return rows


def _nearest_open_sites(
    home: Place,
    points: dict[int, list[tuple[float, float, str | None, str]]],
    statuses: dict[int, str | None],
) -> dict[int, tuple[float, str]]:
    """trial id -> (km, "city, country") of its nearest open site (:func:`site_open`)."""
    found: dict[int, tuple[float, str]] = {}
    for trial_id, sites in points.items():
        trial_status = statuses.get(trial_id)
        distances = [(distance_km(home.lat, home.lon, lat, lon), where)
                     for lat, lon, status, where in sites if site_open(status, trial_status)]  # fmt: skip
        if distances:
            found[trial_id] = min(distances)
    return found


def _row(
    t: lstore.ListedTrial, data: lstore.ListingData, nearest: tuple[float, str] | None = None,
    within_km: float = float("inf"),
) -> TrialRow:  # fmt: skip
    interventions = _intervention_names(t.interventions or [])
    title = t.brief_title or t.official_title or t.nct_id
    return _snapshot(
        nct_id=t.nct_id, title=title, acronym=t.acronym, status=t.overall_status,
        phases=t.phases, catalog_phase=t.catalog_phase, cell_type=t.cell_type,
        cell_group=cell_group(t.cell_type, " ".join((title, *interventions))), ms_type=t.ms_type,
        last_update_posted=t.last_update_posted, last_refreshed=t.last_refreshed,
        unreviewed=data.unreviewed.get(t.id, 0), note_count=data.note_counts.get(t.nct_id, 0),
        starred=t.starred, tags=tuple(data.tags.get(t.id, ())),
        personal_tags=tuple(data.personal_tags.get(t.id, ())), topics=tuple(data.topics.get(t.id, ())),
        sponsor=t.lead_sponsor, conditions=tuple(str(c) for c in t.conditions),
        interventions=interventions, note_text="\n".join(data.note_bodies.get(t.nct_id, ())),
        has_results=t.has_results, not_found=t.not_found, last_error=t.last_error,
        enrollment=t.enrollment_count, caution=t.caution,
        countries=" ".join(x for x in (t.site_countries, t.catalog_country) if x),
        nearest_km=nearest[0] if nearest else None, nearest_site=nearest[1] if nearest else None,
        near=nearest is not None and nearest[0] <= within_km,
    )  # fmt: skip


def _candidate_row(nct_id: str, title: str | None, status: str | None) -> TrialRow:
    shown = title or nct_id
    return TrialRow(
        nct_id=nct_id, title=shown, status=status, cell_group=cell_group(None, shown), candidate=True
    )


def first_trials(lib: Library, limit: int) -> tuple[int, list[str]]:
    """How many trials are tracked, and the first ``limit`` of their NCT IDs (the table's first order)."""
    with lib.store.reading() as conn:
        return lstore.first_trials(conn, limit)


def tag_names(lib: Library) -> list[str]:
    return tags_seen(lib)[0]


def tags_seen(lib: Library) -> tuple[list[str], frozenset[str]]:
    """Every tag name one sees, and those that are only one's own (a team library's personal tags)."""
    with lib.store.reading() as conn:
        found = lstore.tag_names(conn)
    return [name for name, _ in found], frozenset(name for name, mine in found if mine)
