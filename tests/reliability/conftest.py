"""Fixtures for the reliability tests: a database of each kind, subprocess helpers, and the
figures every test reports, written to docs/reliability.md at the end of the run.

The figures are kept per test in a JSON block inside the Markdown file, so a run of only
some tests (`-k backup`) updates their sections and keeps the others as they were.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "docs" / "reliability.md"
_MARK = "<!-- figures: "


@dataclass(frozen=True)
class Backend:
    name: str  # "sqlite" or "postgres"
    url: str
    data_dir: Path

    def env(self) -> dict[str, str]:
        """The environment a `civcas` subprocess runs with, pointed at this database."""
        env = dict(os.environ)
        env["CIVCAS_DATA_DIR"] = str(self.data_dir)
        env["CIVCAS_DATABASE_URL"] = self.url
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        env.setdefault("COLUMNS", "200")
        return env


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """An empty database (not yet migrated: the first command does it), SQLite or PostgreSQL."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if request.param == "sqlite":
        return Backend("sqlite", f"sqlite:///{data_dir / 'civcas.db'}", data_dir)
    url = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    return Backend("postgres", url, data_dir)


class Processes:
    """Every subprocess a test starts, killed at the end whatever happened."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str], env: dict[str, str], **kw: Any) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, env=env, cwd=REPO, **kw)
        self.started.append(proc)
        return proc

    def civcas(self, backend: Backend, *args: str, **kw: Any) -> subprocess.Popen[bytes]:
        return self.start([sys.executable, "-m", "civcas.cli", *args], backend.env(), **kw)

    def cleanup(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()


@pytest.fixture
def processes() -> Iterator[Processes]:
    procs = Processes()
    yield procs
    procs.cleanup()
