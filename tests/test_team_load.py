"""A short run of the team load benchmark (issue 17, item 9; the full one is ``tests/bench/team_load.py``):
three member processes write at once for a few seconds — stars, tags, private notes, edits of shared
notes, one of them refreshing from the registry stand-in — and afterwards every write each was told had
succeeded is there, under its own name, and nobody reads anyone else's private rows."""

from __future__ import annotations

from pathlib import Path

from tests.bench.team_load import report, run_load
from tests.ctgov_server import CtGovServer
from tests.pg_server import PgServer


def test_members_writing_at_once_lose_nothing_and_read_nothing_private(
    pg_server: PgServer, ctgov_server: CtGovServer, tmp_path: Path
) -> None:
    results, found, seconds = run_load(pg_server, ctgov_server, 3, 3.0, tmp_path)
    print("\n" + report(results, found, seconds, results))
    assert (found.lost, found.misattributed, found.leaks) == (0, 0, 0), found.details
    assert results[0].refreshes >= 1  # the first member refreshed for everyone
    for r in results[1:]:
        written = sum(len(v) for v in r.latencies.values())
        assert written >= 10 and sum(r.errors.values()) == 0, (r.name, dict(r.errors))
        assert r.private_notes and r.latencies["shared note"]
