"""Derive the Syria belligerent priors (governorate x year) from Airwars' labelled data.

Only counts leave this script: no text from the labelled data is written. Usage:

    python scripts/derive_belligerent_priors.py ../shared/data > src/civcas/extract/params/belligerent_priors.json

For each governorate and year it keeps the single belligerent named in the most incidents there: a single
name is never wrong when the incident's gold lists several, which a joined guess would be.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from civcas.extract.actors import CELL_DEGREES, admin1_key, cell_key

_CANON = {
    "U.S.-led Coalition": "US-led Coalition",
    "YPG": "YPG/SDF",
    "Kurdish Forces": "YPG/SDF",
    "Syrian Democratic Forces": "YPG/SDF",
}
_MIN_INCIDENTS = 5
_MIN_CELL_INCIDENTS = 3


def _most_common(counts: dict[str, dict[str, Counter[str]]], minimum: int) -> dict[str, dict[str, str]]:
    table = {
        key: {year: c.most_common(1)[0][0] for year, c in sorted(years.items()) if c.total() >= minimum}
        for key, years in sorted(counts.items())
    }
    return {k: v for k, v in table.items() if v}


def main(folder: Path) -> None:
    incidents: dict[str, tuple[str | None, str, set[str], str | None]] = {}
    for name in ("airwars-syria-incidents.dev.jsonl", "airwars-syria-sources.dev.jsonl"):
        with (folder / name).open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                gold = rec["gold"]
                if not gold.get("belligerent") or not gold.get("date"):
                    continue
                ids = rec.get("extra", {}).get("linked_incident_ids") or [rec["id"]]
                names = {_CANON.get(b.strip(), b.strip()) for b in gold["belligerent"].split(",")}
                cell = None
                if gold.get("lat") is not None and gold.get("lon") is not None:
                    cell = cell_key(float(gold["lat"]), float(gold["lon"]))
                incidents[ids[0]] = (admin1_key(gold.get("admin1")), gold["date"][:4], names, cell)
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    cells: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for key, year, names, cell in incidents.values():
        for b in names - {"Unknown"}:
            if key is not None:
                counts[key][year][b] += 1
                counts[key]["all"][b] += 1
            if cell is not None:
                cells[cell][year][b] += 1
                cells[cell]["all"][b] += 1
    table = _most_common(counts, _MIN_INCIDENTS)
    cell_table = _most_common(cells, _MIN_CELL_INCIDENTS)
    json.dump(
        {
            "about": "Most frequent belligerent per map cell or Syrian governorate and year in Airwars' labelled incidents "
            "(derived counts only; cite Airwars, airwars.org).",
            "cell_degrees": CELL_DEGREES,
            "by_cell_year": cell_table,
            "by_admin1_year": table,
        },
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
