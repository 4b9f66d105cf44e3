"""Everything stored about the selected trial, readable at a glance.

The header (title, status badge, actions) is made of plain-text widgets; the
body is HTML that *we* build, where every registry or catalog string passes
through :func:`html.escape` first. Links in the body are ``topic:KEY`` (open the
topic in-app), ``action:…``, ``unlink:KEY`` / ``relink:KEY`` / ``linktopic:`` (the
user's own topic choices, handled here) or the registry page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import unquote

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.geo import Place
from trialtracker.services import discovery, topics, trials
from trialtracker.services.library import Library
from trialtracker.services.views import CandidateView, TrialDetail
from trialtracker.ui.flow_layout import flow_of
from trialtracker.ui.plain import warn
from trialtracker.ui.safe_browser import SafeTextBrowser
from trialtracker.ui.status_badge import NOT_FOUND, StatusBadgeLabel, is_dark
from trialtracker.ui.tasks import Lane, Task, TaskRunner, expected_failure
from trialtracker.ui.timeline_strip import TimelineStrip, timeline_marks

REGISTRY_URL = "https://clinicaltrials.gov/study/{}"
STATUS_TOPIC = "reading-a-trial"


def registry_url(nct_id: str) -> str:
    return REGISTRY_URL.format(nct_id)


log = logging.getLogger(__name__)

#: How long a read of the trial may take before the pane says "Reading…" instead of the previous trial.
SLOW_READ_MS = 250


def _same_page(old: TrialDetail | CandidateView | None, new: TrialDetail | CandidateView | None) -> bool:
    """Whether ``new`` shows exactly as ``old`` does (the star is not on the page)."""
    if isinstance(old, TrialDetail) and isinstance(new, TrialDetail):
        return replace(new, starred=old.starred) == old
    return old == new


class DetailPane(QWidget):
    """The selected trial (or discovery candidate).

    Signals:
        topicRequested(key)
        markReviewedRequested(nct_id)
        trackRequested(nct_id)      -- a candidate: start tracking it
        dismissRequested(nct_id)    -- a candidate: dismiss it
        topicLinksChanged(nct_id)   -- the user linked, removed or restored a topic
                                       (already written and re-rendered here)
    """

    topicRequested = Signal(str)
    markReviewedRequested = Signal(str)
    trackRequested = Signal(str)
    dismissRequested = Signal(str)
    topicLinksChanged = Signal(str)

    def __init__(self, lib: Library, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lib = lib
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self._nct: str | None = None
        self._data: TrialDetail | CandidateView | None = None
        self._error: str | None = None  # why the trial shown could not be read (a server out of reach)
        self._asked = 0  # reads asked for: the answer of one that is not the latest is dropped
        self._reading: str | None = None  # the trial being read (the page shown meanwhile stays)
        # A read that takes long (a slow team server) says so instead of showing the previous trial.
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_READ_MS)
        self._slow.timeout.connect(self._show_reading)
        self._expanded = False  # the long description unfolded
        self._home: Place | None = None
        self._miles = False

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.subtitle = QLabel()
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.badge = StatusBadgeLabel()
        self.badge.clicked.connect(lambda: self.topicRequested.emit(STATUS_TOPIC))
        self.open_button = QPushButton(self.tr("Open on ClinicalTrials.gov"))
        self.open_button.setToolTip(self.tr("Open the registry page in your web browser"))
        self.open_button.clicked.connect(self.open_registry)
        self.copy_button = QPushButton(self.tr("Copy NCT ID"))
        self.copy_button.clicked.connect(self.copy_id)
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.setToolTip(self.tr("Every change recorded for this trial, reviewed or not"))
        self.history_button.clicked.connect(self.show_history)
        self.review_button = QPushButton(self.tr("Mark reviewed"))
        self.review_button.setToolTip(self.tr("You have seen this trial's changes"))
        self.review_button.clicked.connect(self._mark_reviewed)
        self.track_button = QPushButton(self.tr("Track this trial"))
        self.track_button.clicked.connect(lambda: self._nct and self.trackRequested.emit(self._nct))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(
            self.tr("Hide this candidate; saved searches will not suggest it again")
        )
        self.dismiss_button.clicked.connect(lambda: self._nct and self.dismissRequested.emit(self._nct))

        # Rows that wrap: the pane is narrow on small screens, and the words longer in most languages.
        actions = flow_of(self.badge, self.track_button, self.dismiss_button, self.review_button)
        actions2 = flow_of(self.open_button, self.copy_button, self.history_button)
        self.strip = TimelineStrip()

        self.browser = SafeTextBrowser()
        self.browser.setObjectName("detailBody")
        self.browser.setAccessibleName(self.tr("Trial page"))
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.topicRequested.connect(self.topicRequested)
        self.browser.anchorClicked.connect(self._on_anchor)

        self.empty = QLabel(self.tr("Select a trial to see its details."))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setObjectName("detailEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)

        self.header = QWidget()
        hl = QVBoxLayout(self.header)
        hl.setContentsMargins(12, 10, 12, 4)
        hl.setSpacing(6)
        hl.addWidget(self.title)
        hl.addWidget(self.subtitle)
        hl.addWidget(actions)
        hl.addWidget(actions2)
        hl.addWidget(self.strip)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.empty, 1)
        self.set_trial(None)

    # -- public API ------------------------------------------------------------------

    @property
    def nct_id(self) -> str | None:
        return self._nct

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (Light / Dark in Preferences, or the desktop's scheme): the page's colours are
        ours (its style sheet), so render it again at once rather than at the next trial."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._data is not None:
            self._render()

    def set_home(self, home: Place | None, *, miles: bool = False) -> None:
        """Measure the sites from ``home`` (None: no distances), in miles or km."""
        self._home, self._miles = home, miles
        self._render()

    @property
    def loading(self) -> bool:
        """A read of the trial asked for is under way (the page shown may still be the previous one)."""
        return self._reading is not None

    def set_trial(self, nct_id: str | None) -> None:
        """Show ``nct_id`` (None: nothing). It is read on the task runner's read lane; the page shown
        stays until the answer comes (or says "Reading…" if it is slow)."""
        same = nct_id == self._nct
        if not same:
            self._expanded = False
        self._nct = nct_id
        self._asked += 1
        if not nct_id:
            self._reading = None
            self._slow.stop()
            self._data, self._error = None, None
            self._render()
            return
        asked = self._asked
        self._reading = nct_id
        if not same:
            self._slow.start()
        self.tasks.submit(lambda _ctx: self._load(nct_id), lane=Lane.READ, name="read the trial",
                          on_done=lambda data: self._loaded(asked, data),
                          on_error=lambda exc: self._not_loaded(asked, exc))  # fmt: skip

    def reload(self) -> None:
        self.set_trial(self._nct)

    def _loaded(self, asked: int, data: TrialDetail | CandidateView | None) -> None:
        if asked != self._asked:  # another trial was asked for meanwhile
            return
        self._slow.stop()
        again = data is not None and self._data is not None and self._data.nct_id == data.nct_id
        shown = self.header.isVisibleTo(self)  # not the "Reading…" of a slow read of another trial
        unchanged = again and shown and self._error is None and _same_page(self._data, data)
        self._reading, self._data, self._error = None, data, None
        if unchanged:  # a star, or another member's change elsewhere: no page drawn again for nothing
            return
        if again:  # the same trial read again (after a write, a refresh): stay where the reader was
            self._keeping_scroll(self._render)
        else:
            self._render()

    def _not_loaded(self, asked: int, exc: Exception) -> None:
        expected_failure(exc)  # a bug goes to the crash handler
        if asked != self._asked:
            return
        self._slow.stop()
        log.warning("trial %s not read: %s", self._reading, type(exc).__name__)
        self._error = str(exc)  # a team library out of reach: the page shown stays readable
        if self._data is not None and self._data.nct_id != self._reading:
            self._data = None
        self._reading = None
        self._render()

    @Slot()
    def _show_reading(self) -> None:
        if self._reading is not None:
            self.header.hide()
            self.browser.hide()
            self.empty.show()
            self.empty.setText(self.tr("Reading {nct}…").format(nct=self._reading))

    @Slot()
    def open_registry(self) -> None:
        if self._nct:
            QDesktopServices.openUrl(QUrl(registry_url(self._nct)))

    @Slot()
    def show_history(self) -> None:
        """Trial ▸ History…: the whole change record of the trial shown here (a tracked one)."""
        from trialtracker.ui.history_dialog import HistoryDialog

        if isinstance(self._data, TrialDetail) and self._data.nct_id == self._nct:
            dialog = HistoryDialog(self._data, self.window())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    @Slot()
    def copy_id(self) -> None:
        if self._nct:
            QGuiApplication.clipboard().setText(self._nct)

    # -- loading ---------------------------------------------------------------------

    def _load(self, nct_id: str) -> TrialDetail | CandidateView | None:
        """The tracked trial, else the watch candidate of that ID, else None."""
        return trials.detail(self._lib, nct_id) or discovery.candidate(self._lib, nct_id)

    # -- rendering -------------------------------------------------------------------

    def _render(self) -> None:
        data = self._data
        shown = data is not None
        self.header.setVisible(shown)
        self.browser.setVisible(shown)
        self.empty.setVisible(not shown)
        if data is None:
            self.browser.clear()
            if self._nct and self._error:
                said = self.tr("{nct} could not be read: {error}")
                self.empty.setText(said.format(nct=self._nct, error=self._error))
            elif self._nct:
                self.empty.setText(self.tr("{nct} is no longer tracked.").format(nct=self._nct))
            else:
                self.empty.setText(self.tr("Select a trial to see its details."))
            return
        candidate = isinstance(data, CandidateView)
        self.title.setText(data.title)
        sub = [data.nct_id]
        if isinstance(data, TrialDetail):
            sub += [x for x in (data.acronym, data.lead_sponsor) if x]
        else:
            sub.append(self.tr("new candidate from your saved search {name}").format(name=data.watch))
        self.subtitle.setText("  ·  ".join(sub))
        not_found = isinstance(data, TrialDetail) and data.not_found
        self.badge.set_status(NOT_FOUND if not_found else data.overall_status)
        self.review_button.setVisible(isinstance(data, TrialDetail) and bool(data.unreviewed))
        self.track_button.setVisible(candidate)
        self.dismiss_button.setVisible(candidate)
        self.history_button.setVisible(not candidate)
        marks = timeline_marks(data.dates, data.changes) if isinstance(data, TrialDetail) else []
        self.strip.set_marks(marks)
        self.strip.setVisible(bool(marks))
        self.browser.document().setDefaultStyleSheet(self._css())
        from trialtracker.ui.trial_page import candidate_html, trial_html  # with the first trial shown

        if isinstance(data, TrialDetail):
            self.browser.setHtml(trial_html(data, topics.topic_library(), expanded=self._expanded,
                                            home=self._home, miles=self._miles))  # fmt: skip
        else:
            self.browser.setHtml(candidate_html(data))

    def _css(self) -> str:
        pal = self.palette()
        dark = is_dark(pal)
        # Between text and background, so it stays readable whatever the palette sets as placeholder.
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        muted = QColor(
            (text.red() * 2 + base.red()) // 3,
            (text.green() * 2 + base.green()) // 3,
            (text.blue() * 2 + base.blue()) // 3,
        ).name()
        link = pal.color(QPalette.ColorRole.Link).name()
        caution_bg, caution_fg = ("#4d3a0f", "#ffe7a8") if dark else ("#fff1c7", "#5a3a00")
        change_bg = "#1d3a4d" if dark else "#e3f1fb"
        return (
            "body { margin: 0; }"
            "h3 { margin-top: 14px; margin-bottom: 4px; font-size: medium; }"
            f".muted {{ color: {muted}; }}"
            f"a {{ color: {link}; }}"
            "td { padding: 2px 10px 2px 0; vertical-align: top; }"
            "td.k { font-weight: 600; white-space: nowrap; }"
            f"table.caution {{ background-color: {caution_bg}; color: {caution_fg}; }}"
            f"table.changes {{ background-color: {change_bg}; }}"
        )

    # -- actions -----------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        scheme, key = url.scheme(), url.path()
        if scheme == "action" and key == "mark-reviewed":
            self._mark_reviewed()
        elif scheme == "action" and key == "more-description":
            self._expanded = True
            self._keeping_scroll(self._render)
        elif scheme in ("mailto", "tel"):  # built by the page from checked values only
            QDesktopServices.openUrl(url)
        elif scheme == "copy":
            QGuiApplication.clipboard().setText(unquote(url.path()))
        elif scheme == "unlink" and key:
            self.unlink_topic(key)
        elif scheme == "relink" and key:
            self.link_topic(key)
        elif scheme == "linktopic":
            self.choose_topic_to_link()

    def linkable_topics(self) -> list[tuple[str, str]]:
        """(key, title) of the topics not linked to the shown trial, in library order."""
        if not isinstance(self._data, TrialDetail):
            return []
        linked = {link.topic for link in self._data.active_links}
        library = topics.topic_library()
        return [(t.key, t.title) for t in library if t.key not in linked and t.key != topics.SOURCES_KEY]

    @Slot()
    def choose_topic_to_link(self) -> str | None:
        """Ask which topic to link (the dialog only picks); returns the key linked, if any."""
        choices = self.linkable_topics()
        if not choices:
            return None
        titles = [title for _, title in choices]
        title, ok = QInputDialog.getItem(
            self,
            self.tr("Link a topic"),
            self.tr("Background reading to link to {nct}:").format(nct=self._nct),
            titles,
            0,
            False,
        )
        if not ok or title not in titles:
            return None
        key = choices[titles.index(title)][0]
        return key if self.link_topic(key) is not None else None

    def link_topic(self, key: str) -> Task[str] | None:
        """Link topic ``key`` to the trial shown as the user's choice (kept across refreshes)."""
        return self._change_link(key, link=True)

    def unlink_topic(self, key: str) -> Task[str] | None:
        """Remove topic ``key`` from the trial shown; rules will not bring it back."""
        return self._change_link(key, link=False)

    def _change_link(self, key: str, *, link: bool) -> Task[str] | None:
        """Write the choice on the database lane (None: no trial shown); the page is read again after."""
        data = self._data
        if not isinstance(data, TrialDetail):
            return None
        nct = data.nct_id  # the page clicked, even if another trial is being read meanwhile

        def written(_said: str) -> None:
            if nct == self._nct:
                self.reload()
            self.topicLinksChanged.emit(nct)

        def failed(exc: Exception) -> None:
            if not expected_failure(exc):
                return
            said = self.tr("Could not link the topic: {error}") if link else self.tr(
                "Could not remove the topic: {error}"
            )
            warn(self, said.format(error=exc))

        return self.tasks.submit(lambda _ctx: topics.set_link(self._lib, nct, key, linked=link), lane=Lane.DB,
                                 name="link a topic", on_done=written, on_error=failed)  # fmt: skip

    def _keeping_scroll(self, redraw: Callable[[], None]) -> None:
        scroll = self.browser.verticalScrollBar()
        position = scroll.value()
        redraw()
        scroll.setValue(position)

    def _mark_reviewed(self) -> None:
        if self._nct:
            self.markReviewedRequested.emit(self._nct)
