"""Everything stored about the selected trial, readable at a glance.

The header (title, status badge, actions) is made of plain-text widgets; the
body is HTML that *we* build, where every registry or catalog string passes
through :func:`html.escape` first. Links in the body are ``topic:KEY`` (open the
topic in-app), ``action:…``, ``unlink:KEY`` / ``relink:KEY`` / ``linktopic:`` (the
user's own topic choices, handled here) or the registry page.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trialtracker.render import (
    PHASE_LABELS,
    date_label,
    field_label,
    humanize_enum,
    phase_label,
    status_label,
)
from trialtracker.store.db import Store
from trialtracker.topics.library import SOURCES_KEY, load_library
from trialtracker.ui.data_access import DataAccess, DataAccessError
from trialtracker.ui.status_badge import NOT_FOUND, StatusBadgeLabel, is_dark
from trialtracker.ui.topic_browser import SafeTextBrowser

REGISTRY_URL = "https://clinicaltrials.gov/study/{}"
STATUS_TOPIC = "reading-a-trial"
MAX_SITES_PER_COUNTRY = 25


def registry_url(nct_id: str) -> str:
    return REGISTRY_URL.format(nct_id)


def e(value: object) -> str:
    """Escape anything for our HTML (registry text is never markup)."""
    return html.escape("" if value is None else str(value), quote=True)


def change_value(field: str, value: str | None) -> str:
    """A history value in words: status and phase codes get their labels."""
    if value is None or value == "":
        return "—"
    if field in ("overall_status", "first_fetch"):
        return status_label(value)
    if field == "phases":
        return " / ".join(PHASE_LABELS.get(p.strip(), humanize_enum(p.strip())) for p in value.split(","))
    if field.endswith("_type"):
        return humanize_enum(value)
    return value


def _day(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d")
    except ValueError:
        return iso[:10]


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

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = DataAccess(store)
        self._nct: str | None = None
        self._data: dict[str, Any] | None = None

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
        self.open_button = QPushButton("Open on ClinicalTrials.gov")
        self.open_button.setToolTip("Open the registry page in your web browser")
        self.open_button.clicked.connect(self.open_registry)
        self.copy_button = QPushButton("Copy NCT ID")
        self.copy_button.clicked.connect(self.copy_id)
        self.review_button = QPushButton("Mark reviewed")
        self.review_button.setToolTip("You have seen this trial's changes")
        self.review_button.clicked.connect(self._mark_reviewed)
        self.track_button = QPushButton("Track this trial")
        self.track_button.clicked.connect(lambda: self._nct and self.trackRequested.emit(self._nct))
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setToolTip("Hide this candidate; saved searches will not suggest it again")
        self.dismiss_button.clicked.connect(lambda: self._nct and self.dismissRequested.emit(self._nct))

        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.badge)
        actions.addStretch(1)
        for button in (self.track_button, self.dismiss_button, self.review_button):
            actions.addWidget(button)
        actions2 = QHBoxLayout()
        actions2.setSpacing(6)
        actions2.addWidget(self.open_button)
        actions2.addWidget(self.copy_button)
        actions2.addStretch(1)

        self.browser = SafeTextBrowser()
        self.browser.setObjectName("detailBody")
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.topicRequested.connect(self.topicRequested)
        self.browser.anchorClicked.connect(self._on_anchor)

        self.empty = QLabel("Select a trial to see its details.")
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
        hl.addLayout(actions)
        hl.addLayout(actions2)

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

    def set_trial(self, nct_id: str | None) -> None:
        self._nct = nct_id
        self._data = self._load(nct_id) if nct_id else None
        self._render()

    def reload(self) -> None:
        self.set_trial(self._nct)

    @Slot()
    def open_registry(self) -> None:
        if self._nct:
            QDesktopServices.openUrl(QUrl(registry_url(self._nct)))

    @Slot()
    def copy_id(self) -> None:
        if self._nct:
            QGuiApplication.clipboard().setText(self._nct)

    # -- loading ---------------------------------------------------------------------

    def _load(self, nct_id: str) -> dict[str, Any] | None:
        return self._access.trial_details(nct_id)

    # -- rendering -------------------------------------------------------------------

    def _render(self) -> None:
        data = self._data
        shown = data is not None
        self.header.setVisible(shown)
        self.browser.setVisible(shown)
        self.empty.setVisible(not shown)
        if data is None:
            self.browser.clear()
            if self._nct:
                self.empty.setText(f"{self._nct} is no longer tracked.")
            else:
                self.empty.setText("Select a trial to see its details.")
            return
        candidate = bool(data["candidate"])
        self.title.setText(str(data["title"]))
        acronym = data.get("acronym")
        sub = [str(data["nct_id"])]
        if acronym:
            sub.append(str(acronym))
        if data.get("lead_sponsor"):
            sub.append(str(data["lead_sponsor"]))
        if candidate:
            sub.append("new candidate from your saved search " + str(data["watch"]))
        self.subtitle.setText("  ·  ".join(sub))
        self.badge.set_status(NOT_FOUND if data.get("not_found") else data.get("overall_status"))
        unreviewed = [c for c in data.get("changes", []) if not c["reviewed"]]
        self.review_button.setVisible(bool(unreviewed))
        self.track_button.setVisible(candidate)
        self.dismiss_button.setVisible(candidate)
        self.browser.document().setDefaultStyleSheet(self._css())
        self.browser.setHtml(self._candidate_html(data) if candidate else self._trial_html(data))

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

    def _facts_table(self, rows: list[tuple[str, str]]) -> str:
        """Rows of (label, already-escaped value HTML); empty values are skipped."""
        cells = "".join(
            f"<tr><td class='k'>{e(k)}</td><td>{v}</td></tr>" for k, v in rows if v and v != e("—")
        )
        return f"<table cellspacing='0'>{cells}</table>" if cells else ""

    def _trial_html(self, d: dict[str, Any]) -> str:
        parts: list[str] = []
        cat = d["catalog"]
        if cat.get("caution"):
            parts.append(
                "<table class='caution' width='100%' cellpadding='8' cellspacing='0'><tr><td>"
                f"<b>⚠ Caution.</b> {e(cat['caution'])} "
                "<a href='topic:evidence-and-safety'>Why this matters</a></td></tr></table>"
            )
        if d.get("not_found") or d.get("last_error"):
            parts.append(
                "<p><b>Last refresh:</b> " + e(d.get("last_error") or "not found in the registry") + "</p>"
            )
        unreviewed = [c for c in d["changes"] if not c["reviewed"] and c["field"] != "first_fetch"]
        if unreviewed:
            items = "".join(
                f"<li>{e(field_label(c['field']))}: {e(change_value(c['field'], c['old']))} → "
                f"<b>{e(change_value(c['field'], c['new']))}</b>"
                f" <span class='muted'>({e(_day(c['detected_at']))})</span></li>"
                for c in unreviewed
            )
            parts.append(
                "<table class='changes' width='100%' cellpadding='8' cellspacing='0'><tr><td>"
                f"<b>{len(unreviewed)} change{'s' if len(unreviewed) != 1 else ''} since you last reviewed"
                f"</b><ul style='margin-top:4px; margin-bottom:4px'>{items}</ul>"
                "<a href='action:mark-reviewed'>Mark reviewed</a></td></tr></table>"
            )
        if d.get("official_title") and d["official_title"] != d["title"]:
            parts.append(f"<p class='muted'>{e(d['official_title'])}</p>")

        enrollment = d["enrollment"]
        enrol = ""
        if enrollment.get("count") is not None:
            kind = enrollment.get("type")
            enrol = e(f"{enrollment['count']} participants" + (f" ({kind.lower()})" if kind else ""))
        results = d.get("has_results")
        parts.append("<h3>Key facts</h3>")
        parts.append(
            self._facts_table(
                [
                    ("Status", e(status_label(d["overall_status"]))),
                    ("Why stopped", e(d.get("why_stopped") or "")),
                    ("Phase", e(phase_label(d["phases"], cat.get("phase")))),
                    ("Study type", e(humanize_enum(d["study_type"])) if d.get("study_type") else ""),
                    ("Enrollment", enrol),
                    *[(field_label(k), e(date_label(v["date"], v["type"]))) for k, v in d["dates"].items()],
                    ("First posted", e(d.get("first_posted") or "")),
                    ("Last update posted", e(d.get("last_update_posted") or "")),
                    ("Results posted", "" if results is None else ("yes" if results else "no")),
                    ("Sponsor", e(d.get("lead_sponsor") or "")),
                    ("Conditions", e(", ".join(d["conditions"]))),
                ]
            )
        )
        if d["interventions"]:
            items = "".join(
                f"<li><b>{e(i.get('name') or '?')}</b>"
                + (f" <span class='muted'>({e(humanize_enum(i['type']))})</span>" if i.get("type") else "")
                + (f"<br/>{e(i['description'])}" if i.get("description") else "")
                + "</li>"
                for i in d["interventions"]
                if isinstance(i, dict)
            )
            parts.append(f"<h3>Interventions</h3><ul>{items}</ul>")

        catalog_rows = [
            ("Cell therapy", e(cat.get("cell_type") or "")),
            ("Route", e(cat.get("route") or "")),
            ("MS type", e(cat.get("ms_type") or "")),
            ("Country", e(cat.get("country") or "")),
            ("Note", e(cat.get("note") or "")),
        ]
        if any(v for _, v in catalog_rows):
            parts.append("<h3>From the Trial Tracker catalog</h3>" + self._facts_table(catalog_rows))

        parts.append(self._topics_html(d))

        history = [c for c in d["changes"] if c["field"] in ("overall_status", "first_fetch")]
        if history:
            items = ""
            for c in reversed(history):
                when = e(_day(c["detected_at"]))
                reg = (
                    f" <span class='muted'>(registry update {e(c['registry_update'])})</span>"
                    if c.get("registry_update")
                    else ""
                )
                if c["field"] == "first_fetch":
                    items += f"<tr><td class='k'>{when}</td><td>First fetched: {e(change_value('first_fetch', c['new']))}{reg}</td></tr>"  # noqa: E501
                else:
                    items += (
                        f"<tr><td class='k'>{when}</td><td>{e(change_value('overall_status', c['old']))} → "
                        f"<b>{e(change_value('overall_status', c['new']))}</b>{reg}</td></tr>"
                    )
            parts.append(f"<h3>Status history</h3><table cellspacing='0'>{items}</table>")

        if d["locations"]:
            parts.append(self._sites_html(d["locations"]))

        tracked = _day(d.get("tracked_since"))
        refreshed = _day(d.get("last_refreshed")) or "never"
        parts.append(
            f"<p class='muted'>Tracked since {e(tracked)} · last refreshed {e(refreshed)}"
            + (f" · tags: {e(', '.join(d['tags']))}" if d["tags"] else "")
            + "</p>"
        )
        if d.get("last_refreshed") is None:
            parts.append("<p class='muted'>Registry details appear after the first refresh (F5).</p>")
        return "".join(parts)

    def _topics_html(self, d: dict[str, Any]) -> str:
        """Linked topics, each removable; then "Link another topic…" and what the user removed."""
        library = load_library()

        def title(key: str) -> str:
            topic = library.get(key)
            return topic.title if topic else key

        items = ""
        for link in d["topic_links"]:
            key = e(link["topic"])
            reason = f" <span class='muted'>— {e(link['reason'])}</span>" if link.get("reason") else ""
            items += (
                f"<li><a href='topic:{key}'>{e(title(link['topic']))}</a>{reason}"
                f" <span class='muted'>·</span> <a href='unlink:{key}' title='Stop linking this topic'>"
                "<small>remove</small></a></li>"
            )
        out = "<h3>Background reading</h3>"
        out += f"<ul>{items}</ul>" if items else "<p class='muted'>No topic is linked to this trial.</p>"
        out += "<p><a href='linktopic:'>Link another topic…</a></p>"
        removed = d.get("removed_topics") or []
        if removed:
            restore = ", ".join(f"{e(title(key))} (<a href='relink:{e(key)}'>restore</a>)" for key in removed)
            out += f"<p class='muted'>Removed by you: {restore}</p>"
        return out

    def _sites_html(self, locations: list[Any]) -> str:
        by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for loc in locations:
            if isinstance(loc, dict):
                by_country[str(loc.get("country") or "Country not given")].append(loc)
        recruiting = sum(1 for locs in by_country.values() for x in locs if x.get("status") == "RECRUITING")
        out = (
            f"<h3>Sites ({len(locations)} in {len(by_country)} "
            f"{'country' if len(by_country) == 1 else 'countries'}, {recruiting} recruiting)</h3>"
        )
        for country in sorted(by_country):
            locs = by_country[country]
            n_rec = sum(1 for x in locs if x.get("status") == "RECRUITING")
            out += f"<p style='margin-bottom:2px'><b>{e(country)}</b> <span class='muted'>— {len(locs)} site"
            out += f"{'s' if len(locs) != 1 else ''}{f', {n_rec} recruiting' if n_rec else ''}</span></p><ul>"
            for loc in locs[:MAX_SITES_PER_COUNTRY]:
                place = ", ".join(str(x) for x in (loc.get("city"), loc.get("state")) if x)
                status = f" — <i>{e(status_label(loc['status']))}</i>" if loc.get("status") else ""
                facility = e(loc.get("facility") or "Site")
                out += f"<li>{facility}{' (' + e(place) + ')' if place else ''}{status}</li>"
            if len(locs) > MAX_SITES_PER_COUNTRY:
                out += f"<li class='muted'>… and {len(locs) - MAX_SITES_PER_COUNTRY} more</li>"
            out += "</ul>"
        return out

    def _candidate_html(self, d: dict[str, Any]) -> str:
        return (
            "<p>A saved search found this study. It is not tracked yet: track it to follow its changes and "
            "keep notes, or dismiss it.</p>"
            + self._facts_table(
                [
                    ("Status", e(status_label(d.get("overall_status")))),
                    ("Found by", e(d["watch"])),
                    ("First seen", e(_day(d["first_seen"]))),
                ]
            )
        )

    # -- actions -----------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        scheme, key = url.scheme(), url.path()
        if scheme == "action" and key == "mark-reviewed":
            self._mark_reviewed()
        elif scheme == "unlink" and key:
            self.unlink_topic(key)
        elif scheme == "relink" and key:
            self.link_topic(key)
        elif scheme == "linktopic":
            self.choose_topic_to_link()

    def linkable_topics(self) -> list[tuple[str, str]]:
        """(key, title) of the topics not linked to the shown trial, in library order."""
        if self._data is None or self._data.get("candidate"):
            return []
        linked = {link["topic"] for link in self._data["topic_links"]}
        return [(t.key, t.title) for t in load_library() if t.key not in linked and t.key != SOURCES_KEY]

    @Slot()
    def choose_topic_to_link(self) -> str | None:
        """Ask which topic to link (the dialog only picks); returns the key linked, if any."""
        choices = self.linkable_topics()
        if not choices:
            return None
        titles = [title for _, title in choices]
        title, ok = QInputDialog.getItem(
            self, "Link a topic", f"Background reading to link to {self._nct}:", titles, 0, False
        )
        if not ok or title not in titles:
            return None
        key = choices[titles.index(title)][0]
        return key if self.link_topic(key) else None

    def link_topic(self, key: str) -> bool:
        """Link topic ``key`` to the shown trial as the user's choice (kept across refreshes)."""
        return self._change_link(key, link=True)

    def unlink_topic(self, key: str) -> bool:
        """Remove topic ``key`` from the shown trial; rules will not bring it back."""
        return self._change_link(key, link=False)

    def _change_link(self, key: str, *, link: bool) -> bool:
        nct = self._nct
        if nct is None or self._data is None or self._data.get("candidate"):
            return False
        try:
            self._access.change_topic_link(nct, key, link=link)
        except DataAccessError as exc:
            verb = "link" if link else "remove"
            QMessageBox.warning(self, "Trial Tracker", f"Could not {verb} the topic: {exc}")
            return False
        scroll = self.browser.verticalScrollBar()
        position = scroll.value()
        self.reload()
        scroll.setValue(position)
        self.topicLinksChanged.emit(nct)
        return True

    def _mark_reviewed(self) -> None:
        if self._nct:
            self.markReviewedRequested.emit(self._nct)
