"""Seeding the embedded catalog into a library, and catalog facts on tracked trials.

Seeding is versioned: a newer catalog adds the trials it introduces, but a
trial the user removed (recorded in ``removed_trial``) is never brought back.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker.domain.catalog import Catalog, CatalogEntry
from trialtracker.domain.topic_links import Linker
from trialtracker.store.catalog_state import SEEDED_VERSION_KEY
from trialtracker.store.links import facts_of, relink_many
from trialtracker.store.models import RemovedTrial, Setting, Trial

#: The trial columns a catalog entry fills: its own facts, then registry text where still empty.
CATALOG_COLUMNS = (
    "cell_type", "route", "ms_type", "catalog_phase", "catalog_country", "catalog_source", "catalog_note",
    "caution", "brief_title", "acronym", "lead_sponsor",
)  # fmt: skip


def catalog_facts(entry: CatalogEntry) -> dict[str, str | None]:
    """The values :func:`apply_catalog_facts` gives a trial that has no registry data yet."""
    return {
        "cell_type": entry.cell_type, "route": entry.route, "ms_type": entry.ms_type,
        "catalog_phase": entry.phase, "catalog_country": entry.country, "catalog_source": entry.source,
        "catalog_note": entry.note, "caution": entry.caution, "brief_title": entry.title,
        "acronym": entry.acronym, "lead_sponsor": entry.sponsor,
    }  # fmt: skip


def apply_catalog_facts(trial: Trial, entry: CatalogEntry, *, newer: bool = False) -> None:
    """Copy catalog facts onto a trial; registry fields are only filled where still empty, or, from a
    ``newer`` catalog, replaced where no refresh has given the registry's own yet."""
    trial.in_catalog = True
    trial.cell_type = entry.cell_type
    trial.route = entry.route
    trial.ms_type = entry.ms_type
    trial.catalog_phase = entry.phase
    trial.catalog_country = entry.country
    trial.catalog_source = entry.source
    trial.catalog_note = entry.note
    trial.caution = entry.caution
    unrefreshed = newer and trial.last_refreshed is None
    if trial.brief_title is None or unrefreshed:
        trial.brief_title = entry.title
    if trial.acronym is None or unrefreshed:
        trial.acronym = entry.acronym
    if trial.lead_sponsor is None or unrefreshed:
        trial.lead_sponsor = entry.sponsor


def seeded_version(session: Session) -> int:
    setting = session.get(Setting, SEEDED_VERSION_KEY)
    return int(setting.value) if setting is not None and setting.value else 0


def seed_catalog(session: Session, catalog: Catalog, linker: Linker) -> list[str]:
    """Track the catalog's trials that this store has not seen yet; return the IDs added.

    Does nothing when the store already has this catalog version. Catalog facts
    of trials already tracked are refreshed either way.
    """
    by_id = catalog.by_id
    for trial in session.scalars(
        select(Trial).where(Trial.nct_id.in_(list(by_id)), Trial.in_catalog.is_(False))
    ):
        apply_catalog_facts(trial, by_id[trial.nct_id])
    if seeded_version(session) >= catalog.version:
        return []
    # A newer catalog: its facts (cleaned notes, marked titles) replace the older one's, and every trial
    # is linked again, since the topic rules change with the catalog (see topics/rules.py).
    for trial in session.scalars(
        select(Trial).where(Trial.nct_id.in_(list(by_id)), Trial.in_catalog.is_(True))
    ):
        apply_catalog_facts(trial, by_id[trial.nct_id], newer=True)
    existing = set(session.scalars(select(Trial.nct_id)))
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
    every = session.scalars(select(Trial)).all()
    relink_many(session, {t.id: (bool(t.in_catalog), facts_of(t)) for t in every}, linker)
    return [t.nct_id for t in added]
