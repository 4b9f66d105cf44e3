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
    from trialtracker.bundle import read_import_file
    from trialtracker.store.trials import add_trials, normalize_ids

    ids = list(ctx.args.ids)
    if ctx.args.from_file:
        bundle, found = read_import_file(Path(ctx.args.from_file))
        ids += found if bundle is None else [t["nct_id"] for t in bundle["trials"]]
    if not ids:
        raise CliError("nothing to add: give NCT IDs or --from-file FILE")
    normalize_ids(ids)  # validate before opening (and maybe creating) the store
    with ctx.store.session() as s:
        result = add_trials(s, ids)
    if result.added:
        ctx.print(f"Added {len(result.added)}: {', '.join(result.added)}")
    if result.already:
        ctx.print(f"Already tracked: {', '.join(result.already)}")
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


@command("backup")
def cmd_backup(ctx: Context) -> int:
    from trialtracker.store.backups import backup_file, list_backups

    if ctx.args.list:
        backups = list_backups(ctx.paths.db_path)
        for path in backups:
            ctx.print(f"{path}  ({path.stat().st_size // 1024} KiB)")
        if not backups:
            ctx.print("No backups yet.")
        return EXIT_OK
    ctx.store  # noqa: B018 - open (and migrate) first, so the backup is of a valid store
    ctx.print(f"Backup written: {backup_file(ctx.paths.db_path, 'manual')}")
    return EXIT_OK


@command("restore")
def cmd_restore(ctx: Context) -> int:
    from trialtracker.store.backups import restore_backup

    safety = restore_backup(ctx.paths.db_path, Path(ctx.args.file))
    ctx.store  # noqa: B018 - migrate the restored file if it is from an older schema
    if safety is not None:
        ctx.print(f"The previous database was saved to {safety}")
    ctx.print(f"Restored {ctx.args.file}")
    return EXIT_OK


@command("gui")
def cmd_gui(ctx: Context) -> int:
    try:
        from trialtracker.ui.app import run_gui
    except ImportError as exc:
        raise CliError(f"the desktop window is not available: {exc}", EXIT_FAIL) from exc
    return int(run_gui(ctx.paths, ctx.args))


# --- registry ------------------------------------------------------------------------


def _client(ctx: Context) -> Any:
    from trialtracker.ctgov.client import CtGovClient

    pace = os.environ.get("TRIALTRACKER_PACE")
    try:
        return CtGovClient(ctx.args.api_url, pace=float(pace) if pace else 1.0)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


@command("refresh")
def cmd_refresh(ctx: Context) -> int:
    from trialtracker.discovery import run_watches
    from trialtracker.refresh import Progress, refresh
    from trialtracker.store.trials import normalize_ids

    ids = normalize_ids(ctx.args.ids) if ctx.args.ids else None
    verbose = sys.stderr.isatty()

    def progress(p: Progress) -> None:
        if verbose:
            print(f"\r{p.message}", end="", file=sys.stderr, flush=True)

    with _client(ctx) as client:
        summary = refresh(ctx.store, client, ids, force=ctx.args.force, progress=progress)
        if verbose:
            print(file=sys.stderr)
        watch_errors: list[str] = []
        new: list[str] = []
        if summary.ok and not summary.skipped and ids is None:
            outcome = run_watches(ctx.store, client)
            new, watch_errors = outcome.new, outcome.errors
    ctx.print(f"Refresh: {summary.line()}")
    for change in summary.changes:
        from trialtracker.render import field_label

        ctx.print(
            f"  {change.nct_id} {field_label(change.field)}: {change.old or '—'} -> {change.new or '—'}"
        )
    if summary.not_found:
        ctx.print(f"Not found in the registry: {', '.join(summary.not_found)}")
    if new:
        ctx.print(f"New candidates from watches: {', '.join(new)} (see: trialtracker candidates)")
    for error in watch_errors:
        print(f"trialtracker: warning: watch {error}", file=sys.stderr)
    if summary.cancelled:
        print("trialtracker: error: refresh cancelled", file=sys.stderr)
        return EXIT_FAIL
    if summary.failed:
        names = ", ".join(summary.failed[:20]) + (" …" if len(summary.failed) > 20 else "")
        print(f"trialtracker: error: {len(summary.failed)} trial(s) failed to refresh ({names}): "
              f"{summary.error}", file=sys.stderr)  # fmt: skip
        return EXIT_FAIL
    return EXIT_OK


