"""Recovery files of notes that could not be saved: only our own files, only private folders."""

from __future__ import annotations

import os
from pathlib import Path

from trialtracker.paths import DataPaths
from trialtracker.services import note_recovery
from trialtracker.services.note_recovery import NoteEdit


def test_a_temporary_folder_that_is_not_private_is_neither_read_nor_written(tmp_path: Path) -> None:
    """The fallback folder has a predictable name in the shared temporary folder: one made open by
    someone else first is passed over, so nobody can read the text there or plant notes in it."""
    paths = DataPaths(tmp_path / "data")
    fallback = note_recovery._fallback_dir(paths)
    fallback.mkdir(mode=0o777, parents=True, exist_ok=True)
    os.chmod(fallback, 0o777)
    try:
        planted = NoteEdit("NCT00273364", None, "planted by someone else")
        (fallback / f"NCT00273364-{planted.token}.md").write_bytes(note_recovery._encode(planted, _now()))
        assert note_recovery.kept_notes(paths) == []
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "unsaved-notes").write_text("a file where the folder should be")
        assert note_recovery.keep(paths, NoteEdit("NCT00273364", None, "my words")) is None
        assert [p.name for p in fallback.iterdir()] == [f"NCT00273364-{planted.token}.md"]
    finally:
        for p in fallback.iterdir():
            p.unlink()
        fallback.rmdir()


def test_only_files_with_our_own_tokens_count_and_discard_takes_no_pattern(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    mine = note_recovery.keep(paths, NoteEdit("NCT00273364", None, "my words"))
    assert mine is not None
    odd = NoteEdit("NCT00288626", None, "a file with a pattern for a token", token="*")
    (mine.parent / "NCT00288626-x.md").write_bytes(note_recovery._encode(odd, _now()))
    assert [k.edit.body for k in note_recovery.kept_notes(paths)] == ["my words"]
    note_recovery.discard(paths, "*")
    assert mine.exists(), "a pattern deletes nothing"


def _now():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.now(dt.UTC)
