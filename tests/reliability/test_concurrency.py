"""Eight writers at once, on SQLite in WAL mode and on PostgreSQL: ingesting distinct and
overlapping reports and assessing the same few incidents with `expected_version`.

No update may be lost: two assessments made on the same version of an incident cannot both
succeed, each assessment's "before" must be the previous one's "after", and the incident
must end as its last assessment left it. A conflict must surface as `Conflict` (409);
no `database is locked`, integrity error or deadlock may reach a writer; one audit chain.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from civcas.store.database import Database
from civcas.store.tables import Assessment, AuditEvent, Incident, Source
from tests.reliability.checks import check_ingested
from tests.reliability.conftest import Backend, Processes
from tests.reliability.synthetic import write_batch
from tests.reliability_figures import Figures

WRITERS = 8
STEPS = 60  # per writer: half ingests, half assessments
SHARE = 20  # reports each writer shares with the next one (same bytes, racing to be stored)


def _batches(tmp_path: Path) -> list[Path]:
    pool = write_batch(tmp_path / "pool.jsonl", WRITERS * SHARE + SHARE, seed=31, duplicate_share=0, broken=0)
    rows = pool.path.read_text(encoding="utf-8").splitlines()
    paths = []
    for w in range(WRITERS):
        own = rows[w * SHARE : w * SHARE + 2 * SHARE]  # its half is also the next writer's first half
        path = tmp_path / f"writer{w}.jsonl"
        path.write_text("\n".join(own) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _run_writers(
    backend: Backend, processes: Processes, batches: list[Path], incidents: list[int], go: Path
) -> list[dict[str, Any]]:
    procs = [
        processes.start(
            [
                sys.executable,
                "-m",
                "tests.reliability.workers",
                "mixed",
                str(w),
                str(batches[w]),
                ",".join(map(str, incidents)),
                str(STEPS),
                str(go),
            ],
            backend.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for w in range(WRITERS)
    ]
    assert all(p.stdout is not None for p in procs)
    for p in procs:  # wait until every writer is ready, then let them go at once
        line = p.stdout.readline() if p.stdout else b""
        assert b"ready" in line, (line, p.stderr.read() if p.stderr else b"")
    go.touch()
    events: list[dict[str, Any]] = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()[-2000:]
        events += [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    return events


@pytest.mark.slow
def test_eight_writers_lose_no_update(
    backend: Backend, tmp_path: Path, processes: Processes, figures: Figures
) -> None:
    seed = write_batch(tmp_path / "seed.jsonl", 40, seed=30, duplicate_share=0, broken=0)
    setup = processes.civcas(
        backend, "ingest", str(seed.path), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _, err = setup.communicate(timeout=300)
    assert setup.returncode == 0, err.decode()[-2000:]
    db = Database(backend.url)
    with db.read() as s:
        incidents = list(s.scalars(select(Incident.id).order_by(Incident.id).limit(4)))
    assert len(incidents) == 4

    started = time.monotonic()
    events = _run_writers(backend, processes, _batches(tmp_path), incidents, tmp_path / "go")
    seconds = time.monotonic() - started

    errors = [e["error"] for e in events if "error" in e]
    assert errors == [], errors[:5]
    conflicts = sum(1 for e in events if "conflict" in e)
    applied = [e for e in events if "assessment" in e]
    ingested = [e for e in events if "ingested" in e]
    assert len(applied) + conflicts + len(ingested) == WRITERS * STEPS

    # No lost update: at most one success per (incident, version seen).
    per_version = Counter((e["incident"], e["expected_version"]) for e in applied)
    lost = sum(n - 1 for n in per_version.values())
    assert lost == 0, [k for k, n in per_version.items() if n > 1]

    with db.read() as s:
        rows = list(s.scalars(select(Assessment).order_by(Assessment.id)))
        assert {r.id for r in rows} >= {e["assessment"] for e in applied}  # nothing acknowledged was lost
        assert len(rows) == len(applied)  # nothing appeared that no writer made
        audited = {
            int(ev.payload["assessment"]): ev
            for ev in s.scalars(select(AuditEvent).where(AuditEvent.action == "incident.assess"))
        }
        assert set(audited) == {r.id for r in rows}
        # Each incident's assessments, in commit order, each start where the previous one ended.
        history: dict[int, list[Assessment]] = defaultdict(list)
        for r in rows:
            history[r.incident_id].append(r)
        for incident_id, chain in history.items():
            for before, after in pairwise(chain):
                assert audited[after.id].payload["before"] == audited[before.id].payload["after"]
            incident = s.get(Incident, incident_id)
            assert incident is not None
            assert (incident.state, incident.grade) == (chain[-1].state, chain[-1].grade)
        sources = set(s.scalars(select(Source.sha256)))
    assert {e["ingested"] for e in ingested} <= sources
    created = sum(1 for e in ingested if e["created"])
    same = len(ingested) - created
    counts = check_ingested(db)  # every source once, extracted and linked once, chain intact
    db.dispose()
    assert created + seed.distinct_reports == counts.sources

    figures.record(
        f"Eight concurrent writers ({backend.name}{', WAL' if backend.name == 'sqlite' else ''})",
        **{
            "writer processes": WRITERS,
            "steps attempted": len(events),
            "reports ingested (new)": created,
            "reports already stored (overlap between writers)": same,
            "assessments applied": len(applied),
            "conflicts (409, stale expected_version)": conflicts,
            "lost updates (two successes on one version)": lost,
            "'database is locked' / integrity / deadlock errors reaching a writer": len(errors),
            "audit events, one chain, verified": counts.audit_events,
            "seconds": round(seconds, 1),
        },
    )
