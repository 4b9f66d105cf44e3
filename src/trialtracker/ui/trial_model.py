"""The trial table: a Qt model over plain rows (:class:`~trialtracker.services.listing.TrialRow`).

``SORT_ROLE`` gives real values (dates, ints, a status order) and the proxy
compares those, never the display strings.

A full reset (:meth:`TrialTableModel.set_rows`) happens only when every row is
read again (start-up, after a refresh). A write re-reads just its rows and hands
them to :meth:`TrialTableModel.replace_rows`, which updates them in place
(``dataChanged`` for those rows only), inserts new ones and removes gone ones;
the proxy then re-filters and re-sorts only those rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from trialtracker.domain.geo import distance_text
from trialtracker.domain.phases import phase_label
from trialtracker.domain.records import PartialDate
from trialtracker.domain.statuses import NOT_FOUND_LABEL, status_label, status_order
from trialtracker.domain.team import shown_tags
from trialtracker.services.listing import RowTally, SmartList, TrialRow
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP
from trialtracker.ui.plain import plain_tooltip
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
    COL_NEAREST,
) = range(13)
COLUMN_COUNT = COL_NEAREST + 1

#: The columns' titles and tips, in English (:func:`header_text` and :func:`header_tip` translate them).
HEADERS = {
    COL_NCT: QT_TRANSLATE_NOOP("TrialTableModel", "NCT ID"),
    COL_TITLE: QT_TRANSLATE_NOOP("TrialTableModel", "Title"),
    COL_STATUS: QT_TRANSLATE_NOOP("TrialTableModel", "Status"),
    COL_PHASE: QT_TRANSLATE_NOOP("TrialTableModel", "Phase"),
    COL_CELL_TYPE: QT_TRANSLATE_NOOP("TrialTableModel", "Cell type"),
    COL_MS_TYPE: QT_TRANSLATE_NOOP("TrialTableModel", "MS type"),
    COL_LAST_UPDATE: QT_TRANSLATE_NOOP("TrialTableModel", "Last update posted"),
    COL_LAST_REFRESHED: QT_TRANSLATE_NOOP("TrialTableModel", "Last refreshed"),
    COL_CHANGES: QT_TRANSLATE_NOOP("TrialTableModel", "Changes"),
    COL_NOTES: QT_TRANSLATE_NOOP("TrialTableModel", "Notes"),
    COL_STAR: "★",
    COL_TAGS: QT_TRANSLATE_NOOP("TrialTableModel", "Tags"),
    COL_NEAREST: QT_TRANSLATE_NOOP("TrialTableModel", "Nearest open site"),
}
HEADER_TIPS = {
    COL_CHANGES: QT_TRANSLATE_NOOP("TrialTableModel", "Changes since you last reviewed this trial"),
    COL_NOTES: QT_TRANSLATE_NOOP("TrialTableModel", "Your notes"),
    COL_STAR: QT_TRANSLATE_NOOP("TrialTableModel", "Starred"),
    COL_LAST_UPDATE: QT_TRANSLATE_NOOP(
        "TrialTableModel", "When the registry record was last updated by the sponsor"
    ),
    COL_LAST_REFRESHED: QT_TRANSLATE_NOOP("TrialTableModel", "When Trial Tracker last fetched this trial"),
    COL_NEAREST: QT_TRANSLATE_NOOP(
        "TrialTableModel",
        "The nearest site the registry lists as recruiting, as the crow flies from your home place "
        "(Preferences)",
    ),
}


def header_text(col: int) -> str | None:
    """Column ``col``'s title in the user's language (None past the last column)."""
    name = HEADERS.get(col)
    return None if name is None else QCoreApplication.translate("TrialTableModel", name)


def header_tip(col: int) -> str | None:
    """Column ``col``'s tooltip: its tip, else its title."""
    tip = HEADER_TIPS.get(col)
    return header_text(col) if tip is None else QCoreApplication.translate("TrialTableModel", tip)


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4  # raw status code, for the badge delegate

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_HANDLED_ROLES = frozenset(
    {_DISPLAY, _FONT, _ALIGN, _TOOLTIP, SORT_ROLE, FILTER_ROLE, ROW_ROLE, STATUS_ROLE, _ACCESSIBLE}
)

STAR_MARK = "★"
NOTE_MARK = "✎"
CHANGE_MARK = "●"


#: Above this many separate runs of changed rows, one ``dataChanged`` covers them all (each signal makes
#: the filter proxy place its rows again: 500 scattered rows were 500 passes over 10,000).
_MAX_RUNS = 8


def _runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """``[7, 3, 4, 5]`` -> ``[(3, 5), (7, 7)]``: sorted runs of consecutive positions."""
    runs: list[tuple[int, int]] = []
    for p in sorted(set(positions)):
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs


def _date_key(value: str | None) -> dt.date | None:
    """``2019-03`` / ``2019-03-14`` / ``2019`` as a date (partial dates: first day)."""
    return PartialDate(value).as_date() if value else None


