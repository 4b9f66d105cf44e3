"""Refresh, change history, watches and discovery end to end: CLI -> client -> a real local server.

Every fault test also proves that what was stored before (trials, notes, tags,
stars, history) is still there afterwards.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import CliResult, open_either_library
from tests.ctgov_server import CtGovServer, Fault, make_study, nct
from trialtracker.ctgov.client import CtGovClient
from trialtracker.domain.catalog import load_catalog
from trialtracker.services import listing, notes, trials
from trialtracker.services.library import Library
from trialtracker.services.refresh import last_run, run_refresh

CATALOG_IDS = [e.nct_id for e in load_catalog().entries]


@pytest.fixture
def cli(either_cli):  # type: ignore[no-untyped-def]
    """Every refresh here runs on the local file and on a team library (PostgreSQL)."""
    return either_cli


@pytest.fixture
def library(either_library: Library) -> Library:
    return either_library


@pytest.fixture(name="server")
def catalog_server(ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch) -> CtGovServer:
    """The test registry serving the catalog's trials, and the CLI pointed at it with no pace."""
    ctgov_server.add_generated(*CATALOG_IDS)
    monkeypatch.setenv("TRIALTRACKER_API_URL", ctgov_server.url)
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    return ctgov_server


def snapshot(cli) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the user owns: notes, tags, stars, and the stored registry fields."""
    rows = json.loads(cli("list", "--json").out)
    return {
        "notes": json.loads(cli("notes", "--json").out),
        "flags": {r["nct_id"]: (r["starred"], r["tags"]) for r in rows},
        "status": {r["nct_id"]: r["overall_status"] for r in rows},
    }


def user_data(cli) -> None:  # type: ignore[no-untyped-def]
    cli("note", "NCT00273364", "--add", "# Questions\n- travel costs?")
    cli("star", "NCT00273364")
    cli("tag", "NCT00288626", "hsct", "usa")


def test_first_refresh_fetches_all_in_one_batch_and_records_first_fetch(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    user_data(cli)
    result: CliResult = cli("refresh")
    assert result.code == 0, result.err
    n = len(CATALOG_IDS)
    assert f"requested {n}, updated {n}, changed 0, not found 0, failed 0" in result.out
    studies = server.studies_requests()
    assert len(studies) == 1, "58 trials must cost one /studies request, not one per trial"
    params = studies[0].params
    assert int(params["pageSize"]) >= n and params["fields"]
    assert len(params["filter.ids"].split(",")) == n
    history = json.loads(cli("history", "NCT00273364", "--json").out)
    assert [h["field"] for h in history] == ["first_fetch"]
    assert cli("list", "--changed").out.startswith("No trials with unreviewed changes")
    shown = json.loads(cli("show", "NCT00273364", "--json").out)
    assert shown["overall_status"] and shown["last_refreshed"] and shown["notes"][0]["body"].startswith("# Q")
    assert shown["starred"] is True
    assert shown["catalog"]["cell_type"].startswith("HSCT"), "catalog facts survive the registry data"


def test_unchanged_registry_is_skipped_unless_forced(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    assert cli("refresh").code == 0
    before = len(server.studies_requests())
    result = cli("refresh")
    assert result.code == 0 and "Nothing to do" in result.out
    assert len(server.studies_requests()) == before
    forced = cli("refresh", "--force")
    assert forced.code == 0 and f"updated {len(CATALOG_IDS)}" in forced.out
    assert len(server.studies_requests()) == before + 1


def test_changes_become_history_rows_until_reviewed(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    server.update("NCT00273364", overall_status="RECRUITING", enrollment=110, enrollment_type="ESTIMATED",
                  completion_date=("2027-06", "ESTIMATED"), has_results=False)  # fmt: skip
    assert cli("refresh").code == 0
    server.update("NCT00273364", overall_status="COMPLETED", enrollment=98, enrollment_type="ACTUAL",
                  completion_date=("2026-12-01", "ACTUAL"), has_results=True, last_update_posted="2026-11-20")  # fmt: skip
    server.data_timestamp = "2026-11-21T09:00:00"
    result = cli("refresh")
    assert result.code == 0, result.err
    assert "changed 1" in result.out and "Status: Recruiting -> Completed" in result.out
    rows = {h["field"]: h for h in json.loads(cli("history", "NCT00273364", "--json").out)}
    assert rows["overall_status"]["old"] == "RECRUITING" and rows["overall_status"]["new"] == "COMPLETED"
    assert rows["enrollment_count"]["old"] == "110" and rows["enrollment_count"]["new"] == "98"
    assert rows["enrollment_type"]["new"] == "ACTUAL"
    assert rows["completion_date"]["new"] == "2026-12-01" and rows["completion_date_type"]["new"] == "ACTUAL"
    assert rows["has_results"]["new"] == "yes"
    assert all(not r["reviewed"] and r["detected_at"] for f, r in rows.items() if f != "first_fetch")
    assert rows["overall_status"]["detected_at"]
    assert [r["nct_id"] for r in json.loads(cli("list", "--changed", "--json").out)] == ["NCT00273364"]
    assert cli("review", "NCT00273364").code == 0
    assert json.loads(cli("list", "--changed", "--json").out) == []
    assert cli("review").code == 2
    assert cli("review", "--all").code == 0


def test_site_counts_and_recruiting_sites_are_watched(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    site = {"facility": "Hospital A", "city": "Oslo", "country": "Norway", "status": "RECRUITING"}
    server.update("NCT03477500", locations=[site])
    cli("refresh")
    server.update(
        "NCT03477500", locations=[site, {**site, "facility": "Hospital B", "status": "NOT_YET_RECRUITING"}]
    )
    server.data_timestamp = "2026-11-21T09:00:00"
    cli("refresh")
    fields = {h["field"]: h for h in json.loads(cli("history", "NCT03477500", "--json").out)}
    assert (fields["site_count"]["old"], fields["site_count"]["new"]) == ("1", "2")
    assert "recruiting_sites" not in fields and "recruiting_places" not in fields
    # A site opening somewhere new is named, so a reader sees whether it is near them.
    server.update("NCT03477500", locations=[site, {**site, "facility": "Hospital B", "city": "Bergen"}])
    server.data_timestamp = "2026-11-22T09:00:00"
    cli("refresh")
    fields = {h["field"]: h for h in json.loads(cli("history", "NCT03477500", "--json").out)}
    assert (fields["recruiting_places"]["old"], fields["recruiting_places"]["new"]) == (
        "Oslo, Norway", "Bergen, Norway; Oslo, Norway"
    )  # fmt: skip
    assert (
        "Where it recruits: Oslo, Norway -> Bergen, Norway; Oslo, Norway" in cli("history", "NCT03477500").out
    )


def test_trial_missing_upstream_is_marked_not_found_not_an_error_for_all(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    del server.studies["NCT00288626"]
    result = cli("refresh")
    assert result.code == 0
    assert "not found 1" in result.out and "Not found in the registry: NCT00288626" in result.out
    row = next(r for r in json.loads(cli("list", "--json").out) if r["nct_id"] == "NCT00288626")
    assert row["not_found"] is True and "not found" in row["last_error"]


def test_alias_id_maps_back_to_the_tracked_trial(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    server.add(make_study("NCT05000001", aliases=["NCT04999999"], overall_status="RECRUITING"))
    assert cli("add", "NCT04999999").code == 0
    result = cli("refresh", "NCT04999999")
    assert result.code == 0, result.err
    assert "updated 1" in result.out
    shown = json.loads(cli("show", "NCT04999999", "--json").out)
    assert shown["overall_status"] == "RECRUITING" and "NCT04999999" in shown["aliases"]


def test_refresh_of_untracked_or_invalid_id_is_bad_input(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    assert cli("refresh", "NCT09999999").code == 2
    bad = cli("refresh", "NCT12X")
    assert bad.code == 2 and "NCT12X" in bad.err
    assert server.requests == []


@pytest.mark.parametrize(
    "fault",
    [
        Fault.throttle("1", path="/studies"),
        Fault.throttle(None, path="/studies"),
        Fault.http(500, path="/studies"),
        Fault.http(502, path="/studies"),
        Fault.http(503, path="/studies"),
        Fault.http(403, "Forbidden", path="/studies"),
        Fault.reset(path="/studies"),
        Fault.html(503, path="/studies"),
    ],
    ids=["429-retry-after", "429", "500", "502", "503", "403", "reset", "html-503"],
)
def test_transient_faults_are_retried_and_the_refresh_succeeds(
    cli, server: CtGovServer, fault: Fault
) -> None:  # type: ignore[no-untyped-def]
    user_data(cli)
    before = snapshot(cli)
    server.inject(fault)
    started = time.monotonic()
    result = cli("refresh")
    assert result.code == 0, result.err
    assert f"updated {len(CATALOG_IDS)}" in result.out and "failed 0" in result.out
    assert len(server.studies_requests()) == 2, "one failed try, one retry"
    if fault.headers.get("Retry-After") == "1":
        assert time.monotonic() - started >= 0.9, "Retry-After must be honoured"
    after = snapshot(cli)
    assert after["notes"] == before["notes"] and after["flags"] == before["flags"]


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (Fault.truncated(path="/studies"), "JSON"),
        (Fault.html(200, path="/studies"), "HTML"),
        (Fault.bad_request("The filter.ids parameter is malformed", path="/studies"), "malformed"),
    ],
    ids=["truncated-json", "html-200", "400-text"],
)
def test_bad_answers_fail_clearly_and_lose_nothing(
    cli, server: CtGovServer, fault: Fault, message: str
) -> None:  # type: ignore[no-untyped-def]
    user_data(cli)
    assert cli("refresh").code == 0
    server.update("NCT00273364", overall_status="TERMINATED", why_stopped="funding")
    server.data_timestamp = "2026-11-21T09:00:00"
    before = snapshot(cli)
    server.inject(fault)
    result = cli("refresh")
    assert result.code == 1
    assert message.lower() in result.err.lower()
    assert f"{len(CATALOG_IDS)} trial(s) failed to refresh" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert snapshot(cli) == before
    shown = json.loads(cli("show", "NCT00273364", "--json").out)
    assert shown["last_error"].startswith("refresh failed")
    # The next refresh (registry healthy again) picks the change up: the timestamp was not advanced.
    again = cli("refresh")
    assert again.code == 0 and "Status: " in again.out and "Terminated" in again.out
    assert json.loads(cli("show", "NCT00273364", "--json").out)["last_error"] is None


def test_empty_page_with_a_next_token_stops_instead_of_looping(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    server.inject(Fault.empty_page_with_token())
    result = cli("refresh")
    # The registry said "nothing here" for that batch: every trial is reported not found, nothing crashes.
    assert result.code == 0 and f"not found {len(CATALOG_IDS)}" in result.out
    assert len(server.studies_requests()) == 1


def test_schema_drift_is_tolerated(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    server.inject(Fault.drift(path="/studies"))
    result = cli("refresh")
    assert result.code == 0, result.err
    assert f"updated {len(CATALOG_IDS)}" in result.out


def test_outage_in_a_later_batch_keeps_earlier_batches(library: Library, ctgov_server: CtGovServer) -> None:
    extra = [nct(9_000_000 + i) for i in range(250)]
    ctgov_server.add_generated(*CATALOG_IDS, *extra)
    trials.add(library, extra)
    notes.add_note(library, extra[-1], "must survive")
    client = CtGovClient(ctgov_server.url, pace=0, backoff_base=0.001, max_tries=3)
    assert run_refresh(library, client).ok
    ctgov_server.data_timestamp = "2026-11-21T09:00:00"
    ctgov_server.inject(Fault.slow(0, path="/studies"), Fault.slow(0, path="/studies"),
                        *[Fault.http(503, path="/studies")] * 3)  # fmt: skip
    summary = run_refresh(library, client)
    total = len(CATALOG_IDS) + 250
    assert summary.updated == 200 and len(summary.failed) == total - 200
    assert summary.error and "503" in summary.error
    failed = [row.nct_id for row in listing.list_rows(library) if row.last_error]
    assert sorted(failed) == sorted(summary.failed)
    assert [n.body for n in notes.notes(library, extra[-1])] == ["must survive"]
    # The failed run did not advance the stored data timestamp, so the next run is complete.
    summary = run_refresh(library, client)
    assert summary.ok and not summary.skipped and summary.updated == total
    assert run_refresh(library, client).skipped


def test_unchanged_registry_still_fetches_trials_added_since(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    assert cli("refresh").code == 0
    server.add_generated("NCT06000001")
    cli("add", "NCT06000001")
    result = cli("refresh")
    assert result.code == 0 and "requested 1, updated 1" in result.out
    assert server.studies_requests()[-1].params["filter.ids"] == "NCT06000001"


def test_read_timeout_is_retried(library: Library, ctgov_server: CtGovServer) -> None:
    ctgov_server.add_generated(*CATALOG_IDS)
    ctgov_server.inject(Fault.slow(1.0, path="/studies"))
    client = CtGovClient(ctgov_server.url, pace=0, backoff_base=0.001, timeout=(2, 0.3))
    summary = run_refresh(library, client)
    assert summary.ok and summary.updated == len(CATALOG_IDS)


def test_registry_down_is_exit_1_and_nothing_is_lost(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Nothing listens on port 9: connection refused on every try.
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    user_data(cli)
    before = snapshot(cli)
    result = cli("refresh")
    assert result.code == 1
    assert f"{len(CATALOG_IDS)} trial(s) failed to refresh" in result.err
    assert "unavailable" in result.err and "connection refused" in result.err
    assert snapshot(cli) == before


def test_manual_topic_links_survive_refresh(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    assert cli("unlink", "NCT00273364", "hsct").code == 0
    assert cli("link", "NCT00273364", "remyelination").code == 0
    assert cli("link", "NCT00273364", "no-such-topic").code == 2
    cli("refresh")
    server.update("NCT00273364", overall_status="COMPLETED")
    server.data_timestamp = "2026-11-21T09:00:00"
    cli("refresh")
    topics = json.loads(cli("list", "--json").out)
    row = next(r for r in topics if r["nct_id"] == "NCT00273364")
    assert "hsct" not in row["topics"] and "remyelination" in row["topics"]


def test_watches_flag_new_candidates_on_refresh(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    assert (
        cli("watch", "add", "MSC trials", "--cond", "multiple sclerosis", "--intr", "mesenchymal").code == 0
    )
    assert cli("watch", "add", "MSC trials").code == 2
    cli("refresh")
    assert cli("candidates").out.strip() == "No new candidates."
    server.add(make_study("NCT07000001", brief_title="Mesenchymal stem cells in progressive MS",
                          conditions=["Multiple Sclerosis"],
                          interventions=[{"type": "BIOLOGICAL", "name": "Mesenchymal stromal cells"}]))  # fmt: skip
    server.data_timestamp = "2026-11-21T09:00:00"
    result = cli("refresh")
    assert "New candidates from watches: NCT07000001" in result.out
    rows = json.loads(cli("candidates", "--json").out)
    assert [r["nct_id"] for r in rows] == ["NCT07000001"]
    assert cli("candidates", "--dismiss", "NCT07000001").code == 0
    assert json.loads(cli("candidates", "--json").out) == []
    watches = json.loads(cli("watch", "list", "--json").out)
    assert watches[0]["name"] == "MSC trials" and watches[0]["last_total"] >= 1
    # Running the watches by hand finds what is new since, without a refresh.
    server.add(make_study("NCT07000003", brief_title="Mesenchymal cells, second study",
                          conditions=["Multiple Sclerosis"],
                          interventions=[{"type": "BIOLOGICAL", "name": "Mesenchymal stromal cells"}]))  # fmt: skip
    ran = cli("watch", "run")
    assert ran.code == 0 and "New candidates: NCT07000003" in ran.out
    again = cli("watch", "run")
    assert again.code == 0 and "New candidates: none" in again.out
    server.inject(Fault.http(400, path="/studies"))
    failed = cli("watch", "run")
    assert failed.code == 1 and "watch MSC trials:" in failed.err and failed.err.count("\n") == 1
    # Editing: the changed search forgets its last count; bad edits are one-line errors, exit 2.
    edited = cli("watch", "edit", "MSC trials", "--rename", "MSC any", "--intr", "mesenchymal OR stromal")
    assert edited.code == 0 and "intr=mesenchymal OR stromal" in edited.out
    watch = json.loads(cli("watch", "list", "--json").out)[0]
    assert (watch["name"], watch["intr"], watch["last_total"]) == ("MSC any", "mesenchymal OR stromal", None)
    for bad in (("MSC any",), ("MSC any", "--cond", "", "--intr", ""), ("nope", "--cond", "x")):
        refused = cli("watch", "edit", *bad)
        assert refused.code == 2 and refused.err.count("\n") == 1, refused.err
    assert cli("watch", "remove", "MSC any").code == 0
    assert cli("watch", "remove", "MSC any").code == 2


def test_discover_marks_tracked_results(cli, server: CtGovServer) -> None:  # type: ignore[no-untyped-def]
    server.add(make_study("NCT07000002", brief_title="Neural stem cells for SPMS", overall_status="RECRUITING",
                          conditions=["Multiple Sclerosis"],
                          interventions=[{"type": "BIOLOGICAL", "name": "neural stem cells"}]))  # fmt: skip
    result = cli("discover", "--intr", "neural stem", "--status", "RECRUITING", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["total"] >= 1 and {"nct_id", "title", "overall_status", "tracked"} <= set(data["studies"][0])
    found = {s["nct_id"]: s for s in data["studies"]}
    assert found["NCT07000002"]["tracked"] is False
    first = server.studies_requests()[0].params
    assert first["countTotal"] == "true" and first["filter.overallStatus"] == "RECRUITING"
    cli("add", "NCT07000002")
    again = json.loads(cli("discover", "--intr", "neural stem", "--json").out)
    assert {s["nct_id"]: s for s in again["studies"]}["NCT07000002"]["tracked"] is True


def test_refresh_run_rows_record_counts(library: Library, server: CtGovServer) -> None:
    from sqlalchemy import select

    from trialtracker.store.models import RefreshRun

    client = CtGovClient(server.url, pace=0)
    run_refresh(library, client)
    server.inject(*[Fault.http(500, path="/studies")] * 2)
    summary = run_refresh(
        library, CtGovClient(server.url, pace=0, max_tries=2, backoff_base=0.001), force=True
    )
    with library.transaction() as s:
        runs = list(s.scalars(select(RefreshRun).order_by(RefreshRun.id)))
        assert [(r.requested, r.updated, r.failed, r.error is None) for r in runs] == [
            (len(CATALOG_IDS), len(CATALOG_IDS), 0, True),
            (len(CATALOG_IDS), 0, len(CATALOG_IDS), False),
        ]
        assert all(r.finished_at for r in runs)
        last = runs[-1]
    # The services show the same run as a plain picture.
    shown = last_run(library)
    assert shown is not None and (shown.finished_at, shown.updated, shown.error) == (
        last.finished_at,
        0,
        summary.error,
    )
    assert summary.error and "500" in summary.error


def test_refreshing_chosen_ids_does_not_hide_upstream_changes_from_the_next_complete_refresh(
    library: Library, ctgov_server: CtGovServer
) -> None:
    ctgov_server.add_generated(*CATALOG_IDS)
    ctgov_server.update("NCT00288626", overall_status="RECRUITING")
    client = CtGovClient(ctgov_server.url, pace=0)
    assert run_refresh(library, client).ok
    ctgov_server.update("NCT00288626", overall_status="COMPLETED")
    ctgov_server.data_timestamp = "2026-11-21T09:00:00"
    assert run_refresh(library, client, ["NCT00273364"]).ok
    summary = run_refresh(library, client)
    assert not summary.skipped and summary.changed == 1
    detail = trials.detail(library, "NCT00288626")
    assert detail is not None and detail.overall_status == "COMPLETED"


def test_a_bundle_entry_is_the_trial_as_the_detail_view_shows_it(
    cli, server: CtGovServer, data_dir: Path, database_url: str | None
) -> None:  # type: ignore[no-untyped-def]
    """The bundle is read with plain SQL, the detail view through the ORM: every entry must be the
    detail's JSON (without the trial page), with sites, interventions, changes, links, tags and notes."""
    assert cli("refresh").code == 0
    user_data(cli)
    cli("note", "NCT00273364", "--add", "second note")
    cli("note", "NCT04047628", "--add", "outlives the trial")
    cli("remove", "NCT04047628")
    bundle = json.loads(cli("export").out)
    lib = open_either_library(data_dir, database_url)
    try:
        for entry in bundle["trials"]:
            assert entry == trials.require_detail(lib, entry["nct_id"]).as_json(page=False), entry["nct_id"]
    finally:
        lib.close()
    mist = next(t for t in bundle["trials"] if t["nct_id"] == "NCT00273364")
    assert mist["locations"] and mist["interventions"] and mist["changes"] and len(mist["notes"]) == 2
    assert next(t for t in bundle["trials"] if t["nct_id"] == "NCT00288626")["tags"] == ["hsct", "usa"]
    assert [(n["nct_id"], n["body"]) for n in bundle["untracked_notes"]] == [
        ("NCT04047628", "outlives the trial")
    ]


