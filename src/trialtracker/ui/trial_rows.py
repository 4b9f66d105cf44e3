"""The rows of the trial table, without Qt: plain snapshots read from the store, lists and groups.

Rows are frozen dataclasses built in one read (:func:`load_rows`); no live ORM
object ever reaches a view, so a background write or refresh can never race a
paint. ``load_rows(session, ids=...)`` re-reads just the rows a write touched.
Nothing here imports Qt: it is the part a Qt-free listing layer will own.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from trialtracker.render import status_label

#: Status codes in a "how live is it" order; unknown codes and "not fetched yet" sort last.
STATUS_ORDER: dict[str, int] = {
    code: i
    for i, code in enumerate(
        (
            "RECRUITING",
            "NOT_YET_RECRUITING",
            "ENROLLING_BY_INVITATION",
            "ACTIVE_NOT_RECRUITING",
            "AVAILABLE",
            "TEMPORARILY_NOT_AVAILABLE",
            "SUSPENDED",
            "COMPLETED",
            "APPROVED_FOR_MARKETING",
            "TERMINATED",
            "WITHDRAWN",
            "NO_LONGER_AVAILABLE",
            "WITHHELD",
            "UNKNOWN",
        )
    )
}
RECRUITING_STATUSES = frozenset({"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION"})


class CellGroup(enum.Enum):
    MSC = "MSC"
    HSCT = "HSCT"
    NEURAL = "Neural"
    OTHER = "Other"


class SmartList(enum.Enum):
    ALL = "All trials"
    STARRED = "Starred"
    CHANGED = "Changed since last review"
    RECRUITING = "Recruiting"
    WITH_RESULTS = "With results"
    PROBLEMS = "Not found / errors"
    CANDIDATES = "New candidates"


_HSCT_RE = re.compile(r"\bHSCT\b|hematopoietic|haematopoietic|\bPBSC\b|\bCD34", re.IGNORECASE)
_MSC_RE = re.compile(r"\bMSCs?\b|MSC-|mesenchymal|stromal", re.IGNORECASE)
_NEURAL_RE = re.compile(r"\bNSCs?\b|neural (stem|precursor|progenitor)", re.IGNORECASE)


def cell_group(cell_type: str | None, fallback_text: str = "") -> CellGroup:
    """Group a catalog cell-type text (else registry text) as MSC / HSCT / neural / other.

    The catalog text leads with the family (``"HSCT (autologous…)"``, ``"MSC (…)"``,
    ``"NSC (…)"``, ``"other (…)"``), so its first word decides; free text is searched.
    """
    if cell_type:
        head = cell_type.strip().split(maxsplit=1)[0].upper()
        if head.startswith("HSCT"):
            return CellGroup.HSCT
        if head.startswith("MSC"):
            return CellGroup.MSC
        if head.startswith("NSC"):
            return CellGroup.NEURAL
        if head.startswith("OTHER"):
            return CellGroup.OTHER
        fallback_text = cell_type + " " + fallback_text
    for regex, group in (
        (_HSCT_RE, CellGroup.HSCT),
        (_MSC_RE, CellGroup.MSC),
        (_NEURAL_RE, CellGroup.NEURAL),
    ):
        if regex.search(fallback_text):
            return group
    return CellGroup.OTHER


@dataclass(frozen=True)
class TrialRow:
    """A snapshot of one tracked trial (or a discovery candidate) as the table shows it."""

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

    @cached_property
    def search_text(self) -> str:
        """Everything the search box matches, built on first use (not at start-up)."""
        return _search_text(self)

    @property
    def display_title(self) -> str:
        return f"{self.acronym}: {self.title}" if self.acronym else self.title

    @property
    def has_problem(self) -> bool:
        return self.not_found or bool(self.last_error)


def _search_text(row: TrialRow) -> str:
    parts = [
        row.nct_id,
        row.title,
        row.acronym or "",
        row.sponsor or "",
        row.cell_type or "",
        row.ms_type or "",
        status_label(row.status),
        " ".join(row.conditions),
        " ".join(row.interventions),
        " ".join(row.tags),
        row.countries,
        row.note_text,
    ]
    return " ".join(parts).casefold()


def with_search_text(row: TrialRow) -> TrialRow:
    """Build the row's search text now (tests use it to check what is searchable)."""
    _ = row.search_text
    return row


def _intervention_names(values: Iterable[Any]) -> tuple[str, ...]:
    names: list[str] = []
    for item in values:
        if isinstance(item, dict):
            names += [str(v) for v in (item.get("name"), *(item.get("other_names") or ())) if v]
        elif item:
            names.append(str(item))
    return tuple(names)


#: Above this many IDs a re-read reads every row and keeps the wanted ones (one query, no huge IN list).
MAX_IDS_FILTER = 500


