"""One refresh for the whole team (issue 17, item 4): a refresh holds a PostgreSQL advisory lock for its
whole run, a second member is told who is refreshing (or waits with --wait), a crashed refresher's lock
goes with its connection, and everyone sees "last refreshed by X at T"."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from tests.conftest import CliResult, TwoMembers, open_either_library
from tests.ctgov_server import CtGovServer
from tests.pg_server import PgServer
from trialtracker.domain.catalog import load_catalog
from trialtracker.services.refresh import RefreshSummary, last_run, refresh_library
from trialtracker.store.server import REFRESH_LOCK

Cli = Callable[..., CliResult]
CATALOG_IDS = [e.nct_id for e in load_catalog().entries]


@pytest.fixture
def registry(ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch) -> CtGovServer:
    ctgov_server.add_generated(*CATALOG_IDS)
    monkeypatch.setenv("TRIALTRACKER_API_URL", ctgov_server.url)
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    return ctgov_server


class Members(TwoMembers):
    def alice_refreshing(self) -> psycopg.Connection[tuple[object, ...]]:
        """Alice's app in the middle of a refresh: her run is started and she holds the lock."""
        conn = self.sql(self.alice, self.alice_password)
        conn.execute("INSERT INTO refresh_run (started_at, requested, updated, changed, not_found, failed, skipped) "
                     "VALUES (now() AT TIME ZONE 'UTC', 66, 0, 0, 0, 0, false)")  # fmt: skip
        conn.execute("SELECT pg_advisory_lock(%s)", (REFRESH_LOCK,))
        return conn


@pytest.fixture
def members(pg_server: PgServer) -> Members:
    return Members(pg_server)


def test_everyone_sees_who_refreshed_last(members: Members, registry: CtGovServer, cli: Cli) -> None:
    done = cli("--database-url", members.alice_url, "refresh")
    assert done.code == 0, done.err
    listed = cli("--database-url", members.bob_url, "list")
    assert f"UTC by {members.alice}" in listed.out.splitlines()[-1]
    assert "Last refreshed" not in cli("list").out  # a personal library's list is as it was


def test_a_second_refresh_is_told_who_is_refreshing(members: Members, registry: CtGovServer, cli: Cli) -> None:
    alice = members.alice_refreshing()
    try:
        busy = cli("--database-url", members.bob_url, "refresh")
        assert busy.code == 1 and busy.err.count("\n") == 1
        assert f"{members.alice} is refreshing the team library since" in busy.err and "--wait" in busy.err
        assert not registry.studies_requests()  # the registry was not asked twice
    finally:
        alice.close()  # her app ends (or crashes): the lock goes with the connection
    again = cli("--database-url", members.bob_url, "refresh")
    assert again.code == 0, again.err


def test_waiting_for_the_turn_then_refreshing(members: Members, registry: CtGovServer, data_dir: Path) -> None:
    alice = members.alice_refreshing()
    bob = open_either_library(data_dir, members.bob_url, api_url=registry.url, pace=0)
    outcome: list[RefreshSummary | BaseException] = []

    def refresh() -> None:
        try:
            outcome.append(refresh_library(bob, wait=True))
        except BaseException as exc:  # reported in the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=refresh)
    try:
        worker.start()
        time.sleep(0.5)
        assert worker.is_alive() and not outcome and not registry.studies_requests()  # waiting its turn
        alice.execute("SELECT pg_advisory_unlock(%s)", (REFRESH_LOCK,))
        worker.join(30)
        (summary,) = outcome
        assert isinstance(summary, RefreshSummary) and summary.ok and summary.updated == len(CATALOG_IDS)
        run = last_run(bob)
        assert run is not None and run.by == bob.store.engine.url.username
    finally:
        alice.close()
        bob.close()


def test_a_refresh_in_a_personal_library_takes_no_team_lock(registry: CtGovServer, data_dir: Path) -> None:
    lib = open_either_library(data_dir, None, api_url=registry.url, pace=0)
    try:
        assert refresh_library(lib).ok
        run = last_run(lib)
        assert run is not None and run.by is None
    finally:
        lib.close()
