"""Build ``resources/catalog/ms_stemcell_trials.json`` from the research CSV.

Run from the repository root after the research table changes:

    python packaging/tools/build_catalog.py ../shared/research/ms-stemcell-trials.csv

Only rows marked ``verified == yes`` go in. Bump ``CATALOG_VERSION`` whenever
the trial list changes so existing users get the new trials (never the ones
they removed).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

CATALOG_VERSION = 1
ARTICLE_TRIAL = "NCT00273364"
ARTICLE_TITLE = "Need to Know: What Are Stem Cells?"
CCSVI_CAUTION = (
    "Pairs cells with CCSVI 'liberation' venoplasty, a vein procedure that is not an established "
    "MS treatment; treat claims from this registration with caution."
)
MISSING = {"", "not seen", "not see", "n/a"}


def clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.lower() in MISSING else value


def clean_title(value: str) -> str:
    """The research table marks titles it could not read from the registry; keep its description."""
    prefix = "[registered title not seen]"
    value = value.strip()
    if value.startswith(prefix):
        value = value[len(prefix) :].replace("'", "").strip()
        value = value[:1].upper() + value[1:]
    return value


def build(csv_path: Path) -> dict[str, object]:
    trials = []
    with csv_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("verified", "").strip().lower() != "yes":
                continue
            cell_type = clean(row["cell_type"])
            is_ccsvi = "ccsvi" in (cell_type or "").lower() or "ccsvi" in row["title"].lower()
            trials.append(
                {
                    "nct_id": row["nct_id"].strip(),
                    "acronym": clean(row["acronym"]),
                    "title": clean_title(row["title"]),
                    "cell_type": cell_type,
                    "route": clean(row["route"]),
                    "ms_type": clean(row["ms_type"]),
                    "phase": clean(row["phase"]),
                    "sponsor": clean(row["sponsor"]),
                    "country": clean(row["country"]),
                    "source": clean(row["source"]),
                    "caution": CCSVI_CAUTION if is_ccsvi else None,
                    "note": (
                        f"The trial named in the source article '{ARTICLE_TITLE}'."
                        if row["nct_id"].strip() == ARTICLE_TRIAL
                        else None
                    ),
                }
            )
    return {"catalog_version": CATALOG_VERSION, "source": csv_path.name, "trials": trials}


def main(argv: list[str]) -> int:
    csv_path = Path(argv[1] if len(argv) > 1 else "../shared/research/ms-stemcell-trials.csv")
    out = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "ms_stemcell_trials.json"
    data = build(csv_path)
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(data['trials'])} trials to {out}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
