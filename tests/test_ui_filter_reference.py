"""The bulk filter/sort proxy shows exactly the rows a plain reference computes, through random sequences
of searches, filters, sorts, edits, additions and removals on a random 2,000-trial library (seeded); the
counts kept beside the lists stay equal to counting anew."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from trialtracker.domain.therapy import CellGroup
from trialtracker.services.listing import RowTally, SmartList, TrialRow, accepts
from trialtracker.ui.trial_filter import TrialFilterProxy
from trialtracker.ui.trial_model import COL_NCT, COLUMN_COUNT, TrialTableModel

WORDS = [
    "mesenchymal",
    "stem",
    "hsct",
    "spain",
    "Ärzte",
    "nurse",
    "mri",
    "relapsing",
    "progressive",
    "cohort",
]
STATUSES = [None, "RECRUITING", "COMPLETED", "TERMINATED", "NOT_YET_RECRUITING", "WEIRD_NEW_CODE"]
TAGS = ["ask nurse", "shortlist", "too far", "Übersee"]
DATES = [None, "2019", "2019-03", "2019-03-14", "2021-06", "2024-11-02"]


def random_row(rng: random.Random, number: int) -> TrialRow:
    pick = rng.choice
    return TrialRow(
        nct_id=f"NCT{number:08d}",
        title=" ".join(rng.choices(WORDS, k=rng.randint(1, 5))),
        acronym=pick([None, "MIST", "STAR-MS", "mist"]),
        status=pick(STATUSES),
        phases=pick([(), ("PHASE1",), ("PHASE1", "PHASE2"), ("PHASE3",)]),
        catalog_phase=pick([None, "Phase 2"]),
        cell_type=pick([None, "MSC", "aHSCT"]),
        cell_group=pick(list(CellGroup)),
        ms_type=pick([None, "RRMS", "PPMS", "SPMS"]),
        last_update_posted=pick(DATES),
        unreviewed=rng.randint(0, 3),
        note_count=rng.randint(0, 2),
        starred=rng.random() < 0.2,
        tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
        note_text=" ".join(rng.choices(WORDS, k=rng.randint(0, 3))),
        has_results=pick([None, True, False]),
        not_found=rng.random() < 0.05,
        last_error=pick([None, None, "HTTP 500"]),
        countries=pick(["", "Spain", "Norway; Sweden"]),
        candidate=rng.random() < 0.05,
    )


def reference(model: TrialTableModel, state: dict[str, Any]) -> list[str]:
    """The rows as plainly as they can be computed: filter every row, then one sort on the column's values."""
    words = state["text"].casefold().split()

    def passes(row: TrialRow) -> bool:
        return (
            accepts(state["smart"], row)
            and (state["status"] is None or row.status == state["status"])
            and (state["group"] is None or row.cell_group is state["group"])
            and (state["tag"] is None or state["tag"] in row.tags)
            and all(w in row.search_text for w in words)
        )

    rows = [r for r in model.rows() if passes(r)]
    col, order = state["sort"]
    if col >= 0:
        keys = {r.nct_id: model.sort_keys(col)[model.row_of(r.nct_id)] for r in rows}
        rows.sort(key=lambda r: (keys[r.nct_id] is None, keys[r.nct_id] if keys[r.nct_id] is not None else 0,
                                 r.nct_id))  # fmt: skip
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
    return [r.nct_id for r in rows]


def shown(proxy: TrialFilterProxy) -> list[str]:
    return [proxy.index(r, COL_NCT).data() for r in range(proxy.rowCount())]


