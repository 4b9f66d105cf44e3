"""The sidebar: smart lists, tags and notes, each with a count recomputed from the table's rows."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from trialtracker.services.listing import RowTally, SmartList
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP
from trialtracker.ui.plain import plain_tooltip
from trialtracker.ui.trial_filter import TrialFilterProxy

SMART_ROLE = Qt.ItemDataRole.UserRole + 10
TAG_ROLE = Qt.ItemDataRole.UserRole + 11
PERSONAL_ROLE = Qt.ItemDataRole.UserRole + 12

#: The lists' names as the window shows them (the same words as ``SmartList``'s values, for lupdate).
SMART_LIST_NAMES = {
    SmartList.ALL: QT_TRANSLATE_NOOP("Sidebar", "All trials"),
    SmartList.STARRED: QT_TRANSLATE_NOOP("Sidebar", "Starred"),
    SmartList.CHANGED: QT_TRANSLATE_NOOP("Sidebar", "Changed since last review"),
    SmartList.RECRUITING: QT_TRANSLATE_NOOP("Sidebar", "Recruiting"),
    SmartList.OPENING_SOON: QT_TRANSLATE_NOOP("Sidebar", "Opening soon"),
    SmartList.NEAR: QT_TRANSLATE_NOOP("Sidebar", "Open near me"),
    SmartList.WITH_RESULTS: QT_TRANSLATE_NOOP("Sidebar", "With results"),
    SmartList.PROBLEMS: QT_TRANSLATE_NOOP("Sidebar", "Not found / errors"),
    SmartList.CANDIDATES: QT_TRANSLATE_NOOP("Sidebar", "New candidates"),
}


def smart_list_name(smart: SmartList) -> str:
    """The list's name in the user's language."""
    return QCoreApplication.translate("Sidebar", SMART_LIST_NAMES.get(smart, smart.value))


class Sidebar(QTreeWidget):
    """Lists (All, Starred, …), Tags and Notes; the chosen list or tag is applied to the table's proxy.

    Signals:
        smartListChosen(SmartList)  -- a smart list was selected (and applied)
        tagChosen(str)              -- a tag was selected (and applied)
        allNotesRequested()         -- "All notes…" was clicked or activated
        shareTagRequested(str)      -- "Share with the team" was chosen on one of the member's own tags

    Counts come from :meth:`set_rows` (a pass over the rows in memory, no database
    read), so they stay right after every incremental update. UI thread only.
    """

    smartListChosen = Signal(object)
    tagChosen = Signal(str)
    allNotesRequested = Signal()
    shareTagRequested = Signal(str)

    def __init__(self, proxy: TrialFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(10)
        self.setUniformRowHeights(True)
        self.setAccessibleName(self.tr("Lists and tags"))
        self._lists_root = QTreeWidgetItem([self.tr("Lists")])
        self._tags_root = QTreeWidgetItem([self.tr("Tags")])
        self._notes_root = QTreeWidgetItem([self.tr("Notes")])
        for root in (self._lists_root, self._tags_root, self._notes_root):
            root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = root.font(0)
            font.setBold(True)
            root.setFont(0, font)
            self.addTopLevelItem(root)
        self._smart_items: dict[SmartList, QTreeWidgetItem] = {}
        self._near_km: int | None = None  # "Open near me" shows only with a home place
        self._tally: RowTally | None = None
        self._tag_names: list[str] = []
        for smart in SmartList:
            item = QTreeWidgetItem([smart_list_name(smart)])
            item.setData(0, SMART_ROLE, smart.name)
            self._lists_root.addChild(item)
            self._smart_items[smart] = item
        self._all_notes_item = QTreeWidgetItem([self.tr("All notes…")])
        self._all_notes_item.setToolTip(0, self.tr("Search the notes of every trial"))
        self._notes_root.addChild(self._all_notes_item)
        self.expandAll()
        self.setItemsExpandable(False)
        self.itemSelectionChanged.connect(self._on_selection)
        self.itemActivated.connect(self._on_activated)
        self._personal: frozenset[str] = frozenset()
        self.writable = True  # False while a team library is offline: sharing a tag waits too
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def set_counts(self, tally: RowTally, tags: Sequence[str], personal: Collection[str] = ()) -> None:
        """Show the lists' counts and rebuild the tags (``tags``: every tag name, even unused ones;
        ``personal``: those only this member sees, in a team library)."""
        counts = tally.smart
        for smart, item in self._smart_items.items():
            n = counts[smart]
            name = smart_list_name(smart)
            if smart is SmartList.NEAR and self._near_km is not None:
                name = self.tr("{list} (≤ {km} km)").format(list=name, km=f"{self._near_km:,}")
            item.setText(0, f"{name}  ({n})" if n or smart is not SmartList.CANDIDATES else name)
            item.setHidden((smart is SmartList.CANDIDATES and n == 0)
                           or (smart is SmartList.NEAR and self._near_km is None))  # fmt: skip
        self._tally = tally
        self._tag_names, self._personal = list(tags), frozenset(personal)
        per_tag = tally.tags
        current = self._proxy.tag
        self.blockSignals(True)
        try:
            self._tags_root.takeChildren()
            for name in tags:
                mine = name in self._personal
                shown = self.tr("{tag} · only you").format(tag=name) if mine else name
                item = QTreeWidgetItem([f"{shown}  ({per_tag[name]})"])
                item.setData(0, TAG_ROLE, name)
                item.setData(0, PERSONAL_ROLE, mine)
                said = self.tr("Only you see this tag. Right-click it to share it with the team.")
                item.setToolTip(0, plain_tooltip(f"{name}\n{said}" if mine else name))
                self._tags_root.addChild(item)
                if name == current:
                    item.setSelected(True)
            if not tags:
                hint = QTreeWidgetItem([self.tr("No tags yet")])
                hint.setFlags(Qt.ItemFlag.NoItemFlags)
                hint.setToolTip(0, self.tr("Select trials and use Tag… (Ctrl+Shift+T)"))
                self._tags_root.addChild(hint)
        finally:
            self.blockSignals(False)
        if current is not None and current not in tags:  # the shown tag is gone: back to All
            self.select_smart_list(SmartList.ALL)

    def set_near(self, km: int | None) -> None:
        """The "Open near me" list's distance, or None to hide it (no home place set)."""
        self._near_km = km
        item = self._smart_items[SmartList.NEAR]
        item.setToolTip(
            0,
            ""
            if km is None
            else self.tr(
                "Trials with a site the registry lists as recruiting within {km} km of your home place"
            ).format(km=f"{km:,}"),
        )
        if self._tally is not None:
            self.set_counts(self._tally, self._tag_names, self._personal)
        if km is None and self._proxy.smart_list is SmartList.NEAR:
            self.select_smart_list(SmartList.ALL)

    def show_all(self) -> None:
        """Back to "All trials" unless it is shown already."""
        if self._proxy.tag is not None or self._proxy.smart_list is not SmartList.ALL:
            self.select_smart_list(SmartList.ALL)

    def select_smart_list(self, smart: SmartList) -> None:
        self.clearSelection()
        self._smart_items[smart].setSelected(True)
        self.setCurrentItem(self._smart_items[smart])

    def select_tag(self, name: str) -> None:
        for i in range(self._tags_root.childCount()):
            item = self._tags_root.child(i)
            if item is not None and item.data(0, TAG_ROLE) == name:
                self.clearSelection()
                item.setSelected(True)
                self.setCurrentItem(item)

    @Slot()
    def _on_selection(self) -> None:
        items = self.selectedItems()
        if not items:
            return
        item = items[0]
        if item is self._all_notes_item:
            self.blockSignals(True)
            item.setSelected(False)
            self.blockSignals(False)
            self.allNotesRequested.emit()
            return
        smart, tag = item.data(0, SMART_ROLE), item.data(0, TAG_ROLE)
        if smart:
            self._proxy.set_tag(None)
            self._proxy.set_smart_list(SmartList[str(smart)])
            self.smartListChosen.emit(self._proxy.smart_list)
        elif tag:
            self._proxy.set_smart_list(SmartList.ALL)
            self._proxy.set_tag(str(tag))
            self.tagChosen.emit(str(tag))

    def tag_menu(self, item: QTreeWidgetItem) -> QMenu | None:
        """The menu of one of the member's own tags (None for any other item)."""
        if not item.data(0, PERSONAL_ROLE):
            return None
        name = str(item.data(0, TAG_ROLE))
        menu = QMenu(self)
        share = menu.addAction(self.tr("Share with the team"))
        share.setToolTip(self.tr("Every member then sees this tag and the trials it is on"))
        share.setEnabled(self.writable)
        share.triggered.connect(lambda: self.shareTagRequested.emit(name))
        return menu

    @Slot(QPoint)
    def _context_menu(self, at: QPoint) -> None:
        item = self.itemAt(at)
        menu = None if item is None else self.tag_menu(item)
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(at))
            menu.deleteLater()

    @Slot(QTreeWidgetItem, int)
    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item is self._all_notes_item:
            self.allNotesRequested.emit()
