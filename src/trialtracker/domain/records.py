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
class Contact:
    """A person to ask about a study or one of its sites, as the registry lists them."""

    name: str | None = None
    role: str | None = None  # CONTACT, PRINCIPAL_INVESTIGATOR, STUDY_CHAIR, STUDY_DIRECTOR, SUB_INVESTIGATOR…
    phone: str | None = None
    phone_ext: str | None = None
    email: str | None = None
    affiliation: str | None = None  # overall officials only


@dataclass(frozen=True)
class Location:
    facility: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    status: str | None = None  # site recruiting status, e.g. RECRUITING
    zip: str | None = None
    lat: float | None = None
    lon: float | None = None
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class Eligibility:
    """Who may take part, as given: the criteria text is kept whole (split for display elsewhere)."""

    criteria: str | None = None
    sex: str | None = None  # ALL, FEMALE, MALE
    minimum_age: str | None = None  # "18 Years"
    maximum_age: str | None = None
    healthy_volunteers: bool | None = None
    std_ages: tuple[str, ...] = ()  # CHILD, ADULT, OLDER_ADULT


@dataclass(frozen=True)
class Design:
    """How the study is built: allocation, model, purpose and who is masked (blinded)."""

    allocation: str | None = None  # RANDOMIZED, NON_RANDOMIZED, NA
    intervention_model: str | None = None  # PARALLEL, CROSSOVER, SINGLE_GROUP…
    primary_purpose: str | None = None
    masking: str | None = None  # NONE, SINGLE, DOUBLE, TRIPLE, QUADRUPLE
    who_masked: tuple[str, ...] = ()  # PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR


@dataclass(frozen=True)
class Arm:
    label: str | None = None
    type: str | None = None  # EXPERIMENTAL, ACTIVE_COMPARATOR, PLACEBO_COMPARATOR, SHAM_COMPARATOR…
    description: str | None = None
    interventions: tuple[str, ...] = ()  # "Biological: autologous MSC"


@dataclass(frozen=True)
class Outcome:
    kind: str  # primary, secondary, other
    measure: str | None = None
    description: str | None = None
    time_frame: str | None = None


@dataclass(frozen=True)
class Reference:
    """A publication the record cites; ``type`` RESULT marks a report of this study's results."""

    citation: str | None = None
    pmid: str | None = None
    type: str | None = None  # BACKGROUND, RESULT, DERIVED


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
    lead_sponsor_class: str | None = None  # INDUSTRY, OTHER, NIH, … (see domain.sponsors)
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    locations: tuple[Location, ...] = ()
    brief_summary: str | None = None
    #: The parts below are read since schema 0004 ("could I join?"); ``None`` means the registry
    #: sent no such module (an old projection, or a record without it).
    detailed_description: str | None = None
    eligibility: Eligibility | None = None
    design: Design | None = None
    arms: tuple[Arm, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    central_contacts: tuple[Contact, ...] = ()
    officials: tuple[Contact, ...] = ()
    references: tuple[Reference, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