def random_text(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.3 and text:
        return text[:-1]  # backspace
    if roll < 0.6:
        word = rng.choice([*WORDS, "nct0000", "spain nurse", "%", "_"])
        return (text + word[: rng.randint(1, len(word))]) if rng.random() < 0.7 else word
    return "" if roll < 0.7 else text + rng.choice("aeimnrst ")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_proxy_matches_a_plain_reference(qapp: object, seed: int) -> None:
    rng = random.Random(seed)
    numbers = rng.sample(range(1, 99_999_999), 2_400)
    model = TrialTableModel()
    model.set_rows([random_row(rng, n) for n in numbers[:2_000]])
    spare = numbers[2_000:]
    proxy = TrialFilterProxy()
    proxy.setSourceModel(model)
    state: dict[str, Any] = {"text": "", "status": None, "group": None, "tag": None, "smart": SmartList.ALL,
                             "sort": (-1, Qt.SortOrder.AscendingOrder)}  # fmt: skip
    for step in range(250):
        op = rng.choice(["text", "text", "text", "status", "group", "tag", "smart", "sort", "sort",
                         "edit", "edit", "bulk", "insert", "remove"])  # fmt: skip
        if op == "text":
            state["text"] = random_text(rng, state["text"])
            proxy.set_text(state["text"])
        elif op == "status":
            state["status"] = rng.choice(STATUSES)
            proxy.set_status(state["status"])
        elif op == "group":
            state["group"] = rng.choice([None, *CellGroup])
            proxy.set_cell_group(state["group"])
        elif op == "tag":
            state["tag"] = rng.choice([None, None, *TAGS])
            proxy.set_tag(state["tag"])
        elif op == "smart":
            state["smart"] = rng.choice(list(SmartList))
            proxy.set_smart_list(state["smart"])
        elif op == "sort":
            state["sort"] = (rng.randrange(COLUMN_COUNT), rng.choice(list(Qt.SortOrder)))
            proxy.sort(*state["sort"])
        elif op in ("edit", "bulk"):  # a star, a tag, a status for a few rows; or a refresh's many
            rows = model.rows()
            picked = rng.sample(rows, rng.randint(1, 5) if op == "edit" else rng.randint(300, 600))
            fresh = [random_row(rng, int(r.nct_id[3:])) for r in picked]
            model.update_rows(
                [dataclasses.replace(f, nct_id=r.nct_id) for f, r in zip(fresh, picked, strict=True)]
            )
        elif op == "insert" and spare:
            model.insert_rows([random_row(rng, spare.pop()) for _ in range(rng.randint(1, 20))])
        elif op == "remove":
            model.remove_rows([r.nct_id for r in rng.sample(model.rows(), rng.randint(1, 10))])
        assert shown(proxy) == reference(model, state), f"step {step}: {op} with {state}"
        recount = RowTally.of(model.rows())  # the counts kept row by row agree with counting anew
        tally = model.tally
        assert (+tally.smart, +tally.tags, +tally.statuses) == (+recount.smart, +recount.tags, +recount.statuses)


def test_selection_and_current_row_follow_their_trials(qapp: object) -> None:
    rng = random.Random(7)
    model = TrialTableModel()
    model.set_rows([dataclasses.replace(random_row(rng, n), candidate=False) for n in range(1, 2_001)])
    proxy = TrialFilterProxy()
    proxy.setSourceModel(model)
    selection = QItemSelectionModel(proxy)
    chosen = ["NCT00000017", "NCT00001234"]
    for nct in chosen:
        index = proxy.mapFromSource(model.index(model.row_of(nct), 0))
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    selection.setCurrentIndex(
        proxy.index(model.row_of(chosen[0]), 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )

    def selected() -> list[str]:
        return sorted(proxy.index(i.row(), COL_NCT).data() for i in selection.selectedRows())

    for col in range(COLUMN_COUNT):
        proxy.sort(col, Qt.SortOrder.DescendingOrder)
        assert (
            selected() == chosen and proxy.index(selection.currentIndex().row(), COL_NCT).data() == chosen[0]
        )
    model.remove_rows(["NCT00000001", "NCT00000002"])  # rows before the selection move up
    assert selected() == chosen
    title = model.find(chosen[1])
    assert title is not None
    proxy.set_text(title.title.split()[0])  # the second selected trial stays in view
    assert chosen[1] in selected()
