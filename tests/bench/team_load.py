"""Team-library load benchmark (issue 17, item 9): many members writing at once, nothing lost or misplaced.

Not part of the test suite (a short run of it is: ``tests/test_team_load.py``). From the repository root:

    .venv/bin/python -m tests.bench.team_load [--members 20] [--seconds 60]

It starts a real PostgreSQL server and the local registry stand-in (127.0.0.1, TCP_NODELAY), sets up a
team library with that many members, and runs one process per member for the given time. Each member
stars and unstars trials, tags and untags them with its own tag (every other member's tag is personal:
the rest of the team cannot see it), adds private notes and edits the team's
shared notes (from the version it read, so a clash becomes a conflict copy); the first member refreshes
the whole library from the registry stand-in over and over instead (one refresh at a time serves all).
Then every write each member was told succeeded is looked for as that member sees the library:

* lost — a private note, a conflict copy or a star or tag state a member saved that is not there;
* misattributed — a note stored under another member's name, a personal tag stored as the team's (or back);
* leaks — a private note, another member's star or personal tag readable by someone else (row-level
  security).

Baseline, same run: the same operations by one member alone for a few seconds. Printed: operations per
second, p50/p95 latency per operation (and its ratio to the baseline), and the three counts (must be 0).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.ctgov_server import CtGovServer
from tests.pg_server import PgServer, start_server

TAG_PREFIX = "load-"
PRIVATE_PREFIX = "private note "
BOARD = "Team board: "


@dataclass
class MemberResult:
    """What one member did and what it expects to find afterwards."""

    name: str
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    private_notes: list[str] = field(default_factory=list)  # bodies it was told were stored
    conflict_copies: list[int] = field(default_factory=list)  # note ids of its conflict copies
    starred: set[str] = field(default_factory=set)  # its stars as it left them
    tagged: set[str] = field(default_factory=set)  # trials carrying its own tag as it left them
    refreshes: int = 0
    refresh_busy: int = 0


@dataclass(frozen=True)
class Team:
    url: str  # the owner's
    members: list[tuple[str, str]]  # (login, URL with password)
    trials: list[str]
    board: list[tuple[int, str]]  # the shared notes everyone edits: (note id, NCT ID)
    api_url: str


def set_up(server: PgServer, registry: CtGovServer, members: int) -> Team:
    from tests.conftest import open_either_library
    from trialtracker.domain.catalog import load_catalog
    from trialtracker.services import notes, team

    ids = [e.nct_id for e in load_catalog().entries]
    registry.add_generated(*ids)
    database = server.new_database()
    owner = server.url(database)
    team.init_team(owner)
    logins = []
    for i in range(members):
        member = team.add_member(owner, f"m{i:02d}_{database}")
        logins.append((member.name, server.url(database, user=member.name, password=member.password)))
    with tempfile.TemporaryDirectory() as tmp:
        first = open_either_library(Path(tmp), logins[0][1])
        try:
            board = [(notes.add_note(first, nct, f"{BOARD}{nct}", shared=True).id, nct) for nct in ids[:5]]
        finally:
            first.close()
    return Team(owner, logins, ids, board, registry.url)


def _timed(result: MemberResult, op: str, work: Any, *args: Any, **kwargs: Any) -> Any:
    """``work(*args, **kwargs)`` with its latency kept under ``op``; None (counted) if it failed."""
    from trialtracker.domain.errors import TrialTrackerError

    started = time.perf_counter()
    try:
        return work(*args, **kwargs)
    except TrialTrackerError:
        result.errors[op] += 1
        return None
    finally:
        result.latencies[op].append((time.perf_counter() - started) * 1000)


def _edit_board(lib: Any, note_id: int, nct_id: str, signed: str) -> Any:
    """Edit a shared note from the version just read, as an editor does (a clash: a conflict copy)."""
    from trialtracker.services import note_recovery, notes

    current = next(n for n in notes.notes(lib, nct_id) if n.id == note_id)
    text = f"{current.body.split(' | ')[0]} | {signed}"
    edit = note_recovery.NoteEdit(current.nct_id, current.id, text, base=current.body, version=current.version)
    return note_recovery.save_edit(lib, edit)


def member_work(index: int, team: Team, seconds: float, start_at: float, data_dir: str) -> MemberResult:
    """One member's session: random writes until the time is up (run in a process of its own)."""
    from tests.conftest import open_either_library
    from trialtracker.domain.errors import RefreshBusy
    from trialtracker.services import notes, trials
    from trialtracker.services.refresh import refresh_library

    name, url = team.members[index]
    result = MemberResult(name)
    lib = open_either_library(Path(data_dir), url, api_url=team.api_url, pace=0)
    rng = random.Random(index)
    tag = f"{TAG_PREFIX}{index:02d}"
    count = 0
    time.sleep(max(0.0, start_at - time.time()))
    try:
        while time.time() < start_at + seconds:
            if index == 0 and team.members[1:]:  # the refresher (when there are others to serve)
                started = time.perf_counter()
                try:
                    refresh_library(lib)
                    result.refreshes += 1
                except RefreshBusy:
                    result.refresh_busy += 1
                result.latencies["refresh"].append((time.perf_counter() - started) * 1000)
                continue
            nct = rng.choice(team.trials)
            op = rng.choice(("star", "tag", "private note", "shared note"))
            if op == "star":
                on = nct not in result.starred
                if _timed(result, op, trials.star, lib, [nct], starred=on) is not None:
                    (result.starred.add if on else result.starred.discard)(nct)
            elif op == "tag":
                on = nct not in result.tagged
                change: dict[str, Any] = {"add": [tag]} if on else {"remove": [tag]}
                if _timed(result, op, trials.edit_tags, lib, [nct], personal=_personal(index), **change) is not None:
                    (result.tagged.add if on else result.tagged.discard)(nct)
            elif op == "private note":
                count += 1
                body = f"{PRIVATE_PREFIX}{name} {count}"
                if _timed(result, op, notes.add_note, lib, nct, body) is not None:
                    result.private_notes.append(body)
            else:
                count += 1
                outcome = _timed(result, op, _edit_board, lib, *rng.choice(team.board), f"{name} {count}")
                if outcome is not None and outcome.note is not None and outcome.conflict:
                    result.conflict_copies.append(outcome.note.id)
                elif outcome is not None and outcome.note is None:
                    result.errors[op] += 1
    finally:
        lib.close()
    return result


