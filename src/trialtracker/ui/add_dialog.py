"""The "Add trials" dialog: paste any text, keep every NCT ID in it.

Accepted: one ID per line, comma-separated lists, registry links, e-mails.
Anything that *looks like* an attempt at an ID (``NCT`` followed by a digit)
but is not a valid one is listed as invalid, so a typo is never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain import nctid

#: An attempted ID: "NCT" (any case), an optional separator, a digit, then letters/digits.
_ATTEMPT = re.compile(r"(?<![A-Za-z0-9])[Nn][Cc][Tt][ \-_]?\d[A-Za-z0-9]*")
_SHOW_MAX = 30


def parse_ids(text: str) -> tuple[list[str], list[str]]:
    """(valid normalised IDs in order of appearance, invalid attempted IDs as typed)."""
    found: list[tuple[int, str]] = []
    invalid: list[str] = []
    for match in _ATTEMPT.finditer(text):
        token = match.group(0)
        try:
            found.append((match.start(), nctid.normalize(token)))
        except nctid.InvalidNctId:
            inner = nctid.extract(token)  # e.g. "NCT01234567abc": the canonical ID is still there
            if inner:
                found.append((match.start(), inner[0]))
            elif token not in invalid:
                invalid.append(token)
    valid: list[str] = []
    for _, nct in sorted(found, key=lambda item: item[0]):
        if nct not in valid:
            valid.append(nct)
    # Belt and braces: every canonical ID the shared extractor sees is kept too.
    valid += [nct for nct in nctid.extract(text) if nct not in valid]
    return valid, invalid


def _error_colour(widget: QWidget) -> QColor:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80" if dark else "#b3261e")


class AddTrialsDialog(QDialog):
    """Paste text with NCT IDs; OK is enabled once at least one valid ID is found."""

    def __init__(self, parent: QWidget | None = None, tracked: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add trials"))
        self.setMinimumWidth(520)
        self._tracked = set(tracked)
        self._ids: list[str] = []
        self._invalid: list[str] = []

        intro = QLabel(
            self.tr(
                "Paste NCT IDs: one per line, a list, or any text (an e-mail, registry links). "
                "Every valid ID found is added."
            )
        )
        intro.setWordWrap(True)

        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText("NCT00273364\nNCT01815632\nhttps://clinicaltrials.gov/study/NCT02403947")
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(self.tr("Trial IDs or registry links, one or more per line"))
        self.edit.setMinimumHeight(160)
        fixed = QFont("monospace")
        fixed.setStyleHint(QFont.StyleHint.TypeWriter)
        self.edit.setFont(fixed)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.invalid_label = QLabel()
        self.invalid_label.setWordWrap(True)
        self.invalid_label.setTextFormat(Qt.TextFormat.PlainText)
        self.invalid_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.invalid_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, _error_colour(self))
        self.invalid_label.setPalette(palette)
        self.invalid_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add trials"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.invalid_label)
        layout.addWidget(self.buttons)

        self.edit.textChanged.connect(self._update)
        self._update()
        self.edit.setFocus()

    def _shown(self, items: list[str]) -> str:
        hidden = len(items) - _SHOW_MAX
        more = self.tr(" … and %n more", "", hidden) if hidden > 0 else ""
        return ", ".join(items[:_SHOW_MAX]) + more

    def ids(self) -> list[str]:
        """The valid IDs, normalised (``NCT`` + 8 digits), unique, in order of appearance."""
        return list(self._ids)

    def invalid(self) -> list[str]:
        """Attempted IDs that are not valid, as typed."""
        return list(self._invalid)

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def _update(self) -> None:
        self._ids, self._invalid = parse_ids(self.edit.toPlainText())
        count = len(self._ids)
        if count:
            text = self.tr("%n valid ID(s) found: {ids}", "", count).format(ids=self._shown(self._ids))
            already = [i for i in self._ids if i in self._tracked]
            if already:
                more = self.tr("%n already tracked: {ids}", "", len(already))
                text += "\n" + more.format(ids=self._shown(already))
            self.preview.setText(text)
        else:
            self.preview.setText(self.tr("No valid NCT ID found yet (an ID is NCT followed by 8 digits)."))
        if self._invalid:
            self.invalid_label.setText(
                self.tr(
                    "%n entr(y|ies) (is|are) not valid NCT IDs and will be ignored: {ids}",
                    "",
                    len(self._invalid),
                ).format(ids=self._shown(self._invalid))
            )
            self.invalid_label.show()
        else:
            self.invalid_label.clear()
            self.invalid_label.hide()
        self.ok_button.setEnabled(count > 0)
