"""Mapping the studies of a ``filter.ids`` answer back to the IDs we asked for, aliases included.

A study's own ID always wins over another study's alias. An answer whose IDs
contradict each other (A lists B as an alias while B comes back as a study of
its own, A and B list each other, two studies claim one alias) is refused as a
whole: guessing would store one trial's data under another trial's ID.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from trialtracker.ctgov.errors import ApiBadResponse
from trialtracker.domain.records import StudyRecord


def _refuse(detail: str) -> ApiBadResponse:
    return ApiBadResponse(f"the registry's answer mixes up NCT IDs ({detail}); refused, so no trial "
                          "gets another trial's data")  # fmt: skip


def match_requested(requested: Sequence[str], records: Iterable[StudyRecord]) -> dict[str, StudyRecord]:
    """Each requested ID that the answer holds -> its study (by its own ID, else by an alias)."""
    own: dict[str, StudyRecord] = {}
    for record in records:
        own.setdefault(record.nct_id, record)
    by_alias: dict[str, StudyRecord] = {}
    for record in own.values():
        for alias in record.aliases:
            if alias == record.nct_id:
                continue
            if alias in own:
                raise _refuse(f"{alias} came back as a study of its own and as an alias of {record.nct_id}")
            other = by_alias.setdefault(alias, record)
            if other.nct_id != record.nct_id:
                raise _refuse(f"{alias} is listed as an alias of both {other.nct_id} and {record.nct_id}")
    found: dict[str, StudyRecord] = {}
    for nct in requested:
        match = own.get(nct) or by_alias.get(nct)
        if match is not None:
            found[nct] = match
    return found