def load_rows(
    session: Session, *, ids: Collection[str] | None = None, include_candidates: bool = True
) -> list[TrialRow]:
    """Read every tracked trial (and new discovery candidates) into plain rows; with ``ids``, only those.

    Selects only the columns the table and the search need (no ORM objects, no
    locations or raw JSON): this is what a start with 10,000 trials waits for.
    ``ids`` is how a write re-reads just the rows it touched: an ID that is
    neither tracked nor a new candidate any more has no row in the result.
    """
    from sqlalchemy import ColumnElement, func, literal_column, select, true

    from trialtracker.discovery import new_candidates
    from trialtracker.store.models import Change, Note, Tag, Trial, TrialTag

    if ids is not None and len(ids) > MAX_IDS_FILTER:
        keep = set(ids)
        return [r for r in load_rows(session, include_candidates=include_candidates) if r.nct_id in keep]
    wanted = set(ids) if ids is not None else None
    if wanted is not None and not wanted:
        return []

    def only(clause: ColumnElement[bool]) -> ColumnElement[bool]:  # applies only when IDs were given
        return clause if wanted is not None else true()

    by_nct = only(Trial.nct_id.in_(sorted(wanted or ())))
    trial_ids = select(Trial.id).where(by_nct).scalar_subquery()
    note_bodies: dict[str, list[str]] = defaultdict(list)
    for nct, body in session.execute(
        select(Note.nct_id, Note.body)
        .where(only(Note.nct_id.in_(sorted(wanted or ()))))
        .order_by(Note.nct_id, Note.created_at, Note.id)
    ):
        note_bodies[nct].append(body)
    unreviewed: dict[int, int] = dict(
        session.execute(
            select(Change.trial_id, func.count())
            .where(Change.reviewed.is_(False), only(Change.trial_id.in_(trial_ids)))
            .group_by(Change.trial_id)
        ).all()
    )
    tags: dict[int, list[str]] = defaultdict(list)
    for trial_id, name in session.execute(
        select(TrialTag.trial_id, Tag.name)
        .join(Tag, Tag.id == TrialTag.tag_id)
        .where(only(TrialTag.trial_id.in_(trial_ids)))
        .order_by(Tag.name)
    ):
        tags[trial_id].append(name)
    columns: tuple[Any, ...] = (
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
    rows: list[TrialRow] = []
    for t in session.execute(select(*columns).where(by_nct).order_by(Trial.nct_id)):
        interventions = _intervention_names(t.interventions or [])
        title = t.brief_title or t.official_title or t.nct_id
        rows.append(
            TrialRow(
                nct_id=t.nct_id,
                title=title,
                acronym=t.acronym,
                status=t.overall_status,
                phases=tuple(t.phases or ()),
                catalog_phase=t.catalog_phase,
                cell_type=t.cell_type,
                cell_group=cell_group(t.cell_type, " ".join((title, *interventions))),
                ms_type=t.ms_type,
                last_update_posted=t.last_update_posted,
                last_refreshed=t.last_refreshed,
                unreviewed=unreviewed.get(t.id, 0),
                note_count=len(note_bodies.get(t.nct_id, ())),
                starred=t.starred,
                tags=tuple(tags.get(t.id, ())),
                sponsor=t.lead_sponsor,
                conditions=tuple(str(c) for c in (t.conditions or ())),
                interventions=interventions,
                note_text="\n".join(note_bodies.get(t.nct_id, ())),
                has_results=t.has_results,
                not_found=t.not_found,
                last_error=t.last_error,
                enrollment=t.enrollment_count,
                caution=t.caution,
                countries=" ".join(x for x in (t.site_countries, t.catalog_country) if x),
            )
        )
    missing = None if wanted is None else wanted - {r.nct_id for r in rows}
    if include_candidates and (missing is None or missing):  # a re-read of tracked rows skips this
        for c in new_candidates(session):
            if missing is not None and c.nct_id not in missing:
                continue
            title = c.title or c.nct_id
            rows.append(
                TrialRow(
                    nct_id=c.nct_id,
                    title=title,
                    status=c.overall_status,
                    cell_group=cell_group(None, title),
                    candidate=True,
                )
            )
    return rows


def smart_list_accepts(smart: SmartList, row: TrialRow) -> bool:
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
        return row.status in RECRUITING_STATUSES
    if smart is SmartList.WITH_RESULTS:
        return bool(row.has_results)
    return row.has_problem


def smart_counts(rows: Iterable[TrialRow]) -> dict[SmartList, int]:
    """How many rows each smart list shows, in one pass (the same tests as :func:`smart_list_accepts`).

    Cheap enough (a few ms for 10,000 rows) to run after every incremental update.
    """
    tracked = candidates = starred = changed = recruiting = results = problems = 0
    for r in rows:
        if r.candidate:
            candidates += 1
            continue
        tracked += 1
        starred += r.starred
        changed += r.unreviewed > 0
        recruiting += r.status in RECRUITING_STATUSES
        results += bool(r.has_results)
        problems += r.not_found or bool(r.last_error)
    return {
        SmartList.ALL: tracked,
        SmartList.STARRED: starred,
        SmartList.CHANGED: changed,
        SmartList.RECRUITING: recruiting,
        SmartList.WITH_RESULTS: results,
        SmartList.PROBLEMS: problems,
        SmartList.CANDIDATES: candidates,
    }


def tag_counts(rows: Iterable[TrialRow]) -> Counter[str]:
    """How many tracked rows carry each tag."""
    counts: Counter[str] = Counter()
    for r in rows:
        if r.tags and not r.candidate:
            counts.update(r.tags)
    return counts
