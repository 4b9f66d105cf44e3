"""The services' contract, shared by the CLI and the window.

* Results are plain frozen dataclasses built inside the transaction that read
  them: no ORM object leaves, and they stay usable after the library is closed.
* Errors are :class:`TrialTrackerError` subclasses whose ``exit_code`` says
  "bad input" (2) or "operation failed" (1), and a refused call changes nothing.
* Saved searches run after a complete refresh only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import open_either_library, open_test_library
from tests.ctgov_server import CtGovServer, Fault, make_study
from trialtracker.cli import classify_error
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.errors import (
    EXIT_FAIL,
    EXIT_USAGE,
    FileWriteError,
    InvalidInput,
    RegistryError,
    TrialTrackerError,
    UnusableDatabase,
)
from trialtracker.domain.nctid import InvalidIds
from trialtracker.services import discovery, exchange, listing, notes, refresh, topics, trials
from trialtracker.services.library import Library
from trialtracker.services.views import TrialDetail
from trialtracker.store.models import Base
from trialtracker.store.trials import NotTracked

CATALOG_IDS = [e.nct_id for e in load_catalog().entries]
MSC_STUDY = {
    "brief_title": "Mesenchymal stem cells in progressive MS",
    "conditions": ["Multiple Sclerosis"],
    "interventions": [{"type": "BIOLOGICAL", "name": "Mesenchymal stromal cells"}],
}


def assert_plain(value: Any, where: str = "result") -> None:
    """No ORM object anywhere inside ``value``; every dataclass in it is frozen."""
    assert not isinstance(value, Base), f"{where} is an ORM object ({type(value).__name__})"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        assert type(value).__dataclass_params__.frozen, f"{where}: {type(value).__name__} is not frozen"  # type: ignore[attr-defined]
        for f in dataclasses.fields(value):
            assert_plain(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_plain(item, f"{where}[{key!r}]")
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            assert_plain(item, f"{where}[{i}]")


@pytest.fixture
def library(either_library: Library) -> Library:
    """Every use case here runs on the local file and on a team library (PostgreSQL)."""
    return either_library


# --- plain results ------------------------------------------------------------------------------


def test_results_are_plain_frozen_dataclasses_usable_after_close(library: Library) -> None:
    notes.add_note(library, "NCT00273364", "# Questions\n- travel costs?")
    trials.star(library, ["NCT00273364"])
    assert trials.edit_tags(library, ["NCT00273364"], add=["ask-nurse"]) == {"NCT00273364": ("ask-nurse",)}
    discovery.add_watch(library, "MSC trials", "multiple sclerosis", "mesenchymal", "recruiting")
    assert trials.detail(library, "NCT09999999") is None

    detail = trials.detail(library, "nct00273364")
    results: dict[str, Any] = {
        "detail": detail,
        "require_detail": trials.require_detail(library, "NCT00273364"),
        "add": trials.add(library, ["NCT01234567", "NCT00273364"]),
        "history": trials.history(library, "NCT00273364"),
        "rows": listing.list_rows(library, include_candidates=True),
        "notes": notes.notes(library),
        "watches": discovery.list_watches(library),
        "candidates": discovery.candidates(library),
        "linked": topics.linked_trials(library, "hsct"),
        "links_by_topic": topics.links_by_topic(library),
        "tags": listing.tag_names(library),
    }
    library.close()

    for name, value in results.items():
        assert_plain(value, name)
    assert isinstance(detail, TrialDetail)
    assert (detail.nct_id, detail.acronym, detail.starred, detail.tags) == ("NCT00273364", "MIST", True,
                                                                           ("ask-nurse",))  # fmt: skip
    assert detail.catalog.in_catalog and (detail.catalog.cell_type or "").startswith("HSCT")
    assert [n.body for n in detail.notes] == ["# Questions\n- travel costs?"]
    assert "hsct" in {link.topic for link in detail.active_links}
    assert detail.changes == () and detail.last_refreshed is None
    # Everything it says is already there: the JSON shapes need no database.
    shown = json.loads(json.dumps(detail.as_json()))
    assert shown["nct_id"] == "NCT00273364" and shown["note_count"] == 1 and shown["tags"] == ["ask-nurse"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.title = "changed"  # type: ignore[misc]
    assert results["require_detail"] == detail
    assert results["add"].added == ["NCT01234567"] and results["add"].already == ["NCT00273364"]
    assert results["history"] == ("NCT00273364", [])
    assert results["watches"][0].statuses == ("RECRUITING",) and results["watches"][0].last_run_at is None
    assert "NCT00273364" in {t.nct_id for t in results["linked"]}
    assert results["tags"] == ["ask-nurse"]
    # Listed rows are built without the generated __init__ (see listing._snapshot): each must be whole.
    names = {f.name for f in dataclasses.fields(listing.TrialRow)}
    for row in results["rows"]:
        assert set(vars(row)) == names, row.nct_id
        rebuilt = listing.TrialRow(**vars(row))
        assert row == rebuilt and hash(row) == hash(rebuilt) and row.search_text == rebuilt.search_text
    with pytest.raises(dataclasses.FrozenInstanceError):
        results["rows"][0].starred = True  # type: ignore[misc]


# --- errors -------------------------------------------------------------------------------------


def _refusals(
    lib: Library, tmp_path: Path
) -> list[tuple[str, Callable[[], object], type[Exception], int, str]]:
    """(name, call, error class, exit code, words of the message) of calls that must be refused."""
    missing_dir = tmp_path / "missing-dir" / "out.json"
    return [
        ("add-invalid", lambda: trials.add(lib, ["NCT01234567", "NCT12AB"]), InvalidIds, EXIT_USAGE, "'NCT12AB'"),
        ("star-untracked", lambda: trials.star(lib, ["NCT09999999"]), NotTracked, EXIT_USAGE,
         "NCT09999999 is not tracked"),
        ("remove-untracked", lambda: trials.remove(lib, ["NCT00273364", "NCT09999999"]), NotTracked, EXIT_USAGE,
         "NCT09999999 is not tracked"),
        ("tag-invalid", lambda: trials.edit_tags(lib, ["bogus"], add=["x"]), InvalidIds, EXIT_USAGE, "'bogus'"),
        ("detail-untracked", lambda: trials.require_detail(lib, "NCT09999999"), NotTracked, EXIT_USAGE,
         "not tracked"),
        ("history-untracked", lambda: trials.history(lib, "NCT09999999"), NotTracked, EXIT_USAGE, "not tracked"),
        ("note-untracked", lambda: notes.require_tracked(lib, "NCT09999999"), NotTracked, EXIT_USAGE,
         "not tracked"),
        ("note-unknown", lambda: notes.save_note(lib, "NCT00273364", 987654, "x"), InvalidInput, EXIT_USAGE,
         "note 987654 does not exist"),
        ("topic-unknown", lambda: topics.set_link(lib, "NCT00273364", "no-such-topic", linked=True),
         InvalidInput, EXIT_USAGE, "unknown topic 'no-such-topic'"),
        ("topic-page-unknown", lambda: topics.require_topic("no-such-topic"), InvalidInput, EXIT_USAGE,
         "unknown topic"),
        ("watch-nameless", lambda: discovery.add_watch(lib, "  ", "ms", None, None), InvalidInput, EXIT_USAGE,
         "needs a name"),
        ("watch-empty", lambda: discovery.add_watch(lib, "w", None, "", None), InvalidInput, EXIT_USAGE,
         "needs a condition or an intervention"),
        ("watch-unknown", lambda: discovery.remove_watch(lib, "nope"), InvalidInput, EXIT_USAGE,
         "no watch named 'nope'"),
        ("export-format", lambda: exchange.export(lib, "pdf"), InvalidInput, EXIT_USAGE,
         "unknown export format 'pdf'"),
        ("export-unwritable", lambda: exchange.export_to_file(lib, "json", missing_dir), FileWriteError, EXIT_FAIL,
         "cannot write"),
        ("import-missing", lambda: exchange.import_file(lib, tmp_path / "nope.txt"), exchange.ImportFileError,
         EXIT_USAGE, "cannot read"),
    ]  # fmt: skip


def test_errors_are_trial_tracker_errors_with_their_exit_code_and_change_nothing(
    library: Library, tmp_path: Path
) -> None:
    discovery.add_watch(library, "kept", "multiple sclerosis", None, None)
    before = exchange.export_json(library)
    watches = discovery.list_watches(library)
    for name, call, kind, code, words in _refusals(library, tmp_path):
        with pytest.raises(kind) as exc_info:
            call()
        error = exc_info.value
        assert isinstance(error, TrialTrackerError), name
        assert error.exit_code == code, name
        assert isinstance(error, InvalidInput) == (code == EXIT_USAGE), name
        assert words in str(error) and "\n" not in str(error), (name, str(error))
        assert classify_error(error) == (code, str(error)), name
    assert exchange.export_json(library) == before, "a refused call changes nothing"
    assert discovery.list_watches(library) == watches
    assert not (tmp_path / "missing-dir").exists()


def test_an_unusable_database_is_refused_unchanged(data_dir: Path) -> None:
    data_dir.mkdir()
    db = data_dir / "trialtracker.sqlite3"
    db.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UnusableDatabase) as exc_info:
        open_test_library(data_dir)
    assert exc_info.value.exit_code == EXIT_USAGE and "not a Trial Tracker database" in str(exc_info.value)
    assert db.read_bytes() == b"not a database at all" * 100
    assert not (data_dir / "backups").exists()


def test_registry_trouble_is_a_registry_error_exit_1(ctgov_server: CtGovServer, data_dir: Path) -> None:
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    try:
        ctgov_server.inject(Fault.bad_request("The query.cond parameter is malformed", path="/studies"))
        with pytest.raises(RegistryError) as exc_info:
            discovery.discover(lib, "multiple sclerosis", None)
        assert exc_info.value.exit_code == EXIT_FAIL and not isinstance(exc_info.value, InvalidInput)
        assert "malformed" in str(exc_info.value)
        # The same search works once the registry answers.
        ctgov_server.add(make_study("NCT07000001", **MSC_STUDY))
        found = discovery.discover(lib, "multiple sclerosis", "mesenchymal")
        assert_plain(found.studies)
        assert [(s.nct_id, s.tracked) for s in found.studies] == [("NCT07000001", False)]
    finally:
        lib.close()


# --- notes --------------------------------------------------------------------------------------


def test_save_note_refuses_a_note_of_another_trial_and_changes_nothing(library: Library) -> None:
    mine = notes.add_note(library, "NCT00273364", "mine")
    theirs = notes.add_note(library, "NCT00288626", "theirs")
    before = notes.notes(library)
    assert before == [mine, theirs]
    with pytest.raises(InvalidInput) as exc_info:
        notes.save_note(library, "NCT00288626", mine.id, "hijacked")
    assert exc_info.value.exit_code == EXIT_USAGE
    assert str(exc_info.value) == f"note {mine.id} does not exist for NCT00288626"
    with pytest.raises(InvalidIds):
        notes.save_note(library, "bogus", mine.id, "hijacked")
    assert notes.notes(library) == before, "neither note changed, not even its time stamp"

    saved = notes.save_note(library, "nct00273364", mine.id, "edited")
    assert (saved.id, saved.nct_id, saved.body, saved.created_at) == (mine.id, "NCT00273364", "edited",
                                                                     mine.created_at)  # fmt: skip
    assert saved.updated_at >= mine.updated_at
    assert notes.notes(library) == [saved, theirs]


# --- refresh and saved searches -----------------------------------------------------------------


@pytest.fixture
def registry_library(ctgov_server: CtGovServer, data_dir: Path, database_url: str | None) -> Iterator[Library]:
    """A library whose settings point at the local registry (as ``--api-url`` would), pace 0; each engine."""
    ctgov_server.add_generated(*CATALOG_IDS)
    lib = open_either_library(data_dir, database_url, api_url=ctgov_server.url, pace=0)
    yield lib
    lib.close()


def _searches(server: CtGovServer) -> int:
    """Search requests (a refresh asks by ``filter.ids``; a watch by condition and intervention)."""
    return sum("filter.ids" not in r.params for r in server.studies_requests())


def test_refresh_library_runs_watches_only_after_a_complete_refresh(
    registry_library: Library, ctgov_server: CtGovServer
) -> None:
    lib = registry_library
    discovery.add_watch(lib, "MSC trials", "multiple sclerosis", "mesenchymal", None)
    ctgov_server.add(make_study("NCT07000001", **MSC_STUDY))

    chosen = refresh.refresh_library(lib, ["nct00273364", "NCT00288626"])
    assert chosen.ok and not chosen.complete and (chosen.requested, chosen.updated) == (2, 2)
    assert chosen.new_candidates == [] and chosen.watch_errors == []
    assert _searches(ctgov_server) == 0, "refreshing chosen IDs never runs the saved searches"
    assert discovery.candidates(lib) == [] and discovery.list_watches(lib)[0].last_run_at is None

    complete = refresh.refresh_library(lib)
    assert complete.ok and complete.complete and not complete.skipped and complete.updated >= 1
    assert complete.new_candidates == ["NCT07000001"] and complete.watch_errors == []
    searches = _searches(ctgov_server)
    assert searches >= 1
    found = discovery.candidates(lib)
    assert [(c.nct_id, c.watch, c.title) for c in found] == [
        ("NCT07000001", "MSC trials", MSC_STUDY["brief_title"])
    ]
    watch = discovery.list_watches(lib)[0]
    assert watch.last_run_at is not None and watch.new_candidates == 1 and (watch.last_total or 0) >= 1

    # Nothing changed upstream: the refresh is skipped, and so are the searches.
    skipped = refresh.refresh_library(lib)
    assert skipped.skipped and skipped.new_candidates == [] and _searches(ctgov_server) == searches
    # Upstream changed, but only chosen IDs are refreshed: still no searches.
    ctgov_server.data_timestamp = "2026-11-21T09:00:00"
    ctgov_server.add(make_study("NCT07000002", **{**MSC_STUDY, "brief_title": "Another MSC trial in MS"}))
    assert refresh.refresh_library(lib, ["NCT00273364"]).new_candidates == []
    assert _searches(ctgov_server) == searches
    # A forced complete refresh runs them and finds only what is new.
    forced = refresh.refresh_library(lib, force=True)
    assert forced.ok and forced.new_candidates == ["NCT07000002"] and _searches(ctgov_server) > searches

    assert discovery.track_candidates(lib, ["NCT07000001"]) == ["NCT07000001"]
    assert discovery.dismiss_candidates(lib, ["NCT07000002"]) == 1
    assert discovery.candidates(lib) == []
    assert "NCT07000001" in trials.tracked_ids(lib)


def test_a_failed_watch_is_reported_and_the_refresh_still_succeeds(
    registry_library: Library, ctgov_server: CtGovServer
) -> None:
    discovery.add_watch(registry_library, "broken", "multiple sclerosis", None, None)
    # The refresh batch is answered; the watch's search gets a 400 (not retried).
    ctgov_server.inject(
        Fault.slow(0, path="/studies"),
        Fault.bad_request("The query.cond parameter is malformed", path="/studies"),
    )
    summary = refresh.refresh_library(registry_library)
    assert summary.ok and summary.complete and summary.updated == len(CATALOG_IDS)
    assert summary.new_candidates == []
    assert len(summary.watch_errors) == 1 and summary.watch_errors[0].startswith("broken: ")
    assert "malformed" in summary.watch_errors[0]
    watch = discovery.list_watches(registry_library)[0]
    assert watch.last_error and "malformed" in watch.last_error


def test_refresh_on_start_is_due_when_never_refreshed_or_too_long_ago(
    ctgov_server: CtGovServer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctgov_server.add_generated(*CATALOG_IDS)
    off = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    try:
        assert not refresh.refresh_due_on_start(off), "off by default"
    finally:
        off.close()
    monkeypatch.setenv("TRIALTRACKER_REFRESH_ON_START", "true")
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    try:
        assert lib.settings.refresh_on_start and lib.settings.refresh_on_start_hours == 24
        assert refresh.refresh_due_on_start(lib), "never refreshed"
        assert refresh.last_run(lib) is None and refresh.last_successful_refresh(lib) is None
        assert refresh.refresh_library(lib).ok
        last = refresh.last_successful_refresh(lib)
        assert last is not None and last.tzinfo is not None
        assert not refresh.refresh_due_on_start(lib)
        assert not refresh.refresh_due_on_start(lib, now=last + dt.timedelta(hours=23))
        assert refresh.refresh_due_on_start(lib, now=last + dt.timedelta(hours=25))
    finally:
        lib.close()


def test_notes_search_folds_unicode_case_and_takes_the_query_literally(library: Library) -> None:
    from trialtracker.services import notes

    notes.add_note(library, "NCT00273364", "Fragen an die ÄRZTE: Straße, 50% der Kosten?")
    notes.add_note(library, "NCT00288626", "ask the nurse about travel_costs")
    notes.add_note(library, "NCT00288626", "plain text with nothing special")

    def found(query: str) -> list[str]:
        return [n.body[:6] for n in notes.notes(library, query=query)]

    assert found("ärzte") == found("ÄRZTE") == found("Ärzte") == ["Fragen"]
    assert found("STRASSE") == ["Fragen"], "casefold: ß matches ss"
    assert found("50%") == ["Fragen"] and found("%") == ["Fragen"], "% is a character, not a wildcard"
    assert found("travel_costs") == ["ask th"] and found("_") == ["ask th"], "_ is a character too"
    assert found("l%t") == [] and found("pl_in") == []


def test_reading_no_rows_or_untracked_ones_gives_nothing_on_either_engine(library: Library) -> None:
    """A window re-reads the rows another member touched; some may be gone (PostgreSQL refuses ``IN ()``)."""
    assert listing.list_rows(library, [], include_candidates=True) == []
    assert listing.list_rows(library, ["NCT09999999"], include_candidates=True) == []
