"""A study's design in plain words: randomised or not, who is blinded, whether there is a placebo
or sham arm, and what each arm or outcome kind means.

Why here: both faces and the printed page say the same words, and the registry's codes
(``QUADRUPLE``, ``SHAM_COMPARATOR``) mean nothing to most readers.
"""

from __future__ import annotations

from collections.abc import Sequence

from trialtracker.domain.statuses import humanize_enum

_ALLOCATION = {
    "RANDOMIZED": "Randomised: people are put into the study's groups by chance.",
    "NON_RANDOMIZED": "Not randomised: people are not put into groups by chance.",
}
_MODEL = {
    "SINGLE_GROUP": "Everyone gets the same treatment (one group).",
    "PARALLEL": "Groups get different treatments at the same time.",
    "CROSSOVER": "Each person gets the treatments one after another (crossover).",
    "FACTORIAL": "Two or more treatments are tested in combinations (factorial).",
    "SEQUENTIAL": "Groups start one after another (sequential).",
}
_WHO = {
    "PARTICIPANT": "participants",
    "CARE_PROVIDER": "care providers",
    "INVESTIGATOR": "investigators",
    "OUTCOMES_ASSESSOR": "the people who measure the results",
}
ARM_TYPES = {
    "EXPERIMENTAL": "Treatment being tested",
    "ACTIVE_COMPARATOR": "Compared with an existing treatment",
    "PLACEBO_COMPARATOR": "Placebo (a dummy treatment)",
    "SHAM_COMPARATOR": "Sham (a fake procedure)",
    "NO_INTERVENTION": "No treatment",
    "OTHER": "Other",
}
OUTCOME_KINDS = {
    "primary": "Main results measured",
    "secondary": "Other results measured",
    "other": "Further results measured",
}
REFERENCE_TYPES = {
    "RESULT": "Reports this study's results",
    "DERIVED": "Linked to this study by the registry",
    "BACKGROUND": "Background reading",
}


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def masking_line(masking: str | None, who: Sequence[str]) -> str | None:
    """``DOUBLE`` + participants, investigators -> "Blinded: participants and investigators do not
    know who gets which treatment." ``NONE`` -> "Open label: everyone knows who gets which treatment.\""""
    if not masking:
        return None
    if masking == "NONE":
        return "Open label: everyone knows who gets which treatment."
    people = [_WHO.get(w, humanize_enum(w).lower()) for w in who]
    if not people:
        return (
            f"Blinded ({humanize_enum(masking).lower()}): some people do not know who gets which treatment."
        )
    return f"Blinded: {_join(people)} do not know who gets which treatment."


def design_lines(
    allocation: str | None,
    model: str | None,
    masking: str | None,
    who_masked: Sequence[str],
    arm_types: Sequence[str | None],
) -> list[str]:
    """The design as a few short sentences; codes we have no words for are shown humanised."""
    lines: list[str] = []
    if allocation and allocation != "NA":
        lines.append(_ALLOCATION.get(allocation, f"Allocation: {humanize_enum(allocation)}."))
    if model:
        lines.append(_MODEL.get(model, f"Design: {humanize_enum(model)}."))
    masked = masking_line(masking, who_masked)
    if masked:
        lines.append(masked)
    if "PLACEBO_COMPARATOR" in arm_types:
        lines.append("One group gets a placebo (a dummy treatment).")
    if "SHAM_COMPARATOR" in arm_types:
        lines.append("One group gets a sham (fake) procedure.")
    return lines