def _personal(index: int) -> bool:
    """Every other member tags with a tag of their own (unseen by the rest), the others with a team tag."""
    return index % 2 == 1


def _run_member(args: tuple[int, Team, float, float, str]) -> MemberResult:
    return member_work(*args)


@dataclass
class Check:
    lost: int = 0
    misattributed: int = 0
    leaks: int = 0
    details: list[str] = field(default_factory=list)

    def look_for(self, name: str, what: str, wanted: list[Any], authors: dict[Any, str]) -> None:
        """Each of ``wanted`` (note bodies or ids) must be there, written by ``name``."""
        for key in wanted:
            if key not in authors:
                self.lost += 1
                self.details.append(f"{name}: {what} {key!r} missing")
            elif authors[key] != name:
                self.misattributed += 1


def check(team: Team, results: list[MemberResult]) -> Check:
    """Look for every write each member was told succeeded, as that member sees the library."""
    import psycopg
    from sqlalchemy.engine import make_url

    found = Check()
    for (name, url), result in zip(team.members, results, strict=True):
        u = make_url(url)
        with psycopg.connect(host=u.host, port=u.port, user=u.username, password=u.password,
                             dbname=u.database, autocommit=True) as conn:  # fmt: skip
            rows = conn.execute("SELECT id, body, author, shared FROM note").fetchall()
            found.look_for(name, "private note", result.private_notes, {b: a for _, b, a, _ in rows})
            found.look_for(name, "conflict copy", result.conflict_copies, {i: a for i, _, a, _ in rows})
            for _, body, author, shared in rows:
                if body.startswith(PRIVATE_PREFIX) and author != name and not shared:
                    found.leaks += 1  # another member's private note is readable
            stars = {r[0] for r in conn.execute(
                "SELECT t.nct_id FROM star s JOIN trial t ON t.id = s.trial_id").fetchall()}  # fmt: skip
            others = conn.execute("SELECT count(*) FROM star WHERE member <> current_user").fetchone()
            found.leaks += int(others[0]) if others else 0
            if stars != result.starred:
                found.lost += len(stars ^ result.starred)
                found.details.append(f"{name}: stars differ by {sorted(stars ^ result.starred)[:5]}")
            others_tags = conn.execute("SELECT count(*) FROM tag WHERE owner NOT IN ('', current_user)").fetchone()
            found.leaks += int(others_tags[0]) if others_tags else 0  # another member's own tag is readable
            index = team.members.index((name, url))
            tag = f"{TAG_PREFIX}{index:02d}"
            owner = conn.execute("SELECT owner FROM tag WHERE name = %s", (tag,)).fetchone()
            if owner is not None and (owner[0] == name) != _personal(index):
                found.misattributed += 1  # a personal tag written as the team's, or the other way round
            tagged = {r[0] for r in conn.execute(
                "SELECT t.nct_id FROM trial_tag tt JOIN tag g ON g.id = tt.tag_id JOIN trial t ON t.id = tt.trial_id "
                "WHERE g.name = %s", (tag,)).fetchall()}  # fmt: skip
            if tagged != result.tagged:
                found.lost += len(tagged ^ result.tagged)
                found.details.append(f"{name}: tag {tag} differs by {sorted(tagged ^ result.tagged)[:5]}")
    return found


