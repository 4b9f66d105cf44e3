"""The About dialog: what the app is, where its files are, licence and data source."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trialtracker import APP_NAME, __version__
from trialtracker.paths import DataPaths
from trialtracker.ui.action_table import QT_TRANSLATE_NOOP

PURPOSE = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "Follow stem-cell therapy trials for multiple sclerosis, with data from ClinicalTrials.gov.",
)
NOT_ADVICE = QT_TRANSLATE_NOOP(
    "AboutDialog",
    "Not medical advice. Registry entries can be out of date or incomplete; "
    "talk to your neurologist or MS nurse about any trial.",
)
LICENSE = "GPL-3.0-or-later"
REGISTRY_URL = "https://clinicaltrials.gov/"
LICENSE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def _path_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setCursor(Qt.CursorShape.IBeamCursor)
    return label


class AboutDialog(QDialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))

        title = QLabel(f"{APP_NAME} {__version__}")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setTextFormat(Qt.TextFormat.PlainText)

        purpose = QLabel(self.tr(PURPOSE))
        purpose.setWordWrap(True)
        purpose.setTextFormat(Qt.TextFormat.PlainText)

        advice = QLabel(self.tr(NOT_ADVICE))
        advice.setWordWrap(True)
        advice.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(advice.font())
        bold.setBold(True)
        advice.setFont(bold)

        self.data_dir_label = _path_label(str(paths.data_dir))
        self.log_file_label = _path_label(str(paths.log_file))
        self.open_button = QPushButton(self.tr("Open data folder"))
        self.open_button.clicked.connect(self.open_data_folder)

        files = QFormLayout()
        files.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        files.addRow(self.tr("Data folder:"), self.data_dir_label)
        files.addRow(self.tr("Log file:"), self.log_file_label)

        credits = QLabel(
            self.tr(
                "Trial data: <a href='{registry}'>ClinicalTrials.gov</a>, a service of the U.S. National "
                "Library of Medicine. Trial Tracker is not affiliated with or endorsed by it.<br>"
                "Licence: <a href='{licence_url}'>{licence}</a>. "
                "This program comes with absolutely no warranty."
            ).format(registry=REGISTRY_URL, licence_url=LICENSE_URL, licence=html.escape(LICENSE))
        )
        credits.setTextFormat(Qt.TextFormat.RichText)
        credits.setWordWrap(True)
        credits.setOpenExternalLinks(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addWidget(advice)
        layout.addLayout(files)
        layout.addWidget(credits)
        layout.addStretch(1)
        layout.addWidget(buttons)
        # At least as wide as the paths (never cut): a set minimum width would stand for the layout's own,
        # and a window of wrapped text opens at two thirds of the screen at most, whatever its paths need.
        self.setMinimumWidth(max(480, self.minimumSizeHint().width()))

    def open_data_folder(self) -> bool:
        self.paths.data_dir.mkdir(parents=True, exist_ok=True)
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.data_dir))))


def show_about(parent: QWidget | None, paths: DataPaths) -> AboutDialog:
    """Show the About dialog (window-modal, non-blocking) and return it; it deletes itself on close."""
    dialog = AboutDialog(paths, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
