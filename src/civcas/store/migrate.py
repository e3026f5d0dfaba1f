"""Bring a database to the newest schema with the packaged Alembic migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from civcas.store.database import WRITE_LOCK_KEY, Database

INI = Path(__file__).with_name("alembic.ini")


def alembic_config(db: Database) -> Config:
    cfg = Config(str(INI))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def upgrade(db: Database) -> None:
    """Migrate under the write lock: several commands started at once on a new database must
    not create the same tables side by side (one would fail half-way)."""
    cfg = alembic_config(db)
    with db.engine.execution_options(civcas_write=True).begin() as conn:
        if db.is_postgres:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