def run_load(server: PgServer, registry: CtGovServer, members: int, seconds: float,
             root: Path) -> tuple[list[MemberResult], Check, float]:  # fmt: skip
    """Set up a team of ``members`` and run them at once for ``seconds``; (results, check, wall time)."""
    team = set_up(server, registry, members)
    start_at = time.time() + 3.0 + 0.4 * members  # every process is up and connected by then
    jobs = [(i, team, seconds, start_at, str(root / f"m{i}")) for i in range(members)]
    with mp.get_context("spawn").Pool(members) as pool:
        results = pool.map(_run_member, jobs)
    return results, check(team, results), seconds


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _latencies(results: list[MemberResult]) -> dict[str, list[float]]:
    """Every member's latencies, by operation."""
    merged: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for op, values in r.latencies.items():
            merged[op] += values
    return merged


def report(results: list[MemberResult], found: Check, seconds: float, baseline: list[MemberResult]) -> str:
    lines = []
    ops, base = _latencies(results), _latencies(baseline)
    total = sum(len(v) for op, v in ops.items() if op != "refresh")
    lines.append(f"{len(results)} members, {seconds:.0f} s: {total / seconds:.1f} operations/s "
                 f"(refreshes {sum(r.refreshes for r in results)}, told busy {sum(r.refresh_busy for r in results)})")  # fmt: skip
    lines.append(f"{'operation':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'alone p50':>11}{'ratio':>7}{'errors':>8}")
    for op in sorted(ops):
        p50, p95 = statistics.median(ops[op]), _percentile(ops[op], 0.95)
        alone = statistics.median(base[op]) if base.get(op) else 1.0
        errors = sum(r.errors.get(op, 0) for r in results)
        alone_said, ratio = (f"{alone:.1f}", f"{p50 / alone:.1f}") if base.get(op) else ("—", "—")
        lines.append(f"{op:<14}{len(ops[op]):>7}{p50:>9.1f}{p95:>9.1f}{alone_said:>11}{ratio:>7}{errors:>8}")
    conflicts = sum(len(r.conflict_copies) for r in results)
    lines.append(f"conflict copies kept: {conflicts}")
    lines.append(f"lost writes: {found.lost}   misattributed: {found.misattributed}   "
                 f"private rows readable by another member: {found.leaks}")  # fmt: skip
    lines += found.details[:10]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    server = start_server()
    if server is None:
        print("PostgreSQL is not installed (Debian: apt install postgresql)", file=sys.stderr)
        return 2
    registry = CtGovServer()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            baseline, _, _ = run_load(server, registry, 1, 5.0, Path(tmp) / "alone")
            results, found, seconds = run_load(server, registry, args.members, args.seconds, Path(tmp) / "load")
        print(report(results, found, seconds, baseline))
        return 0 if found.lost == found.misattributed == found.leaks == 0 else 1
    finally:
        registry.close()
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
