"""Property tests for the Markdown preview of notes: any note renders without loading anything.

Notes are the user's own text, often pasted from elsewhere, and the preview re-renders as they type;
one ``![](file:...)`` or ``<img src=http://...>`` that reached Qt's loader would read a file (a FIFO
blocks, /dev/zero never ends) or go to the network. So notes of any text mixed with images, raw
HTML and style sheets must render with no resource reaching Qt's loader and every image shown as
its alt text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from tests.preview_probe import RecordingPreview

# Where a hostile or careless note may point. None of these may be read; none blocks or never ends
# should a regression read it (the FIFO and /dev/zero cases are in test_ui_inert_text.py).
SOURCES = st.sampled_from([
    "picture.png", "./sub/picture.png", "../picture.png", "/etc/hostname", "file:///etc/hostname",
    "file:picture.png", "http://127.0.0.1:9/x.png", "https://example.invalid/x.png", "//example.invalid/x",
    "qrc:/qt-project.org/styles/commonstyle/images/up-16.png", "data:image/png;base64,iVBORw0KGgo=",
    "ftp://example.invalid/x", "\\\\server\\share\\x.png", "", "#top", "x.css",
]) | st.text(st.characters(exclude_characters=" ()<>\"'\n\r"), max_size=12)  # fmt: skip
ALT = st.text(st.characters(categories=["L", "N"]), max_size=10)
WORDS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12)


def _image(alt: str, src: str, title: bool) -> str:
    suffix = ' "t"' if title else ""
    return f"![{alt}]({src}{suffix})"


HOSTILE = st.one_of(
    st.builds(_image, ALT, SOURCES, st.booleans()),
    st.builds(lambda alt, src: f'<img src="{src}" alt="{alt}">', ALT, SOURCES),
    st.builds(lambda src: f"<link rel='stylesheet' href='{src}'>", SOURCES),
    st.builds(lambda src: f"<p style=\"background-image: url('{src}')\">x</p>", SOURCES),
    st.builds(lambda src: f"<table background='{src}'><tr><td>x</td></tr></table>", SOURCES),
    st.builds(lambda alt, src: f"[![{alt}]({src})](https://example.org)", ALT, SOURCES),
    st.builds(lambda alt, src: f"![{alt}][r]\n\n[r]: {src}", ALT, SOURCES),
    st.sampled_from(["```", "> ", "- ", "1. ", "# ", "|a|b|\n|-|-|\n|", "<!--", "-->", "\\", "`", "*", "\n\n"]),
)  # fmt: skip
# Any text a person can type (the object-replacement character U+FFFC is what Qt uses for an image;
# a note may hold it, so images are found by their format below, not by that character).
NOTES = st.lists(HOSTILE | st.text(max_size=20), max_size=8).map("".join)


def _images(doc: QTextDocument) -> list[str]:
    """The names of the images still in the document (each would be loaded when painted)."""
    found: list[str] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return found


@pytest.fixture
def preview(qtbot: QtBot, tmp_path: Path) -> RecordingPreview:
    """A shown preview whose relative links resolve into a folder holding a real, readable picture."""
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    image.fill(0xFF0000FF)
    assert image.save(str(tmp_path / "picture.png"))
    (tmp_path / "x.css").write_text("p { color: red }", encoding="utf-8")
    browser = RecordingPreview()
    qtbot.addWidget(browser)
    browser.document().setBaseUrl(QUrl.fromLocalFile(f"{tmp_path}/"))
    browser.resize(360, 480)
    browser.show()
    return browser


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NOTES)
@example("![a](picture.png)")
@example('<img src="picture.png" alt="a"><link rel="stylesheet" href="x.css">')
@example("[![a](picture.png)](https://example.org)")
@example("```\n![a](picture.png)\n```\n![b](file:///etc/hostname)")
@example("\ufffc plain text that looks like an image to Qt")
def test_any_note_renders_without_loading_a_resource(preview: RecordingPreview, note: str) -> None:
    preview.setMarkdown(note)
    preview.grab()  # lay out and paint: the moment a remaining image would be loaded
    assert preview.reached == [], f"a resource reached Qt's loader: {preview.reached}"
    assert _images(preview.document()) == []
    assert "<img" not in preview.toHtml()


def _markdown_image(alt: str, src: str, how: int) -> str:
    """Image syntax of each kind: inline, with a title, by reference, inside a link."""
    return [f"![{alt}]({src})", f'![{alt}]({src} "title")', f"![{alt}][ref]\n\n[ref]: {src}",
            f"[![{alt}]({src})](https://example.org)"][how]  # fmt: skip


def _in_destination(char: str) -> bool:
    return char.isprintable() and not char.isspace()


@st.composite
def picture_notes(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Paragraphs of words and Markdown images; and the words each image must be shown as.

    Raw ``<img>`` HTML is left to the test above: Qt's Markdown reader renders none of it (nothing to
    load, nothing to show)."""
    parts: list[str] = []
    shown: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        if draw(st.booleans()):
            parts.append(draw(WORDS))
            continue
        # A link destination holds no spaces and no control characters (else it is no image, only text).
        alt, src = (
            draw(ALT),
            draw(SOURCES.filter(bool).map(lambda s: "".join(filter(_in_destination, s)) or "x")),
        )
        parts.append(_markdown_image(alt, src, draw(st.integers(0, 3))))
        shown.append(f"[{alt or 'image'}]")
    return "\n\n".join(parts), shown


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picture_notes())
@example(("![](picture.png)", ["[image]"]))
@example(("![ünïcødé ١٢٣](file:///etc/hostname)", ["[ünïcødé ١٢٣]"]))
def test_every_image_shows_as_its_alt_text(preview: RecordingPreview, case: tuple[str, list[str]]) -> None:
    note, shown = case
    preview.setMarkdown(note)
    preview.grab()
    text = preview.toPlainText()
    position = 0
    for words in shown:  # each in the note's order
        found = text.find(words, position)
        assert found >= 0, f"{words!r} not shown after position {position} in {text!r}"
        position = found + len(words)
    assert preview.reached == [] and _images(preview.document()) == []
