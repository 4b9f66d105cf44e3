"""A desktop citizen's menus and keys (issue 15, first step): every action has a place in the menu bar,
no two actions share a key, and a platform's standard key does only what it means there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import show_trial
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.ui.action_table import MENUS, TRIAL_ACTIONS, WINDOW_ACTIONS
from trialtracker.ui.main_window import DEFAULT_SIZE, MainWindow

S = QKeySequence.StandardKey
#: The standard keys the window uses, and for what.
MEANT = {
    "quit": S.Quit, "print_trial": S.Print, "find": S.Find, "refresh": S.Refresh, "topics": S.HelpContents,
    "add": S.New, "prefs": S.Preferences, "remove": S.Delete, "undo": S.Undo, "redo": S.Redo,
}  # fmt: skip


@pytest.fixture
def window(qtbot: QtBot, store: Library, paths: DataPaths) -> MainWindow:
    win = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(win)
    win.show()
    return win


def _actions(window: MainWindow) -> dict[str, QAction]:
    return {spec.name: getattr(window, f"act_{spec.name}") for spec in (*WINDOW_ACTIONS, *TRIAL_ACTIONS)}


def test_no_key_is_used_twice_and_standard_keys_mean_what_they_say(window: MainWindow) -> None:
    standard: dict[str, set[QKeySequence.StandardKey]] = {}
    for key in QKeySequence.StandardKey:
        for binding in QKeySequence.keyBindings(key):
            standard.setdefault(binding.toString(), set()).add(key)
    owner: dict[str, str] = {}
    for name, action in _actions(window).items():
        for sequence in action.shortcuts():
            text = sequence.toString()
            assert text not in owner, f"{text} is both {owner[text]} and {name}"
            owner[text] = name
            for meaning in standard.get(text, ()):
                assert MEANT.get(name) == meaning, f"{name} uses {text}, the platform's {meaning.name}"
    every = {a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()}
    assert every <= set(_actions(window).values()), "a key outside the action table"
    assert owner["Ctrl+Q"] == "quit" and owner["Ctrl+D"] == "star" and "Ctrl+R" not in owner
    assert "Ctrl+S" not in owner, "Ctrl+S means Save on every desktop"


def test_every_action_has_a_place_in_the_menu_bar(window: MainWindow) -> None:
    bar = window.menuBar().actions()
    menus = {a.text().replace("&", ""): menu for a in bar if isinstance(menu := a.menu(), QMenu)}
    assert {"File", "Edit", "View", "Trial", "Help"} <= set(menus)
    placed = {action for menu in menus.values() for action in menu.actions()}
    for name, action in _actions(window).items():
        assert action in placed, f"{name} has no menu entry"
    assert next(names for title, names in MENUS if title == "&File")[-1] == "quit"


def test_quit_closes_the_window(window: MainWindow, qtbot: QtBot) -> None:
    window.act_quit.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)


@pytest.mark.parametrize("size", [(1024, 640), (1366, 768)])
def test_small_screens_fit_and_the_table_keeps_room(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int], tmp_path: Path
) -> None:
    """A first start on a small screen takes the screen, not more; nothing needs more than it has."""
    window.fit_to(QSize(*size))
    wanted = QSize(min(size[0], DEFAULT_SIZE[0]), min(size[1], DEFAULT_SIZE[1]))
    qtbot.waitUntil(lambda: window.size() == wanted, timeout=2_000)
    hint = window.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], hint
    narrow = size[0] < 1200
    assert window.sidebar.isHidden() == narrow and window.act_toggle_sidebar.isChecked() != narrow
    qtbot.waitUntil(lambda: window.table.width() >= (600 if narrow else 500), timeout=2_000)
    assert window.right_tabs.width() >= 300
    window.act_toggle_sidebar.trigger()  # View ▸ Sidebar (F9) brings it back, or hides it
    assert window.sidebar.isHidden() != narrow
    shot = tmp_path / f"window-{size[0]}x{size[1]}.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 10_000


def test_keyboard_reaches_the_page_and_symbol_cells_have_words(window: MainWindow, qtbot: QtBot) -> None:
    """Tab leaves the table (it no longer walks its cells); assistive tech gets words, not ★ ✎ ●."""
    from PySide6.QtCore import Qt

    from trialtracker.ui.trial_model import COL_CHANGES, COL_NOTES, COL_STAR

    assert not window.table.tabKeyNavigation()
    for widget in (window.search, window.filters.status_filter, window.filters.cell_filter, window.table,
                   window.sidebar, window.detail.browser, window.notes.editor):  # fmt: skip
        assert widget.accessibleName(), widget.objectName() or type(widget).__name__
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus, timeout=2_000)
    window.focusNextChild()
    assert not window.table.hasFocus(), "Tab stayed in the table"
    role = Qt.ItemDataRole.AccessibleTextRole
    row = window.model.row_of(window.model.rows()[0].nct_id)
    spoken = [window.model.index(row, col).data(role) for col in (COL_STAR, COL_NOTES, COL_CHANGES)]
    assert spoken == ["not starred", "no notes", "no unreviewed changes"]


def test_qt_warnings_reach_the_log(qapp: object, caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from trialtracker.ui.app import log_qt_messages

    previous = qInstallMessageHandler(None)
    try:
        log_qt_messages()
        with caplog.at_level("WARNING", logger="qt"):
            qWarning("a Qt warning for the log")
        assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
            ("qt", "WARNING", "a Qt warning for the log")
        ]
    finally:
        qInstallMessageHandler(previous)


def test_light_dark_and_system_colours_apply_at_once(window: MainWindow, qtbot: QtBot) -> None:
    """Preferences ▸ Colours: the page and the banner, whose colours are ours, follow without a redraw."""
    from trialtracker.ui.status_badge import is_dark
    from trialtracker.ui.theme import DARK, LIGHT, SYSTEM, apply_theme

    show_trial(qtbot, window, window.model.rows()[0].nct_id)
    window.banner.show_message("A message")
    light_badge = window.detail.badge.styleSheet()
    try:
        apply_theme(DARK)
        qtbot.waitUntil(lambda: is_dark(window.palette()), timeout=2_000)
        qtbot.waitUntil(
            lambda: "#4d3a0f" in window.detail.browser.document().defaultStyleSheet(), timeout=2_000
        )
        assert "#17384a" in window.banner.styleSheet()  # the dark info colours
        assert window.detail.badge.styleSheet() != light_badge  # the header badge follows too
        apply_theme(LIGHT)
        qtbot.waitUntil(lambda: not is_dark(window.palette()), timeout=2_000)
        qtbot.waitUntil(
            lambda: "#fff1c7" in window.detail.browser.document().defaultStyleSheet(), timeout=2_000
        )
        assert "#e5f3fb" in window.banner.styleSheet()
    finally:
        apply_theme(SYSTEM)


def test_view_menu_theme_choice_applies_at_once_is_saved_and_follows_preferences(
    window: MainWindow, qtbot: QtBot, store: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trialtracker.services.settings import read_preferences
    from trialtracker.ui.status_badge import is_dark
    from trialtracker.ui.theme import DARK, LIGHT, SYSTEM, apply_theme

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.theme_menu.menu in [a.menu() for a in view.actions()]
    assert [a.text() for a in window.theme_menu.menu.actions()] == ["&Same as the system", "&Light", "&Dark"]
    assert window.theme_menu.actions[SYSTEM].isChecked()
    try:
        window.theme_menu.actions[DARK].trigger()
        qtbot.waitUntil(lambda: is_dark(window.palette()), timeout=2_000)
        assert store.settings.preferences.theme == DARK and read_preferences().theme == DARK
        assert window.theme_menu.actions[DARK].isChecked()

        # A choice that cannot be saved still changes the colours now, says so, and stays ticked.
        def refuse(_prefs: object) -> None:
            raise OSError("read-only file system")

        warnings: list[str] = []
        monkeypatch.setattr(store, "save_preferences", refuse)
        monkeypatch.setattr("trialtracker.ui.theme_menu.warn", lambda _w, text, title: warnings.append(text))
        window.theme_menu.actions[LIGHT].trigger()
        qtbot.waitUntil(lambda: not is_dark(window.palette()), timeout=2_000)
        assert window.theme_menu.actions[LIGHT].isChecked() and "read-only file system" in warnings[0]
        assert read_preferences().theme == DARK  # the saved choice is the next start's
    finally:
        apply_theme(SYSTEM)


def test_file_menu_exports_imports_and_backs_up_in_the_background(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, store: Library
) -> None:
    """What the command line could do, in the window: File ▸ Export…, Import…, Back up now."""
    import json

    from trialtracker.services import trials

    first = window.model.rows()[0].nct_id
    trials.star(store, [first], True)
    bundle = tmp_path / "bundle.json"
    with qtbot.waitSignal(window.files.message, timeout=10_000) as said:
        window.files.export_to(bundle, "json")
    assert said.args[0] == f"Exported to {bundle}"
    assert any(t["nct_id"] == first and t["starred"] for t in json.loads(bundle.read_text("utf-8"))["trials"])

    ids = tmp_path / "ids.txt"
    ids.write_text("Please add NCT05000001 and nct05000002.\n", encoding="utf-8")
    with qtbot.waitSignal(window.files.imported, timeout=10_000):
        window.files.import_from(ids)
    assert window.model.row_of("NCT05000001") >= 0 and window.model.row_of("NCT05000002") >= 0
    assert "Imported: 2 added" in window.statusBar().currentMessage()

    with qtbot.waitSignal(window.files.message, timeout=10_000) as said:
        window.files.back_up()
    written = Path(said.args[0].removeprefix("Backup written: "))
    assert written.is_file() and written.parent == store.paths.backup_dir


def _walk(window: MainWindow, key: object, stops: int = 80) -> list[QWidget]:
    """Press ``key`` (Tab or Backtab) from the search box until focus is back there; the widgets passed."""
    from PySide6.QtTest import QTest

    window.search.setFocus()
    QApplication.processEvents()
    passed: list[QWidget] = []
    for _ in range(stops):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, key)  # type: ignore[arg-type]
        QApplication.processEvents()
        now = QApplication.focusWidget()
        if now is window.search:
            return passed
        assert now is not None
        passed.append(now)
    raise AssertionError(f"Tab never came back to the search box: {[type(w).__name__ for w in passed[-5:]]}")


@pytest.mark.parametrize("tab", ["Details", "Notes"])
def test_tab_reaches_every_part_and_every_stop_has_a_name(window: MainWindow, qtbot: QtBot, tab: str) -> None:
    """Keyboard users: Tab goes round sidebar, search, filters, table, the trial page or the notes, and
    comes back; Shift+Tab goes the other way. Each stop has a name a screen reader says."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtTest import QTest

    assert show_trial(qtbot, window, "NCT00273364")
    window.right_tabs.setCurrentIndex(0 if tab == "Details" else 1)
    forward = _walk(window, Qt.Key.Key_Tab)
    for widget in forward:
        spoken = QAccessible.queryAccessibleInterface(widget)
        assert spoken is not None and spoken.text(QAccessible.Text.Name).strip(), type(widget).__name__
    page = window.detail.browser if tab == "Details" else window.notes.editor
    parts = [window.filters.status_filter, window.table, window.right_tabs.tabBar(), page, window.sidebar]
    if tab == "Details":
        parts.append(window.detail.badge)
    for part in parts:
        assert part in forward, f"Tab never reached {part.accessibleName() or type(part).__name__}"
    backward = _walk(window, Qt.Key.Key_Backtab)
    assert backward[0] is window.sidebar and window.table in backward
    if tab == "Details":  # the status badge opens what the status means: Enter does what a click does
        with qtbot.waitSignal(window.detail.topicRequested, timeout=2_000):
            QTest.keyClick(window.detail.badge, Qt.Key.Key_Return)


def test_every_toolbar_action_has_an_icon_drawn_in_the_text_colour(window: MainWindow) -> None:
    """Our line drawings stand in where the desktop theme has no icon, in the palette's text colour (so
    they stay visible in dark mode)."""
    from PySide6.QtGui import QColor, QPalette

    from trialtracker.ui.action_table import TOOLBAR
    from trialtracker.ui.icons import bundled_icon

    for name in filter(None, TOOLBAR):
        assert not getattr(window, f"act_{name}").icon().isNull(), name
    for colour in ("#101010", "#f0f0f0"):  # light and dark text
        image = bundled_icon("list-add", QColor(colour)).pixmap(24, 24).toImage()
        centre = QColor(image.pixel(12, 12))  # the middle of the plus sign
        assert centre.name() == colour and centre.alpha() == 255
    assert bundled_icon("no-such-icon", window.palette().color(QPalette.ColorRole.WindowText)).isNull()
