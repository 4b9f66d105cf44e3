"""The Preferences dialog: registry address, request pace, refresh on start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trialtracker.ctgov.client import DEFAULT_API_URL, resolve_api_url
from trialtracker.ui.settings import MAX_HOURS, MAX_PACE, MIN_HOURS, MIN_PACE, AppSettings


def api_url_problem(text: str) -> str | None:
    """Why ``text`` is not a usable API URL, or None ("" means the default and is fine)."""
    text = text.strip()
    if not text:
        return None
    try:
        resolve_api_url(text)
    except ValueError:
        return "Enter an address starting with http:// or https://, or leave it empty for the default."
    if any(c.isspace() for c in text):
        return "The address must not contain spaces."
    return None


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


class PreferencesDialog(QDialog):
    """Edits :class:`AppSettings`; values are written only when OK is pressed."""

    def __init__(self, parent: QWidget | None = None, settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(500)
        self.settings = settings or AppSettings()

        # -- registry ------------------------------------------------------------------
        self.api_url = QLineEdit(self.settings.api_url)
        self.api_url.setPlaceholderText(DEFAULT_API_URL)
        self.api_url.setClearButtonEnabled(True)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Use the public ClinicalTrials.gov API")
        self.reset_button.clicked.connect(self.api_url.clear)
        url_row = QHBoxLayout()
        url_row.addWidget(self.api_url, 1)
        url_row.addWidget(self.reset_button)
        self.url_error = QLabel()
        self.url_error.setTextFormat(Qt.TextFormat.PlainText)
        self.url_error.setWordWrap(True)
        palette = self.url_error.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(
            QPalette.ColorRole.WindowText, Qt.GlobalColor.red if dark else Qt.GlobalColor.darkRed
        )
        self.url_error.setPalette(palette)
        self.url_error.hide()

        self.pace = QDoubleSpinBox()
        self.pace.setRange(MIN_PACE, MAX_PACE)
        self.pace.setDecimals(1)
        self.pace.setSingleStep(0.5)
        self.pace.setSuffix(" s")
        self.pace.setValue(self.settings.pace)

        registry = QGroupBox("ClinicalTrials.gov")
        form = QFormLayout(registry)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("API address:", url_row)
        form.addRow("", self.url_error)
        form.addRow(
            "", _hint("Leave empty to use the public registry. Change it only for a mirror or testing.")
        )
        form.addRow("Pause between requests:", self.pace)
        form.addRow("", _hint("Be polite to the public registry: 1 second or more is recommended."))

        # -- refresh on start ----------------------------------------------------------
        self.refresh_on_start = QCheckBox("Refresh tracked trials when the app starts")
        self.refresh_on_start.setChecked(self.settings.refresh_on_start)
        self.hours = QSpinBox()
        self.hours.setRange(MIN_HOURS, MAX_HOURS)
        self.hours.setSuffix(" hours")
        self.hours.setValue(self.settings.refresh_on_start_hours)
        self.hours.setEnabled(self.refresh_on_start.isChecked())
        self.refresh_on_start.toggled.connect(self.hours.setEnabled)
        hours_row = QHBoxLayout()
        hours_row.addWidget(QLabel("…if the last refresh is older than"))
        hours_row.addWidget(self.hours)
        hours_row.addStretch(1)

        startup = QGroupBox("Start-up")
        startup_layout = QVBoxLayout(startup)
        startup_layout.addWidget(self.refresh_on_start)
        startup_layout.addLayout(hours_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(registry)
        layout.addWidget(startup)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.api_url.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> None:
        problem = api_url_problem(self.api_url.text())
        self.url_error.setText(problem or "")
        self.url_error.setVisible(problem is not None)
        self.ok_button.setEnabled(problem is None)

    def save(self) -> None:
        """Write the dialog's values to the settings."""
        self.settings.api_url = self.api_url.text().strip()
        self.settings.pace = self.pace.value()
        self.settings.refresh_on_start = self.refresh_on_start.isChecked()
        self.settings.refresh_on_start_hours = self.hours.value()
        self.settings.sync()

    def accept(self) -> None:
        if api_url_problem(self.api_url.text()) is not None:
            return
        self.save()
        super().accept()
