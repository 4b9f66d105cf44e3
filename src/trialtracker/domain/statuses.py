"""Registry overall statuses: their words, their group and how they sort.

The registry's ``overallStatus`` enum (OAS 2.0.5) is mapped once here to a
label, a *group* (can a person join: open, opening soon, closed, unknown), a
colour role for badges and a "how live is it" order. Codes we do not know are
kept verbatim and shown humanised, in the unknown group.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass


class StatusGroup(enum.Enum):
    """Can a person join? The four answers the whole app uses."""

    OPEN = "open"
    OPENING_SOON = "opening soon"
    CLOSED = "closed"
    UNKNOWN = "unknown"


class ColourRole(enum.Enum):
    """What a badge colour says; the window maps each role to light/dark colours."""

    RECRUITING = "recruiting"
    UPCOMING = "upcoming"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    STOPPED = "stopped"
    UNKNOWN = "unknown"
    NONE = "none"


@dataclass(frozen=True)
class StatusInfo:
    code: str
    label: str
    group: StatusGroup
    colour: ColourRole


RECRUITING = "RECRUITING"
_O, _S, _C, _U = StatusGroup.OPEN, StatusGroup.OPENING_SOON, StatusGroup.CLOSED, StatusGroup.UNKNOWN

#: Every known status, in "how live is it" order (the table's sort, the status boxes, discovery).
STATUSES: tuple[StatusInfo, ...] = (
    StatusInfo(RECRUITING, "Recruiting", _O, ColourRole.RECRUITING),
    StatusInfo("NOT_YET_RECRUITING", "Not yet recruiting", _S, ColourRole.UPCOMING),
    StatusInfo("ENROLLING_BY_INVITATION", "Enrolling by invitation", _O, ColourRole.RECRUITING),
    StatusInfo("ACTIVE_NOT_RECRUITING", "Active, not recruiting", _C, ColourRole.ACTIVE),
    StatusInfo("AVAILABLE", "Available", _O, ColourRole.RECRUITING),
    StatusInfo("TEMPORARILY_NOT_AVAILABLE", "Temporarily not available", _C, ColourRole.PAUSED),
    StatusInfo("SUSPENDED", "Suspended", _C, ColourRole.PAUSED),
    StatusInfo("COMPLETED", "Completed", _C, ColourRole.COMPLETED),
    StatusInfo("APPROVED_FOR_MARKETING", "Approved for marketing", _C, ColourRole.COMPLETED),
    StatusInfo("TERMINATED", "Terminated", _C, ColourRole.STOPPED),
    StatusInfo("WITHDRAWN", "Withdrawn", _C, ColourRole.STOPPED),
    StatusInfo("NO_LONGER_AVAILABLE", "No longer available", _C, ColourRole.STOPPED),
    StatusInfo("WITHHELD", "Withheld", _U, ColourRole.UNKNOWN),
    StatusInfo("UNKNOWN", "Unknown status", _U, ColourRole.UNKNOWN),
)
BY_CODE: dict[str, StatusInfo] = {s.code: s for s in STATUSES}
STATUS_LABELS: dict[str, str] = {s.code: s.label for s in STATUSES}
NOT_REFRESHED_LABEL = "Not refreshed yet"
NOT_FOUND_LABEL = "Not found"

#: The "Recruiting" list: trials a person could join now or soon.
#: What the "Recruiting" list holds: open now (recruiting, enrolling by invitation, available). Opening
#: soon (not yet recruiting) has a list of its own: nobody can join those today.
RECRUITING_GROUPS = frozenset({StatusGroup.OPEN})


def humanize_enum(value: str | None) -> str:
    """``SOME_NEW_CODE`` -> ``Some new code`` for registry values we have no label for."""
    if not value:
        return "—"
    return value.replace("_", " ").capitalize()


def status_label(code: str | None) -> str:
    if code is None:
        return NOT_REFRESHED_LABEL
    info = BY_CODE.get(code)
    return info.label if info else humanize_enum(code)


def status_group(code: str | None) -> StatusGroup:
    info = BY_CODE.get(code or "")
    return info.group if info else StatusGroup.UNKNOWN


def colour_role(code: str | None, *, not_found: bool = False) -> ColourRole:
    if not_found:
        return ColourRole.STOPPED
    if code is None:
        return ColourRole.NONE
    info = BY_CODE.get(code)
    return info.colour if info else ColourRole.UNKNOWN


#: The status of a trial whose sponsor has not confirmed it for two years past its expected end.
UNKNOWN = "UNKNOWN"


def site_open(site_status: str | None, trial_status: str | None) -> bool:
    """A site someone could ask to join: listed as recruiting, in a trial whose own status is known
    (an unknown trial cannot vouch for its sites)."""
    return site_recruiting(site_status) and trial_status != UNKNOWN


def site_recruiting(code: str | None) -> bool:
    """A site (location) counts as recruiting only with the registry's own RECRUITING status."""
    return code == RECRUITING


def is_recruiting(code: str | None) -> bool:
    """Counts for the "Recruiting" list (open now; enrolling by invitation is labelled so by its status)."""
    return code is not None and status_group(code) in RECRUITING_GROUPS


def is_opening_soon(code: str | None) -> bool:
    """Counts for the "Opening soon" list (not yet recruiting)."""
    return code is not None and status_group(code) is StatusGroup.OPENING_SOON


_ORDER = {s.code: i for i, s in enumerate(STATUSES)}


def status_order(code: str | None, *, not_found: bool = False) -> int:
    """Sort key: known statuses in :data:`STATUSES` order, then unknown codes, not found, never fetched."""
    if not_found:
        return len(STATUSES) + 1
    if code is None:
        return len(STATUSES) + 2
    return _ORDER.get(code, len(STATUSES))


def normalize_statuses(statuses: str | Sequence[str] | None) -> list[str]:
    """``"recruiting, not yet recruiting"`` -> ``["RECRUITING", "NOT_YET_RECRUITING"]``."""
    if not statuses:
        return []
    items = statuses.split(",") if isinstance(statuses, str) else list(statuses)
    return [s.strip().upper().replace(" ", "_") for s in items if s.strip()]
