"""Migration 0012 gives the reports linked before it the day and place keys new reports get."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import select

from civcas.ingest.records import make_report
from civcas.link.incremental import blocking_keys
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.linking import key_hash
from civcas.services.processing import process_incoming
from civcas.store.database import Database
from civcas.store.migrate import alembic_config
from civcas.store.tables import IncidentSource, LinkKey

TEXT = "An airstrike hit the market in Saraqib, Idlib, on 3 March 2019, killing 6 civilians."


def _keys(db: Database) -> set[tuple[int, int, int | None]]:
    with db.read() as s:
        return {(k.key, k.incident_id, k.source_id) for k in s.scalars(select(LinkKey))}


def test_old_links_get_the_day_and_place_keys_and_lose_them_on_downgrade(db: Database) -> None:
    report = make_report(
        original=TEXT.encode(), media_type="text/plain", text=TEXT, origin="t", language="en",
        published=datetime(2019, 3, 4, tzinfo=UTC),
    )  # fmt: skip
    with db.write() as s:
        done = process_incoming(s, report, Actor("ana", Role.ANALYST))
    with db.read() as s:
        link = s.scalars(select(IncidentSource)).one()
        wider = {key_hash(k) for k in blocking_keys(link.features or {}) if k[0] in ("day", "place")}
    assert len(wider) == 4  # three days and the place
    everything = _keys(db)
    assert {(k, done.incident_id, done.source_id) for k in wider} <= everything

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    assert _keys(db) == {e for e in everything if e[0] not in wider}
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert _keys(db) == everything
