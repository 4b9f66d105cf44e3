"""The main window: lists on the left, the trial table, and the selected trial on the right.

Every user action is one store transaction followed by :meth:`MainWindow.reload`,
which rebuilds plain rows from the database and keeps the selection. Refresh
runs in a worker thread; its outcome is a calm banner, never a stack of dialogs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from trialtracker.ctgov.client import CtGovClient, resolve_api_url
from trialtracker.paths import DataPaths, resource
from trialtracker.refresh import FieldChange, RefreshSummary, last_run, last_successful_refresh
from trialtracker.render import field_label, status_label
from trialtracker.store import trials as ops
from trialtracker.store.db import Store, StoreError
from trialtracker.ui.detail_pane import DetailPane, change_value
from trialtracker.ui.notes_panel import NotesPanel
from trialtracker.ui.refresh_worker import RefreshController
from trialtracker.ui.settings import AppSettings
from trialtracker.ui.status_badge import StatusBadgeDelegate
from trialtracker.ui.topic_browser import TopicBrowser
from trialtracker.ui.trial_model import (
    COL_CELL_TYPE,
    COL_CHANGES,
    COL_LAST_REFRESHED,
    COL_LAST_UPDATE,
    COL_MS_TYPE,
    COL_NCT,
    COL_NOTES,
    COL_PHASE,
    COL_STAR,
    COL_STATUS,
    COL_TAGS,
    COL_TITLE,
    HEADERS,
    STATUS_ORDER,
    STATUS_ROLE,
    CellGroup,
    SmartList,
    TrialFilterProxy,
    TrialRow,
    TrialTableModel,
    load_rows,
    smart_counts,
)

log = logging.getLogger(__name__)

PREFERRED_TRIAL = "NCT00273364"
DEFAULT_SIZE = (1280, 800)
COLUMN_WIDTHS = {
    COL_STAR: 30,
    COL_NCT: 108,
    COL_TITLE: 300,
    COL_STATUS: 160,
    COL_PHASE: 120,
    COL_CELL_TYPE: 74,
    COL_MS_TYPE: 120,
    COL_LAST_UPDATE: 128,
    COL_LAST_REFRESHED: 110,
    COL_CHANGES: 68,
    COL_NOTES: 54,
    COL_TAGS: 140,
}
HIDDEN_BY_DEFAULT = (COL_MS_TYPE, COL_LAST_REFRESHED, COL_PHASE, COL_LAST_UPDATE, COL_TAGS)
SMART_ROLE = Qt.ItemDataRole.UserRole + 10
TAG_ROLE = Qt.ItemDataRole.UserRole + 11
BANNER_INFO, BANNER_WARNING = "info", "warning"


SEARCH_DEBOUNCE_ROWS = 2000
SEARCH_DEBOUNCE_MS = 150

def summary_changes_text(changes: Sequence[FieldChange], limit: int = 3) -> str:
    """``3 trials changed: NCT… now Completed; NCT… enrollment 40 → 80; …``."""
    by_trial: dict[str, list[FieldChange]] = {}
    for change in changes:
        by_trial.setdefault(change.nct_id, []).append(change)
    if not by_trial:
        return ""
    parts = []
    for nct, items in list(by_trial.items())[:limit]:
        status = next((c for c in items if c.field == "overall_status"), None)
        if status is not None:
            parts.append(f"{nct} now {change_value('overall_status', status.new)}")
        else:
            c = items[0]
            more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
            parts.append(
                f"{nct} {field_label(c.field).lower()} {change_value(c.field, c.old)} → "
                f"{change_value(c.field, c.new)}{more}"
            )
    n = len(by_trial)
    text = f"{n} trial{'s' if n != 1 else ''} changed: " + "; ".join(parts)
    if n > limit:
        text += f"; and {n - limit} more"
    return text


class Banner(QFrame):
    """A dismissible strip at the top of the table: refresh outcome and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.show_button = QPushButton("Show changed trials")
        self.review_button = QPushButton("Mark all reviewed")
        self.retry_button = QPushButton("Try again")
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("bannerClose")
        self.close_button.setFlat(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        for button in (self.show_button, self.review_button, self.retry_button, self.close_button):
            layout.addWidget(button)
        self.hide()

    def show_message(
        self, text: str, kind: str = BANNER_INFO, *, changes: bool = False, retry: bool = False
    ) -> None:
        dark = self.palette().color(self.backgroundRole()).lightness() < 128
        if kind == BANNER_WARNING:
            bg, fg, border = ("#4d3a0f", "#ffe7a8", "#8a6a1f") if dark else ("#fff4d6", "#5a3a00", "#e8c66a")
        else:
            bg, fg, border = ("#17384a", "#d6efff", "#2f6a8a") if dark else ("#e5f3fb", "#0b3a52", "#9fcbe3")
        self.setStyleSheet(
            f"QFrame#banner {{ background: {bg}; border: 1px solid {border}; border-radius: 6px; }}"
            f"QLabel#bannerText {{ color: {fg}; }}"
        )
        self.label.setText(text)
        self.show_button.setVisible(changes)
        self.review_button.setVisible(changes)
        self.retry_button.setVisible(retry)
        self.show()


class MainWindow(QMainWindow):
    """The Trial Tracker window over one open store."""

    def __init__(
        self,
        store: Store,
        paths: DataPaths | None = None,
        *,
        api_url: str | None = None,
        auto_refresh: bool = True,
        remember: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.paths = paths or store.paths
        self.settings = AppSettings()
        self._api_url = api_url
        self._remember = remember
        self._topic_browser: TopicBrowser | None = None
        self._rows: list[TrialRow] = []
        self._last_error: str | None = None

        self.setWindowTitle("Trial Tracker")
        icon_path = resource("icons", "trialtracker.svg")
        if icon_path.exists():
            self.setWindowIcon(QIcon(str(icon_path)))
        self.resize(*DEFAULT_SIZE)

        self.model = TrialTableModel(self)
        self.proxy = TrialFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.refresher = RefreshController(store, self.client_factory, self)
        self.refresher.started.connect(self._on_refresh_started)
        self.refresher.progress.connect(self._on_refresh_progress)
        self.refresher.finished.connect(self._on_refresh_finished)
        self.refresher.failed.connect(self._on_refresh_failed)
        self.refresher.stopped.connect(self._on_refresh_stopped)

        self._build_actions()
        self._build_ui()
        self.reload()
        if remember:
            self._restore_state()
        self._update_last_refresh_label()
        self._update_actions()
        if auto_refresh:
            QTimer.singleShot(1500, self._maybe_refresh_on_start)

    # ------------------------------------------------------------------ building

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        icon: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon:
            themed = QIcon.fromTheme(icon)
            if not themed.isNull():
                action.setIcon(themed)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text} ({shown})" if shown else (tip or text))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_refresh = self._action(
            "Refresh", self.start_refresh, QKeySequence.StandardKey.Refresh,
            "Fetch the latest records from ClinicalTrials.gov", "view-refresh",
        )  # fmt: skip
        if self.act_refresh.shortcut().toString() != "F5":
            self.act_refresh.setShortcuts([QKeySequence("F5"), *self.act_refresh.shortcuts()])
        self.act_cancel = self._action(
            "Cancel", self.cancel_refresh, None, "Stop the refresh", "process-stop"
        )
        self.act_add = self._action("Add trials…", self.add_trials_dialog, "Ctrl+N", "Track trials by NCT ID",
                                    "list-add")  # fmt: skip
        self.act_discover = self._action(
            "Discover…", self.discover_dialog, "Ctrl+D", "Search the registry for MS stem-cell trials",
            "system-search",
        )  # fmt: skip
        self.act_remove = self._action("Remove", self.remove_selected, QKeySequence.StandardKey.Delete,
                                       "Stop tracking the selected trials (notes are kept)",
                                       "list-remove")  # fmt: skip
        self.act_star = self._action("Star", self.toggle_star, "Ctrl+S", "Star or unstar the selected trials")
        self.act_tag = self._action("Tag…", self.tag_dialog, "Ctrl+T", "Edit the tags of the selected trials")
        self.act_review = self._action(
            "Mark reviewed", self.mark_selected_reviewed, "Ctrl+R",
            "You have seen the changes of the selected trials",
        )  # fmt: skip
        self.act_review_all = self._action("Mark all reviewed", self.mark_all_reviewed)
        self.act_topics = self._action("Topics", self.show_topics, "F1", "Plain-language background reading",
                                       "help-contents")  # fmt: skip
        self.act_prefs = self._action("Preferences…", self.preferences_dialog, "Ctrl+,",
                                      "Registry address, pace and refresh on start")  # fmt: skip
        self.act_about = self._action("About", self.about_dialog, None, "About Trial Tracker")
        self.act_find = self._action(
            "Find", self.focus_search, QKeySequence.StandardKey.Find, "Search trials"
        )
        self.act_all_notes = self._action("All notes…", self.show_all_notes, "Ctrl+Shift+N",
                                          "Search the notes of every trial")  # fmt: skip
        self.act_cancel.setEnabled(False)
        # Keys that edit the selection only act while the table has focus, so Delete or
        # Ctrl+S typed in the notes editor never remove or star a trial.
        for action in (self.act_remove, self.act_star, self.act_tag, self.act_review):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.removeAction(action)

    def _build_ui(self) -> None:
        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.act_refresh, self.act_cancel, None, self.act_add, self.act_discover,
                       self.act_remove, None, self.act_star, self.act_tag, self.act_review, None,
                       self.act_topics, self.act_prefs, self.act_about):  # fmt: skip
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        self.addToolBar(toolbar)

        # Sidebar: smart lists and tags.
        self.sidebar = QTreeWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setHeaderHidden(True)
        self.sidebar.setRootIsDecorated(False)
        self.sidebar.setIndentation(10)
        self.sidebar.setUniformRowHeights(True)
        self.sidebar.itemSelectionChanged.connect(self._on_sidebar)
        self.sidebar.itemActivated.connect(self._on_sidebar_activated)
        self._lists_root = QTreeWidgetItem(["Lists"])
        self._tags_root = QTreeWidgetItem(["Tags"])
        self._notes_root = QTreeWidgetItem(["Notes"])
        for root in (self._lists_root, self._tags_root, self._notes_root):
            root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = root.font(0)
            font.setBold(True)
            root.setFont(0, font)
            self.sidebar.addTopLevelItem(root)
        self._smart_items: dict[SmartList, QTreeWidgetItem] = {}
        for smart in SmartList:
            item = QTreeWidgetItem([smart.value])
            item.setData(0, SMART_ROLE, smart.name)
            self._lists_root.addChild(item)
            self._smart_items[smart] = item
        self._all_notes_item = QTreeWidgetItem(["All notes…"])
        self._all_notes_item.setToolTip(0, "Search the notes of every trial")
        self._notes_root.addChild(self._all_notes_item)
        self.sidebar.expandAll()
        self.sidebar.setItemsExpandable(False)

        # Filters row.
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search titles, sponsors, conditions, tags and your notes…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._on_search)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setToolTip("Show only trials with this status")
        self.status_filter.currentIndexChanged.connect(self._on_status_filter)
        self.cell_filter = QComboBox()
        self.cell_filter.setObjectName("cellFilter")
        self.cell_filter.setToolTip("Show only one family of cell therapy")
        self.cell_filter.addItem("All cell types", None)
        for group, label in (
            (CellGroup.MSC, "MSC (mesenchymal)"),
            (CellGroup.HSCT, "HSCT (blood stem cells)"),
            (CellGroup.NEURAL, "Neural stem cells"),
            (CellGroup.OTHER, "Other cell types"),
        ):
            self.cell_filter.addItem(label, group.name)
        self.cell_filter.currentIndexChanged.connect(self._on_cell_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setEnabled(False)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.cell_filter)
        filters.addWidget(self.count_label)

        self.banner = Banner()
        self.banner.show_button.clicked.connect(lambda: self.select_smart_list(SmartList.CHANGED))
        self.banner.review_button.clicked.connect(self.mark_all_reviewed)
        self.banner.retry_button.clicked.connect(self.start_refresh)

        # Table.
        self.table = QTableView()
        self.table.setObjectName("trialTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.setItemDelegateForColumn(COL_STATUS, StatusBadgeDelegate(STATUS_ROLE, parent=self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        for action in (self.act_remove, self.act_star, self.act_tag, self.act_review):
            self.table.addAction(action)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._apply_default_columns()
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        # Empty state.
        self.empty = QWidget()
        self.empty.setObjectName("emptyState")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_add = QPushButton("Add trials…")
        self.empty_add.clicked.connect(self.add_trials_dialog)
        self.empty_discover = QPushButton("Discover…")
        self.empty_discover.clicked.connect(self.discover_dialog)
        self.empty_clear = QPushButton("Clear filters")
        self.empty_clear.clicked.connect(self.clear_filters)
        eb = QHBoxLayout()
        eb.addStretch(1)
        for button in (self.empty_add, self.empty_discover, self.empty_clear):
            eb.addWidget(button)
        eb.addStretch(1)
        el = QVBoxLayout(self.empty)
        el.addStretch(1)
        el.addWidget(self.empty_label)
        el.addLayout(eb)
        el.addStretch(2)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)

        center = QWidget()
        cl = QVBoxLayout(center)
        cl.setContentsMargins(6, 6, 6, 0)
        cl.setSpacing(6)
        cl.addWidget(self.banner)
        cl.addLayout(filters)
        cl.addWidget(self.table_stack, 1)

        # Right: details and notes.
        self.detail = DetailPane(self.store)
        self.detail.topicRequested.connect(self.open_topic)
        self.detail.topicLinksChanged.connect(self._on_topic_links_changed)
        self.detail.markReviewedRequested.connect(lambda nct: self.mark_reviewed([nct]))
        self.detail.trackRequested.connect(self.track_candidate)
        self.detail.dismissRequested.connect(self.dismiss_candidate)
        self.notes = NotesPanel(self.store)
        self.notes.notesChanged.connect(self._on_notes_changed)
        self.notes.topicRequested.connect(self.open_topic)
        self.notes.trialRequested.connect(self._show_trial_from_elsewhere)
        self.right_tabs = QTabWidget()
        self.right_tabs.setObjectName("detailTabs")
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.detail, "Details")
        self.right_tabs.addTab(self.notes, "Notes")

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([215, 705, 360])
        self.setCentralWidget(self.splitter)
        self.table.doubleClicked.connect(lambda _i: self.right_tabs.setCurrentIndex(0))

        # Status bar.
        self.progress = QProgressBar()
        self.progress.setObjectName("refreshProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.last_refresh_label = QLabel()
        self.last_refresh_label.setObjectName("lastRefresh")
        self.last_refresh_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.last_refresh_label)

    def _apply_default_columns(self) -> None:
        header = self.table.horizontalHeader()
        for col, width in COLUMN_WIDTHS.items():
            header.resizeSection(col, width)
            header.setSectionHidden(col, col in HIDDEN_BY_DEFAULT)
        for col in (COL_STAR, COL_CHANGES, COL_NOTES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(28)
        header.moveSection(header.visualIndex(COL_STAR), 0)
        self.table.sortByColumn(COL_NCT, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------------ settings

    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter))
        header = s.value("window/header")
        if isinstance(header, QByteArray | bytes):
            self.table.horizontalHeader().restoreState(QByteArray(header))
        smart = s.value("window/smart_list", SmartList.ALL.name)
        try:
            self.select_smart_list(SmartList[str(smart)])
        except KeyError:
            self.select_smart_list(SmartList.ALL)

    def save_state(self) -> None:
        if not self._remember:
            return
        s = self.settings
        s.set_value("window/geometry", self.saveGeometry())
        s.set_value("window/splitter", self.splitter.saveState())
        s.set_value("window/header", self.table.horizontalHeader().saveState())
        s.set_value("window/smart_list", self.proxy.smart_list.name)
        s.sync()

    def client_factory(self) -> CtGovClient:
        """A registry client from the command line's ``--api-url``, else the preferences."""
        url = resolve_api_url(self._api_url or self.settings.api_url or None)
        return CtGovClient(url, pace=self.settings.pace)

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        """Re-read every row from the store, keeping the selection and the filters."""
        selected = self.selected_ids()
        current = self.current_id()
        try:
            with self.store.session() as s:
                rows = load_rows(s)
                tags = ops.all_tag_names(s)
        except (StoreError, SQLAlchemyError) as exc:
            log.exception("reload failed")
            self.statusBar().showMessage(f"Could not read the database: {exc}")
            return
        self._rows = rows
        self.model.set_rows(rows)
        self._update_sidebar(rows, tags)
        self._update_status_filter(rows)
        self._restore_selection(selected, current)
        self._update_empty_state()
        self.detail.reload()
        self._update_actions()

    def _restore_selection(self, selected: list[str], current: str | None) -> None:
        sel = self.table.selectionModel()
        sel.blockSignals(True)
        try:
            sel.clearSelection()
            first: QModelIndex | None = None
            for nct in selected:
                index = self._proxy_index(nct)
                if index.isValid():
                    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                    sel.select(index, flags)
                    if nct == current or first is None:
                        first = index
            if first is not None:
                sel.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            sel.blockSignals(False)
        self.table.viewport().update()
        self._on_selection()

    def _proxy_index(self, nct_id: str, column: int = COL_NCT) -> QModelIndex:
        row = self.model.row_of(nct_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def selected_rows(self) -> list[TrialRow]:
        rows = self.table.selectionModel().selectedRows(COL_NCT) if self.table.selectionModel() else []
        out = [self.model.row_at(self.proxy.mapToSource(i).row()) for i in rows]
        return sorted(out, key=lambda r: r.nct_id)

    def selected_ids(self) -> list[str]:
        return [r.nct_id for r in self.selected_rows()]

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return self.model.row_at(self.proxy.mapToSource(index).row()).nct_id
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_trial(self, nct_id: str) -> bool:
        """Select ``nct_id`` in the table, widening the filters if it is hidden by them."""
        if self.model.row_of(nct_id) < 0:
            return False
        if not self._proxy_index(nct_id).isValid():
            self.clear_filters()
            row = self.model.row_at(self.model.row_of(nct_id))
            self.select_smart_list(SmartList.CANDIDATES if row.candidate else SmartList.ALL)
        index = self._proxy_index(nct_id)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def bring_to_front(self, widget: QWidget | None = None) -> None:
        widget = widget or self
        widget.show()
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):  # they warn on raise()
            widget.raise_()
            widget.activateWindow()

    # ------------------------------------------------------------------ sidebar & filters

    def _update_sidebar(self, rows: list[TrialRow], tags: list[str]) -> None:
        counts = smart_counts(rows)
        for smart, item in self._smart_items.items():
            n = counts[smart]
            item.setText(
                0, f"{smart.value}  ({n})" if n or smart is not SmartList.CANDIDATES else smart.value
            )
            item.setHidden(smart is SmartList.CANDIDATES and n == 0)
        tag_counts = {t: sum(1 for r in rows if t in r.tags) for t in tags}
        current_tag = self.proxy.tag
        self.sidebar.blockSignals(True)
        try:
            self._tags_root.takeChildren()
            for name in tags:
                item = QTreeWidgetItem([f"{name}  ({tag_counts[name]})"])
                item.setData(0, TAG_ROLE, name)
                item.setToolTip(0, name)
                self._tags_root.addChild(item)
                if name == current_tag:
                    item.setSelected(True)
            if not tags:
                hint = QTreeWidgetItem(["No tags yet"])
                hint.setFlags(Qt.ItemFlag.NoItemFlags)
                hint.setToolTip(0, "Select trials and use Tag… (Ctrl+T)")
                self._tags_root.addChild(hint)
            if current_tag is not None and current_tag not in tags:
                self.proxy.set_tag(None)
                self._smart_items[SmartList.ALL].setSelected(True)
        finally:
            self.sidebar.blockSignals(False)

    def select_smart_list(self, smart: SmartList) -> None:
        self.sidebar.clearSelection()
        self._smart_items[smart].setSelected(True)
        self.sidebar.setCurrentItem(self._smart_items[smart])

    def select_tag(self, name: str) -> None:
        for i in range(self._tags_root.childCount()):
            item = self._tags_root.child(i)
            if item is not None and item.data(0, TAG_ROLE) == name:
                self.sidebar.clearSelection()
                item.setSelected(True)
                self.sidebar.setCurrentItem(item)

    @Slot()
    def _on_sidebar(self) -> None:
        items = self.sidebar.selectedItems()
        if not items:
            return
        item = items[0]
        smart = item.data(0, SMART_ROLE)
        tag = item.data(0, TAG_ROLE)
        if item is self._all_notes_item:
            self.sidebar.blockSignals(True)
            item.setSelected(False)
            self.sidebar.blockSignals(False)
            self.show_all_notes()
            return
        if smart:
            self.proxy.set_tag(None)
            self.proxy.set_smart_list(SmartList[str(smart)])
        elif tag:
            self.proxy.set_smart_list(SmartList.ALL)
            self.proxy.set_tag(str(tag))
        self._update_empty_state()

    def _on_sidebar_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item is self._all_notes_item:
            self.show_all_notes()

    def _update_status_filter(self, rows: list[TrialRow]) -> None:
        current = self.status_filter.currentData()
        present = {r.status for r in rows if r.status and not r.candidate}
        self.status_filter.blockSignals(True)
        try:
            self.status_filter.clear()
            self.status_filter.addItem("All statuses", None)
            for code in sorted(present, key=lambda c: (STATUS_ORDER.get(c, 99), c)):
                self.status_filter.addItem(status_label(code), code)
            index = self.status_filter.findData(current) if current else 0
            self.status_filter.setCurrentIndex(max(index, 0))
            if index < 0:
                self.proxy.set_status(None)
        finally:
            self.status_filter.blockSignals(False)

    def _on_search(self, text: str) -> None:
        # Small lists filter on every keystroke; big ones (one pass costs ~20 ms per
        # 10,000 trials) wait until typing pauses, so fast typing never stutters.
        if self.model.rowCount() < SEARCH_DEBOUNCE_ROWS:
            self._apply_search()
        else:
            self._search_timer.start()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.proxy.set_text(self.search.text())
        self._update_empty_state()

    def _on_status_filter(self, _index: int) -> None:
        data = self.status_filter.currentData()
        self.proxy.set_status(str(data) if data else None)
        self._update_empty_state()

    def _on_cell_filter(self, _index: int) -> None:
        data = self.cell_filter.currentData()
        self.proxy.set_cell_group(CellGroup[str(data)] if data else None)
        self._update_empty_state()

    @Slot()
    def clear_filters(self) -> None:
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.cell_filter.setCurrentIndex(0)
        if self.proxy.tag is not None or self.proxy.smart_list is not SmartList.ALL:
            self.select_smart_list(SmartList.ALL)

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_empty_state(self) -> None:
        tracked = sum(1 for r in self._rows if not r.candidate)
        shown = self.proxy.rowCount()
        self.count_label.setText(f"{shown} of {tracked}" if shown != tracked else f"{tracked} trials")
        if shown:
            self.table_stack.setCurrentWidget(self.table)
            return
        smart = self.proxy.smart_list
        filtered = self.proxy.is_filtered()
        if tracked == 0 and smart is SmartList.ALL and not filtered:
            text = (
                "No trials tracked — Add trials or Discover.\n\n"
                "Add trials by their NCT ID, or search the registry."
            )
        elif filtered:
            words = self.search.text().strip()
            text = f"No trials match “{words}”." if words else "No trials match these filters."
            if smart is not SmartList.ALL:
                text += f"\n(Showing only: {smart.value}.)"
        else:
            text = {
                SmartList.STARRED: "No starred trials yet.\nSelect a trial and press Ctrl+S to star it.",
                SmartList.CHANGED: "Nothing changed since you last reviewed. All caught up.",
                SmartList.RECRUITING: "None of your trials is recruiting right now.",
                SmartList.WITH_RESULTS: "None of your trials has posted results yet.",
                SmartList.PROBLEMS: "No problems: every trial was found in the registry.",
                SmartList.CANDIDATES: "No new candidates from your saved searches.",
            }.get(smart, "No trials here.")
        self.empty_label.setText(text)
        self.empty_add.setVisible(tracked == 0)
        self.empty_discover.setVisible(tracked == 0 or smart is SmartList.CANDIDATES)
        self.empty_clear.setVisible(filtered)
        self.table_stack.setCurrentWidget(self.empty)

    # ------------------------------------------------------------------ selection

    @Slot()
    def _on_selection(self, *_args: object) -> None:
        nct = self.current_id()
        if nct != self.detail.nct_id:
            self.detail.set_trial(nct)
        self.notes.set_trial(nct)
        row = self._row(nct)
        count = row.note_count if row else 0
        self.right_tabs.setTabText(1, f"Notes ({count})" if count else "Notes")
        self._update_actions()

    def _row(self, nct: str | None) -> TrialRow | None:
        if nct is None:
            return None
        i = self.model.row_of(nct)
        return self.model.row_at(i) if i >= 0 else None

    def _update_actions(self) -> None:
        rows = [r for r in self.selected_rows() if not r.candidate]
        has = bool(rows)
        for action in (self.act_remove, self.act_star, self.act_tag):
            action.setEnabled(has)
        self.act_review.setEnabled(any(r.unreviewed for r in rows))
        self.act_review_all.setEnabled(any(r.unreviewed for r in self._rows))
        if has and all(r.starred for r in rows):
            self.act_star.setText("Unstar")
        else:
            self.act_star.setText("Star")
        running = self.refresher.running
        self.act_refresh.setEnabled(not running)
        self.act_cancel.setEnabled(running)

    def _on_notes_changed(self, nct: str) -> None:
        self.reload_keep_detail()

    def reload_keep_detail(self) -> None:
        """Reload rows after a notes change without resetting the editor."""
        self.reload()

    # ------------------------------------------------------------------ actions

    def _write(self, what: str, func: Any) -> Any:
        """Run ``func(session)`` in one transaction; report a store problem in the status bar."""
        try:
            with self.store.session() as s:
                return func(s)
        except (StoreError, SQLAlchemyError) as exc:
            log.warning("%s failed: %s", what, exc)
            QMessageBox.warning(self, "Trial Tracker", f"Could not {what}: {exc}")
            return None

    def add_ids(self, ids: Sequence[str], *, refresh: bool = True) -> list[str]:
        """Track ``ids`` (one transaction), reload, select the first new one, fetch the new ones."""
        result = self._write("add the trials", lambda s: ops.add_trials(s, ids))
        if result is None:
            return []
        self.reload()
        added: list[str] = list(result.added)
        message = f"Added {len(added)} trial{'s' if len(added) != 1 else ''}"
        if result.already:
            message += f"; already tracked: {', '.join(result.already)}"
        self.statusBar().showMessage(message, 8000)
        if added:
            self.select_trial(added[0])
            if refresh and not self.refresher.running:
                self.start_refresh(ids=added)
        return added

    @Slot()
    def add_trials_dialog(self) -> None:
        try:
            from trialtracker.ui.add_dialog import AddTrialsDialog
        except ImportError:
            self.statusBar().showMessage("Adding trials is not available in this build.", 6000)
            return
        dialog = AddTrialsDialog(self, tracked=[r.nct_id for r in self._rows if not r.candidate])
        if dialog.exec() and dialog.ids():
            self.add_ids(dialog.ids())

    @Slot()
    def discover_dialog(self) -> None:
        try:
            from trialtracker.ui.discover_dialog import DiscoverDialog
        except ImportError:
            self.statusBar().showMessage("Discover is not available in this build yet.", 6000)
            return
        dialog = DiscoverDialog(self.store, self.client_factory, self)
        added: list[str] = []

        def on_added(ids: list[str]) -> None:
            added.extend(ids)
            self.reload()

        dialog.trialsAdded.connect(on_added)
        dialog.watchSaved.connect(lambda name: self.statusBar().showMessage(f"Saved search “{name}”", 8000))
        dialog.exec()
        self.reload()
        if added:
            self.statusBar().showMessage(f"Now tracking {', '.join(added)}", 8000)
            self.select_trial(added[0])
            if not self.refresher.running:
                self.start_refresh(ids=added)

    @Slot()
    def remove_selected(self, *, confirm: bool = True) -> list[str]:
        ids = [r.nct_id for r in self.selected_rows() if not r.candidate]
        if not ids:
            return []
        if confirm:
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            answer = QMessageBox.question(
                self,
                "Stop tracking",
                f"Stop tracking {shown}?\n\nIts change history goes; your notes are kept and come back "
                "if you add the trial again.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return []
        removed = self._write("remove the trials", lambda s: ops.remove_trials(s, ids))
        if removed is None:
            return []
        self.reload()
        self.statusBar().showMessage(f"Stopped tracking {', '.join(removed)}", 8000)
        return list(removed)

    @Slot()
    def toggle_star(self) -> None:
        rows = [r for r in self.selected_rows() if not r.candidate]
        if not rows:
            return
        star = not all(r.starred for r in rows)
        self.set_starred([r.nct_id for r in rows], star)

    def set_starred(self, ids: Sequence[str], starred: bool) -> None:
        def run(s: Any) -> None:
            for nct in ids:
                ops.set_starred(s, nct, starred)

        self._write("star the trials", run)
        self.reload()

    @Slot()
    def tag_dialog(self) -> None:
        rows = [r for r in self.selected_rows() if not r.candidate]
        if not rows:
            return
        common = set(rows[0].tags).intersection(*(set(r.tags) for r in rows[1:]))
        text, ok = QInputDialog.getText(
            self,
            "Tags",
            f"Tags for {rows[0].nct_id if len(rows) == 1 else f'{len(rows)} trials'} (separate with commas):",
            QLineEdit.EchoMode.Normal,
            ", ".join(sorted(common, key=str.casefold)),
        )
        if ok:
            names = [n.strip() for n in text.split(",") if n.strip()]
            self.set_tags([r.nct_id for r in rows], names, remove=sorted(common - set(names)))

    def set_tags(self, ids: Sequence[str], add: Sequence[str], remove: Sequence[str] = ()) -> None:
        def run(s: Any) -> None:
            for nct in ids:
                if add:
                    ops.add_tags(s, nct, add)
                if remove:
                    ops.remove_tags(s, nct, remove)

        self._write("tag the trials", run)
        self.reload()

    def mark_reviewed(self, ids: Sequence[str]) -> None:
        def run(s: Any) -> int:
            return sum(ops.mark_reviewed(s, nct) for nct in ids)

        self._write("mark the changes reviewed", run)
        self.reload()

    @Slot()
    def mark_selected_reviewed(self) -> None:
        self.mark_reviewed([r.nct_id for r in self.selected_rows() if not r.candidate])

    @Slot()
    def mark_all_reviewed(self) -> None:
        n = self._write("mark the changes reviewed", lambda s: ops.mark_reviewed(s, None))
        self.banner.hide()
        self.reload()
        if n:
            self.statusBar().showMessage(f"Marked {n} change{'s' if n != 1 else ''} reviewed", 6000)

    def track_candidate(self, nct: str) -> None:
        from trialtracker.discovery import track_candidates

        if self._write("track the trial", lambda s: track_candidates(s, [nct])) is not None:
            self.reload()
            self.select_trial(nct)
            if not self.refresher.running:
                self.start_refresh(ids=[nct])

    def dismiss_candidate(self, nct: str) -> None:
        from trialtracker.discovery import dismiss_candidates

        self._write("dismiss the candidate", lambda s: dismiss_candidates(s, [nct]))
        self.reload()

    @Slot()
    def _on_topic_links_changed(self, _nct: str) -> None:
        if self._topic_browser is not None:
            self._topic_browser.reload()

    def show_topics(self) -> TopicBrowser:
        if self._topic_browser is None:
            self._topic_browser = TopicBrowser(self.store, self)
            self._topic_browser.trialActivated.connect(self._show_trial_from_elsewhere)
        browser = self._topic_browser
        self.bring_to_front(browser)
        return browser

    @Slot(str)
    def _show_trial_from_elsewhere(self, nct_id: str) -> None:
        if self.select_trial(nct_id):
            self.right_tabs.setCurrentIndex(0)
            self.bring_to_front()

    @Slot(str)
    def open_topic(self, key: str) -> None:
        browser = self.show_topics()
        if not browser.open_topic(key):
            self.statusBar().showMessage(f"No topic called {key!r}", 6000)

    @Slot()
    def show_all_notes(self) -> None:
        self.notes.show_all_notes()

    @Slot()
    def preferences_dialog(self) -> None:
        try:
            from trialtracker.ui.preferences import PreferencesDialog
        except ImportError:
            self.statusBar().showMessage("Preferences are not available in this build.", 6000)
            return
        PreferencesDialog(self).exec()

    @Slot()
    def about_dialog(self) -> None:
        try:
            from trialtracker.ui.about import show_about
        except ImportError:
            self.statusBar().showMessage("Trial Tracker — follow MS stem-cell trials.", 6000)
            return
        show_about(self, self.paths)

    def _table_menu(self, pos: QPoint) -> None:
        if not self.selected_rows():
            return
        menu = QMenu(self)
        for action in (self.act_star, self.act_tag, self.act_review, None, self.act_remove):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.addSeparator()
        copy = menu.addAction("Copy NCT ID")
        copy.triggered.connect(self.detail.copy_id)
        web = menu.addAction("Open on ClinicalTrials.gov")
        web.triggered.connect(self.detail.open_registry)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col, name in HEADERS.items():
            if col == COL_NCT:
                continue
            action = menu.addAction("Starred" if col == COL_STAR else name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.addSeparator()
        reset = menu.addAction("Reset columns")
        reset.triggered.connect(self._reset_columns)
        menu.popup(header.mapToGlobal(pos))

    def _reset_columns(self) -> None:
        header = self.table.horizontalHeader()
        for visual, logical in enumerate(range(header.count())):
            header.moveSection(header.visualIndex(logical), visual)
        self._apply_default_columns()

    # ------------------------------------------------------------------ refresh

    @Slot()
    def start_refresh(self, ids: Sequence[str] | None = None, *, force: bool = False) -> bool:
        if self.refresher.running:
            return False
        self.notes.save_now()
        try:
            self.client_factory().close()  # validate the API URL before starting the thread
        except ValueError as exc:
            self.banner.show_message(f"Cannot refresh: {exc}. Check Preferences.", BANNER_WARNING)
            return False
        return self.refresher.start(list(ids) if ids else None, force=force)

    @Slot()
    def cancel_refresh(self) -> None:
        if self.refresher.running:
            self.statusBar().showMessage("Cancelling…")
            self.refresher.cancel()

    def _on_refresh_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setFormat("Connecting…")
        self.progress.show()
        self.statusBar().showMessage("Refreshing from ClinicalTrials.gov…")
        self._update_actions()

    def _on_refresh_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done} / {total}")
        self.statusBar().showMessage(message)

    def _on_refresh_finished(self, summary: RefreshSummary, new: list[str]) -> None:
        self.reload()
        self._update_last_refresh_label()
        self.statusBar().showMessage(f"Refresh: {summary.line()}", 10000)
        if summary.cancelled:
            self.banner.show_message(
                f"Refresh cancelled. {summary.updated} trial{'s' if summary.updated != 1 else ''} "
                "were updated before it stopped; the rest keep their stored data.",
                BANNER_INFO,
            )
            return
        if summary.error:
            self._last_error = summary.error
            self.banner.show_message(
                "Could not reach ClinicalTrials.gov — showing the data stored on this computer. "
                f"({summary.error})",
                BANNER_WARNING,
                retry=True,
            )
            return
        parts = []
        text = summary_changes_text(summary.changes)
        if text:
            parts.append(text + ".")
        if summary.not_found:
            parts.append(f"Not found in the registry: {', '.join(summary.not_found[:5])}"
                         + (" …" if len(summary.not_found) > 5 else "") + ".")  # fmt: skip
        if new:
            parts.append(f"{len(new)} new candidate{'s' if len(new) != 1 else ''} from your saved searches.")
        if parts:
            self.banner.show_message(" ".join(parts), BANNER_INFO, changes=bool(text))
        elif summary.skipped:
            self.statusBar().showMessage(
                "Up to date: the registry has not changed since the last refresh.", 10000
            )
            self.banner.hide()
        else:
            self.banner.hide()
            self.statusBar().showMessage(
                f"Refreshed {summary.updated} trial{'s' if summary.updated != 1 else ''}: nothing changed.",
                10000,
            )

    def _on_refresh_failed(self, message: str) -> None:
        self.reload()
        self.banner.show_message(message, BANNER_WARNING, retry=True)

    def _on_refresh_stopped(self) -> None:
        self.progress.hide()
        self._update_actions()

    def _update_last_refresh_label(self) -> None:
        try:
            run = last_run(self.store)
        except SQLAlchemyError:
            run = None
        if run is None or run.finished_at is None:
            self.last_refresh_label.setText("Never refreshed — press F5 to fetch the latest records")
            return
        when = run.finished_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if run.error == "cancelled":
            state = "cancelled"
        elif run.error:
            state = "failed"
        else:
            state = f"{run.updated} updated, {run.changed} changed"
        self.last_refresh_label.setText(f"Last refresh {when} ({state})")

    def _maybe_refresh_on_start(self) -> None:
        if not self.settings.refresh_on_start or self.refresher.running:
            return
        last = last_successful_refresh(self.store)
        limit = dt.timedelta(hours=self.settings.refresh_on_start_hours)
        if last is None or dt.datetime.now(dt.UTC) - last > limit:
            self.start_refresh()

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.save_now()
        if self.refresher.running:
            self.refresher.cancel()
            self.refresher.wait(15_000)
        self.save_state()
        if self._topic_browser is not None:
            self._topic_browser.close()
        super().closeEvent(event)
