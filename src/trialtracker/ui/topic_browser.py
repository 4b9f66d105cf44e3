"""The topic library window: the topic list, the rendered topic (in a
:class:`~trialtracker.ui.safe_browser.SafeTextBrowser`) and the tracked trials linked to it.

Opened from the menu, never at start: the window imports it when first asked for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trialtracker.services.library import Library
from trialtracker.services.topics import (
    SOURCES_KEY,
    LinkedTrial,
    Topic,
    TopicLibrary,
    linked_trials,
    topic_library,
)
from trialtracker.ui.plain import plain_tooltip
from trialtracker.ui.safe_browser import SafeTextBrowser
from trialtracker.ui.settings import qt_settings
from trialtracker.ui.tasks import Lane, TaskRunner, expected_failure

GEOMETRY_KEY = "topic_browser/geometry"


class TopicBrowser(QDialog):
    """Topic list (library order), rendered topic, and the tracked trials linked to it.

    Signals:
        trialActivated(nct_id) -- the user double-clicked a linked trial
    """

    trialActivated = Signal(str)

    def __init__(
        self, lib: Library | None = None, parent: QWidget | None = None, library: TopicLibrary | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:  # fmt: skip
        """``lib``: the library whose trials linked to each topic are listed (read on ``tasks``' read lane,
        a runner of its own if None); None: the topics only."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Topics — Trial Tracker"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._lib = lib
        self._library = library or topic_library()
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self._asked = 0  # reads of linked trials asked for: only the latest one's answer is shown
        self.loading = False  # the trials linked to the topic shown are being read

        self.topics = QListWidget()
        self.topics.setObjectName("topicList")
        self.topics.setAccessibleName(self.tr("Topics"))
        self.topics.setWordWrap(True)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setSpacing(2)
        for topic in self._library:
            item = QListWidgetItem(topic.title)
            item.setData(Qt.ItemDataRole.UserRole, topic.key)
            item.setToolTip(plain_tooltip(topic.summary))
            self.topics.addItem(item)
        self.topics.currentItemChanged.connect(self._on_current)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.browser = SafeTextBrowser()
        self.browser.setObjectName("topicText")
        self.browser.setAccessibleName(self.tr("Topic text"))
        self.browser.topicRequested.connect(self.open_topic)
        self.linked_label = QLabel(self.tr("Trials linked to this topic"))
        self.linked_label.setTextFormat(Qt.TextFormat.PlainText)
        self.linked_label.setWordWrap(True)
        self.linked = QListWidget()
        self.linked.setObjectName("linkedTrials")
        self.linked.setAccessibleName(self.tr("Trials linked to this topic"))
        self.linked.setToolTip(self.tr("Double-click to show the trial in the main window"))
        self.linked.itemActivated.connect(self._on_trial)
        self.linked.setMaximumHeight(130)
        self.linked.setWordWrap(True)
        self.linked.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.linked.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.summary)
        rl.addWidget(self.browser, 1)
        rl.addWidget(self.linked_label)
        rl.addWidget(self.linked)

        split = QSplitter()
        split.addWidget(self.topics)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([290, 730])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(1040, 720)
        geometry = qt_settings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if self.topics.count():
            self.topics.setCurrentRow(0)

    def done(self, result: int) -> None:
        qt_settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)

    def current_key(self) -> str | None:
        item = self.topics.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot(str)
    def open_topic(self, key: str) -> bool:
        """Show topic ``key`` (``sources#anchor`` scrolls to the anchor); False if unknown."""
        key, _, anchor = key.partition("#")
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.topics.setCurrentRow(row)
                if anchor:
                    self.browser.scroll_to_heading(anchor)
                return True
        return False

    @Slot()
    def reload(self) -> None:
        """Show the current topic again (its linked trials may have changed)."""
        self._on_current(self.topics.currentItem(), None)

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        topic = self._library.get(str(current.data(Qt.ItemDataRole.UserRole)))
        if topic is not None:
            self._show(topic)

    def _show(self, topic: Topic) -> None:
        self.title.setText(topic.title)
        self.summary.setText(topic.summary)
        self.browser.setMarkdown(topic.body)
        self.linked.clear()
        self.linked.setVisible(False)
        # The sources page is about the articles, not a subject: no trial is ever linked to it.
        about_trials = topic.key != SOURCES_KEY
        self.linked_label.setVisible(about_trials)
        self._asked += 1
        asked = self._asked
        if not about_trials or self._lib is None:
            self._show_linked(asked, [], None)
            return
        lib = self._lib
        self.loading = True
        self.linked_label.setText(self.tr("Reading the linked trials…"))
        self.tasks.submit(lambda _ctx: linked_trials(lib, topic.key), lane=Lane.READ, name="linked trials",
                          on_done=lambda rows: self._show_linked(asked, rows, None),
                          on_error=lambda exc: self._show_linked(asked, [], exc))  # fmt: skip

    def _show_linked(self, asked: int, rows: list[LinkedTrial], error: Exception | None) -> None:
        if asked != self._asked:  # another topic was chosen meanwhile
            return
        self.loading = False
        if error is not None:
            expected_failure(error)  # a bug goes to the crash handler
        problem = None  # or the library could not be read: the topic is still worth showing
        if error is not None:
            problem = self.tr("Could not read the linked trials: {error}").format(error=error)
        for row in rows:
            why = f"   ({row.reason})" if row.reason else ""
            item = QListWidgetItem(f"{row.nct_id} — {row.title}{why}")
            item.setData(Qt.ItemDataRole.UserRole, row.nct_id)
            item.setToolTip(plain_tooltip(row.title))
            self.linked.addItem(item)
        if problem is None and rows:
            problem = self.tr("Trials linked to this topic ({count})").format(count=len(rows))
        self.linked_label.setText(problem or self.tr("No tracked trial is linked to this topic"))
        self.linked.setVisible(bool(rows))

    def _on_trial(self, item: QListWidgetItem) -> None:
        self.trialActivated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
