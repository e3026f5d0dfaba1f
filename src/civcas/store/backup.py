"""Backups that can be trusted: a consistent snapshot, a manifest of hashes, a checked restore.

- SQLite: the online backup API copies the database in one step under a read lock, so the
  copy is one consistent moment even while the app keeps writing (WAL readers do not block
  writers). The copy is switched out of WAL mode so it is one self-contained file.
- PostgreSQL: `pg_dump -Fc` inside a snapshot exported from the transaction that also
  counts the rows and reads the audit chain's head, so the manifest describes exactly what
  the dump holds, whatever was committed meanwhile.

`manifest.json` lists every file with its SHA-256 and size, the civcas version, the schema
revision, row counts and the audit chain's head hash, and carries a hash of itself.
`restore` checks all of it before touching the database, refuses a damaged or mismatched
backup naming what is wrong, refuses to overwrite a database that holds data unless forced,
and afterwards checks the counts, the chain head and the whole audit chain.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from civcas.errors import CivcasError, InputError
from civcas.store import audit
from civcas.store.database import Database
from civcas.store.migrate import alembic_config, upgrade
from civcas.store.tables import Assessment, AuditEvent, Incident, Source, User

MANIFEST = "manifest.json"
SQLITE_FILE = "civcas.db"
PG_FILE = "civcas.dump"
FORMAT = 1
COUNTED = {"sources": Source, "incidents": Incident, "assessments": Assessment, "users": User}


class BackupError(CivcasError):
    code = "bad_backup"
    http_status = 422


def civcas_version() -> str:
    try:
        return version("civcas")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _self_hash(body: dict[str, Any]) -> str:
    rest = {k: v for k, v in body.items() if k != "manifest_sha256"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Snapshot:
    """What a backup holds, as its manifest says (or as a database is now)."""

    schema_revision: str | None
    counts: dict[str, int]
    audit_events: int
    audit_head: str | None


def describe(session: Session) -> Snapshot:
    revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    counts = {
        name: int(session.scalar(select(func.count()).select_from(table)) or 0)
        for name, table in COUNTED.items()
    }
    events = int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
    head = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return Snapshot(revision, counts, events, head)


def _empty_target(path: Path) -> None:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise InputError(f"{path} exists and is not an empty folder; a backup goes into a new one")
    path.mkdir(parents=True, exist_ok=True)


def backup(db: Database, dest: Path) -> dict[str, Any]:
    """Write a consistent snapshot of the database and its manifest into the folder `dest`."""
    _empty_target(dest)
    if db.is_sqlite:
        name, snap = SQLITE_FILE, _backup_sqlite(db, dest / SQLITE_FILE)
    elif db.is_postgres:
        name, snap = PG_FILE, _backup_postgres(db, dest / PG_FILE)
    else:
        raise BackupError(f"backups are made of SQLite or PostgreSQL databases, not {db.url.split(':')[0]}")
    path = dest / name
    body: dict[str, Any] = {
        "format": FORMAT,
        "civcas_version": civcas_version(),
        "backend": "sqlite" if db.is_sqlite else "postgresql",
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_revision": snap.schema_revision,
        "counts": snap.counts,
        "audit_events": snap.audit_events,
        "audit_head": snap.audit_head,
        "files": {name: {"sha256": _sha256(path), "bytes": path.stat().st_size}},
    }
    body["manifest_sha256"] = _self_hash(body)
    tmp = dest / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, dest / MANIFEST)  # a manifest exists only once the backup is complete
    return body


def _sqlite_path(db: Database) -> Path:
    name = make_url(db.url).database
    if not name or name == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(name)


def _backup_sqlite(db: Database, target: Path) -> Snapshot:
    source = sqlite3.connect(_sqlite_path(db), timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # all pages in one step: one consistent moment
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        source.close()
        copy.close()
    return _describe_sqlite_file(target)


def _describe_sqlite_file(path: Path) -> Snapshot:
    # Not through Database: its connections switch the file back to WAL mode.
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with Session(engine) as s:
            return describe(s)
    finally:
        engine.dispose()


def _libpq(db: Database) -> tuple[str, dict[str, str]]:
    """The libpq connection string for pg_dump/pg_restore, the password kept out of `ps`."""
    url = make_url(db.url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return dsn, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client tools matching the server "
            "(Debian: apt-get install postgresql-client)",
            code="missing_tool",
        )
    return path


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip()[-1500:]}", code="tool_failed")


def _backup_postgres(db: Database, target: Path) -> Snapshot:
    dsn, env = _libpq(db)
    pg_dump = _tool("pg_dump")
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            # The dump and the manifest read the same snapshot, held open until pg_dump is done.
            snapshot_id: str = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            with Session(bind=conn) as s:
                snap = describe(s)
            _run(
                [
                    pg_dump,
                    "-Fc",
                    "--no-owner",
                    "--no-acl",
                    f"--snapshot={snapshot_id}",
                    "-f",
                    str(target),
                    dsn,
                ],
                env,
                "pg_dump",
            )
    return snap


def check_backup(src: Path) -> dict[str, Any]:
    """Read and check a backup's manifest and files; raise BackupError naming what is wrong."""
    manifest_path = src / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{src} is not a civcas backup: it has no {MANIFEST}")
    try:
        body: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{manifest_path} is damaged: not readable JSON ({exc})") from exc
    if not isinstance(body, dict) or body.get("manifest_sha256") != _self_hash(body):
        raise BackupError(f"{manifest_path} is damaged: its content does not match its own hash")
    if body.get("format") != FORMAT:
        raise BackupError(
            f"{manifest_path} has backup format {body.get('format')!r}; this civcas reads {FORMAT}"
        )
    damaged = []
    for name, expected in body["files"].items():
        path = src / name
        if not path.is_file():
            damaged.append(f"{name} is missing")
        elif path.stat().st_size != expected["bytes"]:
            damaged.append(f"{name} has {path.stat().st_size} bytes, the manifest says {expected['bytes']}")
        elif _sha256(path) != expected["sha256"]:
            damaged.append(f"{name} is damaged: its SHA-256 does not match the manifest")
    if damaged:
        raise BackupError(f"backup {src} refused: " + "; ".join(damaged))
    return body


