import contextlib

from sqlalchemy import delete, update

from civcas.store import audit
from civcas.store.database import Database
from civcas.store.tables import AuditEvent


def _three_events(db: Database) -> None:
    for i in range(3):
        with db.write() as s:
            audit.record(s, actor="tester", action="thing.do", entity="thing", entity_id=i, payload={"n": i})


def test_chain_links_each_event_to_the_one_before(db: Database) -> None:
    _three_events(db)
    with db.read() as s:
        count, problems = audit.verify(s)
        events = [(e.prev_hash, e.hash) for e in s.query(AuditEvent).order_by(AuditEvent.id)]
    assert (count, problems) == (3, [])
    assert events[0][0] == audit.GENESIS
    assert events[1][0] == events[0][1]
    assert events[2][0] == events[1][1]


def test_an_edited_event_is_named(db: Database) -> None:
    _three_events(db)
    with db.write() as s:
        s.execute(update(AuditEvent).where(AuditEvent.id == 2).values(payload={"n": 99}))
    with db.read() as s:
        _, problems = audit.verify(s)
    assert [p.event_id for p in problems] == [2]
    assert "edited" in problems[0].problem


def test_a_deleted_event_is_named(db: Database) -> None:
    _three_events(db)
    with db.write() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.id == 2))
    with db.read() as s:
        _, problems = audit.verify(s)
    assert {p.event_id for p in problems} == {3}
    assert any("missing" in p.problem for p in problems)


def test_a_rolled_back_event_is_no_false_alarm(db: Database) -> None:
    # PostgreSQL does not give a rolled-back id back: the gap it leaves is not a deletion.
    _three_events(db)
    with contextlib.suppress(RuntimeError), db.write() as s:
        audit.record(s, actor="tester", action="thing.do", entity="thing", entity_id=9, payload={})
        raise RuntimeError("the writer fails after appending")
    _three_events(db)
    with db.read() as s:
        assert audit.verify(s) == (6, [])
