"""The full-text index, the dashboard rollup and the incidents' languages are kept by database triggers
(migrations 0003, 0004, 0015).

An SQLite batch migration that copies `sources` or `incidents` drops their triggers without a
word; this test fails if a later migration does so without recreating them.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select, text, update

from civcas.store.database import Database
from civcas.store.tables import Incident, IncidentLanguage, IncidentSource, Source

SQLITE_TRIGGERS = {
    "sources_fts_insert",
    "sources_fts_delete",
    "sources_fts_update",
    "incident_rollup_insert",
    "incident_rollup_delete",
    "incident_rollup_update",
    "incident_languages_insert",
    "incident_languages_delete",
    "incident_languages_update",
    "incident_languages_relanguage",
}


def test_triggers_survive_every_migration(db: Database) -> None:
    with db.read() as s:
        if db.is_sqlite:
            found = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            assert found >= SQLITE_TRIGGERS
        else:
            found = set(s.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
            assert {"incident_rollup", "incident_languages", "incident_languages_relanguage"} <= found
            columns = set(
                s.scalars(
                    text("SELECT column_name FROM information_schema.columns WHERE table_name = 'sources'")
                )
            )
            assert "search_vector" in columns


def _languages(db: Database) -> dict[int, dict[str, int]]:
    with db.read() as s:
        out: dict[int, dict[str, int]] = {}
        for incident_id, language, reports in s.execute(select(IncidentLanguage.__table__)):
            out.setdefault(incident_id, {})[language] = reports
        return out


def test_incident_languages_follow_every_change_of_reports(db: Database) -> None:
    with db.write() as s:
        a, b = Incident(title="a"), Incident(title="b")
        texts = {"en1": "en", "ar1": "ar", "ar2": "ar", "x": None}
        sources = {
            key: Source(
                sha256=hashlib.sha256(key.encode()).hexdigest(),
                original=key.encode(),
                media_type="text/plain",
                text=key,
                language=language,
                origin=key,
            )
            for key, language in texts.items()
        }
        s.add_all([a, b, *sources.values()])
        s.flush()
        ids = {key: src.id for key, src in sources.items()}
        incidents = {"a": a.id, "b": b.id}
        for key, where in (("en1", "a"), ("ar1", "a"), ("x", "a"), ("ar2", "b")):
            s.add(IncidentSource(incident_id=incidents[where], source_id=ids[key], method="new"))
    assert _languages(db) == {incidents["a"]: {"en": 1, "ar": 1}, incidents["b"]: {"ar": 1}}

    def change(stmt: object) -> None:
        with db.write() as s:
            s.execute(stmt)  # type: ignore[call-overload]

    change(
        update(IncidentSource)
        .where(IncidentSource.source_id == ids["ar1"])
        .values(incident_id=incidents["b"])
    )
    assert _languages(db) == {incidents["a"]: {"en": 1}, incidents["b"]: {"ar": 2}}
    change(update(Source).where(Source.id == ids["ar2"]).values(language="fr"))
    assert _languages(db) == {incidents["a"]: {"en": 1}, incidents["b"]: {"ar": 1, "fr": 1}}
    change(delete(IncidentSource).where(IncidentSource.source_id == ids["ar1"]))
    assert _languages(db) == {incidents["a"]: {"en": 1}, incidents["b"]: {"fr": 1}}
    change(delete(Incident).where(Incident.id == incidents["b"]))
    assert _languages(db) == {incidents["a"]: {"en": 1}}
