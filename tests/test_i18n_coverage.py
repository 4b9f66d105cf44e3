"""Languages, ready (issue 15, item 9): no words reach the screen without Qt's translation.

The source check reads every ``ui/*.py`` with ``ast`` (no import) and fails, naming file:line, where a
string with words in it goes straight to a Qt text sink (a label, a button, a title, a tooltip, a status
message, a message box…) instead of through ``tr()`` / ``QCoreApplication.translate()``. The dialog check
opens every dialog under the pseudo-locale and looks for English left over and for clipped text.
"""

from __future__ import annotations

import ast
import html
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.test_i18n import SOURCE_TS, _clipped, pseudo_locale
from trialtracker import APP_NAME
from trialtracker.domain.statuses import STATUSES
from trialtracker.services import backups, note_recovery, notes, topics, trials
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList
from trialtracker.services.note_recovery import NoteEdit
from trialtracker.services.study_page import EligibilityView
from trialtracker.ui import crash
from trialtracker.ui.about import AboutDialog
from trialtracker.ui.add_dialog import AddTrialsDialog
from trialtracker.ui.all_notes import AllNotesDialog
from trialtracker.ui.data_access import DataAccess
from trialtracker.ui.discover_dialog import DiscoverDialog
from trialtracker.ui.history_dialog import HistoryDialog
from trialtracker.ui.i18n import english_plural, pseudo
from trialtracker.ui.join_page import join_html
from trialtracker.ui.kept_notes import KeptNotesOffer
from trialtracker.ui.preferences import PreferencesDialog
from trialtracker.ui.print_page import print_trial, printable_html
from trialtracker.ui.restore_dialog import RestoreDialog
from trialtracker.ui.sidebar import SMART_LIST_NAMES
from trialtracker.ui.tasks import TaskRunner
from trialtracker.ui.topic_browser import TopicBrowser
from trialtracker.ui.trial_page import trial_html

UI = Path(__file__).resolve().parents[1] / "src" / "trialtracker" / "ui"
CATALOG_ID = "NCT00273364"  # in the shipped catalog: tracked in every test library
__all__ = ["pseudo_locale"]  # the fixture, used by name

#: Qt classes (and our own label helpers) whose constructor arguments are shown as they are given.
SINK_CLASSES = frozenset({
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton", "QMenu",
    "QToolBar", "QMessageBox", "QCommandLinkButton", "QListWidgetItem", "QTreeWidgetItem", "QTableWidgetItem",
    "_WrappingLabel", "_muted", "_note", "DoneWrite",
})  # fmt: skip
#: Methods (Qt's, and the app's own message helpers) whose text arguments are shown as they are given.
SINK_METHODS = frozenset({
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "addItem", "addItems", "insertItem", "addTab", "insertTab", "setTabText",
    "setTabToolTip", "setHeaderLabels", "setHorizontalHeaderLabels", "setTitle", "showMessage",
    "setInformativeText", "setWhatsThis", "setSpecialValueText", "setSuffix", "setPrefix", "setFormat",
    "addRow", "addButton", "addAction", "addMenu", "addSection", "setLabelText", "setCancelButtonText",
    "getText", "getItem", "getInt", "getSaveFileName", "getOpenFileName", "getExistingDirectory",
    # the app's own: plain.py's message boxes, the banner, the start-up refusal, the status-bar signals
    "show_message", "warn", "ask", "refuse_to_start", "emit",
})  # fmt: skip
#: ``QMessageBox.warning(…)`` and friends.
MESSAGE_BOX_STATICS = frozenset({"warning", "information", "question", "critical", "about"})
#: Calls that translate (their result is a translation, whatever it is built from).
TRANSLATING = frozenset({"tr", "translate"})
#: Calls that only *mark* a string for lupdate: what they return is still English.
MARKING = frozenset({"QT_TRANSLATE_NOOP", "QT_TR_NOOP"})
#: Helpers that translate at run time but that lupdate does not read: their strings never reach the .ts file.
LUPDATE_BLIND = frozenset({"_tr", "_translate", "tr_", "_"})

#: (file, text) -> why the text is shown as it is, in every language.
ALLOWED: dict[tuple[str, str], str] = {
    ("add_dialog.py", "NCT00273364\nNCT01815632\nhttps://clinicaltrials.gov/study/NCT02403947"):
        "example input: registry IDs and a registry link read the same in every language",
    ("preferences.py", "ClinicalTrials.gov"): "the registry's name (a web address), never translated",
    ("staying_current.py", "Trial Tracker"): "the app's name in the tray, never translated",
}  # fmt: skip

_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:[-_.:/][a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z][A-Z0-9_]+")


