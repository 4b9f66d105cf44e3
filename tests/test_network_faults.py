"""A hostile or broken registry, end to end against a real local server (issue 12, items 11 and 16).

Redirects off the host or down to http, a server trickling a byte a second,
Ctrl-C in the middle of a refresh, JSON nested absurdly deep, NCT alias loops,
what the user reads while the registry is retried, and what -v/--debug log.
"""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import CliResult, open_test_library
from tests.ctgov_server import CtGovServer, Fault, make_study, nct
from tests.test_refresh import CATALOG_IDS, catalog_server  # noqa: F401 - the `server` fixture
from tests.tls_cert import make_certificate
from trialtracker.ctgov.client import ApiBadResponse, CtGovClient, DeadlineExceeded, RedirectRefused
from trialtracker.services import discovery
from trialtracker.services.refresh import last_run

CANCEL_LINE = "trialtracker: cancelled; nothing half-written"


@pytest.fixture
def other_server() -> Iterator[CtGovServer]:
    """A second registry: where a redirect would lead if it were followed."""
    with CtGovServer() as other:
        other.add_generated(*CATALOG_IDS)
        yield other


def statuses(cli: Callable[..., CliResult]) -> dict[str, str | None]:
    return {r["nct_id"]: r["overall_status"] for r in json.loads(cli("list", "--json").out)}


def one_line_error(result: CliResult, *words: str) -> None:
    assert result.code == 1, (result.out, result.err)
    assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    for word in words:
        assert word in result.err, result.err


# --------------------------------------------------------------------------- redirects


@pytest.mark.parametrize("host", ["localhost", "other-host.invalid"])
def test_redirect_to_another_host_is_refused_before_it_is_followed(
    cli: Callable[..., CliResult], server: CtGovServer, other_server: CtGovServer, host: str
) -> None:
    before = statuses(cli)
    server.inject(Fault.redirect(f"http://{host}:{other_server.port}/api/v2/studies", path="/studies"))
    result = cli("refresh")
    one_line_error(result, f"redirected to another host ({host}:{other_server.port}); not followed")
    assert other_server.requests == [], "the redirect must not be followed"
    assert len(server.studies_requests()) == 1, "a refused redirect is not retried"
    assert statuses(cli) == before


