"""Alembic environment: runs the same migrations on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from civcas.store.search_index import include_object
from civcas.store.tables import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")
connection = config.attributes.get("connection")


def run() -> None:
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(url or "sqlite://")
    with engine.begin() as conn:
        _migrate(conn)


def _migrate(conn: object) -> None:
    context.configure(
        connection=conn,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_object=include_object,  # the full-text index is DDL, not a model
    )
    with context.begin_transaction():
        context.run_migrations()


run()
