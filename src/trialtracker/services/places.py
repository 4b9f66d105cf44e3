"""The offline gazetteer: finding a home place by name, with nothing sent anywhere.

The list ships with the app (``resources/gazetteer/places.tsv.gz``: the 34,000 places of GeoNames
with 15,000 people or more, biggest first; see ``packaging/tools/make_gazetteer.py``). A place is
typed as ``Portland, Oregon`` / ``Portland, United States`` / ``Genoa``, or as ``lat, lon``.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.geo import Place, distance_km, fold, parse_coordinates
from trialtracker.domain.statuses import UNKNOWN, site_open
from trialtracker.paths import resource

GAZETTEER = ("gazetteer", "places.tsv.gz")
DEFAULT_WITHIN_KM = 100


@dataclass(frozen=True)
class _Entry:
    place: Place
    name: str  # folded, for matching
    rest: tuple[str, ...]  # folded region and country


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[_Entry, ...]:
    entries: list[_Entry] = []
    with gzip.open(resource(*GAZETTEER), "rt", encoding="utf-8") as fh:
        for line in fh:
            name, region, country, lat, lon, population = line.rstrip("\n").split("\t")
            place = Place(name, region, country, float(lat), float(lon), int(population))
            entries.append(_Entry(place, fold(name), tuple(fold(x) for x in (region, country) if x)))
    return tuple(entries)


def search_places(text: str, limit: int = 12) -> list[Place]:
    """Places whose name starts with the first part of ``text`` (and whose region or country starts
    with each later part), exact names first, then by size."""
    parts = [fold(p) for p in text.split(",")]
    first, later = parts[0], [p for p in parts[1:] if p]
    if not first:
        return []
    exact: list[Place] = []
    starts: list[Place] = []
    for entry in _gazetteer():
        if not entry.name.startswith(first):
            continue
        if any(not any(r.startswith(p) for r in entry.rest) for p in later):
            continue
        (exact if entry.name == first else starts).append(entry.place)
        if len(exact) >= limit:
            break
    return (exact + starts)[:limit]


def resolve_place(text: str) -> Place:
    """The place ``text`` names (the biggest of that name), or its coordinates; a clear one-line
    error when there is none."""
    cleaned = " ".join(text.split())
    coordinates = parse_coordinates(cleaned)
    if coordinates is not None:
        return Place(f"{coordinates[0]:.4f}, {coordinates[1]:.4f}", "", "", *coordinates)
    found = search_places(cleaned, limit=1)
    name = cleaned.split(",")[0]
    if not found or fold(found[0].name) != fold(name):
        near_miss = found or next(
            (hit for k in range(len(name) - 1, 2, -1) if (hit := search_places(name[:k], limit=1))), []
        )
        hint = f" (did you mean {near_miss[0].label}?)" if near_miss else ""
        raise InvalidInput(
            f"no place called {cleaned!r} in the offline list of towns with 15,000 people or more{hint}; "
            "try a nearby bigger town, or give 'latitude, longitude'"
        )
    return found[0]


@dataclass(frozen=True)
class SiteDistance:
    """How far one site is from the home place (None: the registry gives it no coordinates)."""

    index: int  # the site's place in the trial's list
    km: float | None
    open: bool


def site_distances(
    home: Place, sites: Sequence[tuple[float | None, float | None, str | None]], *, trial_open: bool = True
) -> list[SiteDistance]:
    """Each site's distance from ``home``, nearest first (sites without coordinates last, in order).

    A site is *open* when the registry lists it as recruiting and the trial's own status is known
    (a trial whose status is unknown cannot vouch for its sites)."""
    trial_status = None if trial_open else UNKNOWN
    found = [
        SiteDistance(i, None if lat is None or lon is None else distance_km(home.lat, home.lon, lat, lon),
                     site_open(status, trial_status))
        for i, (lat, lon, status) in enumerate(sites)
    ]  # fmt: skip
    return sorted(found, key=lambda d: (d.km is None, d.km or 0.0, d.index))


def nearest_open(distances: Sequence[SiteDistance]) -> SiteDistance | None:
    return next((d for d in distances if d.open and d.km is not None), None)
