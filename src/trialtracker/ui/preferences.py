"""The Preferences dialog: registry address, request pace, refresh on start.

It edits the Qt-free preferences of :mod:`trialtracker.services.settings` (the
``preferences.ini`` file both faces read). A value that a command-line flag or
an environment variable overrides for this run gets a note under its field, so
the user knows why saving it changes nothing until that override is gone.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.services import team
from trialtracker.services.library import Library
from trialtracker.services.settings import (
    ENV,
    ENV_API_URL,
    ENV_DATABASE_URL,
    ENV_PACE,
    ENV_REFRESH_ON_START,
    FLAG,
    MAX_HOURS,
    MAX_PACE,
    MIN_HOURS,
    MIN_PACE,
    Preferences,
    Settings,
    api_url_problem,
    preferences_path,
)
from trialtracker.ui.home_place import HomePlaceGroup
from trialtracker.ui.plain import show_message, warn
from trialtracker.ui.tasks import Lane, TaskRunner, expected_failure
from trialtracker.ui.team_library import TeamLibraryGroup
from trialtracker.ui.theme import THEMES

#: setting name -> (its environment variable, its command-line option if it has one)
_OVERRIDES: dict[str, tuple[str, str | None]] = {
    "api_url": (ENV_API_URL, "--api-url"),
    "pace": (ENV_PACE, None),
    "refresh_on_start": (ENV_REFRESH_ON_START, None),
    "database_url": (ENV_DATABASE_URL, "--database-url"),
}


def override_note(settings: Settings, name: str) -> str | None:
    """The "Now set by $TRIALTRACKER_API_URL (…)" note when ``name`` is overridden for this run, else None."""
    source = settings.source_of(name)
    if source not in (FLAG, ENV):
        return None
    value: object = getattr(settings, name)
    translate = QCoreApplication.translate
    if isinstance(value, bool):
        shown = translate("PreferencesDialog", "on") if value else translate("PreferencesDialog", "off")
    elif isinstance(value, float):
        shown = translate("PreferencesDialog", "{0}\u00a0s").format(f"{value:g}")  # "0.5" and "s" together
    elif name == "database_url":
        shown = team.shown_address(str(value))  # a password given with it is never shown
    else:
        shown = str(value)
    env_name, option = _OVERRIDES[name]
    if source == ENV:
        said = QCoreApplication.translate(
            "PreferencesDialog",
            "Now set by ${env} ({value}); what you save here is used when that is not set.",
        )
    elif option:
        said = QCoreApplication.translate(
            "PreferencesDialog",
            "Now set by the command-line option {option} ({value}); what you save here is used when it is "
            "not given.",
        )
    else:
        said = QCoreApplication.translate(
            "PreferencesDialog",
            "Now set by the command line ({value}); what you save here is used when it is not given.",
        )
    return said.format(env=env_name, option=option, value=shown)


class _WrappingLabel(QLabel):
    """Plain text wrapped across the whole field column, asking for just the lines it needs there.

    A word-wrapped QLabel asks for the height of a narrow guess at its width; in a wider form
    row that leaves blank space. Once laid out, this one asks for the height at its real width.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        policy = self.sizePolicy()  # keeps the height-for-width flag that word wrap set
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        self.setSizePolicy(policy)
        self._laid_out = False

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._laid_out:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        self._laid_out = True
        if needed != event.size().height():
            self.updateGeometry()


def _muted(text: str) -> QLabel:
    label = _WrappingLabel(text)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def _note(text: str | None) -> QLabel:
    """The "now set by …" note under a field (hidden when nothing overrides it)."""
    label = _WrappingLabel(text or "")
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    label.setVisible(text is not None)
    return label


