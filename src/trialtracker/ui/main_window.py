"""The main window: lists on the left, the trial table, and the selected trial on the right.

The window only lays out its parts and wires them together:

* :class:`~trialtracker.ui.sidebar.Sidebar`, :class:`~trialtracker.ui.filter_bar.FilterBar`,
  :class:`~trialtracker.ui.banner.Banner`, :class:`~trialtracker.ui.trial_table.TrialTable` (or
  :class:`~trialtracker.ui.empty_state.EmptyState`), the detail and notes panes, and
  :class:`~trialtracker.ui.refresh_view.RefreshStatus` in the status bar;
* its actions come from the tables in :mod:`trialtracker.ui.trial_actions`;
* background work goes through one :class:`~trialtracker.ui.tasks.TaskRunner`: the trial
  actions write on its database lane and update only the rows they touched; a refresh runs on
  its network lane and ends in a full reset with the rows it read;
* every read and write is a call into :mod:`trialtracker.services` (writes paired with the
  re-read of their rows in :class:`~trialtracker.ui.data_access.DataAccess`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QPaintEvent, QPalette
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.paths import resource
from trialtracker.services import refresh as refreshing
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList
from trialtracker.services.settings import Settings
from trialtracker.ui.action_table import ROW_MENU, TRIAL_ACTIONS, WINDOW_ACTIONS
from trialtracker.ui.banner import Banner
from trialtracker.ui.data_access import DataAccess, RefreshOutcome, RowsUpdate, Snapshot
from trialtracker.ui.detail_pane import DetailPane
from trialtracker.ui.empty_state import EmptyState, TableStack
from trialtracker.ui.file_actions import FileActions
from trialtracker.ui.filter_bar import FilterBar
from trialtracker.ui.icons import apply_icons
from trialtracker.ui.kept_notes import KeptNotesOffer, unsaved_button
from trialtracker.ui.live_updates import LiveUpdates
from trialtracker.ui.notes_panel import NotesPanel
from trialtracker.ui.offline import OfflineMode
from trialtracker.ui.plain import bring_to_front
from trialtracker.ui.refresh_view import RefreshController, RefreshStatus
from trialtracker.ui.settings import WindowState
from trialtracker.ui.sidebar import Sidebar
from trialtracker.ui.staying_current import KeepCurrent
from trialtracker.ui.tasks import Lane, Task, TaskRunner, expected_failure
from trialtracker.ui.theme import SYSTEM, apply_theme
from trialtracker.ui.theme_menu import ThemeMenu
from trialtracker.ui.trial_actions import (
    TrialActions,
    WindowActions,
    build_actions,
    build_menus,
    build_toolbar,
    named_actions,
)
from trialtracker.ui.trial_filter import TrialFilterProxy
from trialtracker.ui.trial_model import TrialTableModel
from trialtracker.ui.trial_table import TrialTable
from trialtracker.ui.watches import WatchActions
from trialtracker.ui.window_dialogs import WindowDialogs

if TYPE_CHECKING:
    from trialtracker.ui.topic_browser import TopicBrowser  # opened on demand (WindowDialogs.show_topics)

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 800)
#: Below this width a first start hides the sidebar (View ▸ Sidebar brings it back).
NARROW_WIDTH = 1200
CLOSE_WAIT_MS = 15_000
#: How long closing waits for note saves before asking (a locked database makes each try wait 10 s).
CLOSE_NOTES_MS = 12_000
#: A library of more than PROGRESSIVE_FROM trials first shows FIRST_SCREEN_ROWS of them and reads the rest in
#: the background: 10,000 rows took ~0.4 s to read before the window could show anything.
PROGRESSIVE_FROM = 2_500
FIRST_SCREEN_ROWS = 200


class MainWindow(WindowActions, WindowDialogs, QMainWindow):
    """The Trial Tracker window over one open library.

    Signals: none of its own; see its parts (``sidebar``, ``filters``, ``table``,
    ``trial_actions``, ``refresher``, ``tasks``).

    Threading rules: UI thread only. Background work goes through ``tasks``;
    closing the window cancels registry work, lets queued writes finish (bounded
    wait) and delivers nothing afterwards, so the store can then be closed.
    """

    def __init__(
        self,
        lib: Library,
        *,
        auto_refresh: bool = True,
        remember: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.state = WindowState()
        self.data = DataAccess(lib)
        self.tasks = TaskRunner(self)
        self._remember = remember
        self._topic_browser: TopicBrowser | None = None
        self._tags: list[str] = []
        self._personal_tags: frozenset[str] = frozenset()  # the tags only this member sees
        self._any_unreviewed = False
        self._painted = False
        self._reading_rest = False
        self.restore_request: Path | None = None  # a backup the app restores once this window closed
        self.switch_request: Settings | None = None  # the library the app opens once this window closed
        self._loading = 0  # > 0: the table shows a first screen of this many trials; the rest is being read

        title = self.tr("Trial Tracker")
        if lib.on_server:
            title = self.tr("Trial Tracker — team library {0}").format(lib.where)
        self.setWindowTitle(title)
        icon_path = resource("icons", "trialtracker.svg")
        if icon_path.exists():
            self.setWindowIcon(QIcon(str(icon_path)))
        self.resize(*DEFAULT_SIZE)

        self.model = TrialTableModel(self)
        self.proxy = TrialFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.refresher = RefreshController(self.data, self.tasks, self)
        self._build_ui()
        self._wire()
        screen = self.screen()
        if screen is not None and QGuiApplication.platformName() not in ("offscreen", "minimal"):
            self.fit_to(screen.availableGeometry().size())  # a first start on a small screen
        self.apply_home_place()
        if lib.settings.preferences.theme != SYSTEM:
            apply_theme(lib.settings.preferences.theme)
        self._first_load()
        if remember:
            self._restore_state()
        self.refresh_status.show_last_refresh()
        self._update_actions()
        self.keep_current: KeepCurrent | None = None
        if auto_refresh:
            self.keep_current = KeepCurrent(self.lib, self.start_refresh, self.tasks, self)
            QTimer.singleShot(1500, self._maybe_refresh_on_start)
            QTimer.singleShot(1500, self._maybe_offer_first_fetch)
        QTimer.singleShot(0, self.offer_kept_notes)

    # ------------------------------------------------------------------ building

    def _build_ui(self) -> None:
        self.sidebar = Sidebar(self.proxy)
        self.filters = FilterBar(self.proxy)
        self.search = self.filters.search
        self.banner = Banner()
        self.table = TrialTable(self.model, self.proxy)
        self.trial_actions = TrialActions(self.data, self.tasks, self.model, self.table, self)
        self.empty = EmptyState()
        self.empty_label = self.empty.label
        self.table_stack = TableStack(self.table, self.empty)
        center = QWidget()
        column = QVBoxLayout(center)
        column.setContentsMargins(6, 6, 6, 0)
        column.setSpacing(6)
        column.addWidget(self.banner)
        column.addWidget(self.filters)
        column.addWidget(self.table_stack, 1)

        self.detail = DetailPane(self.lib, self.tasks)
        self.notes = NotesPanel(self.lib, self.tasks)
        self.notes.undo_stack = self.trial_actions.undo_stack
        self.right_tabs = QTabWidget()
        self.right_tabs.setObjectName("detailTabs")
        self.right_tabs.setDocumentMode(True)
        self.right_tabs.addTab(self.detail, self.tr("Details"))
        self.right_tabs.addTab(self.notes, self.tr("Notes"))

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        for part in (self.sidebar, center, self.right_tabs):
            self.splitter.addWidget(part)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([215, 705, 360])
        self.setCentralWidget(self.splitter)

        self.files = FileActions(self.data, self.tasks, self)
        self.files.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.files.imported.connect(self._set_snapshot)
        self.files.restoreRequested.connect(self._close_to_restore)
        self.watches = WatchActions(self.data, self.tasks, self)
        build_actions(self, WINDOW_ACTIONS, self)
        self.act_cancel.setEnabled(False)
        self.act_toggle_sidebar.setChecked(True)
        self.table.set_row_actions(named_actions(self, ROW_MENU))
        self.addToolBar(build_toolbar(self))
        menus = build_menus(self)
        self.theme_menu = ThemeMenu(self.lib, self)
        menus["&View"].addSeparator()
        menus["&View"].addMenu(self.theme_menu.menu)
        self.refresh_status = RefreshStatus(self.refresher, self.data, self.banner, self.statusBar(), self,
                                            tasks=self.tasks)
        self.progress = self.refresh_status.progress
        self.last_refresh_label = self.refresh_status.last_refresh_label
        self.kept_notes = KeptNotesOffer(self.lib, self.tasks, self)
        # A team library: what its other members change shows here as they change it.
        self.live = LiveUpdates(self.lib, self) if self.lib.on_server else None
        self.offline = OfflineMode(self, self.banner, self.lib.where)
        if self.live is not None:
            self.live.trialsChanged.connect(self._team_changed)
            self.live.listChanged.connect(self._team_list_changed)
            self.live.onlineChanged.connect(self._online_changed)
            self.live.start()
        self._show_unsaved = unsaved_button(self.statusBar(), self.notes.retry)

    def _wire(self) -> None:
        for changed in (self.sidebar.smartListChosen, self.sidebar.tagChosen, self.filters.filtersChanged):
            changed.connect(self._update_empty_state)
        self.sidebar.allNotesRequested.connect(self.notes.show_all_notes)
        self.sidebar.shareTagRequested.connect(self.trial_actions.share_tag)
        self.banner.show_button.clicked.connect(lambda: self.select_smart_list(SmartList.CHANGED))
        self.banner.review_button.clicked.connect(self._review_all_from_banner)
        self.banner.retry_button.clicked.connect(lambda: self.start_refresh())
        self.banner.fetch_button.clicked.connect(self._fetch_first_statuses)
        for step in (self.trial_actions.undo, self.banner.hide):
            self.banner.undo_button.clicked.connect(step)
        self.trial_actions.undoOffered.connect(lambda text: self.banner.show_message(f"{text}.", undo=True))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self.right_tabs.setCurrentIndex(0))
        self.empty.addRequested.connect(self.trial_actions.add_trials_dialog)
        self.empty.discoverRequested.connect(self.trial_actions.discover_dialog)
        self.empty.clearRequested.connect(self.clear_filters)
        self.trial_actions.rowsChanged.connect(self._on_rows_changed)
        self.trial_actions.message.connect(self.statusBar().showMessage)
        self.trial_actions.trialsAdded.connect(self._on_trials_added)
        self.detail.topicRequested.connect(self.open_topic)
        self.detail.topicLinksChanged.connect(self._on_topic_links_changed)
        self.detail.markReviewedRequested.connect(lambda nct: self.trial_actions.mark_reviewed([nct]))
        self.detail.trackRequested.connect(self.trial_actions.track_candidate)
        self.detail.dismissRequested.connect(self.trial_actions.dismiss_candidate)
        self.notes.notesChanged.connect(self._on_notes_changed)
        self.notes.topicRequested.connect(self.open_topic)
        self.notes.trialRequested.connect(self._show_trial_from_elsewhere)
        self.notes.failedChanged.connect(self._show_unsaved)
        self.kept_notes.restored.connect(self._on_kept_notes_restored)
        self.watches.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.watches.candidatesFound.connect(self.trial_actions.reread)
        self.watches.removed.connect(lambda: self.trial_actions.reread(self.model.candidate_ids()))
        self.watches.newRequested.connect(self.trial_actions.discover_dialog)
        self.watches.candidatesRequested.connect(self.show_candidates)
        for signal in (self.refresher.started, self.refresher.stopped):
            signal.connect(self._update_actions)
        self.refresher.finished.connect(self._on_refresh_finished)
        self.refresher.failed.connect(self.reload)

    # ------------------------------------------------------------------ settings

    def _restore_state(self) -> None:
        s, header = self.state, self.table.horizontalHeader()
        for state, restore in ((s.layout("geometry"), self.restoreGeometry),
                               (s.layout("splitter"), self.splitter.restoreState),
                               (s.layout("header"), header.restoreState)):  # fmt: skip
            if state is not None:
                restore(state)
        smart = str(s.value("window/smart_list", SmartList.ALL.name))
        self.select_smart_list(SmartList[smart] if smart in SmartList.__members__ else SmartList.ALL)

    def save_state(self) -> None:
        if self._remember:
            self.state.save_layout(geometry=self.saveGeometry(), splitter=self.splitter.saveState(),
                                      header=self.table.horizontalHeader().saveState(),
                                      smart_list=self.proxy.smart_list.name)  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:
        """After the first paint: load the database layer on the database lane. The rows were read
        without SQLAlchemy; loaded now, the first click on a trial or a star does not wait a quarter
        of a second for the import (and the import does not compete with the first paint)."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._warm_up_store)

    def changeEvent(self, event: QEvent) -> None:
        """Light or dark changed: the banner's colours are its own style sheet, so it is told; our
        toolbar drawings are drawn again in the new text colour."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "banner"):
            self.banner.recolour()
            specs = (*WINDOW_ACTIONS, *TRIAL_ACTIONS)
            ink = self.palette().color(QPalette.ColorRole.WindowText)
            apply_icons(((getattr(self, f"act_{spec.name}"), spec.icon) for spec in specs), ink)

    def fit_to(self, available: QSize) -> None:
        """Take at most the ``available`` screen size, and give the table most of a narrow window
        (1024×640 and 1366×768 screens are common on the laptops people bring to clinic)."""
        width = min(DEFAULT_SIZE[0], available.width())
        height = min(DEFAULT_SIZE[1], available.height())
        self.resize(width, height)
        side = max(150, min(215, width * 16 // 100))
        page = max(300, min(360, width * 29 // 100))
        self.splitter.setSizes([side, width - side - page, page])
        narrow = width < NARROW_WIDTH  # the table needs the room more than the lists do
        self.act_toggle_sidebar.setChecked(not narrow)
        self.show_sidebar()

    def show_sidebar(self) -> None:
        """Show or hide the lists and tags (View ▸ Sidebar, F9)."""
        self.sidebar.setVisible(self.act_toggle_sidebar.isChecked())

    def _warm_up_store(self) -> None:
        self.tasks.submit(lambda _ctx: self.lib.warm_up(), lane=Lane.DB, name="load the database layer")

    # ------------------------------------------------------------------ rows

    @property
    def loading(self) -> bool:
        """True while the table shows only a big library's first screen and the rest is being read."""
        return self._loading > 0

    def reload(self) -> Task[Snapshot]:
        """Read every row again (read lane), then reset the model, keeping the selection and filters."""

        def failed(exc: Exception) -> None:
            if not expected_failure(exc):
                return
            log.error("reading the rows failed: %s", exc)
            self.statusBar().showMessage(self.tr("Could not read the database: {0}").format(exc))

        return self.tasks.submit(lambda _ctx: self.data.load_snapshot(), lane=Lane.READ, name="read the rows",
                                 on_done=self._set_snapshot, on_error=failed)  # fmt: skip

    def _first_load(self) -> None:
        """Show the first screen at once; a big library's other rows are read in the background from the
        first turn of the event loop (the first paint does not wait for them)."""
        self._show_read(lambda: self.data.load_first_screen(FIRST_SCREEN_ROWS, above=PROGRESSIVE_FROM))
        if self.loading:
            QTimer.singleShot(0, self._read_the_rest)

    def _show_read(self, read: Callable[[], Snapshot]) -> None:
        try:
            snapshot = read()
        except TrialTrackerError as exc:
            log.exception("reading the rows failed")
            self.statusBar().showMessage(self.tr("Could not read the database: {0}").format(exc))
            return
        self._set_snapshot(snapshot)

    def _read_the_rest(self) -> None:
        if not self.loading or self._reading_rest:
            return
        self._reading_rest = True
        self.tasks.submit(lambda _ctx: self.data.load_snapshot(), lane=Lane.DB, name="read every trial",
                          on_done=self._set_snapshot, on_error=self._rest_failed)  # fmt: skip

    def _rest_failed(self, exc: Exception) -> None:
        log.error("reading every trial failed: %s", exc)
        self.statusBar().showMessage(self.tr("Could not read every trial: {0}").format(exc))

    def _set_snapshot(self, snapshot: Snapshot) -> None:
        selected, current = self.table.selected_ids(), self.table.current_id()
        if snapshot.partial_of:
            self.statusBar().showMessage(self.tr("Reading all %Ln trial(s)…", "", snapshot.partial_of))
        elif self._loading:
            self.statusBar().clearMessage()
        self._loading = snapshot.partial_of
        self.model.set_rows(snapshot.rows, snapshot.tally)  # a big read's rows come frozen out of gc walks
        self._tags, self._personal_tags = snapshot.tags, snapshot.personal_tags
        self._recount()
        self.table.restore_selection(selected, current)
        self._on_selection()
        self.detail.reload()

    @Slot(object)
    def _on_rows_changed(self, update: RowsUpdate) -> None:
        """A write changed some rows in place: recount, and refresh what shows them."""
        self._tags, self._personal_tags = update.tags, update.personal_tags
        self._recount()
        if update.page_changed and self.detail.nct_id in update.ids:
            self.detail.reload()
        self._on_selection()

    def _recount(self) -> None:
        tally = self.model.tally
        if not self.loading:  # a first screen's counts would be wrong for a moment
            self.sidebar.set_counts(tally, self._tags, self._personal_tags)
            self.filters.set_statuses(status for status, n in tally.statuses.items() if n > 0)
        self._any_unreviewed = tally.smart[SmartList.CHANGED] > 0
        self._update_empty_state()
        self._update_actions()

    def select_trial(self, nct_id: str) -> bool:
        """Select ``nct_id`` in the table, widening the filters if it is hidden by them."""
        row = self.model.find(nct_id)
        if row is None:
            return False
        if not self.table.proxy_index(nct_id).isValid():
            self.clear_filters()
            self.select_smart_list(SmartList.CANDIDATES if row.candidate else SmartList.ALL)
        return self.table.select(nct_id)

    def bring_to_front(self, widget: QWidget | None = None) -> None:
        bring_to_front(widget or self)

    # ------------------------------------------------------------------ lists & filters

    def select_smart_list(self, smart: SmartList) -> None:
        self.sidebar.select_smart_list(smart)

    def select_tag(self, name: str) -> None:
        self.sidebar.select_tag(name)

    @Slot()
    def show_candidates(self) -> None:
        """Watches ▸ New candidates: every candidate, whatever the filters were."""
        self.clear_filters()
        self.select_smart_list(SmartList.CANDIDATES)
        self.bring_to_front()

    @Slot()
    def clear_filters(self) -> None:
        self.filters.clear()
        self.sidebar.show_all()

    @Slot()
    def _update_empty_state(self, *_args: object) -> None:
        if self.loading:  # nothing is "missing" yet: the rest of the rows are on their way
            self.filters.set_count(self._loading, self._loading)
            self.table_stack.setCurrentWidget(self.table)
            return
        tracked = self.model.tracked_count()
        self.filters.set_count(self.proxy.rowCount(), tracked)
        self.table_stack.update_for(self.proxy, tracked=tracked, words=self.filters.words())

    # ------------------------------------------------------------------ selection

    @Slot()
    def _on_selection(self, *_args: object) -> None:
        nct = self.table.current_id()
        if nct != self.detail.nct_id:
            self.detail.set_trial(nct)
        self.notes.set_trial(nct)
        row = self.model.find(nct)
        count = row.note_count if row else 0
        self.right_tabs.setTabText(1, self.tr("Notes ({0})").format(count) if count else self.tr("Notes"))
        self._update_actions()

    def _update_actions(self) -> None:
        self.trial_actions.update_enabled(any_unreviewed=self._any_unreviewed)
        running = self.refresher.running
        self.act_refresh.setEnabled(not running)
        self.act_cancel.setEnabled(running)
        one_tracked = sum(not r.candidate for r in self.table.selected_rows()) == 1
        self.act_print_trial.setEnabled(one_tracked)
        self.act_history.setEnabled(one_tracked)
        self.offline.apply()

    @Slot(str)
    def _on_notes_changed(self, nct: str) -> None:
        self.trial_actions.reread([nct])

    @Slot()
    def offer_kept_notes(self) -> None:
        """Offer note text an earlier run could not store (once, at start; the window stays usable)."""
        if not self.tasks.closed:
            self.kept_notes.offer(self.notes.saver.tokens())

    @Slot(list, str)
    def _on_kept_notes_restored(self, ncts: list[str], summary: str) -> None:
        self.statusBar().showMessage(summary, 20_000)
        if ncts:
            self.trial_actions.reread(ncts)
            if self.notes.nct_id in ncts:
                self.notes.set_trial(self.notes.nct_id, force=True)

    # ------------------------------------------------------------------ actions and dialogs

    @Slot(list, bool)
    def _on_trials_added(self, ids: list[str], fetch: bool) -> None:
        self.select_trial(ids[0])
        if fetch and not self.refresher.running:
            self.start_refresh(ids=ids)

    @Slot()
    def _review_all_from_banner(self) -> None:
        self.banner.hide()
        self.trial_actions.mark_all_reviewed()

    @Slot()
    def add_trials_dialog(self) -> None:
        self.trial_actions.add_trials_dialog()

    @Slot(str)
    def _on_topic_links_changed(self, _nct: str) -> None:
        if self._topic_browser is not None:
            self._topic_browser.reload()

    # ------------------------------------------------------------------ refresh

    @Slot()
    def start_refresh(self, ids: Sequence[str] | None = None, *, force: bool = False) -> bool:
        if self.refresher.running:
            return False
        self.notes.save_now()
        return self.refresher.start(ids, force=force)

    @Slot(object)
    def _on_refresh_finished(self, outcome: RefreshOutcome) -> None:
        if outcome.snapshot is not None:
            self._set_snapshot(outcome.snapshot)
        else:
            self.reload()
        self.refresh_status.show_outcome(outcome)
        if self.keep_current is not None:
            self.keep_current.tell(outcome)

    def _maybe_refresh_on_start(self) -> None:
        def start() -> None:
            if not (self.refresher.running or self.tasks.closed):
                self.start_refresh()

        if not (self.refresher.running or self.tasks.closed):
            self.refresher.when_due(start)

    def _maybe_offer_first_fetch(self) -> None:
        """Never refreshed (a first start on the catalog, which ships no statuses): if the registry
        answers, offer to fetch the statuses in one click."""
        if self.refresher.running or self.tasks.closed:
            return
        self.tasks.submit(
            lambda ctx: refreshing.offer_first_fetch(self.lib, ctx.token), lane=Lane.NET,
            name="is the registry reachable", on_done=self._offer_first_fetch, on_error=lambda _exc: None,
        )  # fmt: skip

    def _offer_first_fetch(self, offer: bool) -> None:
        if offer and not self.refresher.running:
            n = self.model.tracked_count()
            self.banner.show_message(
                self.tr("Your %n trial(s) (has|have) no current status yet: the list that comes with Trial "
                        "Tracker does not include them. Fetch them from ClinicalTrials.gov now?", "", n),
                fetch=True,
            )

    def _fetch_first_statuses(self) -> None:
        self.banner.hide()
        self.start_refresh()

    # ------------------------------------------------------------------ closing

    def _close_to_restore(self, source: Path) -> None:
        """Close (notes saved, writes finished) so the app can replace the library and open it again."""
        self.close_to_reopen(restore=source)

    def close_to_reopen(self, *, restore: Path | None = None, switch: Settings | None = None) -> None:
        """Close so the app opens a library again once this window is gone: ``restore`` put back first,
        or the library ``switch`` names. Nothing is asked for if the user chooses to stay (unsaved notes)."""
        self.restore_request, self.switch_request = restore, switch
        if not self.close():
            self.restore_request = self.switch_request = None

    def _team_changed(self, ids: list[str]) -> None:
        """Another member changed these trials: their rows, and the open trial's page and notes (unless
        a note is being edited here), are read again."""
        self.trial_actions.reread(ids)
        if self.detail.nct_id in ids:
            self.detail.reload()
        session = self.notes.session
        if self.notes.nct_id in ids and (session is None or not session.unsaved):
            self.notes.set_trial(self.notes.nct_id, force=True)

    def _online_changed(self, online: bool) -> None:
        """The team library stopped or started answering: say so, and save kept note text once it is back."""
        self.offline.set_online(online)
        self.sidebar.writable = online  # its tag menu's Share is a write too
        if online:
            self.notes.saver.retry()  # kept text goes in now, not at the next timed try
            self._update_actions()

    def _team_list_changed(self) -> None:
        """Someone refreshed the team library: read the whole list in the background."""
        self.tasks.submit(lambda _ctx: self.data.load_snapshot(), lane=Lane.DB, name="read every trial",
                          on_done=self._set_snapshot, on_error=self._rest_failed)  # fmt: skip
        self.refresh_status.show_last_refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.tasks.closed and not self.notes.confirm_close(CLOSE_NOTES_MS):
            event.ignore()  # the user chose to stay: unsaved note text is still in the editor
            return
        if self.live is not None:
            self.live.stop()
        self.tasks.shutdown(CLOSE_WAIT_MS)
        self.save_state()
        if self._topic_browser is not None:
            self._topic_browser.close()
        super().closeEvent(event)
