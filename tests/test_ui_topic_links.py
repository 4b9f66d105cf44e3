"""Linking, removing and restoring a trial's topics from the detail pane (offscreen)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from trialtracker.catalog import open_seeded_store
from trialtracker.paths import DataPaths
from trialtracker.store import trials as ops
from trialtracker.store.db import Store
from trialtracker.topics.library import SOURCES_KEY, load_library
from trialtracker.topics.linking import MANUAL, relink
from trialtracker.ui.detail_pane import DetailPane
from trialtracker.ui.main_window import MainWindow

MIST = "NCT00273364"
RULE_TOPIC = "evidence-and-safety"  # linked to MIST by a rule
NEW_TOPIC = "remyelination"  # not linked to MIST by the rules


@pytest.fixture
def store(paths: DataPaths) -> Iterator[Store]:
    store = open_seeded_store(paths)
    yield store
    store.close()


@pytest.fixture
def window(qtbot: QtBot, store: Store, paths: DataPaths) -> MainWindow:
    win = MainWindow(store, paths, auto_refresh=False, remember=False)
    qtbot.addWidget(win)
    win.show()
    assert win.select_trial(MIST)
    return win


def anchors(pane: DetailPane) -> list[str]:
    return re.findall(r'href="([^"]*)"', pane.browser.toHtml())


def links_of(store: Store, nct: str = MIST) -> dict[str, tuple[str, bool]]:
    """topic key -> (how, removed), straight from the store."""
    with store.session() as s:
        return {link.topic_key: (link.how, link.removed) for link in ops.require_trial(s, nct).topic_links}


def shown_topics(cli: Callable[..., Any]) -> dict[str, dict[str, Any]]:
    result = cli("show", MIST, "--json")
    assert result.code == 0, result.err
    return {link["topic"]: link for link in json.loads(result.out)["topic_links"]}


def click(qtbot: QtBot, pane: DetailPane, href: str) -> None:
    with qtbot.waitSignal(pane.topicLinksChanged, timeout=1000) as blocker:
        pane.browser.anchorClicked.emit(QUrl(href))
    assert blocker.args == [MIST]


def test_each_linked_topic_has_remove_and_the_list_offers_more(window: MainWindow) -> None:
    hrefs = anchors(window.detail)
    assert f"topic:{RULE_TOPIC}" in hrefs and f"unlink:{RULE_TOPIC}" in hrefs
    assert hrefs.count("linktopic:") == 1
    assert not any(h.startswith("relink:") for h in hrefs)
    text = window.detail.browser.toPlainText()
    assert "Link another topic…" in text and "Removed by you" not in text


def test_remove_a_rule_topic_then_restore_it(
    qtbot: QtBot, window: MainWindow, store: Store, cli: Callable[..., Any]
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
    qtbot: QtBot, window: MainWindow, store: Store, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = window.detail
    library = load_library()
    offered: list[str] = []

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_a: object) -> tuple[str, bool]:
        offered.extend(items)
        return library[NEW_TOPIC].title, True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    click(qtbot, pane, "linktopic:")

    linked_before = {"delivery-routes", "evidence-and-safety", "hsct", "ms-types", "reading-a-trial"}
    expected = [t.title for t in library if t.key not in linked_before and t.key != SOURCES_KEY]
    assert offered == expected  # library order, only topics not linked yet
    assert f"unlink:{NEW_TOPIC}" in anchors(pane)
    assert f"{library[NEW_TOPIC].title} — added by you" in pane.browser.toPlainText()
    assert links_of(store)[NEW_TOPIC] == (MANUAL, False)
    assert shown_topics(cli)[NEW_TOPIC]["how"] == MANUAL


def test_cancelled_picker_changes_nothing(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = links_of(store)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    assert window.detail.choose_topic_to_link() is None
    assert links_of(store) == before


def test_manual_choices_survive_a_relink(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    pane = window.detail
    assert pane.unlink_topic(RULE_TOPIC)
    assert pane.link_topic(NEW_TOPIC)

    with store.session() as s:  # what a refresh does after storing the registry record
        active = {link.topic_key for link in relink(s, ops.require_trial(s, MIST))}
    assert NEW_TOPIC in active and RULE_TOPIC not in active
    assert links_of(store)[RULE_TOPIC] == (MANUAL, True)
    assert links_of(store)[NEW_TOPIC] == (MANUAL, False)

    window.reload()
    hrefs = anchors(pane)
    assert f"relink:{RULE_TOPIC}" in hrefs and f"unlink:{RULE_TOPIC}" not in hrefs
    assert f"unlink:{NEW_TOPIC}" in hrefs


def test_unknown_topic_is_reported_not_written(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    before = links_of(store)
    window.detail.browser.anchorClicked.emit(QUrl("unlink:no-such-topic"))
    assert warnings and "unknown topic" in warnings[0]
    assert links_of(store) == before


def test_no_trial_shown_means_no_link_changes(qtbot: QtBot, store: Store) -> None:
    pane = DetailPane(store)
    qtbot.addWidget(pane)
    assert pane.linkable_topics() == []
    assert not pane.link_topic(NEW_TOPIC)
    assert not pane.unlink_topic(RULE_TOPIC)


def test_open_topic_browser_follows_link_changes(qtbot: QtBot, store: Store, paths: DataPaths) -> None:
    window = MainWindow(store, paths, api_url=None, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    assert window.select_trial("NCT00288626")
    browser = window.show_topics()
    assert browser.open_topic("remyelination")
    before = browser.linked.count()
    window.detail.link_topic("remyelination")
    assert browser.linked.count() == before + 1
    window.detail.unlink_topic("remyelination")
    assert browser.linked.count() == before
