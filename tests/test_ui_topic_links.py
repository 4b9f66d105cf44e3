"""Linking, removing and restoring a trial's topics from the detail pane (offscreen)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library, show_trial
from trialtracker.domain.errors import DatabaseError
from trialtracker.domain.topic_links import MANUAL
from trialtracker.paths import DataPaths
from trialtracker.services import topics
from trialtracker.services.library import Library
from trialtracker.services.topics import SOURCES_KEY
from trialtracker.services.topics import topic_library as load_library
from trialtracker.store import trials as ops
from trialtracker.store.links import relink
from trialtracker.ui.detail_pane import DetailPane
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.tasks import Task
from trialtracker.ui.topic_browser import TopicBrowser

MIST = "NCT00273364"
RULE_TOPIC = "evidence-and-safety"  # linked to MIST by a rule
NEW_TOPIC = "remyelination"  # not linked to MIST by the rules


@pytest.fixture
def window(qtbot: QtBot, store: Library, paths: DataPaths) -> MainWindow:
    win = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(win)
    win.show()
    assert show_trial(qtbot, win, MIST)
    return win


def anchors(pane: DetailPane) -> list[str]:
    return re.findall(r'href="([^"]*)"', pane.browser.toHtml())


def links_of(store: Library, nct: str = MIST) -> dict[str, tuple[str, bool]]:
    """topic key -> (how, removed), straight from the store."""
    with store.transaction() as s:
        return {link.topic_key: (link.how, link.removed) for link in ops.require_trial(s, nct).topic_links}


def shown_topics(cli: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    result = cli("show", MIST, "--json")
    assert result.code == 0, result.err
    return {link["topic"]: link for link in json.loads(result.out)["topic_links"]}


def click(qtbot: QtBot, pane: DetailPane, href: str) -> None:
    """Click a link of the page; wait until the choice is written and the page read again."""
    with qtbot.waitSignal(pane.topicLinksChanged, timeout=5000) as blocker:
        pane.browser.anchorClicked.emit(QUrl(href))
    assert blocker.args == [MIST]
    qtbot.waitUntil(lambda: not pane.loading)


def written(qtbot: QtBot, pane: DetailPane, task: Task[str] | None) -> None:
    """Wait until a link change asked of the pane is written and the page read again."""
    assert task is not None
    qtbot.waitUntil(lambda: task.delivered and not pane.loading)


def test_each_linked_topic_has_remove_and_the_list_offers_more(window: MainWindow) -> None:
    hrefs = anchors(window.detail)
    assert f"topic:{RULE_TOPIC}" in hrefs and f"unlink:{RULE_TOPIC}" in hrefs
    assert hrefs.count("linktopic:") == 1
    assert not any(h.startswith("relink:") for h in hrefs)
    text = window.detail.browser.toPlainText()
    assert "Link another topic…" in text and "Removed by you" not in text


def test_remove_a_rule_topic_then_restore_it(
    qtbot: QtBot, window: MainWindow, store: Library, cli: Callable[..., Any]
) -> None:
    pane = window.detail
    title = load_library()[RULE_TOPIC].title
    click(qtbot, pane, f"unlink:{RULE_TOPIC}")

    hrefs = anchors(pane)
    assert f"topic:{RULE_TOPIC}" not in hrefs and f"unlink:{RULE_TOPIC}" not in hrefs
    assert f"relink:{RULE_TOPIC}" in hrefs
    assert f"Removed by you: {title} (restore)" in pane.browser.toPlainText()
    assert links_of(store)[RULE_TOPIC] == (MANUAL, True)
    assert RULE_TOPIC not in shown_topics(cli)

    click(qtbot, pane, f"relink:{RULE_TOPIC}")
    assert f"unlink:{RULE_TOPIC}" in anchors(pane)
    assert "Removed by you" not in pane.browser.toPlainText()
    assert links_of(store)[RULE_TOPIC] == (MANUAL, False)
    assert shown_topics(cli)[RULE_TOPIC] == {"topic": RULE_TOPIC, "how": MANUAL, "reason": "added by you"}


def test_link_another_topic_through_the_picker(
    qtbot: QtBot, window: MainWindow, store: Library, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = window.detail
    library = load_library()
    offered: list[str] = []

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_a: object) -> tuple[str, bool]:
        offered.extend(items)
        return library[NEW_TOPIC].title, True

    linked_before = {key for key, (_how, removed) in links_of(store).items() if not removed}
    assert {"hsct", "guidelines", "evidence-and-safety", "reading-a-trial"} <= linked_before
    monkeypatch.setattr(QInputDialog, "getItem", pick)
    click(qtbot, pane, "linktopic:")

    expected = [t.title for t in library if t.key not in linked_before and t.key != SOURCES_KEY]
    assert offered == expected  # library order, only topics not linked yet
    assert f"unlink:{NEW_TOPIC}" in anchors(pane)
    assert f"{library[NEW_TOPIC].title} — added by you" in pane.browser.toPlainText()
    assert links_of(store)[NEW_TOPIC] == (MANUAL, False)
    assert shown_topics(cli)[NEW_TOPIC]["how"] == MANUAL


def test_cancelled_picker_changes_nothing(
    window: MainWindow, store: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = links_of(store)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    assert window.detail.choose_topic_to_link() is None
    assert links_of(store) == before


def test_manual_choices_survive_a_relink(qtbot: QtBot, window: MainWindow, store: Library) -> None:
    pane = window.detail
    written(qtbot, pane, pane.unlink_topic(RULE_TOPIC))
    written(qtbot, pane, pane.link_topic(NEW_TOPIC))

    with store.transaction() as s:  # what a refresh does after storing the registry record
        active = {link.topic_key for link in relink(s, ops.require_trial(s, MIST), store.linker)}
    assert NEW_TOPIC in active and RULE_TOPIC not in active
    assert links_of(store)[RULE_TOPIC] == (MANUAL, True)
    assert links_of(store)[NEW_TOPIC] == (MANUAL, False)

    reloaded = window.reload()  # read on the read lane

    qtbot.waitUntil(lambda: reloaded.delivered)
    qtbot.waitUntil(lambda: not window.loading and not pane.loading)
    hrefs = anchors(pane)
    assert f"relink:{RULE_TOPIC}" in hrefs and f"unlink:{RULE_TOPIC}" not in hrefs
    assert f"unlink:{NEW_TOPIC}" in hrefs


def test_unknown_topic_is_reported_not_written(
    qtbot: QtBot, window: MainWindow, store: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    before = links_of(store)
    window.detail.browser.anchorClicked.emit(QUrl("unlink:no-such-topic"))
    qtbot.waitUntil(lambda: bool(warnings))
    assert "unknown topic" in warnings[0]
    assert links_of(store) == before


def test_no_trial_shown_means_no_link_changes(qtbot: QtBot, store: Library) -> None:
    pane = DetailPane(store)
    qtbot.addWidget(pane)
    assert pane.linkable_topics() == []
    assert pane.link_topic(NEW_TOPIC) is None
    assert pane.unlink_topic(RULE_TOPIC) is None


def test_open_topic_browser_follows_link_changes(qtbot: QtBot, data_dir: Path) -> None:
    lib = open_test_library(data_dir)
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    try:
        window.show()
        assert show_trial(qtbot, window, "NCT00288626")
        browser = window.show_topics()
        assert browser.open_topic("remyelination")
        qtbot.waitUntil(lambda: not browser.loading)  # its linked trials are read on the read lane
        before = browser.linked.count()
        written(qtbot, window.detail, window.detail.link_topic("remyelination"))
        qtbot.waitUntil(lambda: browser.linked.count() == before + 1)
        written(qtbot, window.detail, window.detail.unlink_topic("remyelination"))
        qtbot.waitUntil(lambda: browser.linked.count() == before)
    finally:
        window.close()
        lib.close()


def _linked_ids(browser: TopicBrowser) -> list[str]:
    items = (browser.linked.item(row) for row in range(browser.linked.count()))
    return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items]


def test_topic_browser_reads_linked_trials_from_the_library(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = open_test_library(data_dir)
    try:
        expected = topics.linked_trials(lib, RULE_TOPIC)
        assert MIST in [t.nct_id for t in expected]
        browser = TopicBrowser(lib)
        qtbot.addWidget(browser)
        assert browser.topics.count() == len(topics.topic_library())
        assert browser.open_topic(RULE_TOPIC)
        assert browser.current_key() == RULE_TOPIC
        qtbot.waitUntil(lambda: not browser.loading)  # read on the read lane
        assert _linked_ids(browser) == [t.nct_id for t in expected]
        assert browser.linked_label.text() == f"Trials linked to this topic ({len(expected)})"
        mist = browser.linked.item(_linked_ids(browser).index(MIST))
        row = next(t for t in expected if t.nct_id == MIST)
        assert mist.text().startswith(f"{MIST} — {row.title}")
        if row.reason:
            assert mist.text().endswith(f"({row.reason})")
        with qtbot.waitSignal(browser.trialActivated, timeout=1000) as blocker:
            browser.linked.itemActivated.emit(mist)
        assert blocker.args == [MIST]

        # A link changed elsewhere shows after reload(); the sources page never lists trials.
        topics.set_link(lib, MIST, RULE_TOPIC, linked=False)
        browser.reload()
        qtbot.waitUntil(lambda: not browser.loading)
        assert MIST not in _linked_ids(browser)
        assert browser.open_topic(f"{topics.SOURCES_KEY}#anchor")
        assert browser.current_key() == topics.SOURCES_KEY
        assert browser.linked_label.isHidden() and browser.linked.isHidden()
        assert not browser.open_topic("no-such-topic")
        assert browser.current_key() == topics.SOURCES_KEY

        # A library that cannot be read still shows the topic, and says why the list is empty.
        def broken(_lib: object, _key: str) -> list[topics.LinkedTrial]:
            raise DatabaseError("database is locked")

        monkeypatch.setattr("trialtracker.ui.topic_browser.linked_trials", broken)
        assert browser.open_topic(NEW_TOPIC)
        assert browser.title.text() == topics.topic_library()[NEW_TOPIC].title
        qtbot.waitUntil(lambda: not browser.loading)
        assert browser.linked.isHidden()
        assert browser.linked_label.text() == "Could not read the linked trials: database is locked"
    finally:
        lib.close()

    without = TopicBrowser(None)  # no library open: topics only
    qtbot.addWidget(without)
    assert without.open_topic(RULE_TOPIC)
    assert without.linked.isHidden()
    assert without.linked_label.text() == "No tracked trial is linked to this topic"
