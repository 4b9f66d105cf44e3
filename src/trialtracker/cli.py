"""The ``trialtracker`` command line.

Every command honours ``--data-dir``. Exit codes: 0 success, 2 bad input
(invalid ID, unknown trial, broken file, unusable database), 1 an operational
failure (registry unreachable, a trial failed to refresh). Errors are one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from trialtracker import APP_NAME, __version__
from trialtracker.paths import DataPaths

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure to report in one line with an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class Context:
    """What a command needs: the data paths, and the store opened on first use."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self.paths = DataPaths.resolve(args.data_dir)
        self._store: Any = None

    @property
    def store(self) -> Any:
        if self._store is None:
            from trialtracker.catalog import open_seeded_store

            self._store = open_seeded_store(self.paths)
        return self._store

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


Handler = Callable[[Context], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        COMMANDS[name] = func
        return func

    return register


# --- commands ------------------------------------------------------------------


@command("list")
def cmd_list(ctx: Context) -> int:
    from trialtracker.store.trials import list_trials, note_counts, trial_summary

    with ctx.store.session() as s:
        trials = list_trials(s, changed_only=ctx.args.changed)
        counts = note_counts(s)
        rows = [trial_summary(t, counts.get(t.nct_id, 0)) for t in trials]
    if ctx.args.json:
        ctx.print_json(rows)
        return EXIT_OK
    if not rows:
        ctx.print("No trials with unreviewed changes." if ctx.args.changed else "No trials tracked.")
        return EXIT_OK
    for r in rows:
        flags = ("★" if r["starred"] else " ") + ("✎" if r["note_count"] else " ")
        status = r["overall_status"] or "not refreshed"
        name = f"{r['acronym']}: {r['title']}" if r["acronym"] else r["title"]
        tags = f"  [{', '.join(r['tags'])}]" if r["tags"] else ""
        ctx.print(f"{r['nct_id']} {flags} {status:<24} {name[:80]}{tags}")
    ctx.print(f"{len(rows)} trial{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


@command("show")
def cmd_show(ctx: Context) -> int:
    from trialtracker.store.trials import notes, require_trial, trial_details

    with ctx.store.session() as s:
        trial = require_trial(s, ctx.args.nct)
        data = trial_details(trial, notes(s, trial.nct_id))
    if ctx.args.json:
        ctx.print_json(data)
        return EXIT_OK
    from trialtracker.render import trial_as_text

    ctx.print(trial_as_text(data))
    return EXIT_OK


@command("add")
def cmd_add(ctx: Context) -> int:
    from trialtracker import nctid
    from trialtracker.bundle import read_import_file
    from trialtracker.store.trials import add_trials, normalize_ids

    ids = list(ctx.args.ids)
    if ctx.args.from_file:
        _bundle, found = read_import_file(Path(ctx.args.from_file))
        ids += found if _bundle is None else [t["nct_id"] for t in _bundle["trials"]]
    if not ids:
        raise CliError("nothing to add: give NCT IDs or --from-file FILE")
    normalize_ids(ids)  # validate before opening (and maybe creating) the store
    with ctx.store.session() as s:
        result = add_trials(s, ids)
    if result.added:
        ctx.print(f"Added {len(result.added)}: {', '.join(result.added)}")
    if result.already:
        ctx.print(f"Already tracked: {', '.join(result.already)}")
    del nctid
    return EXIT_OK


@command("remove")
def cmd_remove(ctx: Context) -> int:
    from trialtracker.store.trials import normalize_ids, remove_trials

    normalize_ids(ctx.args.ids)
    with ctx.store.session() as s:
        removed = remove_trials(s, ctx.args.ids)
    ctx.print(f"Removed {', '.join(removed)} (personal notes are kept)")
    return EXIT_OK


@command("star")
def cmd_star(ctx: Context) -> int:
    from trialtracker.store.trials import set_starred

    with ctx.store.session() as s:
        trial = set_starred(s, ctx.args.nct, not ctx.args.off)
        ctx.print(f"{trial.nct_id} {'starred' if trial.starred else 'unstarred'}")
    return EXIT_OK


@command("tag")
def cmd_tag(ctx: Context) -> int:
    from trialtracker.store.trials import add_tags, remove_tags

    with ctx.store.session() as s:
        func = remove_tags if ctx.args.remove else add_tags
        trial = func(s, ctx.args.nct, ctx.args.tags)
        ctx.print(f"{trial.nct_id} tags: {', '.join(t.name for t in trial.tags) or '(none)'}")
    return EXIT_OK


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
    from trialtracker.store.trials import add_note, normalize_ids, notes, require_trial, save_note

    nct = normalize_ids([ctx.args.nct])[0]
    with ctx.store.session() as s:
        require_trial(s, nct)
        existing = notes(s, nct)
    if ctx.args.add is not None:
        body = ctx.args.add
        if not body.strip():
            raise CliError("empty note: nothing saved")
        with ctx.store.session() as s:
            add_note(s, nct, body)
        ctx.print(f"Note added to {nct}")
        return EXIT_OK
    last = existing[-1] if existing else None
    body = _edit_text(last.body if last else "")
    if not body.strip() and last is None:
        ctx.print("Empty note: nothing saved")
        return EXIT_OK
    with ctx.store.session() as s:
        if last is None:
            add_note(s, nct, body)
        else:
            save_note(s, last.id, body)
    ctx.print(f"Note saved for {nct}")
    return EXIT_OK


@command("notes")
def cmd_notes(ctx: Context) -> int:
    from trialtracker.store.trials import normalize_ids, note_row, notes

    nct = normalize_ids([ctx.args.nct])[0] if ctx.args.nct else None
    with ctx.store.session() as s:
        rows = [note_row(n) for n in notes(s, nct, query=ctx.args.search)]
    if ctx.args.json:
        ctx.print_json(rows)
        return EXIT_OK
    if not rows:
        ctx.print("No notes.")
    for r in rows:
        ctx.print(
            f"--- {r['nct_id']} · note {r['id']} · updated {r['updated_at'][:16].replace('T', ' ')} UTC"
        )
        ctx.print(r["body"].rstrip())
        ctx.print()
    return EXIT_OK


@command("export")
def cmd_export(ctx: Context) -> int:
    from trialtracker.bundle import EXPORTERS

    with ctx.store.session() as s:
        text = EXPORTERS[ctx.args.format](s)
    if ctx.args.output in (None, "-"):
        ctx.out.write(text)
        return EXIT_OK
    target = Path(ctx.args.output)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {target}: {exc.strerror}", EXIT_FAIL) from exc
    print(f"Exported to {target}", file=sys.stderr)
    return EXIT_OK


@command("import")
def cmd_import(ctx: Context) -> int:
    from trialtracker.bundle import import_file, read_import_file

    path = Path(ctx.args.file)
    read_import_file(path)  # reject a broken file before opening the store
    with ctx.store.session() as s:
        result = import_file(s, path)
    parts = [f"{len(result.added)} trial(s) added", f"{len(result.already)} already tracked"]
    if result.kind == "bundle":
        parts.append(f"{result.notes_added} note(s) added")
    ctx.print(f"Imported {path.name}: " + ", ".join(parts))
    return EXIT_OK


@command("gui")
def cmd_gui(ctx: Context) -> int:
    try:
        from trialtracker.ui.app import run_gui
    except ImportError as exc:
        raise CliError(f"the desktop window is not available: {exc}", EXIT_FAIL) from exc
    return run_gui(ctx.paths, ctx.args)


# --- parser ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the database lives (default: $TRIALTRACKER_DATA_DIR or the user data dir)",
    )
    common.add_argument(
        "--api-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="ClinicalTrials.gov API v2 base URL (default: $TRIALTRACKER_API_URL or the public API)",
    )
    parser = argparse.ArgumentParser(
        prog="trialtracker",
        description=f"{APP_NAME}: follow stem-cell therapy trials for multiple sclerosis.",
        parents=[common],
        epilog="Run without a command to open the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"trialtracker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = add("list", "list tracked trials")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--changed", action="store_true", help="only trials with unreviewed changes")

    p = add("show", "show everything stored about one trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("--json", action="store_true")

    p = add("add", "track trials by NCT ID")
    p.add_argument("ids", metavar="NCT", nargs="*")
    p.add_argument("--from-file", metavar="FILE", help="add every NCT ID found in a text, CSV or JSON file")

    p = add("remove", "stop tracking trials (personal notes are kept)")
    p.add_argument("ids", metavar="NCT", nargs="+")

    p = add("star", "star a trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("--off", action="store_true", help="remove the star")

    p = add("tag", "tag a trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("tags", metavar="TAG", nargs="+")
    p.add_argument("--remove", action="store_true", help="remove these tags instead")

    p = add("note", "add or edit a personal note (Markdown)")
    p.add_argument("nct", metavar="NCT")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--add", metavar="TEXT", help="append a new note")
    group.add_argument("--edit", action="store_true", help="edit the latest note in $EDITOR")

    p = add("notes", "print personal notes")
    p.add_argument("nct", metavar="NCT", nargs="?")
    p.add_argument("--search", metavar="TEXT", help="only notes containing TEXT")
    p.add_argument("--json", action="store_true")

    p = add("export", "export trials and notes")
    p.add_argument("--format", choices=["json", "csv", "md"], default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = add("import", "import a Trial Tracker JSON bundle or any file holding NCT IDs")
    p.add_argument("file", metavar="FILE")

    p = add("gui", "open the desktop window")
    p.add_argument("--screenshot", metavar="PATH", help="save a PNG of the window and exit")
    return parser


def _usage_error(exc: Exception) -> CliError:
    return CliError(str(exc), EXIT_USAGE)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("data_dir", "api_url"):
        if not hasattr(args, name):
            setattr(args, name, None)
    if args.command is None:
        args.command = "gui"
        args.screenshot = None
    ctx = Context(args, out or sys.stdout)
    try:
        return COMMANDS[args.command](ctx)
    except CliError as exc:
        print(f"trialtracker: error: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:
        code, message = classify_error(exc)
        print(f"trialtracker: error: {message}", file=sys.stderr)
        return code
    finally:
        ctx.close()


def classify_error(exc: BaseException) -> tuple[int, str]:
    """Map an exception to (exit code, one-line message)."""
    from trialtracker.store.db import StoreError

    if isinstance(exc, StoreError):
        return EXIT_USAGE, str(exc)
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_FAIL, "interrupted"
    if isinstance(exc, OSError):
        return EXIT_FAIL, f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc)
    return EXIT_FAIL, f"unexpected error: {type(exc).__name__}: {exc}"


def gui_main() -> int:
    """Entry point of the ``trialtracker-gui`` script."""
    return main(["gui", *sys.argv[1:]])
