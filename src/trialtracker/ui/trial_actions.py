"""The window's actions as one table, and what the trial actions do: one write, then only its rows.

Every action is declared once in :data:`WINDOW_ACTIONS` or :data:`TRIAL_ACTIONS`
(text, shortcut, tip, icon, the slot by name) and built by :func:`build_actions`,
which sets it on the window as ``act_<name>``.

:class:`TrialActions` runs each write (star, tag, review, remove, add, track,
dismiss) on the runner's database lane through :class:`DataAccess`, which calls
the service and reads the touched rows again; back on the UI thread only those
rows change in the model (no reset), and ``rowsChanged`` tells the window to
recount the sidebar and the filters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QToolBar, QWidget

from trialtracker.ui.action_table import MENUS, QT_TRANSLATE_NOOP, TOOLBAR, TRIAL_ACTIONS, ActionSpec
from trialtracker.ui.data_access import DataAccess, RowsUpdate
from trialtracker.ui.icons import action_icon
from trialtracker.ui.plain import ask, warn
from trialtracker.ui.tag_dialog import TagDialog
from trialtracker.ui.tasks import Lane, Task, TaskCancelled, TaskContext, TaskRunner, expected_failure
from trialtracker.ui.trial_model import TrialTableModel
from trialtracker.ui.trial_table import TrialTable
from trialtracker.ui.undo import DoneWrite

Then = Callable[[RowsUpdate], None] | None  # what runs after a write's rows are applied

#: A write's name (its task's, in the log) -> what the user is told when it fails.
FAILED = {
    "remove the trials": QT_TRANSLATE_NOOP("TrialActions", "Could not remove the trials: {error}"),
    "put the trials back": QT_TRANSLATE_NOOP("TrialActions", "Could not put the trials back: {error}"),
    "star the trials": QT_TRANSLATE_NOOP("TrialActions", "Could not star the trials: {error}"),
    "tag the trials": QT_TRANSLATE_NOOP("TrialActions", "Could not tag the trials: {error}"),
    "share the tag": QT_TRANSLATE_NOOP("TrialActions", "Could not share the tag: {error}"),
    "mark the changes reviewed": QT_TRANSLATE_NOOP(
        "TrialActions", "Could not mark the changes reviewed: {error}"
    ),
    "mark the changes new again": QT_TRANSLATE_NOOP(
        "TrialActions", "Could not mark the changes new again: {error}"
    ),
    "add the trials": QT_TRANSLATE_NOOP("TrialActions", "Could not add the trials: {error}"),
    "track the trial": QT_TRANSLATE_NOOP("TrialActions", "Could not track the trial: {error}"),
    "dismiss the candidate": QT_TRANSLATE_NOOP("TrialActions", "Could not dismiss the candidate: {error}"),
    "read the trials": QT_TRANSLATE_NOOP("TrialActions", "Could not read the trials: {error}"),
}


class WindowActions:
    """The ``act_<name>`` attributes :func:`build_actions` sets on the window (declared for type checkers)."""

    act_refresh: QAction
    act_cancel: QAction
    act_topics: QAction
    act_prefs: QAction
    act_about: QAction
    act_find: QAction
    act_all_notes: QAction
    act_copy_id: QAction
    act_open_registry: QAction
    act_print_trial: QAction
    act_quit: QAction
    act_import: QAction
    act_export: QAction
    act_backup: QAction
    act_restore: QAction
    act_reset_columns: QAction
    act_toggle_sidebar: QAction
    act_show_data_folder: QAction
    act_team_library: QAction
    act_watches: QAction
    act_history: QAction
    act_run_watches: QAction
    act_show_candidates: QAction
    act_add: QAction
    act_discover: QAction
    act_remove: QAction
    act_star: QAction
    act_tag: QAction
    act_review: QAction
    act_review_all: QAction
    act_undo: QAction
    act_redo: QAction


def build_actions(owner: QWidget, specs: Sequence[ActionSpec], handler: object) -> dict[str, QAction]:
    """Create the actions of ``specs`` on ``owner`` (as ``owner.act_<name>``), wired to ``handler``."""
    built: dict[str, QAction] = {}
    for spec in specs:
        slot: object = functools.reduce(getattr, spec.slot.split("."), handler)
        if not callable(slot):
            raise TypeError(f"action {spec.name}: {spec.slot} is not callable")
        action = QAction(QCoreApplication.translate("Actions", spec.text), owner)
        action.setCheckable(spec.checkable)
        if spec.icon:
            action.setIcon(action_icon(spec.icon, owner.palette().color(QPalette.ColorRole.WindowText)))
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = QCoreApplication.translate("Actions", spec.tip) if spec.tip else action.text()
        action.setToolTip(f"{tip} ({shown})" if shown else tip)
        if spec.also and QKeySequence(spec.also) not in action.shortcuts():
            action.setShortcuts([QKeySequence(spec.also), *action.shortcuts()])
        action.triggered.connect(lambda _checked=False, slot=slot: slot())  # drop ``checked``
        if spec.table_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        else:
            owner.addAction(action)
        setattr(owner, f"act_{spec.name}", action)
        built[spec.name] = action
    return built


def named_actions(owner: QWidget, names: Sequence[str | None]) -> list[QAction | None]:
    """``owner.act_<name>`` for each name (None stays None: a separator)."""
    return [None if name is None else getattr(owner, f"act_{name}") for name in names]


def build_menus(owner: QMainWindow) -> dict[str, QMenu]:
    """The menu bar, as :data:`MENUS` says: every action has a visible place, with its key shown.
    Returns the menus by their untranslated title (``"&View"``), for submenus added later."""
    bar, menus = owner.menuBar(), {}
    for title, names in MENUS:
        menu = menus[title] = bar.addMenu(QCoreApplication.translate("Menus", title))
        for action in named_actions(owner, names):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
    return menus


def build_toolbar(owner: QWidget) -> QToolBar:
    """The main toolbar, laid out as :data:`TOOLBAR` says."""
    toolbar = QToolBar(QCoreApplication.translate("Menus", "Main toolbar"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setIconSize(QSize(18, 18))  # line drawings beside words: small, so 1024 px holds them all
    for action in named_actions(owner, TOOLBAR):
        if action is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(action)
    return toolbar


class TrialActions(QObject):
    """What the trial actions do, as writes on the database lane followed by row updates.

    Signals:
        rowsChanged(RowsUpdate)   -- a write's rows were applied to the model (recount the lists)
        message(str, int)         -- a status-bar message and its timeout (ms)
        trialsAdded(list, bool)   -- NCT IDs newly tracked, and whether to fetch them now
        undoOffered(str)          -- a removal or a bulk review can be undone: say so where it is seen

    Removing, starring, tagging and reviewing are pushed on ``undo_stack`` once stored (Edit ▸ Undo).

    Threading rules: call the methods on the UI thread. Each write runs in the
    runner's database lane (writes never overlap); its result is applied on the
    UI thread. A store problem is a warning box; anything else goes to the crash handler.
    """

    rowsChanged = Signal(object)
    message = Signal(str, int)
    trialsAdded = Signal(list, bool)
    undoOffered = Signal(str)

    def __init__(
        self,
        data: DataAccess,
        runner: TaskRunner,
        model: TrialTableModel,
        table: TrialTable,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._data = data
        self._runner = runner
        self._model = model
        self._table = table
        self._window = window
        self.undo_stack = QUndoStack(self)
        self.actions = build_actions(window, TRIAL_ACTIONS, self)
        stack = self.undo_stack
        for name, can, said in (("undo", stack.canUndoChanged, stack.undoTextChanged),
                                ("redo", stack.canRedoChanged, stack.redoTextChanged)):  # fmt: skip
            action, word = self.actions[name], QCoreApplication.translate("Actions", name.capitalize())
            action.setEnabled(False)
            can.connect(action.setEnabled)
            said.connect(lambda text, a=action, w=word: a.setText(f"{w} {text}" if text else w))
        table.addActions([self.actions[spec.name] for spec in TRIAL_ACTIONS if spec.table_only])

    # -- enabling ------------------------------------------------------------------------------

    def update_enabled(self, *, any_unreviewed: bool) -> None:
        rows = [r for r in self._table.selected_rows() if not r.candidate]
        has = bool(rows)
        for name in ("remove", "star", "tag"):
            self.actions[name].setEnabled(has)
        self.actions["review"].setEnabled(any(r.unreviewed for r in rows))
        self.actions["review_all"].setEnabled(any_unreviewed)
        unstar = has and all(r.starred for r in rows)
        word = (
            QCoreApplication.translate("Actions", "Unstar")
            if unstar
            else QCoreApplication.translate("Actions", "Star")
        )
        self.actions["star"].setText(word)

    # -- the actions ------------------------------------------------------------------------------

    def _tracked_selection(self) -> list[str]:
        return [r.nct_id for r in self._table.selected_rows() if not r.candidate]

    @Slot()
    def remove_selected(self, *, confirm: bool = True) -> Task[RowsUpdate] | None:
        ids = self._tracked_selection()
        if not ids:
            return None
        if confirm:
            shown = ", ".join(ids[:5]) + (self.tr(" and %n more", "", len(ids) - 5) if len(ids) > 5 else "")
            answer = ask(
                self._window,
                self.tr("Stop tracking"),
                self.tr(
                    "Stop tracking {ids}?\n\nYour notes are kept. Edit ▸ Undo brings the trial back with "
                    "its history, tags and star."
                ).format(ids=shown),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None

        def remove(then: Then = None) -> Task[RowsUpdate]:
            return self._write("remove the trials", lambda data: data.remove_trials(ids), then)

        def put_back(cmd: DoneWrite) -> Task[RowsUpdate]:
            return self._write("put the trials back", lambda data: data.put_back(cmd.kept))

        def remove_again(cmd: DoneWrite) -> Task[RowsUpdate]:
            return remove(lambda again: setattr(cmd, "kept", again.undo))

        def removed(update: RowsUpdate) -> None:
            text = self.tr("Stopped tracking {ids}").format(ids=", ".join(update.done))
            self.message.emit(text, 8000)
            self._push(
                self.tr("Remove {trials}").format(trials=self._few(update.done)),
                update.undo,
                put_back,
                remove_again,
            )
            self.undoOffered.emit(text)

        return remove(removed)

    @Slot()
    def toggle_star(self) -> None:
        rows = [r for r in self._table.selected_rows() if not r.candidate]
        if rows:
            self.set_starred([r.nct_id for r in rows], not all(r.starred for r in rows))

    def set_starred(self, ids: Sequence[str], starred: bool) -> Task[RowsUpdate]:
        before = {r.nct_id: r.starred for r in map(self._model.find, ids) if r is not None}

        def star(which: Sequence[str], value: bool, then: Then = None) -> Task[RowsUpdate]:
            return self._write("star the trials", lambda data: data.set_starred(which, value), then)

        def back(_cmd: DoneWrite) -> None:
            for value in (True, False):
                if which := [nct for nct, was in before.items() if was is value]:
                    star(which, value)

        def starred_now(_update: RowsUpdate) -> None:
            text = (self.tr("Star {trials}") if starred else self.tr("Unstar {trials}")).format(
                trials=self._few(ids)
            )
            self._push(text, None, back, lambda _cmd: star(ids, starred))

        return star(ids, starred, starred_now)

    @Slot()
    def tag_dialog(self) -> TagDialog | None:
        """Ask for the selected trials' tags (shown non-modally; applied when accepted)."""
        rows = [r for r in self._table.selected_rows() if not r.candidate]
        if not rows:
            return None
        common = set(rows[0].tags).intersection(*(set(r.tags) for r in rows[1:]))
        if len(rows) == 1:
            label = self.tr("Tags for {nct} (separate with commas):").format(nct=rows[0].nct_id)
        else:
            label = self.tr("Tags for %n trial(s) (separate with commas):", "", len(rows))
        shown = ", ".join(sorted(common, key=str.casefold))
        dialog = TagDialog(label, shown, team=self._data.lib.on_server, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = [r.nct_id for r in rows]

        def apply() -> None:
            names = dialog.names()
            self.set_tags(ids, names, remove=sorted(common - set(names)), personal=dialog.personal)

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def set_tags(
        self, ids: Sequence[str], add: Sequence[str], remove: Sequence[str] = (), *, personal: bool = False
    ) -> Task[RowsUpdate]:
        """Tag the trials (``personal``: the added tags as the member's own); undoable exactly."""
        found = [r for r in map(self._model.find, ids) if r is not None]
        before = {r.nct_id: r.tags for r in found}
        mine = {r.nct_id: r.personal_tags for r in found}

        def tag(then: Then = None) -> Task[RowsUpdate]:
            return self._write(
                "tag the trials", lambda data: data.set_tags(ids, add, remove, personal=personal), then
            )

        def untag(_cmd: DoneWrite) -> Task[RowsUpdate]:
            return self._write("tag the trials", lambda data: data.set_tag_sets(before, mine))

        said = self.tr("Tag {trials}").format(trials=self._few(ids))
        return tag(lambda _update: self._push(said, None, untag, lambda _cmd: tag()))

    @Slot(str)
    def share_tag(self, name: str) -> Task[RowsUpdate]:
        """Let the whole team see one of the member's own tags (not undoable: the others have seen it)."""
        return self._write("share the tag", lambda data: data.share_tag(name))

    @Slot()
    def mark_selected_reviewed(self) -> None:
        self.mark_reviewed(self._tracked_selection())

    def mark_reviewed(self, ids: Sequence[str]) -> Task[RowsUpdate]:
        return self._review(ids, ids, self.tr("Mark {trials} reviewed").format(trials=self._few(ids)))

    @Slot()
    def mark_all_reviewed(self) -> Task[RowsUpdate]:
        changed = [r.nct_id for r in self._model.rows() if r.unreviewed]

        return self._review(None, changed, self.tr("Mark all reviewed"), offer=True)

    def _review(
        self, ids: Sequence[str] | None, reread: Sequence[str], text: str, *, offer: bool = False
    ) -> Task[RowsUpdate]:
        """Mark the changes of ``ids`` (None: all) reviewed; undoable (the very changes it marked)."""

        def review(then: Then = None) -> Task[RowsUpdate]:
            what = "mark the changes reviewed"
            return self._write(what, lambda data: data.mark_reviewed(ids, reread=reread), then)

        def review_again(cmd: DoneWrite) -> Task[RowsUpdate]:
            return review(lambda again: setattr(cmd, "kept", again.undo))

        def unreview(cmd: DoneWrite) -> Task[RowsUpdate]:
            return self._write("mark the changes new again", lambda data: data.unreview(cmd.kept))

        def marked(update: RowsUpdate) -> None:
            if not update.count:
                return
            n = update.count
            said = self.tr("Marked %n change(s) reviewed", "", n)
            self.message.emit(said, 6000)
            self._push(text, update.undo, unreview, review_again)
            if offer:
                self.undoOffered.emit(said)

        return review(marked)

    @Slot()
    def undo(self) -> None:
        self.undo_stack.undo()

    @Slot()
    def redo(self) -> None:
        self.undo_stack.redo()

    def _push(
        self, text: str, kept: object, back: Callable[[DoneWrite], object],
        again: Callable[[DoneWrite], object],
    ) -> None:  # fmt: skip
        self.undo_stack.push(DoneWrite(text, kept, back, again))

    def add_ids(self, ids: Sequence[str], *, fetch: bool = True) -> Task[RowsUpdate]:
        """Track ``ids``; the new rows appear, the first new one is selected and (``fetch``) fetched."""

        def added(update: RowsUpdate) -> None:
            n = len(update.done)
            message = self.tr("Added %n trial(s)", "", n)
            if update.already:
                message += self.tr("; already tracked: {ids}").format(ids=", ".join(update.already))
            self.message.emit(message, 8000)
            if update.done:
                self.trialsAdded.emit(list(update.done), fetch)

        return self._write("add the trials", lambda data: data.add_trials(ids), added)

    @Slot()
    def add_trials_dialog(self) -> None:
        from trialtracker.ui.add_dialog import AddTrialsDialog

        tracked = [r.nct_id for r in self._model.rows() if not r.candidate]
        dialog = AddTrialsDialog(self._window, tracked=tracked)
        if dialog.exec() and dialog.ids():
            self.add_ids(dialog.ids())

    @Slot()
    def discover_dialog(self) -> None:
        """Discover; the trials it tracks show up at once, and are selected and fetched after it closes."""
        from trialtracker.ui.discover_dialog import DiscoverDialog

        dialog = DiscoverDialog(self._data, self._window, runner=self._runner)
        added: list[str] = []

        def on_added(ids: list[str]) -> None:
            added.extend(ids)
            self.reread(ids)

        dialog.trialsAdded.connect(on_added)
        dialog.watchSaved.connect(
            lambda name: self.message.emit(self.tr("Saved search “{name}”").format(name=name), 8000)
        )
        dialog.exec()
        if added:
            self.message.emit(self.tr("Now tracking {ids}").format(ids=", ".join(added)), 8000)
            self.reread(added, then=lambda _update: self.trialsAdded.emit(added, True))

    def track_candidate(self, nct: str) -> Task[RowsUpdate]:
        def tracked(_update: RowsUpdate) -> None:
            self.trialsAdded.emit([nct], True)

        return self._write("track the trial", lambda data: data.track_candidates([nct]), tracked)

    def dismiss_candidate(self, nct: str) -> Task[RowsUpdate]:
        return self._write("dismiss the candidate", lambda data: data.dismiss_candidates([nct]))

    def reread(
        self, ids: Sequence[str], then: Callable[[RowsUpdate], None] | None = None
    ) -> Task[RowsUpdate]:
        """Read ``ids`` again after someone else wrote them (notes, the Discover dialog)."""
        return self._write("read the trials", lambda data: data.load_rows(ids), then)

    # -- plumbing ------------------------------------------------------------------------------

    def _write(
        self,
        what: str,
        write: Callable[[DataAccess], RowsUpdate],
        then: Callable[[RowsUpdate], None] | None = None,
    ) -> Task[RowsUpdate]:
        """Run ``write(data)`` on the database lane; apply its rows, then ``then(update)``, in the UI."""

        def run(_ctx: TaskContext) -> RowsUpdate:
            return write(self._data)

        def done(update: RowsUpdate) -> None:
            self._model.replace_rows(update.ids, update.rows)
            self.rowsChanged.emit(update)
            if then is not None:
                then(update)

        def failed(exc: Exception) -> None:
            if isinstance(exc, TaskCancelled):  # never started (the window is closing)
                return
            if expected_failure(exc):  # a bug: the crash handler logs it and tells the user
                said = self.tr(FAILED[what]) if what in FAILED else self.tr("Could not {what}: {error}")
                warn(self._window, said.format(what=what, error=exc))

        return self._runner.submit(run, lane=Lane.DB, name=what, on_done=done, on_error=failed)

    def _few(self, ids: Sequence[str]) -> str:
        """``NCT00273364``, ``NCT00273364 and NCT00288626``, or ``5 trials`` (an undo entry's name)."""
        if len(ids) == 2:
            return self.tr("{0} and {1}").format(*ids)
        return ", ".join(ids) if len(ids) < 2 else self.tr("%n trial(s)", "", len(ids))
