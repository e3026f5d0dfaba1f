"""Synthetic data for the web benchmark: N reports (English and Arabic) grouped into about N/5 incidents.

Written straight into a migrated SQLite database with the sqlite3 module (the ingest pipeline would
take hours for a million reports); the database's own triggers keep the full-text index and the
dashboard rollup current, as they do for every other write.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from civcas.store.search_index import PG_VECTOR_COLUMN, PG_VECTOR_INDEX

BELLIGERENTS = [
    "US-led Coalition",
    "Russian Military",
    "Syrian Regime",
    "Turkish Military",
    "Israeli Military",
    "YPG/SDF",
    "ISIS",
    "Unknown",
]
PLACES = [  # (place, governorate, lat, lon)
    ("Al Mayadin", "Deir ez-Zor", 35.02, 40.45),
    ("Al Bukamal", "Deir ez-Zor", 34.45, 40.92),
    ("Raqqa", "Raqqa", 35.95, 39.01),
    ("Tabqa", "Raqqa", 35.83, 38.55),
    ("Idlib", "Idlib", 35.93, 36.63),
    ("Ma'arrat al-Nu'man", "Idlib", 35.65, 36.67),
    ("Aleppo", "Aleppo", 36.20, 37.16),
    ("Manbij", "Aleppo", 36.53, 37.95),
    ("Douma", "Rif Dimashq", 33.57, 36.40),
    ("Daraa", "Daraa", 32.62, 36.10),
    ("Mosul", "Nineveh", 36.34, 43.13),
    ("Tal Afar", "Nineveh", 36.38, 42.45),
    ("Jabalia", "North Gaza", 31.53, 34.48),
    ("Khan Younis", "Khan Younis", 31.34, 34.31),
]
STATES = ["new"] * 12 + ["triaged"] * 3 + ["under_assessment", "assessed"] + ["published"] * 3
GRADES = ["Confirmed", "Fair", "Fair", "Weak", "Weak", "Contested", "Discounted"]
PUBLISHERS_EN = ["Airwars", "Reuters", "AFP", "Syrian Observatory", "RBSS", "Local Coordination Committees"]
PUBLISHERS_AR = ["Deir Ezzor 24", "الرقة تذبح بصمت", "شبكة شام", "سمارت"]
EVENT_EN = ["airstrike", "drone strike", "shelling", "artillery fire", "explosion"]
FILLER_EN = [
    "Residents said rescue teams worked through the night to reach people trapped under the rubble.",
    "A video posted online showed the aftermath, though it could not be independently verified.",
    "The coalition said it was aware of the reports and would assess them.",
    "Hospital staff said several of the wounded were in a critical condition.",
    "Local activists published the names of some of the victims.",
    "The strike hit a residential building near the market in the centre of town.",
    "Witnesses described several explosions in quick succession.",
    "Families had sheltered in the basement to escape the fighting.",
]
FILLER_AR = [
    "قال ناشطون إن فرق الدفاع المدني عملت طوال الليل لانتشال العالقين تحت الأنقاض.",
    "أظهر مقطع مصور آثار الدمار ولم يتسن التحقق منه بشكل مستقل.",
    "أفاد مصدر طبي بأن عدداً من الجرحى في حالة حرجة.",
    "استهدفت الغارة مبنى سكنياً قرب السوق وسط المدينة.",
]


def _english(rnd: random.Random, place: str, day: date, bel: str, killed: int) -> tuple[str, str]:
    event = rnd.choice(EVENT_EN)
    title = f"{event.capitalize()} near {place} kills {killed}"
    victims = f"{killed} civilians" if rnd.random() < 0.8 else f"{killed} people"
    body = (
        f"An {event} near {place} on {day:%d %B %Y} killed {victims}, including women and children, "
        f"according to local sources. The attack was attributed to the {bel}. "
    )
    body += " ".join(rnd.sample(FILLER_EN, 4))
    return title, body


def _arabic(rnd: random.Random, place: str, killed: int) -> tuple[str, str]:
    title = f"مقتل {killed} مدنيين بغارة جوية على {place}"
    body = f"قتل {killed} مدنيين بينهم أطفال ونساء جراء غارة جوية استهدفت {place}. " + " ".join(
        rnd.sample(FILLER_AR, 3)
    )
    return title, body


INCIDENT_COLUMNS = (
    "id, state, title, date, place, admin1, country, lat, lon, geo_precision, belligerent, event_type, "
    "civilians_killed_min, civilians_killed_max, grade, figure_overrides, created_at, updated_at, version"
)
SOURCE_COLUMNS = (
    "id, sha256, media_type, text, title, publisher, language, published, origin, kind, meta, ingested_at"
)
ORIGINAL_COLUMNS = "source_id, original"
EXTRACTION_COLUMNS = "id, source_id, extractor, created_at, facts"
LINK_COLUMNS = "id, incident_id, source_id, extraction_id, method, created_at"
NOW = datetime(2024, 1, 1, 12, 0, 0).isoformat(sep=" ")

Row = tuple[Any, ...]


def incident_rows(rnd: random.Random, n_incidents: int) -> list[Row]:
    incidents = []
    for i in range(1, n_incidents + 1):
        place, admin1, lat, lon = rnd.choice(PLACES)
        day = date(2014, 9, 1) + timedelta(days=rnd.randrange(3650))
        state = rnd.choice(STATES)
        grade = rnd.choice(GRADES) if state in ("assessed", "published") else None
        killed = min(int(rnd.paretovariate(1.3)) - 1, 300) if rnd.random() < 0.9 else None
        hi = None if killed is None else killed + rnd.choice([0, 0, 0, 1, 2, 5])
        incidents.append(
            (
                i,
                state,
                f"Incident near {place}, {day}",
                day.isoformat(),
                place,
                admin1,
                "SY",
                lat + rnd.uniform(-0.05, 0.05),
                lon + rnd.uniform(-0.05, 0.05),
                "town",
                rnd.choice(BELLIGERENTS),
                "airstrike",
                killed,
                hi,
                grade,
                "{}",
                NOW,
                NOW,
                1,
            )
        )
    return incidents


def report_batches(
    rnd: random.Random, incidents: list[Row], reports: int, batch: int = 50_000
) -> Iterator[tuple[list[Row], list[Row], list[Row], list[Row]]]:
    """(sources, originals, extractions, links) rows, a batch at a time, each report joined to a random
    incident."""
    n_incidents = len(incidents)
    for start in range(1, reports + 1, batch):
        sources, originals, extractions, links = [], [], [], []
        for sid in range(start, min(start + batch, reports + 1)):
            inc = incidents[rnd.randrange(n_incidents)]
            place, day, bel, killed = inc[4], date.fromisoformat(inc[3]), inc[10], inc[12] or 0
            arabic = rnd.random() < 0.2
            title, text = _arabic(rnd, place, killed) if arabic else _english(rnd, place, day, bel, killed)
            published = datetime.combine(day, datetime.min.time()) + timedelta(hours=rnd.randrange(48))
            sources.append(
                (
                    sid,
                    hashlib.sha256(f"bench-{sid}".encode()).hexdigest(),
                    "text/plain",
                    text,
                    title,
                    rnd.choice(PUBLISHERS_AR if arabic else PUBLISHERS_EN),
                    "ar" if arabic else "en",
                    published.isoformat(sep=" "),
                    f"bench:{sid}",
                    "allegation",
                    "{}",
                    NOW,
                )
            )
            originals.append((sid, text.encode()))
            facts = {
                "date": day.isoformat(),
                "place": place,
                "belligerent": bel,
                "civilians_killed": {"min": killed, "max": killed},
                "spans": {"place": [[text.find(place), text.find(place) + len(place)]]},
            }
            extractions.append((sid, sid, "civcas.extract.v1", NOW, json.dumps(facts)))
            links.append((sid, inc[0], sid, sid, "rule", NOW))
        yield sources, originals, extractions, links


def _marks(columns: str) -> str:
    return ",".join("?" * len(columns.split(",")))


def generate(db_path: Path, reports: int, per_incident: int = 5, seed: int = 17) -> dict[str, float]:
    """Fill a migrated, empty SQLite database; returns timings."""
    rnd = random.Random(seed)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-400000")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    incidents = incident_rows(rnd, max(1, reports // per_incident))
    con.executemany(
        f"INSERT INTO incidents ({INCIDENT_COLUMNS}) VALUES ({_marks(INCIDENT_COLUMNS)})", incidents
    )
    con.commit()
    timings["incidents_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    for sources, originals, extractions, links in report_batches(rnd, incidents, reports):
        con.executemany(f"INSERT INTO sources ({SOURCE_COLUMNS}) VALUES ({_marks(SOURCE_COLUMNS)})", sources)
        con.executemany(
            f"INSERT INTO source_originals ({ORIGINAL_COLUMNS}) VALUES ({_marks(ORIGINAL_COLUMNS)})",
            originals,
        )
        con.executemany(
            f"INSERT INTO extractions ({EXTRACTION_COLUMNS}) VALUES ({_marks(EXTRACTION_COLUMNS)})",
            extractions,
        )
        con.executemany(
            f"INSERT INTO incident_sources ({LINK_COLUMNS}) VALUES ({_marks(LINK_COLUMNS)})", links
        )
        con.commit()
    timings["reports_s"] = time.perf_counter() - t0
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return timings


def generate_postgres(url: str, reports: int, per_incident: int = 5, seed: int = 17) -> dict[str, float]:
    """The same rows into a migrated, empty PostgreSQL database, with COPY; returns timings.

    The generated tsvector column is computed as rows arrive and the rollup trigger fires per
    incident, as for any other write; the full-text GIN index is built once at the end rather
    than updated row by row (the same index, far sooner).
    """
    import psycopg

    rnd = random.Random(seed)
    timings: dict[str, float] = {}
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
        con.execute("SET synchronous_commit = off")
        con.execute("SET maintenance_work_mem = '512MB'")
        con.execute(f"DROP INDEX IF EXISTS {PG_VECTOR_INDEX}")
        t0 = time.perf_counter()
        incidents = incident_rows(rnd, max(1, reports // per_incident))
        _copy(con, "incidents", INCIDENT_COLUMNS, incidents)
        timings["incidents_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for sources, originals, extractions, links in report_batches(rnd, incidents, reports):
            with con.transaction():
                _copy(con, "sources", SOURCE_COLUMNS, sources)
                _copy(con, "source_originals", ORIGINAL_COLUMNS, originals)
                _copy(con, "extractions", EXTRACTION_COLUMNS, extractions)
                _copy(con, "incident_sources", LINK_COLUMNS, links)
        timings["reports_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        con.execute(f"CREATE INDEX {PG_VECTOR_INDEX} ON sources USING gin ({PG_VECTOR_COLUMN})")
        for table in ("incidents", "sources", "extractions", "incident_sources"):
            con.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        con.execute("VACUUM ANALYZE")
        timings["index_s"] = time.perf_counter() - t0
    return timings


def _copy(con: Any, table: str, columns: str, rows: list[Row]) -> None:
    with con.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
