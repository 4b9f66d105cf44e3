"""Print / Save as PDF of one trial page: the page with the user's notes and linked topics, made by Qt
alone, with outside text inert (no markup, no resource loaded) and no app-only links on paper."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtPrintSupport
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library, show_trial
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.services import notes, topics, trials
from trialtracker.services.library import Library
from trialtracker.services.views import TrialDetail
from trialtracker.ui import print_page
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.print_page import printable_document, printable_html, write_pdf

NCT = "NCT00288626"
OTHER = "NCT02418351"  # in the catalog, with a caution
TITLE = "Mesenchymal Stem Cells for Relapsing Multiple Sclerosis"
HOSTILE = 'Ask about <img src="/etc/passwd"> and <b>x</b> & the MRI\n\n# Not a heading\n- line two'
NOTE = "Call the trial desk on Monday about the screening visit."
LONG = " ".join(["Participants are followed with MRI scans and clinic visits every three months."] * 12)


def study(nct: str = NCT, status: str = "RECRUITING") -> dict[str, Any]:
    """A study with everything the page shows: criteria, contacts, outcomes, references, sites."""
    made = make_study(nct, brief_title=TITLE, overall_status=status)
    ps = made["protocolSection"]
    ps["eligibilityModule"]["eligibilityCriteria"] = (
        "Inclusion Criteria:\n\n* Age 18-50 years\n* Relapsing MS\n\nExclusion Criteria:\n\n* Pregnancy"
    )
    ps["descriptionModule"]["detailedDescription"] = LONG
    where = ps["contactsLocationsModule"]
    where["centralContacts"] = [{"name": "Trial desk", "role": "CONTACT", "phone": "+1 (312) 555-0142",
                                 "email": "ms.trials@example.org"}]  # fmt: skip
    ps["outcomesModule"] = {"primaryOutcomes": [{"measure": "Relapse-free survival", "timeFrame": "2 years"}]}
    ps["referencesModule"] = {"references": [{"pmid": "23456789", "type": "RESULT", "citation": "Results."}]}
    return made


@pytest.fixture(name="lib")
def refreshed_library(ctgov_server: CtGovServer, data_dir: Path) -> Iterator[Library]:
    """A library tracking NCT (refreshed, with a change to review, a note, a hostile note and a linked
    topic) and OTHER."""
    from trialtracker.services.refresh import run_refresh
    from trialtracker.services.registry import registry_client

    ctgov_server.add(study(), study(OTHER))
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    try:
        trials.add(lib, [NCT, OTHER])
        with registry_client(lib.settings) as client:
            assert run_refresh(lib, client, ids=[NCT, OTHER], watches=False).ok
            ctgov_server.add(study(status="ACTIVE_NOT_RECRUITING"))  # a change to review
            ctgov_server.data_timestamp = "2031-01-01T00:00:00"
            assert run_refresh(lib, client, ids=[NCT], force=True, watches=False).ok
        notes.add_note(lib, NCT, NOTE)
        notes.add_note(lib, NCT, HOSTILE)
        topics.set_link(lib, NCT, "delivery-routes", linked=True)
        yield lib
    finally:
        lib.close()


def detail_of(lib: Library) -> TrialDetail:
    detail = trials.detail(lib, NCT)
    assert detail is not None
    return detail


def pdf_text(path: Path) -> str:
    """The PDF's text, read back with Qt's own PDF reader (no poppler needed)."""
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(doc.getAllText(page).text() for page in range(doc.pageCount()))
    doc.close()
    return " ".join(text.split())


def test_write_pdf_makes_a_real_pdf_with_the_page_notes_and_topics(qapp: object, lib: Library,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / "page.pdf"
    write_pdf(detail_of(lib), topics.topic_library(), path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1024
    text = pdf_text(path)
    for expected in (TITLE, NCT, NOTE, "My notes", "Background reading", "How cells are given",
                     "Could I join?", "Pregnancy", "ms.trials@example.org",
                     "https://pubmed.ncbi.nlm.nih.gov/23456789/", "not medical advice", "Page 1 of"):  # fmt: skip
        assert expected in text, expected
    assert "Link another topic" not in text and "Mark reviewed" not in text


def test_a_note_is_printed_as_its_text_and_printing_loads_nothing(qapp: object, lib: Library,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    detail, library = detail_of(lib), topics.topic_library()
    html = printable_html(detail, library)
    assert "&lt;img src=&quot;/etc/passwd&quot;&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<img" not in html and "<b>x</b>" not in html
    doc = printable_document(detail, library)
    assert 'Ask about <img src="/etc/passwd"> and <b>x</b> & the MRI' in doc.toPlainText()
    assert "# Not a heading" in doc.toPlainText()  # the Markdown is not interpreted either
    writer = QPdfWriter(str(tmp_path / "spy.pdf"))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     print_page.MARGINS_MM, QPageLayout.Unit.Millimeter))  # fmt: skip
    assert print_page.paint_pages(doc, writer, "footer") >= 2
    del writer
    assert doc.requested == []  # no image, no style sheet: nothing was asked for
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()
    text = pdf_text(tmp_path / "spy.pdf")
    assert 'Ask about <img src="/etc/passwd"> and <b>x</b> & the MRI' in text


def test_app_only_links_are_not_on_paper(qapp: object, lib: Library) -> None:
    detail = detail_of(lib)
    library = topics.topic_library()
    screen = print_page.trial_html(detail, library, expanded=True)
    for link in ("copy:", "action:mark-reviewed", "unlink:", "linktopic:", "topic:"):
        assert f"href='{link}" in screen, link  # what the pane shows, for contrast
    html = printable_html(detail, library)
    for scheme in ("copy:", "action:", "unlink:", "relink:", "linktopic:", "topic:"):
        assert f"href='{scheme}" not in html, scheme
    assert "href='mailto:ms.trials@example.org'" in html and "href='tel:+13125550142'" in html
    assert "(https://pubmed.ncbi.nlm.nih.gov/23456789/)" in html  # the address is readable on paper
    assert html.count("Background reading") == 1 and "How cells are given" in html
    assert LONG in html  # the full description, never folded
    assert "3 changes since you last reviewed" in html and "Mark reviewed" not in html  # status, sites, where
    caution = printable_html(trials.detail(lib, OTHER), library)  # type: ignore[arg-type]
    assert "Why this matters <i>(see “How strong the evidence is, and safety” in Topics)</i>" in caution


def test_a_failed_save_warns_once_and_leaves_the_old_file(
    qapp: object, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(print_page, "warn", lambda _parent, text, *a: warnings.append(text))
    missing = tmp_path / "no-such-folder" / "page.pdf"
    monkeypatch.setattr(print_page.QFileDialog, "getSaveFileName", lambda *a: (str(missing), ""))
    assert print_page.save_pdf_dialog(None, detail_of(lib), topics.topic_library()) is None
    assert len(warnings) == 1 and "Could not save the PDF" in warnings[0] and not missing.exists()

    kept = tmp_path / "kept"
    monkeypatch.setattr(print_page.QFileDialog, "getSaveFileName", lambda *a: (str(kept), ""))
    written = print_page.save_pdf_dialog(None, detail_of(lib), topics.topic_library())
    assert written == tmp_path / "kept.pdf" and written.read_bytes().startswith(b"%PDF")


def test_print_offers_the_printer_or_a_pdf(
    qapp: object, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The choice box, then Qt's print dialog (here accepted with a PDF printer at its own resolution)."""
    printed = tmp_path / "printer.pdf"

    class AcceptingPrintDialog:
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", AcceptingPrintDialog)
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr(print_page.QFileDialog, "getSaveFileName", lambda *a: (str(saved), ""))
    seen: list[list[str]] = []

    def choose(label: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.textFormat() == Qt.TextFormat.PlainText
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == label).click()

    for label in ("&Print…", "Save as P&DF…", "Cancel"):
        QTimer.singleShot(0, lambda label=label: choose(label))
        print_page.print_trial(None, detail_of(lib), topics.topic_library())
    assert seen[0] == seen[1] == seen[2] and {"&Print…", "Save as P&DF…", "Cancel"} <= set(seen[0])
    assert TITLE in pdf_text(printed) and NOTE in pdf_text(printed)
    assert NOTE in pdf_text(saved)
    assert sorted(f.name for f in tmp_path.glob("*.pdf")) == ["printer.pdf", "saved.pdf"]  # Cancel: nothing


def test_the_print_action_needs_one_tracked_trial(
    qtbot: QtBot, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    action = window.act_print_trial
    assert action.shortcut().toString() == "Ctrl+P" and action in window.actions()
    window.table.clearSelection()
    window._update_actions()
    assert not action.isEnabled()
    assert show_trial(qtbot, window, NCT)
    assert action.isEnabled()
    other = window.table.proxy_index(OTHER)
    window.table.selectionModel().select(
        other, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    assert len(window.table.selected_rows()) == 2 and not action.isEnabled()

    shown: list[str] = []
    monkeypatch.setattr(
        print_page, "print_trial", lambda _parent, detail, _library: shown.append(detail.nct_id)
    )
    assert show_trial(qtbot, window, NCT)
    action.trigger()  # Ctrl+P: the page of the one trial selected (read on the read lane), with its notes
    qtbot.waitUntil(lambda: shown == [NCT])
