"""Backup and restore: a consistent snapshot taken while a writer is busy, a checked restore,
and damaged or mismatched backups refused by name."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from civcas.model.vocabulary import Role
from civcas.services import assessments
from civcas.services.actor import Actor
from civcas.store import backup as store_backup
from civcas.store.database import Database
from civcas.store.tables import AuditEvent, Incident, Source
from tests.reliability.checks import check_ingested
from tests.reliability.conftest import Backend, Processes, _reset_postgres
from tests.reliability.synthetic import write_batch
from tests.reliability_figures import Figures

ANALYST = Actor(username="tester", role=Role.ANALYST)


def _civcas(processes: Processes, backend: Backend, *args: str) -> subprocess.CompletedProcess[str]:
    proc = processes.civcas(backend, *args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


def _empty(backend: Backend) -> None:
    if backend.name == "sqlite":
        for path in backend.data_dir.glob("civcas.db*"):
            path.unlink()
    else:
        _reset_postgres(backend.url)


def _state(db: Database) -> tuple[set[str], list[tuple[int, str, str | None, int]], str | None]:
    with db.read() as s:
        sources = set(s.scalars(select(Source.sha256)))
        incidents = [
            (i.id, i.state, i.grade, i.version) for i in s.scalars(select(Incident).order_by(Incident.id))
        ]
        head = s.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return sources, incidents, head


@pytest.mark.slow
def test_backup_round_trip_and_damage(
    backend: Backend, tmp_path: Path, processes: Processes, figures: Figures
) -> None:
    first = write_batch(tmp_path / "first.jsonl", 150, seed=11, broken=0)
    more = write_batch(tmp_path / "more.jsonl", 3000, seed=12, broken=0)
    assert _civcas(processes, backend, "ingest", str(first.path)).returncode == 0
    db = Database(backend.url)
    with db.write() as s:
        assessments.assess(s, 1, ANALYST, state="under_assessment", grade="Fair", note="two sources")

    # A writer keeps ingesting while the backup is taken: the snapshot must still be one moment.
    writer = processes.civcas(
        backend, "ingest", str(more.path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(3.0)
    taken = _civcas(processes, backend, "backup", str(tmp_path / "bk"))
    writer.kill()
    writer.wait(timeout=30)
    assert taken.returncode == 0, taken.stderr
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["schema_revision"] and manifest["audit_head"]
    assert manifest["counts"]["sources"] >= first.distinct_reports
    data_file = next(iter(manifest["files"]))

    # Into a database that holds data: refused without --force.
    refused = _civcas(processes, backend, "restore", str(tmp_path / "bk"))
    assert refused.returncode == 1 and "already holds data" in refused.stderr

    # Into an empty database: restored, and it is exactly the snapshot.
    db.dispose()
    _empty(backend)
    restored = _civcas(processes, backend, "restore", str(tmp_path / "bk"))
    assert restored.returncode == 0, restored.stderr
    assert "audit chain intact" in restored.stdout
    counts = check_ingested(db)
    sources, incidents, head = _state(db)
    assert counts.sources == len(sources) == manifest["counts"]["sources"]
    assert head == manifest["audit_head"]
    assert incidents[0][1:3] == ("under_assessment", "Fair")

    # --force replaces a database that holds data, and the restore is again exact.
    with db.write() as s:
        assessments.assess(s, 1, ANALYST, state="triaged", note="after the backup")
    db.dispose()
    forced = _civcas(processes, backend, "restore", "--force", str(tmp_path / "bk"))
    assert forced.returncode == 0, forced.stderr
    assert _state(db) == (sources, incidents, head)
    db.dispose()

    # A flipped byte anywhere is refused, naming the damaged file.
    refusals = 0
    for name in (data_file, "manifest.json"):
        bad = tmp_path / f"bad-{name}"
        subprocess.run(["cp", "-r", str(tmp_path / "bk"), str(bad)], check=True)
        target = bad / name
        raw = bytearray(target.read_bytes())
        raw[len(raw) // 2] ^= 0x01
        target.write_bytes(bytes(raw))
        result = _civcas(processes, backend, "restore", "--force", str(bad))
        assert result.returncode == 1
        assert name in result.stderr and "damaged" in result.stderr, result.stderr
        refusals += 1

    # A backup from a civcas that knows a newer schema is refused, not half-restored.
    newer = tmp_path / "newer"
    subprocess.run(["cp", "-r", str(tmp_path / "bk"), str(newer)], check=True)
    body = json.loads((newer / "manifest.json").read_text())
    body["schema_revision"] = "9999"
    body["manifest_sha256"] = store_backup._self_hash(body)
    (newer / "manifest.json").write_text(json.dumps(body))
    result = _civcas(processes, backend, "restore", "--force", str(newer))
    assert result.returncode == 1 and "9999" in result.stderr
    refusals += 1
    assert _state(db) == (sources, incidents, head)  # nothing was touched by the refusals
    db.dispose()

    figures.record(
        f"Backup and restore ({backend.name})",
        **{
            "backup taken while a writer was ingesting": "yes",
            "reports in the snapshot": manifest["counts"]["sources"],
            "audit events in the snapshot": manifest["audit_events"],
            "restores verified (counts, chain head, whole chain)": 2,
            "restore into a database holding data without --force": "refused",
            "damaged or mismatched backups refused": refusals,
            "errors seen": 0,
        },
    )