def test_the_full_registry_record_is_exported_only_when_asked(
    cli, server: CtGovServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A bundle stays small and readable; ``--raw`` adds each trial's record as the registry sent it,
    and such a bundle still imports (the records are for reading, not for restoring)."""
    assert cli("refresh").code == 0
    plain = json.loads(cli("export").out)
    assert all("raw" not in t for t in plain["trials"])
    full_file = tmp_path / "full.json"
    assert cli("export", "--raw", "-o", str(full_file)).code == 0
    full = json.loads(full_file.read_text(encoding="utf-8"))
    mist = next(t for t in full["trials"] if t["nct_id"] == "NCT00273364")
    assert mist["raw"]["protocolSection"]["identificationModule"]["nctId"] == "NCT00273364"
    assert all(t["raw"] is not None for t in full["trials"]), "every trial was refreshed"
    assert len(full_file.read_bytes()) > len(cli("export").out.encode())
    assert [{k: v for k, v in t.items() if k != "raw"} for t in full["trials"]] == plain["trials"]

    refused = cli("export", "--format", "csv", "--raw")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "--format json" in refused.err

    other = tmp_path / "other"
    from trialtracker.cli import main

    assert main(["--data-dir", str(other), "import", str(full_file)]) == 0
    assert main(["--data-dir", str(other), "show", "NCT00273364"]) == 0
