"""`civcas backup` and `civcas restore`: consistent snapshots with a manifest of hashes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civcas.cli.common import console, database, friendly_errors
from civcas.store import backup as store_backup


def backup(
    folder: Annotated[Path, typer.Argument(help="A new (or empty) folder to write the backup into.")],
) -> None:
    """Back up the database: a consistent snapshot, even while civcas is writing, with a manifest.

    SQLite is copied with its online backup API, PostgreSQL dumped with pg_dump. manifest.json
    lists each file's SHA-256, the civcas version, the schema revision, row counts and the
    audit chain's head hash.

    Example: civcas backup backups/2026-11-25
    """
    db = database()
    with friendly_errors():
        body = store_backup.backup(db, folder)
    counts = ", ".join(f"{v} {k}" for k, v in body["counts"].items())
    console.print(
        f"backup written to {folder}: {counts}, {body['audit_events']} audit events "
        f"(schema {body['schema_revision']})"
    )


def restore(
    folder: Annotated[Path, typer.Argument(help="A folder written by `civcas backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that already holds data.")
    ] = False,
) -> None:
    """Restore a backup into the configured database, after checking every hash in its manifest.

    A damaged, incomplete or mismatched backup is refused, naming what is wrong; a database
    that already holds data is not replaced without --force. After restoring, the row counts
    and the whole audit chain are checked against the manifest.

    Example: civcas restore backups/2026-11-25
    """
    db = database()
    with friendly_errors():
        done = store_backup.restore(db, folder, force=force)
    console.print(
        f"restored {folder} (made {done.manifest['created_at']} by civcas {done.manifest['civcas_version']}); "
        f"audit chain intact: {done.audit_events} events"
    )


def register(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
