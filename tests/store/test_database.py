from sqlalchemy import inspect, text

from civcas.store.database import Database
from civcas.store.migrate import upgrade

EXPECTED_TABLES = {
    "belligerent_verdicts",
    "commitments",
    "users",
    "sources",
    "extractions",
    "incidents",
    "incident_sources",
    "assessments",
    "statements",
    "evidence",
    "audit_events",
    "alembic_version",
}


def test_migrations_create_every_table(db: Database) -> None:
    assert set(inspect(db.engine).get_table_names()) >= EXPECTED_TABLES


def test_migrating_twice_is_harmless(db: Database) -> None:
    upgrade(db)
    with db.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0015"


def test_sqlite_runs_in_wal_mode(tmp_path: object) -> None:
    db = Database(f"sqlite:///{tmp_path}/x.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.dispose()


def test_schema_matches_the_models(db: Database) -> None:
    """Autogenerate finds nothing to add: the migrations and the models agree, on both databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from civcas.store.search_index import include_object
    from civcas.store.tables import Base

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
