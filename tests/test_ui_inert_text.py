"""Outside text (registry, user, errors) is shown as written: never as rich text, never loading a thing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import show_trial
from tests.ctgov_server import CtGovServer, Fault, make_study
from tests.preview_probe import RecordingPreview
from trialtracker.paths import DataPaths
from trialtracker.services import notes, trials
from trialtracker.services.library import Library
from trialtracker.services.listing import RowTally, list_rows
from trialtracker.services.refresh import run_refresh
from trialtracker.services.registry import registry_client
from trialtracker.services.settings import load_settings
from trialtracker.services.topics import set_link, topic_library
from trialtracker.ui.detail_pane import DetailPane
from trialtracker.ui.notes_panel import NotesPanel
from trialtracker.ui.safe_browser import SafeTextBrowser
from trialtracker.ui.sidebar import Sidebar
from trialtracker.ui.topic_browser import TopicBrowser
from trialtracker.ui.trial_filter import TrialFilterProxy
from trialtracker.ui.trial_model import COL_STATUS, COL_TAGS, COL_TITLE, TrialTableModel

HOSTILE = '<img src="/dev/zero"><b>x</b>'  # as rich text: read /dev/zero until the app aborts
# The same markup for the message box test, where a regression must fail the test, not abort the run.
MARKUP = '<img src="no-such-image.png"><b>x</b>'
NCT = "NCT09999931"


def shown(tooltip: str) -> str:
    """The words QToolTip would show for ``tooltip``: rich text when Qt guesses so, else as it is."""
    if not GuiQt.mightBeRichText(tooltip):
        return tooltip
    doc = QTextDocument()  # never laid out: reading its text loads no image
    doc.setHtml(tooltip)
    return doc.toPlainText()


def _hostile_library(store: Library, paths: DataPaths, server: CtGovServer) -> Library:
    """NCT: registry title, tag and last refresh error all ``HOSTILE``."""
    server.add(make_study(NCT, brief_title=HOSTILE, official_title=HOSTILE, acronym=None))
    store.settings = load_settings(data_dir=paths.data_dir, api_url=server.url, pace=0)
    trials.add(store, [NCT])
    with registry_client(store.settings) as client:
        assert run_refresh(store, client, [NCT], force=True, watches=False).ok
    trials.edit_tags(store, [NCT], add=[HOSTILE])
    server.inject(Fault.bad_request(HOSTILE))
    with registry_client(store.settings) as client:
        run_refresh(store, client, [NCT], force=True, watches=False)
    return store


def test_tooltips_show_registry_and_user_text_as_written(
    qtbot: QtBot, store: Library, paths: DataPaths, ctgov_server: CtGovServer
) -> None:
    lib = _hostile_library(store, paths, ctgov_server)
    (row,) = list_rows(lib, ids=[NCT])
    assert GuiQt.mightBeRichText(HOSTILE)
    assert row.title == HOSTILE and row.tags == (HOSTILE,)
    assert row.last_error is not None and HOSTILE in row.last_error

    model = TrialTableModel()
    model.set_rows([row])
    tip = Qt.ItemDataRole.ToolTipRole
    assert shown(model.data(model.index(0, COL_TITLE), tip)) == HOSTILE
    assert shown(model.data(model.index(0, COL_TAGS), tip)) == HOSTILE
    status_tip = shown(model.data(model.index(0, COL_STATUS), tip))
    assert status_tip.endswith(f"last refresh: {row.last_error}")

    proxy = TrialFilterProxy()
    proxy.setSourceModel(model)
    sidebar = Sidebar(proxy)
    qtbot.addWidget(sidebar)
    sidebar.set_counts(RowTally.of([row]), [HOSTILE])
    tag_item = next(
        sidebar.topLevelItem(1).child(i)
        for i in range(sidebar.topLevelItem(1).childCount())
        if sidebar.topLevelItem(1).child(i).toolTip(0)
    )
    assert shown(tag_item.toolTip(0)) == HOSTILE

    key = next(iter(topic_library())).key
    set_link(lib, NCT, key, linked=True)
    browser = TopicBrowser(lib)
    qtbot.addWidget(browser)
    assert browser.open_topic(key)
    qtbot.waitUntil(lambda: not browser.loading)
    assert browser.linked.count() == 1
    assert shown(browser.linked.item(0).toolTip()) == HOSTILE


def test_a_plain_tooltip_keeps_every_character() -> None:
    from trialtracker.ui.plain import plain_tooltip

    for text in (HOSTILE, "a &amp; b", "&lt;b&gt;", "line one\nline two", "  two  spaces", "x < y > z"):
        assert shown(plain_tooltip(text)) == text
    assert plain_tooltip("") == ""


def _answer_the_message_box(seen: dict[str, Any], parent: QWidget) -> QTimer:
    """Answer (reject) the next message box as soon as it is open, noting how it shows its text (it may
    open later, when a write on the task runner fails)."""
    timer = QTimer(parent)
    timer.setInterval(10)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            seen["format"], seen["text"] = box.textFormat(), box.text()
            box.reject()

    timer.timeout.connect(answer)
    timer.start()
    return timer


def test_message_boxes_show_error_and_note_text_as_plain_text(
    qtbot: QtBot, store: Library, paths: DataPaths, ctgov_server: CtGovServer
) -> None:
    lib = _hostile_library(store, paths, ctgov_server)  # NCT is tracked
    pane = DetailPane(lib)
    qtbot.addWidget(pane)
    show_trial(qtbot, pane, NCT)
    seen: dict[str, Any] = {}
    _answer_the_message_box(seen, pane)
    assert pane.link_topic(MARKUP) is not None  # no such topic: the error quotes the key
    qtbot.waitUntil(lambda: "text" in seen)
    assert seen["format"] == Qt.TextFormat.PlainText
    assert MARKUP in seen["text"]

    notes.add_note(lib, NCT, MARKUP)
    panel = NotesPanel(lib)
    qtbot.addWidget(panel)
    show_trial(qtbot, panel, NCT)
    seen.clear()
    _answer_the_message_box(seen, panel)
    panel.delete_note()
    assert seen["format"] == Qt.TextFormat.PlainText
    assert MARKUP in seen["text"]
    assert [n.body for n in notes.notes(lib, NCT)] == [MARKUP]  # cancelled: kept


# -- the Markdown/HTML browser ----------------------------------------------------------


# Run in another process: a reader blocked in Qt's C++ code holds the GIL, so no thread of ours could help.
_RESCUER = """
import os, sys, time
fifo, marker, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])
time.sleep(delay)
while True:  # each open for writing lets one blocked reader go on, with nothing to read
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only if a reader is waiting
    except OSError:
        time.sleep(0.05)
        continue
    os.close(fd)
    with open(marker, "a") as f:
        f.write("rescued\\n")