def has_words(text: str) -> bool:
    """Text a reader would read: a letter in it, and not an identifier (``bannerClose``, ``view-refresh``)."""
    return any(c.isalpha() for c in text) and not _IDENTIFIER.fullmatch(text.strip())


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _translates(call: ast.Call) -> bool:
    """``self.tr(…)``, ``Context.tr(…)``, ``QCoreApplication.translate(…)`` (not ``QPainter.translate``)."""
    name, func = _name(call.func), call.func
    if name == "translate" and isinstance(func, ast.Attribute):
        return _name(func.value) in ("QCoreApplication", "QGuiApplication", "QApplication")
    return name in TRANSLATING


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.why}: {self.text!r}"


class _Sinks(ast.NodeVisitor):
    """Finds untranslated words given to sinks, and ``tr()`` calls lupdate cannot read."""

    def __init__(self, file: str, tree: ast.Module) -> None:
        self.file = file
        self.found: list[Finding] = []
        self.constants: dict[str, ast.expr] = {}
        for node in tree.body:  # module-level NAME = "…" (or a tuple of them, or QT_TRANSLATE_NOOP(…))
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) and node.value is not None else []  # fmt: skip
            for target in targets:
                if isinstance(target, ast.Name) and node.value is not None:
                    self.constants[target.id] = node.value

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Call) and (_translates(inner) or _name(inner.func) in MARKING):
                self._report(inner.lineno, ast.unparse(inner), "tr() inside an f-string: lupdate cannot see it")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        static_box = (isinstance(node.func, ast.Attribute) and name in MESSAGE_BOX_STATICS
                      and _name(node.func.value) == "QMessageBox")  # fmt: skip
        if name in SINK_CLASSES or name in SINK_METHODS or static_box:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                self._check(arg, node.lineno, name, seen=set())
        if name in LUPDATE_BLIND and node.args and isinstance(node.args[0], ast.Constant):
            self._report(node.lineno, str(node.args[0].value), f"{name}() is not read by lupdate (use tr())")
        if _translates(node) and node.args:
            source = node.args[1] if name == "translate" and len(node.args) > 1 else node.args[0]
            if isinstance(source, ast.JoinedStr | ast.BinOp):
                self.found.append(Finding(self.file, node.lineno, ast.unparse(source),
                                          f"{name}() of a built string: lupdate cannot read it"))  # fmt: skip
        self.generic_visit(node)

    def _check(self, arg: ast.expr, line: int, sink: str, seen: set[str]) -> None:
        """Report the literal words ``arg`` is made of (untranslated calls and variables are not ours to know)."""
        if isinstance(arg, ast.Constant):
            if isinstance(arg.value, str) and has_words(arg.value):
                self._report(line, arg.value, f"{sink}() of untranslated text")
        elif isinstance(arg, ast.JoinedStr):
            words = "".join(v.value for v in arg.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if has_words(words):
                self._report(line, ast.unparse(arg), f"{sink}() of an f-string")
        elif isinstance(arg, ast.BinOp):
            self._check(arg.left, line, sink, seen)
            if isinstance(arg.op, ast.Add):
                self._check(arg.right, line, sink, seen)
        elif isinstance(arg, ast.IfExp):
            self._check(arg.body, line, sink, seen)
            self._check(arg.orelse, line, sink, seen)
        elif isinstance(arg, ast.BoolOp):
            for value in arg.values:
                self._check(value, line, sink, seen)
        elif isinstance(arg, ast.List | ast.Tuple | ast.Set):
            for element in arg.elts:
                self._check(element, line, sink, seen)
        elif isinstance(arg, ast.Name) and arg.id in self.constants and arg.id not in seen:
            self._check(self.constants[arg.id], line, f"{sink}() of {arg.id}", seen | {arg.id})
        elif isinstance(arg, ast.Call):
            called = _name(arg.func)
            if called in MARKING and len(arg.args) > 1:  # marked for lupdate, but shown untranslated
                self._check(arg.args[-1], line, f"{sink}() of a string only marked", seen)
            elif called in ("format", "join", "strip") and isinstance(arg.func, ast.Attribute):
                self._check(arg.func.value, line, sink, seen)  # "words {}".format(…): the words
            elif called in ("list", "tuple", "sorted"):
                for inner in arg.args:
                    self._check(inner, line, sink, seen)

    def _report(self, line: int, text: str, why: str) -> None:
        self.found.append(Finding(self.file, line, text, why))


def untranslated(path: Path) -> list[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    visitor = _Sinks(path.name, tree)
    visitor.visit(tree)
    return visitor.found


def all_findings() -> Iterator[Finding]:
    for path in sorted(UI.glob("*.py")):
        yield from untranslated(path)


def _literal(finding: Finding) -> str:
    try:
        value = ast.literal_eval(finding.text) if finding.text[:1] in "'\"" else finding.text
    except (ValueError, SyntaxError):
        return finding.text
    return value if isinstance(value, str) else finding.text


def test_every_text_given_to_a_qt_text_sink_goes_through_translation() -> None:
    found = [f for f in all_findings() if (f.file, f.text) not in ALLOWED]
    assert not found, "untranslated words (wrap them in self.tr() / QCoreApplication.translate()):\n" + "\n".join(
        map(str, found)
    )


def test_the_allow_lists_name_texts_that_are_still_there() -> None:
    present = {(f.file, f.text) for f in all_findings()}
    stale = sorted(key for key in ALLOWED if key not in present)
    assert not stale, f"no longer found (drop them from the list): {stale}"


def test_the_source_check_finds_what_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'TITLE = "Hello there"\n'
        'MARKED = QT_TRANSLATE_NOOP("Ctx", "Marked words")\n'
        "class W(QWidget):\n"
        "    def __init__(self, n):\n"
        '        QLabel("Plain words")\n'
        '        self.setWindowTitle(f"About {n} things")\n'
        "        self.setWindowTitle(TITLE)\n"
        "        self.setToolTip(MARKED)\n"
        '        QMessageBox.warning(self, "Oops", self.tr("fine"))\n'
        '        warn(self, "Could not" + " do it", title=self.tr("ok"))\n'
        '        self.setText(self.tr(f"bad {n}"))\n'
        '        self.setText(self.tr("{n} good").format(n=n))\n'
        '        self.setObjectName("not a sink")\n'
        '        self.setText("" if n else "✕")\n'
        '        self.setAccessibleName("bannerClose")\n'
        '        html = f"<h3>{self.tr(\'Hidden from lupdate\')}</h3>"\n'
        '        said = _tr("Not read by lupdate")\n'
        "        QPainter().translate(0, -n)\n"
    )
    lines = sorted({f.line for f in untranslated(sample)})
    assert lines == [5, 6, 7, 8, 9, 10, 11, 16, 17], [str(f) for f in untranslated(sample)]


# -- every dialog in the pseudo-locale --------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """A dialog as the user first sees it, and one of its texts with what the translator made of it."""

    window: QWidget
    shown: str
    expected: str
    data: frozenset[str] = frozenset()  # texts shown as they are: the registry's, a topic's, the user's


def _expected(source: str, n: int = -1, **values: object) -> str:
    text = pseudo(source).replace("%n", str(n)) if n >= 0 else pseudo(source)
    return text.format(**values) if values else text


def _about(lib: Library, _tasks: TaskRunner) -> Opened:
    dialog = AboutDialog(lib.paths)
    return Opened(dialog, dialog.open_button.text(), pseudo("Open data folder"))


def _add(_lib: Library, _tasks: TaskRunner) -> Opened:
    dialog = AddTrialsDialog(tracked=["NCT00273364"])
    dialog.set_text("NCT00273364 NCT01815632, and NCT1x")
    ids = "NCT00273364, NCT01815632"
    return Opened(dialog, dialog.preview.text().split("\n")[0], _expected("%n valid ID(s) found: {ids}", 2, ids=ids))


def _preferences(lib: Library, _tasks: TaskRunner) -> Opened:
    dialog = PreferencesDialog(lib)
    return Opened(dialog, dialog.home.title(), pseudo("Sites near me"))


def _discover(lib: Library, tasks: TaskRunner) -> Opened:
    dialog = DiscoverDialog(DataAccess(lib), runner=tasks)
    return Opened(dialog, dialog.windowTitle(), pseudo("Discover trials"))


def _topics(lib: Library, _tasks: TaskRunner) -> Opened:
    dialog = TopicBrowser(lib)
    english = frozenset(text for t in topics.topic_library() for text in (t.title, t.summary))  # for now
    return Opened(dialog, dialog.windowTitle(), pseudo("Topics — Trial Tracker"), english)


def _history(lib: Library, _tasks: TaskRunner) -> Opened:
    detail = trials.detail(lib, CATALOG_ID)
    assert detail is not None
    dialog = HistoryDialog(detail)
    return Opened(dialog, dialog.tree.headerItem().text(1), pseudo("What changed"), frozenset({detail.title}))


def _restore(lib: Library, _tasks: TaskRunner) -> Opened:
    backups.backup_now(lib.settings)
    dialog = RestoreDialog(backups.list_backups(lib.settings))
    return Opened(dialog, dialog.restore_button.text(), pseudo("&Restore"))


def _all_notes(lib: Library, tasks: TaskRunner) -> Opened:
    notes.add_note(lib, CATALOG_ID, "# Ask the team\nAbout the MRI.")
    dialog = AllNotesDialog(lib, tasks=tasks)
    deadline = time.monotonic() + 10
    while dialog.searching and time.monotonic() < deadline:  # the search runs on the read lane
        QCoreApplication.processEvents()
        time.sleep(0.005)
    return Opened(dialog, dialog.count.text(), _expected("%n note(s)", 1))


def _kept_notes(lib: Library, tasks: TaskRunner) -> Opened:
    note_recovery.keep(lib.paths, NoteEdit(CATALOG_ID, None, "Kept text", None, note_recovery.new_token()))
    parent = QWidget()
    box = KeptNotesOffer(lib, tasks, parent).offer(set())
    assert box is not None
    box.setParent(None)
    return Opened(box, box.windowTitle(), pseudo("Unsaved notes found"))


def _crash(_lib: Library, _tasks: TaskRunner) -> Opened:
    crash.report_exception(ValueError, ValueError("bad value"), None)
    box = crash.active_dialog()
    assert box is not None
    return Opened(box, box.informativeText().split("\n\n")[-1], pseudo(
        "If this keeps happening, please restart the app and report the problem with the log."))  # fmt: skip


DIALOGS = {
    "about": _about, "add": _add, "preferences": _preferences, "discover": _discover, "topics": _topics,
    "history": _history, "restore": _restore, "all notes": _all_notes, "kept notes": _kept_notes,
    "crash": _crash,
}  # fmt: skip
#: Visible texts that are not ours to translate: names, versions, paths, the user's and the registry's words.
NOT_WORDS = re.compile(r"Trial Tracker \d|ClinicalTrials\.gov$|^/|^https?://|^NCT\d|multiple sclerosis|mesenchymal")


def _english(window: QWidget, data: frozenset[str]) -> list[str]:
    """Visible words that did not go through the translator (the pseudo-locale brackets every translation)."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
    statuses = {info.label for info in STATUSES}  # the registry's vocabulary, in the domain layer
    return [t for t in texts if re.search(r"[A-Za-z]{2}", t) and "⟦" not in t and t not in statuses | data
            and not NOT_WORDS.search(t) and not t.startswith(f"{APP_NAME} ")]  # fmt: skip


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_in_the_pseudo_locale_is_translated_and_nothing_is_cut(
    name: str, qtbot: QtBot, store: Library, pseudo_locale: None, tmp_path: Path
) -> None:
    tasks = TaskRunner()
    opened = DIALOGS[name](store, tasks)
    window = opened.window
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        assert opened.shown == opened.expected  # this dialog's words come from the translator
        assert _english(window, opened.data) == []
        assert _clipped(window) == [], f"cut off at the default size {window.size().toTuple()}"
        assert window.grab().save(str(tmp_path / f"{name.replace(' ', '-')}.png"))
    finally:
        if isinstance(window, QDialog):
            window.done(0)
        tasks.shutdown()


def test_the_trial_page_and_its_join_section_in_the_pseudo_locale(store: Library, pseudo_locale: None) -> None:
    detail = trials.detail(store, CATALOG_ID)
    assert detail is not None
    page = trial_html(detail, topics.topic_library())
    assert html.escape(pseudo("Key facts")) in page and html.escape(pseudo("Background reading")) in page
    rules = EligibilityView("Ages 18–50 years", None, "18 Years", "50 Years", False, (), "Inclusion Criteria:\n* MS")
    join = join_html(replace(detail.page, eligibility=rules))
    assert html.escape(pseudo("Could I join?")) in join and "Ages 18–50 years" in join  # the registry's, as is


def test_the_lists_keep_their_english_names() -> None:
    assert {smart: SMART_LIST_NAMES[smart] for smart in SmartList} == {smart: smart.value for smart in SmartList}


def test_every_count_reads_as_english_for_one_and_for_more() -> None:
    """Each ``%n`` source of the .ts file has English forms the plural rule can make (no "(s)" left)."""
    root = ET.parse(SOURCE_TS).getroot()
    counted = [m.findtext("source") or "" for m in root.iter("message") if m.get("numerus") == "yes"]
    assert len(counted) > 20
    left = [(s, n) for s in counted for n in (1, 2) if re.search(r"\(\w*(\|\w*)?\)", english_plural(s, n))]
    assert not left, left


def test_printing_in_the_pseudo_locale(qtbot: QtBot, store: Library, pseudo_locale: None) -> None:
    """The Print / Save as PDF question (a modal box: looked at from a timer, then cancelled) and the page."""
    detail = trials.detail(store, CATALOG_ID)
    assert detail is not None
    seen: list[tuple[str, list[str], list[str]]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.windowTitle(), [b.text() for b in box.buttons()], _clipped(box)))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    print_trial(None, detail, topics.topic_library())
    title, buttons, clipped = seen[0]
    assert title == pseudo("Print") and pseudo("Save as P&DF…") in buttons and clipped == []
    assert html.escape(pseudo("My notes")) in printable_html(detail, topics.topic_library())
