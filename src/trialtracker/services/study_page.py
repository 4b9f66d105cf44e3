"""The trial page's answers to "what is it, could I join, where, whom do I ask, what did it find",
as plain data both faces show (and ``show --json`` writes).

Built from what the store keeps of the registry record (schema 0004 columns, read as JSON and
never trusted: an odd value is left out, not guessed). ``fetched`` is False until the first
refresh after the upgrade fills those columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from trialtracker.domain.eligibility import Criteria, eligibility_summary, split_criteria
from trialtracker.domain.statuses import UNKNOWN, humanize_enum, status_label
from trialtracker.domain.study_design import ARM_TYPES, OUTCOME_KINDS, REFERENCE_TYPES, design_lines

if TYPE_CHECKING:
    from trialtracker.store.models import Trial

JsonDict = dict[str, Any]
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"
RESULTS_URL = "https://clinicaltrials.gov/study/{}?tab=results"
#: The short warning every trial page carries, in both faces.
NOT_ADVICE = (
    "Not medical advice: talk to your neurologist or MS nurse, and to the study team, "
    "before deciding anything."
)


def _s(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str) and v.strip()) if isinstance(value, list) else ()


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


@dataclass(frozen=True)
class ContactView:
    name: str | None
    role: str | None
    phone: str | None
    phone_ext: str | None
    email: str | None
    affiliation: str | None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> ContactView | None:
        found = cls(
            *(_s(data.get(k)) for k in ("name", "role", "phone", "phone_ext", "email", "affiliation"))
        )
        return found if any((found.name, found.phone, found.email, found.affiliation)) else None

    @property
    def role_label(self) -> str:
        return humanize_enum(self.role) if self.role else ""

    @property
    def phone_text(self) -> str | None:
        if not self.phone:
            return None
        return f"{self.phone} ext. {self.phone_ext}" if self.phone_ext else self.phone

    def as_json(self) -> JsonDict:
        return {"name": self.name, "role": self.role, "phone": self.phone, "phone_ext": self.phone_ext,
                "email": self.email, "affiliation": self.affiliation}  # fmt: skip


def contacts_of(value: Any) -> tuple[ContactView, ...]:
    return tuple(c for c in (ContactView.of(d) for d in _dicts(value)) if c is not None)


@dataclass(frozen=True)
class EligibilityView:
    """Who may take part: the one-line summary, then the criteria split into lists (text that could
    not be placed is kept in ``other``; ``criteria`` is the registry's text as given). The split is
    made on first use: a bundle of 10,000 trials leaves the page's details out and never splits."""

    summary: str
    sex: str | None
    minimum_age: str | None
    maximum_age: str | None
    healthy_volunteers: bool | None
    std_ages: tuple[str, ...]
    criteria: str | None

    @classmethod
    def of(cls, data: Any) -> EligibilityView | None:
        if not isinstance(data, Mapping):
            return None
        healthy = data.get("healthy_volunteers")
        healthy = healthy if isinstance(healthy, bool) else None
        sex, low, high = _s(data.get("sex")), _s(data.get("minimum_age")), _s(data.get("maximum_age"))
        return cls(
            summary=eligibility_summary(low, high, sex, healthy), sex=sex, minimum_age=low, maximum_age=high,
            healthy_volunteers=healthy, std_ages=_strs(data.get("std_ages")),
            criteria=_s(data.get("criteria")),
        )  # fmt: skip

    @cached_property
    def _parts(self) -> Criteria:
        return split_criteria(self.criteria)

    @property
    def inclusion(self) -> tuple[str, ...]:
        return self._parts.inclusion

    @property
    def exclusion(self) -> tuple[str, ...]:
        return self._parts.exclusion

    @property
    def other(self) -> str:
        return self._parts.other

    def as_json(self) -> JsonDict:
        data: JsonDict = {"summary": self.summary, "sex": self.sex, "minimum_age": self.minimum_age,
                          "maximum_age": self.maximum_age, "healthy_volunteers": self.healthy_volunteers,
                          "std_ages": list(self.std_ages), "criteria": self.criteria,
                          "inclusion": list(self.inclusion), "exclusion": list(self.exclusion),
                          "other": self.other}  # fmt: skip
        return data


@dataclass(frozen=True)
class ArmView:
    label: str | None
    type: str | None
    description: str | None
    interventions: tuple[str, ...]

    @property
    def type_label(self) -> str:
        return ARM_TYPES.get(self.type or "", humanize_enum(self.type)) if self.type else ""

    def as_json(self) -> JsonDict:
        return {"label": self.label, "type": self.type, "description": self.description,
                "interventions": list(self.interventions)}  # fmt: skip


@dataclass(frozen=True)
class OutcomeView:
    kind: str
    measure: str | None
    description: str | None
    time_frame: str | None

    @property
    def kind_label(self) -> str:
        return OUTCOME_KINDS.get(self.kind, self.kind)

    def as_json(self) -> JsonDict:
        return {"kind": self.kind, "measure": self.measure, "description": self.description,
                "time_frame": self.time_frame}  # fmt: skip


@dataclass(frozen=True)
class ReferenceView:
    citation: str | None
    pmid: str | None
    type: str | None

    @property
    def pubmed_url(self) -> str | None:
        return PUBMED_URL.format(self.pmid) if self.pmid and self.pmid.isdigit() else None

    @property
    def type_label(self) -> str:
        return REFERENCE_TYPES.get(self.type or "", humanize_enum(self.type)) if self.type else ""

    def as_json(self) -> JsonDict:
        return {
            "citation": self.citation,
            "pmid": self.pmid,
            "type": self.type,
            "pubmed_url": self.pubmed_url,
        }


@dataclass(frozen=True)
class StudyPage:
    """The registry's answers a person weighing the trial reads (see the module docstring)."""

    fetched: bool
    brief_summary: str | None
    detailed_description: str | None
    status_note: str | None
    eligibility: EligibilityView | None
    design: tuple[str, ...]
    arms: tuple[ArmView, ...]
    outcomes: tuple[OutcomeView, ...]
    central_contacts: tuple[ContactView, ...]
    officials: tuple[ContactView, ...]
    references: tuple[ReferenceView, ...]
    results_url: str | None

    @classmethod
    def left_out(cls) -> StudyPage:
        """No page: a bulk read (an export of 10,000 trials) that writes none of it."""
        return cls(False, None, None, None, None, (), (), (), (), (), (), None)

    @classmethod
    def of(cls, trial: Trial) -> StudyPage:
        design = trial.design_info if isinstance(trial.design_info, Mapping) else {}
        arms = tuple(
            ArmView(
                _s(a.get("label")), _s(a.get("type")), _s(a.get("description")), _strs(a.get("interventions"))
            )
            for a in _dicts(trial.arm_groups)
        )
        outcomes = tuple(
            OutcomeView(_s(o.get("kind")) or "other", _s(o.get("measure")), _s(o.get("description")),
                        _s(o.get("time_frame")))
            for o in _dicts(trial.outcomes)
        )  # fmt: skip
        references = [
            ReferenceView(_s(r.get("citation")), _s(r.get("pmid")), _s(r.get("type")))
            for r in _dicts(trial.publications)
        ]
        references.sort(key=lambda r: r.type != "RESULT")  # reports of this study's results first
        return cls(
            fetched=trial.arm_groups is not None,
            brief_summary=trial.brief_summary,
            detailed_description=trial.detailed_description,
            status_note=status_note(trial.overall_status, trial.last_known_status,
                                    trial.status_verified_date),
            eligibility=EligibilityView.of(trial.eligibility),
            design=tuple(design_lines(_s(design.get("allocation")), _s(design.get("intervention_model")),
                                      _s(design.get("masking")), _strs(design.get("who_masked")),
                                      [a.type for a in arms])),
            arms=arms,
            outcomes=outcomes,
            central_contacts=contacts_of(trial.central_contacts),
            officials=contacts_of(trial.officials),
            references=tuple(references),
            results_url=RESULTS_URL.format(trial.nct_id) if trial.has_results else None,
        )  # fmt: skip

    def as_json(self) -> JsonDict:
        return {
            "fetched": self.fetched, "brief_summary": self.brief_summary,
            "detailed_description": self.detailed_description, "status_note": self.status_note,
            "eligibility": self.eligibility.as_json() if self.eligibility else None,
            "design": list(self.design), "arms": [a.as_json() for a in self.arms],
            "outcomes": [o.as_json() for o in self.outcomes],
            "central_contacts": [c.as_json() for c in self.central_contacts],
            "officials": [c.as_json() for c in self.officials],
            "references": [r.as_json() for r in self.references], "results_url": self.results_url,
        }  # fmt: skip


def status_note(status: str | None, last_known: str | None, verified: str | None) -> str | None:
    """For a trial whose status is unknown: what it was when last checked, and when that was.

    The registry marks a study UNKNOWN when it has passed its expected completion date and its
    status has not been checked in the past two years; its sites' statuses are just as old."""
    if status != UNKNOWN:
        return None
    when = f" (last checked {verified})" if verified else ""
    before = f" Its last known status was “{status_label(last_known)}”{when}." if last_known else ""
    return (
        "Status unknown: this trial has passed its expected end date and its status has not been "
        "checked for more than two years." + before + " A site listed as recruiting may no longer be."
    )
