"""An assessment saved while the process is killed is either fully there or not there at all.

A writer process assesses one incident and records belligerents' verdicts in a loop and is
killed with SIGKILL at seeded random moments, again and again. Afterwards every assessment
and verdict has exactly its audit event (and no event points at a row that is not there),
every step the writer reported as committed is there, each assessment starts where the one
before ended, and the incident's state and grade are those of the last assessment.
"""

from __future__ import annotations

import json
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from civcas.store import audit
from civcas.store.database import Database
from civcas.store.tables import Assessment, AuditEvent, BelligerentVerdict, Incident
from tests.reliability.conftest import Backend, Processes
from tests.reliability.synthetic import write_batch
from tests.reliability_figures import Figures

KILLS = 12
SEED = 424242


def _read_steps(
    proc: subprocess.Popen[bytes], wanted: int, deadline_s: float = 120.0
) -> list[dict[str, int]]:
    """The steps the writer reports as committed, read until `wanted` are seen."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    buf = b""
    steps: list[dict[str, int]] = []
    end = time.monotonic() + deadline_s
    try:
        while len(steps) < wanted:
            assert time.monotonic() < end, "the writer made no progress"
            if not sel.select(timeout=1.0):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            steps += [s for s in map(json.loads, lines) if "assessment" in s or "verdict" in s]
    finally:
        sel.close()
    return steps


@pytest.mark.slow
def test_assessments_survive_sigkill_whole_or_not_at_all(
    backend: Backend, tmp_path: Path, processes: Processes, figures: Figures
) -> None:
    seed = write_batch(tmp_path / "seed.jsonl", 20, seed=41, duplicate_share=0, broken=0)
    setup = processes.civcas(
        backend, "ingest", str(seed.path), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _, err = setup.communicate(timeout=300)
    assert setup.returncode == 0, err.decode()[-2000:]

    rng = random.Random(SEED)
    acknowledged: list[dict[str, int]] = []
    for kill in range(KILLS):
        proc = processes.start(
            [sys.executable, "-m", "tests.reliability.workers", "assess", str(kill), "1"],
            backend.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        acknowledged += _read_steps(proc, rng.randint(5, 40))
        time.sleep(rng.uniform(0.0, 0.01))  # inside the next assessment's transaction, most likely
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    db = Database(backend.url)
    try:
        with db.read() as s:
            rows = [
                (r.id, r.state, r.grade)
                for r in s.scalars(
                    select(Assessment).where(Assessment.incident_id == 1).order_by(Assessment.id)
                )
            ]
            verdict_ids = set(s.scalars(select(BelligerentVerdict.id)))
            events = [(e.action, e.payload) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
            incident = s.get(Incident, 1)
            assert incident is not None
            final = (incident.state, incident.grade)
            count, problems = audit.verify(s)
    finally:
        db.dispose()
    assess_events = Counter(int(p["assessment"]) for a, p in events if a == "incident.assess")
    verdict_events = Counter(int(p["verdict"]) for a, p in events if a == "verdict.record")
    ids = {r[0] for r in rows}
    assert problems == []
    assert set(assess_events) == ids and set(assess_events.values()) <= {1}, "an assessment without its event"
    assert set(verdict_events) == verdict_ids and set(verdict_events.values()) <= {1}
    assert {a["assessment"] for a in acknowledged if "assessment" in a} <= ids, "a committed assessment lost"
    assert {a["verdict"] for a in acknowledged if "verdict" in a} <= verdict_ids, "a committed verdict lost"
    by_id = {int(p["assessment"]): p for a, p in events if a == "incident.assess"}
    for before, after in pairwise(rows):
        assert by_id[after[0]]["before"] == by_id[before[0]]["after"]
    assert rows and final == rows[-1][1:]

    figures.record(
        f"Assessments written while SIGKILLed ({backend.name})",
        **{
            "SIGKILLs survived": KILLS,
            "assessments committed": len(rows),
            "verdicts committed": len(verdict_ids),
            "committed steps the writer acknowledged": len(acknowledged),
            "acknowledged but missing": 0,
            "rows without their audit event, or events without their row": 0,
            "incident state and grade equal the last assessment": "yes",
            "audit events, chain verified": count,
        },
    )
