"""NCT identifiers: validation, normalisation and extraction from free text.

Only ASCII digits count: ``\\d`` would also take Arabic-Indic or full-width digits,
which ``int()`` accepts but the registry rejects (one such ID fails a whole batch).
The registry pattern is ``^[Nn][Cc][Tt]0*[1-9]\\d{0,7}$`` (OAS ``nctId``); we
normalise to the canonical ``NCT`` + 8 digits form. Validating locally matters
because one malformed ID makes ``filter.ids`` fail for a whole batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from trialtracker.domain.errors import InvalidInput

_FULL = re.compile(r"^\s*[Nn][Cc][Tt]\s*[-_]?\s*([0-9]{1,8})\s*$")
# In free text we only accept the canonical 8-digit form, bounded so that
# "NCT012345678" (9 digits) or "xNCT01234567" are not silently truncated.
_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])[Nn][Cc][Tt]([0-9]{8})(?!\d)")


class InvalidNctId(InvalidInput, ValueError):
    """Raised for a string that is not an NCT identifier."""

    def __init__(self, value: str) -> None:
        self.value = value
        shown = value if len(value) <= 40 else value[:37] + "..."
        super().__init__(f"invalid NCT ID {shown!r} (expected NCT followed by 8 digits, e.g. NCT00273364)")


def normalize(value: str) -> str:
    """Return ``value`` as ``NCT`` + 8 digits, or raise :class:`InvalidNctId`."""
    match = _FULL.match(value)
    if not match:
        raise InvalidNctId(value)
    digits = match.group(1)
    if int(digits) == 0:
        raise InvalidNctId(value)
    return "NCT" + digits.zfill(8)


def is_valid(value: str) -> bool:
    try:
        normalize(value)
    except InvalidNctId:
        return False
    return True


def normalize_all(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split ``values`` into (normalised unique IDs in order, invalid inputs)."""
    good: list[str] = []
    bad: list[str] = []
    seen: set[str] = set()
    for value in values:
        try:
            nct = normalize(value)
        except InvalidNctId:
            bad.append(value)
            continue
        if nct not in seen:
            seen.add(nct)
            good.append(nct)
    return good, bad


def extract(text: str) -> list[str]:
    """Every distinct NCT ID found in ``text``, upper-cased, in order of appearance."""
    seen: dict[str, None] = {}
    for match in _IN_TEXT.finditer(text):
        nct = "NCT" + match.group(1)
        if int(match.group(1)) != 0:
            seen.setdefault(nct, None)
    return list(seen)


class InvalidIds(InvalidInput):
    """One or more inputs are not NCT IDs; nothing was changed."""

    def __init__(self, bad: Sequence[str]) -> None:
        self.bad = list(bad)
        shown = ", ".join(repr(b if len(b) <= 40 else b[:37] + "...") for b in self.bad[:10])
        more = f" and {len(self.bad) - 10} more" if len(self.bad) > 10 else ""
        super().__init__(
            f"invalid NCT ID{'s' if len(self.bad) > 1 else ''}: {shown}{more} "
            "(expected NCT followed by 8 digits); nothing was changed"
        )


def normalize_ids(values: Iterable[str]) -> list[str]:
    """Normalise all ``values`` or raise :class:`InvalidIds` naming every bad one."""
    good, bad = normalize_all(values)
    if bad:
        raise InvalidIds(bad)
    return good
