"""The ways a lost race could reach a user, each turned into what it means: a row changed by
someone else is a `Conflict`, a report stored by someone else a moment ago is "already
stored", a SQLite writer that finds the database locked waits its turn."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from civcas.errors import Busy, Conflict
from civcas.ingest.records import make_report
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.ingestion import store_report
from civcas.services.processing import Processed, process_incoming
from civcas.store import audit
from civcas.store import database as database_module
from civcas.store.database import Database
from civcas.store.migrate import upgrade
from civcas.store.tables import Incident, Source

BY = Actor(username="tester", role=Role.ANALYST)
REPORT = make_report(
    original=b"An airstrike on 3 March 2017 killed 4 civilians in Raqqa, Raqqa, activists said.",
    media_type="text/plain",
    text="An airstrike on 3 March 2017 killed 4 civilians in Raqqa, Raqqa, activists said.",
    origin="race.txt",
    language="en",
)


def test_a_row_changed_underneath_is_a_conflict_not_a_silent_overwrite(db: Database) -> None:
    with db.write() as s:
        s.add(Incident(state="new"))
    with pytest.raises(Conflict), db.write() as s:
        incident = s.get(Incident, 1)
        assert incident is not None
        # Another writer's change, as the row version sees it.
        s.execute(text("UPDATE incidents SET version = version + 1, state = 'triaged' WHERE id = 1"))
        incident.state = "under_assessment"
    with db.read() as s:
        incident = s.get(Incident, 1)
        assert incident is not None and incident.state == "new"  # nothing of the loser was saved


def test_a_report_stored_by_another_writer_first_is_already_stored(db: Database) -> None:
    with db.write() as s:
        first = store_report(s, REPORT, BY)
    attempts = []

    def racing(session: Session) -> Processed:
        attempts.append(1)
        if len(attempts) == 1:
            # As if the duplicate check ran just before another writer committed the same bytes.
            session.add(Source(sha256=REPORT.sha256, original=b"", media_type="", text="", origin="x"))
            session.flush()
        return process_incoming(session, REPORT, BY)

    outcome = db.write_retrying(racing)
    assert len(attempts) == 2
    assert (outcome.created, outcome.source_id) == (False, first.source.id)
    with db.read() as s:
        assert audit.verify(s)[1] == []


def _hold_write_lock(path: Path, seconds: float, holding: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    holding.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def _sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, busy_s: int, give_up_s: float) -> Database:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_S", busy_s)
    monkeypatch.setattr(database_module, "BUSY_GIVE_UP_S", give_up_s)
    db = Database(f"sqlite:///{tmp_path / 'civcas.db'}")
    upgrade(db)
    return db


def test_sqlite_writer_waits_past_the_busy_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _sqlite(tmp_path, monkeypatch, busy_s=1, give_up_s=30)
    holding = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(tmp_path / "civcas.db", 2.5, holding))
    holder.start()
    holding.wait(5)
    started = time.monotonic()
    with db.write() as s:  # locked for longer than one busy timeout: waits, no "database is locked"
        audit.record(s, actor="t", action="thing.do", entity="thing", entity_id=1)
    holder.join()
    assert time.monotonic() - started >= 2.0
    db.dispose()


def test_sqlite_writer_gives_up_with_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _sqlite(tmp_path, monkeypatch, busy_s=1, give_up_s=1.5)
    holding = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(tmp_path / "civcas.db", 4.0, holding))
    holder.start()
    holding.wait(5)
    with pytest.raises(Busy) as raised, db.write() as s:
        s.execute(text("SELECT 1"))  # the transaction begins here
    holder.join()
    assert "nothing was changed" in raised.value.message
    db.dispose()
