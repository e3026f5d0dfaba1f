"""Engine and transactions for SQLite (default) and PostgreSQL.

The command or request owns the transaction; services only add and flush.

Every write transaction also appends to the audit chain, so writers are serialised on
both databases, and they queue at the start rather than colliding half-way:

- SQLite: the transaction starts with BEGIN IMMEDIATE (the database write lock); a
  writer that still finds it busy after the busy timeout tries again, so "database is
  locked" never reaches a user (after `BUSY_GIVE_UP_S` it becomes a `Busy` error).
- PostgreSQL: the transaction first takes the same advisory lock the audit chain uses.
  Taking it first, not at the first audit event, gives every writer one lock order
  (without it, an assessment holding an incident's row lock and an ingest holding the
  chain lock and linking to that incident deadlock each other).

A stale row version (an incident changed by someone else since this session read it)
becomes `Conflict` (409). `write_retrying` runs work that decides only from what it
reads, such as ingesting one report, again in a fresh transaction when it loses a race.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from civcas.errors import Busy, Conflict

T = TypeVar("T")

# One key for the whole database: the audit chain is one sequence, so its writers take turns.
WRITE_LOCK_KEY = 4242001
# How long a SQLite writer keeps waiting for the write lock, in busy-timeout rounds, before giving up.
BUSY_TIMEOUT_S = 30
BUSY_GIVE_UP_S = 300
# PostgreSQL SQLSTATEs that mean "lost a race, nothing was written": serialization failure, deadlock.
_RETRYABLE_PG = {"40001", "40P01"}


def is_sqlite_busy(exc: BaseException) -> bool:
    text_ = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text_ or "database is busy" in text_


def _lost_race(exc: BaseException) -> bool:
    if isinstance(exc, IntegrityError | StaleDataError):
        return True
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None)
        return code in _RETRYABLE_PG or is_sqlite_busy(exc)
    return False


PAGE_CACHE_KIB = 32 * 1024


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.is_postgres = parsed.get_backend_name() == "postgresql"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, **self._engine_options())
        if self.is_sqlite:
            self._configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Writes go through an engine view whose transactions begin IMMEDIATE on SQLite.
        self._write_sessions = sessionmaker(
            self.engine.execution_options(civcas_write=True), expire_on_commit=False
        )

    def _engine_options(self) -> dict[str, Any]:
        if self.is_sqlite:
            # The driver's own transaction handling is switched off so BEGIN IMMEDIATE can be issued.
            return {
                "connect_args": {
                    "timeout": BUSY_TIMEOUT_S,
                    "check_same_thread": False,
                    "isolation_level": None,
                },
                # The web app serves up to 40 requests at once from its thread pool, each holding up to
                # two connections (the caller's identity and the request's own session); SQLite
                # connections are cheap, so the pool never makes a request wait.
                "pool_size": 20,
                "max_overflow": 80,
                # The most recently returned connection is handed out first: the few a server keeps
                # busy stay warm, each with its own page cache, instead of all twenty in turn.
                "pool_use_lifo": True,
            }
        return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 40}

    @staticmethod
    def _configure_sqlite(engine: Engine) -> None:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            # 32 MB of page cache per connection (SQLite's default is 2 MB): a search reads a
            # thousand reports' rows scattered over the file, and pages kept here skip a system call.
            cur.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            write = conn.get_execution_options().get("civcas_write", False)
            if not write:
                conn.exec_driver_sql("BEGIN")
                return
            # Nothing has been done yet in this transaction, so waiting and trying again is safe.
            deadline = time.monotonic() + BUSY_GIVE_UP_S
            while True:
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                    return
                except OperationalError as exc:
                    if not is_sqlite_busy(exc):
                        raise
                    if time.monotonic() > deadline:
                        raise Busy(
                            f"the database stayed busy for {BUSY_GIVE_UP_S} s (another long write); "
                            "nothing was changed, try again"
                        ) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._write_sessions() as session:
            try:
                if self.is_postgres:
                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on error."""
        try:
            with self._write() as session:
                yield session
        except StaleDataError as exc:
            raise Conflict(
                "someone else changed this record at the same time; nothing was saved, reload and try again"
            ) from exc

    def write_retrying(self, work: Callable[[Session], T], *, attempts: int = 5) -> T:
        """Run `work` in a write transaction, again in a fresh one if it lost a race.

        Only for work that decides from what it reads (ingesting a report: the second try
        finds the copy another writer just stored), never for a person's decision made on
        what they saw earlier: that must surface as `Conflict`.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self._write() as session:
                    return work(session)
            except (DBAPIError, StaleDataError) as exc:
                if attempt == attempts or not _lost_race(exc):
                    if isinstance(exc, StaleDataError):
                        raise Conflict(f"still conflicting after {attempts} tries: {exc}") from exc
                    raise
                time.sleep(0.01 * attempt)
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
