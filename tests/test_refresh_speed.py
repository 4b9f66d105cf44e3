"""Refresh storing stays set-based (issue 13): guards that do not time anything.

A batch costs a fixed number of SQL statements whatever its size, a refresh where nothing
changed rewrites no registry data, and the batch store gives exactly the rows that the
one-trial :func:`~trialtracker.store.registry.store_record` gives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.conftest import open_test_library
from tests.ctgov_server import CtGovServer, make_study, nct
from tests.test_bulk_speed import statements
from trialtracker.ctgov.client import CtGovClient
from trialtracker.ctgov.parser import parse_study
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.fields import FieldChange
from trialtracker.domain.records import StudyRecord
from trialtracker.domain.topic_links import RuleLink, TrialFacts
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.services.refresh import run_refresh
from trialtracker.store import registry as rstore
from trialtracker.store import trials as tstore
from trialtracker.store.links import set_manual_link
from trialtracker.store.refresh_batch import BatchOutcome, facts_to_link, prepare, remembered, store_batch

CATALOG_IDS = [e.nct_id for e in load_catalog().entries]


def records(ids: Sequence[str], **overrides: Any) -> dict[str, StudyRecord]:
    return {n: parse_study(make_study(n, **overrides)) for n in ids}


def store(lib: Library, ids: Sequence[str], studies: dict[str, StudyRecord]) -> tuple[BatchOutcome, int]:
    """One batch in one transaction, as a refresh stores it; the outcome and the statements it took."""
    with lib.transaction() as s:
        run_id = rstore.start_run(s, len(ids))
    with statements(lib) as seen, lib.transaction() as s:
        outcome = store_batch(s, ids, prepare(studies), run_id, lib.linker)
    return outcome, len(seen)


def test_statements_per_batch_do_not_grow_with_its_size(data_dir: Path) -> None:
    lib = open_test_library(data_dir)
    try:
        counts: dict[str, list[int]] = {"first": [], "unchanged": [], "changed": []}
        for size, base in ((10, 6_000_000), (100, 6_100_000)):
            ids = [nct(base + i) for i in range(size)]
            trials.add(lib, ids)
            first, n_first = store(lib, ids, records(ids, overall_status="RECRUITING"))
            same, n_same = store(lib, ids, records(ids, overall_status="RECRUITING"))
            changed, n_changed = store(lib, ids, records(ids, overall_status="COMPLETED"))
            assert first.updated == same.updated == changed.updated == size
            assert (first.changed, same.changed, changed.changed) == (0, 0, size)
            counts["first"].append(n_first)
            counts["unchanged"].append(n_same)
            counts["changed"].append(n_changed)
        for kind, (small, big) in counts.items():
            assert small == big, f"{kind}: {small} statements for 10 trials, {big} for 100"
        assert counts["unchanged"][0] <= 4, "unchanged: BEGIN, one SELECT, one UPDATE, COMMIT"
        assert counts["changed"][0] <= 10
    finally:
        lib.close()


def test_a_refresh_where_nothing_changed_rewrites_no_registry_data(
    data_dir: Path, ctgov_server: CtGovServer
) -> None:
    ctgov_server.add_generated(*CATALOG_IDS)
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    try:
        with CtGovClient(ctgov_server.url, pace=0) as client:
            assert run_refresh(lib, client, watches=False).ok
            ctgov_server.data_timestamp = "2031-01-01T00:00:00"
            with statements(lib) as seen:
                summary = run_refresh(lib, client, force=True, watches=False)
        assert summary.ok and summary.updated == len(CATALOG_IDS) and summary.changed == 0
        writes = [sql for sql in seen if sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
        assert not [sql for sql in writes if "raw_record" in sql or "topic_link" in sql or '"change"' in sql]
        assert not [sql for sql in seen if sql.lstrip().upper().startswith("SELECT") and "raw_record" in sql]
    finally:
        lib.close()


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a refresh writes, without the ids and clock times that differ between two libraries."""
    conn = sqlite3.connect(db)
    try:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(trial)")]
        kept = [c for c in cols if c not in ("id", "tracked_since", "last_refreshed")]
        trial_rows = conn.execute(
            f"SELECT {', '.join(kept)}, last_refreshed IS NOT NULL FROM trial ORDER BY nct_id"
        ).fetchall()
        changes = conn.execute(
            'SELECT t.nct_id, c.field, c.old, c.new, c.registry_update, c.reviewed, c.run_id FROM "change" c '
            "JOIN trial t ON t.id = c.trial_id ORDER BY c.id"
        ).fetchall()
        links = conn.execute(
            "SELECT t.nct_id, l.topic_key, l.how, l.reason, l.removed FROM topic_link l "
            "JOIN trial t ON t.id = l.trial_id ORDER BY t.nct_id, l.id"
        ).fetchall()
        return {"trial": trial_rows, "change": changes, "topic_link": links}
    finally:
        conn.close()