@command("history")
def cmd_history(ctx: Context) -> int:
    from trialtracker.render import field_label
    from trialtracker.store.trials import change_row, require_trial

    with ctx.store.session() as s:
        trial = require_trial(s, ctx.args.nct)
        rows = [change_row(c) for c in trial.changes]
    if ctx.args.json:
        ctx.print_json(rows)
        return EXIT_OK
    if not rows:
        ctx.print(f"No history for {trial.nct_id} yet (run: trialtracker refresh {trial.nct_id})")
    for r in rows:
        mark = " " if r["reviewed"] else "*"
        when = r["detected_at"][:16].replace("T", " ")
        if r["field"] == "first_fetch":
            ctx.print(f"{mark} {when}  first fetched from the registry (status {r['new'] or '—'})")
        else:
            ctx.print(f"{mark} {when}  {field_label(r['field'])}: {r['old'] or '—'} -> {r['new'] or '—'}")
    return EXIT_OK


@command("review")
def cmd_review(ctx: Context) -> int:
    from trialtracker.store.trials import mark_reviewed

    if not ctx.args.all and not ctx.args.nct:
        raise CliError("give an NCT ID or --all")
    with ctx.store.session() as s:
        count = mark_reviewed(s, None if ctx.args.all else ctx.args.nct)
    ctx.print(f"Marked {count} change(s) reviewed")
    return EXIT_OK


@command("discover")
def cmd_discover(ctx: Context) -> int:
    from trialtracker.discovery import discover

    with _client(ctx) as client:
        result = discover(ctx.store, client, ctx.args.cond, ctx.args.intr, ctx.args.status,
                          max_results=ctx.args.limit)  # fmt: skip
    if ctx.args.json:
        ctx.print_json({"total": result.total, "studies": [f.as_json() for f in result.studies]})
        return EXIT_OK
    from trialtracker.render import status_label

    ctx.print(
        f"{result.total if result.total is not None else '?'} studies match; showing {len(result.studies)}"
    )
    for f in result.studies:
        ctx.print(
            f"{f.nct_id} {'✓' if f.tracked else ' '} {status_label(f.overall_status):<24} {f.title[:80]}"
        )
    return EXIT_OK


@command("watch")
def cmd_watch(ctx: Context) -> int:
    from trialtracker.discovery import add_watch, list_watches, remove_watch

    action = ctx.args.action
    with ctx.store.session() as s:
        if action == "add":
            watch = add_watch(s, ctx.args.name, ctx.args.cond, ctx.args.intr, ctx.args.status)
            ctx.print(f"Watch {watch.name!r} saved; it runs on every full refresh")
        elif action == "remove":
            ctx.print(f"Watch {remove_watch(s, ctx.args.name)!r} removed")
        else:
            rows: list[dict[str, Any]] = [
                {"id": w.id, "name": w.name, "cond": w.cond, "intr": w.intr, "statuses": w.statuses,
                 "last_run_at": w.last_run_at.isoformat() if w.last_run_at else None,
                 "last_total": w.last_total, "new_candidates": sum(c.state == "new" for c in w.candidates)}
                for w in list_watches(s)
            ]  # fmt: skip
            if ctx.args.json:
                ctx.print_json(rows)
            elif not rows:
                ctx.print("No watches. Save one with: trialtracker watch add NAME --cond … --intr …")
            for r in rows if not ctx.args.json else []:
                statuses = ",".join(str(x) for x in r["statuses"] or []) or "any"
                ctx.print(
                    f"{r['name']}: cond={r['cond'] or '—'} intr={r['intr'] or '—'} "
                    f"status={statuses} · {r['new_candidates']} new"
                )
    return EXIT_OK