"""


@contextmanager
def _rescued_after(fifo: Path, seconds: float) -> Iterator[Path]:
    """While the block runs, unblock whoever waits to read ``fifo`` after ``seconds`` (so the test
    fails instead of hanging); the file yielded exists if that was needed."""
    marker = fifo.with_name("rescued")
    rescuer = subprocess.Popen([sys.executable, "-c", _RESCUER, str(fifo), str(marker), str(seconds)])
    try:
        yield marker
    finally:
        rescuer.kill()
        rescuer.wait()


@pytest.mark.parametrize("markup", ["markdown", "html"])
def test_the_note_preview_loads_nothing(qtbot: QtBot, tmp_path: Path, markup: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "relative.png").write_bytes(b"not really a png")
    # Not /dev/zero here: should a regression read it, the run would grow until the OOM killer came
    # (the FIFO shows the same thing safely); it is asked for directly below.
    sources = ["file:///etc/passwd", "relative.png", "http://example.com/x.png", str(fifo)]
    if markup == "markdown":
        text = "# Note\n\n" + "\n\n".join(f"![picture {i}]({src})" for i, src in enumerate(sources))
    else:
        text = (
            f"<html><head><link rel='stylesheet' href='{fifo}'></head><body>"
            + "".join(f"<p><img src='{src}' alt='picture {i}'></p>" for i, src in enumerate(sources))
            + "</body></html>"
        )
    browser = RecordingPreview()
    qtbot.addWidget(browser)
    browser.document().setBaseUrl(QUrl.fromLocalFile(f"{tmp_path}/"))
    browser.resize(400, 600)
    browser.show()
    started = time.monotonic()
    with _rescued_after(fifo, 3.0) as rescued:
        (browser.setMarkdown if markup == "markdown" else browser.setHtml)(text)
        browser.grab()  # lay out and paint every image
        qtbot.wait(50)
    assert not rescued.exists(), "rendering the note blocked on a FIFO"
    assert time.monotonic() - started < 2.5
    assert browser.reached == [], "a resource reached Qt's loader"
    shown_text = browser.toPlainText()
    assert "\ufffc" not in shown_text, "an image (or its broken-image icon) is still in the text"
    for i in range(len(sources)):
        assert f"picture {i}" in shown_text  # the alt text stands in for the image

    for kind in QTextDocument.ResourceType:
        for name in ("/dev/zero", "file:///dev/zero", str(fifo)):
            assert isinstance(browser.loadResource(int(kind.value), QUrl(name)), QImage)  # a blank
    assert browser.reached == []


class _Opener(QObject):
    """Stands in for the desktop's browser (a Qt URL handler): records what would be opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_the_preview_follows_only_web_and_topic_links(qtbot: QtBot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    topics: list[str] = []
    browser.topicRequested.connect(topics.append)
    opener = _Opener()
    schemes = ("http", "https", "file", "mailto", "smb", "javascript", "ftp")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, opener, "handle")  # type: ignore[arg-type]
    try:
        for url in (
            "file:///etc/passwd",
            "/dev/zero",
            "relative.html",
            "javascript:alert(1)",
            "mailto:x@example.com",
            "smb://host/share",
            "ftp://example.com/x",
            "topic:hsct",
            "https://clinicaltrials.gov/study/NCT00000001",
            "http://example.com/",
        ):
            browser.anchorClicked.emit(QUrl(url))
    finally:
        for scheme in schemes:
            QDesktopServices.unsetUrlHandler(scheme)
    assert topics == ["hsct"]
    assert opener.opened == ["https://clinicaltrials.gov/study/NCT00000001", "http://example.com/"]
    assert browser.source().isEmpty()
