"""Writer processes for the reliability tests, run as `python -m tests.reliability.workers MODE ...`.

They go through the same service calls and transactions as the CLI and the web app, and
report what happened as JSON lines on stdout, one per committed step, so a test that kills
them knows exactly which steps were acknowledged:

- `mixed`: ingest reports and assess incidents with `expected_version`, as analysts do
  (used eight at a time). Every exception is caught and reported, never hidden.
- `assess`: assess one incident and record belligerents' verdicts in a loop until killed.
"""

from __future__ import annotations

import json
import random
import sys
import time
from functools import partial
from pathlib import Path

from civcas.assess.workflow import TRANSITIONS
from civcas.config import get_settings
from civcas.errors import Conflict
from civcas.ingest.readers import read_inputs
from civcas.model.report import IncomingReport
from civcas.model.vocabulary import Grade, IncidentState, Role
from civcas.services import assessments, verdicts
from civcas.services.actor import Actor
from civcas.services.linking import default_linker
from civcas.services.processing import process_incoming
from civcas.store.bootstrap import open_database
from civcas.store.database import Database
from civcas.store.tables import Incident

GRADES = [g.value for g in Grade]


def _say(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def _next_state(current: str, rng: random.Random) -> str:
    allowed = sorted(s for s in TRANSITIONS[IncidentState(current)] if s != IncidentState.PUBLISHED)
    return str(rng.choice(allowed))


def _assess_once(
    db: Database, incident_id: int, by: Actor, rng: random.Random, note: str
) -> dict[str, object]:
    """Read the incident as a person would, then assess it with the version they saw."""
    with db.read() as s:
        incident = s.get(Incident, incident_id)
        assert incident is not None
        seen_version, seen_state = incident.version, incident.state
    target = _next_state(seen_state, rng)
    grade = rng.choice(GRADES)
    with db.write() as s:
        view = assessments.assess(
            s, incident_id, by, state=target, grade=grade, note=note, expected_version=seen_version
        )
    return {"assessment": view.id, "incident": incident_id, "expected_version": seen_version, "note": note}


def mixed(worker: int, batch: Path, incidents: list[int], steps: int, go_file: Path) -> None:
    rng = random.Random(1000 + worker)
    by = Actor(username=f"writer{worker}", role=Role.ANALYST)
    db = open_database()
    linker = default_linker()
    reports = [r for r in read_inputs([str(batch)], settings=get_settings()) if isinstance(r, IncomingReport)]
    _say(ready=worker)
    while not go_file.exists():  # start together, so the writers really overlap
        time.sleep(0.01)
    for step in range(steps):
        try:
            if step % 2 == 0 and reports:
                report = reports.pop(0)
                done = db.write_retrying(partial(process_incoming, report=report, by=by, linker=linker))
                _say(ingested=report.sha256, created=done.created, source=done.source_id)
            else:
                _say(**_assess_once(db, rng.choice(incidents), by, rng, f"w{worker}-{step}"))
        except Conflict as exc:
            _say(conflict=exc.code)
        except Exception as exc:  # the test fails on any of these: nothing may be swallowed
            _say(error=f"{type(exc).__name__}: {exc}"[:500])
    db.dispose()


def assess_loop(worker: int, incident_id: int) -> None:
    rng = random.Random(2000 + worker)
    by = Actor(username=f"assessor{worker}", role=Role.ANALYST)
    db = open_database()
    _say(ready=worker)
    step = 0
    while True:  # until killed
        step += 1
        if step % 3 == 0:
            with db.write() as s:
                v = verdicts.record_verdict(
                    s,
                    incident_id,
                    by,
                    belligerent="US-led Coalition",
                    verdict=rng.choice(["credible", "non_credible", "open"]),
                    reasons=[],
                    note=f"a{worker}-{step}",
                )
            _say(verdict=v.id)
        else:
            _say(**_assess_once(db, incident_id, by, rng, f"a{worker}-{step}"))


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "mixed":
        incidents = [int(i) for i in argv[3].split(",")]
        mixed(int(argv[1]), Path(argv[2]), incidents, int(argv[4]), Path(argv[5]))
    elif mode == "assess":
        assess_loop(int(argv[1]), int(argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