@command("candidates")
def cmd_candidates(ctx: Context) -> int:
    from trialtracker.discovery import dismiss_candidates, new_candidates, track_candidates

    with ctx.store.session() as s:
        if ctx.args.track:
            added = track_candidates(s, ctx.args.track)
            ctx.print(f"Tracking {', '.join(added) or 'nothing new'}")
            return EXIT_OK
        if ctx.args.dismiss:
            dismiss_candidates(s, ctx.args.dismiss)
            ctx.print(f"Dismissed {', '.join(ctx.args.dismiss)}")
            return EXIT_OK
        rows = [{"nct_id": c.nct_id, "title": c.title, "overall_status": c.overall_status,
                 "watch": c.watch.name} for c in new_candidates(s)]  # fmt: skip
    if ctx.args.json:
        ctx.print_json(rows)
        return EXIT_OK
    if not rows:
        ctx.print("No new candidates.")
    for r in rows:
        ctx.print(f"{r['nct_id']} [{r['watch']}] {(r['title'] or '')[:80]}")
    return EXIT_OK


# --- topics ---------------------------------------------------------------------------


@command("topics")
def cmd_topics(ctx: Context) -> int:
    from sqlalchemy import select

    from trialtracker.store.models import TopicLink, Trial
    from trialtracker.topics.library import load_library, topic_as_text

    library = load_library()
    with ctx.store.session() as s:
        links: dict[str, list[str]] = {}
        for key, nct in s.execute(
            select(TopicLink.topic_key, Trial.nct_id)
            .join(Trial)
            .where(TopicLink.removed.is_(False))
            .order_by(Trial.nct_id)
        ):
            links.setdefault(key, []).append(nct)
    if ctx.args.key:
        topic = library.get(ctx.args.key)
        if topic is None:
            raise CliError(f"unknown topic {ctx.args.key!r}; topics: {', '.join(library.keys())}")
        if ctx.args.json:
            ctx.print_json({"key": topic.key, "title": topic.title, "summary": topic.summary,
                            "sources": list(topic.sources), "related": list(topic.related),
                            "body": topic.body, "trials": links.get(topic.key, [])})  # fmt: skip
            return EXIT_OK
        ctx.print(topic_as_text(topic))
        trials = links.get(topic.key, [])
        ctx.print(f"\nLinked trials ({len(trials)}): {', '.join(trials) if trials else 'none'}")
        return EXIT_OK
    rows = [{"key": t.key, "title": t.title, "summary": t.summary, "sources": list(t.sources),
             "trials": links.get(t.key, [])} for t in library]  # fmt: skip
    if ctx.args.json:
        ctx.print_json(rows)
        return EXIT_OK
    for r in rows:
        ctx.print(f"{r['key']:<22} {r['title']}  ({len(r['trials'])} trials)")
        ctx.print(f"{'':<22} {r['summary']}")
    return EXIT_OK


def _link(ctx: Context, remove: bool) -> int:
    from trialtracker.store.trials import require_trial
    from trialtracker.topics.linking import link_manually, unlink_manually

    with ctx.store.session() as s:
        trial = require_trial(s, ctx.args.nct)
        (unlink_manually if remove else link_manually)(s, trial, ctx.args.key)
        verb = "unlinked from" if remove else "linked to"
        ctx.print(f"{trial.nct_id} {verb} {ctx.args.key} (your choice is kept across refreshes)")
    return EXIT_OK


@command("link")
def cmd_link(ctx: Context) -> int:
    return _link(ctx, remove=False)


@command("unlink")
def cmd_unlink(ctx: Context) -> int:
    return _link(ctx, remove=True)


