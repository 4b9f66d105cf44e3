"""Languages, ready: the window's words go through Qt's translators, the source file of translations is
generated from the code, and a pseudo-locale (every string ~40 % longer) still fits at 1024×640."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import show_trial
from trialtracker.paths import resource
from trialtracker.services.library import Library
from trialtracker.ui.i18n import PseudoTranslator, english_plural, pseudo
from trialtracker.ui.main_window import MainWindow

UI = Path(__file__).resolve().parents[1] / "src" / "trialtracker" / "ui"
SOURCE_TS = resource("i18n", "trialtracker_en.ts")


def test_pseudo_text_is_longer_accented_and_keeps_placeholders_and_mnemonics() -> None:
    text = pseudo("&Refresh %n trials of {name}")
    assert text.startswith("⟦&") and text.endswith("⟧")
    assert "%n" in text and "{name}" in text and "Réfréšh" in text
    assert len(text) >= 1.35 * len("&Refresh %n trials of {name}")
    assert pseudo("") == "" and pseudo("  ") == "  "


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_the_source_translation_file_is_generated_from_the_code(tmp_path: Path) -> None:
    """``resources/i18n/trialtracker_en.ts`` holds every marked string (rerun pyside6-lupdate if not)."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate is not None, "pyside6-lupdate comes with PySide6"
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *map(str, sorted(UI.glob("*.py"))), "-ts", str(fresh)], check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    found = _sources(fresh)
    assert ("Actions", "Refresh") in found and ("Menus", "&File") in found and len(found) > 100
    stale = found ^ _sources(SOURCE_TS)
    assert not stale, (
        f"{len(stale)} strings differ, e.g. {sorted(stale)[:3]}: run "
        "pyside6-lupdate src/trialtracker/ui/*.py -ts resources/i18n/trialtracker_en.ts"
    )


@pytest.fixture
def pseudo_locale(qapp: QApplication) -> Iterator[None]:
    translator = PseudoTranslator()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _clipped(window: QWidget) -> list[str]:
    """Visible one-line texts narrower than they need (a wrapped label grows instead)."""
    found = []
    for widget in [*window.findChildren(QAbstractButton), *window.findChildren(QLabel),
                   *window.findChildren(QComboBox)]:  # fmt: skip
        if not widget.isVisible() or (isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text())):
            continue
        need = widget.minimumSizeHint() if isinstance(widget, QComboBox) else widget.sizeHint()
        if widget.width() < need.width():
            found.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}")
    return found


def test_the_window_in_the_pseudo_locale_fits_1024_by_640(
    qtbot: QtBot, store: Library, pseudo_locale: None, tmp_path: Path
) -> None:
    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.fit_to(window.size().__class__(1024, 640))
    window.show()
    assert show_trial(qtbot, window, "NCT00273364")
    qtbot.waitUntil(lambda: not window.loading and not window.tasks.busy, timeout=10_000)
    assert window.act_refresh.text() == pseudo("Refresh")  # translated, not plain English
    assert window.menuBar().actions()[0].text() == pseudo("&File")
    assert window.detail.history_button.text() == pseudo("History…")
    shot = tmp_path / "pseudo-1024x640.png"
    assert window.grab().save(str(shot))
    assert _clipped(window) == []


@pytest.mark.parametrize(
    ("source", "n", "english"),
    [("%n trial(s)", 1, "%n trial"), ("%n trial(s)", 2, "%n trials"), ("%n search(es) failed", 0,
     "%n searches failed"), ("%n entr(y|ies)", 1, "%n entry"), ("%n entr(y|ies)", 5, "%n entries")],
)  # fmt: skip
def test_english_plural_forms_come_from_the_source_text(source: str, n: int, english: str) -> None:
    assert english_plural(source, n) == english


def test_plural_strings_read_as_english_in_the_app(qapp: QApplication) -> None:
    assert QCoreApplication.translate("Test", "%n new candidate(s)", "", 1) == "1 new candidate"
    assert QCoreApplication.translate("Test", "%n new candidate(s)", "", 3) == "3 new candidates"
    assert QCoreApplication.translate("Test", "no plural (s) here") == "no plural (s) here"