def by_record(lib: Library, ids: Sequence[str], studies: dict[str, StudyRecord]) -> BatchOutcome:
    """The same batch stored trial by trial with the ORM, as refresh did before issue 13."""
    outcome = BatchOutcome()
    with lib.transaction() as s:
        run_id = rstore.start_run(s, len(ids))
    with lib.transaction() as s:
        for n in ids:
            trial = tstore.require_trial(s, n)
            if n not in studies:
                rstore.mark_not_found(trial)
                outcome.not_found.append(n)
                continue
            changes = rstore.store_record(s, trial, studies[n], run_id, lib.linker)
            outcome.updated += 1
            outcome.changed += bool(changes)
            outcome.changes += changes
    return outcome


def test_batch_store_writes_what_store_record_writes(tmp_path: Path) -> None:
    extra = [nct(7_000_000 + i) for i in range(12)]
    ids = [*CATALOG_IDS, *extra]
    libs = [open_test_library(tmp_path / name) for name in ("orm", "batch")]
    try:
        for lib in libs:
            trials.add(lib, extra)
            with lib.transaction() as s:  # the user's own link choices, which refresh must keep
                set_manual_link(s, tstore.require_trial(s, CATALOG_IDS[0]), "ccsvi", linked=True)
                set_manual_link(s, tstore.require_trial(s, CATALOG_IDS[1]), "reading-a-trial", linked=False)
        first = records(ids)
        del first[extra[0]]  # not found
        first[CATALOG_IDS[2]] = parse_study(make_study(CATALOG_IDS[2], brief_title=None, acronym=None))
        second = dict(first)
        second.update(records(CATALOG_IDS[:5], overall_status="COMPLETED", enrollment=7))
        second.update(records(extra[1:4], overall_status="TERMINATED", why_stopped="funding", locations=[]))
        second[extra[0]] = parse_study(make_study(extra[0]))  # found again, for the first time
        del second[extra[5]]  # gone from the registry
        outcomes: list[list[tuple[int, int, list[str], list[FieldChange]]]] = [[], []]
        for studies in (first, second, second):
            for i, lib in enumerate(libs):
                if i == 0:
                    got = by_record(lib, ids, studies)
                else:
                    got, _ = store(lib, ids, studies)
                outcomes[i].append((got.updated, got.changed, got.not_found, got.changes))
            assert dump(libs[0].db_path) == dump(libs[1].db_path)
        assert outcomes[0] == outcomes[1]
        assert outcomes[1][1][1] == 8 and outcomes[1][2][1] == 0, "8 trials changed, then none"
    finally:
        for lib in libs:
            lib.close()


def test_topic_rules_run_before_the_write_and_only_for_new_or_changed_records(tmp_path: Path) -> None:
    """The rules are worked out outside the write transaction; the write step reuses them only for the
    very same facts, so a record changed meanwhile is linked by its own facts."""
    lib = open_test_library(tmp_path / "data")
    try:
        ids = CATALOG_IDS[:6]
        first = records(ids)
        store(lib, ids, first)
        changed = {**first, **records(ids[:2], brief_title="Mesenchymal stem cells, a new title")}
        with lib.transaction() as s:
            facts = facts_to_link(s, prepare(changed))
        assert sorted(f.nct_id for f in facts) == sorted(ids[:2]), "unchanged records need no rules"
        assert all(f.brief_title == "Mesenchymal stem cells, a new title" for f in facts)

        calls: list[str] = []

        def counted(one: TrialFacts) -> Sequence[RuleLink]:
            calls.append(one.nct_id)
            return lib.linker(one)

        linker = remembered(counted)
        expected = [linker(f) for f in facts]
        assert [linker(f) for f in facts] == expected and len(calls) == len(facts), "each worked out once"
        assert linker(replace(facts[0], brief_title="other")) is not None and len(calls) == len(facts) + 1
    finally:
        lib.close()
