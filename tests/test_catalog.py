"""The embedded catalog: built from verified research rows, seeded once, never resurrecting removals."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from trialtracker.catalog import Catalog, CatalogEntry, load_catalog, open_seeded_store, seed_catalog
from trialtracker.paths import DataPaths
from trialtracker.store import trials as ops

RESEARCH_CSV = Path(__file__).parent / "fixtures" / "ms-stemcell-trials.csv"  # copy of the research table


def test_catalog_entries_are_valid_and_unique() -> None:
    catalog = load_catalog()
    ids = [e.nct_id for e in catalog.entries]
    assert len(ids) == len(set(ids)) >= 50
    assert all(len(i) == 11 and i.startswith("NCT") for i in ids)
    assert all(e.title and e.source for e in catalog.entries)


def test_article_trial_and_ccsvi_cautions() -> None:
    by_id = load_catalog().by_id
    assert by_id["NCT00273364"].note and "Need to Know: What Are Stem Cells?" in by_id["NCT00273364"].note
    cautioned = sorted(e.nct_id for e in by_id.values() if e.caution)
    assert cautioned == ["NCT02418325", "NCT02418351", "NCT02587715", "NCT02587806"]
    assert all("CCSVI" in (by_id[n].caution or "") for n in cautioned)


def test_catalog_matches_the_verified_research_rows() -> None:
    with RESEARCH_CSV.open(newline="", encoding="utf-8") as fh:
        verified = {r["nct_id"] for r in csv.DictReader(fh) if r["verified"].strip().lower() == "yes"}
    assert {e.nct_id for e in load_catalog().entries} == verified


def test_later_catalog_adds_new_trials_but_never_brings_back_removed_ones(paths: DataPaths) -> None:
    store = open_seeded_store(paths)
    try:
        with store.session() as s:
            ops.remove_trials(s, ["NCT00273364"])
        current = load_catalog()
        newer = Catalog(
            current.version + 1,
            (*current.entries, CatalogEntry(nct_id="NCT09990001", title="A new MSC trial", cell_type="MSC")),
        )
        with store.session() as s:
            assert seed_catalog(s, newer) == ["NCT09990001"]
        with store.session() as s:
            ids = set(ops.tracked_ids(s))
            assert "NCT09990001" in ids and "NCT00273364" not in ids
            # Seeding the same version again is a no-op.
            assert seed_catalog(s, newer) == []
    finally:
        store.close()


def test_explicitly_re_adding_a_removed_catalog_trial_works(paths: DataPaths) -> None:
    store = open_seeded_store(paths)
    try:
        with store.session() as s:
            ops.remove_trials(s, ["NCT00273364"])
        with store.session() as s:
            ops.add_trials(s, ["NCT00273364"])
        with store.session() as s:
            trial = ops.require_trial(s, "NCT00273364")
            assert trial.in_catalog and trial.cell_type and trial.acronym == "MIST"
    finally:
        store.close()


def test_catalog_entry_fields_match_the_store_columns() -> None:
    names = {f.name for f in dataclasses.fields(CatalogEntry)}
    assert {"nct_id", "acronym", "title", "cell_type", "route", "ms_type", "phase", "sponsor", "country",
            "source", "caution"} <= names  # fmt: skip
