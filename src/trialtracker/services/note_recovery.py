"""Saving an edited note so that its text survives any failure, and getting kept text back.

A personal note is the one thing a user cannot get again. Every editor (the
window's notes panel, ``trialtracker note --edit``) saves through :func:`save_edit`:

- the write is keyed by NCT ID *and* note id and checked in the same transaction,
  so a save can never land in another trial's note;
- if the stored note was changed elsewhere since the editor loaded it (another
  window, the command line, an import, another team member), the text is saved as a
  conflict copy beside it (a new note that says whose copy it is) instead
  of overwriting that change;
- if the database cannot take it (disk full, locked, damaged), the text is kept
  in a small file in ``unsaved-notes/`` beside the database, written atomically.
  The next start of the window offers it back; ``trialtracker recover`` restores it.

The kept file is Markdown after one comment line, so a person can simply open it.
Nothing here logs note text: only the error kind and the ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from trialtracker.domain.errors import TrialTrackerError
from trialtracker.domain.nctid import normalize_ids
from trialtracker.paths import DataPaths
from trialtracker.services.deferred import deferred
from trialtracker.services.files import write_atomically
from trialtracker.services.library import Library
from trialtracker.services.views import NoteView

if TYPE_CHECKING:
    from trialtracker.store import trials as tstore
else:
    tstore = deferred("trialtracker.store.trials")

log = logging.getLogger(__name__)

_HEAD = "<!-- trialtracker unsaved note "
_TAIL = " -->\n"


def new_token() -> str:
    import uuid  # here, not at the top: with the platform module it loads, ~5 ms of every start

    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class NoteEdit:
    """The text of one editing session, and what it was edited from.

    ``note_id`` is None for a note not saved yet; ``base`` is the stored text the
    edit started from (None for a new note) and ``version`` its version (None: not known, as in
    files kept before versions, when ``base`` decides). ``token`` names its recovery file.
    """

    nct_id: str
    note_id: int | None
    body: str
    base: str | None = None
    token: str = field(default_factory=new_token)
    version: int | None = None


@dataclass(frozen=True)
class SaveOutcome:
    """What happened to one save. ``note`` is None when nothing was written."""

    edit: NoteEdit
    note: NoteView | None = None
    #: The stored note had changed elsewhere: the text went to a new note, and the other change stays.
    conflict: bool = False
    error: str | None = None
    #: Where the text waits when it could not be saved (None if even that file could not be written).
    kept: Path | None = None

    @property
    def saved(self) -> bool:
        return self.note is not None


@dataclass(frozen=True)
class KeptNote:
    """A note text kept in a recovery file."""

    path: Path
    edit: NoteEdit
    kept_at: dt.datetime


# --- the save --------------------------------------------------------------------------


def write_edit(lib: Library, edit: NoteEdit) -> tuple[NoteView, bool]:
    """Write ``edit`` in one transaction; returns the stored note and whether it became a new note
    because the one it was edited from had changed or gone meanwhile."""
    nct = normalize_ids([edit.nct_id])[0]
    with lib.transaction(immediate=True) as s:  # on a server: one writer at a time, so the check holds
        current = tstore.note_for(s, edit.note_id, nct) if edit.note_id is not None else None
        if current is not None and _unchanged(current.version, current.body, edit):
            return NoteView.of(tstore.save_note(s, current.id, edit.body, nct_id=nct)), False
        # A conflict copy: the team reads it when it read the note it comes from.
        shared = current is not None and current.shared
        copy = tstore.add_note(s, nct, edit.body, shared=shared, conflict_of=edit.note_id)
        return NoteView.of(copy), edit.note_id is not None


def _unchanged(version: int, body: str, edit: NoteEdit) -> bool:
    """Whether ``edit`` may be saved over the stored note: it is still what the edit started from, or
    already holds the edit's text."""
    if body == edit.body:
        return True
    # Both must hold: the version catches a change and back; the text catches a writer that does not
    # count versions (a file kept before them, someone's own SQL).
    return body == edit.base and edit.version in (None, version)


def save_edit(lib: Library, edit: NoteEdit) -> SaveOutcome:
    """Save ``edit``; on failure keep its text in a recovery file. Never raises for a database
    or disk failure: the outcome says what happened (safe to call from a worker thread)."""
    try:
        note, conflict = write_edit(lib, edit)
    except (TrialTrackerError, OSError) as exc:
        log.warning("note for %s (id %s) not saved: %s", edit.nct_id, edit.note_id, type(exc).__name__)
        return SaveOutcome(edit, error=_reason(exc), kept=keep(lib.paths, edit))
    if conflict:
        log.info("note %s of %s changed elsewhere; new note %s", edit.note_id, edit.nct_id, note.id)
    discard(lib.paths, edit.token)
    return SaveOutcome(replace(edit, note_id=note.id, base=edit.body), note=note, conflict=conflict)


