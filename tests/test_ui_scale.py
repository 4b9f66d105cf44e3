"""A write on a 10,000-trial library touches one row, not the whole table (offscreen)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select

from tests.conftest import open_test_library, show_trial
from trialtracker.paths import DataPaths
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList
from trialtracker.store import trials as ops
from trialtracker.store.models import Note, Tag, Trial, TrialTag
from trialtracker.ui.main_window import FIRST_SCREEN_ROWS, MainWindow

N_TRIALS = 10_000
STATUSES = ("RECRUITING", "COMPLETED", "ACTIVE_NOT_RECRUITING", "TERMINATED")
TAGS = ("ask nurse", "shortlist", "too far")
COUNTRIES = ("Spain", "Norway", "United States", "Italy")


def fill_library(store: Library, n: int) -> list[str]:
    """``n`` synthetic trials, with notes on every 10th and a tag on every 7th, in bulk inserts."""
    ids = [f"NCT{2_000_000 + i:08d}" for i in range(n)]
    now = dt.datetime.now(dt.UTC)
    trials = [
        {
            "nct_id": nct,
            "aliases": [],
            "brief_title": f"Mesenchymal stem cells in multiple sclerosis, cohort {i}",
            "official_title": None,
            "overall_status": STATUSES[i % len(STATUSES)],
            "phases": ["PHASE2"] if i % 2 else ["PHASE1", "PHASE2"],
            "last_update_posted": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
            "has_results": i % 5 == 0,
            "lead_sponsor": f"University Hospital {i % 97}",
            "conditions": ["Multiple Sclerosis"],
            "keywords": [],
            "interventions": [{"name": "Autologous MSC", "type": "BIOLOGICAL"}],
            "locations": [{"country": COUNTRIES[i % len(COUNTRIES)], "status": "RECRUITING"}],
            "in_catalog": False,
            "tracked_since": now,
            "last_refreshed": now,
            "not_found": False,
            "starred": i % 50 == 0,
        }
        for i, nct in enumerate(ids)
    ]
    with store.transaction() as s:
        s.execute(insert(Trial), trials)
        tag_ids = {}
        for name in TAGS:
            tag_ids[name] = s.scalar(select(Tag.id).where(Tag.name == name))
            if tag_ids[name] is None:
                tag = Tag(name=name)
                s.add(tag)
                s.flush()
                tag_ids[name] = tag.id
        trial_ids = {nct: tid for nct, tid in s.execute(select(Trial.nct_id, Trial.id))}
        s.execute(
            insert(TrialTag),
            [
                {"trial_id": trial_ids[nct], "tag_id": tag_ids[TAGS[i // 7 % 3]]}
                for i, nct in enumerate(ids)
                if i % 7 == 0
            ],
        )
        s.execute(
            insert(Note),
            [{"nct_id": nct, "body": "Check the MRI schedule.", "created_at": now, "updated_at": now}
             for i, nct in enumerate(ids) if i % 10 == 0],
        )  # fmt: skip
    return ids


@pytest.fixture
def big_store(tmp_path: Path) -> Iterator[tuple[Library, DataPaths, list[str]]]:
    paths = DataPaths(tmp_path / "big")
    store = open_test_library(paths.data_dir)
    ids = fill_library(store, N_TRIALS)
    yield store, paths, ids
    store.close()


def test_star_on_10k_trials_updates_one_row_without_a_reset(
    qtbot: QtBot, big_store: tuple[Library, DataPaths, list[str]]
) -> None:
    store, _paths, ids = big_store
    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    model = window.model
    assert model.rowCount() >= N_TRIALS
    target = ids[1]  # not starred (every 50th is)
    assert show_trial(qtbot, window, target)
    row = model.row_of(target)
    assert not model.row_at(row).starred

    resets: list[str] = []
    changed: list[tuple[int, int]] = []
    updated_at: list[float] = []

    def on_data_changed(top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = ()) -> None:
        changed.append((top_left.row(), bottom_right.row()))
        if model.row_at(model.row_of(target)).starred:
            updated_at.append(time.perf_counter())

    model.modelAboutToBeReset.connect(lambda: resets.append("aboutToBeReset"))
    model.modelReset.connect(lambda: resets.append("reset"))
    model.dataChanged.connect(on_data_changed)

    started = time.perf_counter()
    with qtbot.waitSignal(window.tasks.idle, timeout=10_000):
        window.act_star.trigger()
    assert updated_at, "the row was not updated"
    took = updated_at[0] - started
    print(f"\nstar on {model.rowCount()} rows: {took * 1000:.0f} ms from trigger to row updated")

    assert resets == []
    row = model.row_of(target)
    assert changed and {r for pair in changed for r in pair} == {row}
    with store.transaction() as s:
        assert ops.require_trial(s, target).starred
    assert window.table.selected_ids() == [target]
    assert window.act_star.text() == "Unstar"


def test_a_big_library_shows_its_first_screen_then_every_row(
    qtbot: QtBot, big_store: tuple[Library, DataPaths, list[str]]
) -> None:
    store, _paths, _ids = big_store
    with store.transaction() as s:
        every_id = sorted(s.scalars(select(Trial.nct_id)))  # the catalog's and the synthetic ones
    total = len(every_id)
    window = MainWindow(store, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    # Before the first paint: only the first screen, in ID order, and the window says the rest is coming.
    assert window.loading
    assert window.model.rowCount() == FIRST_SCREEN_ROWS
    shown = [window.model.row_at(i).nct_id for i in range(FIRST_SCREEN_ROWS)]
    assert shown == every_id[:FIRST_SCREEN_ROWS]
    assert window.filters.count_label.text() == f"{total} trials"  # the count is known before the rows
    assert window.statusBar().currentMessage() == f"Reading all {QLocale().toString(total)} trials…"
    assert window.table_stack.currentWidget() is window.table  # no "nothing here" page meanwhile
    every = window.sidebar._smart_items[SmartList.ALL]
    assert f"({FIRST_SCREEN_ROWS})" not in every.text(0)  # no count that is wrong for a moment
    resets: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(window.model.rowCount()))
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    assert resets == [total]  # one reset, to every row
    assert window.filters.count_label.text() == f"{total} trials"
    assert window.statusBar().currentMessage() == ""
    assert every.text(0).endswith(f"({total})")
    assert window.filters.status_filter.count() > 2  # the status box lists what the rows hold