class PreferencesDialog(QDialog):
    """Edits ``lib.settings.preferences``; they are saved (and ``lib.settings`` updated) only on OK."""

    def __init__(self, lib: Library, parent: QWidget | None = None, *, team_first: bool = False,
                 tasks: TaskRunner | None = None) -> None:  # fmt: skip
        """``team_first``: open on the team library's address (File ▸ Team library…). The member's
        display name (a team library) is read and written on ``tasks`` (a runner of its own if None)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(900)
        self.lib = lib
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        settings = lib.settings
        prefs = settings.preferences

        # -- registry ------------------------------------------------------------------
        self.api_url = QLineEdit(prefs.api_url)
        # A Settings with nothing set holds the default address (the registry's own, not a preference).
        self.api_url.setPlaceholderText(Settings(paths=settings.paths).api_url)
        self.api_url.setClearButtonEnabled(True)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Use the public ClinicalTrials.gov API"))
        self.reset_button.clicked.connect(self.api_url.clear)
        url_row = QHBoxLayout()
        url_row.addWidget(self.api_url, 1)
        url_row.addWidget(self.reset_button)
        self.url_error = _WrappingLabel("")
        palette = self.url_error.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(
            QPalette.ColorRole.WindowText, Qt.GlobalColor.red if dark else Qt.GlobalColor.darkRed
        )
        self.url_error.setPalette(palette)
        self.url_error.hide()
        self.api_url_note = _note(override_note(settings, "api_url"))

        self.pace = QDoubleSpinBox()
        self.pace.setRange(MIN_PACE, MAX_PACE)
        self.pace.setDecimals(1)
        self.pace.setSingleStep(0.5)
        self.pace.setSuffix(self.tr(" s"))
        self.pace.setValue(prefs.pace)
        self.pace_note = _note(override_note(settings, "pace"))

        registry = QGroupBox("ClinicalTrials.gov")
        form = QFormLayout(registry)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("API address:"), url_row)
        form.addRow("", self.url_error)
        form.addRow("", self.api_url_note)
        form.addRow(
            "",
            _muted(
                self.tr("Leave empty to use the public registry. Change it only for a mirror or testing.")
            ),
        )
        form.addRow(self.tr("Pause between requests:"), self.pace)
        form.addRow("", self.pace_note)
        form.addRow("", _muted(self.tr("Be polite to the public registry: 1 second or more is recommended.")))

        # -- refresh on start ----------------------------------------------------------
        self.refresh_on_start = QCheckBox(self.tr("Refresh tracked trials when the app starts"))
        self.refresh_on_start.setChecked(prefs.refresh_on_start)
        self.hours = QSpinBox()
        self.hours.setRange(MIN_HOURS, MAX_HOURS)
        self.hours.setSuffix(self.tr(" hours"))
        self.hours.setValue(prefs.refresh_on_start_hours)
        self.hours.setEnabled(self.refresh_on_start.isChecked())
        self.refresh_on_start.toggled.connect(self.hours.setEnabled)
        self.every = QSpinBox()
        self.every.setRange(0, MAX_HOURS)
        self.every.setSpecialValueText(self.tr("never"))
        self.every.setSuffix(self.tr(" hours"))
        self.every.setValue(prefs.refresh_every_hours)
        self.every.setAccessibleName(self.tr("While open, refresh every"))
        every_row = QHBoxLayout()
        every_row.addWidget(QLabel(self.tr("While the window is open, refresh every")))
        every_row.addWidget(self.every)
        every_row.addStretch(1)
        hours_row = QHBoxLayout()
        hours_row.addWidget(QLabel(self.tr("…if the last refresh is older than")))
        hours_row.addWidget(self.hours)
        hours_row.addStretch(1)
        self.refresh_note = _note(override_note(settings, "refresh_on_start"))

        self.home = HomePlaceGroup(prefs)
        self.team = TeamLibraryGroup(prefs, _note(override_note(settings, "database_url")), _muted(""),
                                     on_team=lib.on_server)  # fmt: skip
        if lib.on_server:
            self.tasks.submit(lambda _ctx: team.display_name(lib), lane=Lane.READ, name="read your name",
                              on_done=self.team.show_name,
                              on_error=self._name_not_read)  # fmt: skip

        startup = QGroupBox(self.tr("Start-up"))
        startup_layout = QVBoxLayout(startup)
        startup_layout.addWidget(self.refresh_on_start)
        startup_layout.addLayout(hours_row)
        startup_layout.addLayout(every_row)
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Colours"))
        for key, label in THEMES.items():
            self.theme.addItem(QCoreApplication.translate("Theme", label), key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        theme_row = QHBoxLayout()
        theme_row.addWidget(QLabel(self.tr("Colours:")))
        theme_row.addWidget(self.theme)
        theme_row.addStretch(1)
        startup_layout.addLayout(theme_row)
        startup_layout.addWidget(self.refresh_note)

        self.path_label = _muted(self.tr("Saved in {file}").format(file=preferences_path()))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # Two columns: all four groups stacked would be taller than a 640-pixel screen.
        left, right = QVBoxLayout(), QVBoxLayout()
        for column, groups in ((left, (self.team, registry)), (right, (startup, self.home))):
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.path_label)
        layout.addWidget(self.buttons)

        self.api_url.textChanged.connect(self._validate)
        self.team.field.textChanged.connect(self._validate)
        self._validate()
        if team_first:
            self.team.field.setFocus()
            self.team.field.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height(shrink=True)

    def _fit_height(self, *, shrink: bool) -> None:
        """Take the height the wrapped labels need at the dialog's width.

        They first ask for a narrow column (so more lines); once laid out at the real width
        they need fewer, so on show the dialog shrinks to fit. A note that appears later
        (the address error) grows it, so nothing overlaps.
        """
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        height = self.heightForWidth(self.width())
        if height > self.height() or (shrink and height > 0):
            self.resize(self.width(), max(height, self.minimumHeight()))

    def _validate(self) -> None:
        problem = api_url_problem(self.api_url.text())
        self.url_error.setText(problem or "")
        self.url_error.setVisible(problem is not None)
        self.ok_button.setEnabled(problem is None and self.team.problem() is None)
        self._fit_height(shrink=False)

    def preferences(self) -> Preferences | None:
        """What the dialog shows now (cleaned: trimmed address, values within their bounds); None while
        the home place names no known place (the reason is shown under it)."""
        return self.home.apply(
            Preferences(
                api_url=self.api_url.text().strip(),
                pace=self.pace.value(),
                refresh_on_start=self.refresh_on_start.isChecked(),
                refresh_on_start_hours=self.hours.value(),
                refresh_every_hours=self.every.value(),
                theme=str(self.theme.currentData()),
                database_url=self.team.field.text().strip(),
            )
        )

    def save(self) -> bool:
        """Write the preferences file and update ``lib.settings``; on failure say why and return False."""
        prefs = self.preferences()
        if prefs is None:
            self._fit_height(shrink=False)
            return False
        try:
            kept = team.keep_team_address(prefs.database_url)  # a password goes to libpq's file, not ours
            self.lib.save_preferences(replace(prefs, database_url=kept.url))
        except (OSError, TrialTrackerError) as exc:
            self._not_saved(exc)
            return False
        self._say_where_the_password_went(kept)
        return True

    def _name_not_read(self, exc: Exception) -> None:
        expected_failure(exc)  # a bug: the crash handler; a server out of reach: the field starts empty
        self.team.show_name(None)

    def _not_saved(self, exc: Exception) -> None:
        said = self.tr("Your preferences could not be saved to {file}.").format(file=preferences_path())
        warn(self, f"{said}\n\n{exc}", title=self.tr("Preferences not saved"))

    def _say_where_the_password_went(self, kept: team.KeptAddress) -> None:
        if kept.password_file is None:
            return
        self.team.field.setText(kept.url)
        said = self.tr(
            "The password was taken out of the team library's address and saved in {file}, which only you "
            "can read; the connection finds it there. Your preferences keep the address without it:\n{url}"
        ).format(file=kept.password_file, url=kept.url)
        show_message(self, QMessageBox.Icon.Information, self.tr("Password kept apart"), said)

    def accept(self) -> None:
        """Save and close; a changed display name is written first, on the database lane (the dialog waits
        for it and stays open, with a reason, if the team library refuses it)."""
        if api_url_problem(self.api_url.text()) is not None or not self.ok_button.isEnabled():
            return
        if not self.team.name_changed():
            if self.save():
                super().accept()
            return
        self.ok_button.setEnabled(False)
        name = self.team.name_field.text()

        def written(stored: str | None) -> None:
            self.ok_button.setEnabled(True)
            self.team.show_name(stored)
            if self.save():
                super(PreferencesDialog, self).accept()

        def refused(exc: Exception) -> None:
            self.ok_button.setEnabled(True)
            if not expected_failure(exc):
                return
            said = self.tr("Your name in the team was not saved (nor the other preferences): {error}")
            warn(self, said.format(error=exc), title=self.tr("Preferences not saved"))

        self.tasks.submit(lambda _ctx: team.set_display_name(self.lib, name), lane=Lane.DB,
                          name="save your name", on_done=written, on_error=refused)  # fmt: skip
