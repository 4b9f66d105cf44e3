"""Refresh benchmark: our batched refresh vs a naive one-GET-per-trial refresh, same run, same server.

Not part of the test suite. Run from the repository root:

    .venv/bin/python -m tests.bench.refresh_bench [N ...]      (default N = 10 100 1000 5000)

For each N it starts the local registry server of the tests (127.0.0.1) with N
studies, tracks them in a temporary data dir, and measures requests made,
bytes received and wall time for (a) ``trialtracker.refresh.refresh`` and (b) a
naive refresh that GETs ``/studies/{id}`` for each trial and stores it the
same way. Printed ratios are ours / naive (lower is better).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from tests.ctgov_server import CtGovServer, nct
from trialtracker.ctgov.client import CtGovClient
from trialtracker.paths import DataPaths
from trialtracker.refresh import refresh as batched_refresh
from trialtracker.refresh import store_record
from trialtracker.store.db import Store, open_store
from trialtracker.store.models import RefreshRun, Trial
from trialtracker.store.trials import add_trials


def fresh_store(root: Path, ids: list[str]) -> Store:
    store = open_store(DataPaths(root))
    with store.session() as s:
        add_trials(s, ids)
    return store


def naive_refresh(store: Store, client: CtGovClient, ids: list[str]) -> None:
    with store.session() as s:
        run = RefreshRun(requested=len(ids))
        s.add(run)
        s.flush()
        run_id = run.id
    for nct_id in ids:
        record = client.fetch_study(nct_id)
        with store.session() as s:
            trial = s.scalar(select(Trial).where(Trial.nct_id == nct_id))
            if record is not None and trial is not None:
                store_record(s, trial, record, run_id)


def measure(n: int) -> dict[str, float]:
    ids = [nct(1_000_000 + i) for i in range(n)]
    server = CtGovServer()
    server.add_generated(*ids)
    results: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for label, run in (("ours", "batched"), ("naive", "naive")):
                store = fresh_store(Path(tmp) / label, ids)
                client = CtGovClient(server.url, pace=0)
                started = time.perf_counter()
                if run == "batched":
                    summary = batched_refresh(store, client)
                    assert summary.ok and summary.updated == n, summary
                else:
                    naive_refresh(store, client, ids)
                results[f"{label}_seconds"] = time.perf_counter() - started
                results[f"{label}_requests"] = client.requests_made
                results[f"{label}_bytes"] = client.bytes_received
                client.close()
                store.close()
    finally:
        server.close()
    return results


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or [10, 100, 1000, 5000]
    header = (
        f"{'N':>6} | {'ours req':>8} {'naive req':>9} {'ratio':>7} | {'ours MB':>8} {'naive MB':>8} {'ratio':>6} "
        f"| {'ours s':>7} {'naive s':>8} {'ratio':>6} | req/trial"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        r = measure(n)
        print(
            f"{n:>6} | {r['ours_requests']:>8.0f} {r['naive_requests']:>9.0f} "
            f"{r['ours_requests'] / r['naive_requests']:>7.3f} | {r['ours_bytes'] / 1e6:>8.2f} "
            f"{r['naive_bytes'] / 1e6:>8.2f} {r['ours_bytes'] / r['naive_bytes']:>6.2f} | "
            f"{r['ours_seconds']:>7.2f} {r['naive_seconds']:>8.2f} {r['ours_seconds'] / r['naive_seconds']:>6.2f} | "
            f"{r['ours_requests'] / n:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
