"""The safe Markdown browser, used wherever we render Markdown (trial pages, notes, topics).

:class:`SafeTextBrowser` loads nothing: every resource Qt asks for (an image, a style sheet,
anything) is a blank placeholder, never read from disk or the network, and every image is shown as
its alt text. Notes are the user's own Markdown and may say ``![](/dev/zero)`` or point at a FIFO;
reading either would abort or hang the window. Links are not followed by Qt: on a click,
``topic:KEY`` becomes :attr:`SafeTextBrowser.topicRequested`, http(s) opens in the user's browser,
``#anchor`` scrolls, and every other scheme (``file:``, relative paths, ``mailto:``…) is ignored.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from trialtracker.services.topics import heading_anchor


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that loads no resource at all and routes every link through us.

    Render with :meth:`setMarkdown` or :meth:`setHtml` (they also turn images into their alt text).

    Signals:
        topicRequested(key) -- a ``topic:KEY`` link was clicked
    """

    topicRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        """A blank image for every resource, whatever its type, scheme or path.

        Never Qt's own loader (it reads local files), and never None either: given nothing,
        QTextDocument reads a local file itself, and Qt's image handler loads a missing image by
        its name. A QImage is no style sheet (a ``<link>`` adds no CSS), and the document caches
        resources by URL only, so one answer for every type keeps an image and a style sheet of
        the same URL from meeting a cached answer of the wrong kind.
        """
        return _blank_image()

    def setMarkdown(self, markdown: str) -> None:
        # Qt drops an image with no alt text (``![](x)``) without a trace; an invisible alt keeps it, so
        # it too becomes ``[image]``. In code the insertion shows as nothing, so the text reads the same.
        super().setMarkdown(markdown.replace("![]", f"![{_NO_ALT}]"))
        self._images_to_words()

    def setHtml(self, text: str) -> None:
        super().setHtml(text)
        self._images_to_words()

    def _images_to_words(self) -> None:
        """Replace each image of the document by ``[its alt text]`` (or ``[image]``), in italics."""
        doc = self.document()
        images: list[tuple[int, int, QTextImageFormat]] = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    images.append((fragment.position(), fragment.length(), fmt.toImageFormat()))
                it += 1
            block = block.next()
        if not images:
            return
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for position, length, image in reversed(images):  # from the end: earlier positions stay put
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(_image_words(image) * length, self._words_format(image))
        cursor.endEditBlock()

    def _words_format(self, image: QTextImageFormat) -> QTextCharFormat:
        """The image's character format (font, link) without the image, muted and in italics."""
        words = QTextCharFormat(image)
        words.setObjectType(QTextFormat.ObjectTypes.NoObject)
        for prop in _IMAGE_PROPERTIES:
            words.clearProperty(prop)
        words.setFontItalic(True)
        if not words.isAnchor():
            words.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return words

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "topic":  # topic:KEY, or topic:KEY#anchor (a heading of that topic)
            key = url.path() or url.toString().partition("#")[0].removeprefix("topic:")
            self.topicRequested.emit(f"{key}#{url.fragment()}" if url.hasFragment() else key)
        elif scheme in ("http", "https") and url.host():
            QDesktopServices.openUrl(url)
        elif not scheme and not url.path() and url.hasFragment():  # "#anchor": in this document
            self.scroll_to_heading(url.fragment())

    def scroll_to_heading(self, anchor: str) -> bool:
        """Bring the heading whose slug is ``anchor`` to the top (Markdown headings carry no anchors of
        their own in Qt); an HTML anchor of that name otherwise. False when neither is found."""
        doc = self.document()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and heading_anchor(block.text()) == anchor:
                self.setTextCursor(QTextCursor(block))  # keyboard reading goes on from the heading
                top = doc.documentLayout().blockBoundingRect(block).top()
                self.verticalScrollBar().setValue(int(top))
                return True
            block = block.next()
        self.scrollToAnchor(anchor)
        return False


_IMAGE_PROPERTIES = (
    QTextFormat.Property.ImageName,
    QTextFormat.Property.ImageTitle,
    QTextFormat.Property.ImageAltText,
    QTextFormat.Property.ImageWidth,
    QTextFormat.Property.ImageHeight,
    QTextFormat.Property.ImageQuality,
    QTextFormat.Property.ImageMaxWidth,
)


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


#: Zero-width space: the alt text given to images that have none, so Qt keeps them (see setMarkdown).
_NO_ALT = "\u200b"


def _image_words(image: QTextImageFormat) -> str:
    alt = image.property(QTextFormat.Property.ImageAltText)
    alt = " ".join(alt.replace(_NO_ALT, "").split()) if isinstance(alt, str) else ""
    return "[" + (alt or QCoreApplication.translate("SafeTextBrowser", "image")) + "]"
