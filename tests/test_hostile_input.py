"""Hostile input: arbitrary bytes to import, huge files, absurd registry answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ctgov_server import CtGovServer, Fault
from trialtracker.domain import nctid
from trialtracker.bundle import MAX_IMPORT_BYTES, ImportFileError, export_json, import_file
from trialtracker.catalog import open_seeded_store
from trialtracker.ctgov.client import CtGovClient
from trialtracker.paths import DataPaths
from trialtracker.refresh import refresh
from trialtracker.store.db import Store
from trialtracker.store.trials import tracked_ids


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_seeded_store(DataPaths(tmp_path_factory.mktemp("hostile")))
    yield store
    store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=4000),
    st.text(max_size=2000).map(str.encode),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                             max_size=5),
                 max_leaves=30).map(lambda v: json.dumps({"format": "trialtracker-bundle", "bundle_version": 1,
                                                          "trials": v}).encode()),
))  # fmt: skip
def test_import_of_arbitrary_bytes_never_crashes_and_never_loses_data(
    shared_store: Store, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("in") / "input.bin"
    path.write_bytes(data)
    with shared_store.session() as s:
        before_ids = set(tracked_ids(s))
    try:
        with shared_store.session() as s:
            result = import_file(s, path)
    except ImportFileError as exc:
        assert str(exc) and "\n" not in str(exc)
        with shared_store.session() as s:
            assert set(tracked_ids(s)) == before_ids
        return
    with shared_store.session() as s:
        after = set(tracked_ids(s))
    assert before_ids <= after
    assert set(result.added) == after - before_ids
    assert all(nctid.normalize(x) == x for x in result.added)


def test_huge_import_file_is_refused_before_reading(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    result = cli("import", str(big))
    assert result.code == 2 and "too large" in result.err


def test_absurdly_large_registry_answer_is_refused_clearly(paths: DataPaths, ctgov_server: CtGovServer) -> None:
    store = open_seeded_store(paths)
    try:
        with store.session() as s:
            before = export_json(s)
        ctgov_server.inject(Fault.huge(20_000_000, declare_length=False, path="/studies"))
        client = CtGovClient(ctgov_server.url, pace=0, max_response_bytes=5_000_000)
        summary = refresh(store, client)
        assert summary.error and "larger than" in summary.error and "refused" in summary.error
        assert client.bytes_received <= 5_000_000 + 1_000_000
        with store.session() as s:
            after = export_json(s)
        # Only the last-error marks differ; nothing stored was lost.
        assert json.loads(after)["trials"].__len__() == json.loads(before)["trials"].__len__()
    finally:
        store.close()


def test_disk_full_during_a_write_rolls_back_and_keeps_earlier_notes(paths: DataPaths) -> None:
    from sqlalchemy import text

    from trialtracker.cli import classify_error
    from trialtracker.domain.errors import DatabaseError
    from trialtracker.store import trials as ops

    store = open_seeded_store(paths)
    try:
        with store.session() as s:
            ops.add_note(s, "NCT00273364", "saved before the disk filled up")
        with pytest.raises(DatabaseError) as exc_info, store.session() as s:
            pages = s.execute(text("PRAGMA page_count")).scalar()
            s.execute(text(f"PRAGMA max_page_count = {pages}"))  # the "disk" is now full
            ops.add_note(s, "NCT00273364", "x" * 5_000_000)
            s.flush()
        assert "full" in str(exc_info.value)
        code, message = classify_error(exc_info.value)
        assert code == 1 and "disk is full" in message and "\n" not in message
    finally:
        store.close()
    store = open_seeded_store(paths)
    try:
        with store.session() as s:
            assert [n.body for n in ops.notes(s, "NCT00273364")] == ["saved before the disk filled up"]
    finally:
        store.close()

