"""Shared fixtures: paths to the labelled development data, skipped when it is absent."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from civcas.config import Settings, get_settings
from civcas.store.database import Database
from civcas.store.migrate import upgrade
from tests.e2e_helpers import Installation
from tests.reliability_figures import figures  # noqa: F401 - a session fixture for every test

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The ../shared/data folder; tests using it skip on machines without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"labelled development data not found at {SHARED_DATA}")
    return SHARED_DATA


POSTGRES_ADMIN_URL = os.environ.get(
    "CIVCAS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means: skip, and say why
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {type(exc).__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session, dropped afterwards."""
    why = _postgres_reachable()
    if why:
        pytest.skip(why)
    name = f"civcas_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database with no schema yet: SQLite in a temporary folder, and the real PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'civcas.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        _reset_postgres(url)
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def db(bare_db: Database) -> Database:
    """A migrated, empty database: SQLite in a temporary folder, and the real PostgreSQL."""
    upgrade(bare_db)
    return bare_db


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for an isolated installation in a temporary folder (SQLite)."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Installation]:
    """An isolated civcas installation (SQLite in a temporary folder) driven through the CLI."""
    monkeypatch.setenv("CIVCAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CIVCAS_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield Installation(tmp_path / "data")
    get_settings.cache_clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the labelled data carry the `shared` marker, so `make test-fast` can leave them out."""
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)
