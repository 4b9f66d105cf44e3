"""The embedded catalog: built from verified research rows, seeded once, never resurrecting removals."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from pathlib import Path

from tests.conftest import open_test_library
from trialtracker.domain.catalog import DESCRIPTION_MARK, Catalog, CatalogEntry, load_catalog, parse_catalog
from trialtracker.paths import resource
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.store import trials as ops
from trialtracker.store.seeding import seed_catalog
from trialtracker.topics.rules import link_rules

RESEARCH_CSV = Path(__file__).parent / "fixtures" / "ms-stemcell-trials.csv"  # copy of the research table
ADDITIONS_CSV = Path(__file__).parent / "fixtures" / "catalog-additions.csv"  # confirmed by the content review
#: Research working notes that must never reach a field the user sees.
WORKING_NOTES = re.compile(
    r"not seen|not shown|inferred|check registry|per (?:one )?review|per another|\blikely\b|\(official:|"
    r"secondary review table|\?\?|TODO",
    re.IGNORECASE,
)
SHOWN = ("title", "acronym", "cell_type", "route", "ms_type", "phase", "sponsor", "country", "caution", "note",
         "source")  # fmt: skip


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
    with ADDITIONS_CSV.open(newline="", encoding="utf-8") as fh:
        added = {r["nct_id"]: r["source"] for r in csv.DictReader(fh)}
    assert all("http" in source for source in added.values())
    assert {e.nct_id for e in load_catalog().entries} == verified | set(added)


def test_no_research_working_note_reaches_a_shown_field_and_descriptions_are_marked() -> None:
    catalog = load_catalog()
    for entry in catalog.entries:
        for name in SHOWN:
            value = getattr(entry, name)
            assert not (value and WORKING_NOTES.search(value)), f"{entry.nct_id} {name}: {value!r}"
    with RESEARCH_CSV.open(newline="", encoding="utf-8") as fh:
        described = {r["nct_id"] for r in csv.DictReader(fh) if r["title"].startswith("[registered title not")}
    by_id = catalog.by_id
    assert len(described) == 7
    for nct in described:
        assert by_id[nct].title.startswith(DESCRIPTION_MARK), nct
        assert "registered title replaces it" in (by_id[nct].note or "")
    marked = {e.nct_id for e in catalog.entries if e.title.startswith(DESCRIPTION_MARK)}
    assert described < marked  # and the added trials, whose registered titles we have not seen


def test_a_newer_catalog_replaces_older_facts_until_the_registry_has_spoken(library: Library) -> None:
    """Version 2 cleaned the catalog: a library seeded with version 1 gets the cleaned facts and marked
    titles on trials never refreshed, keeps the registry's title on refreshed ones, and is linked again."""
    current = load_catalog()
    old_entry = dataclasses.replace(current.by_id["NCT04361942"], title="BM autologous MSCs (per review)",
                                    sponsor="not seen (inferred)")  # fmt: skip
    with library.transaction() as s:
        trial = ops.require_trial(s, "NCT04361942")
        trial.brief_title, trial.lead_sponsor = old_entry.title, old_entry.sponsor
        mist = ops.require_trial(s, "NCT00273364")
        mist.brief_title, mist.last_refreshed = "The registry's own title", dt.datetime.now(dt.UTC)
        mist.topic_links.clear()
    newer = Catalog(current.version + 1, current.entries)
    with library.transaction() as s:
        assert seed_catalog(s, newer, link_rules) == []
    cleaned = trials.detail(library, "NCT04361942")
    assert cleaned is not None and cleaned.title.startswith(DESCRIPTION_MARK) and cleaned.lead_sponsor is None
    mist_now = trials.detail(library, "NCT00273364")
    assert mist_now is not None and mist_now.title == "The registry's own title"
    assert {"hsct", "guidelines"} <= {link.topic for link in mist_now.active_links}  # linked again


def test_later_catalog_adds_new_trials_but_never_brings_back_removed_ones(library: Library) -> None:
    assert trials.remove(library, ["NCT00273364"]) == ["NCT00273364"]
    current = load_catalog()
    newer = Catalog(
        current.version + 1,
        (*current.entries, CatalogEntry(nct_id="NCT09990001", title="A new MSC trial", cell_type="MSC")),
    )
    with library.transaction() as s:
        assert seed_catalog(s, newer, link_rules) == ["NCT09990001"]
    with library.transaction() as s:
        ids = set(ops.tracked_ids(s))
        assert "NCT09990001" in ids and "NCT00273364" not in ids
        # Seeding the same version again is a no-op.
        assert seed_catalog(s, newer, link_rules) == []
    # The new trial came with its catalog facts and topic links, like a seeded one.
    added = trials.detail(library, "NCT09990001")
    assert added is not None and added.catalog.in_catalog and added.catalog.cell_type == "MSC"
    assert "msc" in {link.topic for link in added.active_links}


def test_explicitly_re_adding_a_removed_catalog_trial_works(library: Library) -> None:
    trials.remove(library, ["NCT00273364"])
    assert trials.add(library, ["NCT00273364"]).added == ["NCT00273364"]
    trial = trials.detail(library, "NCT00273364")
    assert trial is not None
    assert trial.catalog.in_catalog and trial.catalog.cell_type and trial.acronym == "MIST"


def test_a_new_library_is_seeded_with_the_whole_catalog_once(library: Library, data_dir: Path) -> None:
    catalog_ids = [e.nct_id for e in load_catalog().entries]
    assert sorted(library.seeded) == sorted(catalog_ids)
    assert trials.tracked_ids(library) == sorted(catalog_ids)
    library.close()
    again = open_test_library(data_dir)
    try:
        assert again.seeded == [], "the same catalog version is seeded once"
    finally:
        again.close()


def test_shipped_catalog_file_parses_to_the_loaded_catalog() -> None:
    parsed = parse_catalog(resource("catalog", "ms_stemcell_trials.json"))
    assert parsed == load_catalog() and parsed.version >= 1
    assert load_catalog() is load_catalog(), "read once per process"


def test_catalog_entry_fields_match_the_store_columns() -> None:
    names = {f.name for f in dataclasses.fields(CatalogEntry)}
    assert {"nct_id", "acronym", "title", "cell_type", "route", "ms_type", "phase", "sponsor", "country",
            "source", "caution"} <= names  # fmt: skip
