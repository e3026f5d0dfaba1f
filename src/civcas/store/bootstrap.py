"""Open the configured database, migrated to the newest schema."""

from __future__ import annotations

from civcas.config import Settings, get_settings
from civcas.store.database import Database
from civcas.store.migrate import upgrade


def open_database(settings: Settings | None = None, *, migrate: bool = True) -> Database:
    settings = settings or get_settings()
    db = Database(settings.resolved_database_url())
    if migrate:
        upgrade(db)
    return db
