"""Store round-trips: the ORM model, notes outliving trials, tags, stars, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tests.ctgov_server import make_study
from tests.pg_server import PgServer
from trialtracker.ctgov.parser import parse_study
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.errors import EXIT_FAIL, EXIT_USAGE, DatabaseError, InvalidInput
from trialtracker.domain.fields import FIRST_FETCH, WATCHED_FIELDS, FieldChange
from trialtracker.domain.nctid import InvalidIds
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.store import registry as rstore
from trialtracker.store import trials as ops
from trialtracker.store.db import Store, StoreError, open_store
from trialtracker.store.models import Change, Note, RefreshRun, Trial
from trialtracker.store.server import make_server_engine, migrate_server, open_server_store
from trialtracker.topics.rules import link_rules

CATALOG = load_catalog().by_id


def add(session: Session, ids: Iterable[str]) -> ops.AddResult:
    """``add_trials`` as the services call it: catalog facts and topic rules handed in."""
    return ops.add_trials(session, ids, CATALOG, link_rules)


@pytest.fixture(params=["file", "server"])
def store(request: pytest.FixtureRequest, paths: DataPaths) -> Iterator[Store]:
    """An empty store at head on each engine: the local file, and a database on a real PostgreSQL server."""
    if request.param == "file":
        s: Store = open_store(paths)
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        url = server.url(server.new_database())
        engine = make_server_engine(url)
        migrate_server(engine)
        engine.dispose()
        s = open_server_store(url, paths)
    yield s
    s.close()


def test_sqlite_pragmas_wal_foreign_keys_busy_timeout(paths: DataPaths) -> None:
    store = open_store(paths)  # the local file's own settings (a server has none of these)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        store.close()


def test_trial_round_trip_keeps_registry_fields_and_date_precision(store: Store) -> None:
    with store.session() as s:
        s.add(
            Trial(
                nct_id="NCT01234567",
                brief_title="MSC for progressive MS",
                phases=["PHASE1", "PHASE2"],
                enrollment_count=24,
                enrollment_type="ESTIMATED",
                start_date="2019-03",
                start_date_type="ACTUAL",
                completion_date="2027",
                completion_date_type=None,
                conditions=["Multiple Sclerosis"],
                locations=[{"country": "Spain", "status": "RECRUITING"}],
                has_results=False,
            )
        )
    with store.session() as s:
        t = ops.get_trial(s, "NCT01234567")
        assert t is not None
        assert (t.start_date, t.start_date_type) == ("2019-03", "ACTUAL")
        assert (t.completion_date, t.completion_date_type) == ("2027", None)
        assert t.phases == ["PHASE1", "PHASE2"]
        assert t.locations == [{"country": "Spain", "status": "RECRUITING"}]
        assert t.tracked_since.tzinfo is not None


def test_note_outlives_removal_and_returns_when_re_added(store: Store) -> None:
    with store.session() as s:
        add(s, ["NCT01234567"])
        ops.add_note(s, "NCT01234567", "Ask Dr. K about *eligibility*")
        ops.add_tags(s, "NCT01234567", ["ask-nurse"])
    with store.session() as s:
        ops.remove_trials(s, ["NCT01234567"])
    with store.session() as s:
        assert ops.get_trial(s, "NCT01234567") is None
        assert [n.body for n in ops.notes(s, "NCT01234567")] == ["Ask Dr. K about *eligibility*"]
        add(s, ["nct01234567"])
    with store.session() as s:
        trial = ops.get_trial(s, "NCT01234567")
        assert trial is not None
        assert [n.body for n in trial.notes] == ["Ask Dr. K about *eligibility*"]


def test_removing_a_trial_deletes_its_history_but_not_notes(store: Store) -> None:
    with store.session() as s:
        add(s, ["NCT01234567"])
        trial = ops.get_trial(s, "NCT01234567")
        assert trial is not None
        s.add(Change(trial_id=trial.id, field="overall_status", old="RECRUITING", new="COMPLETED"))
        ops.add_note(s, "NCT01234567", "keep me")
    with store.session() as s:
        ops.remove_trials(s, ["NCT01234567"])
    with store.session() as s:
        assert s.scalars(select(Change)).all() == []
        assert len(s.scalars(select(Note)).all()) == 1


def test_add_is_all_or_nothing_on_an_invalid_id(store: Store) -> None:
    with pytest.raises(InvalidIds, match="'NCT1234x'") as exc_info, store.session() as s:
        add(s, ["NCT01234567", "NCT1234x"])
    assert isinstance(exc_info.value, InvalidInput) and exc_info.value.exit_code == EXIT_USAGE
    with store.session() as s:
        assert ops.tracked_ids(s) == []


def test_failed_transaction_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as s:
        add(s, ["NCT01234567"])
        ops.add_note(s, "NCT01234567", "lost with the rollback")
        raise RuntimeError("boom")
    with store.session() as s:
        assert ops.tracked_ids(s) == []
        assert ops.notes(s) == []


def test_tags_and_star(store: Store) -> None:
    with store.session() as s:
        add(s, ["NCT01234567", "NCT07654321"])
        ops.add_tags(s, "NCT01234567", ["  intrathecal ", "spain"])
        ops.add_tags(s, "NCT07654321", ["spain"])
        ops.set_starred(s, "NCT01234567", True)
    with store.session() as s:
        t = ops.require_trial(s, "NCT01234567")
        assert [tag.name for tag in t.tags] == ["intrathecal", "spain"]
        assert t.starred
        ops.remove_tags(s, "NCT01234567", ["spain"])
        assert ops.all_tag_names(s) == ["intrathecal", "spain"]
    with store.session() as s:
        assert [tag.name for tag in ops.require_trial(s, "NCT01234567").tags] == ["intrathecal"]
        with pytest.raises(ops.NotTracked, match="NCT09999999 is not tracked") as exc_info:
            ops.set_starred(s, "NCT09999999", True)
    # A store's refusal is bad input: exit code 2, never a database failure.
    assert isinstance(exc_info.value, StoreError) and isinstance(exc_info.value, InvalidInput)
    assert exc_info.value.exit_code == EXIT_USAGE


def test_changes_are_unreviewed_until_marked(store: Store) -> None:
    with store.session() as s:
        add(s, ["NCT01234567", "NCT07654321"])
        for nct in ("NCT01234567", "NCT07654321"):
            trial = ops.require_trial(s, nct)
            s.add(Change(trial_id=trial.id, field="overall_status", old="RECRUITING", new="COMPLETED"))
        s.add(RefreshRun(requested=2, updated=2, changed=2))
    with store.session() as s:
        assert [t.nct_id for t in ops.list_trials(s, changed_only=True)] == ["NCT01234567", "NCT07654321"]
        assert len(ops.mark_reviewed(s, "NCT01234567")) == 1
    with store.session() as s:
        assert [t.nct_id for t in ops.list_trials(s, changed_only=True)] == ["NCT07654321"]
        assert len(ops.mark_reviewed(s, None)) == 1
        assert ops.list_trials(s, changed_only=True) == []


def test_new_data_dir_starts_with_the_whole_catalog(library: Library, paths: DataPaths) -> None:
    with library.transaction() as s:
        assert set(ops.tracked_ids(s)) == {e.nct_id for e in load_catalog().entries}
    library.close()
    raw = sqlite3.connect(paths.db_path)
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()


def test_a_failed_transaction_is_a_database_error_and_is_rolled_back(store: Store) -> None:
    with store.session() as s:
        add(s, ["NCT01234567"])
    with pytest.raises(DatabaseError) as exc_info, store.session() as s:
        ops.add_note(s, "NCT01234567", "lost with the rollback")
        s.add(Trial(nct_id="NCT01234567"))  # the same NCT ID twice: the UNIQUE constraint fails
        s.flush()
    error = exc_info.value
    assert not isinstance(error, SQLAlchemyError), "no SQLAlchemy error leaves the store"
    assert isinstance(error.__cause__, SQLAlchemyError)
    assert error.exit_code == EXIT_FAIL and not isinstance(error, InvalidInput)
    assert str(error).startswith("database error; nothing was changed") and "unique" in str(error).lower()
    assert "\n" not in str(error)  # one line, on either engine
    assert "\n" not in str(error)
    with store.session() as s:
        assert ops.tracked_ids(s) == ["NCT01234567"]
        assert ops.notes(s) == []


def test_store_record_writes_first_fetch_then_one_row_per_changed_field(store: Store) -> None:
    with store.session() as s:
        add(s, ["NCT00273364"])
        run_id = rstore.start_run(s, 1)
    recruiting = parse_study(make_study("NCT00273364", overall_status="RECRUITING", enrollment=110))
    completed = parse_study(make_study("NCT00273364", overall_status="COMPLETED", enrollment=98))
    with store.session() as s:
        trial = ops.require_trial(s, "NCT00273364")
        assert rstore.store_record(s, trial, recruiting, run_id, link_rules) == []
        assert rstore.store_record(s, trial, recruiting, run_id, link_rules) == [], "unchanged: no rows"
    with store.session() as s:
        trial = ops.require_trial(s, "NCT00273364")
        assert [(c.field, c.new, c.reviewed) for c in trial.changes] == [(FIRST_FETCH, "RECRUITING", True)]
        assert trial.overall_status == "RECRUITING" and trial.last_refreshed is not None
        assert trial.cell_type and trial.cell_type.startswith("HSCT"), "catalog facts are kept"
        changes = rstore.store_record(s, trial, completed, run_id, link_rules)
    assert FieldChange("NCT00273364", "overall_status", "RECRUITING", "COMPLETED") in changes
    assert FieldChange("NCT00273364", "enrollment_count", "110", "98") in changes
    assert all(c.field in WATCHED_FIELDS for c in changes)
    status = next(c for c in changes if c.field == "overall_status")
    assert status.line() == "Status: Recruiting -> Completed"
    with store.session() as s:
        trial = ops.require_trial(s, "NCT00273364")
        rows = [(c.field, c.old, c.new, c.reviewed, c.run_id) for c in trial.changes[1:]]
        assert rows == [(c.field, c.old, c.new, False, run_id) for c in changes]
        assert "hsct" in trial.active_topic_keys, "links are recomputed, catalog links kept"
