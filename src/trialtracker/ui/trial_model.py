"""The trial table: plain row snapshots read from the store, a Qt model over them, and a filter proxy.

Rows are frozen dataclasses built in one read (:func:`load_rows`); no live ORM
object ever reaches a view, so a background refresh can never race a paint.
``SORT_ROLE`` gives real values (dates, ints, a status order) and the proxy
compares those, never the display strings.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from sqlalchemy.orm import Session

from trialtracker.ctgov.records import PartialDate
from trialtracker.render import phase_label, status_label
from trialtracker.store import trials as ops
from trialtracker.ui.status_badge import NOT_FOUND

ModelIndex = QModelIndex | QPersistentModelIndex

(
    COL_NCT,
    COL_TITLE,
    COL_STATUS,
    COL_PHASE,
    COL_CELL_TYPE,
    COL_MS_TYPE,
    COL_LAST_UPDATE,
    COL_LAST_REFRESHED,
    COL_CHANGES,
    COL_NOTES,
    COL_STAR,
    COL_TAGS,
) = range(12)
COLUMN_COUNT = 12

HEADERS = {
    COL_NCT: "NCT ID",
    COL_TITLE: "Title",
    COL_STATUS: "Status",
    COL_PHASE: "Phase",
    COL_CELL_TYPE: "Cell type",
    COL_MS_TYPE: "MS type",
    COL_LAST_UPDATE: "Last update posted",
    COL_LAST_REFRESHED: "Last refreshed",
    COL_CHANGES: "Changes",
    COL_NOTES: "Notes",
    COL_STAR: "★",
    COL_TAGS: "Tags",
}
HEADER_TIPS = {
    COL_CHANGES: "Changes since you last reviewed this trial",
    COL_NOTES: "Your notes",
    COL_STAR: "Starred",
    COL_LAST_UPDATE: "When the registry record was last updated by the sponsor",
    COL_LAST_REFRESHED: "When Trial Tracker last fetched this trial",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4  # raw status code, for the badge delegate

STAR_MARK = "★"
NOTE_MARK = "✎"
CHANGE_MARK = "●"

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


def load_rows(session: Session, *, include_candidates: bool = True) -> list[TrialRow]:
    """Read every tracked trial (and new discovery candidates) into plain rows.

    Selects only the columns the table and the search need (no ORM objects, no
    locations or raw JSON): this is what a start with 10,000 trials waits for.
    """
    from sqlalchemy import literal_column, select

    from trialtracker.discovery import new_candidates
    from trialtracker.store.models import Tag, Trial, TrialTag

    note_counts = ops.note_counts(session)
    unreviewed = ops.unreviewed_counts(session)
    note_bodies: dict[str, list[str]] = defaultdict(list)
    for note in ops.notes(session):
        note_bodies[note.nct_id].append(note.body)
    tags: dict[int, list[str]] = defaultdict(list)
    for trial_id, name in session.execute(
        select(TrialTag.trial_id, Tag.name).join(Tag, Tag.id == TrialTag.tag_id).order_by(Tag.name)
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
    for t in session.execute(select(*columns).order_by(Trial.nct_id)):
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
                note_count=note_counts.get(t.nct_id, 0),
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
    if include_candidates:
        for c in new_candidates(session):
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


def smart_counts(rows: Sequence[TrialRow]) -> dict[SmartList, int]:
    return {smart: sum(1 for r in rows if smart_list_accepts(smart, r)) for smart in SmartList}


def _date_key(value: str | None) -> dt.date | None:
    """``2019-03`` / ``2019-03-14`` / ``2019`` as a date (partial dates: first day)."""
    return PartialDate(value).as_date() if value else None


def _relative(when: dt.datetime | None, now: dt.datetime | None = None) -> str:
    if when is None:
        return "never"
    now = now or dt.datetime.now(dt.UTC)
    delta = now - when
    if delta < dt.timedelta(minutes=1):
        return "just now"
    if delta < dt.timedelta(hours=1):
        return f"{int(delta.total_seconds() // 60)} min ago"
    if delta < dt.timedelta(days=1):
        return f"{int(delta.total_seconds() // 3600)} h ago"
    return when.astimezone().strftime("%Y-%m-%d")


class TrialTableModel(QAbstractTableModel):
    """The tracked trials, one row per :class:`TrialRow`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TrialRow] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- data in -------------------------------------------------------------------

    def set_rows(self, rows: Sequence[TrialRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys.clear()
        self.endResetModel()

    def sort_keys(self, col: int) -> list[Any]:
        """Sort values of a whole column, computed once per reset (sorting 10k rows asks ~150k times)."""
        keys = self._sort_keys.get(col)
        if keys is None:
            keys = self._sort_keys[col] = [self._sort_value(r, col) for r in self._rows]
        return keys

    def load(self, session: Session) -> None:
        self.set_rows(load_rows(session))

    def rows(self) -> list[TrialRow]:
        return list(self._rows)

    def row_at(self, row: int) -> TrialRow:
        return self._rows[row]

    def row_of(self, nct_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.nct_id == nct_id:
                return i
        return -1

    # -- Qt API --------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section, HEADERS.get(section))
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_value(row, col)
        if role == FILTER_ROLE:
            return row.search_text
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE:
            return NOT_FOUND if row.not_found else row.status
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_CHANGES, COL_NOTES, COL_STAR):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and row.unreviewed and col in (COL_NCT, COL_TITLE, COL_CHANGES):
            return self._bold
        return None

    def _display(self, row: TrialRow, col: int) -> str:
        if col == COL_NCT:
            return row.nct_id
        if col == COL_TITLE:
            return ("New candidate — " if row.candidate else "") + row.display_title
        if col == COL_STATUS:
            return "Not found" if row.not_found else status_label(row.status)
        if col == COL_PHASE:
            return (
                phase_label(list(row.phases), row.catalog_phase) if (row.phases or row.catalog_phase) else ""
            )
        if col == COL_CELL_TYPE:
            return "" if row.candidate and not row.cell_type else row.cell_group.value
        if col == COL_MS_TYPE:
            return row.ms_type or ""
        if col == COL_LAST_UPDATE:
            return row.last_update_posted or ""
        if col == COL_LAST_REFRESHED:
            return "" if row.candidate else _relative(row.last_refreshed)
        if col == COL_CHANGES:
            return f"{CHANGE_MARK} {row.unreviewed}" if row.unreviewed else ""
        if col == COL_NOTES:
            return f"{NOTE_MARK} {row.note_count}" if row.note_count else ""
        if col == COL_STAR:
            return STAR_MARK if row.starred else ""
        if col == COL_TAGS:
            return ", ".join(row.tags)
        return ""

    def _sort_value(self, row: TrialRow, col: int) -> Any:
        if col == COL_NCT:
            return row.nct_id
        if col == COL_TITLE:
            return row.display_title.casefold()
        if col == COL_STATUS:
            if row.not_found:
                return len(STATUS_ORDER) + 1
            if row.status is None:
                return len(STATUS_ORDER) + 2
            return STATUS_ORDER.get(row.status, len(STATUS_ORDER))
        if col == COL_PHASE:
            return phase_label(list(row.phases), row.catalog_phase).casefold()
        if col == COL_CELL_TYPE:
            return (row.cell_group.value, (row.cell_type or "").casefold())
        if col == COL_MS_TYPE:
            return (row.ms_type or "").casefold()
        if col == COL_LAST_UPDATE:
            return _date_key(row.last_update_posted)
        if col == COL_LAST_REFRESHED:
            return row.last_refreshed
        if col == COL_CHANGES:
            return row.unreviewed
        if col == COL_NOTES:
            return row.note_count
        if col == COL_STAR:
            return int(row.starred)
        if col == COL_TAGS:
            return ", ".join(row.tags).casefold()
        return None

    def _tooltip(self, row: TrialRow, col: int) -> str | None:
        if col == COL_TITLE:
            return row.display_title
        if col == COL_STATUS and row.last_error:
            return f"{status_label(row.status)} — last refresh: {row.last_error}"
        if col == COL_CHANGES and row.unreviewed:
            return f"{row.unreviewed} unreviewed change{'s' if row.unreviewed != 1 else ''}"
        if col == COL_NOTES and row.note_count:
            return f"{row.note_count} note{'s' if row.note_count != 1 else ''}"
        if col == COL_LAST_REFRESHED and row.last_refreshed is not None:
            return row.last_refreshed.astimezone().strftime("%Y-%m-%d %H:%M")
        if col == COL_CELL_TYPE:
            return row.cell_type or "Cell type guessed from the registry record"
        if col == COL_TAGS and row.tags:
            return ", ".join(row.tags)
        return None


class TrialFilterProxy(QSortFilterProxyModel):
    """Search words, status, cell-type group, tag and smart-list filters; sorts on ``SORT_ROLE``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str | None = None
        self._group: CellGroup | None = None
        self._tag: str | None = None
        self._smart = SmartList.ALL
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    # -- setters -------------------------------------------------------------------

    def _changed(self) -> None:
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._words = words
            self._changed()

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self._status = status
            self._changed()

    def set_cell_group(self, group: CellGroup | None) -> None:
        if group != self._group:
            self._group = group
            self._changed()

    def set_tag(self, tag: str | None) -> None:
        if tag != self._tag:
            self._tag = tag
            self._changed()

    def set_smart_list(self, smart: SmartList) -> None:
        if smart != self._smart:
            self._smart = smart
            self._changed()

    @property
    def smart_list(self) -> SmartList:
        return self._smart

    @property
    def tag(self) -> str | None:
        return self._tag

    def is_filtered(self) -> bool:
        """True when something beyond the smart list narrows the rows (for the empty state)."""
        return bool(self._words or self._status or self._group or self._tag)

    # -- Qt overrides --------------------------------------------------------------

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TrialTableModel):
            return True
        row = model.row_at(source_row)
        if not smart_list_accepts(self._smart, row):
            return False
        if self._status is not None and row.status != self._status:
            return False
        if self._group is not None and row.cell_group is not self._group:
            return False
        if self._tag is not None and self._tag not in row.tags:
            return False
        return all(word in row.search_text for word in self._words)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        model = self.sourceModel()
        if isinstance(model, TrialTableModel):
            keys = model.sort_keys(left.column())
            a, b = keys[left.row()], keys[right.row()]
        else:
            a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        # Missing values sort after present ones (ascending), ties broken by NCT ID.
        if a is None or b is None:
            if a is None and b is None:
                return bool(self._tie(left, right))
            return b is None
        if a == b:
            return bool(self._tie(left, right))
        return bool(a < b)

    def _tie(self, left: ModelIndex, right: ModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TrialTableModel):
            return False
        return model.row_at(left.row()).nct_id < model.row_at(right.row()).nct_id
