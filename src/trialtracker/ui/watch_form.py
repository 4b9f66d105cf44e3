"""Watches ▸ Manage ▸ Edit…: change a saved search's name, terms or statuses.

The form only collects the new values; the write goes through :class:`~trialtracker.ui.watches.WatchActions`
on the database lane, and a refusal (a name already taken, no terms left) is shown in the form with the
typed values kept, so nothing the user typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from trialtracker.services.views import WatchView
from trialtracker.ui.plain import show_as_error
from trialtracker.ui.status_picker import StatusPicker


@dataclass(frozen=True)
class WatchChange:
    """The form's values: the new name, terms ("" clears one) and statuses (empty: any)."""

    name: str
    cond: str
    intr: str
    statuses: tuple[str, ...]


class WatchForm(QDialog):
    """Edit one saved search. Save emits ``submitted`` and waits: :meth:`saved` closes the form,
    :meth:`show_error` shows a refusal and lets the user correct the values.

    Signals:
        submitted(WatchChange) -- the user pressed Save (the form stays open until told the outcome)
    """

    submitted = Signal(object)

    def __init__(self, watch: WatchView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit saved search"))
        self.original = watch
        self.name = QLineEdit(watch.name)
        self.name.setMaxLength(200)
        self.condition = QLineEdit(watch.cond or "")
        self.condition.setPlaceholderText(self.tr("e.g. multiple sclerosis (empty: any condition)"))
        self.intervention = QLineEdit(watch.intr or "")
        self.intervention.setPlaceholderText(
            self.tr('e.g. mesenchymal OR "stem cell" (empty: any treatment)')
        )
        self.intervention.setCursorPosition(0)
        self.statuses = StatusPicker()
        self.statuses.select(watch.statuses)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Condition:"), self.condition)
        form.addRow(self.tr("&Intervention:"), self.intervention)
        form.addRow(self.tr("Status:"), self.statuses)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # the store's message may quote the typed name
        self.error.setWordWrap(True)
        show_as_error(self.error)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("A changed search forgets its last count; the candidates it found stay."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    def accept(self) -> None:
        self.error.hide()
        self.setEnabled(False)  # one save at a time; the outcome re-enables or closes the form
        self.submitted.emit(self.change())

    def saved(self) -> None:
        self.setEnabled(True)
        super().accept()

    def change(self) -> WatchChange:
        return WatchChange(self.name.text(), self.condition.text(), self.intervention.text(),
                           tuple(self.statuses.selected()))  # fmt: skip

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.setEnabled(True)
