"""The trial table model and its filter proxy, without any window."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from tests.conftest import open_test_library
from trialtracker.domain.therapy import HSCT, MSC, NEURAL, CellGroup, cell_group
from trialtracker.paths import DataPaths
from trialtracker.services.listing import SmartList, TrialRow, list_rows, smart_counts
from trialtracker.services.listing import accepts as smart_list_accepts
from trialtracker.store import trials as ops
from trialtracker.ui.trial_filter import TrialFilterProxy
from trialtracker.ui.trial_model import (
    COL_CHANGES,
    COL_LAST_UPDATE,
    COL_NCT,
    COL_STATUS,
    COL_TITLE,
    TrialTableModel,
)


def with_search_text(r: TrialRow) -> TrialRow:
    """Build the row's search text now (what the search box matches)."""
    _ = r.search_text
    return r


def row(nct: str, **kw: object) -> TrialRow:
    kw.setdefault("title", f"Trial {nct}")
    return with_search_text(TrialRow(nct_id=nct, **kw))  # type: ignore[arg-type]


def proxy_for(rows: list[TrialRow]) -> tuple[TrialTableModel, TrialFilterProxy]:
    model = TrialTableModel()
    model.set_rows(rows)
    proxy = TrialFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def shown(proxy: TrialFilterProxy) -> list[str]:
    return [proxy.index(r, COL_NCT).data() for r in range(proxy.rowCount())]