def test_redirect_within_the_registry_is_still_followed(server: CtGovServer) -> None:
    server.inject(Fault.redirect(f"{server.root}/api/v2/version", 302, path="/version"))
    with CtGovClient(server.url, pace=0) as client:
        assert client.version().api_version == server.api_version
    assert [r.path for r in server.requests] == ["/api/v2/version", "/api/v2/version"]


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the client trusts it via REQUESTS_CA_BUNDLE)."""
    return make_certificate(tmp_path_factory.mktemp("tls"))


def test_redirect_from_https_down_to_http_is_refused(
    cli: Callable[..., CliResult],
    other_server: CtGovServer,
    tls_files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # trusted, and still verified
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    with CtGovServer(tls=context) as secure:
        secure.add_generated(*CATALOG_IDS)
        assert secure.url.startswith("https://")
        first = cli("--api-url", secure.url, "refresh")
        assert first.code == 0, first.err  # the TLS set-up itself works
        before = statuses(cli)
        secure.data_timestamp = "2026-11-21T09:00:00"
        target = f"http://127.0.0.1:{other_server.port}/api/v2/studies"
        secure.inject(Fault.redirect(target, 301, path="/studies"))
        result = cli("--api-url", secure.url, "refresh")
    one_line_error(result, "redirected from https to http (127.0.0.1:", "not followed")
    assert other_server.requests == []
    assert statuses(cli) == before


# --------------------------------------------------------------------------- the overall time limit


def test_trickling_server_is_cut_off_at_the_time_limit(
    cli: Callable[..., CliResult], server: CtGovServer, data_dir: Path
) -> None:
    before = statuses(cli)
    server.inject(Fault.trickle(1.0, path="/studies"))
    started = time.monotonic()
    result = cli("refresh", "--timeout", "3")
    elapsed = time.monotonic() - started
    one_line_error(result, f"{len(CATALOG_IDS)} trial(s) failed to refresh", "within the 3 s time limit")
    assert 2.5 < elapsed < 15, elapsed
    assert len(server.studies_requests()) == 1, "nothing is retried after the time limit"
    assert statuses(cli) == before
    lib = open_test_library(data_dir)
    try:
        run = last_run(lib)
        assert run is not None and run.error is not None and "time limit" in run.error
    finally:
        lib.close()


def test_trickling_search_is_cut_off_at_the_time_limit(
    cli: Callable[..., CliResult], server: CtGovServer
) -> None:
    server.inject(Fault.trickle(1.0, path="/studies"))
    started = time.monotonic()
    result = cli("discover", "--timeout", "2")
    assert time.monotonic() - started < 12
    one_line_error(result, "within the 2 s time limit")


def test_trickling_watch_run_is_cut_off_at_the_time_limit(
    cli: Callable[..., CliResult], server: CtGovServer, data_dir: Path
) -> None:
    assert cli("watch", "add", "msc").code == 0
    server.inject(Fault.trickle(1.0, path="/studies"))
    started = time.monotonic()
    result = cli("watch", "run", "--timeout", "2")
    assert time.monotonic() - started < 12
    one_line_error(result, "within the 2 s time limit")  # the run stops: no watch is blamed for it
    lib = open_test_library(data_dir)
    try:
        assert [w.last_error for w in discovery.list_watches(lib)] == [None]
    finally:
        lib.close()


def test_time_limit_also_ends_the_waits_between_retries() -> None:
    # Nothing listens on port 9; the backoff alone would wait minutes.
    client = CtGovClient("http://127.0.0.1:9/api/v2", pace=0, backoff_base=60, max_tries=6)
    client.start_deadline(1.0)
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        client.version()
    assert time.monotonic() - started < 5
    client.close()


@pytest.mark.parametrize("value", ["0", "-5", "soon", "inf"])
def test_timeout_must_be_a_positive_number(cli: Callable[..., CliResult], value: str) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("refresh", "--timeout", value)
    assert exc.value.code == 2


# --------------------------------------------------------------------------- Ctrl-C


def _spawn(data_dir: Path, url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TRIALTRACKER_PACE": "0"}
    command = [sys.executable, "-m", "trialtracker", "--data-dir", str(data_dir), "--api-url", url, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the command ended early ({proc.returncode}): {out} {err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the command never got there")
        time.sleep(0.05)


def test_ctrl_c_during_refresh_exits_130_and_keeps_the_first_batch(
    cli: Callable[..., CliResult], ctgov_server: CtGovServer, data_dir: Path
) -> None:
    extra = [nct(9_000_000 + i) for i in range(250)]
    ctgov_server.add_generated(*CATALOG_IDS, *extra)
    assert cli("add", *extra).code == 0
    # Batch 1 answers at once; batch 2 hangs, so SIGINT lands while the client waits for it.
    ctgov_server.inject(Fault.slow(0, path="/studies"), Fault.slow(60, path="/studies"))
    proc = _spawn(data_dir, ctgov_server.url, "refresh")
    try:
        _wait_for(lambda: len(ctgov_server.studies_requests()) >= 2, proc)
        time.sleep(0.2)  # the second request is in flight
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, (out, err)
    assert err.splitlines() == [CANCEL_LINE]
    assert "(cancelled)" in out
    first = ctgov_server.studies_requests()[0].params["filter.ids"].split(",")
    assert len(first) == 100
    stored = statuses(cli)
    assert all(stored[n] is not None for n in first), "the first batch is stored"
    assert all(status is None for n, status in stored.items() if n not in first), "nothing else is"
    lib = open_test_library(data_dir)
    try:
        run = last_run(lib)
        assert run is not None and run.error == "cancelled" and run.updated == 100
    finally:
        lib.close()


def test_ctrl_c_during_discover_exits_130_with_one_line(server: CtGovServer, data_dir: Path) -> None:
    server.inject(Fault.slow(60, path="/studies"))
    proc = _spawn(data_dir, server.url, "discover")
    try:
        _wait_for(lambda: len(server.studies_requests()) >= 1, proc)
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and err.splitlines() == [CANCEL_LINE], (out, err)


# --------------------------------------------------------------------------- answers that must not be used


@pytest.mark.parametrize("depth", [100_000, 500], ids=["recursion-error", "over-the-limit"])
def test_absurdly_nested_json_is_refused_in_one_line(
    cli: Callable[..., CliResult], server: CtGovServer, depth: int
) -> None:
    before = statuses(cli)
    server.inject(Fault.deep(depth, path="/studies"))
    result = cli("refresh")
    one_line_error(result, "nested too deeply", "refused")
    assert statuses(cli) == before
    server.inject(Fault.deep(depth, path="/studies"))
    one_line_error(cli("discover"), "nested too deeply")


def test_alias_loop_between_two_studies_mixes_no_records(
    cli: Callable[..., CliResult], server: CtGovServer
) -> None:
    a, b = nct(8_100_001), nct(8_100_002)
    server.add(
        make_study(a, aliases=[b], brief_title="Study A"), make_study(b, aliases=[a], brief_title="Study B")
    )
    assert cli("add", a, b).code == 0
    before = statuses(cli)
    result = cli("refresh")
    one_line_error(result, "mixes up NCT IDs", "refused")
    assert statuses(cli) == before
    for ident in (a, b):
        shown = json.loads(cli("show", ident, "--json").out)
        assert shown["overall_status"] is None and shown["last_error"].startswith("refresh failed")


def test_one_alias_claimed_by_two_studies_is_refused(
    cli: Callable[..., CliResult], server: CtGovServer
) -> None:
    wanted = nct(8_200_000)
    server.add(make_study(nct(8_200_001), aliases=[wanted]), make_study(nct(8_200_002), aliases=[wanted]))
    assert cli("add", wanted).code == 0
    one_line_error(cli("refresh"), f"{wanted} is listed as an alias of both")
    assert statuses(cli)[wanted] is None


def test_a_redirect_loop_for_one_study_is_a_clear_error(ctgov_server: CtGovServer) -> None:
    a, b = nct(8_300_001), nct(8_300_002)
    ctgov_server.add(make_study(a, aliases=[b]))
    for _ in range(4):
        ctgov_server.inject(
            Fault.redirect(f"/api/v2/studies/{b}", 301, path=f"/studies/{a}"),
            Fault.redirect(f"/api/v2/studies/{a}", 301, path=f"/studies/{b}"),
        )
    with CtGovClient(ctgov_server.url, pace=0) as client, pytest.raises(ApiBadResponse, match="a loop"):
        client.fetch_study(a)


def test_one_study_answered_with_an_unrelated_one_is_refused(ctgov_server: CtGovServer) -> None:
    asked, other = nct(8_400_001), nct(8_400_002)
    ctgov_server.add(make_study(asked), make_study(other))
    ctgov_server.inject(Fault.redirect(f"/api/v2/studies/{other}", 301, path=f"/studies/{asked}"))
    with CtGovClient(ctgov_server.url, pace=0) as client:
        with pytest.raises(ApiBadResponse, match="does not list it as an alias"):
            client.fetch_study(asked)
        record = client.fetch_study(asked)  # the registry behaves again
        assert record is not None and record.nct_id == asked


def test_client_refuses_a_cross_host_redirect_directly(
    ctgov_server: CtGovServer, other_server: CtGovServer
) -> None:
    ctgov_server.add_generated(nct(1))
    ctgov_server.inject(Fault.redirect(f"http://localhost:{other_server.port}/api/v2/version"))
    with (
        CtGovClient(ctgov_server.url, pace=0) as client,
        pytest.raises(RedirectRefused, match="another host"),
    ):
        client.version()
    assert other_server.requests == []


# --------------------------------------------------------------------------- what the user reads


RETRY_LINE = re.compile(r"^trialtracker: registry not answering \((.+)\) — try (\d) of 6, next in [\d.]+ s$")


def test_unreachable_registry_says_what_is_retried(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    result = cli("--api-url", "http://127.0.0.1:9/api/v2", "refresh", "--timeout", "3")
    assert result.code == 1
    lines = result.err.splitlines()
    first = RETRY_LINE.match(lines[0])
    assert first is not None and first.groups() == ("connection refused", "2"), lines
    assert all(RETRY_LINE.match(line) for line in lines[:-1]), lines
    # Almost always the time limit ends it; if the random backoff let all six tries fit, retries ran out.
    assert "failed to refresh" in lines[-1] and ("time limit" in lines[-1] or "unavailable" in lines[-1])


def test_discover_says_what_is_retried_then_succeeds(
    cli: Callable[..., CliResult], server: CtGovServer
) -> None:
    server.inject(Fault.http(503, "<html>down for maintenance</html>", path="/studies"))
    result = cli("discover")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1 and RETRY_LINE.match(lines[0]), lines
    assert "(HTTP 503)" in lines[0] and "maintenance" not in lines[0]


def test_quiet_by_default_and_verbose_or_debug_never_log_notes_or_payloads(
    cli: Callable[..., CliResult], server: CtGovServer
) -> None:
    marker = "PAYLOAD-MARKER-9f2c"
    server.update("NCT00273364", brief_summary=f"Summary {marker}", brief_title=f"Title {marker}")
    secret = "my private note SECRET-4d1a"
    assert cli("--debug", "note", "NCT00273364", "--add", secret).err == ""  # our loggers stay quiet here
    quiet = cli("refresh")
    assert quiet.code == 0 and quiet.err == ""
    server.data_timestamp = "2026-11-21T09:00:00"
    verbose = cli("-v", "refresh", "--force")
    assert verbose.code == 0, verbose.err
    assert "refresh: batch 1 of 1 stored" in verbose.err
    assert "DEBUG" not in verbose.err
    debug = cli("refresh", "--force", "--debug")
    assert debug.code == 0, debug.err
    assert "GET /studies (try 1 of 6)" in debug.err and "HTTP 200" in debug.err
    for text in (
        verbose.err,
        debug.err,
        cli("--debug", "notes").err,
        cli("--debug", "show", "NCT00273364").err,
    ):
        assert marker not in text and "SECRET" not in text
        assert "INSERT" not in text and "SELECT" not in text, "SQL (and its parameters) is never logged"
