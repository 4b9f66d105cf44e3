"""The embedded catalog of MS stem-cell trials, and seeding it into a store.

The catalog makes the first launch useful offline. Seeding is versioned: a
newer catalog adds the trials it introduces, but a trial the user removed
(recorded in ``removed_trial``) is never brought back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker.paths import DataPaths, resource
from trialtracker.store.backups import daily_backup
from trialtracker.store.db import Store, open_store
from trialtracker.store.models import RemovedTrial, Setting, Trial

CATALOG_FILE = ("catalog", "ms_stemcell_trials.json")
SEEDED_VERSION_KEY = "catalog_version"


@dataclass(frozen=True)
class CatalogEntry:
    nct_id: str
    title: str
    acronym: str | None = None
    cell_type: str | None = None
    route: str | None = None
    ms_type: str | None = None
    phase: str | None = None
    sponsor: str | None = None
    country: str | None = None
    source: str | None = None
    caution: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Catalog:
    version: int
    entries: tuple[CatalogEntry, ...]

    @property
    def by_id(self) -> dict[str, CatalogEntry]:
        return {e.nct_id: e for e in self.entries}


def parse_catalog(path: Path) -> Catalog:
    data = json.loads(path.read_text(encoding="utf-8"))
    fields = set(CatalogEntry.__dataclass_fields__)
    entries = tuple(CatalogEntry(**{k: v for k, v in row.items() if k in fields}) for row in data["trials"])
    return Catalog(int(data["catalog_version"]), entries)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    return parse_catalog(resource(*CATALOG_FILE))


def apply_catalog_facts(trial: Trial, entry: CatalogEntry) -> None:
    """Copy catalog facts onto a trial; registry fields are only filled where still empty."""
    trial.in_catalog = True
    trial.cell_type = entry.cell_type
    trial.route = entry.route
    trial.ms_type = entry.ms_type
    trial.catalog_phase = entry.phase
    trial.catalog_country = entry.country
    trial.catalog_source = entry.source
    trial.catalog_note = entry.note
    trial.caution = entry.caution
    if trial.brief_title is None:
        trial.brief_title = entry.title
    if trial.acronym is None:
        trial.acronym = entry.acronym
    if trial.lead_sponsor is None:
        trial.lead_sponsor = entry.sponsor


def seeded_version(session: Session) -> int:
    setting = session.get(Setting, SEEDED_VERSION_KEY)
    return int(setting.value) if setting is not None and setting.value else 0


def seed_catalog(session: Session, catalog: Catalog | None = None) -> list[str]:
    """Track the catalog's trials that this store has not seen yet; return the IDs added.

    Does nothing when the store already has this catalog version. Catalog facts
    of trials already tracked are refreshed either way.
    """
    from trialtracker.topics.linking import relink

    catalog = catalog or load_catalog()
    by_id = catalog.by_id
    for trial in session.scalars(
        select(Trial).where(Trial.nct_id.in_(list(by_id)), Trial.in_catalog.is_(False))
    ):
        apply_catalog_facts(trial, by_id[trial.nct_id])
    existing = set(session.scalars(select(Trial.nct_id)))
    if seeded_version(session) >= catalog.version:
        return []
    removed = set(session.scalars(select(RemovedTrial.nct_id)))
    added: list[Trial] = []
    for entry in catalog.entries:
        if entry.nct_id in existing or entry.nct_id in removed:
            continue
        trial = Trial(nct_id=entry.nct_id)
        apply_catalog_facts(trial, entry)
        session.add(trial)
        added.append(trial)
    session.merge(Setting(key=SEEDED_VERSION_KEY, value=str(catalog.version)))
    session.flush()
    for trial in added:
        relink(session, trial)
    return [t.nct_id for t in added]


def open_seeded_store(paths: DataPaths) -> Store:
    """Open the store, seed the current catalog (one transaction) and make the daily backup."""
    store = open_store(paths)
    with store.session() as session:
        seed_catalog(session)
    daily_backup(paths.db_path)
    return store
