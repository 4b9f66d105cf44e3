"""What the registry client returns: plain results of one call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from trialtracker.domain.records import StudyRecord


@dataclass(frozen=True)
class ApiVersion:
    api_version: str
    data_timestamp: str | None

    def data_datetime(self) -> dt.datetime | None:
        """``dataTimestamp`` (UTC per the spec) as an aware datetime, or None."""
        if not self.data_timestamp:
            return None
        try:
            value = dt.datetime.fromisoformat(self.data_timestamp)
        except ValueError:
            return None
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class StudiesPage:
    studies: list[StudyRecord]
    next_page_token: str | None
    total_count: int | None


@dataclass(frozen=True)
class ChunkResult:
    """One ``filter.ids`` batch: ``studies`` maps each *requested* (normalised) ID to its record."""

    index: int
    chunk_count: int
    requested: tuple[str, ...]
    studies: dict[str, StudyRecord]
    not_found: list[str]


@dataclass
class FetchResult:
    studies: dict[str, StudyRecord] = field(default_factory=dict)
    not_found: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    total: int | None
    studies: list[StudyRecord]


@dataclass(frozen=True)
class RetryNotice:
    """A try failed and another one follows: what the faces tell the user while they wait."""

    next_try: int
    max_tries: int
    delay: float
    reason: str

    def line(self) -> str:
        wait = f"{self.delay:.0f}" if self.delay >= 1 else f"{self.delay:.1f}"
        return (f"registry not answering ({self.reason}) — try {self.next_try} of {self.max_tries}, "
                f"next in {wait} s")  # fmt: skip
