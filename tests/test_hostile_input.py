"""Hostile input: arbitrary bytes to import, huge files, absurd registry answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import open_test_library
from tests.ctgov_server import CtGovServer, Fault
from trialtracker.ctgov.client import CtGovClient
from trialtracker.domain import nctid
from trialtracker.services.exchange import MAX_IMPORT_BYTES, ImportFileError, export_json, import_file
from trialtracker.services.library import Library
from trialtracker.services.refresh import run_refresh
from trialtracker.services.trials import tracked_ids


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
    shared_library: Library, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("in") / "input.bin"
    path.write_bytes(data)
    before_ids = set(tracked_ids(shared_library))
    try:
        result = import_file(shared_library, path)
    except ImportFileError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert set(tracked_ids(shared_library)) == before_ids
        return
    after = set(tracked_ids(shared_library))
    assert before_ids <= after
    assert set(result.added) == after - before_ids
    assert all(nctid.normalize(x) == x for x in result.added)


def test_huge_import_file_is_refused_before_reading(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: costs no disk
    result = cli("import", str(big))
    assert result.code == 2 and "too large" in result.err


def test_absurdly_large_registry_answer_is_refused_clearly(
    library: Library, ctgov_server: CtGovServer
) -> None:
    before = export_json(library)
    ctgov_server.inject(Fault.huge(20_000_000, declare_length=False, path="/studies"))
    client = CtGovClient(ctgov_server.url, pace=0, max_response_bytes=5_000_000)
    summary = run_refresh(library, client)
    assert summary.error and "larger than" in summary.error and "refused" in summary.error
    assert client.bytes_received <= 5_000_000 + 1_000_000
    after = export_json(library)
    # Only the last-error marks differ; nothing stored was lost.
    assert json.loads(after)["trials"].__len__() == json.loads(before)["trials"].__len__()


def test_disk_full_during_a_write_rolls_back_and_keeps_earlier_notes(data_dir: Path) -> None:
    from sqlalchemy import text

    from trialtracker.cli import classify_error
    from trialtracker.domain.errors import DatabaseError
    from trialtracker.services import notes
    from trialtracker.store import trials as ops

    lib = open_test_library(data_dir)
    try:
        notes.add_note(lib, "NCT00273364", "saved before the disk filled up")
        with pytest.raises(DatabaseError) as exc_info, lib.transaction() as s:
            pages = s.execute(text("PRAGMA page_count")).scalar()
            s.execute(text(f"PRAGMA max_page_count = {pages}"))  # the "disk" is now full
            ops.add_note(s, "NCT00273364", "x" * 5_000_000)
            s.flush()
        assert "full" in str(exc_info.value)
        code, message = classify_error(exc_info.value)
        assert code == 1 and "disk is full" in message and "\n" not in message
    finally:
        lib.close()
    lib = open_test_library(data_dir)
    try:
        assert [n.body for n in notes.notes(lib, "NCT00273364")] == ["saved before the disk filled up"]
    finally:
        lib.close()
