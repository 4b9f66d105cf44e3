"""What the table area says when it shows no rows: why, and the one or two useful next steps."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from trialtracker.services.listing import SmartList
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP
from trialtracker.ui.sidebar import smart_list_name
from trialtracker.ui.trial_filter import TrialFilterProxy

EMPTY_LIST_TEXT = {
    SmartList.STARRED: QT_TRANSLATE_NOOP(
        "EmptyState", "No starred trials yet.\nSelect a trial and press Ctrl+D to star it."
    ),
    SmartList.CHANGED: QT_TRANSLATE_NOOP(
        "EmptyState", "Nothing changed since you last reviewed. All caught up."
    ),
    SmartList.RECRUITING: QT_TRANSLATE_NOOP("EmptyState", "None of your trials is recruiting right now."),
    SmartList.OPENING_SOON: QT_TRANSLATE_NOOP(
        "EmptyState", "None of your trials is waiting to open (not yet recruiting)."
    ),
    SmartList.NEAR: QT_TRANSLATE_NOOP(
        "EmptyState",
        "None of your trials has a site recruiting near your home place.\n"
        "Change how far “near” is in Preferences.",
    ),
    SmartList.WITH_RESULTS: QT_TRANSLATE_NOOP("EmptyState", "None of your trials has posted results yet."),
    SmartList.PROBLEMS: QT_TRANSLATE_NOOP(
        "EmptyState", "No problems: every trial was found in the registry."
    ),
    SmartList.CANDIDATES: QT_TRANSLATE_NOOP("EmptyState", "No new candidates from your saved searches."),
}


def empty_text(tracked: int, smart: SmartList, filtered: bool, words: str) -> str:
    """The message for an empty table (``words``: the search box text)."""
    if tracked == 0 and smart is SmartList.ALL and not filtered:
        return QCoreApplication.translate(
            "EmptyState",
            "No trials tracked — Add trials or Discover.\n\n"
            "Add trials by their NCT ID, or search the registry.",
        )
    if filtered:
        if words:
            text = QCoreApplication.translate("EmptyState", "No trials match “{words}”.")
            text = text.format(words=words)
        else:
            text = QCoreApplication.translate("EmptyState", "No trials match these filters.")
        if smart is not SmartList.ALL:
            shown = QCoreApplication.translate("EmptyState", "(Showing only: {list}.)")
            text += "\n" + shown.format(list=smart_list_name(smart))
        return text
    if smart in EMPTY_LIST_TEXT:
        return QCoreApplication.translate("EmptyState", EMPTY_LIST_TEXT[smart])
    return QCoreApplication.translate("EmptyState", "No trials here.")


class EmptyState(QWidget):
    """The message and buttons shown instead of an empty table.

    Signals:
        addRequested()       -- "Add trials…"
        discoverRequested()  -- "Discover…"
        clearRequested()     -- "Clear filters"

    UI thread only.
    """

    addRequested = Signal()
    discoverRequested = Signal()
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.label = QLabel()
        self.label.setObjectName("emptyLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(self.tr("Add trials…"))
        self.add_button.clicked.connect(self.addRequested)
        self.discover_button = QPushButton(self.tr("Discover…"))
        self.discover_button.clicked.connect(self.discoverRequested)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clearRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.add_button, self.discover_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def describe(self, *, tracked: int, smart: SmartList, filtered: bool, words: str) -> None:
        self.label.setText(empty_text(tracked, smart, filtered, words))
        self.add_button.setVisible(tracked == 0)
        self.discover_button.setVisible(tracked == 0 or smart is SmartList.CANDIDATES)
        self.clear_button.setVisible(filtered)


class TableStack(QStackedWidget):
    """The table, or the empty state in its place when the filters leave no row. UI thread only."""

    def __init__(self, table: QWidget, empty: EmptyState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table, self.empty = table, empty
        self.addWidget(table)
        self.addWidget(empty)

    def update_for(self, proxy: TrialFilterProxy, *, tracked: int, words: str) -> None:
        """Show the table if ``proxy`` has rows, else say why not (``tracked``: trials in the library)."""
        if proxy.rowCount():
            self.setCurrentWidget(self.table)
            return
        filtered = proxy.is_filtered()
        self.empty.describe(tracked=tracked, smart=proxy.smart_list, filtered=filtered, words=words)
        self.setCurrentWidget(self.empty)
