"""The note commands: add, edit (in $EDITOR), share, list and recover a person's notes on a trial."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from trialtracker.cli.context import EXIT_FAIL, EXIT_OK, CliError, Context, command
from trialtracker.domain.nctid import normalize_ids
from trialtracker.services.deferred import deferred

if TYPE_CHECKING:
    from trialtracker.cli import render
    from trialtracker.services import note_recovery, notes, views
else:  # imported when a note command runs
    note_recovery = deferred("trialtracker.services.note_recovery")
    notes = deferred("trialtracker.services.notes")
    render = deferred("trialtracker.cli.render")
    views = deferred("trialtracker.services.views")


def _edit_text(initial: str) -> str:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CliError("no editor: set $EDITOR (or use --add TEXT)")
    with tempfile.NamedTemporaryFile("w+", suffix=".md", delete=False, encoding="utf-8") as fh:
        fh.write(initial)
        name = fh.name
    try:
        result = subprocess.run([*shlex.split(editor), name], check=False)
        if result.returncode != 0:
            raise CliError(f"editor exited with status {result.returncode}; note not changed", EXIT_FAIL)
        return Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink(missing_ok=True)


@command("note")
def cmd_note(ctx: Context) -> int:
    nct = notes.require_tracked(ctx.lib, normalize_ids([ctx.args.nct])[0])
    if ctx.args.shared and ctx.args.add is None:
        raise CliError("--shared goes with --add (share an existing note with --share NOTE_ID)")
    if ctx.args.add is not None:
        if not ctx.args.add.strip():
            raise CliError("empty note: nothing saved")
        added = notes.add_note(ctx.lib, nct, ctx.args.add, shared=ctx.args.shared)
        ctx.print(f"Note {added.id} added to {nct}" + (", shared with the team" if added.shared else ""))
        return EXIT_OK
    if ctx.args.share is not None or ctx.args.unshare is not None:
        share = ctx.args.share is not None
        note = notes.share_note(ctx.lib, ctx.args.share if share else ctx.args.unshare, share)
        ctx.print(f"Note {note.id} is now " + ("shared with the team" if note.shared else "private"))
        return EXIT_OK
    existing = notes.notes(ctx.lib, nct)
    last = existing[-1] if existing else None
    body = _edit_text(last.body if last else "")
    if (not body.strip() and last is None) or (last is not None and body == last.body):
        ctx.print("Note not changed: nothing saved")
        return EXIT_OK
    edit = note_recovery.NoteEdit(nct, last.id if last else None, body, base=last.body if last else None,
                                  version=last.version if last else None)
    outcome = note_recovery.save_edit(ctx.lib, edit)
    if outcome.error is not None:
        _fail_kept(ctx, outcome)
    ctx.print(
        f"{nct}: the note was changed elsewhere while you edited it, so your text was saved as a new note"
        if outcome.conflict
        else f"Note saved for {nct}"
    )
    return EXIT_OK


def _fail_kept(ctx: Context, outcome: note_recovery.SaveOutcome) -> None:
    """A save failed: say where the text is now (or, if no file could take it, print the text itself)."""
    if outcome.kept is None:  # exact into a pipe or file; inert on a terminal (the text came from a file)
        ctx.write(outcome.edit.body) if ctx.out.isatty() else ctx.out.write(outcome.edit.body)
        message = f"{outcome.error}; no file could take your text either, so it is printed above"
        raise CliError(message, EXIT_FAIL)
    raise CliError(
        f"{outcome.error}; your edited text is kept in {outcome.kept} "
        "(`trialtracker recover --restore` stores it later)",
        EXIT_FAIL,
    )


@command("recover")
def cmd_recover(ctx: Context) -> int:
    kept = note_recovery.kept_notes(ctx.settings.paths)
    if not ctx.args.restore:
        return ctx.print_items(
            kept,
            line=_kept_line,
            empty="No kept note text: every note is saved.",
            as_json=lambda k: {
                "nct_id": k.edit.nct_id,
                "note_id": k.edit.note_id,
                "kept_at": k.kept_at.isoformat(),
                "path": str(k.path),
                "body": k.edit.body,
            },
        )
    if not kept:
        ctx.print("No kept note text: every note is saved.")
        return EXIT_OK
    failed = None
    for k in kept:
        outcome = note_recovery.restore(ctx.lib, k)
        if outcome.error is not None:
            failed = failed or outcome
        elif outcome.conflict:
            ctx.print(f"{k.edit.nct_id}: restored as a new note (the note it came from has changed since)")
        else:
            ctx.print(f"{k.edit.nct_id}: restored")
    if failed is not None:
        _fail_kept(ctx, failed)
    return EXIT_OK


def _kept_line(kept: note_recovery.KeptNote) -> str:
    first = views.note_heading(kept.edit.body)
    return f"{kept.edit.nct_id} · kept {render.when(kept.kept_at)} UTC · {first}\n  {kept.path}"


@command("notes")
def cmd_notes(ctx: Context) -> int:
    found = notes.notes(ctx.lib, ctx.args.nct, query=ctx.args.search)
    if ctx.args.json:
        ctx.print_json([n.as_json() for n in found])
        return EXIT_OK
    if not found:
        ctx.print("No notes.")
    for n in found:
        author = n.by or "someone (written before notes had authors)"
        who = f" · by {author} · {'shared' if n.shared else 'private'}" if ctx.lib.on_server else ""
        copy = f" · conflict copy of note {n.conflict_of}" if n.conflict_of is not None else ""
        ctx.print(f"--- {n.nct_id} · note {n.id}{who}{copy} · updated {render.when(n.updated_at)} UTC")
        ctx.print(n.body.rstrip())
        ctx.print()
    return EXIT_OK
