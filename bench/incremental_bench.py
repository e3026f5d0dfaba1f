"""Benchmark: link one new report at a time through the database path, at 100,000 incidents.

Fills a migrated database (SQLite by default, or --url) with the synthetic generator's incidents, each
report stored as ingest stores it (feature row on the link, blocking keys in link_keys), then links
held-out reports one by one with `services.linking.link_row`, each in its own write transaction as
`civcas ingest` does: the candidate look-ups, the pair scores, the link, its keys, the incident's
refresh and the audit event. Prints the time per report (median, 95th percentile, worst), how many
joined their true incident or rightly started a new one, and two references measured in the same run
on the same database: one audited write transaction (read an incident by id, append an audit event),
the floor any linking write pays, and the same reports linked against an in-memory index.

    .venv/bin/python bench/incremental_bench.py --incidents 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from civcas.link.features import LinkRow
from civcas.link.incremental import MemoryIndex, MemoryWords, blocking_keys
from civcas.link.synthetic import generate
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.linking import default_linker, key_hash, link_row
from civcas.store import audit
from civcas.store.database import Database
from civcas.store.migrate import upgrade
from civcas.store.tables import Incident, IncidentSource, LinkKey, LinkToken, Source

BY = Actor("bench", Role.ANALYST)
BATCH = 20_000


def _row(r: LinkRow, source_id: int) -> dict[str, Any]:
    """The row as ingest hands it to the linker: the report's id and all its words."""
    r.report_id = str(source_id)
    r.unique_id = source_id
    return r.as_dict()


def _source(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "sha256": f"{i:064x}",
        "media_type": "text/plain",
        "text": "",
        "origin": "bench",
    }


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def fill(
    db: Database, stored: list[tuple[int, dict[str, Any]]], held_out: list[dict[str, Any]], words: MemoryWords
) -> None:
    """Write the incidents, their reports' links, keys and word counts, and the held-out reports' sources."""
    incidents = sorted({i for i, _ in stored})
    with db.engine.begin() as conn:
        for chunk in _chunks([{"id": i, "state": "new", "title": f"incident {i}"} for i in incidents]):
            conn.execute(insert(Incident), chunk)
        sources = [_source(int(row["report_id"])) for _, row in stored] + [
            _source(int(r["report_id"])) for r in held_out
        ]
        for chunk in _chunks(sources):
            conn.execute(insert(Source), chunk)
        links = [
            {"incident_id": i, "source_id": int(row["report_id"]), "method": "new", "features": row}
            for i, row in stored
        ]
        for chunk in _chunks(links):
            conn.execute(insert(IncidentSource), chunk)
        keys = [
            {"key": h, "incident_id": i, "source_id": int(row["report_id"])}
            for i, row in stored
            for h in {key_hash(k) for k in blocking_keys(row)}
        ]
        for chunk in _chunks(keys):
            conn.execute(insert(LinkKey), chunk)
        for chunk in _chunks([{"token": h, "reports": n} for h, n in words.seen.items()]):
            conn.execute(insert(LinkToken), chunk)
        if conn.dialect.name == "postgresql":  # ids were given: move the sequences past them
            for table in ("incidents", "sources"):
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
                )
    print(f"stored {len(incidents):,} incidents, {len(stored):,} reports, {len(keys):,} blocking keys")


def timed(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def summary(name: str, seconds: list[float]) -> float:
    ms = sorted(s * 1000 for s in seconds)
    median = statistics.median(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"{name}: median {median:.2f} ms, p95 {p95:.2f} ms, worst {ms[-1]:.2f} ms per report")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000, help="incidents in the database")
    parser.add_argument("--new", type=int, default=500, help="held-out reports linked one by one")
    parser.add_argument("--url", help="database URL (default: SQLite in a temporary folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    t0 = time.perf_counter()
    by_incident: dict[int, list[LinkRow]] = {}
    for rep in generate(int(args.incidents * 2.6), seed=args.seed):
        if rep.incident >= args.incidents:
            break
        by_incident.setdefault(rep.incident + 1, []).append(rep.row)
    rng = random.Random(args.seed)
    # Half the held-out reports retell a stored incident (they should join it), half are the first
    # report of an incident not yet stored (they should start one).
    several = [i for i, rows in by_incident.items() if len(rows) > 1]
    joining = rng.sample(several, args.new // 2)
    fresh = set(rng.sample(sorted(set(by_incident) - set(joining)), args.new - len(joining)))
    held: list[tuple[int | None, int, dict[str, Any]]] = []  # (true incident if stored, truth, row)
    stored: list[tuple[int, dict[str, Any]]] = []
    words = MemoryWords()
    next_id = 1
    for incident, rows in by_incident.items():
        if incident in fresh:
            held.append((None, incident, _row(rows[0], next_id)))
            next_id += 1
            rows = []
        elif incident in set(joining):
            held.append((incident, incident, _row(rows[-1], next_id)))
            next_id += 1
            rows = rows[:-1]
        for r in rows:
            row = _row(r, next_id)
            row.update(words.choose(row["tokens"]))
            stored.append((incident, row))
            next_id += 1
    rng.shuffle(held)
    print(f"generated {len(by_incident):,} incidents in {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(db)
        t0 = time.perf_counter()
        fill(db, stored, [row for _, _, row in held], words)
        print(f"filled the database in {time.perf_counter() - t0:.1f} s ({db.engine.dialect.name})")
        linker = default_linker()

        # Reference 1: one audited write transaction on the same database.
        ids = [i for i, _ in stored]

        def audited_write() -> None:
            with db.write() as session:
                session.get(Incident, rng.choice(ids))
                audit.record(
                    session, actor=BY.username, action="bench.reference", entity="incident", entity_id=0
                )

        reference = [timed(audited_write) for _ in held]

        # Reference 2: the same reports against an in-memory index of the same incidents.
        index = MemoryIndex()
        for incident, row in stored:
            index.add(incident, row)
        chosen = [{**row, **words.choose(row["tokens"], count=False)} for _, _, row in held]
        in_memory: list[float] = []
        for one in chosen:

            def best(one: dict[str, Any] = one) -> None:
                linker.best_incident(one, index.candidates)

            in_memory.append(timed(best))

        outcome: dict[str, int] = {"joined its incident": 0, "started a new one": 0, "wrong": 0}
        linked: list[float] = []
        placed: dict[int, int] = {}  # truth -> database incident, for fresh incidents linked here
        for true_stored, truth, row in held:
            result: list[IncidentSource] = []

            def link(row: dict[str, Any] = row, result: list[IncidentSource] = result) -> None:
                with db.write() as session:
                    result.append(link_row(session, int(row["report_id"]), None, row, BY, linker))
                    result[0].incident_id  # noqa: B018 - read before the session closes

            linked.append(timed(link))
            got = result[0].incident_id
            if true_stored is not None:
                outcome["joined its incident" if got == true_stored else "wrong"] += 1
            elif result[0].method == "new" or placed.get(truth) == got:
                placed.setdefault(truth, got)
                outcome["started a new one"] += 1
            else:
                outcome["wrong"] += 1
        db.dispose()

    print(", ".join(f"{v} {k}" for k, v in outcome.items()) + f" (of {len(held)})")
    ms_link = summary("linking through the database", linked)
    ms_ref = summary("reference: one audited write transaction", reference)
    ms_mem = summary("reference: the same linking against an in-memory index", in_memory)
    print(
        f"database linking / audited write = {ms_link / ms_ref:.1f}x; "
        f"database linking / in-memory = {ms_link / ms_mem:.1f}x; target under 100 ms per report"
    )


if __name__ == "__main__":
    main()
