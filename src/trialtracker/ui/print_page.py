"""One trial's page on paper, printed or saved as a PDF: a header, the detail pane's page without its
app-only links (``copy:``, ``action:``, ``unlink:``…), the notes as plain text (their Markdown never
markup) and the linked topics. Qt alone lays it out and paints it, in an :class:`InertDocument` that
loads no resource: outside text can never make printing read a file or a URL."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from trialtracker.domain.errors import FileWriteError, TrialTrackerError
from trialtracker.domain.statuses import NOT_FOUND_LABEL, status_label
from trialtracker.services import topics, trials
from trialtracker.services.files import write_atomically
from trialtracker.services.library import Library
from trialtracker.services.topics import TopicLibrary
from trialtracker.services.views import TrialDetail
from trialtracker.ui.join_page import TrialPage, e
from trialtracker.ui.plain import warn
from trialtracker.ui.tasks import Lane, Task, TaskRunner, expected_failure
from trialtracker.ui.trial_page import day, topics_html, trial_html

PDF_DPI = 300
CSS_DPI = 96
#: A heading this close to a page's end (as a share of the page) starts the next page.
KEEP_WITH_NEXT = 0.07
BREAK_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
MARGINS_MM = QMarginsF(18, 16, 18, 14)  # left, top, right, bottom
BODY_PT = 10.0
FOOTER_PT = 7.5
#: Links that still mean something on paper (shown as text, with the address where it differs).
PAPER_SCHEMES = ("https", "mailto", "tel")

_LINK = re.compile(r"( ?)<a href='([^']*)'[^>]*>(.*?)</a>", re.S)

CSS = """
h1 { font-size: 15pt; margin: 0 0 4px 0; }  h2 { font-size: 13pt; margin: 22px 0 4px 0; }
h3 { font-size: 11pt; margin: 14px 0 4px 0; }  p { margin: 4px 0 6px 0; }  table { margin: 2px 0 4px 0; }
ul { margin-top: 4px; margin-bottom: 8px; }  a { color: #1a4f9c; text-decoration: none; }
.muted { color: #555555; }  .url { color: #555555; font-size: 8pt; }
td { padding: 1px 12px 1px 0; vertical-align: top; }  td.k { font-weight: 600; white-space: nowrap; }
table.caution { background-color: #fff1c7; color: #5a3a00; }  table.changes { background-color: #e3f1fb; }
p.when { font-size: 8.5pt; color: #555555; font-weight: 600; margin: 10px 0 2px 0; }
p.note { white-space: pre-wrap; margin: 0 0 4px 0; }
"""


def printable_html(detail: TrialDetail, library: TopicLibrary, *, printed: dt.date | None = None) -> str:
    """The page for paper: header, the whole trial page without app-only links, notes, topics."""
    d = detail
    sub = "  ·  ".join(e(x) for x in (d.nct_id, d.acronym, d.lead_sponsor) if x)
    status = NOT_FOUND_LABEL if d.not_found else status_label(d.overall_status)
    when = (printed or dt.date.today()).isoformat()
    said_status = TrialPage.tr("Status:")
    printed_from = TrialPage.tr("Printed {date} from Trial Tracker — not medical advice.").format(
        date=e(when)
    )
    header = (
        f"<h1>{e(d.title)}</h1><p>{sub}</p><p><b>{said_status}</b> {e(status)}</p>"
        f"<p class='muted'>{printed_from}</p><hr/>"
    )
    body = trial_html(d, library, expanded=True).replace(topics_html(d, library), "")
    return header + paper_links(body, library) + notes_html(d) + reading_html(d, library)


def paper_links(page: str, library: TopicLibrary) -> str:
    """Our page's links, for paper: https/mailto/tel stay (an https address is written out after its
    words), a topic link becomes its words and the topic's title, every other link goes with its words."""

    def paper(match: re.Match[str]) -> str:
        space, href, words = match.groups()
        scheme = href.split(":", 1)[0].lower()
        if scheme in PAPER_SCHEMES:
            shown = f"<a href='{href}'>{words}</a>"
            if scheme == "https" and href != words:
                shown += f" <span class='url'>({href})</span>"
            return space + shown
        if scheme == "topic":
            topic = library.get(href.removeprefix("topic:"))
            see = TrialPage.tr("(see “{title}” in Topics)").format(title=e(topic.title)) if topic else ""
            return space + words + (f" <i>{see}</i>" if topic else "")
        return ""  # copy:, action:, unlink:, relink:, linktopic: mean nothing on paper

    return _LINK.sub(paper, page)


def notes_html(d: TrialDetail) -> str:
    """The notes as the user typed them: escaped text, line breaks kept, Markdown never interpreted."""
    out = "<h2>" + TrialPage.tr("My notes") + "</h2>"
    if not d.notes:
        return out + "<p class='muted'>" + TrialPage.tr("You have no notes on this trial.") + "</p>"
    for note in d.notes:
        written, edited = day(note.created_at), day(note.updated_at)
        if edited != written:
            dates = TrialPage.tr("Written {written}, edited {edited}").format(
                written=e(written), edited=e(edited)
            )
        else:
            dates = TrialPage.tr("Written {written}").format(written=e(written))
        out += f"<p class='when'>{dates}</p><p class='note'>{e(note.body.strip())}</p>"
    return out


def reading_html(d: TrialDetail, library: TopicLibrary) -> str:
    """The linked topics: title, why it is linked, and the topic's one-line summary."""
    items = ""
    for link in d.active_links:
        topic = library.get(link.topic)
        title = topic.title if topic else link.topic
        reason = f" <span class='muted'>— {e(link.reason)}</span>" if link.reason else ""
        summary = f"<br/>{e(topic.summary)}" if topic and topic.summary else ""
        items += f"<li style='margin-bottom: 4px'><b>{e(title)}</b>{reason}{summary}</li>"
    out = "<h2>" + TrialPage.tr("Background reading") + "</h2>"
    if not items:
        return out + "<p class='muted'>" + TrialPage.tr("No topic is linked to this trial.") + "</p>"
    read = TrialPage.tr("Read them in Trial Tracker: Topics (F1).")
    return out + f"<ul>{items}</ul><p class='muted'>{read}</p>"


class InertDocument(QTextDocument):
    """A document that loads nothing: every resource asked for is a blank image (and is counted)."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def loadResource(self, type: int, name: QUrl | str) -> object:
        self.requested.append(name.toString() if isinstance(name, QUrl) else name)
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image


def printable_document(detail: TrialDetail, library: TopicLibrary) -> InertDocument:
    """The page as a resource-free document in the print fonts."""
    doc = InertDocument()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(CSS)
    doc.setHtml(printable_html(detail, library))
    return doc


def paint_pages(doc: QTextDocument, device: QPagedPaintDevice, footer: str) -> int:
    """Paint ``doc`` on ``device``'s pages, each with ``footer`` and its number; returns the page count.

    Laid out in CSS pixels (96 dpi, as on screen: the page's ``px`` keep their proportions) with design
    metrics, then scaled to the device. Raises :class:`FileWriteError` if the device cannot be painted on."""
    painter = QPainter()
    if not painter.begin(device):
        raise FileWriteError(
            QCoreApplication.translate("PrintPage", "the printer or file could not be opened")
        )
    try:
        doc.setUseDesignMetrics(True)
        doc.documentLayout().setPaintDevice(_CSS_PIXELS)
        scale = device.logicalDpiY() / CSS_DPI
        small = QFont(doc.defaultFont())
        small.setPointSizeF(FOOTER_PT)
        line = QFontMetricsF(small, device).height()  # the footer is painted in device pixels
        width, height = float(device.width()), float(device.height())
        page = QSizeF(width / scale, (height - 2.5 * line) / scale)
        doc.setPageSize(page)
        _keep_headings_with_text(doc, page.height())
        pages = doc.pageCount()
        painter.setFont(small)
        painter.setPen(QColor("#555555"))
        page_of = QCoreApplication.translate("PrintPage", "Page {page} of {pages}")
        for n in range(pages):
            if n:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -n * page.height())
            doc.drawContents(painter, QRectF(0, n * page.height(), page.width(), page.height()))
            painter.restore()
            foot = QRectF(0, height - line, width, line)
            painter.drawText(foot, Qt.AlignmentFlag.AlignLeft, footer)
            painter.drawText(foot, Qt.AlignmentFlag.AlignRight, page_of.format(page=n + 1, pages=pages))
        return pages
    finally:
        painter.end()


def _keep_headings_with_text(doc: QTextDocument, page_height: float) -> None:
    """Start a new page before a heading that would end one (Qt has no ``page-break-after: avoid``)."""
    layout = doc.documentLayout()
    keep = page_height * KEEP_WITH_NEXT
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() and not fmt.pageBreakPolicy() & BREAK_BEFORE:
            rect = layout.blockBoundingRect(block)
            top = rect.top() % page_height
            if top > 0 and top + rect.height() > page_height - keep:
                fmt.setPageBreakPolicy(BREAK_BEFORE)
                QTextCursor(block).setBlockFormat(fmt)
                doc.markContentsDirty(0, doc.characterCount())  # Qt lays out again only near an edit:
                layout.documentSize()  # the whole document, laid out now
        block = block.next()


#: The paint device pages are laid out on: 96 dpi whatever the screen's. It lives as long as the module,
#: as a document's layout keeps a bare pointer to its paint device.
_CSS_PIXELS = QImage(1, 1, QImage.Format.Format_ARGB32)
_CSS_PIXELS.setDotsPerMeterX(round(CSS_DPI / 0.0254))
_CSS_PIXELS.setDotsPerMeterY(round(CSS_DPI / 0.0254))


def _footer(detail: TrialDetail) -> str:
    title = detail.title if len(detail.title) <= 70 else detail.title[:69] + "…"
    return f"{detail.nct_id} — {title}"


def write_pdf(detail: TrialDetail, library: TopicLibrary, path: Path) -> None:
    """Save the page as a PDF (A4, 300 dpi) at ``path``. It is made whole in memory first: a failed
    write (raised as :class:`FileWriteError`) leaves any file already there untouched."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{detail.nct_id} — {detail.title}")
    writer.setCreator("Trial Tracker")
    paint_pages(printable_document(detail, library), writer, _footer(detail))
    del writer  # the PDF is finished
    write_atomically(path, bytes(buffer.data().data()))


# -- the dialogs ---------------------------------------------------------------------------------


def print_tracked(
    parent: QWidget | None, lib: Library, nct_id: str, tasks: TaskRunner
) -> Task[TrialDetail | None]:
    """Offer to print ``nct_id``'s page or save it as a PDF (the window's Print action); the trial is read
    on ``tasks``' read lane first."""

    def read(detail: TrialDetail | None) -> None:
        if detail is None:
            said = QCoreApplication.translate("PrintPage", "{nct} is no longer tracked.")
            warn(parent, said.format(nct=nct_id))
        else:
            print_trial(parent, detail, topics.topic_library())

    def not_read(exc: Exception) -> None:
        if not expected_failure(exc):
            return
        said = QCoreApplication.translate("PrintPage", "Could not read {nct}: {error}")
        warn(parent, said.format(nct=nct_id, error=exc))

    return tasks.submit(lambda _ctx: trials.detail(lib, nct_id), lane=Lane.READ, name="read to print",
                        on_done=read, on_error=not_read)  # fmt: skip


def print_trial(parent: QWidget | None, detail: TrialDetail, library: TopicLibrary) -> None:
    """Ask Print or Save as PDF, then do it."""
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("PrintPage", "Print"),
        "",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        translate("PrintPage", "Print {nct} with your notes, or save it as a PDF?").format(nct=detail.nct_id)
    )
    to_printer = box.addButton(translate("PrintPage", "&Print…"), QMessageBox.ButtonRole.AcceptRole)
    to_pdf = box.addButton(translate("PrintPage", "Save as P&DF…"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(to_printer)
    box.exec()
    if box.clickedButton() is to_printer:
        print_with_dialog(parent, detail, library)
    elif box.clickedButton() is to_pdf:
        save_pdf_dialog(parent, detail, library)


def print_with_dialog(parent: QWidget | None, detail: TrialDetail, library: TopicLibrary) -> None:
    """Qt's print dialog, then the page on the chosen printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    printer.setDocName(f"{detail.nct_id} — {detail.title}")
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return
    try:
        paint_pages(printable_document(detail, library), printer, _footer(detail))
    except TrialTrackerError as exc:
        said = QCoreApplication.translate("PrintPage", "Could not print {nct}: {error}")
        warn(parent, said.format(nct=detail.nct_id, error=exc))


def save_pdf_dialog(parent: QWidget | None, detail: TrialDetail, library: TopicLibrary) -> Path | None:
    """Ask where, then save the PDF there; returns the file written (None: cancelled or failed)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder or Path.home()) / f"{detail.nct_id}.pdf")
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PrintPage", "Save as PDF"),
        suggested,
        QCoreApplication.translate("PrintPage", "PDF files (*.pdf)"),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_pdf(detail, library, path)
    except TrialTrackerError as exc:
        warn(
            parent,
            QCoreApplication.translate("PrintPage", "Could not save the PDF: {error}").format(error=exc),
        )
        return None
    return path
