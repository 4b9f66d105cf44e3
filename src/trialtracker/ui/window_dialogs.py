"""The window's dialogs and windows: topics, printing, preferences, where the data lives, about.

A mixin of :class:`~trialtracker.ui.main_window.MainWindow` (kept apart so each module stays small): the
methods use the window's parts (``lib``, ``table``, ``notes``, ``detail``…) and open what the menus ask for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox

from trialtracker.ui.i18n import Words
from trialtracker.ui.theme import apply_theme

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QTabWidget, QWidget

    from trialtracker.services.library import Library
    from trialtracker.services.settings import Settings
    from trialtracker.ui.data_access import Snapshot
    from trialtracker.ui.detail_pane import DetailPane
    from trialtracker.ui.notes_panel import NotesPanel
    from trialtracker.ui.sidebar import Sidebar
    from trialtracker.ui.tasks import Task, TaskRunner
    from trialtracker.ui.theme_menu import ThemeMenu
    from trialtracker.ui.topic_browser import TopicBrowser
    from trialtracker.ui.trial_model import TrialTableModel
    from trialtracker.ui.trial_table import TrialTable

    _Base = QMainWindow
else:
    _Base = object

PRINT_NOTES_MS = 5_000  # how long printing waits for the note being edited to be stored


def locale_uses_miles(locale: QLocale | None = None) -> bool:
    """Distances in miles where the user's locale measures in imperial units (US, UK)."""
    system = (locale or QLocale()).measurementSystem()
    return system in (QLocale.MeasurementSystem.ImperialUSSystem, QLocale.MeasurementSystem.ImperialUKSystem)


class Dialogs(Words):
    """The translation context of these words (lupdate gives none to a class on a conditional base)."""


class WindowDialogs(_Base):
    """Opening the window's dialogs (see the module docstring)."""

    if TYPE_CHECKING:
        lib: Library
        table: TrialTable
        model: TrialTableModel
        notes: NotesPanel
        detail: DetailPane
        sidebar: Sidebar
        right_tabs: QTabWidget
        theme_menu: ThemeMenu
        tasks: TaskRunner
        _topic_browser: TopicBrowser | None

        def close_to_reopen(self, *, restore: Path | None = None, switch: Settings | None = None) -> None: ...
        def select_trial(self, nct_id: str) -> bool: ...
        def bring_to_front(self, widget: QWidget | None = None) -> None: ...
        def reload(self) -> Task[Snapshot]: ...

    @Slot()
    def show_topics(self) -> TopicBrowser:
        if self._topic_browser is None:
            from trialtracker.ui.topic_browser import TopicBrowser  # a window opened on demand: not at start

            self._topic_browser = TopicBrowser(self.lib, self, tasks=self.tasks)
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
        if not self.show_topics().open_topic(key):
            self.statusBar().showMessage(Dialogs.tr("No topic called “{0}”").format(key), 6000)

    @Slot()
    def print_current_trial(self) -> None:
        """Print the selected trial, or save it as a PDF, with its notes as typed (saved first)."""
        from trialtracker.ui.print_page import print_tracked  # Qt's printing loads on first use

        rows = [r for r in self.table.selected_rows() if not r.candidate]
        if len(rows) == 1:
            self.notes.settle(PRINT_NOTES_MS)
            print_tracked(self, self.lib, rows[0].nct_id, self.tasks)

    @Slot()
    def preferences_dialog(self) -> None:
        self.edit_preferences()

    @Slot()
    def team_library_dialog(self) -> None:
        self.edit_preferences(team_first=True)

    def edit_preferences(self, *, team_first: bool = False) -> None:
        """Preferences (``team_first``: on the team library's address); what changed applies at once, and
        a library chosen there is opened after asking."""
        from trialtracker.ui.preferences import PreferencesDialog

        before = self.lib.settings.preferences
        if not PreferencesDialog(self.lib, self, team_first=team_first, tasks=self.tasks).exec():
            return
        after = self.lib.settings.preferences
        if before.theme != after.theme:
            apply_theme(after.theme)
            self.theme_menu.sync()
        if (before.home, before.near_km) != (after.home, after.near_km):
            self.apply_home_place()
            self.reload()  # every row's nearest site is measured again
        if self.lib.other_library_chosen():
            self.offer_to_switch()

    def offer_to_switch(self) -> None:
        """Open the library the settings now name: this window closes (notes saved) and one opens on it."""
        from trialtracker.services import team
        from trialtracker.ui.plain import ask

        url = self.lib.settings.database_url
        if url:
            question = Dialogs.tr(
                "Open the team library at {0} now? This window closes and opens again on it."
            )
        else:
            question = Dialogs.tr("Go back to the library on this computer now? This window closes and opens "
                                  "again on it.")  # fmt: skip
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        shown = team.shown_address(url) if url else ""  # never with a password
        if ask(self, Dialogs.tr("Switch library"), question.format(shown), yes | no, yes) != yes:
            return
        self.close_to_reopen(switch=self.lib.settings)

    def apply_home_place(self) -> None:
        """Show distances from the home place set in Preferences (or hide them when none is set)."""
        prefs, miles = self.lib.settings.preferences, locale_uses_miles()
        home = prefs.home
        self.model.miles = miles
        self.table.show_distances(home is not None)
        self.sidebar.set_near(prefs.near_km if home is not None else None)
        self.detail.set_home(home, miles=miles)

    @Slot()
    def show_data_folder(self) -> None:
        from trialtracker.ui.plain import show_message

        paths = self.lib.paths
        if self.lib.on_server:
            text = Dialogs.tr(
                "Your team library: {0} (you are {1})\nIts server keeps it and backs it up.\n\n"
                "Logs and note text kept after a failed save: {2}"
            ).format(self.lib.where, self.lib.me, paths.data_dir)
        else:
            text = Dialogs.tr(
                "Your library: {0}\nBackups: {1}\nLogs: {2}\n\n"
                "Quit Trial Tracker before you copy or move the folder."
            ).format(paths.db_path, paths.backup_dir, paths.log_dir)
        show_message(self, QMessageBox.Icon.Information, Dialogs.tr("Where your data lives"), text)

    @Slot()
    def about_dialog(self) -> None:
        from trialtracker.ui.about import show_about

        show_about(self, self.lib.paths)
