"""The embedded catalog of MS stem-cell trials that ships with the app (data only).

Seeding it into a library is the store's job (:mod:`trialtracker.store.seeding`);
this module only reads and types the shipped file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from trialtracker.paths import resource

CATALOG_FILE = ("catalog", "ms_stemcell_trials.json")
#: How a catalog title that is our own description (the registered title not yet seen) begins.
DESCRIPTION_MARK = "[Our description] "


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

    @cached_property
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
