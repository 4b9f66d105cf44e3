"""Every action of the window, declared once: its words, key, tip, icon and the slot it calls.

:func:`trialtracker.ui.trial_actions.build_actions` turns each :class:`ActionSpec` into a ``QAction``.
The words are marked with ``QT_TRANSLATE_NOOP`` (context "Actions"; menu titles "Menus") so
``pyside6-lupdate`` collects them; they are translated when the actions are built.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name pyside6-lupdate looks for
    """Mark ``source`` for translation in ``context`` (Qt's own is typed as returning ``object``)."""
    return source


Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    """One action: built as ``act_<name>`` on the window, its ``triggered`` calling ``handler.<slot>()``.

    ``slot`` may be a dotted path from the handler (``"filters.focus_search"``).
    """

    name: str
    text: str
    slot: str
    shortcut: Shortcut = None
    tip: str = ""
    icon: str = ""
    table_only: bool = False  # it edits the selection: its keys act only while the table has focus
    checkable: bool = False  # an on/off setting (its slot reads ``isChecked()``)
    also: str = ""  # another key, first in the list (F5 where the platform's Refresh key differs)


S = QKeySequence.StandardKey

#: Actions handled by the window (or, with a dotted slot, one of its parts).
WINDOW_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "refresh",
        QT_TRANSLATE_NOOP("Actions", "Refresh"),
        "start_refresh",
        S.Refresh,
        QT_TRANSLATE_NOOP("Actions", "Fetch the latest records from ClinicalTrials.gov"),
        "view-refresh",
        also="F5",
    ),
    ActionSpec(
        "cancel",
        QT_TRANSLATE_NOOP("Actions", "Cancel"),
        "refresher.cancel",
        None,
        QT_TRANSLATE_NOOP("Actions", "Stop the refresh"),
        "process-stop",
    ),
    ActionSpec(
        "topics",
        QT_TRANSLATE_NOOP("Actions", "Topics"),
        "show_topics",
        S.HelpContents,
        QT_TRANSLATE_NOOP("Actions", "Plain-language background reading"),
        "help-contents",
        also="F1",
    ),
    ActionSpec(
        "prefs",
        QT_TRANSLATE_NOOP("Actions", "Preferences…"),
        "preferences_dialog",
        S.Preferences,
        QT_TRANSLATE_NOOP("Actions", "Registry address, pace, refresh on start, home place"),
        "preferences-system",
        also="Ctrl+,",
    ),
    ActionSpec(
        "about",
        QT_TRANSLATE_NOOP("Actions", "About"),
        "about_dialog",
        None,
        QT_TRANSLATE_NOOP("Actions", "About Trial Tracker"),
        icon="help-about",
    ),
    ActionSpec(
        "find",
        QT_TRANSLATE_NOOP("Actions", "Find"),
        "filters.focus_search",
        S.Find,
        QT_TRANSLATE_NOOP("Actions", "Search trials"),
    ),
    ActionSpec(
        "all_notes",
        QT_TRANSLATE_NOOP("Actions", "All notes…"),
        "notes.show_all_notes",
        "Ctrl+Shift+N",
        QT_TRANSLATE_NOOP("Actions", "Search the notes of every trial"),
    ),
    ActionSpec("copy_id", QT_TRANSLATE_NOOP("Actions", "Copy NCT ID"), "detail.copy_id"),
    ActionSpec(
        "open_registry", QT_TRANSLATE_NOOP("Actions", "Open on ClinicalTrials.gov"), "detail.open_registry"
    ),
    ActionSpec(
        "history",
        QT_TRANSLATE_NOOP("Actions", "History…"),
        "detail.show_history",
        "Ctrl+Shift+H",
        QT_TRANSLATE_NOOP("Actions", "Every change recorded for the selected trial, with its timeline"),
    ),
    ActionSpec(
        "print_trial",
        QT_TRANSLATE_NOOP("Actions", "Print / Save as PDF…"),
        "print_current_trial",
        S.Print,
        QT_TRANSLATE_NOOP("Actions", "Print the selected trial's page with your notes, or save it as a PDF"),
        "document-print",
    ),
    ActionSpec(
        "import",
        QT_TRANSLATE_NOOP("Actions", "Import…"),
        "files.import_dialog",
        None,
        QT_TRANSLATE_NOOP("Actions", "Add the trials, notes and tags of a bundle, or every NCT ID in a file"),
        "document-open",
    ),
    ActionSpec(
        "export",
        QT_TRANSLATE_NOOP("Actions", "Export…"),
        "files.export_dialog",
        None,
        QT_TRANSLATE_NOOP("Actions", "Save everything you keep as a bundle, a spreadsheet or a report"),
        "document-save-as",
    ),
    ActionSpec(
        "backup",
        QT_TRANSLATE_NOOP("Actions", "Back up now"),
        "files.back_up",
        None,
        QT_TRANSLATE_NOOP("Actions", "Make a consistent copy of your library in its backups folder"),
    ),
    ActionSpec(
        "restore",
        QT_TRANSLATE_NOOP("Actions", "Restore from a backup…"),
        "files.restore_dialog",
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Put an earlier copy of your library back (the current one is kept as a backup)"
        ),
    ),
    ActionSpec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "Quit"),
        "close",
        S.Quit,
        QT_TRANSLATE_NOOP("Actions", "Close Trial Tracker (your notes are saved first)"),
        "application-exit",
        also="Ctrl+Q",
    ),
    ActionSpec(
        "reset_columns",
        QT_TRANSLATE_NOOP("Actions", "Reset columns"),
        "table.reset_columns",
        None,
        QT_TRANSLATE_NOOP("Actions", "Show the table's columns as they were at first"),
    ),
    ActionSpec(
        "toggle_sidebar",
        QT_TRANSLATE_NOOP("Actions", "Sidebar"),
        "show_sidebar",
        "F9",
        QT_TRANSLATE_NOOP("Actions", "Show or hide the lists and tags on the left"),
        checkable=True,
    ),
    ActionSpec(
        "watches",
        QT_TRANSLATE_NOOP("Actions", "Manage saved searches…"),
        "watches.manage",
        None,
        QT_TRANSLATE_NOOP("Actions", "List, run and remove the searches you saved from Discover"),
    ),
    ActionSpec(
        "run_watches",
        QT_TRANSLATE_NOOP("Actions", "Run saved searches now"),
        "watches.run_now",
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Search the registry again for every saved search (a full refresh does it too)"
        ),
    ),
    ActionSpec(
        "show_candidates",
        QT_TRANSLATE_NOOP("Actions", "New candidates"),
        "show_candidates",
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "The trials your saved searches found that you have not tracked or dismissed"
        ),
    ),
    ActionSpec(
        "show_data_folder",
        QT_TRANSLATE_NOOP("Actions", "Where my data lives…"),
        "show_data_folder",
        None,
        QT_TRANSLATE_NOOP("Actions", "The folder that holds your library, its backups and logs"),
    ),
    ActionSpec(
        "team_library",
        QT_TRANSLATE_NOOP("Actions", "Team library…"),
        "team_library_dialog",
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Open a library your team shares on a PostgreSQL server, or go back to this computer's"
        ),
    ),
)

