"""The Preferences group that chooses the library: this computer's file, or a team library on a server.

The address is saved without a password: one typed into it is moved to libpq's own password file (only
its owner can read it), where the connection finds it, and the dialog says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from trialtracker.domain.team import DISPLAY_NAME_MAX
from trialtracker.services.pgpass import pgpass_path
from trialtracker.services.settings import Preferences
from trialtracker.services.team import team_address_problem
from trialtracker.ui.plain import show_as_error


class TeamLibraryGroup(QGroupBox):
    """The team library's address; :meth:`problem` says why what is typed cannot be used."""

    def __init__(self, prefs: Preferences, note: QLabel, help_label: QLabel, *, on_team: bool = False,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        """``on_team``: the open library is a team one, so the member's display name can be set here (the
        field waits for :meth:`show_name`)."""
        super().__init__(parent)
        self.setTitle(self.tr("Team library"))
        self.field = QLineEdit(prefs.database_url)
        self.field.setPlaceholderText(self.tr("postgresql://you@server.example.org/msclinic"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Team library address"))
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setWordWrap(True)
        show_as_error(self.error)
        self.error.hide()
        help_label.setText(
            self.tr(
                "Leave empty to use the library on this computer. A password typed here is moved to "
                "{file}, which only you can read; these preferences keep the address without it."
            ).format(file=pgpass_path())
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(note)  # "now set by $TRIALTRACKER_DATABASE_URL" when it is
        layout.addWidget(help_label)
        self.my_name = ""
        self.name_field = QLineEdit()
        if on_team:  # read on the task runner: the field waits for it
            self.name_field.setEnabled(False)
            self.name_field.setPlaceholderText(self.tr("Reading your name…"))
        self.name_field.setAccessibleName(self.tr("Your name in the team"))
        self.name_field.setMaxLength(DISPLAY_NAME_MAX)
        if on_team:
            row = QFormLayout()
            row.addRow(self.tr("Your name in the team:"), self.name_field)
            layout.addLayout(row)
        else:
            self.name_field.hide()
        self.field.textChanged.connect(self._check)

    def show_name(self, name: str | None) -> None:
        """The member's display name as read from the team library (None: none set, or not readable)."""
        self.my_name = name or ""
        self.name_field.setText(self.my_name)
        self.name_field.setPlaceholderText(self.tr("e.g. Alice Smith (your login is always shown with it)"))
        self.name_field.setEnabled(True)

    def name_changed(self) -> bool:
        return self.name_field.isVisibleTo(self) and " ".join(self.name_field.text().split()) != self.my_name

    def problem(self) -> str | None:
        return team_address_problem(self.field.text())

    def _check(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
