"""Registry phases (``phases`` enum) in words."""

from __future__ import annotations

from collections.abc import Sequence

from trialtracker.domain.statuses import humanize_enum

PHASE_LABELS = {
    "EARLY_PHASE1": "Early phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": "Not applicable",
}


def phase_label(phases: Sequence[str] | None, fallback: str | None = None) -> str:
    """``["PHASE1", "PHASE2"]`` -> ``Phase 1 / Phase 2``; ``fallback`` (the catalog's phase) when empty."""
    if not phases:
        return fallback or "—"
    return " / ".join(PHASE_LABELS.get(p.strip(), humanize_enum(p.strip())) for p in phases)
