"""The Preferences group for "sites near me": a home place typed with suggestions from the offline
gazetteer, and how far "near" is.

Nothing typed here is sent anywhere: suggestions come from the list shipped with the app, and the
chosen place (its name and coordinates) is saved in the preferences file on this computer.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.geo import Place
from trialtracker.services import places
from trialtracker.services.settings import NEAR_KM_RANGE, Preferences

SUGGESTIONS = 12


class HomePlaceGroup(QGroupBox):
    """Home place (with type-ahead) and the "near" distance; :meth:`place` resolves what was typed."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sites near me"))
        self.field = QLineEdit(prefs.home_place)
        self.field.setPlaceholderText(self.tr("Your town, e.g. Portland, Oregon — or latitude, longitude"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Home place"))
        self._suggestions = QStringListModel(self)
        self.completer = QCompleter(self._suggestions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.field.setCompleter(self.completer)
        self.field.textEdited.connect(self._suggest)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Forget the home place (no distances are shown)"))
        self.clear_button.clicked.connect(self.field.clear)
        self.within = QSpinBox()
        self.within.setRange(*NEAR_KM_RANGE)
        self.within.setSingleStep(25)
        self.within.setSuffix(self.tr(" km"))
        self.within.setValue(prefs.near_km)
        self.within.setAccessibleName(self.tr("Near means within"))
        self.error = QLabel("")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.clear_button)
        note = QLabel(
            self.tr(
                "Used to show how far each trial site is, nearest first, and the list “Open near me”. "
                "Suggestions come from a list of towns inside the app; your place is saved on this "
                "computer only and never sent anywhere."
            )
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setEnabled(False)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Home place:"), row)
        form.addRow("", self.error)
        form.addRow(self.tr("“Near” means within:"), self.within)
        form.addRow("", note)
        self._chosen: dict[str, Place] = {}
        if prefs.home is not None:
            self._chosen[prefs.home_place] = prefs.home

    def _suggest(self, text: str) -> None:
        found = places.search_places(text, SUGGESTIONS) if len(text.strip()) >= 2 else []
        self._chosen.update({p.label: p for p in found})
        self._suggestions.setStringList([p.label for p in found])
        self.error.hide()

    def place(self) -> Place | None:
        """The place typed (None when the field is empty); raises InvalidInput when there is none."""
        text = " ".join(self.field.text().split())
        if not text:
            return None
        return self._chosen.get(text) or places.resolve_place(text)

    def apply(self, prefs: Preferences) -> Preferences | None:
        """``prefs`` with this group's values, or None (and the reason shown) if the place is unknown."""
        try:
            home = self.place()
        except InvalidInput as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None
        self.error.hide()
        return replace(
            prefs, home_place=home.label if home else "", home_lat=home.lat if home else None,
            home_lon=home.lon if home else None, near_km=self.within.value(),
        ).cleaned()  # fmt: skip
