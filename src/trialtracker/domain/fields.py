"""The registry fields we watch between fetches, and how a change to each is put in words.

A difference in any of :data:`WATCHED_FIELDS` becomes one history row whose
``old``/``new`` are the strings :func:`history_text` makes; every face shows
them through :func:`field_label` and :func:`change_value`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trialtracker.domain.phases import phase_label
from trialtracker.domain.statuses import humanize_enum, status_label

FIRST_FETCH = "first_fetch"
STATUS_FIELD = "overall_status"

#: field -> its name in words. The order is the order changes are listed in.
FIELD_LABELS: dict[str, str] = {
    "overall_status": "Status",
    "why_stopped": "Why stopped",
    "phases": "Phases",
    "enrollment_count": "Enrollment",
    "enrollment_type": "Enrollment type",
    "start_date": "Start date",
    "start_date_type": "Start date type",
    "primary_completion_date": "Primary completion",
    "primary_completion_date_type": "Primary completion type",
    "completion_date": "Completion date",
    "completion_date_type": "Completion date type",
    "has_results": "Results posted",
    "last_update_posted": "Last update posted",
    "site_count": "Number of sites",
    "recruiting_sites": "Recruiting sites",
    "recruiting_places": "Where it recruits",
    "eligibility": "Who can join",
    "eligibility_criteria": "Eligibility criteria",
}
#: Fields compared between fetches; each difference becomes one history row.
WATCHED_FIELDS: tuple[str, ...] = tuple(FIELD_LABELS)
#: Watched fields computed from a trial's sites and its eligibility; the rest are read as stored.
COMPUTED_WATCHED_FIELDS = (
    "site_count", "recruiting_sites", "recruiting_places", "eligibility", "eligibility_criteria",
)  # fmt: skip
STORED_WATCHED_FIELDS: tuple[str, ...] = tuple(f for f in WATCHED_FIELDS if f not in COMPUTED_WATCHED_FIELDS)
#: Read since schema 0004: a library upgraded from before has nothing to compare them with until its
#: first refresh, and filling them in then is not a change of the trial.
FILLED_ON_UPGRADE = ("eligibility", "eligibility_criteria")
DATE_FIELDS = ("start_date", "primary_completion_date", "completion_date")
#: Longest history value shown in a line; a changed criteria text is read on the trial page.
SHOWN_VALUE_LIMIT = 160


def differences(old: Mapping[str, str | None], new: Mapping[str, str | None]) -> list[str]:
    """The watched fields whose values differ, in :data:`WATCHED_FIELDS` order."""
    return [
        k for k in WATCHED_FIELDS
        if old[k] != new[k] and not (k in FILLED_ON_UPGRADE and old[k] is None)
    ]  # fmt: skip


def field_label(field: str) -> str:
    if field == FIRST_FETCH:
        return "First fetched from the registry"
    return FIELD_LABELS.get(field, humanize_enum(field))


def history_text(value: object) -> str | None:
    """A watched value as the string a history row holds (lists joined, booleans as yes/no)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value)


def change_value(field: str, value: str | None) -> str:
    """A history value in words: status and phase codes get their labels."""
    if value is None or value == "":
        return "—"
    if field in (STATUS_FIELD, FIRST_FETCH):
        return status_label(value)
    if field == "phases":
        return phase_label(value.split(","))
    if field.endswith("_type"):
        return humanize_enum(value)
    if len(value) > SHOWN_VALUE_LIMIT:
        return value[: SHOWN_VALUE_LIMIT - 1].rstrip() + "…"
    return value


def date_label(value: str | None, kind: str | None) -> str:
    """``2019-03 (actual)``; ``—`` when there is no date."""
    if not value:
        return "—"
    return f"{value} ({kind.lower()})" if kind else value


@dataclass(frozen=True)
class FieldChange:
    """One watched field of one trial that changed in a refresh."""

    nct_id: str
    field: str
    old: str | None
    new: str | None

    def line(self) -> str:
        """``Status: Recruiting -> Completed``."""
        old, new = change_value(self.field, self.old), change_value(self.field, self.new)
        return f"{field_label(self.field)}: {old} -> {new}"


def changes_summary(changes: Sequence[FieldChange], limit: int = 3) -> str:
    """``3 trials changed: NCT… now Completed; NCT… enrollment 40 → 80; …`` ("" when nothing changed)."""
    by_trial: dict[str, list[FieldChange]] = {}
    for change in changes:
        by_trial.setdefault(change.nct_id, []).append(change)
    if not by_trial:
        return ""
    parts = []
    for nct, items in list(by_trial.items())[:limit]:
        status = next((c for c in items if c.field == STATUS_FIELD), None)
        if status is not None:
            parts.append(f"{nct} now {change_value(STATUS_FIELD, status.new)}")
        else:
            c = items[0]
            more = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
            parts.append(
                f"{nct} {field_label(c.field).lower()} {change_value(c.field, c.old)} → "
                f"{change_value(c.field, c.new)}{more}"
            )
    n = len(by_trial)
    text = f"{n} trial{'s' if n != 1 else ''} changed: " + "; ".join(parts)
    if n > limit:
        text += f"; and {n - limit} more"
    return text