class TrialTableModel(QAbstractTableModel):
    """The tracked trials (and new candidates), one row per :class:`TrialRow`, indexed by NCT ID.

    Threading rules: UI thread only; rows are read elsewhere (a task) and handed in.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TrialRow] = []
        self._index: dict[str, int] = {}
        self._sort_keys: dict[int, list[Any]] = {}
        self.tally = RowTally.of(())  # counts beside the lists, kept up to date row by row
        self._bold = QFont()
        self._bold.setBold(True)
        self.miles = False  # distances in miles (the window sets it from the user's locale)

    # -- data in -------------------------------------------------------------------

    def set_rows(self, rows: Sequence[TrialRow], tally: RowTally | None = None) -> None:
        """Replace every row (a model reset): after a full read only. ``tally``: the rows' counts, if
        they were counted already (in the background, for 10,000 rows: 20 ms less on the UI thread)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self._sort_keys.clear()
        self.tally = tally if tally is not None else RowTally.of(self._rows)
        self.endResetModel()

    def replace_rows(self, ids: Iterable[str], rows: Iterable[TrialRow]) -> None:
        """Make the model agree with a fresh read of ``ids``: ``rows`` are what is left of them.

        Rows already shown are updated, new ones inserted, and IDs without a row removed.
        """
        fresh = list(rows)
        present = {r.nct_id for r in fresh}
        gone = [nct for nct in dict.fromkeys(ids) if nct not in present and nct in self._index]
        new = self.update_rows(fresh)
        if new:
            self.insert_rows(new)
        if gone:
            self.remove_rows(gone)

    def update_rows(self, rows: Iterable[TrialRow]) -> list[TrialRow]:
        """Replace the shown rows with the same NCT IDs; ``dataChanged`` for just those rows.

        Returns the rows that are not in the model (nothing is done with them).
        """
        missing: list[TrialRow] = []
        changed: list[int] = []
        for row in rows:
            i = self._index.get(row.nct_id)
            if i is None:
                missing.append(row)
                continue
            self.tally.remove((self._rows[i],))
            self.tally.add((row,))
            self._rows[i] = row
            for col, keys in self._sort_keys.items():  # only this row's cached keys go stale
                keys[i] = self._sort_value(row, col)
            changed.append(i)
        runs = _runs(changed)
        if len(runs) > _MAX_RUNS:  # many scattered rows: one signal over their span, not one per run
            runs = [(runs[0][0], runs[-1][1])]
        for first, last in runs:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))
        return missing

    def insert_rows(self, rows: Sequence[TrialRow]) -> None:
        """Append rows (the proxy sorts them into place)."""
        rows = [r for r in rows if r.nct_id not in self._index]
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.tally.add(rows)
        for i, row in enumerate(rows, start=first):
            self._index[row.nct_id] = i
        for col, keys in self._sort_keys.items():
            keys.extend(self._sort_value(r, col) for r in rows)
        self.endInsertRows()

    def remove_rows(self, ids: Collection[str]) -> None:
        """Remove the rows of ``ids`` (unknown IDs are ignored)."""
        positions = sorted((self._index[nct] for nct in set(ids) if nct in self._index), reverse=True)
        for first, last in reversed(_runs(positions)):  # from the end, so earlier positions hold
            self.beginRemoveRows(QModelIndex(), first, last)
            self.tally.remove(self._rows[first : last + 1])
            del self._rows[first : last + 1]
            for keys in self._sort_keys.values():
                del keys[first : last + 1]
            self._reindex()
            self.endRemoveRows()

    def _reindex(self) -> None:
        self._index = {r.nct_id: i for i, r in enumerate(self._rows)}

    def sort_keys(self, col: int) -> list[Any]:
        """Sort values of a whole column, computed once per reset (sorting 10k rows asks ~150k times)."""
        keys = self._sort_keys.get(col)
        if keys is None:
            keys = self._sort_keys[col] = [self._sort_value(r, col) for r in self._rows]
        return keys

    def rows(self) -> list[TrialRow]:
        return list(self._rows)

    def rows_view(self) -> list[TrialRow]:
        """The model's own list, not a copy: read it, never change it (the proxy reads it per keystroke)."""
        return self._rows

    def candidate_ids(self) -> list[str]:
        """NCT IDs of the candidate rows (trials a saved search found, not tracked)."""
        return [r.nct_id for r in self._rows if r.candidate]

    def tracked_count(self) -> int:
        """Rows that are tracked trials (not candidates)."""
        return self.tally.smart[SmartList.ALL]

    def row_at(self, row: int) -> TrialRow:
        return self._rows[row]

    def row_of(self, nct_id: str) -> int:
        """The source row of ``nct_id``, or -1."""
        return self._index.get(nct_id, -1)

    def find(self, nct_id: str | None) -> TrialRow | None:
        i = self._index.get(nct_id, -1) if nct_id is not None else -1
        return self._rows[i] if i >= 0 else None

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
            return header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tip(section)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, source_row: int, col: int, role: int = _DISPLAY) -> Any:
        """What :meth:`data` gives, without building an index (the proxy asks for every painted cell).

        Roles are plain ints compared with module constants: a paint asks ~2,000 times."""
        if role not in _HANDLED_ROLES or not 0 <= source_row < len(self._rows):
            return None
        row = self._rows[source_row]
        if role == _DISPLAY:
            return self._display(row, col)
        if role == _FONT:
            return self._bold if row.unreviewed and col in (COL_NCT, COL_TITLE, COL_CHANGES) else None
        if role == _ALIGN:
            return _CENTER if col in (COL_CHANGES, COL_NOTES, COL_STAR) else None
        if role == STATUS_ROLE:
            return NOT_FOUND if row.not_found else row.status
        if role == SORT_ROLE:
            return self._sort_value(row, col)
        if role == FILTER_ROLE:
            return row.search_text
        if role == ROW_ROLE:
            return row
        if role == _ACCESSIBLE:
            return self._spoken(row, col)
        return plain_tooltip(self._tooltip(row, col)) or None  # ToolTipRole: titles, tags, errors as written

    def _tags_text(self, row: TrialRow) -> str:
        """The row's tags, the member's own (unseen by the rest of the team) marked."""
        if not row.personal_tags:  # the common case: no translation looked up per painted cell
            return ", ".join(row.tags)
        return shown_tags(row.tags, row.personal_tags, self.tr("only you"))

    def _relative(self, when: dt.datetime | None, now: dt.datetime | None = None) -> str:
        if when is None:
            return self.tr("never")
        now = now or dt.datetime.now(dt.UTC)
        delta = now - when
        if delta < dt.timedelta(minutes=1):
            return self.tr("just now")
        if delta < dt.timedelta(hours=1):
            return self.tr("%n min ago", "", int(delta.total_seconds() // 60))
        if delta < dt.timedelta(days=1):
            return self.tr("%n h ago", "", int(delta.total_seconds() // 3600))
        return when.astimezone().strftime("%Y-%m-%d")

    def _display(self, row: TrialRow, col: int) -> str:
        if col == COL_NCT:
            return row.nct_id
        if col == COL_TITLE:
            return (
                self.tr("New candidate — {title}").format(title=row.display_title)
                if row.candidate
                else row.display_title
            )
        if col == COL_STATUS:
            return NOT_FOUND_LABEL if row.not_found else status_label(row.status)
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
            return "" if row.candidate else self._relative(row.last_refreshed)
        if col == COL_CHANGES:
            return f"{CHANGE_MARK} {row.unreviewed}" if row.unreviewed else ""
        if col == COL_NOTES:
            return f"{NOTE_MARK} {row.note_count}" if row.note_count else ""
        if col == COL_STAR:
            return STAR_MARK if row.starred else ""
        if col == COL_TAGS:
            return self._tags_text(row)
        if col == COL_NEAREST:
            if row.nearest_km is None:
                return ""
            city = (row.nearest_site or "").split(",")[0]
            return f"{distance_text(row.nearest_km, miles=self.miles)} {city}".strip()
        return ""

    def _spoken(self, row: TrialRow, col: int) -> str:
        """What a screen reader says for a cell: words for the symbol columns (★, ✎ 2, ● 1)."""
        if col == COL_STAR:
            return self.tr("starred") if row.starred else self.tr("not starred")
        if col == COL_NOTES:
            return self.tr("%n note(s)", "", row.note_count) if row.note_count else self.tr("no notes")
        if col == COL_CHANGES:
            n = row.unreviewed
            return self.tr("%n unreviewed change(s)", "", n) if n else self.tr("no unreviewed changes")
        return self._display(row, col)

    def _sort_value(self, row: TrialRow, col: int) -> Any:
        if col == COL_NCT:
            return row.nct_id
        if col == COL_TITLE:
            return row.display_title.casefold()
        if col == COL_STATUS:
            return status_order(row.status, not_found=row.not_found)
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
        if col == COL_NEAREST:
            return row.nearest_km
        return None

    def _tooltip(self, row: TrialRow, col: int) -> str | None:
        if col == COL_TITLE:
            return row.display_title
        if col == COL_STATUS and row.last_error:
            said = self.tr("{status} — last refresh: {error}")
            return said.format(status=status_label(row.status), error=row.last_error)
        if col == COL_CHANGES and row.unreviewed:
            return self.tr("%n unreviewed change(s)", "", row.unreviewed)
        if col == COL_NOTES and row.note_count:
            return self.tr("%n note(s)", "", row.note_count)
        if col == COL_LAST_REFRESHED and row.last_refreshed is not None:
            return row.last_refreshed.astimezone().strftime("%Y-%m-%d %H:%M")
        if col == COL_CELL_TYPE:
            return row.cell_type or self.tr("Cell type guessed from the registry record")
        if col == COL_TAGS and row.tags:
            return self._tags_text(row)
        if col == COL_NEAREST and row.nearest_km is not None:
            far = distance_text(row.nearest_km, miles=self.miles)
            said = self.tr("Nearest site listed as recruiting: {site}, {distance} away")
            return said.format(site=row.nearest_site or self.tr("a site"), distance=far)
        return None
