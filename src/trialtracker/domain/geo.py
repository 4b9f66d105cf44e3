"""Places and distances for "sites near me": a home place, great-circle distance, km or miles.

Why here: the listing, the trial page and both faces measure and word distances the same way.
Distances are as the crow flies (haversine on a sphere of the Earth's mean radius): good to a few
kilometres, plenty to tell a site 20 km away from one 400 km away; travel time is not known.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
#: Where distances are given in miles (road signs in miles): the United States, the United Kingdom,
#: Liberia and Myanmar.
MILE_TERRITORIES = frozenset({"US", "GB", "LR", "MM"})


@dataclass(frozen=True)
class Place:
    """A named place with coordinates (from the offline gazetteer, or typed as "lat, lon")."""

    name: str
    region: str
    country: str
    lat: float
    lon: float
    population: int = 0

    @property
    def label(self) -> str:
        """``Portland, Oregon, United States``: how the place is shown and typed back."""
        return ", ".join(x for x in (self.name, self.region, self.country) if x)


def fold(text: str) -> str:
    """Text compared without case or accents: ``São Paulo`` and ``sao paulo`` match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_text(km: float, *, miles: bool = False) -> str:
    """``12 km`` / ``7 mi``; under 1 shows as ``< 1 km``; rounded, since the sites' points are rough."""
    value, unit = (km / KM_PER_MILE, "mi") if miles else (km, "km")
    if value < 1:
        return f"< 1 {unit}"
    return f"{value:,.0f} {unit}"


def miles_for(territory: str | None) -> bool:
    """True where a reader expects miles (``territory``: a two-letter country code such as ``US``)."""
    return (territory or "").upper() in MILE_TERRITORIES


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``41.85, -87.65`` -> (41.85, -87.65); anything else (or out of range) -> None."""
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
