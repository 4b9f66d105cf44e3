"""The parts of a study a person weighing it reads: eligibility, design, arms, outcomes, contacts,
sites with their contacts and coordinates, and publications.

Same rules as :mod:`trialtracker.ctgov.parser` (never trust a key or a type, keep unknown enum
values, drop nothing that is text). A module the registry did not send gives ``None`` (or an
empty tuple), so "not fetched" stays distinguishable from "the registry lists none".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from trialtracker.ctgov.values import as_bool, as_dict, as_enum, as_str, as_strings, as_text
from trialtracker.domain.records import Arm, Contact, Design, Eligibility, Location, Outcome, Reference

_OUTCOME_KINDS = (
    ("primary", "primaryOutcomes"),
    ("secondary", "secondaryOutcomes"),
    ("other", "otherOutcomes"),
)


def _items(value: Any) -> list[Mapping[str, Any]]:
    """The objects of a JSON list (anything else in it is skipped)."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _coordinate(value: Any, limit: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and -limit <= number <= limit else None


def contact(item: Mapping[str, Any]) -> Contact | None:
    found = Contact(
        name=as_text(item.get("name")),
        role=as_enum(item.get("role")),
        phone=as_str(item.get("phone")),
        phone_ext=as_str(item.get("phoneExt")),
        email=as_str(item.get("email")),
        affiliation=as_text(item.get("affiliation")),
    )
    return found if any((found.name, found.phone, found.email, found.affiliation)) else None


def contacts(value: Any) -> tuple[Contact, ...]:
    return tuple(c for c in (contact(item) for item in _items(value)) if c is not None)


def locations(value: Any) -> tuple[Location, ...]:
    out: list[Location] = []
    for item in _items(value):
        geo = as_dict(item.get("geoPoint"))
        out.append(
            Location(
                facility=as_text(item.get("facility")),
                city=as_str(item.get("city")),
                state=as_str(item.get("state")),
                country=as_str(item.get("country")),
                status=as_enum(item.get("status")),
                zip=as_str(item.get("zip")),
                lat=_coordinate(geo.get("lat"), 90),
                lon=_coordinate(geo.get("lon"), 180),
                contacts=contacts(item.get("contacts")),
            )
        )
    return tuple(out)


def eligibility(module: Any) -> Eligibility | None:
    if not isinstance(module, Mapping):
        return None
    return Eligibility(
        criteria=as_text(module.get("eligibilityCriteria")),
        sex=as_enum(module.get("sex")),
        minimum_age=as_str(module.get("minimumAge")),
        maximum_age=as_str(module.get("maximumAge")),
        healthy_volunteers=as_bool(module.get("healthyVolunteers")),
        std_ages=as_strings(module.get("stdAges")),
    )


def design(module: Any) -> Design | None:
    info = as_dict(module).get("designInfo") if isinstance(module, Mapping) else None
    if not isinstance(info, Mapping):
        return None
    masking = as_dict(info.get("maskingInfo"))
    return Design(
        allocation=as_enum(info.get("allocation")),
        intervention_model=as_enum(info.get("interventionModel")),
        primary_purpose=as_enum(info.get("primaryPurpose")),
        masking=as_enum(masking.get("masking")),
        who_masked=as_strings(masking.get("whoMasked")),
    )


def arms(value: Any) -> tuple[Arm, ...]:
    return tuple(
        Arm(
            label=as_text(item.get("label")),
            type=as_enum(item.get("type")),
            description=as_text(item.get("description")),
            interventions=as_strings(item.get("interventionNames"), markdown=True),
        )
        for item in _items(value)
    )


def outcomes(module: Any) -> tuple[Outcome, ...]:
    found = as_dict(module)
    return tuple(
        Outcome(
            kind=kind,
            measure=as_text(item.get("measure")),
            description=as_text(item.get("description")),
            time_frame=as_text(item.get("timeFrame")),
        )
        for kind, key in _OUTCOME_KINDS
        for item in _items(found.get(key))
    )


def references(module: Any) -> tuple[Reference, ...]:
    out: list[Reference] = []
    for item in _items(as_dict(module).get("references")):
        pmid = as_str(item.get("pmid"))
        found = Reference(
            citation=as_text(item.get("citation")),
            pmid=pmid if pmid is not None and pmid.isdigit() else None,
            type=as_enum(item.get("type")),
        )
        if found.citation or found.pmid:
            out.append(found)
    return tuple(out)