def _reason(exc: BaseException) -> str:
    """The cause in a few words ("the disk is full"): the editor adds what happened to the text."""
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc).split(";", 1)[0].strip() or type(exc).__name__


# --- recovery files ------------------------------------------------------------------------


_TOKEN = re.compile(r"[0-9a-f]{12}")


def _fallback_dir(paths: DataPaths) -> Path:
    """Where text goes when the data folder cannot take even a small file (its disk is full): a folder
    of this user's in the shared temporary folder, used only while it is private (see :func:`_private`)."""
    owner = os.getuid() if hasattr(os, "getuid") else 0
    digest = hashlib.sha256(f"{owner}:{paths.data_dir}".encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"trialtracker-unsaved-notes-{digest}"


def _private(folder: Path, *, create: bool) -> bool:
    """True if ``folder`` is a real folder only this user can enter (made so when ``create``). Another
    user could have made the predictable temporary name first: then it is neither read nor written."""
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        st = folder.lstat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: the per-user temporary folder is private already
        return stat.S_ISDIR(st.st_mode)
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077


def _folders(paths: DataPaths) -> list[Path]:
    """The recovery folders in use: the data folder's, and the temporary one while it is private."""
    fallback = _fallback_dir(paths)
    return [paths.unsaved_notes_dir, *([fallback] if _private(fallback, create=False) else [])]


def _encode(edit: NoteEdit, kept_at: dt.datetime) -> bytes:
    meta = {
        "nct_id": edit.nct_id,
        "note_id": edit.note_id,
        "base": edit.base,
        "token": edit.token,
        "version": edit.version,
        "kept_at": kept_at.isoformat(),
    }
    head = json.dumps(meta, ensure_ascii=True).replace("--", "\\u002d\\u002d")
    return (_HEAD + head + _TAIL + edit.body).encode("utf-8")


def _decode(path: Path, data: bytes) -> KeptNote:
    text = data.decode("utf-8")
    if not text.startswith(_HEAD) or _TAIL not in text:
        raise ValueError("no header")
    head, body = text[len(_HEAD) :].split(_TAIL, 1)
    meta = json.loads(head)
    note_id = meta.get("note_id")
    base = meta.get("base")
    version = meta.get("version")  # absent in files kept before note versions
    edit = NoteEdit(
        nct_id=normalize_ids([str(meta["nct_id"])])[0],
        note_id=int(note_id) if note_id is not None else None,
        body=body,
        base=str(base) if base is not None else None,
        token=str(meta["token"]),
        version=int(version) if version is not None else None,
    )
    if not _TOKEN.fullmatch(edit.token):
        raise ValueError("not one of our tokens")
    kept_at = dt.datetime.fromisoformat(str(meta["kept_at"]))
    return KeptNote(path, edit, kept_at)


def keep(paths: DataPaths, edit: NoteEdit) -> Path | None:
    """Write ``edit`` to its recovery file (the data folder, else a temporary folder); None if
    neither could be written. One file per token: a later failure of the same edit replaces it."""
    data = _encode(edit, dt.datetime.now(dt.UTC))
    name = f"{edit.nct_id}-{edit.token}.md"
    for folder, private in ((paths.unsaved_notes_dir, False), (_fallback_dir(paths), True)):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if private and not _private(folder, create=True):
                raise PermissionError(f"{folder} is not private to this user")
            return write_atomically(folder / name, data)
        except (TrialTrackerError, OSError) as exc:
            log.warning("cannot keep unsaved note text in %s: %s", folder, type(exc).__name__)
    return None


def discard(paths: DataPaths, token: str) -> None:
    """Remove the recovery file of ``token`` (its text is now stored)."""
    if not _TOKEN.fullmatch(token):  # only our own tokens: never a pattern
        return
    for folder in _folders(paths):
        for path in folder.glob(f"*-{token}.md") if folder.is_dir() else ():
            try:
                path.unlink()
            except OSError as exc:
                log.warning("cannot remove %s: %s", path, type(exc).__name__)


def kept_notes(paths: DataPaths) -> list[KeptNote]:
    """Every kept note text, oldest first. Files that are not ours are left alone."""
    found: list[KeptNote] = []
    for folder in _folders(paths):
        for path in sorted(folder.glob("NCT*.md")) if folder.is_dir() else ():
            try:
                found.append(_decode(path, path.read_bytes()))
            except (OSError, ValueError, KeyError, TypeError, TrialTrackerError):
                log.info("skipped %s: not a kept note", path.name)
    return sorted(found, key=lambda k: k.kept_at)


def restore(lib: Library, kept: KeptNote) -> SaveOutcome:
    """Store a kept text (as :func:`save_edit` would) and remove its file once stored."""
    outcome = save_edit(lib, kept.edit)
    if outcome.saved:
        kept.path.unlink(missing_ok=True)
    return outcome
