"""Whether a library already holds the current catalog, read over the plain driver.

Why its own module: every start asks this, and when the answer is "yes" (almost
always) the start needs neither SQLAlchemy nor the ORM seeding in
:mod:`trialtracker.store.seeding`.
"""

from __future__ import annotations

from trialtracker.domain.catalog import Catalog
from trialtracker.store.reader import Reader

SEEDED_VERSION_KEY = "catalog_version"


def catalog_settled(conn: Reader, catalog: Catalog) -> bool:
    """True when seeding would change nothing: this catalog version (or a newer one) is seeded and
    every tracked catalog trial already carries its catalog facts."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (SEEDED_VERSION_KEY,)).fetchone()
    try:
        seeded = int(row[0]) if row is not None and row[0] else 0
    except ValueError:
        return False
    if seeded < catalog.version:
        return False
    ids = list(catalog.by_id)
    marks = ",".join("?" * len(ids))
    bare = conn.execute(f"SELECT 1 FROM trial WHERE in_catalog = FALSE AND nct_id IN ({marks}) LIMIT 1", ids)
    return bare.fetchone() is None
