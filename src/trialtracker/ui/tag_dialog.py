"""The Tag… dialog: the selected trials' tags as one comma-separated line, and in a team library whether
the tags added are the member's own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class TagDialog(QDialog):
    """Edit a line of tags. ``team``: offer "only for me" (a team library's personal tags)."""

    def __init__(self, label: str, tags: str, *, team: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        layout = QVBoxLayout(self)
        prompt = QLabel(label)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(prompt)
        self.line = QLineEdit(tags)
        self.line.setAccessibleName(self.tr("Tags, separated with commas"))
        self.line.setMinimumWidth(360)
        prompt.setBuddy(self.line)
        layout.addWidget(self.line)
        self.only_me = QCheckBox(self.tr("Only for me: other members of the team do not see the tags I add"))
        self.only_me.setToolTip(
            self.tr("Personal tags are yours alone. You can share one later: right-click it in the sidebar.")
        )
        self._team = team
        self.only_me.setVisible(team)
        layout.addWidget(self.only_me)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Ok | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def names(self) -> list[str]:
        """The tags typed, in order, each once."""
        return list(dict.fromkeys(n.strip() for n in self.line.text().split(",") if n.strip()))

    @property
    def personal(self) -> bool:
        return self._team and self.only_me.isChecked()
