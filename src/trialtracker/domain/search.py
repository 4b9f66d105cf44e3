"""The default registry search: MS trials of stem-cell and related cell therapies."""

from __future__ import annotations

import re
from collections.abc import Sequence

DEFAULT_CONDITION = "multiple sclerosis"
#: What the user decided about a study a watch found: nothing yet, not interested, or now tracked.
CANDIDATE_NEW, CANDIDATE_DISMISSED, CANDIDATE_TRACKED = "new", "dismissed", "tracked"
#: Intervention terms of the default search (sent as an Essie OR-list).
DEFAULT_INTERVENTION_TERMS: tuple[str, ...] = (
    "mesenchymal",
    "stromal",
    "hematopoietic",
    "HSCT",
    "stem cell",
    "neural stem",
    "cord blood",
)


def essie_or(terms: Sequence[str]) -> str:
    """The registry's Essie OR-list: ``mesenchymal OR "stem cell"`` (multi-word terms quoted)."""
    parts = []
    for term in terms:
        term = term.strip().replace('"', "")
        if term:
            parts.append(f'"{term}"' if re.search(r"\s", term) else term)
    return " OR ".join(parts)


DEFAULT_INTERVENTION = essie_or(DEFAULT_INTERVENTION_TERMS)