def test_sorts_counts_as_numbers_dates_as_dates_and_status_by_order(qapp: object) -> None:
    rows = [
        row("NCT00000001", unreviewed=10, last_update_posted="2021-06", status="COMPLETED"),
        row("NCT00000002", unreviewed=9, last_update_posted="2019-12-31", status="RECRUITING"),
        row("NCT00000003", unreviewed=2, last_update_posted=None, status=None),
        row("NCT00000004", unreviewed=0, last_update_posted="2021-05-30", status="TERMINATED"),
    ]
    _, proxy = proxy_for(rows)
    proxy.sort(COL_CHANGES, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["NCT00000004", "NCT00000003", "NCT00000002", "NCT00000001"]  # 0, 2, 9, 10
    proxy.sort(COL_LAST_UPDATE, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["NCT00000002", "NCT00000004", "NCT00000001", "NCT00000003"]  # missing last
    proxy.sort(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["NCT00000002", "NCT00000001", "NCT00000004", "NCT00000003"]
    assert proxy.index(0, COL_STATUS).data() == "Recruiting"  # a label, never the raw enum


def test_title_shows_acronym_and_marker_columns_are_compact(qapp: object) -> None:
    model, _ = proxy_for([row("NCT00000001", acronym="MIST", title="Stem cells", unreviewed=3, note_count=2)])
    assert model.index(0, COL_TITLE).data() == "MIST: Stem cells"
    assert model.index(0, COL_CHANGES).data() == "● 3"


def test_text_filter_needs_every_word_and_searches_notes_tags_sponsor(qapp: object) -> None:
    rows = [
        row("NCT00000001", sponsor="Karolinska", tags=("ask nurse",), note_text="Ask about MRI follow-up"),
        row("NCT00000002", sponsor="Northwestern", conditions=("Multiple Sclerosis",)),
        row("NCT00000003", interventions=("Mesenchymal stromal cells",)),
    ]
    _, proxy = proxy_for(rows)
    proxy.set_text("mri")
    assert shown(proxy) == ["NCT00000001"]
    proxy.set_text("KAROLINSKA nurse")
    assert shown(proxy) == ["NCT00000001"]
    proxy.set_text("karolinska northwestern")
    assert shown(proxy) == []
    proxy.set_text("mesenchymal")
    assert shown(proxy) == ["NCT00000003"]
    proxy.set_text("nct00000002")
    assert shown(proxy) == ["NCT00000002"]
    proxy.set_text("")
    assert len(shown(proxy)) == 3


def test_status_cell_group_tag_and_smart_list_filters(qapp: object) -> None:
    rows = [
        row("NCT00000001", status="RECRUITING", cell_group=CellGroup.MSC, starred=True, tags=("a",)),
        row("NCT00000002", status="COMPLETED", cell_group=CellGroup.HSCT, has_results=True, unreviewed=1),
        row("NCT00000003", status="NOT_YET_RECRUITING", cell_group=CellGroup.NEURAL, not_found=True),
        row("NCT00000004", status="RECRUITING", candidate=True),
    ]
    _, proxy = proxy_for(rows)
    assert shown(proxy) == ["NCT00000001", "NCT00000002", "NCT00000003"]  # candidates only in their list
    proxy.set_status("RECRUITING")
    assert shown(proxy) == ["NCT00000001"]
    proxy.set_status(None)
    proxy.set_cell_group(CellGroup.HSCT)
    assert shown(proxy) == ["NCT00000002"]
    proxy.set_cell_group(None)
    proxy.set_tag("a")
    assert shown(proxy) == ["NCT00000001"]
    proxy.set_tag(None)
    expected = {
        SmartList.ALL: ["NCT00000001", "NCT00000002", "NCT00000003"],
        SmartList.STARRED: ["NCT00000001"],
        SmartList.CHANGED: ["NCT00000002"],
        SmartList.RECRUITING: ["NCT00000001"],  # open now; not yet recruiting is "Opening soon"
        SmartList.OPENING_SOON: ["NCT00000003"],
        SmartList.WITH_RESULTS: ["NCT00000002"],
        SmartList.PROBLEMS: ["NCT00000003"],
        SmartList.CANDIDATES: ["NCT00000004"],
    }
    for smart, ids in expected.items():
        proxy.set_smart_list(smart)
        assert shown(proxy) == ids, smart
    assert smart_counts(rows)[SmartList.RECRUITING] == 1 and smart_counts(rows)[SmartList.OPENING_SOON] == 1


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("HSCT (autologous, non-myeloablative)", CellGroup.HSCT),
        ("MSC/other (autologous BM-derived stem cell populations)", CellGroup.MSC),
        ("MSC-derived (MSC-NP, autologous)", CellGroup.MSC),
        ("NSC (allogeneic human fetal neural stem cells)", CellGroup.NEURAL),
        ("other (autologous adipose SVF)", CellGroup.OTHER),
        (None, CellGroup.OTHER),
    ],
)
def test_cell_groups(text: str | None, group: CellGroup) -> None:
    assert cell_group(text) is group


def test_cell_group_from_registry_text_when_no_catalog_fact() -> None:
    assert cell_group(None, "Autologous hematopoietic stem cell transplantation") is CellGroup.HSCT
    assert cell_group(None, "Mesenchymal stromal cells in MS") is CellGroup.MSC


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Autologous",
                "HSCT",
                "Mesenchymal",
                "STROMAL vascular",
                "Neural Stem",
                "NSCs",
                "CD34+",
                "hAematopoietic",
                "cord blood",
                "MSC-NTF",
                "iPSC",
                "MSC-NP",
                "neural progenitors",
                "Wharton",
                "hsc",
                "cells",
                " ",
                "-",
                "\n",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_cell_group_matches_case_insensitive_patterns(text: str) -> None:
    """:func:`cell_group` lowercases once and matches lowercase patterns; it must agree with the
    case-insensitive patterns the topic rules use."""
    expected = next(
        (group for pattern, group in ((HSCT, CellGroup.HSCT), (MSC, CellGroup.MSC), (NEURAL, CellGroup.NEURAL))
         if pattern.search(text)),
        CellGroup.OTHER,
    )  # fmt: skip
    assert cell_group(None, text) is expected
    assert all(p.pattern == p.pattern.lower() for p in (HSCT, MSC, NEURAL))


def test_rows_from_the_store_carry_note_text_tags_and_counts(paths: DataPaths, qapp: object) -> None:
    store = open_test_library(paths.data_dir)
    try:
        with store.transaction() as s:
            ops.add_note(s, "NCT00273364", "Call the **Chicago** site in March")
            ops.add_tags(s, "NCT00273364", ["shortlist"])
            ops.set_starred(s, "NCT00273364", True)
            trial = ops.require_trial(s, "NCT00273364")
            trial.last_refreshed = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
            other = ops.require_trial(s, "NCT00288626")
            other.locations = [{"country": "Spain", "status": "RECRUITING"}, {"country": "Spain"},
                               {"country": "Norway"}, {"city": "no country"}]  # fmt: skip
        rows = list_rows(store, include_candidates=True)
        _, proxy = proxy_for(rows)
        proxy.set_text("chicago")
        assert shown(proxy) == ["NCT00273364"]
        proxy.set_text("spain norway")
        assert shown(proxy) == ["NCT00288626"], "site countries are searchable"
        proxy.set_text("sweden")  # the catalog's country facts too (NCT00273364: USA; ... Sweden ...)
        assert "NCT00273364" in shown(proxy)
        proxy.set_text("")
        proxy.set_tag("shortlist")
        assert shown(proxy) == ["NCT00273364"]
        mist = next(r for r in rows if r.nct_id == "NCT00273364")
        assert (mist.note_count, mist.starred, mist.cell_group) == (1, True, CellGroup.HSCT)
    finally:
        store.close()


def test_replace_rows_updates_inserts_and_removes_in_place(qapp: object) -> None:
    ids = [f"NCT0000000{i}" for i in range(1, 6)]
    model, proxy = proxy_for([row(nct, unreviewed=i) for i, nct in enumerate(ids, start=1)])
    proxy.sort(COL_CHANGES, Qt.SortOrder.AscendingOrder)  # caches the column's sort keys
    events: list[object] = []
    model.modelAboutToBeReset.connect(lambda: events.append("reset"))
    model.dataChanged.connect(lambda a, b, _roles=(): events.append(("changed", a.row(), b.row())))
    model.rowsInserted.connect(lambda _parent, a, b: events.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda _parent, a, b: events.append(("removed", a, b)))

    # A write touched 02, 04, 05 and 09: 02 and 04 changed, 05 is gone, 09 is new.
    touched = ["NCT00000002", "NCT00000004", "NCT00000005", "NCT00000009"]
    fresh = [
        row("NCT00000002", unreviewed=99),
        row("NCT00000004", unreviewed=0),
        row("NCT00000009", unreviewed=3),
    ]
    model.replace_rows(touched, fresh)

    assert events == [("changed", 1, 1), ("changed", 3, 3), ("inserted", 5, 5), ("removed", 4, 4)]
    assert [model.row_at(i).nct_id for i in range(model.rowCount())] == [*ids[:4], "NCT00000009"]
    assert all(model.row_of(model.row_at(i).nct_id) == i for i in range(model.rowCount()))
    assert model.row_of("NCT00000005") == -1
    # The cached sort keys followed: 0, 1, 3, 3 (tie: by NCT ID), 99.
    assert shown(proxy) == ["NCT00000004", "NCT00000001", "NCT00000003", "NCT00000009", "NCT00000002"]
    assert model.index(model.row_of("NCT00000002"), COL_CHANGES).data() == "● 99"


def test_load_rows_for_some_ids_matches_the_full_read(paths: DataPaths, qapp: object) -> None:
    from trialtracker.store.models import Candidate, Change, Watch

    store = open_test_library(paths.data_dir)
    try:
        with store.transaction() as s:
            ops.add_note(s, "NCT00273364", "first")
            ops.add_note(s, "NCT00273364", "second")
            ops.add_note(s, "NCT00288626", "other trial")
            ops.add_tags(s, "NCT00273364", ["shortlist", "ask nurse"])
            ops.add_tags(s, "NCT00288626", ["too far"])
            mist = ops.require_trial(s, "NCT00273364")
            s.add(Change(trial_id=mist.id, field="overall_status", old="RECRUITING", new="COMPLETED"))
            watch = Watch(name="w", cond="multiple sclerosis")
            watch.candidates.append(Candidate(nct_id="NCT09999991", title="A candidate", state="new"))
            s.add(watch)
        full = {r.nct_id: r for r in list_rows(store, include_candidates=True)}
        wanted = ["NCT00273364", "NCT09999991", "NCT00000000"]  # tracked, candidate, unknown
        some = list_rows(store, wanted, include_candidates=True)
        assert [r.nct_id for r in some] == ["NCT00273364", "NCT09999991"]
        assert some == [full["NCT00273364"], full["NCT09999991"]]
        mist_row = some[0]
        assert (mist_row.note_count, mist_row.unreviewed, mist_row.tags) == (2, 1, ("ask nurse", "shortlist"))
        assert mist_row.note_text == "first\nsecond"
        assert some[1].candidate
        assert smart_counts(list(full.values())) == {
            smart: sum(1 for r in full.values() if smart_list_accepts(smart, r)) for smart in SmartList
        }
    finally:
        store.close()
