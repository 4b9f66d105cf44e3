"""Personal notes: kept by NCT ID, so they outlive the removal of their trial."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.nctid import normalize_ids
from trialtracker.services.deferred import deferred
from trialtracker.services.library import Library
from trialtracker.services.views import NoteView

if TYPE_CHECKING:
    from trialtracker.store import members as mstore
    from trialtracker.store import trials as tstore
else:
    tstore = deferred("trialtracker.store.trials")
    mstore = deferred("trialtracker.store.members")


def notes(lib: Library, nct_id: str | None = None, *, query: str | None = None) -> list[NoteView]:
    """Notes of one trial (or of every trial), oldest first; ``query`` keeps those containing it."""
    nct = normalize_ids([nct_id])[0] if nct_id else None
    with lib.transaction() as s:
        names = mstore.display_names(s) if lib.on_server else {}
        return [NoteView.of(n, names) for n in tstore.notes(s, nct, query=query)]


SHARING_NEEDS_A_TEAM = "sharing a note needs a team library: in your own library every note is yours alone"


def add_note(lib: Library, nct_id: str, body: str, *, shared: bool = False) -> NoteView:
    """Append a note: private to its writer unless ``shared`` (a team library only). The trial must be
    tracked when a face adds one; bundles may bring orphans."""
    if shared and not lib.on_server:
        raise InvalidInput(SHARING_NEEDS_A_TEAM)
    with lib.transaction() as s:
        return NoteView.of(tstore.add_note(s, nct_id, body, shared=shared))


def share_note(lib: Library, note_id: int, shared: bool) -> NoteView:
    """Share one of your notes with the team, or make it private again. The server refuses anyone but
    its author making a shared note private, and nobody can reach a note they cannot read."""
    if not lib.on_server:
        raise InvalidInput(SHARING_NEEDS_A_TEAM)
    with lib.transaction() as s:
        return NoteView.of(tstore.share_note(s, note_id, shared))


def save_note(lib: Library, nct_id: str, note_id: int, body: str) -> NoteView:
    """Replace a note's text; the note must belong to ``nct_id`` (checked in the same transaction)."""
    nct = normalize_ids([nct_id])[0]
    with lib.transaction() as s:
        return NoteView.of(tstore.save_note(s, note_id, body, nct_id=nct))


def delete_note(lib: Library, note_id: int) -> None:
    with lib.transaction() as s:
        tstore.delete_note(s, note_id)


def put_back(lib: Library, note: NoteView) -> NoteView:
    """A deleted note back (an undo): same trial, text and times; a new ID."""
    with lib.transaction() as s:
        return NoteView.of(tstore.add_note(s, note.nct_id, note.body, created_at=note.created_at,
                                           updated_at=note.updated_at, shared=note.shared))  # fmt: skip


def require_tracked(lib: Library, value: str) -> str:
    """The normalised NCT ID of a tracked trial, else ``NotTracked``."""
    with lib.transaction() as s:
        return tstore.require_trial(s, value).nct_id
