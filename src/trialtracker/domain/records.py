"""Typed records the registry parser produces and the store consumes.

They are the contract between :mod:`trialtracker.ctgov.parser` (tolerant of
whatever JSON the registry sends) and the store (which only ever sees these).
Every field may be missing upstream, so almost everything is optional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ACTUAL = "ACTUAL"
ESTIMATED = "ESTIMATED"


@dataclass(frozen=True)
class PartialDate:
    """A registry date as given: ``yyyy``, ``yyyy-MM`` or ``yyyy-MM-dd``, with its ACTUAL/ESTIMATED type.

    ``type`` is ``None`` when the registry did not say (older records).
    """

    value: str
    type: str | None = None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month"}.get(len(self.value), "day")

    def as_date(self) -> dt.date | None:
        """The earliest day the partial date can mean, for sorting; None if unparseable."""
        parts = self.value.split("-")
        try:
            year = int(parts[0])
            month = int(parts[1]) if len(parts) > 1 else 1
            day = int(parts[2]) if len(parts) > 2 else 1
            return dt.date(year, month, day)
        except (ValueError, IndexError):
            return None

    def to_json(self) -> dict[str, str | None]:
        return {"date": self.value, "type": self.type}

    @classmethod
    def from_json(cls, data: Any) -> PartialDate | None:
        if not isinstance(data, dict) or not isinstance(data.get("date"), str):
            return None
        kind = data.get("type")
        return cls(data["date"], kind if isinstance(kind, str) else None)

    def __str__(self) -> str:
        return self.value if self.type is None else f"{self.value} ({self.type.lower()})"


@dataclass(frozen=True)
class Intervention:
    name: str | None = None
    type: str | None = None
    description: str | None = None
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location:
    facility: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    status: str | None = None  # site recruiting status, e.g. RECRUITING


@dataclass(frozen=True)
class StudyRecord:
    """One study as the registry describes it, after tolerant parsing."""

    nct_id: str
    aliases: tuple[str, ...] = ()
    brief_title: str | None = None
    official_title: str | None = None
    acronym: str | None = None
    overall_status: str | None = None
    last_known_status: str | None = None
    why_stopped: str | None = None
    status_verified_date: str | None = None
    phases: tuple[str, ...] = ()
    study_type: str | None = None
    enrollment_count: int | None = None
    enrollment_type: str | None = None
    start_date: PartialDate | None = None
    primary_completion_date: PartialDate | None = None
    completion_date: PartialDate | None = None
    first_posted: str | None = None
    last_update_posted: str | None = None
    has_results: bool | None = None
    lead_sponsor: str | None = None
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    locations: tuple[Location, ...] = ()
    brief_summary: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
