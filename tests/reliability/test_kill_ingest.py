"""No loss under faults: a batch ingest of 10,000 reports killed with SIGKILL again and again.

`civcas ingest --resume` runs as a real subprocess with the real pipeline (store, extract,
link, audit) and is killed at moments drawn from a seeded RNG: mostly a few hundred reports
into a run (so the kill lands inside a report's transaction), sometimes while it is still
starting (opening and migrating the database). After the last kill one more run finishes
the batch, and then every report must be stored exactly once, extracted and linked once,
with an intact audit chain.
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from civcas.store.database import Database
from civcas.store.tables import Source
from tests.reliability.checks import check_ingested, expected_hashes
from tests.reliability.conftest import Backend, Processes
from tests.reliability.synthetic import write_batch
from tests.reliability_figures import Figures

# The issue asks for 10,000; a smaller number (CIVCAS_KILL_TEST_REPORTS=2000) gives a quicker
# local check with the same number of kills.
REPORTS = int(os.environ.get("CIVCAS_KILL_TEST_REPORTS", "10000"))
KILLS = 22
SEED = 20261125
# A run that shows no progress for this long is stuck, not slow: fail rather than hang.
STALL_S = 120.0
# What must never reach the person running the command.
ERRORS = ("database is locked", "IntegrityError", "OperationalError", "error:")


def _read_progress(proc: subprocess.Popen[bytes], lines_wanted: int, deadline_s: float) -> bytes:
    """Read the subprocess's progress lines until `lines_wanted` are seen or it exits."""
    assert proc.stderr is not None
    fd = proc.stderr.fileno()
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    seen = 0
    got = bytearray()
    end = time.monotonic() + deadline_s
    try:
        while seen < lines_wanted:
            if time.monotonic() > end:
                raise AssertionError(f"no progress for {deadline_s} s")
            if not sel.select(timeout=1.0):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # the process ended
            got += chunk
            seen += sum(chunk.count(w) for w in (b"added ", b"already stored ", b"skipped "))
    finally:
        sel.close()
    return bytes(got)


def _drain(proc: subprocess.Popen[bytes]) -> bytes:
    assert proc.stderr is not None
    return proc.stderr.read()


@pytest.mark.slow
def test_batch_ingest_survives_sigkill(
    backend: Backend, tmp_path: Path, processes: Processes, figures: Figures
) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", REPORTS, seed=SEED)
    rng = random.Random(SEED)
    kills = kills_at_start = 0
    stderr = bytearray()
    started = time.monotonic()
    while kills < KILLS:
        proc = processes.civcas(
            backend, "ingest", str(batch.path), "--resume", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        at_start = kills % 7 == 3
        if at_start:
            # Now and then while it is still starting: importing, opening, migrating.
            time.sleep(rng.uniform(0.05, 1.5))
        else:
            stderr += _read_progress(proc, rng.randint(REPORTS // 125, REPORTS * 42 // 1000), STALL_S)
            time.sleep(rng.uniform(0.0, 0.02))  # somewhere inside the next report's transaction
        if proc.poll() is not None:
            stderr += _drain(proc)
            break  # it finished the batch before this kill
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        stderr += _drain(proc)
        kills += 1
        kills_at_start += at_start
    final = processes.civcas(
        backend, "ingest", str(batch.path), "--resume", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = final.communicate(timeout=600)
    stderr += err
    assert final.returncode == 0, err.decode()[-2000:]
    errors = {p: stderr.count(p.encode()) for p in ERRORS}
    handled = sum(stderr.count(w) for w in (b"added ", b"already stored ", b"skipped "))
    assert not any(errors.values()), errors
    assert kills >= 20, f"the batch finished after {kills} kills; make the runs between kills shorter"

    db = Database(backend.url)
    try:
        counts = check_ingested(db)
        with db.read() as s:
            stored = set(s.scalars(select(Source.sha256)))
    finally:
        db.dispose()
    wanted = expected_hashes(batch.path)
    assert stored == wanted, f"{len(wanted - stored)} reports lost, {len(stored - wanted)} unexpected"
    assert counts.sources == batch.distinct_reports
    figures.record(
        f"Batch ingest killed with SIGKILL ({backend.name})",
        **{
            "rows in the batch": batch.lines,
            "distinct reports": batch.distinct_reports,
            "duplicate rows (refused as already stored)": batch.duplicates,
            "broken rows (reported, not stored)": batch.broken,
            "SIGKILLs survived": kills,
            "of them while starting up": kills_at_start,
            "runs (kills + the final one)": kills + 1,
            "rows handled over all runs (inputs tried)": handled,
            "reports stored": counts.sources,
            "reports stored twice": 0,
            "reports lost": len(wanted - stored),
            "linked to an incident": counts.incidents_linked,
            "describing no incident (not linked)": counts.not_linked,
            "audit events, chain verified": counts.audit_events,
            "errors seen (locked, integrity, operational, error:)": sum(errors.values()),
            "seconds": round(time.monotonic() - started, 1),
            "last run said": out.decode().strip().splitlines()[-1] if out.strip() else "",
        },
    )
