"""Synthetic report batches for the reliability tests: short, varied, seeded, written here.

Each row is a JSON object with a text the real extractor reads (a date, a place it knows, a
belligerent, a count), so the full pipeline runs: store, extract, link, audit. Some rows
are exact copies of earlier ones (the same bytes must be stored once) and some lines are
broken JSON (reported, never stored).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

PLACES = [
    ("Mayadin", "Deir ez-Zor"),
    ("Hajin", "Deir ez-Zor"),
    ("Raqqa", "Raqqa"),
    ("Tabqa", "Raqqa"),
    ("Mosul", "Nineveh"),
    ("Tal Afar", "Nineveh"),
    ("Aleppo", "Aleppo"),
    ("Manbij", "Aleppo"),
    ("Idlib", "Idlib"),
    ("Maarat al-Numan", "Idlib"),
    ("Fallujah", "Anbar"),
    ("Ramadi", "Anbar"),
]
PARTIES = ["the US-led Coalition", "Russian forces", "Syrian regime forces", "Turkish forces"]
EVENTS = ["An airstrike", "Shelling", "A drone strike", "Artillery fire", "An air raid"]
VICTIMS = ["civilians", "people, most of them women and children", "members of one family", "civilians"]
SOURCES = ["local sources said", "a monitoring group reported", "residents told reporters", "activists said"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
ARABIC = [
    "قتل {n} مدنيين في غارة جوية على {place} يوم {day} {month_ar} {year}.",
    "مقتل {n} مدنيين بقصف مدفعي على {place} في {day} {month_ar} {year}، بحسب مصادر محلية.",
]
ARABIC_PLACES = ["الرقة", "الميادين", "إدلب", "حلب", "الموصل"]
MONTHS_AR = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران"]


@dataclass(frozen=True)
class Batch:
    path: Path
    lines: int
    distinct_reports: int  # distinct valid rows: what must end up stored, each once
    duplicates: int  # valid rows that repeat an earlier row byte for byte
    broken: int  # lines that are not valid JSON


def _row(rng: random.Random, i: int) -> dict[str, str]:
    year = rng.choice([2016, 2017, 2018])
    day = rng.randint(1, 28)
    month = rng.randrange(len(MONTHS))
    if rng.random() < 0.08:
        text = rng.choice(ARABIC).format(
            n=rng.randint(1, 40),
            place=rng.choice(ARABIC_PLACES),
            day=day,
            month_ar=MONTHS_AR[month % len(MONTHS_AR)],
            year=year,
        )
        return {
            "id": f"r{i}",
            "language": "ar",
            "published": f"{year}-{month + 1:02d}-{day:02d}",
            "text": text,
        }
    place, region = rng.choice(PLACES)
    n = rng.randint(1, 60)
    text = (
        f"{rng.choice(EVENTS)} by {rng.choice(PARTIES)} on {day} {MONTHS[month]} {year} "
        f"killed {n} {rng.choice(VICTIMS)} in {place}, {region}, {rng.choice(SOURCES)}."
    )
    if rng.random() < 0.3:
        text += f" At least {rng.randint(1, 30)} others were injured. Report {i}."
    return {
        "id": f"r{i}",
        "language": "en",
        "published": f"{year}-{month + 1:02d}-{day:02d}",
        "publisher": rng.choice(["Local monitor", "Wire service", "NGO bulletin"]),
        "text": text,
    }


def write_batch(
    path: Path, lines: int, *, seed: int, duplicate_share: float = 0.03, broken: int = 10
) -> Batch:
    rng = random.Random(seed)
    out: list[str] = []
    distinct: set[str] = set()
    duplicates = 0
    broken_at = set(rng.sample(range(lines), broken))
    for i in range(lines):
        if i in broken_at:
            out.append('{"text": "a row cut off by a crash, ' + str(i))
            continue
        if out and distinct and rng.random() < duplicate_share:
            line = rng.choice(sorted(distinct)[:200]) if i % 2 else rng.choice(out[-50:])
            if line.startswith('{"text": "a row cut off'):
                line = next(iter(sorted(distinct)))
            duplicates += 1
        else:
            line = json.dumps(_row(rng, i), ensure_ascii=False)
        distinct.add(line)
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return Batch(path, lines, len(distinct), duplicates, broken)
