"""The topic library window, and the safe Markdown browser used wherever we render Markdown.

:class:`SafeTextBrowser` loads nothing: every resource Qt asks for (an image, a style sheet,
anything) is a blank placeholder, never read from disk or the network, and every image is shown as
its alt text. Notes are the user's own Markdown and may say ``![](/dev/zero)`` or point at a FIFO;
reading either would abort or hang the window. Links are not followed by Qt: on a click,
``topic:KEY`` becomes :attr:`SafeTextBrowser.topicRequested`, http(s) opens in the user's browser,
``#anchor`` scrolls, and every other scheme (``file:``, relative paths, ``mailto:``…) is ignored.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services.library import Library
from trialtracker.services.topics import (
    SOURCES_KEY,
    LinkedTrial,
    Topic,
    TopicLibrary,
    heading_anchor,
    linked_trials,
    topic_library,
)
from trialtracker.ui.plain import plain_tooltip
from trialtracker.ui.settings import qt_settings
from trialtracker.ui.tasks import Lane, TaskRunner

GEOMETRY_KEY = "topic_browser/geometry"


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


class TopicBrowser(QDialog):
    """Topic list (library order), rendered topic, and the tracked trials linked to it.

    Signals:
        trialActivated(nct_id) -- the user double-clicked a linked trial
    """

    trialActivated = Signal(str)

    def __init__(
        self, lib: Library | None = None, parent: QWidget | None = None, library: TopicLibrary | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:  # fmt: skip
        """``lib``: the library whose trials linked to each topic are listed (read on ``tasks``' read lane,
        a runner of its own if None); None: the topics only."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Topics — Trial Tracker"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._lib = lib
        self._library = library or topic_library()
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self._asked = 0  # reads of linked trials asked for: only the latest one's answer is shown
        self.loading = False  # the trials linked to the topic shown are being read

        self.topics = QListWidget()
        self.topics.setObjectName("topicList")
        self.topics.setAccessibleName(self.tr("Topics"))
        self.topics.setWordWrap(True)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setSpacing(2)
        for topic in self._library:
            item = QListWidgetItem(topic.title)
            item.setData(Qt.ItemDataRole.UserRole, topic.key)
            item.setToolTip(plain_tooltip(topic.summary))
            self.topics.addItem(item)
        self.topics.currentItemChanged.connect(self._on_current)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.browser = SafeTextBrowser()
        self.browser.setObjectName("topicText")
        self.browser.setAccessibleName(self.tr("Topic text"))
        self.browser.topicRequested.connect(self.open_topic)
        self.linked_label = QLabel(self.tr("Trials linked to this topic"))
        self.linked_label.setTextFormat(Qt.TextFormat.PlainText)
        self.linked_label.setWordWrap(True)
        self.linked = QListWidget()
        self.linked.setObjectName("linkedTrials")
        self.linked.setAccessibleName(self.tr("Trials linked to this topic"))
        self.linked.setToolTip(self.tr("Double-click to show the trial in the main window"))
        self.linked.itemActivated.connect(self._on_trial)
        self.linked.setMaximumHeight(130)
        self.linked.setWordWrap(True)
        self.linked.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.linked.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.summary)
        rl.addWidget(self.browser, 1)
        rl.addWidget(self.linked_label)
        rl.addWidget(self.linked)

        split = QSplitter()
        split.addWidget(self.topics)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([290, 730])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(1040, 720)
        geometry = qt_settings().value(GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if self.topics.count():
            self.topics.setCurrentRow(0)

    def done(self, result: int) -> None:
        qt_settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)

    def current_key(self) -> str | None:
        item = self.topics.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot(str)
    def open_topic(self, key: str) -> bool:
        """Show topic ``key`` (``sources#anchor`` scrolls to the anchor); False if unknown."""
        key, _, anchor = key.partition("#")
        for row in range(self.topics.count()):
            item = self.topics.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.topics.setCurrentRow(row)
                if anchor:
                    self.browser.scroll_to_heading(anchor)
                return True
        return False

    @Slot()
    def reload(self) -> None:
        """Show the current topic again (its linked trials may have changed)."""
        self._on_current(self.topics.currentItem(), None)

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        topic = self._library.get(str(current.data(Qt.ItemDataRole.UserRole)))
        if topic is not None:
            self._show(topic)

    def _show(self, topic: Topic) -> None:
        self.title.setText(topic.title)
        self.summary.setText(topic.summary)
        self.browser.setMarkdown(topic.body)
        self.linked.clear()
        self.linked.setVisible(False)
        # The sources page is about the articles, not a subject: no trial is ever linked to it.
        about_trials = topic.key != SOURCES_KEY
        self.linked_label.setVisible(about_trials)
        self._asked += 1
        asked = self._asked
        if not about_trials or self._lib is None:
            self._show_linked(asked, [], None)
            return
        lib = self._lib
        self.loading = True
        self.linked_label.setText(self.tr("Reading the linked trials…"))
        self.tasks.submit(lambda _ctx: linked_trials(lib, topic.key), lane=Lane.READ, name="linked trials",
                          on_done=lambda rows: self._show_linked(asked, rows, None),
                          on_error=lambda exc: self._show_linked(asked, [], exc))  # fmt: skip

    def _show_linked(self, asked: int, rows: list[LinkedTrial], error: Exception | None) -> None:
        if asked != self._asked:  # another topic was chosen meanwhile
            return
        self.loading = False
        if error is not None and not isinstance(error, TrialTrackerError):
            sys.excepthook(type(error), error, error.__traceback__)
        problem = None  # or the library could not be read: the topic is still worth showing
        if error is not None:
            problem = self.tr("Could not read the linked trials: {error}").format(error=error)
        for row in rows:
            why = f"   ({row.reason})" if row.reason else ""
            item = QListWidgetItem(f"{row.nct_id} — {row.title}{why}")
            item.setData(Qt.ItemDataRole.UserRole, row.nct_id)
            item.setToolTip(plain_tooltip(row.title))
            self.linked.addItem(item)
        if problem is None and rows:
            problem = self.tr("Trials linked to this topic ({count})").format(count=len(rows))
        self.linked_label.setText(problem or self.tr("No tracked trial is linked to this topic"))
        self.linked.setVisible(bool(rows))

    def _on_trial(self, item: QListWidgetItem) -> None:
        self.trialActivated.emit(str(item.data(Qt.ItemDataRole.UserRole)))