@command("install-desktop")
def cmd_install_desktop(ctx: Context) -> int:
    from trialtracker.desktop_integration import install_desktop, uninstall_desktop

    paths = uninstall_desktop() if ctx.args.uninstall else install_desktop()
    verb = "Removed" if ctx.args.uninstall else "Installed"
    for path in paths:
        ctx.print(f"{verb} {path}")
    if not paths:
        ctx.print("Nothing to do.")
    return EXIT_OK


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

    p = add("refresh", "refresh trials from ClinicalTrials.gov and record what changed")
    p.add_argument("ids", metavar="NCT", nargs="*", help="only these trials (default: all)")
    p.add_argument("--force", action="store_true", help="refresh even if the registry has not changed")

    p = add("history", "show the change history of a trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("--json", action="store_true")

    p = add("review", "mark changes reviewed")
    p.add_argument("nct", metavar="NCT", nargs="?")
    p.add_argument("--all", action="store_true", help="mark every change reviewed")

    p = add("discover", "search the registry for MS stem-cell trials")
    from trialtracker.ctgov.client import DEFAULT_CONDITION, DEFAULT_INTERVENTION_TERMS, essie_or

    p.add_argument("--cond", default=DEFAULT_CONDITION, help="condition (default: %(default)s)")
    p.add_argument("--intr", default=essie_or(DEFAULT_INTERVENTION_TERMS), help="intervention terms "
                   "(default: %(default)s)")  # fmt: skip
    p.add_argument("--status", help="comma-separated overall statuses, e.g. RECRUITING,NOT_YET_RECRUITING")
    p.add_argument("--limit", type=int, default=200, help="at most this many studies (default: %(default)s)")
    p.add_argument("--json", action="store_true")

    p = add("watch", "saved searches re-run on every refresh")
    wsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    w = wsub.add_parser("add", help="save a search", parents=[common])
    w.add_argument("name", metavar="NAME")
    w.add_argument("--cond", default=DEFAULT_CONDITION)
    w.add_argument("--intr", default=essie_or(DEFAULT_INTERVENTION_TERMS))
    w.add_argument("--status")
    w = wsub.add_parser("list", help="list watches", parents=[common])
    w.add_argument("--json", action="store_true")
    w = wsub.add_parser("remove", help="delete a watch", parents=[common])
    w.add_argument("name", metavar="NAME")

    p = add("candidates", "new trials found by watches: list, track or dismiss")
    p.add_argument("--track", metavar="NCT", nargs="+")
    p.add_argument("--dismiss", metavar="NCT", nargs="+")
    p.add_argument("--json", action="store_true")

    p = add("topics", "list explanatory topics, or print one")
    p.add_argument("key", metavar="KEY", nargs="?")
    p.add_argument("--json", action="store_true")

    p = add("link", "link a trial to a topic by hand (kept across refreshes)")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("key", metavar="KEY")

    p = add("unlink", "remove a trial's topic link (kept across refreshes)")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("key", metavar="KEY")

    p = add("install-desktop", "add Trial Tracker to the desktop menu (XDG)")
    p.add_argument("--uninstall", action="store_true", help="remove it again")

    p = add("backup", "make a consistent copy of the database in the backups folder")
    p.add_argument("--list", action="store_true", help="list existing backups")

    p = add("restore", "replace the database with a backup (the current one is backed up first)")
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
    from trialtracker.ctgov.client import ApiError
    from trialtracker.store.db import StoreError

    if isinstance(exc, StoreError):
        return EXIT_USAGE, str(exc)
    if isinstance(exc, ApiError):
        return EXIT_FAIL, f"ClinicalTrials.gov: {exc}"
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        detail = str(exc.orig) if exc.orig is not None else str(exc).splitlines()[0]
        if "full" in detail.lower():
            return EXIT_FAIL, f"the disk is full; nothing was changed ({detail})"
        return EXIT_FAIL, f"database error; nothing was changed ({detail})"
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_FAIL, "interrupted"
    if isinstance(exc, OSError):
        return EXIT_FAIL, f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc)
    return EXIT_FAIL, f"unexpected error: {type(exc).__name__}: {exc}"


def gui_main() -> int:
    """Entry point of the ``trialtracker-gui`` script."""
    return main(["gui", *sys.argv[1:]])
