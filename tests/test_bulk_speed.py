"""Bulk commands stay set-based and start-up stays light (issue 13), checked without timing anything.

Counting the SQL statements a command sends guards the gain on any machine: `add` of 2,000 IDs and
the import of a 2,000-trial bundle must send as many statements as those of 200 (a few, whatever
the size), and `--version` must not load the database layer or the registry client.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.conftest import open_test_library
from trialtracker import __version__
from trialtracker.services import exchange, trials
from trialtracker.services.jsontext import pretty, record_lines
from trialtracker.services.library import Library
from trialtracker.store import export_rows
from trialtracker.store import trials as tstore
from trialtracker.store.links import set_manual_link


@contextmanager
def statements(lib: Library) -> Iterator[list[str]]:
    """Every statement the library's engine sends while the block runs (an executemany counts once)."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(statement)

    event.listen(lib.store.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(lib.store.engine, "before_cursor_execute", record)


def ids(n: int, base: int = 5_000_000) -> list[str]:
    return [f"NCT{base + i:08d}" for i in range(n)]


def add_count(root: Path, n: int) -> int:
    lib = open_test_library(root)
    try:
        trials.add(lib, ["NCT00273364"])  # one already tracked (from the catalog) among them
        with statements(lib) as sent:
            outcome = trials.add(lib, [*ids(n), "NCT00273364"])
        assert len(outcome.added) == n and outcome.already == ["NCT00273364"]
        return len(sent)
    finally:
        lib.close()


def test_adding_ids_sends_the_same_few_statements_for_200_or_2000(tmp_path: Path) -> None:
    small, large = add_count(tmp_path / "a", 200), add_count(tmp_path / "b", 2000)
    assert small == large <= 10, (small, large)


def make_bundle(root: Path, n: int) -> Path:
    """A bundle of n trials with stars, tags, notes (tracked and untracked) and manual topic links."""
    lib = open_test_library(root / "source")
    try:
        wanted = ids(n)
        trials.add(lib, wanted)
        with lib.transaction() as s:
            for i, nct in enumerate(wanted):
                if i % 3 == 0:
                    tstore.add_note(s, nct, f"note {i}")
                if i % 5 == 0:
                    tstore.add_tags(s, nct, [f"tag {i % 4}", "shortlist"])
                if i % 7 == 0:
                    trial = tstore.require_trial(s, nct)
                    trial.starred = True
                    set_manual_link(s, trial, "hsct", linked=i % 2 == 0)
            tstore.add_note(s, "NCT09999999", "a note of a trial no longer tracked")
        target = root / "bundle.json"
        exchange.export_to_file(lib, "json", target)
        return target
    finally:
        lib.close()


def import_count(root: Path, n: int) -> tuple[int, exchange.ImportOutcome, Library]:
    bundle = make_bundle(root, n)
    lib = open_test_library(root / "target")
    with statements(lib) as sent:
        outcome = exchange.import_file(lib, bundle)
    return len(sent), outcome, lib


def test_importing_a_bundle_sends_the_same_few_statements_for_200_or_2000(tmp_path: Path) -> None:
    small, _, lib_small = import_count(tmp_path / "a", 200)
    large, outcome, lib = import_count(tmp_path / "b", 2000)
    lib_small.close()
    try:
        assert small == large <= 20, (small, large)
        assert len(outcome.added) == 2000 and outcome.notes_added == len(range(0, 2000, 3)) + 1
        # What came across is what was exported (a second export of the target gives the same trials).
        source = json.loads((tmp_path / "b" / "bundle.json").read_text(encoding="utf-8"))
        again = json.loads(exchange.export(lib, "json"))
        mine = {t["nct_id"]: t for t in again["trials"]}
        for t in source["trials"]:
            got = mine[t["nct_id"]]
            assert (got["starred"], got["tags"]) == (t["starred"], t["tags"]), t["nct_id"]
            assert [n["body"] for n in got["notes"]] == [n["body"] for n in t["notes"]], t["nct_id"]
        assert again["manual_topic_links"] == source["manual_topic_links"]
        with statements(lib) as sent:
            second = exchange.import_file(lib, tmp_path / "b" / "bundle.json")
        assert second.notes_added == 0 and not second.added and len(sent) <= 20
    finally:
        lib.close()


def test_export_reads_in_chunks_not_per_trial(tmp_path: Path) -> None:
    lib = open_test_library(tmp_path / "data")
    try:
        trials.add(lib, ids(2000))
        text = exchange.export(lib, "json")
        assert len(json.loads(text)["trials"]) >= 2000
        with sqlite3.connect(lib.store.db_path) as conn:  # the reader the export uses, traced
            sent: list[str] = []
            conn.set_trace_callback(sent.append)
            read = sum(1 for _ in export_rows.trials_in_full(conn))
        assert read >= 2000
        assert len(sent) <= 20, len(sent)  # one query, then three per chunk of 500 trials
    finally:
        lib.close()


def test_a_bundle_writes_one_line_per_field_and_per_record() -> None:
    entry = {"nct_id": "NCT01", "topics": ["a", "b"], "dates": {"start": {"date": None}}, "count": 3,
             "sites": [{"city": "Oslo", "lat": 59.9}, {"city": "Bergen\n", "lat": None}], "none": []}  # fmt: skip
    text = record_lines(entry, "\n  ")
    assert json.loads(text) == entry
    assert text.splitlines() == [
        "{",
        '    "nct_id": "NCT01",',
        '    "topics": ["a", "b"],',
        '    "dates": {"start": {"date": null}},',
        '    "count": 3,',
        '    "sites": [',
        '      {"city": "Oslo", "lat": 59.9},',
        '      {"city": "Bergen\\n", "lat": null}',
        "    ],",
        '    "none": []',
        "  }",
    ]


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, None, True, False, 'x\n"\u2028é\x00'], "b": {}, "c": [], "d": {"e": [[], {}]}},
        [
            float("nan"),
            float("inf"),
            -0.0,
            10**30,
            {1: "int key", None: "none key", False: "bool key", 2.5: "float key"},
        ],
        "plain",
        [],
    ],
)
def test_pretty_json_is_exactly_what_json_dumps_writes(value: Any) -> None:
    assert pretty(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_version_loads_no_database_layer_and_no_registry_client() -> None:
    code = (
        "import sys\n"
        "from trialtracker.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = [m for m in ('requests', 'sqlalchemy', 'alembic', 'markdown', 'PySide6', 'argparse',\n"
        "                     'trialtracker.topics.library', 'trialtracker.store.db') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"trialtracker {__version__}", "[]"], done.stdout


def test_listing_commands_do_not_load_the_registry_client(tmp_path: Path) -> None:
    open_test_library(tmp_path / "data").close()  # created (and migrated, with Alembic) beforehand
    code = (
        "import sys\n"
        "from trialtracker.cli import main\n"
        f"assert main(['--data-dir', {str(tmp_path / 'data')!r}, 'list']) == 0\n"
        "print([m for m in ('requests', 'alembic', 'markdown', 'PySide6') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]", done.stdout
