"""Nothing lost between members (issue 17, item 6): a note carries a version; two people saving the same
shared note from the same version keep both texts — the later save becomes a conflict copy beside it,
shared as the note was and marked as a copy in both faces — never a silent overwrite."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import CliResult, TwoMembers, open_either_library, show_trial
from tests.pg_server import PgServer
from trialtracker.services import note_recovery, notes
from trialtracker.services.library import Library
from trialtracker.services.note_recovery import NoteEdit
from trialtracker.ui.notes_panel import NotesPanel

NCT = "NCT00273364"


@pytest.fixture
def alice_and_bob(pg_server: PgServer, tmp_path: Path) -> tuple[Library, Library, TwoMembers]:
    two = TwoMembers(pg_server)
    libs = (open_either_library(tmp_path / "a", two.alice_url), open_either_library(tmp_path / "b", two.bob_url))
    yield (*libs, two)
    for lib in libs:
        lib.close()


def _edit_of(note: notes.NoteView, body: str) -> NoteEdit:
    return NoteEdit(note.nct_id, note.id, body, base=note.body, version=note.version)


def test_two_members_saving_one_shared_note_keep_both_texts(alice_and_bob: tuple[Library, Library, TwoMembers]) -> None:
    alice, bob, _two = alice_and_bob
    first = notes.add_note(alice, NCT, "Ask about travel costs.", shared=True)
    (seen_by_bob,) = notes.notes(bob, NCT)
    assert seen_by_bob.version == first.version == 1

    mine = note_recovery.save_edit(alice, _edit_of(first, "Ask about travel costs. Site pays buses."))
    theirs = note_recovery.save_edit(bob, _edit_of(seen_by_bob, "Ask about travel costs and hotels."))

    assert mine.saved and not mine.conflict and mine.note is not None and mine.note.version == 2
    assert theirs.saved and theirs.conflict and theirs.note is not None
    copy = theirs.note
    assert copy.id != first.id and copy.conflict_of == first.id and copy.shared and copy.author == bob.me
    both = {n.id: n for n in notes.notes(alice, NCT)}
    assert both[first.id].body == "Ask about travel costs. Site pays buses." and both[first.id].version == 2
    assert both[copy.id].body == "Ask about travel costs and hotels."

    again = note_recovery.save_edit(alice, _edit_of(both[first.id], "Buses and hotels are paid."))
    assert again.saved and not again.conflict and again.note is not None and again.note.version == 3


def test_a_private_notes_conflict_copy_stays_private(alice_and_bob: tuple[Library, Library, TwoMembers]) -> None:
    alice, bob, _two = alice_and_bob
    note = notes.add_note(alice, NCT, "My worry.")
    from_window = _edit_of(note, "My worry, from the window.")
    assert note_recovery.save_edit(alice, _edit_of(note, "My worry, from the command line.")).saved
    outcome = note_recovery.save_edit(alice, from_window)
    assert outcome.conflict and outcome.note is not None and not outcome.note.shared
    assert notes.notes(bob, NCT) == []


def test_the_same_text_back_is_still_a_change_after_a_version_moved(library: Library) -> None:
    """Another save changed the text and back: the version says it moved on, though the text looks the same."""
    note = notes.add_note(library, NCT, "A")
    stale = _edit_of(note, "C")
    notes.save_note(library, NCT, note.id, "B")
    notes.save_note(library, NCT, note.id, "A")
    outcome = note_recovery.save_edit(library, stale)
    assert outcome.conflict and outcome.note is not None and outcome.note.conflict_of == note.id
    assert [(n.body, n.version) for n in notes.notes(library, NCT)] == [("A", 3), ("C", 1)]


def test_a_kept_edit_remembers_its_version_and_older_files_still_restore(library: Library) -> None:
    note = notes.add_note(library, NCT, "stored")
    kept = note_recovery.keep(library.paths, _edit_of(note, "kept text"))
    assert kept is not None
    (found,) = note_recovery.kept_notes(library.paths)
    assert found.edit.version == 1 and found.edit.body == "kept text"
    old_style = kept.read_text(encoding="utf-8").replace(', "version": 1', "")
    kept.write_text(old_style, encoding="utf-8")  # a file kept before notes had versions: the text decides
    (found,) = note_recovery.kept_notes(library.paths)
    assert found.edit.version is None
    assert note_recovery.restore(library, found).saved
    assert [n.body for n in notes.notes(library, NCT)] == ["kept text"]


def test_both_faces_show_a_conflict_copy_as_one(
    qtbot: QtBot, alice_and_bob: tuple[Library, Library, TwoMembers], cli: Callable[..., CliResult]
) -> None:
    alice, bob, two = alice_and_bob
    first = notes.add_note(alice, NCT, "Plan: call the site.", shared=True)
    panel = NotesPanel(bob)
    qtbot.addWidget(panel)
    panel.show()
    show_trial(qtbot, panel, NCT)
    assert note_recovery.save_edit(alice, _edit_of(first, "Plan: call the site on Monday.")).saved
    panel.editor.setPlainText("Plan: call the site and ask about travel.")  # Bob, from the old version
    qtbot.waitUntil(lambda: panel.session is not None and panel.session.conflict and not panel.loading,
                    timeout=10_000)  # fmt: skip
    assert "conflict copy" in panel.state.text()
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert sum("conflict copy" in t for t in texts) == 1 and len(texts) == 2

    listed = cli("--database-url", two.alice_url, "notes", NCT)
    assert listed.code == 0 and f"conflict copy of note {first.id}" in listed.out
    shown = json.loads(cli("--database-url", two.alice_url, "notes", NCT, "--json").out)
    assert [n.get("conflict_of") for n in shown] == [None, first.id]