#: Actions that add trials or act on the selected ones, handled by :class:`TrialActions`.
TRIAL_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "add",
        QT_TRANSLATE_NOOP("Actions", "Add trials…"),
        "add_trials_dialog",
        S.New,
        QT_TRANSLATE_NOOP("Actions", "Track trials by NCT ID"),
        "list-add",
        also="Ctrl+N",
    ),
    ActionSpec(
        "discover",
        QT_TRANSLATE_NOOP("Actions", "Discover…"),
        "discover_dialog",
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP("Actions", "Search the registry for MS stem-cell trials"),
        "system-search",
    ),
    ActionSpec(
        "remove",
        QT_TRANSLATE_NOOP("Actions", "Remove"),
        "remove_selected",
        S.Delete,
        QT_TRANSLATE_NOOP("Actions", "Stop tracking the selected trials (notes are kept)"),
        "list-remove",
        table_only=True,
    ),
    ActionSpec(
        "star",
        QT_TRANSLATE_NOOP("Actions", "Star"),
        "toggle_star",
        "Ctrl+D",  # "bookmark", as in web browsers
        QT_TRANSLATE_NOOP("Actions", "Star or unstar the selected trials"),
        table_only=True,
        icon="starred",
    ),
    ActionSpec(
        "tag",
        QT_TRANSLATE_NOOP("Actions", "Tag…"),
        "tag_dialog",
        "Ctrl+Shift+T",
        QT_TRANSLATE_NOOP("Actions", "Edit the tags of the selected trials"),
        table_only=True,
        icon="tag",
    ),
    ActionSpec(
        "review",
        QT_TRANSLATE_NOOP("Actions", "Mark reviewed"),
        "mark_selected_reviewed",
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("Actions", "You have seen the changes of the selected trials"),
        table_only=True,
        icon="object-select",
    ),
    ActionSpec("review_all", QT_TRANSLATE_NOOP("Actions", "Mark all reviewed"), "mark_all_reviewed"),
    ActionSpec(
        "undo",
        QT_TRANSLATE_NOOP("Actions", "Undo"),
        "undo",
        S.Undo,
        QT_TRANSLATE_NOOP("Actions", "Take back the last remove, star, tag or review"),
    ),
    ActionSpec(
        "redo",
        QT_TRANSLATE_NOOP("Actions", "Redo"),
        "redo",
        S.Redo,
        QT_TRANSLATE_NOOP("Actions", "Do again what Undo took back"),
    ),
)


#: The toolbar and the table's row menu, by action name (None: a separator).
TOOLBAR = (
    "refresh",
    "cancel",
    None,
    "add",
    "discover",
    "remove",
    None,
    "star",
    "tag",
    "review",
    None,
    "topics",
    "prefs",
    "about",
)
ROW_MENU = (
    "star",
    "tag",
    "review",
    "history",
    None,
    "remove",
    None,
    "copy_id",
    "open_registry",
    "print_trial",
)
#: The menu bar: (title with its mnemonic, action names; None: a separator).
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("Menus", "&File"),
        ("team_library", None, "import", "export", None, "backup", "restore", None, "print_trial", None,
         "quit"),
    ),
    (QT_TRANSLATE_NOOP("Menus", "&Edit"), ("undo", "redo", None, "find", "all_notes", None, "prefs")),
    (QT_TRANSLATE_NOOP("Menus", "&View"), ("toggle_sidebar", "reset_columns")),
    (
        QT_TRANSLATE_NOOP("Menus", "&Trial"),
        (
            "refresh",
            "cancel",
            None,
            "add",
            "discover",
            None,
            "star",
            "tag",
            "review",
            "review_all",
            "history",
            None,
            "remove",
            None,
            "copy_id",
            "open_registry",
        ),
    ),
    (QT_TRANSLATE_NOOP("Menus", "&Watches"), ("discover", None, "watches", "run_watches", "show_candidates")),
    (QT_TRANSLATE_NOOP("Menus", "&Help"), ("topics", "show_data_folder", None, "about")),
)