def _known_revisions(db: Database) -> set[str]:
    scripts = ScriptDirectory.from_config(alembic_config(db))
    return {rev.revision for rev in scripts.walk_revisions()}


def _holds_data(db: Database) -> bool:
    if not inspect(db.engine).has_table(AuditEvent.__tablename__):
        return False  # no tables yet: a new, empty database
    with db.read() as s:
        snap = describe(s)
    return snap.audit_events > 0 or any(snap.counts.values())


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    audit_events: int


def restore(db: Database, src: Path, *, force: bool = False) -> Restored:
    """Check the backup in `src`, load it into the configured database, check the result."""
    body = check_backup(src)
    backend = "sqlite" if db.is_sqlite else "postgresql" if db.is_postgres else "other"
    if body["backend"] != backend:
        raise BackupError(
            f"this is a backup of a {body['backend']} database; the database configured is {backend}"
        )
    revision = body.get("schema_revision")
    if revision not in _known_revisions(db):
        raise BackupError(
            f"the backup has schema revision {revision!r}, which this civcas ({civcas_version()}) "
            "does not know: restore it with the civcas version that made it "
            f"({body.get('civcas_version')})"
        )
    if not force and _holds_data(db):
        raise BackupError(
            "the configured database already holds data; restoring would replace it. "
            "Back it up first, then restore with --force",
            code="not_empty",
        )
    if db.is_sqlite:
        _restore_sqlite(db, src / SQLITE_FILE)
    else:
        _restore_postgres(db, src / PG_FILE)
    db.dispose()  # pooled connections may still see the old database
    upgrade(db)  # a backup from an older civcas is brought to the current schema
    with db.read() as s:
        snap = describe(s)
        count, problems = audit.verify(s)
    if problems:
        raise BackupError(
            f"restored, but the audit chain is broken: {problems[0].event_id}: {problems[0].problem}"
        )
    if (
        snap.counts != body["counts"]
        or snap.audit_head != body["audit_head"]
        or count != body["audit_events"]
    ):
        raise BackupError(
            f"restored, but the database does not match the manifest: counts {snap.counts} "
            f"vs {body['counts']}, {count} audit events vs {body['audit_events']}"
        )
    return Restored(body, count)


def _restore_sqlite(db: Database, file: Path) -> None:
    db.dispose()
    target = _sqlite_path(db)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    dest = sqlite3.connect(target, timeout=30)
    try:
        source.backup(dest)  # replaces every page of the target, under its write lock
        dest.execute("PRAGMA journal_mode=WAL")
    finally:
        source.close()
        dest.close()


def _restore_postgres(db: Database, file: Path) -> None:
    dsn, env = _libpq(db)
    pg_restore = _tool("pg_restore")
    db.dispose()
    with db.engine.begin() as conn:
        # --force or an empty database: start from an empty schema so nothing old is left.
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            dsn,
            str(file),
        ],
        env,
        "pg_restore",
    )
