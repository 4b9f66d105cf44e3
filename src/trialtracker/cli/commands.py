"""The commands: parse what the user typed, call one service, print the result."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trialtracker.cli.context import (
    EXIT_FAIL,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Context,
    command,
    terminal_safe,
    terminal_territory,
)
from trialtracker.cli.interrupt import cancel_on_sigint, report_cancelled
from trialtracker.domain.errors import InvalidInput, TrialTrackerError
from trialtracker.domain.fields import FieldChange
from trialtracker.domain.geo import Place, distance_km, distance_text, miles_for
from trialtracker.domain.nctid import normalize_ids
from trialtracker.domain.statuses import status_label
from trialtracker.domain.team import shown_tags
from trialtracker.services import listing
from trialtracker.services.deferred import deferred

if TYPE_CHECKING:
    from trialtracker.cli import render
    from trialtracker.services import backups, discovery, exchange, places, refresh, topics, trials, views
    from trialtracker.services.refresh import Progress
else:  # imported by the commands that use them: `list` need not load the detail views and the exporter
    backups = deferred("trialtracker.services.backups")
    discovery = deferred("trialtracker.services.discovery")
    exchange = deferred("trialtracker.services.exchange")
    places = deferred("trialtracker.services.places")
    refresh = deferred("trialtracker.services.refresh")
    render = deferred("trialtracker.cli.render")
    topics = deferred("trialtracker.services.topics")
    trials = deferred("trialtracker.services.trials")
    views = deferred("trialtracker.services.views")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _home(ctx: Context, *, required: bool) -> Place | None:
    """``--near PLACE``, else the home place saved in Preferences (an error if one is required)."""
    near = getattr(ctx.args, "near", None)
    if near:
        return places.resolve_place(near)
    home = ctx.lib.settings.preferences.home
    if home is None and required:
        raise CliError("no place to measure from: give --near PLACE, or set a home place in Preferences")
    return home


@command("list")
def cmd_list(ctx: Context) -> int:
    within = ctx.args.within
    if within is not None and not 0 < within <= 20_000:
        raise CliError(f"--within must be a distance in km between 0 and 20000, not {within:g}")
    home = _home(ctx, required=within is not None) if (ctx.args.near or within is not None) else None
    rows = listing.list_rows(
        ctx.lib, changed_only=ctx.args.changed, search=False, near=home, within_km=within
    )
    if within is not None:
        rows = [r for r in rows if r.near]
    if ctx.args.json:
        ctx.print_json([r.as_json() for r in rows])
        return EXIT_OK
    if not rows:
        empty = "No trials with unreviewed changes." if ctx.args.changed else "No trials tracked."
        ctx.print(f"No trial has a recruiting site within {within:g} km." if within is not None else empty)
        return EXIT_OK
    miles = miles_for(terminal_territory())
    lines = []  # printed at once: one write and one control-character pass for 10,000 lines
    for r in rows:
        flags = ("★" if r.starred else " ") + ("✎" if r.note_count else " ")
        status = r.status or "not refreshed"
        tags = f"  [{shown_tags(r.tags, r.personal_tags)}]" if r.tags else ""
        near = ""
        if home is not None:
            near = (
                f"{distance_text(r.nearest_km, miles=miles):>9} "
                if r.nearest_km is not None
                else f"{'—':>9} "
            )
        lines.append(
            f"{r.nct_id} {flags} {near}{status:<24} {r.cell_group.value:<7} {r.display_title[:80]}{tags}"
        )
    ctx.print("\n".join(lines))
    if home is not None:
        ctx.print(f"Distances: nearest site listed as recruiting, as the crow flies from {home.label}")
    ctx.print(_plural(len(rows), "trial"))
    if ctx.lib.on_server:  # one refresh serves the team: say whose the list is showing
        run = refresh.last_run(ctx.lib)
        if run is not None and run.finished_at is not None:
            ctx.print(f"Last refreshed {render.when(run.finished_at)} UTC by {run.by or 'someone'}")
    return EXIT_OK


@command("show")
def cmd_show(ctx: Context) -> int:
    detail = trials.require_detail(ctx.lib, ctx.args.nct)
    if ctx.args.json:
        data = detail.as_json()
        home = _home(ctx, required=False) if ctx.args.near else None
        if home is not None:
            for site in data["locations"]:
                lat, lon = site.get("lat"), site.get("lon")
                site["distance_km"] = None if lat is None or lon is None else round(
                    distance_km(home.lat, home.lon, lat, lon), 1)  # fmt: skip
        ctx.print_json(data)
    else:
        home = _home(ctx, required=False)
        ctx.print(render.trial_as_text(detail, home=home, miles=miles_for(terminal_territory())))
    return EXIT_OK


@command("add")
def cmd_add(ctx: Context) -> int:
    ids = list(ctx.args.ids)
    if ctx.args.from_file:
        ids += exchange.read_import_file(Path(ctx.args.from_file)).trial_ids
    if not ids:
        raise CliError("nothing to add: give NCT IDs or --from-file FILE")
    normalize_ids(ids)  # validate before opening (and maybe creating) the library
    result = trials.add(ctx.lib, ids)
    if result.added:
        ctx.print(f"Added {len(result.added)}: {', '.join(result.added)}")
    if result.already:
        ctx.print(f"Already tracked: {', '.join(result.already)}")
    return EXIT_OK


@command("remove")
def cmd_remove(ctx: Context) -> int:
    normalize_ids(ctx.args.ids)
    removed = trials.remove(ctx.lib, ctx.args.ids)
    ctx.print(f"Removed {', '.join(removed)} (personal notes are kept)")
    return EXIT_OK


@command("star")
def cmd_star(ctx: Context) -> int:
    (nct,) = trials.star(ctx.lib, [ctx.args.nct], not ctx.args.off)
    ctx.print(f"{nct} {'unstarred' if ctx.args.off else 'starred'}")
    return EXIT_OK


@command("tag")
def cmd_tag(ctx: Context) -> int:
    add, remove = ([], ctx.args.tags) if ctx.args.remove else (ctx.args.tags, [])
    ((nct, _),) = trials.edit_tags(ctx.lib, [ctx.args.nct], add, remove, personal=ctx.args.personal).items()
    t = trials.require_detail(ctx.lib, nct)
    ctx.print(f"{nct} tags: {shown_tags(t.tags, t.personal_tags) or '(none)'}")
    return EXIT_OK


@command("export")
def cmd_export(ctx: Context) -> int:
    if ctx.args.output in (None, "-"):  # streamed: written a trial at a time, never built whole
        write = ctx.write if ctx.out.isatty() else ctx.out.write
        for chunk in exchange.export_chunks(ctx.lib, ctx.args.format, raw=ctx.args.raw):
            write(chunk)
        return EXIT_OK
    target = exchange.export_to_file(ctx.lib, ctx.args.format, Path(ctx.args.output), raw=ctx.args.raw)
    print(f"Exported to {target}", file=sys.stderr)
    return EXIT_OK


@command("import")
def cmd_import(ctx: Context) -> int:
    checked = exchange.read_import_file(Path(ctx.args.file))  # a broken file is refused before opening
    result = exchange.import_file(ctx.lib, checked)
    parts = [f"{len(result.added)} trial(s) added", f"{len(result.already)} already tracked"]
    if result.kind == "bundle":
        parts.append(f"{result.notes_added} note(s) added")
    ctx.print(f"Imported {checked.path.name}: " + ", ".join(parts))
    return EXIT_OK


@command("backup")
def cmd_backup(ctx: Context) -> int:
    if ctx.args.list:
        found = backups.list_backups(ctx.settings)
        for b in found:
            ctx.print(f"{b.path}  ({b.size // 1024} KiB)")
        if not found:
            ctx.print("No backups yet.")
        return EXIT_OK
    ctx.print(f"Backup written: {backups.backup_now(ctx.settings)}")
    return EXIT_OK


@command("restore")
def cmd_restore(ctx: Context) -> int:
    safety = backups.restore(ctx.settings, Path(ctx.args.file))
    if safety is not None:
        ctx.print(f"The previous database was saved to {safety}")
    ctx.print(f"Restored {ctx.args.file}")
    return EXIT_OK


@command("check")
def cmd_check(ctx: Context) -> int:
    if not ctx.settings.database_url and not ctx.settings.paths.db_path.exists():
        ctx.print(f"No library at {ctx.settings.paths.db_path} yet: nothing to check.")
        return EXIT_OK
    problems = backups.check(ctx.settings)
    if problems:
        for problem in problems:
            print(f"trialtracker: error: {terminal_safe(problem)}", file=sys.stderr)
        return EXIT_USAGE
    ctx.print(f"{ctx.settings.paths.db_path} is healthy (integrity, references and schema checked)")
    return EXIT_OK


@command("gui")
def cmd_gui(ctx: Context) -> int:
    from trialtracker.ui import unavailable

    problem = unavailable()
    if problem is not None:
        raise CliError(f"the desktop window is not available: {problem}", EXIT_FAIL)
    from trialtracker.ui.app import display_problem, refuse_to_start, run_gui

    screenshot = getattr(ctx.args, "screenshot", None)
    no_display = None if screenshot else display_problem()
    if no_display is not None:  # Qt would abort the process (exit 134) before any dialog could say why
        raise CliError(no_display, EXIT_FAIL)
    try:
        settings = ctx.settings
    except (
        TrialTrackerError
    ) as exc:  # e.g. a bad $TRIALTRACKER_API_URL: say so in a dialog, not only on stderr
        return refuse_to_start(str(exc), screenshot)
    return int(run_gui(settings, screenshot))


# --- registry ------------------------------------------------------------------------


def _change_line(change: FieldChange) -> str:
    return f"  {change.nct_id} {change.line()}"


def _say_retry(line: str, *, after_progress: bool = False) -> None:
    """Say why nothing seems to happen: the registry is being retried (one stderr line per try)."""
    lead = "\n" if after_progress else ""
    print(f"{lead}trialtracker: {terminal_safe(line)}", file=sys.stderr, flush=True)


@command("refresh")
def cmd_refresh(ctx: Context) -> int:
    ids = normalize_ids(ctx.args.ids) if ctx.args.ids else None
    verbose = sys.stderr.isatty()

    def progress(p: Progress) -> None:
        if verbose:
            print(f"\r{p.message}", end="", file=sys.stderr, flush=True)

    with cancel_on_sigint() as cancel:
        summary = refresh.refresh_library(
            ctx.lib, ids, force=ctx.args.force, progress=progress, cancel=cancel, deadline=ctx.args.timeout,
            on_retry=lambda line: _say_retry(line, after_progress=verbose), wait=ctx.args.wait,
        )  # fmt: skip
    if verbose:
        print(file=sys.stderr)
    ctx.print(f"Refresh: {summary.line()}")
    for change in summary.changes:
        ctx.print(_change_line(change))
    if summary.not_found:
        ctx.print(f"Not found in the registry: {', '.join(summary.not_found)}")
    if summary.new_candidates:
        ctx.print(
            f"New candidates from watches: {', '.join(summary.new_candidates)} (see: trialtracker candidates)"
        )
    for error in summary.watch_errors:
        print(f"trialtracker: warning: watch {terminal_safe(error)}", file=sys.stderr)
    if ctx.args.notify:
        _notify(refresh.news_lines(summary))
    if summary.cancelled:  # Ctrl-C: the batches stored before it stay; the run is recorded as cancelled
        return report_cancelled()
    if summary.failed:
        names = ", ".join(summary.failed[:20]) + (" …" if len(summary.failed) > 20 else "")
        print(f"trialtracker: error: {len(summary.failed)} trial(s) failed to refresh ({names}): "
              f"{terminal_safe(summary.error or '')}", file=sys.stderr)  # fmt: skip
        return EXIT_FAIL
    return EXIT_OK


def _notify(lines: list[str]) -> None:
    """``refresh --notify``: the news as a desktop notification (``notify-send``, where installed; a
    timer's log keeps the printed lines either way). A missing or failing notifier is not an error."""
    if not lines:
        return
    text = "\n".join(lines)
    print(f"News: {text}")
    sender = shutil.which("notify-send")
    if sender is None:
        return
    title = "Trial Tracker: news about your trials"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run([sender, "--app-name=Trial Tracker", title, text], check=False, timeout=10,
                       capture_output=True)  # fmt: skip


@command("history")
def cmd_history(ctx: Context) -> int:
    nct, changes = trials.history(ctx.lib, ctx.args.nct)
    return ctx.print_items(
        changes,
        line=render.change_line,
        empty=f"No history for {nct} yet (run: trialtracker refresh {nct})",
        as_json=lambda c: c.as_json(),
    )


@command("review")
def cmd_review(ctx: Context) -> int:
    if not ctx.args.all and not ctx.args.nct:
        raise CliError("give an NCT ID or --all")
    count = trials.mark_reviewed(ctx.lib, None if ctx.args.all else [ctx.args.nct])
    ctx.print(f"Marked {count} change(s) reviewed")
    return EXIT_OK


@command("discover")
def cmd_discover(ctx: Context) -> int:
    with cancel_on_sigint() as cancel:  # a cancel raises Cancelled: main() says so and exits 130
        result = discovery.discover(
            ctx.lib, ctx.args.cond, ctx.args.intr, ctx.args.status, max_results=ctx.args.limit,
            cancel=cancel, deadline=ctx.args.timeout, on_retry=_say_retry,
        )  # fmt: skip
    if ctx.args.json:
        ctx.print_json({"total": result.total, "studies": [f.as_json() for f in result.studies]})
        return EXIT_OK
    total = result.total if result.total is not None else "?"
    ctx.print(f"{total} studies match; showing {len(result.studies)}")
    for f in result.studies:
        ctx.print(
            f"{f.nct_id} {'✓' if f.tracked else ' '} {status_label(f.overall_status):<24} {f.title[:80]}"
        )
    return EXIT_OK


def watch_summary(w: views.WatchView) -> str:
    return f"cond={w.cond or '—'} intr={w.intr or '—'} status={','.join(w.statuses) or 'any'}"


@command("watch")
def cmd_watch(ctx: Context) -> int:
    action = ctx.args.action
    if action == "add":
        watch = discovery.add_watch(ctx.lib, ctx.args.name, ctx.args.cond, ctx.args.intr, ctx.args.status)
        ctx.print(f"Watch {watch.name!r} saved; it runs on every full refresh")
        return EXIT_OK
    if action == "edit":
        a = ctx.args
        if a.rename is None and a.cond is None and a.intr is None and a.status is None:
            raise InvalidInput("say what to change: --rename, --cond, --intr or --status")
        watch = discovery.edit_watch(
            ctx.lib, a.name, name=a.rename, cond=a.cond, intr=a.intr, statuses=a.status
        )
        ctx.print(f"Watch {watch.name!r} saved: {watch_summary(watch)}")
        return EXIT_OK
    if action == "remove":
        ctx.print(f"Watch {discovery.remove_watch(ctx.lib, ctx.args.name)!r} removed")
        return EXIT_OK
    if action == "run":
        with cancel_on_sigint() as cancel:  # a cancel raises Cancelled: main() says so and exits 130
            outcome = discovery.run_watches_now(
                ctx.lib, cancel=cancel, deadline=ctx.args.timeout, on_retry=_say_retry
            )
        new = ", ".join(outcome.new) if outcome.new else "none"
        ctx.print(f"New candidates: {new}" + (" (see: trialtracker candidates)" if outcome.new else ""))
        for error in outcome.errors:
            print(f"trialtracker: error: watch {terminal_safe(error)}", file=sys.stderr)
        return EXIT_FAIL if outcome.errors else EXIT_OK
    return ctx.print_items(
        discovery.list_watches(ctx.lib),
        line=lambda w: f"{w.name}: {watch_summary(w)} · {w.new_candidates} new",
        empty="No watches. Save one with: trialtracker watch add NAME --cond … --intr …",
        as_json=lambda w: w.as_json(),
    )


@command("candidates")
def cmd_candidates(ctx: Context) -> int:
    if ctx.args.track:
        added = discovery.track_candidates(ctx.lib, ctx.args.track)
        ctx.print(f"Tracking {', '.join(added) or 'nothing new'}")
        return EXIT_OK
    if ctx.args.dismiss:
        discovery.dismiss_candidates(ctx.lib, ctx.args.dismiss)
        ctx.print(f"Dismissed {', '.join(ctx.args.dismiss)}")
        return EXIT_OK
    return ctx.print_items(
        discovery.candidates(ctx.lib),
        line=lambda c: f"{c.nct_id} [{c.watch}] {c.title[:80]}",
        empty="No new candidates.",
        as_json=lambda c: c.as_json(),
    )


# --- topics ---------------------------------------------------------------------------


@command("topics")
def cmd_topics(ctx: Context) -> int:
    library = topics.topic_library()
    links = topics.links_by_topic(ctx.lib)
    if ctx.args.key:
        topic = topics.require_topic(ctx.args.key)
        linked = links.get(topic.key, [])
        if ctx.args.json:
            ctx.print_json({"key": topic.key, "title": topic.title, "summary": topic.summary,
                            "sources": list(topic.sources), "related": list(topic.related),
                            "body": topic.body, "trials": linked})  # fmt: skip
            return EXIT_OK
        ctx.print(topics.topic_as_text(topic))
        ctx.print(f"\nLinked trials ({len(linked)}): {', '.join(linked) if linked else 'none'}")
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


def _link(ctx: Context, *, linked: bool) -> int:
    nct = topics.set_link(ctx.lib, ctx.args.nct, ctx.args.key, linked=linked)
    verb = "linked to" if linked else "unlinked from"
    ctx.print(f"{nct} {verb} {ctx.args.key} (your choice is kept across refreshes)")
    return EXIT_OK


@command("link")
def cmd_link(ctx: Context) -> int:
    return _link(ctx, linked=True)


@command("unlink")
def cmd_unlink(ctx: Context) -> int:
    return _link(ctx, linked=False)


@command("install-desktop")
def cmd_install_desktop(ctx: Context) -> int:
    from trialtracker.services.desktop import install_desktop, uninstall_desktop

    paths = uninstall_desktop() if ctx.args.uninstall else install_desktop()
    verb = "Removed" if ctx.args.uninstall else "Installed"
    for path in paths:
        ctx.print(f"{verb} {path}")
    if not paths:
        ctx.print("Nothing to do.")
    return EXIT_OK
