"""Therapy classes: which family of cell therapy a trial studies.

One set of patterns serves the table's cell-type column and filter, the topic
rules (which give the matched word as a reason) and the CLI. Patterns use word
boundaries so that, for example, ``IVIg`` is never read as ``IV``.
"""

from __future__ import annotations

import enum
import re


def word_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


HSCT = word_pattern(
    r"\ba?hsct\b|\bhscs?\b|\bha?ema?topoi?etic\b|\bhaemopoietic\b|\bpbscs?\b|\bcd34\+?"
    r"|\bautologous\s+(?:peripheral\s+blood\s+)?stem[- ]cell\s+transplant\w*"
    r"|\bimmunoablation\b|\bhigh[- ]dose\s+immunosuppression\b"
)
MSC = word_pattern(r"\bmesenchymal\b|\bstromal\b(?!\s+vascular)|\bmscs?\b|\bmsc-ntf\b|\bnurown\b|\bwharton")
SVF = word_pattern(r"\bstromal\s+vascular\s+fraction\b|\bsvf\b")
MIXED = word_pattern(
    r"\bmononuclear\b|\bbm[- ]?mncs?\b|\bunfractionated\b|\bbone\s+marrow(?:[- ]derived)?\s+cells\b"
    r"|\bcord\s+blood\b|\bucb\b|\bduoc-?\d*\b"
)
NEURAL = word_pattern(
    r"\bneural\s+(?:stem|precursor|progenitor)s?\b|\bneuronal\s+stem\b|\bnscs?\b|\bmsc-np\b"
    r"|\bneural\s+progenitors?\b|\bglial\s+progenitor"
)
PLURIPOTENT = word_pattern(
    r"\bembryonic\s+stem\b|\bhescs?\b|\binduced\s+pluripotent\b|\bi?pscs?\b|\bpluripotent\b"
)


class CellGroup(enum.Enum):
    """The four families the table groups trials into."""

    MSC = "MSC"
    HSCT = "HSCT"
    NEURAL = "Neural"
    OTHER = "Other"


#: Words shown for each family in filters and lists.
CELL_GROUP_LABELS = {
    CellGroup.MSC: "MSC (mesenchymal)",
    CellGroup.HSCT: "HSCT (blood stem cells)",
    CellGroup.NEURAL: "Neural stem cells",
    CellGroup.OTHER: "Other cell types",
}

#: The same patterns for text already lowercased: case-insensitive matching costs twice as much, and
#: :func:`cell_group` runs over every trial a list shows (the patterns are written in lowercase).
_LOWERCASE_FAMILIES = tuple(
    (re.compile(p.pattern), group)
    for p, group in ((HSCT, CellGroup.HSCT), (MSC, CellGroup.MSC), (NEURAL, CellGroup.NEURAL))
)
_CATALOG_HEADS = (("HSCT", CellGroup.HSCT), ("MSC", CellGroup.MSC), ("NSC", CellGroup.NEURAL),
                  ("OTHER", CellGroup.OTHER))  # fmt: skip


def cell_group(cell_type: str | None, registry_text: str = "") -> CellGroup:
    """Group a trial by our catalog's cell-type text, else by its registry text.

    The catalog text leads with the family (``"HSCT (autologous…)"``, ``"MSC (…)"``,
    ``"NSC (…)"``, ``"other (…)"``), so its first word decides; free text is searched.
    """
    text = registry_text
    if cell_type and cell_type.strip():
        head = cell_type.strip().split(maxsplit=1)[0].upper()
        for prefix, group in _CATALOG_HEADS:
            if head.startswith(prefix):
                return group
        text = cell_type + " \n " + registry_text
    text = text.lower()
    for pattern, group in _LOWERCASE_FAMILIES:
        if pattern.search(text):
            return group
    return CellGroup.OTHER
