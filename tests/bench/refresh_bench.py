"""Refresh benchmark: our batched refresh vs a naive one-GET-per-trial refresh, same run, same server.

Not part of the test suite. Run from the repository root:

    .venv/bin/python -m tests.bench.refresh_bench [N ...]      (default N = 10 100 1000 5000)

For each N it starts the local registry server of the tests (127.0.0.1) with N
studies, tracks them in a temporary data dir, and measures requests made,
bytes received and wall time for (a) ``trialtracker.services.refresh.run_refresh`` and (b) a
naive refresh that GETs ``/studies/{id}`` for each trial and stores it the
same way. Printed ratios are ours / naive (lower is better).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.ctgov_server import CtGovServer, nct
from trialtracker.ctgov.client import CtGovClient
from trialtracker.services import trials
from trialtracker.services.library import Library, open_library
from trialtracker.services.refresh import run_refresh
from trialtracker.services.settings import load_settings
from trialtracker.store import registry
from trialtracker.store.trials import get_trial


def fresh_library(root: Path, server: CtGovServer, ids: list[str]) -> Library:
    """A new library tracking exactly ``ids`` (the seeded catalog trials are removed again)."""
    lib = open_library(load_settings(data_dir=root, api_url=server.url, pace=0))
    trials.remove(lib, lib.seeded)
    trials.add(lib, ids)
    return lib


def naive_refresh(lib: Library, client: CtGovClient, ids: list[str]) -> None:
    with lib.transaction() as s:
        run_id = registry.start_run(s, len(ids))
    for nct_id in ids:
        record = client.fetch_study(nct_id)
        with lib.transaction() as s:
            trial = get_trial(s, nct_id)
            if record is not None and trial is not None:
                registry.store_record(s, trial, record, run_id, lib.linker)


def measure(n: int) -> dict[str, float]:
    ids = [nct(1_000_000 + i) for i in range(n)]
    server = CtGovServer()
    server.add_generated(*ids)
    results: dict[str, float] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for label, run in (("ours", "batched"), ("naive", "naive")):
                lib = fresh_library(Path(tmp) / label, server, ids)
                client = CtGovClient(server.url, pace=0)
                started = time.perf_counter()
                if run == "batched":
                    summary = run_refresh(lib, client)
                    assert summary.ok and summary.updated == n, summary
                else:
                    naive_refresh(lib, client, ids)
                results[f"{label}_seconds"] = time.perf_counter() - started
                results[f"{label}_requests"] = client.requests_made
                results[f"{label}_bytes"] = client.bytes_received
                client.close()
                lib.close()
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
